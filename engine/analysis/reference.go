package analysis

import (
	"sync"

	"failwright/engine/topology"
)

// evalFunc evaluates a failure set given as element indices into out, reusing its memory.
// It is safe for concurrent use with distinct outs.
type evalFunc func(set []int, out *Outcome)

// evaluatorFor returns the evaluation function of opts for index x: the Model unless opts
// names another Evaluator.
func evaluatorFor(x *index, opts Options) evalFunc {
	if opts.Evaluator == nil {
		m := newModel(x)
		pool := sync.Pool{New: func() any { return newScratch(x) }}
		return func(set []int, out *Outcome) {
			sc := pool.Get().(*scratch)
			m.evalInto(set, sc, out)
			pool.Put(sc)
		}
	}
	ev := opts.Evaluator
	return func(set []int, out *Outcome) {
		fs := make(FailureSet, len(set))
		for k, i := range set {
			fs[k] = x.elems[i]
		}
		*out = ev.Evaluate(fs)
	}
}

// evalNew evaluates a set into a fresh Outcome.
func (f evalFunc) evalNew(set []int) Outcome {
	var o Outcome
	f(set, &o)
	return o
}

// makeBaseline sums up the outcome of the empty failure set.
func makeBaseline(o *Outcome, edges int) *baseline {
	b := &baseline{f: o.Figures(), pools: poolVals(o), out: *o}
	b.figs = figValues(&b.f, edges)
	b.figs[figUnservedNew] = b.figs[figUnserved]
	return b
}

// Reference analyses t the naive way: it evaluates every failure set in full, with no
// composition and no equivalence classes. It is slow and exists to check the fast analyzer,
// which must produce the identical report.
func Reference(t *topology.Topology, opts Options) (*Report, error) {
	opts = opts.normalized()
	x, err := newIndex(t)
	if err != nil {
		return nil, err
	}
	ev := evaluatorFor(x, opts)
	o := ev.evalNew(nil)
	base := makeBaseline(&o, len(x.edges))
	n := len(x.elems)
	levels := []*levelAgg{newLevelAgg(len(x.pools))}
	unserved := make([]int, n)
	for i := 0; i < n; i++ {
		o := ev.evalNew([]int{i})
		f := o.Figures()
		unserved[i] = f.Unserved
		levels[0].record(base, &f, len(x.edges), worseList(base, &o), example{a: int32(i), b: -1, pool: -1}, false)
	}
	if opts.Depth >= 2 {
		l := newLevelAgg(len(x.pools))
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				o := ev.evalNew([]int{i, j})
				f := o.Figures()
				isNew := f.Unserved > unserved[i]+unserved[j]-base.f.Unserved
				l.record(base, &f, len(x.edges), worseList(base, &o), example{a: int32(i), b: int32(j), pool: -1}, isNew)
			}
		}
		levels = append(levels, l)
	}
	// The features: every set judged on its own, in enumeration order.
	fp := newFeaturePass(x, modelEval(x, opts), len(levels), 1)
	if fp != nil {
		for i := 0; i < n; i++ {
			fp.row(x, 0, i)
		}
	}
	return buildReport(x, base, levels, fp), nil
}
