package topology

import "strings"

// This file models the parts of a deployment that a pool failover does not bring back by
// itself: simple URLs and their DNS, web services behind load balancers, the Location
// Information Service database, Response Groups, Call Park and announcements, Persistent
// Chat, XMPP federation and PSTN gateways. docs/recovery.md describes each with its sources.

// SimpleURLKind is which simple URL a SimpleURL is.
type SimpleURLKind string

// The simple URL kinds: Meet and Dial-in are required in a deployment, Admin is optional
// (SFB:plan-your-deployment/network-requirements/simple-urls.md).
const (
	SimpleURLMeet   SimpleURLKind = "Meet"
	SimpleURLDialin SimpleURLKind = "Dialin"
	SimpleURLAdmin  SimpleURLKind = "Admin"
)

// SimpleURLKinds lists every SimpleURLKind.
var SimpleURLKinds = []SimpleURLKind{SimpleURLMeet, SimpleURLDialin, SimpleURLAdmin}

// Publishing says how a DNS name (a simple URL, an XMPP SRV record) follows a disaster.
type Publishing string

// The publishing kinds.
const (
	// PublishingManual is a DNS record an administrator changes by hand to point at another
	// pool; clients keep the old answer for the record's TTL after that.
	PublishingManual Publishing = "Manual"
	// PublishingGeoDNS is a name answered by a DNS load balancer with health monitoring, which
	// answers with a pool that is up. Microsoft's disaster-recovery option for simple URLs
	// covers Meet and Dial-in (SFB:plan-your-deployment/network-requirements/simple-urls.md).
	PublishingGeoDNS Publishing = "GeoDNS"
)

// Publishings lists every Publishing.
var Publishings = []Publishing{PublishingManual, PublishingGeoDNS}

// DefaultDNSTTLSeconds is the TTL failwright assumes for a DNS record that gives none: one
// hour, a common default of DNS servers for records created by hand.
const DefaultDNSTTLSeconds = 3600

// SimpleURL is one simple URL and where its name resolves.
type SimpleURL struct {
	// Kind is Meet, Dialin or Admin.
	Kind SimpleURLKind `json:"kind"`
	// URL is the simple URL, an https URL such as https://meet.litwareinc.com.
	URL string `json:"url"`
	// Publishing is GeoDNS or Manual; empty means Manual.
	Publishing Publishing `json:"publishing,omitempty"`
	// DNSProvider is the name of the DNSProviders entry that answers for the name; required
	// for GeoDNS.
	DNSProvider string `json:"dnsProvider,omitempty"`
	// Pools are the FQDNs of the Front End pools whose web services the name resolves to, the
	// one it points to first (a manual record's current target) first.
	Pools []string `json:"pools,omitempty"`
	// TTLSeconds is the record's time to live; zero means DefaultDNSTTLSeconds.
	TTLSeconds int `json:"ttlSeconds,omitempty"`
}

// EffectivePublishing is the URL's publishing with the default (Manual) applied.
func (s *SimpleURL) EffectivePublishing() Publishing {
	if s.Publishing == "" {
		return PublishingManual
	}
	return s.Publishing
}

// EffectiveTTLSeconds is the URL's TTL with the default applied.
func (s *SimpleURL) EffectiveTTLSeconds() int {
	if s.TTLSeconds <= 0 {
		return DefaultDNSTTLSeconds
	}
	return s.TTLSeconds
}

// Host is the host name of the URL ("meet.litwareinc.com"), or "" when the URL is not an
// https URL.
func (s *SimpleURL) Host() string {
	host, _, ok := splitHTTPS(s.URL)
	if !ok {
		return ""
	}
	return host
}

// DNSProvider is a DNS service that publishes names by GeoDNS with health monitoring.
type DNSProvider struct {
	// Name identifies the provider, for example "Contoso GeoDNS".
	Name string `json:"name"`
	// Sites are the sites that host the provider's DNS load balancers; empty means an outside
	// provider that no site failure takes down.
	Sites []string `json:"sites,omitempty"`
}

// LoadBalancer is a hardware load balancer in a site. Web services need one: DNS load
// balancing does not work for client-to-server HTTP traffic
// (SFB:plan-your-deployment/network-requirements/load-balancing.md).
type LoadBalancer struct {
	// Name identifies the load balancer, for example "atl-hlb".
	Name string `json:"name"`
	// Site is the site the load balancer is in.
	Site string `json:"site"`
}

