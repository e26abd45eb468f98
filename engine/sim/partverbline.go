package sim

import "failwright/engine/shell"

// The typed verbs of the parts a pool failover does not bring back (partverbs.go): each
// Line parses back into the same value (ParseVerb).

// StopLoadBalancer is Stop-SimLoadBalancer: a load balancer fails.
type StopLoadBalancer struct{ Name string }

// StartLoadBalancer is Start-SimLoadBalancer: a failed load balancer comes back.
type StartLoadBalancer struct{ Name string }

// StopDNSProvider is Stop-SimDnsProvider: a GeoDNS provider stops answering.
type StopDNSProvider struct{ Name string }

// StartDNSProvider is Start-SimDnsProvider: a GeoDNS provider answers again.
type StartDNSProvider struct{ Name string }

// StopGateway is Stop-SimGateway: a PSTN gateway fails.
type StopGateway struct{ FQDN string }

// StartGateway is Start-SimGateway: a failed PSTN gateway comes back.
type StartGateway struct{ FQDN string }

// StopPersistentChat is Stop-SimPersistentChat: a Persistent Chat pool's servers stop, in
// Site only when it is given.
type StopPersistentChat struct{ FQDN, Site string }

// StartPersistentChat is Start-SimPersistentChat: a Persistent Chat pool's servers start
// again, in Site only when it is given.
type StartPersistentChat struct{ FQDN, Site string }

// SetPersistentChatNextHop is Set-SimPersistentChatNextHop: a Persistent Chat pool routes
// through another Front End pool (Topology Builder).
type SetPersistentChatNextHop struct{ FQDN, Pool string }

// SetDNSRecord is Set-SimDnsRecord: an administrator points a manual DNS record (a simple
// URL's host, or _xmpp-server._tcp.<domain>) at another pool.
type SetDNSRecord struct{ Name, Target string }

func (v StopLoadBalancer) Line() string {
	return "Stop-SimLoadBalancer -Name " + shell.QuoteArg(v.Name)
}
func (v StartLoadBalancer) Line() string {
	return "Start-SimLoadBalancer -Name " + shell.QuoteArg(v.Name)
}
func (v StopDNSProvider) Line() string { return "Stop-SimDnsProvider -Name " + shell.QuoteArg(v.Name) }
func (v StartDNSProvider) Line() string {
	return "Start-SimDnsProvider -Name " + shell.QuoteArg(v.Name)
}
func (v StopGateway) Line() string  { return "Stop-SimGateway -Fqdn " + shell.QuoteArg(v.FQDN) }
func (v StartGateway) Line() string { return "Start-SimGateway -Fqdn " + shell.QuoteArg(v.FQDN) }
func (v StopPersistentChat) Line() string {
	return chatLine("Stop-SimPersistentChat", v.FQDN, v.Site)
}
func (v StartPersistentChat) Line() string {
	return chatLine("Start-SimPersistentChat", v.FQDN, v.Site)
}
func (v SetPersistentChatNextHop) Line() string {
	return "Set-SimPersistentChatNextHop -Fqdn " + shell.QuoteArg(v.FQDN) + " -PoolFqdn " + shell.QuoteArg(v.Pool)
}
func (v SetDNSRecord) Line() string {
	return "Set-SimDnsRecord -Name " + shell.QuoteArg(v.Name) + " -Target " + shell.QuoteArg(v.Target)
}

func chatLine(verb, fqdn, site string) string {
	if site != "" {
		return verb + " -Fqdn " + shell.QuoteArg(fqdn) + " -Site " + shell.QuoteArg(site)
	}
	return verb + " -Fqdn " + shell.QuoteArg(fqdn)
}

func (StopLoadBalancer) isVerb()         {}
func (StartLoadBalancer) isVerb()        {}
func (StopDNSProvider) isVerb()          {}
func (StartDNSProvider) isVerb()         {}
func (StopGateway) isVerb()              {}
func (StartGateway) isVerb()             {}
func (StopPersistentChat) isVerb()       {}
func (StartPersistentChat) isVerb()      {}
func (SetPersistentChatNextHop) isVerb() {}
func (SetDNSRecord) isVerb()             {}

func init() {
	for k, v := range map[string]func(shell.Command) Verb{
		"Stop-SimLoadBalancer":    func(c shell.Command) Verb { return StopLoadBalancer{c.Str("Name")} },
		"Start-SimLoadBalancer":   func(c shell.Command) Verb { return StartLoadBalancer{c.Str("Name")} },
		"Stop-SimDnsProvider":     func(c shell.Command) Verb { return StopDNSProvider{c.Str("Name")} },
		"Start-SimDnsProvider":    func(c shell.Command) Verb { return StartDNSProvider{c.Str("Name")} },
		"Stop-SimGateway":         func(c shell.Command) Verb { return StopGateway{c.Str("Fqdn")} },
		"Start-SimGateway":        func(c shell.Command) Verb { return StartGateway{c.Str("Fqdn")} },
		"Stop-SimPersistentChat":  func(c shell.Command) Verb { return StopPersistentChat{c.Str("Fqdn"), c.Str("Site")} },
		"Start-SimPersistentChat": func(c shell.Command) Verb { return StartPersistentChat{c.Str("Fqdn"), c.Str("Site")} },
		"Set-SimPersistentChatNextHop": func(c shell.Command) Verb {
			return SetPersistentChatNextHop{c.Str("Fqdn"), c.Str("PoolFqdn")}
		},
		"Set-SimDnsRecord": func(c shell.Command) Verb { return SetDNSRecord{c.Str("Name"), c.Str("Target")} },
	} {
		verbOf[k] = v
	}
}
