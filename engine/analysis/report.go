package analysis

import (
	"math"
	"strconv"
	"time"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// Report is the result of an analysis. It is plain data; JSON and Text render it with stable
// bytes.
type Report struct {
	// Topology is the topology's name.
	Topology string `json:"topology"`
	// Fingerprint is the topology's sha256 (topology.Fingerprint), filled by the surface that
	// read the topology (the CLI does; computing it is slow in WebAssembly and the browser
	// already holds it).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Depth is 1 (single failures) or 2 (also pairs).
	Depth int `json:"depth"`
	// Elements counts the failure elements by kind; Links names the links enumerated.
	Elements ElementCounts `json:"elements"`
	Links    []string      `json:"links"`
	// Users is the number of users homed on Front End pools.
	Users int `json:"users"`
	// Baseline is the figures with nothing failed.
	Baseline Baseline `json:"baseline"`
	// Levels is one entry per depth: the worst case of each figure.
	Levels []Level `json:"levels"`
	// Pools is one entry per Front End pool: its worst cases.
	Pools []PoolReport `json:"pools"`
	// Score is the resilience score.
	Score Score `json:"score"`
	// Features is one entry per feature the topology models (topology.ModelledFeatures), when
	// it models a part a pool failover does not bring back (load balancers, DNS providers,
	// simple URLs, web services, PSTN gateways, Persistent Chat, XMPP, Response Groups, Call
	// Park, announcements, location data); omitted otherwise, where IM and presence, peer
	// calls and meetings follow the pools' service the figures above give.
	Features []FeatureReport `json:"features,omitempty"`
	// Findings say what to change, most serious first.
	Findings topology.Findings `json:"findings"`
	// Policy is the analysis judged against the recovery policy (policy.go).
	Policy PolicyReport `json:"policy"`
}

// ElementCounts counts failure elements by kind.
type ElementCounts struct {
	Servers  int `json:"servers"`
	Pools    int `json:"pools"`
	Sites    int `json:"sites"`
	Edges    int `json:"edges"`
	BackEnds int `json:"backEnds"`
	Links    int `json:"links"`
	// The parts a pool failover does not bring back, when the topology has them.
	LoadBalancers  int `json:"loadBalancers,omitempty"`
	DNSProviders   int `json:"dnsProviders,omitempty"`
	PersistentChat int `json:"persistentChat,omitempty"`
	Gateways       int `json:"gateways,omitempty"`
	Total          int `json:"total"`
}

// Baseline is the figures with nothing failed.
type Baseline struct {
	NoDR     int     `json:"noDR"`
	AtRisk   int     `json:"atRisk"`
	Load     float64 `json:"load"`
	LoadPool string  `json:"loadPool,omitempty"`
	CMS      string  `json:"cms"`
	Edges    int     `json:"edgesWorking"`
}

// Level is the worst cases over every failure set of one depth.
type Level struct {
	// Depth is the number of elements in each set.
	Depth int `json:"depth"`
	// Sets is the number of failure sets.
	Sets int64 `json:"sets"`
	// SetsUnserved counts the sets after which some users lack full service; SetsNoDR the
	// sets that leave more users without disaster recovery than the baseline.
	SetsUnserved int64 `json:"setsUnserved"`
	SetsNoDR     int64 `json:"setsNoDR"`
	// SetsFeature counts the sets after which some users lack a feature they have with
	// nothing failed (topologies with per-feature figures only).
	SetsFeature int64 `json:"setsFeature,omitempty"`
	// Worst is one entry per figure, in a fixed order.
	Worst []Worst `json:"worst"`
}

// Worst is the worst value of one figure over failure sets, and the sets that reach it.
type Worst struct {
	// Figure is unserved, noDR, load, rto, dataLoss, cms, remoteAccess, atRisk or
	// unservedNew (pairs only: a pair's unserved users when they exceed the sum of what its two
	// failures leave apart, the failures hurting more together than apart).
	Figure string `json:"figure"`
	// Value is the worst value as people read it; Number is the same as a number (users,
	// load ratio, seconds, 0 Available / 1 FailedOver / 2 Lost, 1 remote access lost).
	Value  string  `json:"value"`
	Number float64 `json:"number"`
	// Count is how many sets reach it (0: no set does worse than the baseline, and Value is
	// the baseline's).
	Count int64 `json:"count"`
	// Sets lists the first sets, in enumeration order, that reach it.
	Sets []SetRef `json:"sets,omitempty"`
}

// SetRef is a failure set in a report.
type SetRef struct {
	// Elements names the elements ("server atl-fe-01.litwareinc.com").
	Elements []string `json:"elements"`
	// Setup is the simulator lines that inject the set.
	Setup []string `json:"setup"`
	// Pool is, for the load figure, the pool with the worst load.
	Pool string `json:"pool,omitempty"`
}

// PoolReport is one Front End pool's worst cases.
type PoolReport struct {
	Pool     string  `json:"pool"`
	Site     string  `json:"site"`
	Partner  string  `json:"partner,omitempty"`
	Users    int     `json:"users"`
	Capacity int     `json:"capacity"`
	Load     float64 `json:"load"`
	// Levels is one entry per depth; Worst lists only figures some set makes worse than the
	// baseline: unserved, noDR, load, rto, dataLoss.
	Levels []PoolLevel `json:"levels"`
}

// PoolLevel is a pool's worst cases at one depth.
type PoolLevel struct {
	Depth int     `json:"depth"`
	Worst []Worst `json:"worst"`
}

// Score is the resilience score.
type Score struct {
	// Value is from 0 to 100, one decimal.
	Value float64 `json:"value"`
	// Kept is, per depth, the share of users kept safe in the worst failure set of that depth
	// (S1, S2), four decimals.
	Kept []float64 `json:"kept"`
	// Definition states how Value is computed.
	Definition string `json:"definition"`
}

// ScoreDefinition is the score's definition as reports state it.
const ScoreDefinition = "S_k = 1 - (worst users at risk over every set of k failures) / (users homed on Front End pools), " +
	"where users at risk = users without full service after recovery + users beyond capacity on surviving pools; " +
	"score = 100 x S_1 at depth 1, 100 x (2 x S_1 + S_2) / 3 at depth 2"

var figNames = [numFigs]string{"unserved", "noDR", "load", "rto", "dataLoss", "cms", "remoteAccess", "atRisk", "unservedNew"}
var poolFigNames = [numPoolFigs]string{"unserved", "noDR", "load", "rto", "dataLoss"}

// buildReport turns the aggregates into a report.
func buildReport(x *index, base *baseline, levels []*levelAgg, fp *featurePass) *Report {
	r := &Report{
		Topology: x.t.Name,
		Depth:    len(levels),
		Users:    x.users,
		Links:    []string{},
	}
	for _, e := range x.elems {
		switch e.Kind {
		case KindServer:
			r.Elements.Servers++
		case KindPool:
			r.Elements.Pools++
		case KindSite:
			r.Elements.Sites++
		case KindEdge:
			r.Elements.Edges++
		case KindBackEnd, KindMirror:
			r.Elements.BackEnds++
		case KindLink:
			r.Elements.Links++
			r.Links = append(r.Links, e.Name+"-"+e.To)
		case KindLoadBalancer:
			r.Elements.LoadBalancers++
		case KindDNSProvider:
			r.Elements.DNSProviders++
		case KindPersistentChat:
			r.Elements.PersistentChat++
		case KindGateway:
			r.Elements.Gateways++
		}
	}
	r.Elements.Total = len(x.elems)
	r.Baseline = Baseline{NoDR: base.f.NoDR, AtRisk: base.f.AtRisk, Load: round4(base.f.Load),
		CMS: base.f.CMS.String(), Edges: base.f.EdgesWorking}
	if base.f.LoadPool >= 0 {
		r.Baseline.LoadPool = x.pools[base.f.LoadPool].fqdn
	}
	slab := &strSlab{}
	for d, l := range levels {
		lv := Level{Depth: d + 1, Sets: l.sets, SetsUnserved: l.withUnserved, SetsNoDR: l.withNoDR,
			Worst: make([]Worst, 0, numFigs)}
		if fp != nil {
			lv.SetsFeature = fp.levels[d].sets
		}
		for k := 0; k < numFigs; k++ {
			lv.Worst = append(lv.Worst, worstOf(x, slab, figNames[k], k, &l.figs[k], base.figs[k]))
		}
		r.Levels = append(r.Levels, lv)
	}
	r.Pools = make([]PoolReport, 0, len(x.pools))
	for p := range x.pools {
		pi := &x.pools[p]
		pr := PoolReport{Pool: pi.fqdn, Users: pi.users, Capacity: base.out.Pools[p].Capacity,
			Load: round4(base.pools[p].load), Levels: make([]PoolLevel, 0, len(levels))}
		if pi.site >= 0 {
			pr.Site = x.sites[pi.site]
		}
		if pi.partner >= 0 {
			pr.Partner = x.pools[pi.partner].fqdn
		}
		for d, l := range levels {
			nw := 0
			for k := 0; k < numPoolFigs; k++ {
				if l.pools[p][k].n > 0 {
					nw++
				}
			}
			pl := PoolLevel{Depth: d + 1, Worst: make([]Worst, 0, nw)}
			for k := 0; k < numPoolFigs; k++ {
				g := &l.pools[p][k]
				if g.n == 0 {
					continue
				}
				pl.Worst = append(pl.Worst, worstOf(x, slab, poolFigNames[k], poolFigKind(k), g, 0))
			}
			pr.Levels = append(pr.Levels, pl)
		}
		r.Pools = append(r.Pools, pr)
	}
	r.Score = score(x, base, levels)
	r.Policy = policyReport(x, slab, levels)
	r.Features = featureReports(x, slab, fp)
	r.Findings = append(findings(x, base, levels, r), featureFindings(x, fp)...)
	r.Findings.Sort()
	if r.Findings == nil {
		r.Findings = topology.Findings{}
	}
	return r
}

// poolFigKind maps a per-pool figure to the global figure with the same formatting.
func poolFigKind(k int) int {
	switch k {
	case pfUnserved:
		return figUnserved
	case pfNoDR:
		return figNoDR
	case pfLoad:
		return figLoad
	case pfRTO:
		return figRTO
	default:
		return figDataLoss
	}
}

// strSlab hands out short string slices carved from shared arrays, so that the thousands of
// one- and two-element lists of a report cost a few allocations.
type strSlab struct {
	buf  []string
	refs []SetRef
	// last remembers, per figure kind, the last value formatted: the pools' worst cases
	// repeat values (the same data-loss window, the same users), and formatting is dear in
	// WebAssembly.
	last [numFigs]struct {
		v  float64
		s  string
		ok bool
	}
}

// takeRefs hands out n set references the same way.
func (s *strSlab) takeRefs(n int) []SetRef {
	if cap(s.refs)-len(s.refs) < n {
		s.refs = make([]SetRef, 0, max(256, n))
	}
	k := len(s.refs)
	s.refs = s.refs[:k+n]
	return s.refs[k : k+n : k+n]
}

// format is formatFig, remembering the last value of each kind.
func (s *strSlab) format(kind int, v float64) string {
	c := &s.last[kind]
	if !c.ok || c.v != v {
		c.v, c.s, c.ok = v, formatFig(kind, v), true
	}
	return c.s
}

func (s *strSlab) take(n int) []string {
	if cap(s.buf)-len(s.buf) < n {
		s.buf = make([]string, 0, max(1024, n))
	}
	k := len(s.buf)
	s.buf = s.buf[:k+n]
	return s.buf[k : k+n : k+n]
}

// worstOf renders one aggregate; kind says how to format the value.
func worstOf(x *index, slab *strSlab, name string, kind int, g *agg, base float64) Worst {
	v := base
	if g.n > 0 {
		v = g.v
	}
	w := Worst{Figure: name, Count: g.n, Value: slab.format(kind, v), Number: numberOf(kind, v)}
	if g.ne > 0 {
		w.Sets = slab.takeRefs(int(g.ne))
	}
	for k := int8(0); k < g.ne; k++ {
		e := g.ex[k]
		ref := setRef(x, slab, e)
		if kind == figLoad && e.pool >= 0 {
			ref.Pool = x.pools[e.pool].fqdn
		}
		w.Sets[k] = ref
	}
	return w
}

// numberOf is a figure's value as the report's Number: durations in whole seconds, loads rounded
// to four decimals.
func numberOf(kind int, v float64) float64 {
	switch kind {
	case figRTO, figDataLoss:
		return float64(time.Duration(v).Round(time.Second) / time.Second)
	case figLoad:
		return round4(v)
	}
	return v
}

func round4(v float64) float64 { return math.Round(v*10000) / 10000 }

// formatFig writes a figure's value for people.
func formatFig(kind int, v float64) string {
	switch kind {
	case figUnserved, figNoDR, figAtRisk, figUnservedNew:
		return plural(int64(v), "user")
	case figLoad:
		return strconv.FormatFloat(round4(v)*100, 'f', 1, 64) + "%"
	case figRTO, figDataLoss:
		return hms(time.Duration(v))
	case figCMS:
		return CMSState(v).String()
	case figRemote:
		if v > 0 {
			return "lost"
		}
		return "kept"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// hms formats a duration as a TimeSpan (units.Duration), rounded to the second as plans
// write durations.
func hms(d time.Duration) string { return units.Duration(d.Round(time.Second)).String() }

// score computes the resilience score (ScoreDefinition).
func score(x *index, base *baseline, levels []*levelAgg) Score {
	sc := Score{Definition: ScoreDefinition, Kept: []float64{}}
	var s []float64
	for _, l := range levels {
		worst := base.figs[figAtRisk]
		if g := &l.figs[figAtRisk]; g.n > 0 {
			worst = g.v
		}
		k := 1.0
		if x.users > 0 {
			k = max(0, 1-worst/float64(x.users))
		}
		s = append(s, k)
		sc.Kept = append(sc.Kept, round4(k))
	}
	v := s[0]
	if len(s) > 1 {
		v = (2*s[0] + s[1]) / 3
	}
	sc.Value = math.Round(v*1000) / 10
	return sc
}

// SingleFailureUnserved reports whether some single failure leaves users without full
// service after recovery: the condition "failwright analyze" exits 1 on.
func (r *Report) SingleFailureUnserved() bool {
	for _, l := range r.Levels {
		if l.Depth != 1 {
			continue
		}
		for _, w := range l.Worst {
			if w.Figure == "unserved" && w.Count > 0 {
				return true
			}
		}
	}
	return false
}

// plural writes n and the noun, with an s unless n is 1 (units.Plural): "1 user",
// "38,000 users".
func plural(n int64, noun string) string { return units.Plural(n, noun) }
