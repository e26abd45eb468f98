package analysis

import (
	"fmt"
	"runtime"
	"slices"
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
	// Progress, when not nil, is told how far Run is (the figures of Analyzer.Progress)
	// every few failure sets and after each phase. Run's goroutines call it, possibly at
	// once, so it must be safe for concurrent use; the analysis waits while it runs.
	Progress func(done, total int64)
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
	phaseSingles  = iota // evaluate one representative of each equivalence class
	phasePlan            // footprints, interacting pairs, the single-failure level
	phasePairs           // evaluate each distinct interacting pair of classes
	phaseSweep           // record the interacting pairs, then compose the pairs of classes
	phaseFeatures        // judge every set's features (topologies that model the parts)
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
	upBuf     []bool         // plan's scratch for pairLost
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
	// feat judges the features of every set, nil for a topology without the parts a pool
	// failover does not bring back.
	feat    *featurePass
	featCol int // the next set of the feature pass's current row (cursor)
	phase   int
	cursor  int
	done    int64
	total   int64
	stats   Stats
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
	if a.feat = newFeaturePass(x, modelEval(x, opts), opts.Depth, len(a.workers)); a.feat != nil {
		n := int64(len(x.elems))
		a.total += n
		if opts.Depth >= 2 {
			a.total += n * (n - 1) / 2
		}
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

// Next does about budget steps of work and reports whether the analysis has finished. A step
// is one evaluation (in the feature pass, one set evaluated and judged), or about 16 composed
// pairs; the two one-off steps between phases (finding
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
				a.afterSweep()
				continue
			}
			n := a.sweepClasses(a.levels[1], a.cursor, a.cursor+1)
			a.stats.Composed += n
			a.stats.Sets += n
			a.cursor++
			a.done += n
			budget -= int(n/16 + 1)
		case phaseFeatures:
			a.nextFeatures(&budget)
		}
	}
	return a.phase == phaseDone
}

// nextFeatures judges up to budget failure sets of the feature pass, a row's sets at a time
// (a row of a large topology is thousands of sets), and ends the analysis after the last.
func (a *Analyzer) nextFeatures(budget *int) {
	n := len(a.x.elems)
	if a.cursor >= n {
		a.feat.finish()
		a.phase = phaseDone
		return
	}
	row := a.feat.rowLen(n, a.cursor)
	k := min(max(*budget, 1), row-a.featCol)
	a.feat.cells(a.x, 0, a.cursor, a.featCol, a.featCol+k)
	a.featCol += k
	a.done += int64(k)
	*budget -= k
	if a.featCol == row {
		a.cursor, a.featCol = a.cursor+1, 0
	}
}

// afterSweep starts the feature pass, or ends the analysis when there is none.
func (a *Analyzer) afterSweep() {
	a.cursor, a.featCol = 0, 0
	a.phase = phaseDone
	if a.feat != nil {
		a.phase = phaseFeatures
	}
}

// Run finishes the analysis on opts.Workers goroutines.
func (a *Analyzer) Run() {
	w := a.opts.Workers
	if a.phase == phaseSingles {
		tick := a.ticker()
		parallelOn(w, len(a.members)-a.cursor, func(wk, k int) { a.evalSingle(wk, a.cursor+k); tick() })
		a.done += int64(len(a.members) - a.cursor)
		a.phase, a.cursor = phasePlan, 0
		a.tell()
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
		tick := a.ticker()
		parallelOn(w, len(a.pairSets)-a.cursor, func(wk, k int) {
			if parts[wk] == nil {
				parts[wk] = newLevelAgg(len(a.x.pools))
			}
			a.evalPair(wk, parts[wk], a.cursor+k)
			tick()
		})
		for _, p := range parts[1:] {
			if p != nil {
				a.l2.merge(p)
			}
		}
		a.done += int64(len(a.pairSets) - a.cursor)
		a.startSweep()
		a.tell()
	}
	if a.phase == phaseSweep {
		// One goroutine: with whole rows settled from suffix statistics the sweep of
		// large.yaml takes a tenth of a millisecond, less than splitting it into chunk
		// aggregates and merging them costs.
		a.parallelSweep(1)
		a.afterSweep()
		a.tell()
	}
	if a.phase == phaseFeatures {
		rows := len(a.x.elems) - a.cursor
		var done atomic.Int64
		parallelOn(w, rows, func(wk, k int) { done.Add(a.feat.row(a.x, wk, a.cursor+k)) })
		a.feat.finish()
		a.done += done.Load()
		a.phase = phaseDone
		a.tell()
	}
}

// progressEvery is how many failure sets Run evaluates between calls of Options.Progress.
const progressEvery = 16

// ticker returns what Run's goroutines call after each failure set they evaluate in the
// current phase: every progressEvery calls it tells Options.Progress.
func (a *Analyzer) ticker() func() {
	if a.opts.Progress == nil {
		return func() {}
	}
	base, total := a.done, a.total
	var n atomic.Int64
	return func() {
		if k := n.Add(1); k%progressEvery == 0 {
			a.opts.Progress(base+k, total)
		}
	}
}

// tell tells Options.Progress how far the analysis is.
func (a *Analyzer) tell() {
	if a.opts.Progress != nil {
		a.opts.Progress(a.done, a.total)
	}
}

// Report returns the analysis's report. It fails when the analysis has not finished.
func (a *Analyzer) Report() (*Report, error) {
	if a.phase != phaseDone {
		return nil, fmt.Errorf("analysis: not finished (call Run, or Next until it returns true)")
	}
	return buildReport(a.x, a.base, a.levels, a.feat), nil
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
