package analysis

import (
	"math"
	"math/bits"
	"time"
)

// maxExamples is how many failure sets a worst case lists; Count says how many there are.
const maxExamples = 3

// example is one failure set, as element indices (b = -1 for a single failure), and the
// pool a figure refers to (the worst-loaded pool), or -1.
type example struct {
	a, b int32
	pool int32
}

// agg keeps the worst value of one figure over failure sets, how many sets reach it and the
// first maxExamples of them in canonical order (the smallest, whatever order they are added
// in, so that chunks and closed-form contributions merge exactly). Only values worse than the
// baseline count.
type agg struct {
	v  float64
	n  int64
	ex [maxExamples]example
	ne int8
}

// before reports whether example e comes before f in canonical order.
func (e example) before(f example) bool {
	if e.a != f.a {
		return e.a < f.a
	}
	return e.b < f.b
}

// keep inserts e among the smallest examples.
func (g *agg) keep(e example) {
	k := int(g.ne)
	if k == maxExamples {
		if !e.before(g.ex[k-1]) {
			return
		}
		k--
	} else {
		g.ne++
	}
	for k > 0 && e.before(g.ex[k-1]) {
		g.ex[k] = g.ex[k-1]
		k--
	}
	g.ex[k] = e
}

// counts reports whether value v would count in g: worse than base and not below g's worst.
// It is small enough to be inlined, so that the callers skip the call to add for the many
// values that do not count (calls are dear in Go's WebAssembly code).
func (g *agg) counts(v, base float64) bool { return v > base && (g.n == 0 || v >= g.v) }

// add records value v of set e, when it is worse than base.
func (g *agg) add(v, base float64, e example) {
	if v <= base || (g.n > 0 && v < g.v) {
		return
	}
	if g.n == 0 || v > g.v {
		g.v, g.n, g.ne = v, 0, 0
	}
	g.n++
	if g.ne < maxExamples || e.before(g.ex[maxExamples-1]) {
		g.keep(e)
	}
}

// addN records value v for n sets whose smallest examples are exs (sorted).
func (g *agg) addN(v, base float64, n int64, exs []example) {
	if n == 0 || v <= base || (g.n > 0 && v < g.v) {
		return
	}
	if g.n == 0 || v > g.v {
		g.v, g.n, g.ne = v, 0, 0
	}
	g.n += n
	if len(exs) == 0 || (g.ne == maxExamples && !exs[0].before(g.ex[maxExamples-1])) {
		return // exs is sorted: if its first cannot enter, none can
	}
	for _, e := range exs {
		if g.ne == maxExamples && !e.before(g.ex[maxExamples-1]) {
			break
		}
		g.keep(e)
	}
}

// merge folds o into g.
func (g *agg) merge(o *agg) {
	if o.n > 0 {
		g.addN(o.v, math.Inf(-1), o.n, o.ex[:o.ne])
	}
}

// The global figures a level aggregates, in report order.
const (
	figUnserved = iota
	figNoDR
	figLoad
	figRTO
	figDataLoss
	figCMS
	figRemote
	figAtRisk
	figUnservedNew // a pair's unserved users when they exceed what its two failures leave apart
	numFigs
)

// The per-pool figures, in report order.
const (
	pfUnserved = iota
	pfNoDR
	pfLoad
	pfRTO
	pfDataLoss
	numPoolFigs
)

// poolVal is one pool's figures in an outcome.
type poolVal struct {
	pool     int32
	unserved int32
	noDR     int32
	load     float64
	rto      time.Duration
	dataLoss time.Duration
}

// levelAgg aggregates one depth (single failures, or pairs).
type levelAgg struct {
	sets         int64
	withUnserved int64 // sets leaving users without full service
	withNoDR     int64
	figs         [numFigs]agg
	pools        [][numPoolFigs]agg
	singles      []single // single failures in enumeration order, for the policy (policy.go)
}

func newLevelAgg(pools int) *levelAgg {
	return &levelAgg{pools: make([][numPoolFigs]agg, pools)}
}

// merge folds o (later sets) into l.
func (l *levelAgg) merge(o *levelAgg) {
	l.sets += o.sets
	l.withUnserved += o.withUnserved
	l.withNoDR += o.withNoDR
	for k := range l.figs {
		l.figs[k].merge(&o.figs[k])
	}
	for p := range l.pools {
		for k := range l.pools[p] {
			l.pools[p][k].merge(&o.pools[p][k])
		}
	}
}

// baseline is the no-failure state the aggregates compare with.
type baseline struct {
	f     Figures
	pools []poolVal
	figs  [numFigs]float64
	out   Outcome
}

// figValues turns figures into the comparable values of the global aggregates (higher is
// worse).
func figValues(f *Figures, edges int) [numFigs]float64 {
	var v [numFigs]float64
	v[figUnserved] = float64(f.Unserved)
	v[figNoDR] = float64(f.NoDR)
	v[figLoad] = f.Load
	v[figRTO] = float64(f.RTO)
	v[figDataLoss] = float64(f.DataLoss)
	v[figCMS] = float64(f.CMS)
	if edges > 0 && f.EdgesWorking == 0 {
		v[figRemote] = 1
	}
	v[figAtRisk] = float64(f.AtRisk)
	v[figUnservedNew] = math.Inf(-1) // set for pairs by the callers
	return v
}

