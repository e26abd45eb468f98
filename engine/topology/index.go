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
}

func newIndex(t *Topology) *index {
	x := &index{
		t:            t,
		pools:        make(map[string]*Pool, len(t.Pools)),
		pos:          make(map[*Pool]int, len(t.Pools)),
		sites:        make(map[string]*Site, len(t.Sites)),
		branchUsers:  map[string]int{},
		sitePools:    map[string]int{},
		siteBranches: map[string]int{},
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
	for _, b := range t.Branches {
		x.branchUsers[strings.ToLower(b.BackupRegistrar)] += max(b.Users, 0)
		x.siteBranches[strings.ToLower(b.Site)]++
	}
	return x
}

// pool is PoolByFQDN in constant time.
func (x *index) pool(fqdn string) *Pool { return x.pools[strings.ToLower(fqdn)] }

// site is SiteByName in constant time.
func (x *index) site(name string) *Site { return x.sites[strings.ToLower(name)] }

// path is the model path of a pool of the indexed topology.
func (x *index) path(p *Pool) string { return x.t.PoolPath(x.pos[p]) }

// branchUsersOf is BranchUsers in constant time.
func (x *index) branchUsersOf(p *Pool) int { return x.branchUsers[strings.ToLower(p.FQDN)] }

// totalUsers is TotalUsers in constant time.
func (x *index) totalUsers(p *Pool) int { return max(p.Users, 0) + x.branchUsersOf(p) }

// partner is Partner in constant time.
func (x *index) partner(p *Pool) *Pool {
	if p == nil || p.BackupPool == "" {
		return nil
	}
	b := x.pool(p.BackupPool)
	if b == nil || b == p || !strings.EqualFold(b.BackupPool, p.FQDN) {
		return nil
	}
	return b
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
