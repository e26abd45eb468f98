package sim

import (
	"strings"
	"time"

	"failwright/engine/features"
	"failwright/engine/topology"
)

// This file holds the state of the parts a pool failover does not bring back by itself
// (docs/recovery.md, "In the simulator"): load balancers, DNS providers, PSTN gateways, the
// manual DNS records of simple URLs and XMPP, where each pool's Response Groups, location data,
// Call Park orbits and announcements are, Persistent Chat pools and the XMPP route. A site that
// fails takes down what is in it: the rules (engine/features) read the sites' state.

// parts is the mutable state of those parts. Slices are indexed as the topology's lists.
type parts struct {
	lbUp, dnsUp, gwUp []bool
	// Manual DNS records, per simple URL and per XMPP gateway: the pool the record pointed at
	// before the last change, the pool it points at now, and when the change becomes visible
	// to clients (the change's time plus the record's TTL).
	urlOld, urlNew   []int
	urlAt            []time.Duration
	xmppOld, xmppNew []int
	xmppAt           []time.Duration
	xmppRoute        []int // per XMPP gateway: the Edge pool the site's XmppExternalFederationRoute names
	// Per pool: where its Response Groups, location data (imported, and published), Call Park
	// orbits and unassigned-number announcements are now.
	rgsOn, lisOn, lisImported, parkOn, annOn []int
	// Per Persistent Chat pool: the site whose database is active, the failover state, the
	// next-hop pool, and whether its servers run in each site (nChat x nSites).
	chatSite    []int
	chatFailed  []bool
	chatHop     []int
	chatStopped []bool
	// rgsFiles and lisFiles are the backups exported in this run: file name (lower case) ->
	// the pool it was exported from; copied on write.
	rgsFiles map[string]int
	lisSaved bool

	// fs is the features.State the rules judge, filled in place by fillFeatures.
	fs features.State
	// Figures per feature: have is what each Front End pool's users have now, chatOK whether
	// each Persistent Chat pool serves; outages and RTOs are indexed pool*nFeatures+feature,
	// then one per Persistent Chat pool.
	have    []features.Set
	chatOK  []bool
	fOut    []time.Duration
	fFault  []bool
	fRTO    []time.Duration
	fRTOSet []bool
	without [nFeatures]int
}

// nFeatures is the number of features (topology.Features).
const nFeatures = 9

func newParts(x *index) parts {
	t := x.topo
	np, ns, nc := len(x.pools), len(x.sites), len(t.PersistentChat)
	p := parts{
		lbUp: filled(len(t.LoadBalancers), true), dnsUp: filled(len(t.DNSProviders), true), gwUp: filled(len(t.PSTNGateways), true),
		urlOld: make([]int, len(t.SimpleURLs)), urlNew: make([]int, len(t.SimpleURLs)), urlAt: make([]time.Duration, len(t.SimpleURLs)),
		xmppOld: make([]int, len(t.XMPPGateways)), xmppNew: make([]int, len(t.XMPPGateways)), xmppAt: make([]time.Duration, len(t.XMPPGateways)),
		xmppRoute: make([]int, len(t.XMPPGateways)),
		rgsOn:     make([]int, np), lisOn: make([]int, np), lisImported: filled(np, -1), parkOn: make([]int, np), annOn: make([]int, np),
		chatSite: make([]int, nc), chatFailed: make([]bool, nc), chatHop: make([]int, nc), chatStopped: make([]bool, nc*ns),
		have: make([]features.Set, np), chatOK: make([]bool, nc),
		fOut: filled(np*nFeatures+nc, never), fFault: make([]bool, np*nFeatures+nc),
		fRTO: make([]time.Duration, np*nFeatures+nc), fRTOSet: make([]bool, np*nFeatures+nc),
	}
	for i := range t.SimpleURLs {
		first := -1
		if ps := t.SimpleURLs[i].Pools; len(ps) > 0 {
			first = x.findPool(ps[0])
		}
		p.urlOld[i], p.urlNew[i] = first, first
	}
	for i, g := range t.XMPPGateways {
		e := x.findPool(g.EdgePool)
		p.xmppOld[i], p.xmppNew[i], p.xmppRoute[i] = e, e, e
	}
	for i := range x.pools {
		p.rgsOn[i], p.lisOn[i], p.parkOn[i], p.annOn[i] = i, i, i, i
	}
	for i, c := range t.PersistentChat {
		p.chatSite[i] = x.findSite(c.Site)
		p.chatHop[i] = x.findPool(c.NextHop)
	}
	p.fs = features.State{
		SiteUp: make([]bool, ns), PoolUp: make([]bool, np), Mode: make([]features.Mode, np), ServedBy: make([]int, np),
		URLTarget: make([]int, len(t.SimpleURLs)), RGSOn: make([]int, np), LISOn: make([]int, np), ParkOn: make([]int, np),
		ChatSite: make([]int, nc), ChatServersUp: make([]bool, nc), ChatHop: make([]int, nc), EdgeHop: make([]int, np),
		XMPPEdge: make([]int, len(t.XMPPGateways)),
	}
	p.fs.LBUp, p.fs.DNSUp, p.fs.GatewayUp = p.lbUp, p.dnsUp, p.gwUp
	return p
}