// WebServices are a pool's web services FQDNs and their load balancer.
type WebServices struct {
	// Internal is the internal web services FQDN.
	Internal string `json:"internal,omitempty"`
	// External is the external web services FQDN, published through the reverse proxy.
	External string `json:"external,omitempty"`
	// LoadBalancer is the name of the LoadBalancers entry in front of the web services.
	LoadBalancer string `json:"loadBalancer,omitempty"`
}

// PersistentChatPool is a Persistent Chat Server pool. Its disaster recovery is its own: one
// pool stretched over two data centres, the database log-shipped to a backup database in the
// second, failed over by hand (FACTS §19). Lync Server 2013 and Skype for Business Server
// 2015 only: the role is removed from 2019 (SFB19:deprecated-2019.md).
type PersistentChatPool struct {
	// FQDN is the pool's FQDN.
	FQDN string `json:"fqdn"`
	// Site is the data centre whose database is active (the pool's site in the topology).
	Site string `json:"site"`
	// BackupSite is the stretched pool's other data centre, which holds the log-shipped
	// backup database; empty means no disaster recovery for Persistent Chat.
	BackupSite string `json:"backupSite,omitempty"`
	// Version is Lync2013 or SfB2015.
	Version Version `json:"version"`
	// Servers are the pool's servers.
	Servers []Server `json:"servers,omitempty"`
	// NextHop is the FQDN of the Front End pool the Persistent Chat pool routes through.
	NextHop string `json:"nextHop"`
	// Users is the number of users who use Persistent Chat.
	Users int `json:"users,omitempty"`
}

// XMPPGateway is the XMPP federation route of a SIP domain: the XMPP proxy on an Edge pool
// (the site's XmppExternalFederationRoute) and the _xmpp-server._tcp SRV record partners
// find it by (FACTS §15). Lync Server 2013 and Skype for Business Server 2015 only
// (SFB19:deprecated-2019.md).
type XMPPGateway struct {
	// Domain is the SIP domain the _xmpp-server._tcp.<domain> SRV record is published for.
	Domain string `json:"domain"`
	// EdgePool is the FQDN of the Edge pool that carries XMPP federation.
	EdgePool string `json:"edgePool"`
	// Publishing is GeoDNS or Manual for the SRV record and the Edge pool's A record; empty
	// means Manual.
	Publishing Publishing `json:"publishing,omitempty"`
	// DNSProvider is the name of the DNSProviders entry that answers for the record; required
	// for GeoDNS.
	DNSProvider string `json:"dnsProvider,omitempty"`
	// TTLSeconds is the records' time to live; zero means DefaultDNSTTLSeconds.
	TTLSeconds int `json:"ttlSeconds,omitempty"`
}

// EffectivePublishing is the gateway's publishing with the default (Manual) applied.
func (g *XMPPGateway) EffectivePublishing() Publishing {
	if g.Publishing == "" {
		return PublishingManual
	}
	return g.Publishing
}

// EffectiveTTLSeconds is the gateway's TTL with the default applied.
func (g *XMPPGateway) EffectiveTTLSeconds() int {
	if g.TTLSeconds <= 0 {
		return DefaultDNSTTLSeconds
	}
	return g.TTLSeconds
}

// PSTNGateway is a PSTN gateway (or SIP trunk peer) and the pools whose collocated Mediation
// Servers route calls to it. Mediation runs on every Front End Server when collocated, so it
// is lost with its pool; voice resiliency relies on a failover route to a gateway in another
// site (FACTS §19).
type PSTNGateway struct {
	// FQDN is the gateway's FQDN.
	FQDN string `json:"fqdn"`
	// Site is the site the gateway is in.
	Site string `json:"site"`
	// Mediation are the FQDNs of the Front End pools whose collocated Mediation Servers route
	// to the gateway.
	Mediation []string `json:"mediation,omitempty"`
	// FailoverGateway is the FQDN of the gateway a failover route sends calls to when this
	// one cannot be reached; empty means there is no failover route.
	FailoverGateway string `json:"failoverGateway,omitempty"`
}

