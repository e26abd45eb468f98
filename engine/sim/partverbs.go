package sim

import (
	"fmt"
	"strings"
	"time"

	"failwright/engine/topology"
)

// This file holds the simulator verbs of the parts a pool failover does not bring back: load
// balancers, DNS providers, PSTN gateways and Persistent Chat servers that fail and come back,
// and the changes an administrator makes by hand outside the Management Shell (a DNS record, a
// Persistent Chat pool's next hop in Topology Builder).

// partVerbs are the behaviours of the parts' verbs (added to handlers with simVerbs).
var partVerbs = map[string]func(*ctx){
	"Stop-SimLoadBalancer":         func(c *ctx) { c.setLB(false) },
	"Start-SimLoadBalancer":        func(c *ctx) { c.setLB(true) },
	"Stop-SimDnsProvider":          func(c *ctx) { c.setDNS(false) },
	"Start-SimDnsProvider":         func(c *ctx) { c.setDNS(true) },
	"Stop-SimGateway":              func(c *ctx) { c.setGateway(false) },
	"Start-SimGateway":             func(c *ctx) { c.setGateway(true) },
	"Stop-SimPersistentChat":       func(c *ctx) { c.setChat(false) },
	"Start-SimPersistentChat":      func(c *ctx) { c.setChat(true) },
	"Set-SimPersistentChatNextHop": cmdChatNextHop,
	"Set-SimDnsRecord":             cmdSetDNSRecord,
}

// named resolves a -Name or -Fqdn value among names with find, writing the not-found error
// (what, the list's key in the topology, and a did-you-mean) when it finds none.
func (c *ctx) named(param, what, id string, names []string, find func(string) int) int {
	v := c.cmd.Str(param)
	i := find(v)
	if i < 0 {
		if len(names) == 0 {
			c.fail(id, "ObjectNotFound", fmt.Sprintf(`Cannot find %s "%s": the topology has none.`, what, v))
			return -1
		}
		c.fail(id, "ObjectNotFound", fmt.Sprintf(`Cannot find %s "%s" in the topology.%s`, what, v, suggestion(v, names)))
	}
	return i
}

func (c *ctx) setLB(up bool) {
	s := c.s
	t := s.x.topo
	var names []string
	for _, lb := range t.LoadBalancers {
		names = append(names, lb.Name)
	}
	i := c.named("Name", "load balancer", "FW-LB-NOT-FOUND", names, s.x.findLB)
	if i < 0 {
		return
	}
	if s.st.parts.lbUp[i] == up {
		c.warnf(`Load balancer "%s" is already %s.`, t.LoadBalancers[i].Name, upText(up))
		return
	}
	c.change(!up, func() {
		s.st.parts.lbUp[i] = up
		s.logf("Load balancer %s %s.", t.LoadBalancers[i].Name, startedText(up))
	})
}

func (c *ctx) setDNS(up bool) {
	s := c.s
	t := s.x.topo
	var names []string
	for _, d := range t.DNSProviders {
		names = append(names, d.Name)
	}
	i := c.named("Name", "DNS provider", "FW-DNS-PROVIDER-NOT-FOUND", names, s.x.findDNS)
	if i < 0 {
		return
	}
	if s.st.parts.dnsUp[i] == up {
		c.warnf(`DNS provider "%s" is already %s.`, t.DNSProviders[i].Name, upText(up))
		return
	}
	c.change(!up, func() {
		s.st.parts.dnsUp[i] = up
		s.logf("DNS provider %s %s.", t.DNSProviders[i].Name, map[bool]string{true: "answers again", false: "stopped answering"}[up])
	})
}

func (c *ctx) setGateway(up bool) {
	s := c.s
	t := s.x.topo
	var names []string
	for _, g := range t.PSTNGateways {
		names = append(names, g.FQDN)
	}
	i := c.named("Fqdn", "PSTN gateway", "FW-GATEWAY-NOT-FOUND", names, s.x.findGateway)
	if i < 0 {
		return
	}
	if s.st.parts.gwUp[i] == up {
		c.warnf(`PSTN gateway "%s" is already %s.`, t.PSTNGateways[i].FQDN, upText(up))
		return
	}
	c.change(!up, func() {
		s.st.parts.gwUp[i] = up
		s.logf("PSTN gateway %s %s.", t.PSTNGateways[i].FQDN, startedText(up))
	})
}

