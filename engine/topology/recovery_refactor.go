package topology

import "strings"

// followSiteRecovery applies follow to every site reference of the recovery parts.
func (t *Topology) followSiteRecovery(follow func(*string)) {
	for i := range t.LoadBalancers {
		follow(&t.LoadBalancers[i].Site)
	}
	for i := range t.DNSProviders {
		for j := range t.DNSProviders[i].Sites {
			follow(&t.DNSProviders[i].Sites[j])
		}
	}
	for i := range t.PersistentChat {
		follow(&t.PersistentChat[i].Site)
		follow(&t.PersistentChat[i].BackupSite)
	}
	for i := range t.PSTNGateways {
		follow(&t.PSTNGateways[i].Site)
	}
}

// followPoolRecovery applies follow to every pool reference of the recovery parts.
func (t *Topology) followPoolRecovery(follow func(*string)) {
	for i := range t.SimpleURLs {
		for j := range t.SimpleURLs[i].Pools {
			follow(&t.SimpleURLs[i].Pools[j])
		}
	}
	for i := range t.PersistentChat {
		follow(&t.PersistentChat[i].NextHop)
	}
	for i := range t.XMPPGateways {
		follow(&t.XMPPGateways[i].EdgePool)
	}
	for i := range t.PSTNGateways {
		for j := range t.PSTNGateways[i].Mediation {
			follow(&t.PSTNGateways[i].Mediation[j])
		}
	}
}

// RenameLoadBalancer renames load balancer i to name and makes the pools' web services that
// name it follow, compared case-insensitively. As RenameSite, nothing else moves when the old
// name was empty or another load balancer still has it. It returns how many references
// changed; an index out of range changes nothing.
func (t *Topology) RenameLoadBalancer(i int, name string) int {
	if i < 0 || i >= len(t.LoadBalancers) {
		return 0
	}
	old := t.LoadBalancers[i].Name
	t.LoadBalancers[i].Name = name
	for j := range t.LoadBalancers {
		if old == "" || (j != i && strings.EqualFold(t.LoadBalancers[j].Name, old)) {
			return 0
		}
	}
	n := 0
	for j := range t.Pools {
		if w := t.Pools[j].WebServices; w != nil && renameRef(&w.LoadBalancer, old, name) {
			n++
		}
	}
	return n
}

// RenameDNSProvider renames DNS provider i to name and makes the simple URLs and XMPP
// gateways that name it follow, compared case-insensitively. As RenameSite, nothing else
// moves when the old name was empty or another provider still has it. It returns how many
// references changed; an index out of range changes nothing.
func (t *Topology) RenameDNSProvider(i int, name string) int {
	if i < 0 || i >= len(t.DNSProviders) {
		return 0
	}
	old := t.DNSProviders[i].Name
	t.DNSProviders[i].Name = name
	for j := range t.DNSProviders {
		if old == "" || (j != i && strings.EqualFold(t.DNSProviders[j].Name, old)) {
			return 0
		}
	}
	n := 0
	for j := range t.SimpleURLs {
		if renameRef(&t.SimpleURLs[j].DNSProvider, old, name) {
			n++
		}
	}
	for j := range t.XMPPGateways {
		if renameRef(&t.XMPPGateways[j].DNSProvider, old, name) {
			n++
		}
	}
	return n
}

// renameRef sets *ref to name when it names old (case-insensitively) and differs from name,
// and reports whether it changed.
func renameRef(ref *string, old, name string) bool {
	if strings.EqualFold(*ref, old) && *ref != name {
		*ref = name
		return true
	}
	return false
}