// DNSProviderByName returns the DNS provider with the given name, compared
// case-insensitively, or nil.
func (t *Topology) DNSProviderByName(name string) *DNSProvider {
	for i := range t.DNSProviders {
		if strings.EqualFold(t.DNSProviders[i].Name, name) {
			return &t.DNSProviders[i]
		}
	}
	return nil
}

// LoadBalancerByName returns the load balancer with the given name, compared
// case-insensitively, or nil.
func (t *Topology) LoadBalancerByName(name string) *LoadBalancer {
	for i := range t.LoadBalancers {
		if strings.EqualFold(t.LoadBalancers[i].Name, name) {
			return &t.LoadBalancers[i]
		}
	}
	return nil
}

// WebLoadBalancer returns the load balancer in front of pool p's web services, or nil when
// it has none or the name does not resolve.
func (t *Topology) WebLoadBalancer(p *Pool) *LoadBalancer {
	if p == nil || p.WebServices == nil || p.WebServices.LoadBalancer == "" {
		return nil
	}
	return t.LoadBalancerByName(p.WebServices.LoadBalancer)
}

// PSTNGatewayByFQDN returns the PSTN gateway with the given FQDN, compared
// case-insensitively, or nil.
func (t *Topology) PSTNGatewayByFQDN(fqdn string) *PSTNGateway {
	for i := range t.PSTNGateways {
		if strings.EqualFold(t.PSTNGateways[i].FQDN, fqdn) {
			return &t.PSTNGateways[i]
		}
	}
	return nil
}

// SimpleURLPath is the model path of the i-th simple URL: "simpleUrls[i]" (simple URLs are
// named by index: a URL is no short name).
func (t *Topology) SimpleURLPath(i int) string { return indexPath("simpleUrls", i) }

// DNSProviderPath is the model path of the i-th DNS provider: "dnsProviders[NAME]", or by
// index as SitePath does.
func (t *Topology) DNSProviderPath(i int) string {
	return elemPath("dnsProviders", i, t.DNSProviders[i].Name, func(j int) string { return t.DNSProviders[j].Name })
}

// LoadBalancerPath is the model path of the i-th load balancer: "loadBalancers[NAME]", or by
// index as SitePath does.
func (t *Topology) LoadBalancerPath(i int) string {
	return elemPath("loadBalancers", i, t.LoadBalancers[i].Name, func(j int) string { return t.LoadBalancers[j].Name })
}

// PersistentChatPath is the model path of the i-th Persistent Chat pool:
// "persistentChat[FQDN]", or by index as PoolPath does.
func (t *Topology) PersistentChatPath(i int) string {
	return elemPath("persistentChat", i, t.PersistentChat[i].FQDN, func(j int) string { return t.PersistentChat[j].FQDN })
}

// XMPPGatewayPath is the model path of the i-th XMPP gateway: "xmppGateways[DOMAIN]", or by
// index as PoolPath does.
func (t *Topology) XMPPGatewayPath(i int) string {
	return elemPath("xmppGateways", i, t.XMPPGateways[i].Domain, func(j int) string { return t.XMPPGateways[j].Domain })
}

// PSTNGatewayPath is the model path of the i-th PSTN gateway: "pstnGateways[FQDN]", or by
// index as PoolPath does.
func (t *Topology) PSTNGatewayPath(i int) string {
	return elemPath("pstnGateways", i, t.PSTNGateways[i].FQDN, func(j int) string { return t.PSTNGateways[j].FQDN })
}

// splitHTTPS splits "https://host[:port][/path]" into host and path; ok is false when the
// URL does not start with https:// (case-insensitively).
func splitHTTPS(u string) (host, path string, ok bool) {
	const scheme = "https://"
	if len(u) < len(scheme) || !strings.EqualFold(u[:len(scheme)], scheme) {
		return "", "", false
	}
	rest := u[len(scheme):]
	host, path = rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	return host, path, true
}

// ValidSimpleURL reports whether s is a simple URL failwright accepts: https://, a host that
// is a valid FQDN (no port, user or query), and an optional path of letters, digits and
// - _ . / characters, 2,048 characters at most in all. Nothing that could change the meaning
// of a PowerShell command built from it is accepted.
func ValidSimpleURL(s string) bool {
	if len(s) > 2048 {
		return false
	}
	host, path, ok := splitHTTPS(s)
	if !ok || !ValidFQDN(host) {
		return false
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	return !strings.Contains(path, "//")
}
