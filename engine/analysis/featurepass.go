package analysis

// featureAgg keeps, per reported feature, the worst users without it, the worst users with
// full service without it, and the longest wait for it, over the failure sets of one depth.
type featureAgg struct {
	lost, served, rto [numFeatures]agg
	// sets counts the sets after which some users lack a feature they have at baseline.
	sets int64
}

// record adds set e's figures v, compared with the baseline's.
func (g *featureAgg) record(v, base *featureVals, n int, e example) {
	worse := false
	for k := 0; k < n; k++ {
		g.lost[k].add(float64(v.lost[k]), float64(base.lost[k]), e)
		g.served[k].add(float64(v.served[k]), float64(base.served[k]), e)
		g.rto[k].add(float64(v.rto[k]), float64(base.rto[k]), e)
		worse = worse || v.lost[k] > base.lost[k]
	}
	if worse {
		g.sets++
	}
}

// merge folds o into g; aggregates merge exactly in any order.
func (g *featureAgg) merge(o *featureAgg) {
	for k := range g.lost {
		g.lost[k].merge(&o.lost[k])
		g.served[k].merge(&o.served[k])
		g.rto[k].merge(&o.rto[k])
	}
	g.sets += o.sets
}

// modelEval is the evaluation the feature pass reads the pools' outcome from: the Model's,
// whatever evaluator opts names. The parity tests hold the Model to the simulator, and
// judging every set with the simulator would cost a simulation per pair of failures.
func modelEval(x *index, opts Options) evalFunc {
	opts.Evaluator = nil
	return evaluatorFor(x, opts)
}

// featurePass judges every failure set's features: the feature figures do not compose the
// way the pools' do (a load balancer and a site interact through every simple URL that
// resolves to pools behind either), so each set's pools' outcome is evaluated in full and
// judged, a cost linear in the topology's parts per set. It runs only for topologies that
// model the parts a pool failover does not bring back (featuresModelled).
type featurePass struct {
	spec    *featureSpec
	ev      evalFunc
	base    featureVals
	singles []featureVals // per element
	levels  []*featureAgg
	parts   [][]*featureAgg // per worker, per depth
	scratch []*featureScratch
}

func newFeaturePass(x *index, ev evalFunc, depth, workers int) *featurePass {
	spec := newFeatureSpec(x)
	if spec == nil {
		return nil
	}
	p := &featurePass{spec: spec, ev: ev, singles: make([]featureVals, len(x.elems)),
		parts: make([][]*featureAgg, max(workers, 1)), scratch: make([]*featureScratch, max(workers, 1))}
	for d := 0; d < depth; d++ {
		p.levels = append(p.levels, &featureAgg{})
	}
	p.parts[0] = p.levels
	sc := p.worker(0)
	ev(nil, &sc.out)
	spec.judge(x, nil, &sc.out, sc, &p.base)
	return p
}

// worker returns worker wk's scratch, made on first use.
func (p *featurePass) worker(wk int) *featureScratch {
	if p.scratch[wk] == nil {
		p.scratch[wk] = newFeatureScratch(p.spec)
	}
	return p.scratch[wk]
}

// rowLen is the number of sets in element i's row: i alone and, at depth 2, i with every
// element after it.
func (p *featurePass) rowLen(n, i int) int {
	if len(p.levels) < 2 {
		return 1
	}
	return n - i
}

// row judges every set of element i's row on worker wk and returns how many.
func (p *featurePass) row(x *index, wk, i int) int64 {
	k := p.rowLen(len(x.elems), i)
	p.cells(x, wk, i, 0, k)
	return int64(k)
}

// cells judges the sets of element i's row from position from to position to (excluded) on
// worker wk: position 0 is i alone, position c > 0 the pair of i and i+c.
func (p *featurePass) cells(x *index, wk, i, from, to int) {
	sc := p.worker(wk)
	if p.parts[wk] == nil {
		for range p.levels {
			p.parts[wk] = append(p.parts[wk], &featureAgg{})
		}
	}
	aggs := p.parts[wk]
	n := len(p.spec.reported)
	set := [2]int{i, -1}
	var w featureVals
	for c := from; c < to; c++ {
		if c == 0 {
			p.ev(set[:1], &sc.out)
			v := &p.singles[i]
			p.spec.judge(x, set[:1], &sc.out, sc, v)
			aggs[0].record(v, &p.base, n, example{a: int32(i), b: -1, pool: -1})
			continue
		}
		set[1] = i + c
		p.ev(set[:], &sc.out)
		p.spec.judge(x, set[:], &sc.out, sc, &w)
		aggs[1].record(&w, &p.base, n, example{a: int32(i), b: int32(i + c), pool: -1})
	}
}

// finish merges the workers' aggregates into the levels.
func (p *featurePass) finish() {
	for _, part := range p.parts[1:] {
		for d, g := range part {
			p.levels[d].merge(g)
		}
	}
	p.parts = p.parts[:1]
}
