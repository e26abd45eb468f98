package analysis

import (
	"fmt"
	"slices"
)

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