// chatPool resolves the -Fqdn (or -Identity) of a Persistent Chat pool.
func (c *ctx) chatPool(param string) int {
	var names []string
	for _, cp := range c.s.x.topo.PersistentChat {
		names = append(names, cp.FQDN)
	}
	return c.named(param, "Persistent Chat pool", "FW-PCHAT-NOT-FOUND", names, c.s.x.findChat)
}

// chatSites are the sites of Persistent Chat pool i: its own and its backup site.
func (s *Sim) chatSites(i int) []int {
	cp := &s.x.topo.PersistentChat[i]
	out := []int{s.x.findSite(cp.Site)}
	if b := s.x.findSite(cp.BackupSite); b >= 0 && cp.BackupSite != "" {
		out = append(out, b)
	}
	return out
}

func (c *ctx) setChat(up bool) {
	s := c.s
	i := c.chatPool("Fqdn")
	if i < 0 {
		return
	}
	cp := &s.x.topo.PersistentChat[i]
	sites := s.chatSites(i)
	if c.cmd.Has("Site") {
		k := c.site("Site")
		if k < 0 {
			return
		}
		if k != sites[0] && (len(sites) < 2 || k != sites[1]) {
			c.fail("FW-PCHAT-SITE", "InvalidArgument", fmt.Sprintf(`Persistent Chat pool "%s" has no servers in site "%s": it is in %s.`, cp.FQDN, s.x.sites[k].name, s.siteList(sites)))
			return
		}
		sites = []int{k}
	}
	c.change(!up, func() {
		for _, k := range sites {
			if k >= 0 {
				s.st.parts.chatStopped[i*len(s.x.sites)+k] = !up
			}
		}
		s.logf("Persistent Chat servers of %s in %s %s.", cp.FQDN, s.siteList(sites), startedText(up))
	})
}

func (s *Sim) siteList(ks []int) string {
	var names []string
	for _, k := range ks {
		if k >= 0 {
			names = append(names, s.x.sites[k].name)
		}
	}
	return strings.Join(names, " and ")
}

// cmdChatNextHop is Set-SimPersistentChatNextHop: what an administrator does in Topology
// Builder when the Persistent Chat pool's next-hop Front End pool is lost (FACTS §19).
func cmdChatNextHop(c *ctx) {
	s := c.s
	i := c.chatPool("Fqdn")
	if i < 0 {
		return
	}
	p := c.frontEnd("PoolFqdn")
	if p < 0 || !c.requireCMS() {
		return
	}
	c.change(false, func() {
		s.st.parts.chatHop[i] = p
		s.logf("Topology published: Persistent Chat pool %s routes through %s.", s.x.topo.PersistentChat[i].FQDN, s.x.pools[p].fqdn)
	})
}