func (p *parts) clone() parts {
	c := *p
	c.lbUp, c.dnsUp, c.gwUp = cp(p.lbUp), cp(p.dnsUp), cp(p.gwUp)
	c.urlOld, c.urlNew, c.urlAt = cp(p.urlOld), cp(p.urlNew), cp(p.urlAt)
	c.xmppOld, c.xmppNew, c.xmppAt, c.xmppRoute = cp(p.xmppOld), cp(p.xmppNew), cp(p.xmppAt), cp(p.xmppRoute)
	c.rgsOn, c.lisOn, c.lisImported, c.parkOn, c.annOn = cp(p.rgsOn), cp(p.lisOn), cp(p.lisImported), cp(p.parkOn), cp(p.annOn)
	c.chatSite, c.chatFailed, c.chatHop, c.chatStopped = cp(p.chatSite), cp(p.chatFailed), cp(p.chatHop), cp(p.chatStopped)
	c.have, c.chatOK = cp(p.have), cp(p.chatOK)
	c.fOut, c.fFault, c.fRTO, c.fRTOSet = cp(p.fOut), cp(p.fFault), cp(p.fRTO), cp(p.fRTOSet)
	fs := p.fs
	fs.SiteUp, fs.PoolUp, fs.Mode, fs.ServedBy = cp(fs.SiteUp), cp(fs.PoolUp), cp(fs.Mode), cp(fs.ServedBy)
	fs.URLTarget, fs.RGSOn, fs.LISOn, fs.ParkOn = cp(fs.URLTarget), cp(fs.RGSOn), cp(fs.LISOn), cp(fs.ParkOn)
	fs.ChatSite, fs.ChatServersUp, fs.ChatHop, fs.EdgeHop, fs.XMPPEdge = cp(fs.ChatSite), cp(fs.ChatServersUp), cp(fs.ChatHop), cp(fs.EdgeHop), cp(fs.XMPPEdge)
	fs.LBUp, fs.DNSUp, fs.GatewayUp = c.lbUp, c.dnsUp, c.gwUp
	c.fs = fs
	return c
}

// seen is what clients resolve a manual record to at time now: the new target once the TTL
// after the change has passed, the old one until then.
func seen(old, cur int, at, now time.Duration) int {
	if now >= at {
		return cur
	}
	return old
}

