package analysis

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"failwright/engine/topology"
)

// Options tune an analysis.
type Options struct {
	// Depth is 1 (every single failure) or 2 (also every pair); 0 means 2.
	Depth int
	// Workers is how many goroutines Run uses; 0 means runtime.GOMAXPROCS(0). The report
	// does not depend on it.
	Workers int
	// Evaluator computes the outcome of one failure set; nil means the analysis's Model.
	Evaluator Evaluator
}

func (o Options) normalized() Options {
	if o.Depth <= 0 || o.Depth > 2 {
		o.Depth = 2
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// summary is the outcome of one failure set reduced to what the aggregates need.
type summary struct {
	f     Figures
	vec   [numFigs]float64 // f as the aggregates compare it
	worse []poolVal        // pools with a figure worse than the baseline
	edges bitset           // Edge pools giving remote access

	// Single failures only: the footprint and its properties.
	units    []int32 // units (pairs, or pools alone) whose pools the failure changes, sorted
	inLoad   float64 // worst load among the footprint's pools, and that pool (-1: none)
	inPool   int
	cmsAff   bool // changes the CMS or what reaches it
	needsCMS bool // leaves a pool of its footprint off its home pool: recovery needs the CMS
}

// rowEntry is an interacting partner j of a row's element, and where its evaluated pair
// outcome is.
type rowEntry struct {
	j   int32
	res int32
}

// The phases of an analysis, in order.
const (
	phaseSingles = iota // evaluate one representative of each equivalence class
	phasePlan           // footprints, interacting pairs, the single-failure level
	phasePairs          // evaluate each distinct interacting pair of classes
	phaseSweep          // compose or look up every pair, row by row
	phaseDone
)

// Analyzer runs one analysis, either all at once (Run, on several goroutines) or a little at
// a time (Next), so that a surface can show progress and stop between steps. Both give the
// same Report.
type Analyzer struct {
	x    *index
	opts Options
	ev   evalFunc
	base *baseline

	class   []int32   // equivalence class of each element
	members [][]int32 // elements of each class, in order; the first represents it
	singles []summary // per class

	rows     [][]rowEntry // per element: interacting partners after it, sorted
	pairSets [][2]int32   // per distinct interacting class pair: the set evaluated
	pairRes  []summary
	unitMax  []unitLoad // units by their worst baseline load, worst first
	edgesN   int

	outs sync.Pool // *Outcome scratch for evaluations

	levels []*levelAgg
	phase  int
	cursor int
	done   int64
	total  int64
	stats  Stats
}

// Stats says how much work the fast analyzer did.
type Stats struct {
	// Elements is the number of failure elements; Sets the number of failure sets analysed.
	Elements int   `json:"elements"`
	Sets     int64 `json:"sets"`
	// Classes is the number of single-failure equivalence classes evaluated.
	Classes int `json:"classes"`
	// Interacting is the number of pairs whose outcome does not compose; Evaluated the number
	// of distinct pairs evaluated for them.
	Interacting int64 `json:"interacting"`
	Evaluated   int   `json:"evaluated"`
	// Composed is the number of pairs composed from two single-failure outcomes.
	Composed int64 `json:"composed"`
}

// unitLoad is a unit's worst baseline load.
type unitLoad struct {
	unit int32
	load float64
	pool int
}

// New prepares an analysis of t. It evaluates the no-failure baseline; the rest waits for
// Next or Run. It fails when t has no Front End pool.
func New(t *topology.Topology, opts Options) (*Analyzer, error) {
	opts = opts.normalized()
	x, err := newIndex(t)
	if err != nil {
		return nil, err
	}
	a := &Analyzer{x: x, opts: opts, ev: evaluatorFor(x, opts), edgesN: len(x.edges)}
	a.outs.New = func() any { return new(Outcome) }
	o := a.ev.evalNew(nil)
	a.base = makeBaseline(&o, a.edgesN)
	a.classify()
	a.singles = make([]summary, len(a.members))
	a.total = int64(len(a.members)) + 1
	if opts.Depth >= 2 {
		n := int64(len(x.elems))
		a.total += n * (n - 1) / 2
	}
	a.stats.Elements = len(x.elems)
	a.stats.Classes = len(a.members)
	return a, nil
}

// Elements returns the failure elements in canonical order. Failure sets name them by index.
func (a *Analyzer) Elements() []Element { return a.x.elems }

// Set returns the failure set of elements i and j (j < 0 for the single failure of i).
func (a *Analyzer) Set(i, j int) FailureSet {
	if j < 0 {
		return FailureSet{a.x.elems[i]}
	}
	if j < i {
		i, j = j, i
	}
	return FailureSet{a.x.elems[i], a.x.elems[j]}
}

// Failures returns every single failure as a failure set, in canonical order.
func (a *Analyzer) Failures() []FailureSet {
	out := make([]FailureSet, len(a.x.elems))
	for i := range out {
		out[i] = a.Set(i, -1)
	}
	return out
}

// Outcome evaluates one failure set in full with the analysis's evaluator.
func (a *Analyzer) Outcome(set FailureSet) Outcome {
	pos := make(map[Element]int, len(a.x.elems))
	for i, e := range a.x.elems {
		pos[e] = i
	}
	idx := make([]int, 0, len(set))
	for _, e := range set {
		if i, ok := pos[e]; ok {
			idx = append(idx, i)
		}
	}
	return a.ev.evalNew(idx)
}

// Progress returns the work done and the total, in steps of about one failure set. Total can
// grow once, when the interacting pairs are known.
func (a *Analyzer) Progress() (done, total int64) { return a.done, a.total }

// Done reports whether the analysis has finished.
func (a *Analyzer) Done() bool { return a.phase == phaseDone }

// Stats returns the work counts so far.
func (a *Analyzer) Stats() Stats { return a.stats }

// classify groups elements whose outcomes the model guarantees equal: the servers of one pool
// on the same side of the quorum rule's "first N" line. Every other element is alone.
func (a *Analyzer) classify() {
	x := a.x
	a.class = make([]int32, len(x.elems))
	key := map[[2]int]int32{}
	for i, e := range x.elems {
		if e.Kind == KindServer {
			p := x.poolOfElement(e)
			k := -1
			for s, name := range x.pools[p].servers {
				if name == e.Name {
					k = s
					break
				}
			}
			zone := 0
			if k >= x.pools[p].rule.AmongFirst {
				zone = 1
			}
			ck := [2]int{p, zone}
			if c, ok := key[ck]; ok {
				a.class[i] = c
				a.members[c] = append(a.members[c], int32(i))
				continue
			}
			key[ck] = int32(len(a.members))
		}
		a.class[i] = int32(len(a.members))
		a.members = append(a.members, []int32{int32(i)})
	}
}

// Next does about budget steps of work and reports whether the analysis has finished.
func (a *Analyzer) Next(budget int) bool {
	for budget > 0 && a.phase != phaseDone {
		switch a.phase {
		case phaseSingles:
			if a.cursor < len(a.members) {
				a.evalSingle(a.cursor)
				a.cursor++
				a.done++
				budget--
				continue
			}
			a.phase, a.cursor = phasePlan, 0
		case phasePlan:
			a.plan()
			a.done++
			budget--
			a.phase = phasePairs
		case phasePairs:
			if a.cursor < len(a.pairSets) {
				a.evalPair(a.cursor)
				a.cursor++
				a.done++
				budget--
				continue
			}
			a.startSweep()
		case phaseSweep:
			if a.cursor >= len(a.x.elems) {
				a.phase = phaseDone
				continue
			}
			n := a.sweepRows(a.levels[1], a.cursor, a.cursor+1)
			a.cursor++
			a.done += n
			budget -= int(n)
		}
	}
	return a.phase == phaseDone
}

// startSweep enters the sweep phase, or finishes at depth 1.
func (a *Analyzer) startSweep() {
	a.cursor = 0
	if a.opts.Depth < 2 {
		a.phase = phaseDone
		return
	}
	a.levels = append(a.levels, newLevelAgg(len(a.x.pools)))
	a.phase = phaseSweep
}

// Run finishes the analysis on opts.Workers goroutines.
func (a *Analyzer) Run() {
	w := a.opts.Workers
	if a.phase == phaseSingles {
		parallel(w, len(a.members)-a.cursor, func(k int) { a.evalSingle(a.cursor + k) })
		a.done += int64(len(a.members) - a.cursor)
		a.phase, a.cursor = phasePlan, 0
	}
	if a.phase == phasePlan {
		a.plan()
		a.done++
		a.phase = phasePairs
	}
	if a.phase == phasePairs {
		parallel(w, len(a.pairSets)-a.cursor, func(k int) { a.evalPair(a.cursor + k) })
		a.done += int64(len(a.pairSets) - a.cursor)
		a.startSweep()
	}
	if a.phase == phaseSweep {
		a.parallelSweep(w)
		a.phase = phaseDone
	}
}

// parallel calls f(0..n-1) on up to w goroutines.
func parallel(w, n int, f func(k int)) {
	if n <= 0 {
		return
	}
	if w <= 1 || n == 1 {
		for k := 0; k < n; k++ {
			f(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(w, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				f(k)
			}
		}()
	}
	wg.Wait()
}

// parallelSweep sweeps the remaining rows in chunks of about equal pair counts on w
// goroutines, and merges the chunks' aggregates in row order so the report does not depend
// on scheduling.
func (a *Analyzer) parallelSweep(w int) {
	n := len(a.x.elems)
	start := a.cursor
	remaining := int64(0)
	for i := start; i < n; i++ {
		remaining += int64(n - 1 - i)
	}
	chunks := max(1, min(64, w*8))
	per := remaining/int64(chunks) + 1
	var bounds []int
	bounds = append(bounds, start)
	acc := int64(0)
	for i := start; i < n; i++ {
		acc += int64(n - 1 - i)
		if acc >= per && i+1 < n {
			bounds = append(bounds, i+1)
			acc = 0
		}
	}
	bounds = append(bounds, n)
	parts := make([]*levelAgg, len(bounds)-1)
	var composed atomic.Int64
	parallel(w, len(parts), func(k int) {
		l := newLevelAgg(len(a.x.pools))
		parts[k] = l
		composed.Add(a.sweepRowsCount(l, bounds[k], bounds[k+1]))
	})
	for _, p := range parts {
		a.levels[1].merge(p)
	}
	a.done += remaining
	a.stats.Composed += composed.Load()
	a.stats.Sets += remaining
	a.cursor = n
}

// evalSingle evaluates the representative of class c and derives its footprint.
func (a *Analyzer) evalSingle(c int) {
	x := a.x
	rep := int(a.members[c][0])
	o := a.outs.Get().(*Outcome)
	defer a.outs.Put(o)
	a.ev([]int{rep}, o)
	s := summary{f: o.Figures(), worse: worseList(a.base, o), edges: newBitset(len(x.edges)), inPool: -1}
	s.vec = figValues(&s.f, a.edgesN)
	for k, w := range o.Edges {
		if w {
			s.edges.set(k)
		}
	}
	base := &a.base.out
	touched := make([]bool, len(x.pools))
	for _, p := range a.declaredPools(x.elems[rep]) {
		touched[p] = true
	}
	for p := range o.Pools {
		if o.Pools[p] != base.Pools[p] {
			touched[p] = true
		}
	}
	unitSet := map[int32]bool{}
	for p, t := range touched {
		if t {
			unitSet[int32(x.pools[p].unit)] = true
		}
	}
	for u := range unitSet {
		s.units = append(s.units, u)
	}
	sort.Slice(s.units, func(i, j int) bool { return s.units[i] < s.units[j] })
	for _, u := range s.units {
		for _, p := range x.units[u] {
			po := &o.Pools[p]
			if po.Service != ServiceHome {
				s.needsCMS = true
			}
			if po.Capacity > 0 && worseLoad(po.Load(), p, s.inLoad, s.inPool) {
				s.inLoad, s.inPool = po.Load(), p
			}
		}
	}
	s.cmsAff = o.CMS != base.CMS || a.declaredCMS(x.elems[rep], s.units)
	a.singles[c] = s
}

// declaredPools returns the Front End pools whose state an element changes directly: a
// server's or back end's pool, the pool itself, a site's pools and the next hops of its Edge
// pools, an Edge pool's next hop, and the pools of the pairs a link carries.
func (a *Analyzer) declaredPools(e Element) []int {
	x := a.x
	var out []int
	switch e.Kind {
	case KindServer, KindPool, KindBackEnd, KindMirror:
		if p := x.poolOfElement(e); p >= 0 {
			out = append(out, p)
		}
	case KindSite:
		s := siteIndex(x.t, e.Name)
		for p := range x.pools {
			if x.pools[p].site == s {
				out = append(out, p)
			}
		}
		for _, ed := range x.edges {
			if ed.site == s && ed.nextFE >= 0 {
				out = append(out, ed.nextFE)
			}
		}
	case KindEdge:
		for _, ed := range x.edges {
			if ed.fqdn == e.Name && ed.nextFE >= 0 {
				out = append(out, ed.nextFE)
			}
		}
	case KindLink:
		sa, sb := siteIndex(x.t, e.Name), siteIndex(x.t, e.To)
		for p := range x.pools {
			q := x.pools[p].partner
			if q < 0 {
				continue
			}
			ps, qs := x.pools[p].site, x.pools[q].site
			if (ps == sa && qs == sb) || (ps == sb && qs == sa) {
				out = append(out, p)
			}
		}
	}
	return out
}

// declaredCMS reports whether an element can change the CMS or whether a site reaches it:
// it touches the unit of the CMS pool (the pool or its partner, which holds the standby), or
// it is a link from the site of either.
func (a *Analyzer) declaredCMS(e Element, units []int32) bool {
	x := a.x
	if x.cms < 0 {
		return false
	}
	cu := int32(x.pools[x.cms].unit)
	for _, u := range units {
		if u == cu {
			return true
		}
	}
	if e.Kind == KindLink {
		sa, sb := siteIndex(x.t, e.Name), siteIndex(x.t, e.To)
		for _, p := range x.units[cu] {
			if s := x.pools[p].site; s == sa || s == sb {
				return true
			}
		}
	}
	return false
}

// plan records the single-failure level, then finds the pairs that do not compose: the two
// elements share a unit, or one changes the CMS while the other needs it (or changes it too).
func (a *Analyzer) plan() {
	x := a.x
	n := len(x.elems)
	l1 := newLevelAgg(len(x.pools))
	for i := 0; i < n; i++ {
		s := &a.singles[a.class[i]]
		l1.record(a.base, &s.f, a.edgesN, s.worse, example{a: int32(i), b: -1, pool: -1})
	}
	a.levels = []*levelAgg{l1}
	a.stats.Sets += int64(n)

	// Baseline loads by unit, worst first.
	for u, pools := range x.units {
		ul := unitLoad{unit: int32(u), pool: -1}
		for _, p := range pools {
			bp := &a.base.pools[p]
			if a.baseCapacity(p) > 0 && worseLoad(bp.load, p, ul.load, ul.pool) {
				ul.load, ul.pool = bp.load, p
			}
		}
		if ul.pool >= 0 {
			a.unitMax = append(a.unitMax, ul)
		}
	}
	sort.SliceStable(a.unitMax, func(i, j int) bool {
		return worseLoad(a.unitMax[i].load, a.unitMax[i].pool, a.unitMax[j].load, a.unitMax[j].pool)
	})
	if a.opts.Depth < 2 {
		return
	}

	// Interacting pairs.
	var pairs []uint64
	add := func(i, j int) {
		if i == j {
			return
		}
		if i > j {
			i, j = j, i
		}
		pairs = append(pairs, uint64(i)<<32|uint64(j))
	}
	byUnit := make([][]int, len(x.units))
	var cmsAff, needs []int
	for i := 0; i < n; i++ {
		s := &a.singles[a.class[i]]
		for _, u := range s.units {
			byUnit[u] = append(byUnit[u], i)
		}
		if s.cmsAff {
			cmsAff = append(cmsAff, i)
		}
		if s.needsCMS || s.cmsAff {
			needs = append(needs, i)
		}
	}
	for _, list := range byUnit {
		for p := 0; p < len(list); p++ {
			for q := p + 1; q < len(list); q++ {
				add(list[p], list[q])
			}
		}
	}
	for _, i := range cmsAff {
		for _, j := range needs {
			add(i, j)
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i] < pairs[j] })
	a.rows = make([][]rowEntry, n)
	keys := map[uint64]int32{}
	var prev uint64 = 1<<64 - 1
	for _, pr := range pairs {
		if pr == prev {
			continue
		}
		prev = pr
		i, j := int(pr>>32), int(pr&0xffffffff)
		ci, cj := a.class[i], a.class[j]
		if ci > cj {
			ci, cj = cj, ci
		}
		k := uint64(ci)<<32 | uint64(cj)
		r, ok := keys[k]
		if !ok {
			r = int32(len(a.pairSets))
			keys[k] = r
			set := [2]int32{a.members[ci][0], a.members[cj][0]}
			if ci == cj {
				set[1] = a.members[ci][1]
			}
			a.pairSets = append(a.pairSets, set)
		}
		a.rows[i] = append(a.rows[i], rowEntry{j: int32(j), res: r})
		a.stats.Interacting++
	}
	a.pairRes = make([]summary, len(a.pairSets))
	a.total += int64(len(a.pairSets))
	a.stats.Evaluated = len(a.pairSets)
}

// baseCapacity is pool p's capacity with nothing failed.
func (a *Analyzer) baseCapacity(p int) int {
	return a.base.out.Pools[p].Capacity
}

// evalPair evaluates the k-th distinct interacting pair in full.
func (a *Analyzer) evalPair(k int) {
	set := a.pairSets[k]
	o := a.outs.Get().(*Outcome)
	a.ev([]int{int(set[0]), int(set[1])}, o)
	a.pairRes[k] = summary{f: o.Figures(), worse: worseList(a.base, o)}
	a.outs.Put(o)
}

// sweepRows records every pair (i, j), lo <= i < hi, i < j, into l and returns the number of
// pairs.
func (a *Analyzer) sweepRows(l *levelAgg, lo, hi int) int64 {
	c := a.sweepRowsCount(l, lo, hi)
	a.stats.Composed += c
	var n int64
	for i := lo; i < hi; i++ {
		n += int64(len(a.x.elems) - 1 - i)
	}
	a.stats.Sets += n
	return n
}

// sweepRowsCount records the pairs of rows lo..hi-1 into l and returns how many it composed.
func (a *Analyzer) sweepRowsCount(l *levelAgg, lo, hi int) int64 {
	n := len(a.x.elems)
	var composed int64
	bv := &a.base.figs
	var topLoad float64
	if len(a.unitMax) > 0 {
		topLoad = a.unitMax[0].load
	}
	oneWord := len(a.singles) > 0 && len(a.singles[0].edges) == 1
	for i := lo; i < hi; i++ {
		si := &a.singles[a.class[i]]
		row := a.rows[i]
		r := 0
		for j := i + 1; j < n; j++ {
			e := example{a: int32(i), b: int32(j), pool: -1}
			if r < len(row) && int(row[r].j) == j {
				res := &a.pairRes[row[r].res]
				r++
				l.record(a.base, &res.f, a.edgesN, res.worse, e)
				continue
			}
			// Composition (docs/analysis.md): the figures as comparable values.
			sj := &a.singles[a.class[j]]
			vi, vj := &si.vec, &sj.vec
			l.sets++
			if v := vi[figUnserved] + vj[figUnserved] - bv[figUnserved]; v > bv[figUnserved] {
				l.withUnserved++
				l.figs[figUnserved].add(v, bv[figUnserved], e)
			} else if v > 0 {
				l.withUnserved++
			}
			if v := vi[figNoDR] + vj[figNoDR] - bv[figNoDR]; v > bv[figNoDR] {
				l.withNoDR++
				l.figs[figNoDR].add(v, bv[figNoDR], e)
			}
			l.figs[figAtRisk].add(vi[figAtRisk]+vj[figAtRisk]-bv[figAtRisk], bv[figAtRisk], e)
			l.figs[figRTO].add(max(vi[figRTO], vj[figRTO]), bv[figRTO], e)
			l.figs[figDataLoss].add(max(vi[figDataLoss], vj[figDataLoss]), bv[figDataLoss], e)
			if si.cmsAff {
				l.figs[figCMS].add(vi[figCMS], bv[figCMS], e)
			} else {
				l.figs[figCMS].add(vj[figCMS], bv[figCMS], e)
			}
			if a.edgesN > 0 {
				var none bool
				if oneWord {
					none = si.edges[0]&sj.edges[0] == 0
				} else {
					none = andCount(si.edges, sj.edges) == 0
				}
				if none {
					l.figs[figRemote].add(1, bv[figRemote], e)
				}
			}
			// The load only when it can reach the worst so far.
			if g := &l.figs[figLoad]; g.n == 0 || max(si.inLoad, sj.inLoad, topLoad) >= g.v {
				load, pool := a.composeLoad(si, sj)
				e.pool = int32(pool)
				g.add(load, bv[figLoad], e)
				e.pool = -1
			}
			l.recordPools(a.base, si.worse, e)
			l.recordPools(a.base, sj.worse, e)
			composed++
		}
	}
	return composed
}

// composeLoad returns the worst load of the pair of two independent single failures and its
// pool: the worst of the two footprints' after each failure and of the baseline outside both.
func (a *Analyzer) composeLoad(s, t *summary) (float64, int) {
	load, pool := s.inLoad, s.inPool
	if worseLoad(t.inLoad, t.inPool, load, pool) {
		load, pool = t.inLoad, t.inPool
	}
	for k := range a.unitMax {
		u := &a.unitMax[k]
		if contains(s.units, u.unit) || contains(t.units, u.unit) {
			continue
		}
		if worseLoad(u.load, u.pool, load, pool) {
			load, pool = u.load, u.pool
		}
		break
	}
	return load, pool
}

// PairFigures returns the figures of the failure set of elements i and j (j < 0, or j == i,
// for the single failure of i) without a new evaluation: from the evaluated interacting pair,
// or composed from the two single failures. It is what a matrix of failure pairs shows in each
// cell. The analysis must have passed its evaluation phases (Done, or the sweep started).
func (a *Analyzer) PairFigures(i, j int) (Figures, error) {
	if a.phase < phaseSweep {
		return Figures{}, fmt.Errorf("analysis: pairs are not evaluated yet")
	}
	n := len(a.x.elems)
	if i < 0 || i >= n || j >= n {
		return Figures{}, fmt.Errorf("analysis: no element %d or %d", i, j)
	}
	if j < 0 || j == i {
		return a.singles[a.class[i]].f, nil
	}
	if j < i {
		i, j = j, i
	}
	row := a.rows[i]
	k := sort.Search(len(row), func(k int) bool { return int(row[k].j) >= j })
	if k < len(row) && int(row[k].j) == j {
		return a.pairRes[row[k].res].f, nil
	}
	return a.compose(&a.singles[a.class[i]], &a.singles[a.class[j]]), nil
}

// compose returns the figures of the pair of two independent single failures: additive
// figures add (less the baseline counted twice), maxima take the larger, the CMS is the one
// the CMS-affecting failure left, the Edge pools working are those working after both, and
// the worst load is the worst of the two footprints and the baseline outside both.
func (a *Analyzer) compose(s, t *summary) Figures {
	b := &a.base.f
	f := Figures{
		Unserved:   s.f.Unserved + t.f.Unserved - b.Unserved,
		NoDR:       s.f.NoDR + t.f.NoDR - b.NoDR,
		AtRisk:     s.f.AtRisk + t.f.AtRisk - b.AtRisk,
		Unrestored: s.f.Unrestored + t.f.Unrestored - b.Unrestored,
		RTO:        max(s.f.RTO, t.f.RTO),
		DataLoss:   max(s.f.DataLoss, t.f.DataLoss),
		CMS:        t.f.CMS,
	}
	if s.cmsAff {
		f.CMS = s.f.CMS
	}
	if a.edgesN > 0 {
		f.EdgesWorking = andCount(s.edges, t.edges)
	}
	f.Load, f.LoadPool = s.inLoad, s.inPool
	if worseLoad(t.inLoad, t.inPool, f.Load, f.LoadPool) {
		f.Load, f.LoadPool = t.inLoad, t.inPool
	}
	for k := range a.unitMax {
		u := &a.unitMax[k]
		if contains(s.units, u.unit) || contains(t.units, u.unit) {
			continue
		}
		if worseLoad(u.load, u.pool, f.Load, f.LoadPool) {
			f.Load, f.LoadPool = u.load, u.pool
		}
		break
	}
	return f
}

// contains reports whether the short sorted list holds u.
func contains(list []int32, u int32) bool {
	for _, v := range list {
		if v == u {
			return true
		}
		if v > u {
			return false
		}
	}
	return false
}

// Report returns the analysis's report. It fails when the analysis has not finished.
func (a *Analyzer) Report() (*Report, error) {
	if a.phase != phaseDone {
		return nil, fmt.Errorf("analysis: not finished (call Run, or Next until it returns true)")
	}
	return buildReport(a.x, a.base, a.levels), nil
}

// Analyze runs the whole analysis of t with the fast analyzer and returns its report.
func Analyze(t *topology.Topology, opts Options) (*Report, error) {
	a, err := New(t, opts)
	if err != nil {
		return nil, err
	}
	a.Run()
	return a.Report()
}