// record adds one failure set's figures and its pools that differ from the baseline. isNew
// says that the set is a pair whose unserved users exceed the sum of its two failures' (less
// the baseline's): the failures hurt more together than apart.
func (l *levelAgg) record(base *baseline, f *Figures, edges int, worse []poolVal, e example, isNew bool) {
	if e.b < 0 && len(worse) > 0 {
		l.singles = append(l.singles, single{a: e.a, worse: worse})
	}
	l.recordFigs(base, f, edges, e, isNew)
	l.recordPools(base, worse, e)
}

// recordFigs adds one failure set's global figures.
func (l *levelAgg) recordFigs(base *baseline, f *Figures, edges int, e example, isNew bool) {
	l.sets++
	if f.Unserved > 0 {
		l.withUnserved++
	}
	if f.NoDR > base.f.NoDR {
		l.withNoDR++
	}
	v := figValues(f, edges)
	if isNew {
		v[figUnservedNew] = v[figUnserved]
	}
	for k := range v {
		g := &l.figs[k]
		if !g.counts(v[k], base.figs[k]) {
			continue
		}
		ex := e
		if k == figLoad {
			ex.pool = int32(f.LoadPool)
		}
		g.add(v[k], base.figs[k], ex)
	}
}

// recordN adds n failure sets with the same figures f and changed pools worse, whose first
// sets in canonical order are exs (at most maxExamples): the same as recording each alone.
func (l *levelAgg) recordN(base *baseline, f *Figures, edges int, worse []poolVal, exs []example, n int64, isNew bool) {
	l.sets += n
	if f.Unserved > 0 {
		l.withUnserved += n
	}
	if f.NoDR > base.f.NoDR {
		l.withNoDR += n
	}
	v := figValues(f, edges)
	if isNew {
		v[figUnservedNew] = v[figUnserved]
	}
	for k := range v {
		g := &l.figs[k]
		if !g.counts(v[k], base.figs[k]) {
			continue
		}
		if k != figLoad {
			g.addN(v[k], base.figs[k], n, exs)
			continue
		}
		var withPool [maxExamples]example
		for q, e := range exs {
			e.pool = int32(f.LoadPool)
			withPool[q] = e
		}
		g.addN(v[k], base.figs[k], n, withPool[:len(exs)])
	}
	// Most values here tie a pool's worst when its examples already come before all of exs
	// (sorted): those only add to the count, without a call to addN (calls are dear in Go's
	// WebAssembly code).
	var first example
	if len(exs) > 0 {
		first = exs[0]
	}
	for i := range worse {
		w := &worse[i]
		b := &base.pools[w.pool]
		g := &l.pools[w.pool]
		vals := [numPoolFigs]float64{float64(w.unserved), float64(w.noDR), w.load, float64(w.rto), float64(w.dataLoss)}
		bases := [numPoolFigs]float64{float64(b.unserved), float64(b.noDR), b.load, float64(b.rto), float64(b.dataLoss)}
		for k, v := range vals {
			a := &g[k]
			if v <= bases[k] || (a.n > 0 && v < a.v) {
				continue
			}
			if v == a.v && a.ne == maxExamples && len(exs) > 0 && !first.before(a.ex[maxExamples-1]) {
				a.n += n
				continue
			}
			a.addN(v, bases[k], n, exs)
		}
	}
}

// recordPools adds the figures of the pools of a failure set that differ from the baseline.
func (l *levelAgg) recordPools(base *baseline, worse []poolVal, e example) {
	for i := range worse {
		w := &worse[i]
		b := &base.pools[w.pool]
		g := &l.pools[w.pool]
		if v, bv := float64(w.unserved), float64(b.unserved); g[pfUnserved].counts(v, bv) {
			g[pfUnserved].add(v, bv, e)
		}
		if v, bv := float64(w.noDR), float64(b.noDR); g[pfNoDR].counts(v, bv) {
			g[pfNoDR].add(v, bv, e)
		}
		if g[pfLoad].counts(w.load, b.load) {
			g[pfLoad].add(w.load, b.load, e)
		}
		if v, bv := float64(w.rto), float64(b.rto); g[pfRTO].counts(v, bv) {
			g[pfRTO].add(v, bv, e)
		}
		if v, bv := float64(w.dataLoss), float64(b.dataLoss); g[pfDataLoss].counts(v, bv) {
			g[pfDataLoss].add(v, bv, e)
		}
	}
}

// poolVals returns the figures of every pool of o.
func poolVals(o *Outcome) []poolVal {
	out := make([]poolVal, len(o.Pools))
	for i := range o.Pools {
		out[i] = poolValOf(i, &o.Pools[i])
	}
	return out
}

func poolValOf(i int, p *PoolOutcome) poolVal {
	return poolVal{pool: int32(i), unserved: int32(p.Unserved), noDR: int32(p.NoDR), load: p.Load(),
		rto: p.RTO, dataLoss: p.DataLoss}
}

// worseThan reports whether any figure of v is worse than b's.
func (v *poolVal) worseThan(b *poolVal) bool {
	return v.unserved > b.unserved || v.noDR > b.noDR || v.load > b.load || v.rto > b.rto ||
		v.dataLoss > b.dataLoss
}

// worseList returns the pools of o with a figure worse than the baseline, in pool order.
func worseList(base *baseline, o *Outcome) []poolVal {
	var out []poolVal
	for i := range o.Pools {
		v := poolValOf(i, &o.Pools[i])
		if v.worseThan(&base.pools[i]) {
			out = append(out, v)
		}
	}
	return out
}

// bitset is a set of small integers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int) { b[i/64] |= 1 << (uint(i) % 64) }

// andCount returns the size of the intersection of a and b.
func andCount(a, b bitset) int {
	n := 0
	for i := range a {
		n += bits.OnesCount64(a[i] & b[i])
	}
	return n
}
