package analysis

import (
	"math"
	"slices"
	"sync/atomic"
)

// startSweep enters the sweep phase, or finishes at depth 1.
func (a *Analyzer) startSweep() {
	a.cursor = 0
	if a.opts.Depth < 2 {
		a.afterSweep()
		return
	}
	l := a.l2 // the interacting pairs, recorded as they were evaluated
	a.levels = append(a.levels, l)
	a.stats.Sets += a.stats.Interacting
	a.done += a.stats.Interacting
	a.poolsClosedForm(l)
	a.buildClassVecs()
	a.buildSuffix()
	a.phase = phaseSweep
}

// poolsClosedForm records the per-pool figures of every composed pair at once. In a composed
// pair {e, f} a pool changed by e has its figures after e alone, whatever f is, so each pool of
// e's changed list contributes its values once for each of e's independent partners, the first
// pairs in canonical order being those with e's smallest independent partners.
func (a *Analyzer) poolsClosedForm(l *levelAgg) {
	n := len(a.x.elems)
	var exs []example
	for e := 0; e < n; e++ {
		s := &a.singles[a.class[e]]
		if len(s.worse) == 0 {
			continue
		}
		adj := a.adjOf(e)
		m := int64(n - 1 - len(adj))
		exs = exs[:0]
		k := 0
		for f := 0; f < n && len(exs) < maxExamples; f++ {
			for k < len(adj) && int(adj[k]) < f {
				k++
			}
			if f == e || (k < len(adj) && int(adj[k]) == f) {
				continue
			}
			lo, hi := min(e, f), max(e, f)
			exs = append(exs, example{a: int32(lo), b: int32(hi), pool: -1})
		}
		for i := range s.worse {
			w := &s.worse[i]
			b := &a.base.pools[w.pool]
			g := &l.pools[w.pool]
			g[pfUnserved].addN(float64(w.unserved), float64(b.unserved), m, exs)
			g[pfNoDR].addN(float64(w.noDR), float64(b.noDR), m, exs)
			g[pfLoad].addN(w.load, b.load, m, exs)
			g[pfRTO].addN(float64(w.rto), float64(b.rto), m, exs)
			g[pfDataLoss].addN(float64(w.dataLoss), float64(b.dataLoss), m, exs)
		}
	}
}

// parallelSweep sweeps the remaining class rows in chunks of about equal work on w
// goroutines, one aggregate per chunk; aggregates merge exactly in any order.
func (a *Analyzer) parallelSweep(w int) {
	c := len(a.members)
	start := a.cursor
	if w <= 1 {
		n := a.sweepClasses(a.levels[1], start, c)
		a.done += n
		a.stats.Composed += n
		a.stats.Sets += n
		a.cursor = c
		return
	}
	remaining := int64(0)
	for i := start; i < c; i++ {
		remaining += int64(c - i)
	}
	chunks := max(1, min(64, w*8))
	per := remaining/int64(chunks) + 1
	bounds := []int{start}
	acc := int64(0)
	for i := start; i < c; i++ {
		acc += int64(c - i)
		if acc >= per && i+1 < c {
			bounds = append(bounds, i+1)
			acc = 0
		}
	}
	bounds = append(bounds, c)
	parts := make([]*levelAgg, len(bounds)-1)
	var composed atomic.Int64
	parallel(w, len(parts), func(k int) {
		l := newLevelAgg(len(a.x.pools))
		parts[k] = l
		composed.Add(a.sweepClasses(l, bounds[k], bounds[k+1]))
	})
	for _, p := range parts {
		a.levels[1].merge(p)
	}
	n := composed.Load()
	a.done += n
	a.stats.Composed += n
	a.stats.Sets += n
	a.cursor = c
}

