package analysis

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