// cmdSetDNSRecord is Set-SimDnsRecord: an administrator points a manually published DNS
// record (a simple URL's host, or an XMPP SRV record) at another pool. Clients keep the old
// answer for the record's TTL.
func cmdSetDNSRecord(c *ctx) {
	s := c.s
	t := s.x.topo
	name := strings.TrimSuffix(strings.TrimSpace(c.cmd.Str("Name")), ".")
	var urls, gws []int
	var known []string
	for i := range t.SimpleURLs {
		h := t.SimpleURLs[i].Host()
		known = append(known, h)
		if strings.EqualFold(h, name) {
			urls = append(urls, i)
		}
	}
	for i, g := range t.XMPPGateways {
		srv := "_xmpp-server._tcp." + g.Domain
		known = append(known, srv)
		if strings.EqualFold(srv, name) || strings.EqualFold(g.Domain, name) {
			gws = append(gws, i)
		}
	}
	if len(urls)+len(gws) == 0 {
		c.fail("FW-DNS-RECORD-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`No simple URL or XMPP record of the topology is named "%s".%s`, name, suggestion(name, known)))
		return
	}
	if len(urls) > 0 {
		c.setURLRecord(name, urls)
		return
	}
	c.setXMPPRecord(name, gws)
}

func (c *ctx) setURLRecord(name string, urls []int) {
	s := c.s
	t := s.x.topo
	for _, u := range urls {
		if su := &t.SimpleURLs[u]; su.EffectivePublishing() == topology.PublishingGeoDNS {
			c.fail("FW-DNS-GEODNS", "InvalidOperation", fmt.Sprintf(`"%s" is published by GeoDNS through "%s": it answers with a pool whose web services are up by itself, and is not changed by hand. Start the DNS provider or the pools' web services instead.`, name, su.DNSProvider))
			return
		}
	}
	target := c.cmd.Str("Target")
	p := s.x.webPool(target)
	if p < 0 || !s.x.isFE(p) {
		c.fail("FW-DNS-TARGET", "InvalidArgument", fmt.Sprintf(`"%s" is not a Front End pool or the web services FQDN of one: a simple URL resolves to a pool's web services.%s`, target, suggestion(target, s.x.frontEndNames())))
		return
	}
	ttl := time.Duration(t.SimpleURLs[urls[0]].EffectiveTTLSeconds()) * time.Second
	c.change(false, func() {
		ps := &s.st.parts
		for _, u := range urls {
			ps.urlOld[u] = seen(ps.urlOld[u], ps.urlNew[u], ps.urlAt[u], s.st.now)
			ps.urlNew[u] = p
			ps.urlAt[u] = s.st.now + ttl
		}
		s.schedule(s.st.now+ttl, "dns ttl "+name)
		s.logf("DNS record %s now points at %s; clients see the change once its TTL (%s) has passed.", name, s.x.pools[p].fqdn, FormatDuration(ttl))
	})
}

func (c *ctx) setXMPPRecord(name string, gws []int) {
	s := c.s
	t := s.x.topo
	if g := &t.XMPPGateways[gws[0]]; g.EffectivePublishing() == topology.PublishingGeoDNS {
		c.fail("FW-DNS-GEODNS", "InvalidOperation", fmt.Sprintf(`"%s" is published by GeoDNS through "%s": it follows the XMPP route by itself, and is not changed by hand. Move the route with Set-CsSite -XmppExternalFederationRoute.`, name, g.DNSProvider))
		return
	}
	target := c.cmd.Str("Target")
	e := s.x.findPool(target)
	if !s.x.isRole(e, topology.Edge) {
		var edges []string
		for _, k := range s.x.edges {
			edges = append(edges, s.x.pools[k].fqdn)
		}
		c.fail("FW-DNS-TARGET", "InvalidArgument", fmt.Sprintf(`"%s" is not an Edge pool: an XMPP record points at the Edge pool that carries XMPP federation.%s`, target, suggestion(target, edges)))
		return
	}
	ttl := time.Duration(t.XMPPGateways[gws[0]].EffectiveTTLSeconds()) * time.Second
	c.change(false, func() {
		ps := &s.st.parts
		for _, g := range gws {
			ps.xmppOld[g] = seen(ps.xmppOld[g], ps.xmppNew[g], ps.xmppAt[g], s.st.now)
			ps.xmppNew[g] = e
			ps.xmppAt[g] = s.st.now + ttl
		}
		s.schedule(s.st.now+ttl, "dns ttl "+name)
		s.logf("DNS record %s now points at %s; partners see the change once its TTL (%s) has passed.", name, s.x.pools[e].fqdn, FormatDuration(ttl))
	})
}

// frontEndNames lists the Front End pools' FQDNs in topology order.
func (x *index) frontEndNames() []string {
	var out []string
	for _, p := range x.frontEnds {
		out = append(out, x.pools[p].fqdn)
	}
	return out
}
