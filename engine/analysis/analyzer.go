package analysis

import (
	"fmt"
	"math"
	"runtime"
	"slices"
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

// normalized applies the defaults.
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
	cmsAff   bool // changes the CMS (or is a link from the CMS pool's or its partner's site)
	needsCMS bool // leaves a pool of its footprint off its home pool: recovery needs the CMS
}

// The phases of an analysis, in order.
const (
	phaseSingles = iota // evaluate one representative of each equivalence class
	phasePlan           // footprints, interacting pairs, the single-failure level
	phasePairs          // evaluate each distinct interacting pair of classes
	phaseSweep          // record the interacting pairs, then compose the pairs of classes
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

	// The interacting partners of each element, sorted, in one array: element i's are
	// adjJ[adjOff[i]:adjOff[i+1]], those after it (its row) from rowOff[i]. adjRes holds, for a
	// partner in a row, the distinct class pair whose evaluation gives the pair's outcome.
	adjJ, adjRes   []int32
	adjOff, rowOff []int32

	pairClass [][2]int32     // per distinct interacting class pair: the two classes, ci <= cj
	pairCount []int32        // per distinct interacting class pair: its interacting pairs
	classRows [][]classEntry // per class ci: the interacting class pairs (ci, cj), by cj
	pairSets  [][2]int32     // per distinct interacting class pair: the set evaluated
	pairRes   []Figures      // per distinct interacting class pair: its figures
	unitMax   []unitLoad     // units by their worst baseline load, worst first
	cv        []classVec     // per class: the single failure packed for the sweep
	suf       sweepSuffix    // suffix statistics of cv for whole-row sweeps
	edgesN    int

	// With the Model as evaluator, single failures and interacting pairs are evaluated on
	// the units they can change only (localEval): their footprints, and, when these hold the
	// CMS pool's unit, the units with a pool down at baseline (always), whose recovery
	// depends on the CMS.
	model   *Model
	workers []*worker // per goroutine of Run (opts.Workers of them); Next uses the first
	lb      localBase // what local evaluations read of the baseline
	always  []int32
	cmsUnit int32 // the CMS pool's unit, or -1
	// l2 and pairExs: each interacting class pair is recorded into the pairs' level (or, on
	// another worker than the first, into that worker's aggregate, merged into l2 at the end)
	// as soon as it is evaluated, with its first pairs as examples, so its changed pools need
	// not be kept.
	l2       *levelAgg
	pairExs  [][maxExamples]example
	allPools []int // every Front End pool

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

// classEntry counts the interacting pairs between two classes.
type classEntry struct {
	cj int32
	n  int32
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
	a.workers = make([]*worker, max(1, opts.Workers))
	a.allPools = make([]int, len(x.pools))
	for i := range a.allPools {
		a.allPools[i] = i
	}
	o := a.ev.evalNew(nil)
	a.base = makeBaseline(&o, a.edgesN)
	if opts.Evaluator == nil {
		a.model = newModel(x)
		a.lb.serves = make([]bool, len(x.pools))
		for p := range o.Pools {
			sv := o.Pools[p].Service
			a.lb.serves[p] = sv == ServiceHome || sv == ServiceBackup
		}
		a.lb.edges = slices.Clone(o.Edges)
		for _, w := range o.Edges {
			if w {
				a.lb.nEdges++
			}
		}
		for u, pools := range x.units {
			for _, p := range pools {
				if o.Pools[p].Service != ServiceHome {
					a.always = append(a.always, int32(u))
					break
				}
			}
		}
		a.cmsUnit = -1
		if x.cms >= 0 {
			a.cmsUnit = int32(x.pools[x.cms].unit)
		}
		a.lb.cms = o.CMS
		a.lb.cmsUp = x.cms >= 0 && o.Pools[x.cms].Service == ServiceHome
	}
	a.classify()
	a.baselineLoads()
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

// StrikeLine returns the simulator line that brings a fresh simulation of the topology to the
// moment the analysis lets failures strike, one second before the Backup Service's first sync
// ("Wait-SimTime -Duration 00:01:59" with the default interval). Run before a set's Setup
// lines, it reproduces the data-loss window the analysis reports too.
func (a *Analyzer) StrikeLine() string { return strikeLine(a.x.strike) }

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
	a.members = make([][]int32, 0, len(x.elems))
	key := make([][2]int32, len(x.pools)) // per pool and zone: the class + 1, or 0
	for i, e := range x.elems {
		if e.Kind == KindServer {
			p := x.targets[i].pool
			k := x.targets[i].server - x.srvOff[p]
			zone := 0
			if k >= x.pools[p].rule.AmongFirst {
				zone = 1
			}
			if c := key[p][zone]; c > 0 {
				a.class[i] = c - 1
				a.members[c-1] = append(a.members[c-1], int32(i))
				continue
			}
			key[p][zone] = int32(len(a.members)) + 1
		}
		a.class[i] = int32(len(a.members))
		a.members = append(a.members, []int32{int32(i)})
	}
}

// Next does about budget steps of work and reports whether the analysis has finished. A step
// is one evaluation, or about 16 composed pairs; the two one-off steps between phases (finding
// the interacting pairs, and recording them) each get a call of their own. On large.yaml as
// WebAssembly, Next(1000) returns within about 50 ms.
func (a *Analyzer) Next(budget int) bool {
	for budget > 0 && a.phase != phaseDone {
		switch a.phase {
		case phaseSingles:
			if a.cursor < len(a.members) {
				a.evalSingle(0, a.cursor)
				a.cursor++
				a.done++
				budget--
				continue
			}
			a.phase, a.cursor = phasePlan, 0
			return false
		case phasePlan:
			a.plan()
			a.done++
			a.phase = phasePairs
			return false
		case phasePairs:
			if a.cursor < len(a.pairSets) {
				a.evalPair(0, a.l2, a.cursor)
				a.cursor++
				a.done++
				budget--
				continue
			}
			a.startSweep()
			return a.phase == phaseDone
		case phaseSweep:
			if a.cursor >= len(a.members) {
				a.phase = phaseDone
				continue
			}
			n := a.sweepClasses(a.levels[1], a.cursor, a.cursor+1)
			a.stats.Composed += n
			a.stats.Sets += n
			a.cursor++
			a.done += n
			budget -= int(n/16 + 1)
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
	l := a.l2 // the interacting pairs, recorded as they were evaluated
	a.levels = append(a.levels, l)
	a.stats.Sets += a.stats.Interacting
	a.done += a.stats.Interacting
	a.poolsClosedForm(l)
	a.buildClassVecs()
	a.buildSuffix()
	a.phase = phaseSweep
}

// pairExamples returns, per distinct interacting class pair, its first interacting pairs in
// canonical order (at most maxExamples): the rows are walked in that order.
func (a *Analyzer) pairExamples() [][maxExamples]example {
	exs := make([][maxExamples]example, len(a.pairSets))
	ne := make([]int8, len(a.pairSets))
	for i := range a.rowOff {
		row, res := a.row(i)
		for k, r := range res {
			if e := ne[r]; e < maxExamples {
				exs[r][e] = example{a: int32(i), b: row[k], pool: -1}
				ne[r] = e + 1
			}
		}
	}
	for r, k := range ne {
		for ; k < maxExamples; k++ {
			exs[r][k].a = -1 // unused
		}
	}
	return exs
}

// recordPair records into l the interacting pairs of distinct class pair r, whose figures
// are f and whose changed pools are worse. The pairs of one class pair have the same figures
// (its evaluated pair's), so the class pair is recorded once with its count of pairs and its
// first pairs as examples, as if each pair had been recorded alone. Whether a pair hurts more
// than its two failures apart depends on the two classes only.
func (a *Analyzer) recordPair(l *levelAgg, r int, f *Figures, worse []poolVal) {
	exs := a.pairExs
	cp := a.pairClass[r]
	isNew := f.Unserved > a.singles[cp[0]].f.Unserved-a.base.f.Unserved+a.singles[cp[1]].f.Unserved
	var buf [maxExamples]example
	n := 0
	for _, e := range exs[r] {
		if e.a >= 0 {
			buf[n] = e
			n++
		}
	}
	l.recordN(a.base, f, a.edgesN, worse, buf[:n], int64(a.pairCount[r]), isNew)
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

// Run finishes the analysis on opts.Workers goroutines.
func (a *Analyzer) Run() {
	w := a.opts.Workers
	if a.phase == phaseSingles {
		parallelOn(w, len(a.members)-a.cursor, func(wk, k int) { a.evalSingle(wk, a.cursor+k) })
		a.done += int64(len(a.members) - a.cursor)
		a.phase, a.cursor = phasePlan, 0
	}
	if a.phase == phasePlan {
		a.plan()
		a.done++
		a.phase = phasePairs
	}
	if a.phase == phasePairs {
		// Each worker records the pairs it evaluates into an aggregate of its own; aggregates
		// merge exactly in any order.
		// The first worker's is the pairs' level itself.
		parts := make([]*levelAgg, max(w, 1))
		parts[0] = a.l2
		parallelOn(w, len(a.pairSets)-a.cursor, func(wk, k int) {
			if parts[wk] == nil {
				parts[wk] = newLevelAgg(len(a.x.pools))
			}
			a.evalPair(wk, parts[wk], a.cursor+k)
		})
		for _, p := range parts[1:] {
			if p != nil {
				a.l2.merge(p)
			}
		}
		a.done += int64(len(a.pairSets) - a.cursor)
		a.startSweep()
	}
	if a.phase == phaseSweep {
		// One goroutine: with whole rows settled from suffix statistics the sweep of
		// large.yaml takes a tenth of a millisecond, less than splitting it into chunk
		// aggregates and merging them costs.
		a.parallelSweep(1)
		a.phase = phaseDone
	}
}

// parallel calls f(0..n-1) on up to w goroutines.
func parallel(w, n int, f func(k int)) { parallelOn(w, n, func(_, k int) { f(k) }) }

// parallelOn calls f(worker, k) for k in 0..n-1 on up to w goroutines, worker being the
// goroutine's number (0 to w-1): what f keeps per worker needs no lock. With one worker it
// runs on the caller's goroutine.
func parallelOn(w, n int, f func(worker, k int)) {
	if n <= 0 {
		return
	}
	if w <= 1 || n == 1 {
		for k := 0; k < n; k++ {
			f(0, k)
			if k&255 == 255 {
				// Let the garbage collector's workers run: as WebAssembly there is one
				// thread and no preemption, and without this the heap grows during a run.
				runtime.Gosched()
			}
		}
		return
	}
	// Workers take runs of items (a shared counter per item costs more than a small item);
	// about 16 runs per worker keep them busy to the end.
	run := max(1, n/(16*w))
	var next atomic.Int64
	var wg sync.WaitGroup
	for wk := range min(w, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(run))) - run
				if lo >= n {
					return
				}
				for k := lo; k < min(lo+run, n); k++ {
					f(wk, k)
				}
			}
		}()
	}
	wg.Wait()
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

// evalSingle evaluates the representative of class c and derives its footprint.
func (a *Analyzer) evalSingle(wk, c int) {
	x := a.x
	rep := int(a.members[c][0])
	base := &a.base.out
	declared := a.declaredPools(rep)
	var s summary
	listed := a.allPools
	wr := a.worker(wk)
	o := wr.out
	if a.model != nil {
		// The Model changes nothing beyond the declared pools' units, the CMS pool's unit and
		// units down at baseline: evaluate those only (the property test checks it).
		units := wr.sc.unitBuf[:0]
		for _, p := range declared {
			units = append(units, int32(x.pools[p].unit))
		}
		s, listed = a.localEval(wr, []int{rep}, units, true)
	} else {
		a.ev([]int{rep}, o)
		s = summary{f: o.Figures(), worse: worseList(a.base, o)}
	}
	s.edges, s.inPool = newBitset(len(x.edges)), -1
	s.vec = figValues(&s.f, a.edgesN)
	for k, w := range o.Edges {
		if w {
			s.edges.set(k)
		}
	}
	units := make([]int32, 0, len(declared)+len(listed))
	for _, p := range declared {
		units = append(units, int32(x.pools[p].unit))
	}
	for _, p := range listed {
		if o.Pools[p] != base.Pools[p] {
			units = append(units, int32(x.pools[p].unit))
		}
	}
	s.units = sortUnique(units)
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
	s.cmsAff = o.CMS != base.CMS || a.declaredCMS(rep)
	a.singles[c] = s
}

// declaredPools returns the Front End pools whose state an element changes directly: a
// server's or back end's pool, the pool itself, a site's pools and the next hops of its Edge
// pools, an Edge pool's next hop, and the pools of the pairs a link carries.
func (a *Analyzer) declaredPools(i int) []int {
	x := a.x
	t := &x.targets[i]
	var out []int
	switch x.elems[i].Kind {
	case KindServer, KindPool, KindBackEnd, KindMirror:
		if t.pool >= 0 {
			out = append(out, t.pool)
		}
	case KindSite:
		for p := range x.pools {
			if x.pools[p].site == t.site {
				out = append(out, p)
			}
		}
		for _, ed := range x.edges {
			if ed.site == t.site && ed.nextFE >= 0 {
				out = append(out, ed.nextFE)
			}
		}
	case KindEdge:
		if ed := x.edges[t.edge]; ed.nextFE >= 0 {
			out = append(out, ed.nextFE)
		}
	case KindLink:
		sa, sb := x.links[t.link][0], x.links[t.link][1]
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

// declaredCMS reports whether element i is a link from the site of the CMS pool or of its
// partner (which holds the standby). Such a link counts as changing the CMS even when its
// single failure shows no change, in case an evaluator makes what reaches the CMS depend on
// links. An element of the CMS pool's unit whose single failure leaves the CMS as it was
// does not: the CMS depends on that unit only, so with an element of another unit the CMS
// stays as it was, and any element that could change it with it shares its unit.
func (a *Analyzer) declaredCMS(i int) bool {
	x := a.x
	if x.cms < 0 {
		return false
	}
	cu := int32(x.pools[x.cms].unit)
	if x.elems[i].Kind == KindLink {
		l := x.links[x.targets[i].link]
		for _, p := range x.units[cu] {
			if s := x.pools[p].site; s == l[0] || s == l[1] {
				return true
			}
		}
	}
	return false
}

// baselineLoads orders the units by their worst baseline load, worst first: the load of the
// pools a failure leaves alone.
func (a *Analyzer) baselineLoads() {
	x := a.x
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
	slices.SortStableFunc(a.unitMax, func(p, q unitLoad) int {
		switch {
		case worseLoad(p.load, p.pool, q.load, q.pool):
			return -1
		case worseLoad(q.load, q.pool, p.load, p.pool):
			return 1
		}
		return 0
	})
}

// plan records the single-failure level, then finds the pairs that do not compose: the two
// elements share a unit, or one changes the CMS while the other needs it (or changes it too).
func (a *Analyzer) plan() {
	x := a.x
	n := len(x.elems)
	l1 := newLevelAgg(len(x.pools))
	for i := 0; i < n; i++ {
		s := &a.singles[a.class[i]]
		l1.record(a.base, &s.f, a.edgesN, s.worse, example{a: int32(i), b: -1, pool: -1}, false)
	}
	a.levels = []*levelAgg{l1}
	a.stats.Sets += int64(n)

	if a.opts.Depth < 2 {
		return
	}

	// Interacting pairs: every element's partners, found from the units' member lists and
	// the CMS lists, straight into one sorted adjacency.
	a.buildAdjacency()
	a.stats.Interacting = int64(len(a.adjJ) / 2)

	// Distinct class pairs, class by class. A class is a run of consecutive elements
	// (classify), so in a pair {i, j} with i < j the class of i is not after j's: walking the
	// rows of a class's members meets each pair once, from its lower class.
	c := len(a.members)
	slot := make([]int32, c)
	stamp := make([]int32, c)
	a.classRows = make([][]classEntry, c)
	var entries []classEntry
	for ci := 0; ci < c; ci++ {
		first := len(a.pairSets)
		for _, i := range a.members[ci] {
			row, res := a.row(int(i))
			for k := range row {
				cj := int(a.class[row[k]])
				r := slot[cj]
				if stamp[cj] != int32(ci+1) {
					stamp[cj] = int32(ci + 1)
					r = int32(len(a.pairSets))
					slot[cj] = r
					set := [2]int32{a.members[ci][0], a.members[cj][0]}
					if ci == cj {
						set[1] = a.members[ci][1]
					}
					a.pairSets = append(a.pairSets, set)
					a.pairClass = append(a.pairClass, [2]int32{int32(ci), int32(cj)})
					a.pairCount = append(a.pairCount, 0)
				}
				a.pairCount[r]++
				res[k] = r
			}
		}
		if len(a.pairSets) > first {
			start := len(entries)
			for r := first; r < len(a.pairSets); r++ {
				entries = append(entries, classEntry{cj: a.pairClass[r][1], n: a.pairCount[r]})
			}
			cr := entries[start:len(entries):len(entries)]
			for k := 1; k < len(cr); k++ { // insertion sort: the entries come nearly in order
				e := cr[k]
				q := k
				for q > 0 && cr[q-1].cj > e.cj {
					cr[q] = cr[q-1]
					q--
				}
				cr[q] = e
			}
			a.classRows[ci] = cr
		}
	}
	a.pairRes = make([]Figures, len(a.pairSets))
	a.total += int64(len(a.pairSets))
	a.stats.Evaluated = len(a.pairSets)
	a.l2 = newLevelAgg(len(x.pools))
	a.pairExs = a.pairExamples()
}

// buildAdjacency finds every element's interacting partners: the elements sharing one of
// its units, and, for an element that changes the CMS, every element that needs it or changes
// it too (and the other way round). The lists go into one array, each sorted, with the
// partners after the element (its row) at the end of its list.
func (a *Analyzer) buildAdjacency() {
	x := a.x
	n := len(x.elems)
	// The members of each unit, in element order, as one array.
	unitOff := make([]int32, len(x.units)+1)
	var cmsAff, needs []int32
	for i := 0; i < n; i++ {
		s := &a.singles[a.class[i]]
		for _, u := range s.units {
			unitOff[u+1]++
		}
		if s.cmsAff {
			cmsAff = append(cmsAff, int32(i))
		}
		if s.needsCMS || s.cmsAff {
			needs = append(needs, int32(i))
		}
	}
	bound := 2 * len(cmsAff) * len(needs)
	for u := range x.units {
		c := int(unitOff[u+1])
		bound += c * c
		unitOff[u+1] += unitOff[u]
	}
	unitEl := make([]int32, unitOff[len(x.units)])
	fill := make([]int32, len(x.units))
	copy(fill, unitOff)
	for i := 0; i < n; i++ {
		for _, u := range a.singles[a.class[i]].units {
			unitEl[fill[u]] = int32(i)
			fill[u]++
		}
	}

	adj := make([]int32, 0, bound)
	a.adjOff = make([]int32, n+1)
	a.rowOff = make([]int32, n)
	mark := make([]int32, n) // i+1 when already in element i's list
	for i := 0; i < n; i++ {
		s := &a.singles[a.class[i]]
		start := len(adj)
		mark[i] = int32(i + 1)
		lists := 0
		add := func(list []int32) {
			lists++
			for _, j := range list {
				if mark[j] != int32(i+1) {
					mark[j] = int32(i + 1)
					adj = append(adj, j)
				}
			}
		}
		for _, u := range s.units {
			add(unitEl[unitOff[u]:unitOff[u+1]])
		}
		if s.cmsAff {
			add(needs)
		}
		if s.needsCMS || s.cmsAff {
			add(cmsAff)
		}
		list := adj[start:]
		if lists > 1 { // each list is in element order: one alone needs no sort
			slices.Sort(list)
		}
		row, _ := slices.BinarySearch(list, int32(i))
		a.rowOff[i] = int32(start + row)
		a.adjOff[i+1] = int32(len(adj))
	}
	a.adjJ = adj
	a.adjRes = make([]int32, len(adj))
}

// adjOf returns every interacting partner of element i, sorted.
func (a *Analyzer) adjOf(i int) []int32 { return a.adjJ[a.adjOff[i]:a.adjOff[i+1]] }

// row returns the interacting partners of element i after it, sorted, and where the outcome of
// each pair is (its distinct class pair).
func (a *Analyzer) row(i int) (js, res []int32) {
	lo, hi := a.rowOff[i], a.adjOff[i+1]
	return a.adjJ[lo:hi:hi], a.adjRes[lo:hi:hi]
}

// baseCapacity is pool p's capacity with nothing failed.
func (a *Analyzer) baseCapacity(p int) int {
	return a.base.out.Pools[p].Capacity
}

// evalPair evaluates the k-th distinct interacting class pair on worker wk and records its
// pairs into l.
func (a *Analyzer) evalPair(wk int, l *levelAgg, k int) {
	set := a.pairSets[k]
	wr := a.worker(wk)
	if a.model != nil {
		a.evalLocal(wr, l, k, int(set[0]), int(set[1]))
		return
	}
	o := wr.out
	a.ev([]int{int(set[0]), int(set[1])}, o)
	a.pairRes[k] = o.Figures()
	a.recordPair(l, k, &a.pairRes[k], worseList(a.base, o))
}

// classVec is what the sweep reads of a class's single failure, packed for the inner loop.
type classVec struct {
	u, nd, ar, rto, dl, cms, load float64 // the figures as the aggregates compare them; load: the footprint's worst
	e0                            uint64  // the first word of the Edge pools giving remote access
	n                             int64   // members
	cmsAff                        bool
}

// buildClassVecs packs the singles for the sweep.
func (a *Analyzer) buildClassVecs() {
	a.cv = make([]classVec, len(a.singles))
	for c := range a.singles {
		s := &a.singles[c]
		v := &a.cv[c]
		v.u, v.nd, v.ar = s.vec[figUnserved], s.vec[figNoDR], s.vec[figAtRisk]
		v.rto, v.dl, v.cms, v.load = s.vec[figRTO], s.vec[figDataLoss], s.vec[figCMS], s.inLoad
		if len(s.edges) > 0 {
			v.e0 = s.edges[0]
		}
		v.n = int64(len(a.members[c]))
		v.cmsAff = s.cmsAff
	}
}

// The figures a whole-row sweep bounds, and their columns in classVec.
var rowFigs = [...]int{figUnserved, figNoDR, figAtRisk, figRTO, figDataLoss, figCMS}

func (v *classVec) fig(k int) float64 {
	switch k {
	case figUnserved:
		return v.u
	case figNoDR:
		return v.nd
	case figAtRisk:
		return v.ar
	case figRTO:
		return v.rto
	case figDataLoss:
		return v.dl
	case figCMS:
		return v.cms
	}
	return v.load
}

// sweepSuffix holds, for each class c, statistics of the classes c, c+1, ... : the least and
// the greatest value of each figure, the members of the classes whose value is that greatest
// one, and all the members; and the distinct words of Edge pools with the last class having
// each.
type sweepSuffix struct {
	lo, hi, hiN [numFigs][]float64
	n           []int64
	loadHi      []float64
	words       []uint64
	wordLast    []int
	// withU and withND count, per row, the composed pairs leaving users without full
	// service and the pairs leaving more users than the baseline without disaster recovery.
	withU, withND []int64
}

// rowCounts returns, for each row ci, how many composed pairs {ci, cj} (cj >= ci) have
// off[ci] + col[cj] > b: the members of the classes cj that qualify, gathered from the last
// class back in a Fenwick tree over the column's distinct values, less the interacting pairs.
func (a *Analyzer) rowCounts(col, off []float64, b float64) []int64 {
	cv := a.cv
	c := len(cv)
	vals := slices.Clone(col)
	slices.Sort(vals)
	vals = slices.Compact(vals)
	tree := make([]int64, len(vals)+1)
	out := make([]int64, c)
	var total int64
	for ci := c - 1; ci >= 0; ci-- {
		ni := cv[ci].n
		rk, _ := slices.BinarySearch(vals, col[ci])
		for k := rk + 1; k <= len(vals); k += k & -k {
			tree[k] += ni
		}
		total += ni
		// Members of classes cj >= ci whose value exceeds b - off[ci]: all less those at or below.
		t := b - off[ci]
		below := sortSearchAbove(vals, t) // values at or below t: ranks 0..below-1
		var le int64
		for k := below; k > 0; k -= k & -k {
			le += tree[k]
		}
		cnt := ni * (total - le)
		if off[ci]+col[ci] > b {
			cnt -= ni*ni - ni*(ni-1)/2
		}
		for _, e := range a.classRows[ci] {
			if off[ci]+col[e.cj] > b {
				cnt -= int64(e.n)
			}
		}
		out[ci] = cnt
	}
	return out
}

// sortSearchAbove returns how many of the sorted values are at or below t.
func sortSearchAbove(vals []float64, t float64) int {
	lo, hi := 0, len(vals)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if vals[m] <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (a *Analyzer) buildSuffix() {
	cv := a.cv
	c := len(cv)
	sf := &a.suf
	sf.n = make([]int64, c+1)
	sf.loadHi = make([]float64, c+1)
	for _, k := range rowFigs {
		sf.lo[k], sf.hi[k], sf.hiN[k] = make([]float64, c+1), make([]float64, c+1), make([]float64, c+1)
		sf.lo[k][c], sf.hi[k][c] = math.Inf(1), math.Inf(-1)
	}
	sf.loadHi[c] = math.Inf(-1)
	for i := c - 1; i >= 0; i-- {
		v := &cv[i]
		sf.n[i] = sf.n[i+1] + v.n
		sf.loadHi[i] = fmax(v.load, sf.loadHi[i+1])
		for _, k := range rowFigs {
			x := v.fig(k)
			sf.lo[k][i] = sf.lo[k][i+1]
			if x < sf.lo[k][i] {
				sf.lo[k][i] = x
			}
			switch hi := sf.hi[k][i+1]; {
			case x > hi:
				sf.hi[k][i], sf.hiN[k][i] = x, float64(v.n)
			case x == hi:
				sf.hi[k][i], sf.hiN[k][i] = hi, sf.hiN[k][i+1]+float64(v.n)
			default:
				sf.hi[k][i], sf.hiN[k][i] = hi, sf.hiN[k][i+1]
			}
		}
	}
	colU, colND, offU, offND := make([]float64, c), make([]float64, c), make([]float64, c), make([]float64, c)
	bv := &a.base.figs
	for i := range cv {
		colU[i], colND[i] = cv[i].u, cv[i].nd
		offU[i], offND[i] = cv[i].u-bv[figUnserved], cv[i].nd-bv[figNoDR]
	}
	sf.withU = a.rowCounts(colU, offU, 0)
	sf.withND = a.rowCounts(colND, offND, bv[figNoDR])
	last := map[uint64]int{}
	for i := range cv {
		if _, seen := last[cv[i].e0]; !seen {
			sf.words = append(sf.words, cv[i].e0)
		}
		last[cv[i].e0] = i
	}
	for _, w := range sf.words {
		sf.wordLast = append(sf.wordLast, last[w])
	}
}

// sweepRow settles row ci of the sweep without visiting its class pairs, when bounds allow:
// for every figure the values of the row's pairs (from the suffix statistics) either all stay
// below what counts, or all equal the aggregate's worst with its examples settled, or, for a
// maximum or the CMS, do not exceed that worst and count where the other class's value
// equals it (counted from the suffix statistics). It reports false, having changed nothing,
// when a pair may need to be looked at.
func (a *Analyzer) sweepRow(l *levelAgg, ci int, topLoad float64, oneWord bool) (int64, bool) {
	cv, sf := a.cv, &a.suf
	ri := &cv[ci]
	bv := &a.base.figs
	gl := &l.figs[figLoad]
	if gl.n == 0 || fmax(fmax(ri.load, sf.loadHi[ci]), topLoad) >= gl.v {
		return 0, false
	}
	if a.edgesN > 0 && !oneWord {
		return 0, false
	}
	first := a.members[ci][0]
	cr := a.classRows[ci]
	ni := ri.n
	rowSum := ni*(sf.n[ci]-ni) + ni*(ni-1)/2
	for _, e := range cr {
		rowSum -= int64(e.n)
	}
	var add [numFigs]int64
	withU, withND := sf.withU[ci], sf.withND[ci]
	for _, k := range rowFigs {
		vi := ri.fig(k)
		var lo, hi float64
		eq := false // values equal to hi where the other class's value is the suffix's greatest
		switch k {
		case figUnserved, figNoDR, figAtRisk:
			lo, hi = vi-bv[k]+sf.lo[k][ci], vi-bv[k]+sf.hi[k][ci]
		case figRTO, figDataLoss:
			lo, hi = fmax(vi, sf.lo[k][ci]), fmax(vi, sf.hi[k][ci])
			eq = vi < hi
		case figCMS:
			if ri.cmsAff {
				lo, hi = vi, vi
			} else {
				lo, hi = sf.lo[k][ci], sf.hi[k][ci]
				eq = true
			}
		}
		g := &l.figs[k]
		thr, settled := aggGate(g, bv[k], first)
		switch {
		case hi < thr:
		case !settled || hi > thr:
			return 0, false
		case lo == thr:
			add[k] = rowSum
		case eq:
			// Pairs with a class whose value is hi: its members, less the interacting pairs.
			var cnt int64
			nEq := int64(sf.hiN[k][ci])
			if ri.fig(k) == hi {
				cnt = ni*(nEq-ni) + ni*(ni-1)/2
			} else {
				cnt = ni * nEq
			}
			for _, e := range cr {
				if cv[e.cj].fig(k) == hi {
					cnt -= int64(e.n)
				}
			}
			add[k] = cnt
		default:
			return 0, false
		}
	}
	// Remote access: lost for a pair when no Edge pool works after both.
	if a.edgesN > 0 {
		lo, hi := 0.0, 0.0
		if ri.e0 == 0 {
			lo, hi = 1, 1
		} else {
			for w, word := range sf.words {
				if word&ri.e0 == 0 && sf.wordLast[w] >= ci {
					hi = 1
					break
				}
			}
		}
		g := &l.figs[figRemote]
		thr, settled := aggGate(g, bv[figRemote], first)
		switch {
		case hi < thr:
		case !settled || hi > thr || lo != thr:
			return 0, false
		default:
			add[figRemote] = rowSum
		}
	}
	l.sets += rowSum
	l.withUnserved += withU
	l.withNoDR += withND
	for k, n := range add {
		l.figs[k].n += n
	}
	return rowSum, true
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
	row, res := a.row(i)
	if k, hit := slices.BinarySearch(row, int32(j)); hit {
		return a.pairRes[res[k]], nil
	}
	return a.compose(&a.singles[a.class[i]], &a.singles[a.class[j]]), nil
}

// RowAtRisk returns, for element i and every element j from i to the last, the users at risk
// (Figures.AtRisk) of the failure set {i, j} (of i alone when j == i), appended to out[:0]:
// entry k is for j = i + k. It is PairFigures(i, j).AtRisk for a whole row at once, without
// composing the other figures, for a surface that folds every pair into a matrix.
func (a *Analyzer) RowAtRisk(i int, out []int) ([]int, error) {
	if a.phase < phaseSweep {
		return out, fmt.Errorf("analysis: pairs are not evaluated yet")
	}
	n := len(a.x.elems)
	if i < 0 || i >= n {
		return out, fmt.Errorf("analysis: no element %d", i)
	}
	out = out[:0]
	si := &a.singles[a.class[i]]
	out = append(out, si.f.AtRisk)
	base := si.f.AtRisk - a.base.f.AtRisk
	row, res := a.row(i)
	r := 0
	for j := i + 1; j < n; j++ {
		if r < len(row) && int(row[r]) == j {
			out = append(out, a.pairRes[res[r]].AtRisk)
			r++
			continue
		}
		out = append(out, base+a.singles[a.class[j]].f.AtRisk)
	}
	return out, nil
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

// sortUnique sorts a short list of units and drops repeats, in place (an insertion sort: the
// lists hold a handful of units).
func sortUnique(u []int32) []int32 {
	for i := 1; i < len(u); i++ {
		v := u[i]
		j := i
		for j > 0 && u[j-1] > v {
			u[j] = u[j-1]
			j--
		}
		u[j] = v
	}
	if len(u) < 2 {
		return u
	}
	k := 1
	for i := 1; i < len(u); i++ {
		if u[i] != u[k-1] {
			u[k] = u[i]
			k++
		}
	}
	return u[:k]
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

// worker is the working memory one goroutine evaluates with: the Model's scratch and an
// outcome. Worker 0 is the caller's goroutine (the only one as WebAssembly).
type worker struct {
	sc  *scratch // nil without the Model
	out *Outcome
}

// worker returns worker wk's memory, made on first use. Only worker wk's goroutine calls it
// (parallelOn), so it needs no lock.
func (a *Analyzer) worker(wk int) *worker {
	if a.workers[wk] == nil {
		wr := &worker{out: new(Outcome)}
		if a.model != nil {
			wr.sc = newScratch(a.x)
		}
		a.workers[wk] = wr
	}
	return a.workers[wk]
}

// evalLocal evaluates the pair {i, j} of distinct class pair k with the Model on the units it
// can change (localEval), and records it into l: the two footprints and, when they hold the
// CMS pool's unit, the units with a pool down at baseline. Every other pool keeps its baseline outcome (its
// elements are up and its recovery does not depend on a CMS that does not change), so the
// figures are the baseline's corrected by the listed pools; the property test holds this to
// the full evaluation of the reference.
func (a *Analyzer) evalLocal(wr *worker, l *levelAgg, k, i, j int) {
	si, sj := &a.singles[a.class[i]], &a.singles[a.class[j]]
	sc := wr.sc
	units := sc.unitBuf[:0]
	for _, u := range si.units { // element by element: a call to memmove costs more in WebAssembly
		units = append(units, u)
	}
	for _, u := range sj.units {
		units = append(units, u)
	}
	sc.setBuf = append(sc.setBuf[:0], i, j)
	s, _ := a.localEval(wr, sc.setBuf, units, false)
	a.pairRes[k] = s.f
	a.recordPair(l, k, &a.pairRes[k], s.worse) // s.worse is in sc: record it before sc's next use
}

// localEval evaluates set with the Model on the given units (and those in a.always when they
// hold the CMS pool's unit; otherwise the CMS and every other pool stay as at baseline), and
// returns the summary's figures and changed pools (copied out of the worker's scratch when
// keep, else held in its buffer) and the pools listed (held in its buffers: valid until the
// scratch is used again). The worker's outcome holds the listed pools and every Edge pool.
func (a *Analyzer) localEval(wr *worker, set []int, units []int32, keep bool) (summary, []int) {
	x := a.x
	sc := wr.sc
	units = sortUnique(units)
	if a.cmsUnit >= 0 && contains(units, a.cmsUnit) {
		units = sortUnique(append(units, a.always...))
	}
	sc.unitBuf = units
	pools := sc.poolBuf[:0]
	for _, u := range units {
		for _, p := range x.units[u] {
			pools = append(pools, p)
		}
	}
	sc.poolBuf = pools // by unit: nothing below depends on the pools' order
	o := wr.out
	a.model.evalPools(set, sc, o, pools, &a.lb)

	b := &a.base.f
	f := Figures{Unserved: b.Unserved, NoDR: b.NoDR, AtRisk: b.AtRisk, Unrestored: b.Unrestored,
		LoadPool: -1, CMS: o.CMS}
	worse := sc.worseBuf[:0]
	for _, p := range pools {
		po, bp := &o.Pools[p], &a.base.out.Pools[p]
		f.Unserved += po.Unserved - bp.Unserved
		f.NoDR += po.NoDR - bp.NoDR
		f.AtRisk += po.Unserved + po.Overflow - bp.Unserved - bp.Overflow
		if po.Unserved > 0 {
			f.Unrestored++
		}
		if bp.Unserved > 0 {
			f.Unrestored--
		}
		ld := po.Load()
		if po.Capacity > 0 && worseLoad(ld, p, f.Load, f.LoadPool) {
			f.Load, f.LoadPool = ld, p
		}
		f.RTO = max(f.RTO, po.RTO)
		f.DataLoss = max(f.DataLoss, po.DataLoss)
		v := poolVal{pool: int32(p), unserved: int32(po.Unserved), noDR: int32(po.NoDR), load: ld,
			rto: po.RTO, dataLoss: po.DataLoss}
		if v.worseThan(&a.base.pools[p]) {
			worse = append(worse, v)
		}
	}
	for k := range a.unitMax {
		u := &a.unitMax[k]
		if contains(units, u.unit) {
			continue
		}
		if worseLoad(u.load, u.pool, f.Load, f.LoadPool) {
			f.Load, f.LoadPool = u.load, u.pool
		}
		break
	}
	if len(pools) < len(x.pools) {
		f.EdgesWorking = a.lb.nEdges + sc.edgeDelta
	} else {
		for _, w := range o.Edges {
			if w {
				f.EdgesWorking++
			}
		}
	}
	sc.worseBuf = worse
	if keep {
		worse = sc.keep(worse)
	}
	return summary{f: f, worse: worse}, pools
}
