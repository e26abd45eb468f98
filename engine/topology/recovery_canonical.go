package topology

import (
	"sort"
	"strings"
)

// canonicalPoolRecovery copies pool p's recovery fields into its canonical form q: FQDNs
// lower-cased. Empty web services stay out, so that a topology without them keeps its
// fingerprint.
func canonicalPoolRecovery(p, q *Pool) {
	if w := p.WebServices; w != nil && *w != (WebServices{}) {
		q.WebServices = &WebServices{Internal: strings.ToLower(w.Internal), External: strings.ToLower(w.External), LoadBalancer: w.LoadBalancer}
	}
	q.LocationDatabase, q.ResponseGroups, q.CallPark, q.Announcements = p.LocationDatabase, p.ResponseGroups, p.CallPark, p.Announcements
}

// canonicalRecovery copies t's recovery lists into c, normalised as Canonical describes:
// defaults applied (publishing Manual, TTL 3,600 s), FQDNs lower-cased, lists sorted except
// a simple URL's pools, whose order says which pool the name points to first.
func canonicalRecovery(t, c *Topology) {
	lc := strings.ToLower
	lower := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			out = append(out, lc(x))
		}
		return out
	}
	for _, s := range t.SimpleURLs {
		c.SimpleURLs = append(c.SimpleURLs, SimpleURL{Kind: s.Kind, URL: canonicalURL(s.URL), Publishing: s.EffectivePublishing(),
			DNSProvider: s.DNSProvider, Pools: lower(s.Pools), TTLSeconds: s.EffectiveTTLSeconds()})
	}
	sortByJSON(c.SimpleURLs, func(s SimpleURL) string { return string(s.Kind) + " " + s.URL })
	for _, d := range t.DNSProviders {
		sites := append([]string(nil), d.Sites...)
		sort.Strings(sites)
		c.DNSProviders = append(c.DNSProviders, DNSProvider{Name: d.Name, Sites: sites})
	}
	sortByJSON(c.DNSProviders, func(d DNSProvider) string { return d.Name })
	c.LoadBalancers = append(c.LoadBalancers, t.LoadBalancers...)
	sortByJSON(c.LoadBalancers, func(l LoadBalancer) string { return l.Name })
	for _, p := range t.PersistentChat {
		q := PersistentChatPool{FQDN: lc(p.FQDN), Site: p.Site, BackupSite: p.BackupSite, Version: p.Version,
			NextHop: lc(p.NextHop), Users: p.Users}
		for _, s := range p.Servers {
			q.Servers = append(q.Servers, Server{FQDN: lc(s.FQDN)})
		}
		c.PersistentChat = append(c.PersistentChat, q)
	}
	sortByJSON(c.PersistentChat, func(p PersistentChatPool) string { return p.FQDN })
	for _, g := range t.XMPPGateways {
		c.XMPPGateways = append(c.XMPPGateways, XMPPGateway{Domain: lc(g.Domain), EdgePool: lc(g.EdgePool),
			Publishing: g.EffectivePublishing(), DNSProvider: g.DNSProvider, TTLSeconds: g.EffectiveTTLSeconds()})
	}
	sortByJSON(c.XMPPGateways, func(g XMPPGateway) string { return g.Domain })
	for _, g := range t.PSTNGateways {
		m := lower(g.Mediation)
		sort.Strings(m)
		c.PSTNGateways = append(c.PSTNGateways, PSTNGateway{FQDN: lc(g.FQDN), Site: g.Site, Mediation: m, FailoverGateway: lc(g.FailoverGateway)})
	}
	sortByJSON(c.PSTNGateways, func(g PSTNGateway) string { return g.FQDN })
}

// canonicalURL lower-cases the scheme and host of an https URL and keeps its path, which a
// web server may treat case-sensitively; anything else is kept as it is.
func canonicalURL(u string) string {
	host, path, ok := splitHTTPS(u)
	if !ok {
		return u
	}
	return "https://" + strings.ToLower(host) + path
}
