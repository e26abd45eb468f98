package plan

import (
	"strconv"
	"strings"

	"failwright/engine/topology"
)

// exposure is the N-1 analysis of topology u: for every site, the users of the Front End
// pools in it that losing the site would leave without disaster recovery — a pool with no
// backup pool, a backup pool in the same site, or one that cannot carry both pools' users.
// Sites whose loss leaves every user covered are left out. (engine/analysis imports this
// package, so the plan keeps its own small N-1 rule: one site at a time, pools only.)
func exposure(u *topology.Topology) []Exposure {
	out := []Exposure{}
	for _, site := range u.Sites {
		e := Exposure{Site: site.Name, Pools: []string{}}
		for i := range u.Pools {
			p := &u.Pools[i]
			if !p.Role.IsFrontEnd() || !strings.EqualFold(p.Site, site.Name) || u.TotalUsers(p) == 0 {
				continue
			}
			bk := u.PoolByFQDN(p.BackupPool)
			var why string
			switch {
			case bk == nil:
				why = "has no backup pool"
			case strings.EqualFold(bk.Site, p.Site):
				why = "has its backup pool " + bk.FQDN + " in the same site"
			case u.TotalUsers(p)+u.TotalUsers(bk) > topology.FailoverCapacity(bk):
				why = "has a backup pool, " + bk.FQDN + ", that can carry " + topology.Thousands(topology.FailoverCapacity(bk)) + " users, not " + topology.Thousands(u.TotalUsers(p)+u.TotalUsers(bk))
			default:
				continue
			}
			e.Users += u.TotalUsers(p)
			e.Pools = append(e.Pools, p.FQDN+" ("+topology.Thousands(u.TotalUsers(p))+" users) "+why)
		}
		if e.Users > 0 {
			out = append(out, e)
		}
	}
	return out
}

// risk names the riskiest stage: the one whose site loss would leave the most users without
// disaster recovery, with a finding for every stage that leaves any; when none does, the
// largest batch of users, which is the longest time users spend between pools.
func (m *migration) risk(mg *Migration) {
	best := -1
	for i, st := range mg.Stages {
		for _, e := range st.Exposure {
			m.b.warnf("PL033", "migration.stages["+strconv.Itoa(i)+"]",
				"Move those users to a paired pool first (their own migration plan), or keep the pairing until they have moved.",
				"after stage "+st.ID+", losing site "+e.Site+" would leave "+topology.Thousands(e.Users)+" users without disaster recovery: "+strings.Join(e.Pools, "; "))
		}
		if st.ExposedUsers > 0 && (best < 0 || st.ExposedUsers > mg.Stages[best].ExposedUsers) {
			best = i
		}
	}
	if best >= 0 {
		st := mg.Stages[best]
		e := st.Exposure[0]
		for _, x := range st.Exposure[1:] {
			if x.Users > e.Users {
				e = x
			}
		}
		mg.Riskiest = st.ID
		mg.RiskiestWhy = "after it, losing site " + e.Site + " would leave " + topology.Thousands(e.Users) + " users without disaster recovery: " + strings.Join(e.Pools, "; ")
		return
	}
	size, id := 0, ""
	for i, n := range m.batches {
		if n > size {
			size, id = n, "users-"+strconv.Itoa(i+1)
		}
	}
	if id == "" {
		mg.Riskiest, mg.RiskiestWhy = mg.Stages[0].ID, "every site can fail at every stage; the pairing is the stage everything else relies on"
		return
	}
	mg.Riskiest = id
	mg.RiskiestWhy = "every site can fail at every stage; it moves the most users at once (" + topology.Thousands(size) + "): while they move, a failure of " + m.old.FQDN + " or " + m.new.FQDN + " catches users half-moved"
}
