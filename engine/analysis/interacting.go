package analysis

import (
	"slices"

	"failwright/engine/quorum"
)

// plan records the single-failure level, then finds the pairs that do not compose: the two
// elements share a unit, or one changes the CMS while the other needs it (or changes it too).
func (a *Analyzer) plan() {
	x := a.x
	n := len(x.elems)
	l1 := newLevelAgg(len(x.pools))
	l1.singles = make([]single, 0, n) // at most one per element (policy.go)
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
	// rows of a class's members meets each pair once, from its lower class. Two servers of one
	// pool are alike for the quorum rule but not for Windows Fabric: a pair that strands users
	// (two replicas of some routing groups) goes to a distinct pair of its own per number of
	// groups lost, and the other pairs of the two classes are represented by one that strands
	// none.
	c := len(a.members)
	slot := make([]int32, c)
	stamp := make([]int32, c)
	a.classRows = make([][]classEntry, c)
	var entries []classEntry
	var split map[[3]int32]int32 // (ci, cj, groups lost) -> distinct pair
	addSlot := func(set [2]int32, ci, cj int) int32 {
		a.pairSets = append(a.pairSets, set)
		a.pairClass = append(a.pairClass, [2]int32{int32(ci), int32(cj)})
		a.pairCount = append(a.pairCount, 0)
		return int32(len(a.pairSets) - 1)
	}
	for ci := 0; ci < c; ci++ {
		first := len(a.pairSets)
		for _, i := range a.members[ci] {
			row, res := a.row(int(i))
			for k := range row {
				cj := int(a.class[row[k]])
				fabric := a.samePoolFabric(int(i), int(row[k]))
				if lost := a.pairLost(fabric, int(i), int(row[k])); lost > 0 {
					key := [3]int32{int32(ci), int32(cj), int32(lost)}
					r, ok := split[key]
					if !ok {
						if split == nil {
							split = map[[3]int32]int32{}
						}
						r = addSlot([2]int32{i, row[k]}, ci, cj)
						split[key] = r
					}
					a.pairCount[r]++
					res[k] = r
					continue
				}
				r := slot[cj]
				if stamp[cj] != int32(ci+1) {
					stamp[cj] = int32(ci + 1)
					set := [2]int32{a.members[ci][0], a.members[cj][0]}
					switch {
					case fabric >= 0:
						set = [2]int32{i, row[k]} // a pair that strands no one
					case ci == cj:
						set[1] = a.members[ci][1]
					}
					r = addSlot(set, ci, cj)
					slot[cj] = r
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
			// One entry per class cj: pairs split by the routing groups they strand add up.
			w := 0
			for k := range cr {
				if w > 0 && cr[w-1].cj == cr[k].cj {
					cr[w-1].n += cr[k].n
					continue
				}
				cr[w] = cr[k]
				w++
			}
			cr = cr[:w:w]
			entries = entries[:start+w]
			a.classRows[ci] = cr
		}
	}
	a.pairRes = make([]Figures, len(a.pairSets))
	a.total += int64(len(a.pairSets))
	a.stats.Evaluated = len(a.pairSets)
	a.l2 = newLevelAgg(len(x.pools))
	a.pairExs = a.pairExamples()
}

// samePoolFabric returns the pool of elements i and j when both are servers of one pool whose
// routing groups two stopped servers can leave in quorum loss while it runs (index rgAt), or -1.
func (a *Analyzer) samePoolFabric(i, j int) int {
	x := a.x
	if x.elems[i].Kind != KindServer || x.elems[j].Kind != KindServer {
		return -1
	}
	p := x.targets[i].pool
	if p < 0 || p != x.targets[j].pool || x.pools[p].rgAt == nil {
		return -1
	}
	return p
}

// pairLost is how many routing groups of pool p lose quorum when servers i and j (elements)
// stop and nothing else does, or 0 when p < 0.
func (a *Analyzer) pairLost(p, i, j int) int {
	if p < 0 {
		return 0
	}
	x := a.x
	pi := &x.pools[p]
	n := len(pi.servers)
	if cap(a.upBuf) < n {
		a.upBuf = make([]bool, n)
	}
	up := a.upBuf[:n]
	for k := range up {
		up[k] = true
	}
	up[x.targets[i].server-x.srvOff[p]] = false
	up[x.targets[j].server-x.srvOff[p]] = false
	return quorum.LostGroups(pi.rgAt, up, true)
}

// classEntry counts the interacting pairs between two classes.
type classEntry struct {
	cj int32
	n  int32
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
