package features

// at returns s[i], or def when s is nil (every element as the topology says).
func at[T any](s []T, i int, def T) T {
	if s == nil || i < 0 || i >= len(s) {
		return def
	}
	return s[i]
}

func (r *Rules) siteUp(st *State, k int) bool { return k == None || at(st.SiteUp, k, true) }

// poolUp reports whether pool p serves, in a site that runs.
func (r *Rules) poolUp(st *State, p int) bool {
	return p != None && at(st.PoolUp, p, true) && r.siteUp(st, r.poolSite[p])
}

func (r *Rules) lbUp(st *State, k int) bool {
	return at(st.LBUp, k, true) && r.siteUp(st, r.lbSite[k])
}

// webUp reports whether pool p's web services answer: the pool serves and its load balancer
// (when the topology gives one) runs.
func (r *Rules) webUp(st *State, p int) bool {
	return r.poolUp(st, p) && (r.webLB[p] == None || r.lbUp(st, r.webLB[p]))
}

// dnsUp reports whether DNS provider k answers: it runs, and it is an outside provider or one
// of its sites runs.
func (r *Rules) dnsUp(st *State, k int) bool {
	if k == None || !at(st.DNSUp, k, true) {
		return false
	}
	if len(r.dnsSites[k]) == 0 {
		return true
	}
	for _, s := range r.dnsSites[k] {
		if r.siteUp(st, s) {
			return true
		}
	}
	return false
}

// URLResolves reports whether simple URL u resolves to web services that answer: by GeoDNS,
// when its provider answers and one of its pools' web services do; by a manual record, when
// the pool the record points at (State.URLTarget) answers.
func (r *Rules) URLResolves(st *State, u int) bool {
	if u < 0 || u >= len(r.urlGeo) {
		return false
	}
	if r.urlGeo[u] {
		if !r.dnsUp(st, r.urlDNS[u]) {
			return false
		}
		for _, p := range r.urlPools[u] {
			if r.webUp(st, p) {
				return true
			}
		}
		return false
	}
	first := None
	if len(r.urlPools[u]) > 0 {
		first = r.urlPools[u][0]
	}
	return r.webUp(st, at(st.URLTarget, u, first))
}

// gatewayUp reports whether PSTN gateway g, or its failover gateway, runs.
func (r *Rules) gatewayUp(st *State, g int) bool {
	up := func(k int) bool { return k != None && at(st.GatewayUp, k, true) && r.siteUp(st, r.gwSite[k]) }
	return up(g) || up(r.gwFail[g])
}

// pstnRoute reports whether pool s's Mediation Servers reach a gateway: s serves and routes to
// a gateway that is up (or whose failover gateway is). A topology without gateways routes
// every serving pool.
func (r *Rules) pstnRoute(st *State, s int) bool {
	if !r.poolUp(st, s) {
		return false
	}
	if len(r.gwSite) == 0 {
		return true
	}
	for _, g := range r.routes[s] {
		if r.gatewayUp(st, g) {
			return true
		}
	}
	return false
}

// edgeWorks reports whether some Edge pool runs and its next hop serves.
func (r *Rules) edgeWorks(st *State) bool {
	for _, e := range r.edges {
		if r.poolUp(st, e) && r.poolUp(st, at(st.EdgeHop, e, r.edgeHop[e])) {
			return true
		}
	}
	return false
}

// globals are the parts of a state every pool's features read: whether some Edge pool gives
// remote access, whether every Meet simple URL resolves, and whether an XMPP route works.
type globals struct{ edge, meet, xmpp bool }

func (r *Rules) globals(st *State) globals {
	return globals{edge: r.edgeWorks(st), meet: r.meetResolves(st), xmpp: r.xmpp(st)}
}

// Pool returns the features Front End pool i's users have in state st, among Applicable(i).
func (r *Rules) Pool(st *State, i int) Set {
	if r.Applicable(i) == 0 {
		return 0
	}
	return r.pool(st, i, r.globals(st))
}

// Pools writes into dst, for every pool of the topology (dst[i] for t.Pools[i]), the features
// its users have in state st: Pool for each, with what every pool reads of the state (the
// Edge pools, the Meet simple URLs, the XMPP routes) judged once, so that judging every pool
// costs time linear in the topology. dst must have a place per pool; it is returned.
func (r *Rules) Pools(st *State, dst []Set) []Set {
	g := r.globals(st)
	for i := range dst {
		dst[i] = 0
		if r.Applicable(i) != 0 {
			dst[i] = r.pool(st, i, g)
		}
	}
	return dst
}

func (r *Rules) pool(st *State, i int, g globals) Set {
	apply := r.Applicable(i)
	m := at(st.Mode, i, Home)
	if !m.SignedIn() {
		return 0
	}
	s := at(st.ServedBy, i, i)
	if s < 0 || s >= len(r.poolSite) {
		s = None // a pool that is not in the topology serves nobody
	}
	got := bPeer
	if m.Full() {
		got |= bIM
		if g.meet && r.webUp(st, s) {
			got |= bMeetings
		}
		if r.poolUp(st, at(st.RGSOn, i, i)) {
			got |= bRGS
		}
		if g.xmpp {
			got |= bXMPP
		}
	}
	if r.pstnRoute(st, s) && (!r.t.Pools[i].CallPark && !r.t.Pools[i].Announcements || r.poolUp(st, at(st.ParkOn, i, i))) {
		got |= bPSTN
	}
	if g.edge && (s < 0 || s >= len(r.external) || !r.external[s] || r.webUp(st, s)) {
		got |= bExternal
	}
	if l := at(st.LISOn, i, i); l == s && r.poolUp(st, l) {
		got |= bLIS
	}
	return got & apply
}

// meetResolves reports whether every Meet simple URL resolves: with the web services of the
// pool that hosts them, meetings can be joined.
func (r *Rules) meetResolves(st *State) bool {
	for _, u := range r.meet {
		if !r.URLResolves(st, u) {
			return false
		}
	}
	return true
}

// xmpp reports whether an XMPP route works: the Edge pool a gateway's record points at runs.
func (r *Rules) xmpp(st *State) bool {
	for g := range r.xmppEdge {
		if r.poolUp(st, at(st.XMPPEdge, g, r.xmppEdge[g])) {
			return true
		}
	}
	return false
}

// Chat reports whether Persistent Chat pool c serves its users: the site of its active
// database runs, a server of the pool runs there, and its next-hop pool serves.
func (r *Rules) Chat(st *State, c int) bool {
	if c < 0 || c >= len(r.chatSite) {
		return false
	}
	return r.siteUp(st, at(st.ChatSite, c, r.chatSite[c])) && at(st.ChatServersUp, c, true) &&
		r.poolUp(st, at(st.ChatHop, c, r.chatHop[c]))
}

// DNSUp reports whether DNS provider k (an index into the topology's DNSProviders) answers in
// state st: it runs, and it is an outside provider or one of its sites runs. The simulator
// uses it for the XMPP records a provider publishes by GeoDNS.
func (r *Rules) DNSUp(st *State, k int) bool {
	if k < 0 || k >= len(r.dnsSites) {
		return false
	}
	return r.dnsUp(st, k)
}

// WebUp reports whether pool p's web services answer in state st: the pool serves and the load
// balancer in front of them (when the topology gives one) runs in a site that runs. The
// failure analysis uses it to decide when failing a running pool over to its backup pool
// brings its meetings and external web access back.
func (r *Rules) WebUp(st *State, p int) bool {
	if p < 0 || p >= len(r.webLB) {
		return false
	}
	return r.webUp(st, p)
}