// sweepClasses records, into l, every composed pair whose first element's class is in
// lo..hi-1 and whose second element's class is not before it, and returns how many pairs that
// is. All the composed pairs of two classes have the same figures (their singles' figures
// are the same), so each class pair is composed once and counted with its multiplicity: the
// pairs of its members less the interacting ones. Most class pairs only add to the count of
// a figure's worst value or do not reach it: the inner loop settles those from packed values
// (classVec) against per-row gates, and hands the others to composeClassPair, which also
// lists examples when they can enter a worst case.
func (a *Analyzer) sweepClasses(l *levelAgg, lo, hi int) int64 {
	c := len(a.members)
	if a.cv == nil {
		a.buildClassVecs()
		a.buildSuffix()
	}
	cv := a.cv
	var composed int64
	bv := &a.base.figs
	bU, bND, bAR := bv[figUnserved], bv[figNoDR], bv[figAtRisk]
	var topLoad float64
	if len(a.unitMax) > 0 {
		topLoad = a.unitMax[0].load
	}
	oneWord := len(a.singles) > 0 && len(a.singles[0].edges) == 1
	edges := a.edgesN > 0
	gl := &l.figs[figLoad]
	var gates [numFigs]sweepGate
	var exs []example
	for ci := lo; ci < hi; ci++ {
		if n, ok := a.sweepRow(l, ci, topLoad, oneWord); ok {
			composed += n
			continue
		}
		si := &a.singles[ci]
		ri := cv[ci]
		cr := a.classRows[ci]
		r := 0
		first := a.members[ci][0]
		a.sweepGates(l, first, &gates)
		gU, gND, gAR := gates[figUnserved], gates[figNoDR], gates[figAtRisk]
		gRTO, gDL, gCMS, gRem := gates[figRTO], gates[figDataLoss], gates[figCMS], gates[figRemote]
		uI, ndI, arI := ri.u-bU, ri.nd-bND, ri.ar-bAR
		for cj := ci; cj < c; cj++ {
			rj := &cv[cj]
			m := ri.n * rj.n
			if cj == ci {
				m = ri.n * (ri.n - 1) / 2
			}
			if r < len(cr) && int(cr[r].cj) == cj {
				m -= int64(cr[r].n)
				r++
			}
			if m <= 0 {
				continue
			}
			composed += m
			l.sets += m
			u := uI + rj.u
			nd := ndI + rj.nd
			if u > 0 {
				l.withUnserved += m
			}
			if nd > bND {
				l.withNoDR += m
			}
			cms := rj.cms
			if ri.cmsAff {
				cms = ri.cms
			}
			var rem float64
			if edges {
				if oneWord {
					if ri.e0&rj.e0 == 0 {
						rem = 1
					}
				} else if andCount(si.edges, a.singles[cj].edges) == 0 {
					rem = 1
				}
			}
			hU, hND, hAR := gU.gate(u), gND.gate(nd), gAR.gate(arI+rj.ar)
			hRTO, hDL := gRTO.gate(fmax(ri.rto, rj.rto)), gDL.gate(fmax(ri.dl, rj.dl))
			hCMS, hRem := gCMS.gate(cms), gRem.gate(rem)
			loadSlow := gl.n == 0 || fmax(fmax(ri.load, rj.load), topLoad) >= gl.v
			if loadSlow || (hU|hND|hAR|hRTO|hDL|hCMS|hRem)&2 != 0 {
				exs = a.composeClassPair(l, ci, cj, m, topLoad, exs)
				a.sweepGates(l, first, &gates)
				gU, gND, gAR = gates[figUnserved], gates[figNoDR], gates[figAtRisk]
				gRTO, gDL, gCMS, gRem = gates[figRTO], gates[figDataLoss], gates[figCMS], gates[figRemote]
				continue
			}
			if hU != 0 {
				l.figs[figUnserved].n += m
			}
			if hND != 0 {
				l.figs[figNoDR].n += m
			}
			if hAR != 0 {
				l.figs[figAtRisk].n += m
			}
			if hRTO != 0 {
				l.figs[figRTO].n += m
			}
			if hDL != 0 {
				l.figs[figDataLoss].n += m
			}
			if hCMS != 0 {
				l.figs[figCMS].n += m
			}
			if hRem != 0 {
				l.figs[figRemote].n += m
			}
		}
	}
	return composed
}

// sweepGate is how the sweep treats one figure of one aggregate: a value at or above thr
// counts; eqOnly says the aggregate has a worst value (thr) that a value equal to it only adds
// to, its examples being settled for the row (no pair of the row can come before them).
type sweepGate struct {
	thr    float64
	eqOnly bool
}

// gate returns 0 when v does not count, 1 when it only adds to the count of the current worst
// value, 2 when it needs the full path (a new worst value, or examples).
func (g sweepGate) gate(v float64) uint8 {
	if v < g.thr {
		return 0
	}
	if g.eqOnly && v == g.thr {
		return 1
	}
	return 2
}

// aggGate returns the least value that counts in g (worse than the baseline b, and not below
// g's worst) and whether a value equal to g's worst only adds to its count: g's examples are
// complete and all come before element first.
func aggGate(g *agg, b float64, first int32) (thr float64, settled bool) {
	if g.n == 0 {
		return math.Nextafter(b, math.Inf(1)), false
	}
	return g.v, g.ne == maxExamples && first > g.ex[maxExamples-1].a
}

