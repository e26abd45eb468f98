package analysis

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
