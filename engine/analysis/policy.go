package analysis

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"failwright/engine/topology"
)

// MaxPolicyBreaks is how many single failures that break the policy a report lists; Count
// says how many there are.
const MaxPolicyBreaks = 50

// PolicyReport is the analysis judged against the recovery policy (topology.EffectivePolicy,
// docs/policy.md). The analysis's recovery starts at the failure (the plan is run at once),
// so its figures on the two clocks are the same: the time from the failure, which is also the
// time from the decision.
type PolicyReport struct {
	// Met is true when no single failure breaks the policy of any Front End pool: the
	// condition of "failwright analyze" that goes with it exits 1 when it is false.
	Met bool `json:"met"`
	// Count is the number of (single failure, pool) pairs whose recovery breaks the pool's
	// policy; Breaks lists the first MaxPolicyBreaks of them, in enumeration order.
	Count  int           `json:"count"`
	Breaks []PolicyBreak `json:"breaks"`
	// Pools is one entry per Front End pool, in topology order: its policy and, per depth,
	// the worst recovery judged.
	Pools []PolicyPool `json:"pools"`
}

// PolicyBreak is one single failure that breaks one pool's policy.
type PolicyBreak struct {
	// Set is the failure.
	Set SetRef `json:"set"`
	// Verdict is the pool's recovery from it, judged (Verdict.Pool names the pool).
	Verdict topology.Verdict `json:"verdict"`
}

// PolicyPool is one Front End pool's policy and its worst recoveries.
type PolicyPool struct {
	Pool   string          `json:"pool"`
	Policy topology.Policy `json:"policy"`
	// Levels is one entry per depth.
	Levels []PolicyLevel `json:"levels"`
}

// PolicyLevel is the worst recovery of a pool over the failure sets of one depth, judged: the
// longest RTO and the longest data-loss window (perhaps of different sets), or not restored
// when some set leaves its users without full service.
type PolicyLevel struct {
	Depth   int              `json:"depth"`
	Verdict topology.Verdict `json:"verdict"`
	// Sets are the first sets that reach the worst figure that breaks the policy (none when
	// it holds).
	Sets []SetRef `json:"sets,omitempty"`
}

// single is one single failure's changed pools, kept for the policy judgement.
type single struct {
	a     int32
	worse []poolVal
}

// policyReport judges every pool's recoveries against its policy: each single failure (levels
// record them, single), and each depth's worst case.
func policyReport(x *index, slab *strSlab, levels []*levelAgg) PolicyReport {
	r := PolicyReport{Met: true, Breaks: []PolicyBreak{}, Pools: make([]PolicyPool, 0, len(x.pools))}
	pols := make([]topology.Policy, len(x.pools))
	for p := range x.pools {
		pols[p] = topology.EffectivePolicy(x.t, x.pools[p].tp)
	}
	if len(levels) > 0 {
		var broken []int32
		for _, s := range levels[0].singles {
			broken = broken[:0]
			for i := range s.worse {
				if w := &s.worse[i]; !judgeVal(x, pols, w).Met {
					broken = append(broken, w.pool)
				}
			}
			// The fast analyzer lists a set's pools by unit, the reference by pool: list them
			// by pool, so that both give the same report.
			slices.Sort(broken)
			for _, p := range broken {
				r.Met = false
				r.Count++
				if len(r.Breaks) < MaxPolicyBreaks {
					w := poolValIn(s.worse, p)
					r.Breaks = append(r.Breaks, PolicyBreak{Set: setRef(x, slab, example{a: s.a, b: -1, pool: -1}), Verdict: judgeVal(x, pols, w)})
				}
			}
		}
	}
	lv := make([]PolicyLevel, 0, len(x.pools)*len(levels)) // one array for every pool's levels
	for p := range x.pools {
		k := len(lv)
		pp := PolicyPool{Pool: x.pools[p].fqdn, Policy: pols[p], Levels: lv[k : k : k+len(levels)]}
		for d, l := range levels {
			pp.Levels = append(pp.Levels, worstPolicy(x, slab, pols[p], p, d+1, &l.pools[p]))
		}
		lv = lv[:k+len(levels)]
		r.Pools = append(r.Pools, pp)
	}
	return r
}

// poolValIn returns pool p's entry of worse, which has one.
func poolValIn(worse []poolVal, p int32) *poolVal {
	for i := range worse {
		if worse[i].pool == p {
			return &worse[i]
		}
	}
	panic("analysis: pool not in the list")
}

