package topology

import "strings"

// index gives constant-time lookups over one topology, so that validating or pairing a large
// topology stays linear. It is built once and must not outlive changes to the topology.
type index struct {
	t            *Topology
	pools        map[string]*Pool // lower-case FQDN -> first pool with it
	pos          map[*Pool]int    // pool -> index in t.Pools
	sites        map[string]*Site // lower-case name -> first site with it
	branchUsers  map[string]int   // lower-case backup registrar FQDN -> branch users
	sitePools    map[string]int   // lower-case site name -> number of pools
	siteBranches map[string]int   // lower-case site name -> number of branches
	branches     map[string]int   // lower-case FQDN -> index of the first branch with it
}

// newIndex builds the lookups of t in one pass over it.
func newIndex(t *Topology) *index {
	x := &index{
		t:            t,
		pools:        make(map[string]*Pool, len(t.Pools)),
		pos:          make(map[*Pool]int, len(t.Pools)),
		sites:        make(map[string]*Site, len(t.Sites)),
		branchUsers:  map[string]int{},
		sitePools:    map[string]int{},
		siteBranches: map[string]int{},
		branches:     map[string]int{},
	}
	for i := range t.Pools {
		p := &t.Pools[i]
		x.pos[p] = i
		k := strings.ToLower(p.FQDN)
		if _, dup := x.pools[k]; !dup {
			x.pools[k] = p
		}
		x.sitePools[strings.ToLower(p.Site)]++
	}
	for i := range t.Sites {
		k := strings.ToLower(t.Sites[i].Name)
		if _, dup := x.sites[k]; !dup {
			x.sites[k] = &t.Sites[i]
		}
	}
	for i, b := range t.Branches {
		if _, dup := x.branches[strings.ToLower(b.FQDN)]; !dup {
			x.branches[strings.ToLower(b.FQDN)] = i
		}
		x.branchUsers[strings.ToLower(b.BackupRegistrar)] += max(b.Users, 0)
		x.siteBranches[strings.ToLower(b.Site)]++
	}
	return x
}

// pool is PoolByFQDN in constant time.
func (x *index) pool(fqdn string) *Pool { return x.pools[strings.ToLower(fqdn)] }

// site is SiteByName in constant time.
func (x *index) site(name string) *Site { return x.sites[strings.ToLower(name)] }

// path is the model path of a pool of the indexed topology (PoolPath in constant time).
func (x *index) path(p *Pool) string {
	i := x.pos[p]
	if usableKey(p.FQDN) && x.pool(p.FQDN) == p {
		return "pools[" + p.FQDN + "]"
	}
	return indexPath("pools", i)
}

// sitePath is SitePath in constant time.
func (x *index) sitePath(i int) string {
	s := &x.t.Sites[i]
	if usableKey(s.Name) && x.site(s.Name) == s {
		return "sites[" + s.Name + "]"
	}
	return indexPath("sites", i)
}

// branchPath is BranchPath in constant time.
func (x *index) branchPath(i int) string {
	b := x.t.Branches[i]
	if j, ok := x.branches[strings.ToLower(b.FQDN)]; ok && j == i && usableKey(b.FQDN) {
		return "branches[" + b.FQDN + "]"
	}
	return indexPath("branches", i)
}

// poolPath is the model path of the i-th pool.
func (x *index) poolPath(i int) string { return x.path(&x.t.Pools[i]) }

// branchUsersOf is BranchUsers in constant time.
func (x *index) branchUsersOf(p *Pool) int { return x.branchUsers[strings.ToLower(p.FQDN)] }

// totalUsers is TotalUsers in constant time.
func (x *index) totalUsers(p *Pool) int { return max(p.Users, 0) + x.branchUsersOf(p) }

// partner is Partner in constant time.
func (x *index) partner(p *Pool) *Pool {
	if p == nil || p.BackupPool == "" {
		return nil
	}
	return namesBack(p, x.pool(p.BackupPool))
}

// pairs is Pairs in linear time.
func (x *index) pairs() []Pair {
	var out []Pair
	for i := range x.t.Pools {
		a := &x.t.Pools[i]
		b := x.partner(a)
		if b == nil || x.pos[b] < i {
			continue
		}
		out = append(out, Pair{A: a, B: b})
	}
	return out
}
