// Package analysis is failwright's exhaustive failure analysis: every single failure (N-1)
// and every pair of failures (N-2) among a topology's Front End servers, Front End pools,
// sites, Edge pools, Central Management store back ends and inter-site links; for each, the
// recovery failwright would plan, and the figures after it (users without full service,
// users without disaster recovery, the worst load on a surviving pool, the CMS, remote
// access, RTO and data-loss window). The report gives the worst cases per figure and per
// pool with the failure sets that cause them, a resilience score and findings.
//
// The fast analyzer is exact: most pairs of failures touch disjoint parts of the topology,
// so their outcome composes from the two single-failure outcomes; servers of a pool that the
// quorum rule treats alike are evaluated once; only interacting pairs are evaluated in full.
// Reference evaluates every set in full and is the yardstick the property test holds the
// fast analyzer to. docs/analysis.md states the rules.
//
// The package is pure and deterministic: no I/O, no clock, no map order in output.
package analysis

import (
	"fmt"
	"sort"
	"strings"

	"failwright/engine/sim"
)

// Kind is the kind of a failure element.
type Kind uint8

// The element kinds, in the order the analysis enumerates them.
const (
	KindServer  Kind = iota // one Front End Server
	KindPool                // a whole Front End pool
	KindSite                // a whole site: its pools, servers, back ends and Edge pools
	KindEdge                // an Edge pool
	KindBackEnd             // the CMS pool's principal SQL back end
	KindMirror              // the CMS pool's mirror SQL back end
	KindLink                // the network link between two sites
	// The parts a pool failover does not bring back (docs/recovery.md), appended so that old
	// reports keep their kinds' numbers.
	KindLoadBalancer   // a hardware load balancer (web services)
	KindDNSProvider    // a DNS provider (GeoDNS)
	KindPersistentChat // a Persistent Chat pool's servers
	KindGateway        // a PSTN gateway
)

var kindNames = [...]string{"server", "pool", "site", "edge", "backend", "mirror", "link",
	"load balancer", "DNS provider", "Persistent Chat pool", "PSTN gateway"}

// String returns the kind's lower-case name as reports write it: server, pool, site, edge,
// backend, mirror, link, load balancer, DNS provider, Persistent Chat pool or PSTN gateway.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Element is one thing that can fail.
type Element struct {
	// Kind is what fails.
	Kind Kind `json:"kind"`
	// Name is the server FQDN, pool FQDN, site name, Edge pool FQDN, the pool FQDN whose back
	// end fails (KindBackEnd, KindMirror), the first site of a link, the load balancer's or
	// DNS provider's name, or the Persistent Chat pool's or PSTN gateway's FQDN.
	Name string `json:"name"`
	// To is the second site of a link; empty otherwise.
	To string `json:"to,omitempty"`
	// Pool is the Front End pool a server belongs to; empty otherwise.
	Pool string `json:"pool,omitempty"`
}

// String names the element for people, for example "server atl-fe-01.litwareinc.com" or
// "link Atlanta-Dallas".
func (e Element) String() string {
	if e.Kind == KindLink {
		return "link " + e.Name + "-" + e.To
	}
	return e.Kind.String() + " " + e.Name
}

// Setup returns the simulator line that injects the failure, or "" for an unknown kind.
func (e Element) Setup() string {
	if v := e.Fault(); v != nil {
		return v.Line()
	}
	return ""
}

// Fault returns the simulator verb that makes the element fail, or nil for an unknown kind.
func (e Element) Fault() sim.Verb {
	switch e.Kind {
	case KindServer:
		return sim.StopServer{FQDN: e.Name}
	case KindPool:
		return sim.StopPool{Pool: e.Name}
	case KindSite:
		return sim.StopSite{Site: e.Name}
	case KindEdge:
		return sim.StopEdgePool{Pool: e.Name}
	case KindBackEnd:
		return sim.StopBackEnd{Pool: e.Name}
	case KindMirror:
		return sim.StopBackEnd{Pool: e.Name, Mirror: true}
	case KindLink:
		return sim.CutLink{Site: e.Name, To: e.To}
	case KindLoadBalancer:
		return sim.StopLoadBalancer{Name: e.Name}
	case KindDNSProvider:
		return sim.StopDNSProvider{Name: e.Name}
	case KindPersistentChat:
		return sim.StopPersistentChat{FQDN: e.Name}
	case KindGateway:
		return sim.StopGateway{FQDN: e.Name}
	}
	return nil
}

// FailureSet is one or two elements that fail together, in enumeration order.
type FailureSet []Element