// judgeVal judges one pool's figures after one failure set.
func judgeVal(x *index, pols []topology.Policy, w *poolVal) topology.Verdict {
	return judgeFigs(x.pools[w.pool].fqdn, pols[w.pool], w.unserved == 0, w.rto, w.dataLoss)
}

// judgeFigs judges a pool's recovery, rounded to the second as reports write durations.
func judgeFigs(fqdn string, pol topology.Policy, restored bool, rto, dataLoss time.Duration) topology.Verdict {
	rto = rto.Round(time.Second)
	return topology.Judge(fqdn, pol, topology.RecoveryFigures{
		FromFailure: rto, FromDecision: rto, DataLoss: dataLoss.Round(time.Second), Restored: restored})
}

// worstPolicy judges pool p's worst figures at one depth.
func worstPolicy(x *index, slab *strSlab, pol topology.Policy, p, depth int, g *[numPoolFigs]agg) PolicyLevel {
	val := func(k int) float64 {
		if g[k].n > 0 {
			return g[k].v
		}
		return 0
	}
	restored := g[pfUnserved].n == 0
	rto := time.Duration(val(pfRTO))
	if !restored {
		rto = 0
	}
	v := judgeFigs(x.pools[p].fqdn, pol, restored, rto, time.Duration(val(pfDataLoss)))
	pl := PolicyLevel{Depth: depth, Verdict: v}
	k := -1
	switch {
	case !v.Restored:
		k = pfUnserved
	case !v.RTOMet:
		k = pfRTO
	case !v.RPOMet:
		k = pfDataLoss
	}
	if k >= 0 && g[k].ne > 0 {
		pl.Sets = slab.takeRefs(int(g[k].ne))
		for e := range pl.Sets {
			pl.Sets[e] = setRef(x, slab, g[k].ex[e])
		}
	}
	return pl
}

// setRef names a failure set.
func setRef(x *index, slab *strSlab, e example) SetRef {
	n := 1
	if e.b >= 0 {
		n = 2
	}
	ref := SetRef{Elements: slab.take(n), Setup: slab.take(n)}
	ref.Elements[0], ref.Setup[0] = x.name(int(e.a)), x.setup(int(e.a))
	if e.b >= 0 {
		ref.Elements[1], ref.Setup[1] = x.name(int(e.b)), x.setup(int(e.b))
	}
	return ref
}

// SingleFailureBreaksPolicy reports whether some single failure breaks a pool's recovery
// policy: a condition "failwright analyze" exits 1 on.
func (r *Report) SingleFailureBreaksPolicy() bool { return !r.Policy.Met }

// writePolicy renders the policy section of the text report.
func writePolicy(b *bytes.Buffer, r *Report) {
	b.WriteString("\nRecovery policy (docs/policy.md; the analysis recovers from the moment of failure, so both clocks read the same)\n")
	for _, p := range r.Policy.Pools {
		pol := p.Policy
		fmt.Fprintf(b, "  %s: RTO %s (%s), RPO %s (%s), %s clock (%s)\n", p.Pool, pol.RTO, pol.From.RTO, pol.RPO, pol.From.RPO, pol.Clock, pol.From.Clock)
		for _, l := range p.Levels {
			fmt.Fprintf(b, "    N-%d worst: %s", l.Depth, l.Verdict)
			for k, s := range l.Sets {
				sep := "; "
				if k == 0 {
					sep = ", e.g. "
				}
				b.WriteString(sep + joinPlus(s.Elements))
			}
			b.WriteString("\n")
		}
	}
	if r.Policy.Met {
		b.WriteString("  No single failure breaks the policy.\n")
		return
	}
	fmt.Fprintf(b, "  Single failures break the policy %s:\n", plural(int64(r.Policy.Count), "time"))
	for _, br := range r.Policy.Breaks {
		fmt.Fprintf(b, "    %s -> %s %s\n", joinPlus(br.Set.Elements), br.Verdict.Pool, br.Verdict)
	}
	if r.Policy.Count > len(r.Policy.Breaks) {
		fmt.Fprintf(b, "    ... and %d more\n", r.Policy.Count-len(r.Policy.Breaks))
	}
}

func joinPlus(s []string) string {
	out := ""
	for i, e := range s {
		if i > 0 {
			out += " + "
		}
		out += e
	}
	return out
}
