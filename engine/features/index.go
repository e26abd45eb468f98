package features

import (
	"strings"

	"failwright/engine/topology"
)

// Rules holds a topology's parts as indices, so that judging a State costs no lookups and no
// allocations.
type Rules struct {
	t        *topology.Topology
	poolSite []int   // site of each pool
	frontEnd []bool  // whether each pool homes users
	webLB    []int   // load balancer in front of each pool's web services, None when none
	external []bool  // whether each pool publishes external web services
	lbSite   []int   // site of each load balancer
	dnsSites [][]int // sites hosting each DNS provider; empty for an outside provider
	meet     []int   // the Meet simple URLs
	urlGeo   []bool  // whether each simple URL is published by GeoDNS
	urlDNS   []int   // the DNS provider of each simple URL, None when none
	urlPools [][]int // the pools each simple URL resolves to, first first
	edges    []int   // the Edge pools
	edgeHop  []int   // each pool's next hop (Edge pools), None otherwise
	gwSite   []int   // site of each PSTN gateway
	gwFail   []int   // failover gateway of each PSTN gateway, None when none
	routes   [][]int // for each pool, the gateways its Mediation Servers route to
	chatSite []int   // the active site of each Persistent Chat pool
	chatHop  []int   // the next-hop pool of each Persistent Chat pool
	xmppEdge []int   // the Edge pool of each XMPP gateway
	apply    []Set   // the features that apply to each Front End pool's users
}

// New indexes t. References that do not resolve (validation reports them) point nowhere, so
// the features that need them are lost.
func New(t *topology.Topology) *Rules {
	r := &Rules{t: t}
	sites := map[string]int{}
	for i, s := range t.Sites {
		sites[strings.ToLower(s.Name)] = i
	}
	site := func(name string) int {
		if k, ok := sites[strings.ToLower(name)]; ok {
			return k
		}
		return None
	}
	pools := map[string]int{}
	for i, p := range t.Pools {
		pools[strings.ToLower(p.FQDN)] = i
	}
	pool := func(fqdn string) int {
		if k, ok := pools[strings.ToLower(fqdn)]; ok {
			return k
		}
		return None
	}
	r.indexPools(site, pool)
	r.indexURLs(site, pool)
	r.indexGateways(site, pool)
	for _, c := range t.PersistentChat {
		r.chatSite = append(r.chatSite, site(c.Site))
		r.chatHop = append(r.chatHop, pool(c.NextHop))
	}
	for _, g := range t.XMPPGateways {
		r.xmppEdge = append(r.xmppEdge, pool(g.EdgePool))
	}
	r.indexApplicable()
	return r
}

func (r *Rules) indexPools(site func(string) int, pool func(string) int) {
	t := r.t
	lbs := map[string]int{}
	for i, lb := range t.LoadBalancers {
		lbs[strings.ToLower(lb.Name)] = i
		r.lbSite = append(r.lbSite, site(lb.Site))
	}
	for i := range t.Pools {
		p := &t.Pools[i]
		r.poolSite = append(r.poolSite, site(p.Site))
		r.frontEnd = append(r.frontEnd, p.Role.IsFrontEnd())
		lb, ext := None, false
		if w := p.WebServices; w != nil {
			if k, ok := lbs[strings.ToLower(w.LoadBalancer)]; ok && w.LoadBalancer != "" {
				lb = k
			}
			ext = w.External != ""
		}
		r.webLB = append(r.webLB, lb)
		r.external = append(r.external, ext)
		hop := None
		if p.Role == topology.Edge {
			r.edges = append(r.edges, i)
			hop = pool(p.NextHop)
		}
		r.edgeHop = append(r.edgeHop, hop)
	}
}

func (r *Rules) indexURLs(site func(string) int, pool func(string) int) {
	t := r.t
	dns := map[string]int{}
	for i, d := range t.DNSProviders {
		dns[strings.ToLower(d.Name)] = i
		var ks []int
		for _, s := range d.Sites {
			ks = append(ks, site(s))
		}
		r.dnsSites = append(r.dnsSites, ks)
	}
	for i := range t.SimpleURLs {
		u := &t.SimpleURLs[i]
		if u.Kind == topology.SimpleURLMeet {
			r.meet = append(r.meet, i)
		}
		r.urlGeo = append(r.urlGeo, u.EffectivePublishing() == topology.PublishingGeoDNS)
		k, ok := dns[strings.ToLower(u.DNSProvider)]
		if !ok || u.DNSProvider == "" {
			k = None
		}
		r.urlDNS = append(r.urlDNS, k)
		var ps []int
		for _, f := range u.Pools {
			ps = append(ps, pool(f))
		}
		r.urlPools = append(r.urlPools, ps)
	}
}

func (r *Rules) indexGateways(site func(string) int, pool func(string) int) {
	t := r.t
	r.routes = make([][]int, len(t.Pools))
	gws := map[string]int{}
	for i, g := range t.PSTNGateways {
		gws[strings.ToLower(g.FQDN)] = i
	}
	for i, g := range t.PSTNGateways {
		r.gwSite = append(r.gwSite, site(g.Site))
		f, ok := gws[strings.ToLower(g.FailoverGateway)]
		if !ok || g.FailoverGateway == "" {
			f = None
		}
		r.gwFail = append(r.gwFail, f)
		for _, m := range g.Mediation {
			if p := pool(m); p != None {
				r.routes[p] = append(r.routes[p], i)
			}
		}
	}
}

// indexApplicable works out which features each Front End pool's users can have at all.
func (r *Rules) indexApplicable() {
	t := r.t
	r.apply = make([]Set, len(t.Pools))
	for i := range t.Pools {
		p := &t.Pools[i]
		if !p.Role.IsFrontEnd() {
			continue
		}
		s := bIM | bPeer | bMeetings
		if len(t.PSTNGateways) > 0 || p.CallPark || p.Announcements {
			s |= bPSTN
		}
		if len(r.edges) > 0 {
			s |= bExternal
		}
		if p.ResponseGroups > 0 {
			s |= bRGS
		}
		if p.LocationDatabase {
			s |= bLIS
		}
		if len(t.XMPPGateways) > 0 {
			s |= bXMPP
		}
		r.apply[i] = s
	}
}

// Applicable returns the features that apply to pool i's users at all: those the topology
// models for them. Persistent Chat is judged per Persistent Chat pool (Chat), not here.
func (r *Rules) Applicable(i int) Set {
	if i < 0 || i >= len(r.apply) {
		return 0
	}
	return r.apply[i]
}
