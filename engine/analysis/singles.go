package analysis

import "slices"

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

// unitLoad is a unit's worst baseline load.
type unitLoad struct {
	unit int32
	load float64
	pool int
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

// baseCapacity is pool p's capacity with nothing failed.
func (a *Analyzer) baseCapacity(p int) int {
	return a.base.out.Pools[p].Capacity
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
