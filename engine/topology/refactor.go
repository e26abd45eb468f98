package topology

import "strings"

// RenameSite renames site i to name and makes every reference to the site follow it: the
// pools' and the branches' site, and the sites of the recovery parts (load balancers, DNS
// providers, Persistent Chat pools and their backup site, PSTN gateways). References are compared case-insensitively, as the rest of
// the package compares site names. Nothing else moves when the old name was empty, or when
// another site still carries the old name (the references may be that site's; moving them
// would take its pools away, as typing a name through a duplicate would). It returns how
// many references changed; an index out of range changes nothing.
func (t *Topology) RenameSite(i int, name string) int {
	if i < 0 || i >= len(t.Sites) {
		return 0
	}
	old := t.Sites[i].Name
	t.Sites[i].Name = name
	if old == "" || t.siteNamed(old, i) {
		return 0
	}
	n := 0
	follow := func(ref *string) {
		if strings.EqualFold(*ref, old) && *ref != name {
			*ref = name
			n++
		}
	}
	for j := range t.Pools {
		follow(&t.Pools[j].Site)
	}
	for j := range t.Branches {
		follow(&t.Branches[j].Site)
	}
	t.followSiteRecovery(follow)
	return n
}

// RenamePool renames pool i to fqdn and makes every reference to the pool follow it: the
// backup pool of its partner, the Edge pools' next hop, the Central Management store, the
// branches' backup registrar, and the recovery parts' pools (simple URLs' pools, Persistent
// Chat next hops, XMPP gateways' Edge pools, PSTN gateways' Mediation pools). References are compared case-insensitively, as DNS names are.
// Nothing else moves when the old FQDN was empty or another pool still has it (the
// references may be that pool's). It returns how many references changed; an index out of
// range changes nothing.
func (t *Topology) RenamePool(i int, fqdn string) int {
	if i < 0 || i >= len(t.Pools) {
		return 0
	}
	old := t.Pools[i].FQDN
	t.Pools[i].FQDN = fqdn
	if old == "" || t.poolNamed(old, i) {
		return 0
	}
	n := 0
	follow := func(ref *string) {
		if strings.EqualFold(*ref, old) && *ref != fqdn {
			*ref = fqdn
			n++
		}
	}
	for j := range t.Pools {
		follow(&t.Pools[j].BackupPool)
		follow(&t.Pools[j].NextHop)
	}
	follow(&t.CMS.Pool)
	for j := range t.Branches {
		follow(&t.Branches[j].BackupRegistrar)
	}
	t.followPoolRecovery(follow)
	return n
}

// siteNamed reports whether a site other than site i is called name (case-insensitively).
func (t *Topology) siteNamed(name string, i int) bool {
	for j := range t.Sites {
		if j != i && strings.EqualFold(t.Sites[j].Name, name) {
			return true
		}
	}
	return false
}

// poolNamed reports whether a pool other than pool i has the FQDN (case-insensitively).
func (t *Topology) poolNamed(fqdn string, i int) bool {
	for j := range t.Pools {
		if j != i && strings.EqualFold(t.Pools[j].FQDN, fqdn) {
			return true
		}
	}
	return false
}