// sweepGates computes the gates of l's global aggregates for a row whose pairs all start with
// element first.
func (a *Analyzer) sweepGates(l *levelAgg, first int32, gates *[numFigs]sweepGate) {
	bv := &a.base.figs
	for k := range gates {
		g := &l.figs[k]
		if g.n == 0 {
			gates[k] = sweepGate{thr: math.Nextafter(bv[k], math.Inf(1))}
			continue
		}
		settled := g.ne == maxExamples && first > g.ex[maxExamples-1].a
		gates[k] = sweepGate{thr: g.v, eqOnly: settled}
	}
}

// composeClassPair records the global figures of the m composed pairs of classes ci and cj
// into l (the counts of sets are the caller's), listing examples when they can enter a worst
// case. It returns exs, reused as a buffer.
func (a *Analyzer) composeClassPair(l *levelAgg, ci, cj int, m int64, topLoad float64, exs []example) []example {
	bv := &a.base.figs
	si, sj := &a.singles[ci], &a.singles[cj]
	vi, vj := &si.vec, &sj.vec
	var v [numFigs]float64
	v[figUnserved] = vi[figUnserved] + vj[figUnserved] - bv[figUnserved]
	v[figNoDR] = vi[figNoDR] + vj[figNoDR] - bv[figNoDR]
	v[figAtRisk] = vi[figAtRisk] + vj[figAtRisk] - bv[figAtRisk]
	v[figUnservedNew] = math.Inf(-1) // a composed pair hurts exactly as much as its two failures apart
	v[figRTO] = fmax(vi[figRTO], vj[figRTO])
	v[figDataLoss] = fmax(vi[figDataLoss], vj[figDataLoss])
	v[figCMS] = vj[figCMS]
	if si.cmsAff {
		v[figCMS] = vi[figCMS]
	}
	if a.edgesN > 0 && andCount(si.edges, sj.edges) == 0 {
		v[figRemote] = 1
	}
	loadPool := -1
	if g := &l.figs[figLoad]; g.n == 0 || fmax(fmax(si.inLoad, sj.inLoad), topLoad) >= g.v {
		v[figLoad], loadPool = a.composeLoad(si, sj)
	}
	haveEx := false
	for k := range v {
		g := &l.figs[k]
		if v[k] <= bv[k] || (g.n > 0 && v[k] < g.v) {
			continue
		}
		if k == figLoad && loadPool < 0 {
			continue
		}
		if !haveEx && a.examplesNeeded(g, v[k], ci, cj) {
			exs = a.classExamples(ci, cj, exs[:0])
			haveEx = true
		}
		if !haveEx || k != figLoad {
			g.addN(v[k], bv[k], m, exsIf(haveEx, exs))
			continue
		}
		withPool := make([]example, len(exs))
		for q, e := range exs {
			e.pool = int32(loadPool)
			withPool[q] = e
		}
		g.addN(v[k], bv[k], m, withPool)
	}
	return exs
}

// fmax is the larger of two figures, which are never NaN. The builtin max of floats is a
// runtime call in Go's WebAssembly code (NaN and signed-zero rules), about 50 times slower
// than this comparison in the sweep's loops.
func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// exsIf returns exs when have, else nil.
func exsIf(have bool, exs []example) []example {
	if have {
		return exs
	}
	return nil
}

// examplesNeeded reports whether a class pair reaching value v of aggregate g could place an
// example among g's: a new worst value, room left, or a first element early enough.
func (a *Analyzer) examplesNeeded(g *agg, v float64, ci, cj int) bool {
	if g.n == 0 || v > g.v || g.ne < maxExamples {
		return true
	}
	first := min(a.members[ci][0], a.members[cj][0])
	return first <= g.ex[maxExamples-1].a
}

// classExamples appends to out the first composed pairs, in canonical order, of a member of
// class ci and a member of class cj (two distinct members when ci == cj).
func (a *Analyzer) classExamples(ci, cj int, out []example) []example {
	mi, mj := a.members[ci], a.members[cj]
	for _, x := range mi {
		got := 0
		for _, y := range mj {
			if got == maxExamples {
				break
			}
			if x == y || (ci == cj && y < x) {
				continue
			}
			if _, hit := slices.BinarySearch(a.adjOf(int(x)), y); hit {
				continue
			}
			out = append(out, example{a: min(x, y), b: max(x, y), pool: -1})
			got++
		}
	}
	slices.SortFunc(out, func(p, q example) int {
		switch {
		case p.before(q):
			return -1
		case q.before(p):
			return 1
		}
		return 0
	})
	if len(out) > maxExamples {
		out = out[:maxExamples]
	}
	return out
}