// Setup returns the simulator lines that inject the set, one per element, in order. Running
// them in a fresh simulation of the topology puts it in the failure state the analysis
// evaluated ("fail to worst case").
func (s FailureSet) Setup() []string {
	out := make([]string, len(s))
	for i, e := range s {
		out[i] = e.Setup()
	}
	return out
}

// String joins the elements' names with " + ".
func (s FailureSet) String() string {
	parts := make([]string, len(s))
	for i, e := range s {
		parts[i] = e.String()
	}
	return strings.Join(parts, " + ")
}

// Names returns the elements' names as String writes them, one per element.
func (s FailureSet) Names() []string {
	parts := make([]string, len(s))
	for i, e := range s {
		parts[i] = e.String()
	}
	return parts
}

// elements enumerates the failure elements of the index in canonical order, with what each
// fails by number: every Front End server (pool by pool, in topology order), every Front End
// pool, every site, every Edge pool, the CMS pool's back end and mirror (Enterprise pools with
// a back end), and the links between sites that host the two pools of a pair, each once,
// sorted by the sites' topology order. Targets are positions, never names, so that duplicate
// names in a topology validation would reject cannot mix elements up.
func (x *index) elements() ([]Element, []target) {
	t := x.t
	n := x.nServers + len(x.pools) + len(x.sites) + len(x.edges) + 2 + len(x.links) +
		len(t.LoadBalancers) + len(t.DNSProviders) + len(t.PersistentChat) + len(t.PSTNGateways)
	out := make([]Element, 0, n)
	ts := make([]target, 0, n)
	add := func(e Element, t target) {
		out = append(out, e)
		ts = append(ts, t)
	}
	none := target{pool: -1, server: -1, site: -1, edge: -1, link: -1, part: -1}
	for i, p := range x.pools {
		for k, s := range p.servers {
			t := none
			t.pool, t.server = i, x.srvOff[i]+k
			add(Element{Kind: KindServer, Name: s, Pool: p.fqdn}, t)
		}
	}
	for i, p := range x.pools {
		t := none
		t.pool = i
		add(Element{Kind: KindPool, Name: p.fqdn}, t)
	}
	for k, s := range x.sites {
		t := none
		t.site = k
		add(Element{Kind: KindSite, Name: s}, t)
	}
	for k, e := range x.edges {
		t := none
		t.edge = k
		add(Element{Kind: KindEdge, Name: e.fqdn}, t)
	}
	if x.cms >= 0 && x.pools[x.cms].hasBE {
		p := x.pools[x.cms]
		t := none
		t.pool = x.cms
		add(Element{Kind: KindBackEnd, Name: p.fqdn}, t)
		if p.hasMirror {
			add(Element{Kind: KindMirror, Name: p.fqdn}, t)
		}
	}
	for k, l := range x.links {
		t := none
		t.link = k
		add(Element{Kind: KindLink, Name: x.sites[l[0]], To: x.sites[l[1]]}, t)
	}
	x.partElements(add, none)
	return out, ts
}

// partElements enumerates, after the links, the parts a pool failover does not bring back:
// load balancers, DNS providers hosted in sites, Persistent Chat pools and PSTN gateways, each
// in topology order. A DNS provider without sites is an outside service (a managed GeoDNS
// provider, which the simple-URL guidance calls "your DNS provider",
// SFB:plan-your-deployment/network-requirements/simple-urls.md): its availability is its
// service level, outside the design, so it is not a failure element, as the internet is not.
// The parts change no pool's service, so the fast analyzer composes their pairs with anything;
// the feature pass (features.go) judges what they change.
func (x *index) partElements(add func(Element, target), none target) {
	t := x.t
	part := func(k Kind, name string, i int) {
		tg := none
		tg.part = i
		add(Element{Kind: k, Name: name}, tg)
	}
	for i, lb := range t.LoadBalancers {
		part(KindLoadBalancer, lb.Name, i)
	}
	for i, d := range t.DNSProviders {
		if len(d.Sites) > 0 {
			part(KindDNSProvider, d.Name, i)
		}
	}
	for i, c := range t.PersistentChat {
		part(KindPersistentChat, c.FQDN, i)
	}
	for i, g := range t.PSTNGateways {
		part(KindGateway, g.FQDN, i)
	}
}

// sortedLinks returns the distinct site pairs (lower index first) of the pairs whose pools are
// in different sites, sorted.
func sortedLinks(pairs [][2]int) [][2]int {
	seen := map[[2]int]bool{}
	var out [][2]int
	for _, p := range pairs {
		a, b := p[0], p[1]
		if a < 0 || b < 0 || a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		k := [2]int{a, b}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}
