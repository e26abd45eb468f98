package topology

import "strings"

// Capacity figures from the user models of Lync Server 2013, Skype for Business Server 2015
// and 2019 (FACTS §12).
const (
	// UsersPerServer is how many users one Front End Server carries.
	UsersPerServer = 6660
	// StandardEditionUsers is how many users a Standard Edition server carries.
	StandardEditionUsers = 2500
	// StandardEditionFailoverUsers is how many users the survivor of a paired Standard
	// Edition pair carries during a failover.
	StandardEditionFailoverUsers = 5000
)

// MaxPoolUsers is the most users one Front End pool of version v may home: 80,000 on 2013 and
// 2015, 106,000 on 2019 and Subscription Edition.
func MaxPoolUsers(v Version) int {
	if v.Behaves() == SfB2019 {
		return 106000
	}
	return 80000
}

// MaxPairedPoolUsers is the most users each pool of a disaster-recovery pair may home so that
// its partner can carry both: 40,000 on 2013 and 2015, 53,000 on 2019 and Subscription Edition.
func MaxPairedPoolUsers(v Version) int { return MaxPoolUsers(v) / 2 }

// MaxFrontEnds is the most Front End Servers an Enterprise pool of version v may have: 12, or
// 16 on 2019 and Subscription Edition.
func MaxFrontEnds(v Version) int {
	if v.Behaves() == SfB2019 {
		return 16
	}
	return 12
}

// Capacity is how many users pool p can carry in normal operation: for an Enterprise pool
// UsersPerServer per Front End, capped at MaxPoolUsers; for a Standard Edition pool
// StandardEditionUsers; zero for Edge and Director pools, which home no users.
func Capacity(p *Pool) int {
	if p == nil {
		return 0
	}
	switch p.Role {
	case FrontEndEnterprise:
		return min(len(p.Servers)*UsersPerServer, MaxPoolUsers(p.Version))
	case FrontEndStandard:
		return StandardEditionUsers
	}
	return 0
}

// FailoverCapacity is how many users pool p can carry while it also serves its failed partner:
// as Capacity for an Enterprise pool, StandardEditionFailoverUsers for a Standard Edition pool.
func FailoverCapacity(p *Pool) int {
	if p != nil && p.Role == FrontEndStandard {
		return StandardEditionFailoverUsers
	}
	return Capacity(p)
}

// ServersNeeded is how many Front End Servers carry users users: ceil(users / UsersPerServer).
func ServersNeeded(users int) int {
	if users <= 0 {
		return 0
	}
	return (users + UsersPerServer - 1) / UsersPerServer
}

// BranchUsers is the number of users homed on Survivable Branch Appliances whose backup
// registrar is pool p.
func (t *Topology) BranchUsers(p *Pool) int {
	if p == nil {
		return 0
	}
	n := 0
	for _, b := range t.Branches {
		if strings.EqualFold(b.BackupRegistrar, p.FQDN) {
			n += max(b.Users, 0)
		}
	}
	return n
}

// TotalUsers is the number of users pool p must be sized for on its own: the users homed on
// it plus the users of the branches it is backup registrar for (FACTS §12 counts them).
func (t *Topology) TotalUsers(p *Pool) int {
	if p == nil {
		return 0
	}
	return max(p.Users, 0) + t.BranchUsers(p)
}

// Pair is a reciprocal pool pairing. A comes before B in topology order.
type Pair struct {
	A, B *Pool
}

// Pairs lists the topology's reciprocal pairs once each, in the order of their first pool.
// A pool whose backup pool is missing, or does not name it back, is in no pair.
func (t *Topology) Pairs() []Pair { return newIndex(t).pairs() }

// Pairs is Topology.Pairs as a function.
func Pairs(t *Topology) []Pair { return t.Pairs() }

// Partner returns p's reciprocal partner, or nil when p is not in a pair.
func (t *Topology) Partner(p *Pool) *Pool {
	if p == nil || p.BackupPool == "" {
		return nil
	}
	return namesBack(p, t.PoolByFQDN(p.BackupPool))
}

// namesBack returns b, p's backup pool, when it is another pool that names p as its backup
// pool in turn, and nil otherwise.
func namesBack(p, b *Pool) *Pool {
	if b == nil || b == p || !strings.EqualFold(b.BackupPool, p.FQDN) {
		return nil
	}
	return b
}

// PairUsers is the number of users a pool of the pair must carry when its partner fails: the
// total users of both pools, branch users included.
func (t *Topology) PairUsers(pr Pair) int { return t.TotalUsers(pr.A) + t.TotalUsers(pr.B) }

// ServerCount returns the number of servers across all pools.
func (t *Topology) ServerCount() int {
	n := 0
	for i := range t.Pools {
		n += len(t.Pools[i].Servers)
	}
	return n
}

// UserCount returns the users homed on Front End pools and branches.
func (t *Topology) UserCount() int {
	n := 0
	for i := range t.Pools {
		n += max(t.Pools[i].Users, 0)
	}
	for _, b := range t.Branches {
		n += max(b.Users, 0)
	}
	return n
}