// findLB, findDNS, findGateway and findChat return the index of the named part, or -1.
func (x *index) findLB(name string) int {
	for i, lb := range x.topo.LoadBalancers {
		if strings.EqualFold(lb.Name, strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

func (x *index) findDNS(name string) int {
	for i, d := range x.topo.DNSProviders {
		if strings.EqualFold(d.Name, strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

func (x *index) findGateway(fqdn string) int {
	for i, g := range x.topo.PSTNGateways {
		if strings.EqualFold(g.FQDN, strings.TrimSpace(fqdn)) {
			return i
		}
	}
	return -1
}

// findChat finds a Persistent Chat pool by FQDN or by an identity such as
// service:PersistentChatServer:<fqdn> or PersistentChatServer:<fqdn>.
func (x *index) findChat(id string) int {
	f := strings.TrimSpace(id)
	if i := strings.LastIndexByte(f, ':'); i >= 0 {
		f = f[i+1:]
	}
	for i, c := range x.topo.PersistentChat {
		if strings.EqualFold(c.FQDN, f) {
			return i
		}
	}
	return -1
}

// appServerPool reads an ApplicationServer:<pool> or service:ApplicationServer:<pool>
// identity (or a bare FQDN) and returns the pool's index, or -1.
func (x *index) appServerPool(id string) int {
	f := strings.TrimSpace(id)
	if i := strings.LastIndexByte(f, ':'); i >= 0 {
		f = f[i+1:]
	}
	return x.findPool(f)
}

// webPool returns the Front End pool whose FQDN or web services FQDN is name, or -1.
func (x *index) webPool(name string) int {
	if p := x.findPool(name); p >= 0 {
		return p
	}
	for p, pi := range x.pools {
		if w := pi.pool.WebServices; w != nil && (strings.EqualFold(w.Internal, name) || strings.EqualFold(w.External, name)) {
			return p
		}
	}
	return -1
}

// chatSiteDown reports whether the servers of Persistent Chat pool c in site k are stopped.
func (s *Sim) chatSiteDown(c, k int) bool { return k < 0 || s.st.parts.chatStopped[c*len(s.x.sites)+k] }

// isRole reports whether pool p has role r.
func (x *index) isRole(p int, r topology.Role) bool { return p >= 0 && x.pools[p].role == r }

// recoverySnapshot is the state of the parts, or nil when the topology has none of them.
func (s *Sim) recoverySnapshot() *RecoverySnapshot {
	t := s.x.topo
	if len(t.LoadBalancers)+len(t.DNSProviders)+len(t.PSTNGateways)+len(t.SimpleURLs)+len(t.PersistentChat)+len(t.XMPPGateways) == 0 {
		return nil
	}
	st := &s.st
	ps := &st.parts
	siteUp := func(name string) bool {
		k := s.x.findSite(name)
		return k < 0 || st.siteUp[k]
	}
	r := &RecoverySnapshot{}
	for i, lb := range t.LoadBalancers {
		r.LoadBalancers = append(r.LoadBalancers, PartSnapshot{lb.Name, ps.lbUp[i] && siteUp(lb.Site)})
	}
	for i, d := range t.DNSProviders {
		r.DNSProviders = append(r.DNSProviders, PartSnapshot{d.Name, s.x.rules.DNSUp(&ps.fs, i)})
	}
	for i, g := range t.PSTNGateways {
		r.Gateways = append(r.Gateways, PartSnapshot{g.FQDN, ps.gwUp[i] && siteUp(g.Site)})
	}
	name := func(p int) string {
		if p < 0 {
			return ""
		}
		return s.x.pools[p].fqdn
	}
	for i := range t.SimpleURLs {
		u := &t.SimpleURLs[i]
		us := URLSnapshot{URL: u.URL, Resolves: s.x.rules.URLResolves(&ps.fs, i)}
		if u.EffectivePublishing() == topology.PublishingManual {
			us.Target = name(ps.fs.URLTarget[i])
			if st.now < ps.urlAt[i] {
				us.Pending = name(ps.urlNew[i])
				us.Until = ps.urlAt[i]
			}
		}
		r.SimpleURLs = append(r.SimpleURLs, us)
	}
	for c, cp := range t.PersistentChat {
		cs := ChatSnapshot{FQDN: cp.FQDN, Serving: ps.chatOK[c], PoolState: chatStateText(ps.chatFailed[c]), NextHop: name(ps.chatHop[c])}
		if k := ps.chatSite[c]; k >= 0 {
			cs.ActiveSite = s.x.sites[k].name
		}
		r.PersistentChat = append(r.PersistentChat, cs)
	}
	for g, gw := range t.XMPPGateways {
		rec := seen(ps.xmppOld[g], ps.xmppNew[g], ps.xmppAt[g], st.now)
		e := s.xmppEdge(g)
		r.XMPP = append(r.XMPP, XMPPSnapshot{Domain: gw.Domain, Route: name(ps.xmppRoute[g]), Record: name(rec),
			Works: e >= 0 && st.serving[e] && st.siteUp[s.x.pools[e].site]})
	}
	return r
}

func chatStateText(failed bool) string {
	if failed {
		return "FailedOver"
	}
	return "Normal"
}
