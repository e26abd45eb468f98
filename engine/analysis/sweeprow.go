package analysis

import (
	"math"
	"slices"
)

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

// fig returns figure k of the class as the aggregates compare it (for a figure without a
// column, the footprint's worst load).
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

// buildSuffix computes the suffix statistics of the packed classes (a.cv) and the rows'
// counts of pairs leaving users without service or without disaster recovery.
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
