package sim

import (
	"sort"
	"strings"
	"time"
)

// Snapshot returns the observable state now.
func (s *Sim) Snapshot() Snapshot {
	st := &s.st
	x := s.x
	snap := Snapshot{Now: st.now}
	for p := range x.pools {
		snap.Pools = append(snap.Pools, s.poolSnapshot(p))
	}
	for i, b := range x.branches {
		bs := BranchSnapshot{FQDN: b.fqdn, Up: st.branchUp[i], Users: map[Mode]int{st.bMode[i]: b.users}, Mode: st.bMode[i]}
		if by := st.bServed[i]; by >= 0 {
			bs.ServedBy = x.pools[by].fqdn
		}
		snap.Branches = append(snap.Branches, bs)
	}
	if c := st.cmsPool; c >= 0 {
		snap.CMS = CMSSnapshot{ActivePool: x.pools[c].fqdn, Available: s.cmsAvailable()}
		if b := x.pools[c].partner; b >= 0 {
			snap.CMS.StandbyPool = x.pools[b].fqdn
		}
	}
	for d, di := range x.dirs {
		snap.Backup = append(snap.Backup, BackupSnapshot{
			From: x.pools[di.from].fqdn, To: x.pools[di.to].fqdn, State: s.backupState(d),
			LastSync: s.lastSyncView(d), Backlog: s.backlog(d),
		})
	}
	snap.Edge = s.edgeSnapshot()
	snap.SyncInterval = st.syncEvery
	snap.Recovery = s.recoverySnapshot()
	for i, si := range x.sites {
		snap.Sites = append(snap.Sites, SiteSnapshot{Name: si.name, Up: st.siteUp[i]})
	}
	snap.CutLinks = s.cutLinks()
	return snap
}

// poolSnapshot is pool p's part of the snapshot.
func (s *Sim) poolSnapshot(p int) PoolSnapshot {
	st := &s.st
	x := s.x
	pi := &x.pools[p]
	// A server or back end in a lost site is down whatever its own state: the snapshot shows
	// what runs, not which faults were injected one by one.
	siteUp := st.siteUp[pi.site]
	serversUp := cp(s.serversOf(p))
	for i := range serversUp {
		serversUp[i] = serversUp[i] && siteUp
	}
	ps := PoolSnapshot{
		FQDN:            pi.fqdn,
		Health:          st.health[p],
		PoolState:       st.poolState[p],
		ServersUp:       serversUp,
		BackEndUp:       !pi.role.IsFrontEnd() || (siteUp && s.backEndUsable(p)),
		ServicesStopped: st.stopped[p],
		Site:            x.sites[pi.site].name,
		Role:            string(pi.role),
	}
	if pi.role.IsFrontEnd() {
		s.frontEndSnapshot(p, &ps)
	}
	if pi.role == "Edge" {
		if h := st.nextHop[p]; h >= 0 {
			ps.NextHop = x.pools[h].fqdn
		}
		ps.ExternalAccess = st.edgeOK[p]
		ps.FederationRoute = st.fedPool == p
	}
	for i := range pi.servers {
		if st.drained[pi.serverOff+i] {
			ps.ServersDrained = cp(st.drained[pi.serverOff : pi.serverOff+len(pi.servers)])
			break
		}
	}
	return ps
}

// frontEndSnapshot fills what a Front End pool's snapshot says of its users.
func (s *Sim) frontEndSnapshot(p int, ps *PoolSnapshot) {
	st := &s.st
	x := s.x
	pi := &x.pools[p]
	ps.Users = map[Mode]int{st.mode[p]: pi.users}
	if k := s.stranded(p, st.rgLost[p]); k > 0 {
		ps.Users[st.mode[p]] -= k
		ps.Users[ModeResiliency] += k
		ps.RoutingGroupsLost, ps.StrandedUsers = st.rgLost[p], k
	}
	ps.Mode = st.mode[p]
	if by := st.servedBy[p]; by >= 0 {
		ps.ServedBy = x.pools[by].fqdn
	}
	if b := pi.partner; b >= 0 {
		ps.BackupPool = x.pools[b].fqdn
	}
	if e := st.media[p]; e >= 0 {
		ps.MediaEdge = x.pools[e].fqdn
	}
	if c := s.capacity(p); c > 0 {
		ps.Load = float64(s.servedLoad(p)) / float64(c)
	}
	ps.Features, ps.Missing = s.poolFeatures(p)
}

// edgeSnapshot is remote access and federation through the Edge pools; nil without any.
func (s *Sim) edgeSnapshot() *EdgeSnapshot {
	st := &s.st
	x := s.x
	if len(x.edges) == 0 {
		return nil
	}
	es := &EdgeSnapshot{RemoteAccess: st.remoteOK, Federation: st.fedOK}
	if st.fedPool >= 0 {
		es.FederationPool = x.pools[st.fedPool].fqdn
	}
	for _, e := range x.edges {
		if st.edgeOK[e] {
			es.Working = append(es.Working, x.pools[e].fqdn)
		}
	}
	for _, p := range x.frontEnds {
		if s.mediaBroken(p) {
			es.MediaStopped = append(es.MediaStopped, x.pools[p].fqdn)
		}
	}
	return es
}

// cutLinks lists the cut inter-site links, each pair in name order, sorted.
func (s *Sim) cutLinks() [][2]string {
	x := s.x
	var out [][2]string
	n := len(x.sites)
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			if s.st.cut[a*n+b] {
				l := [2]string{x.sites[a].name, x.sites[b].name}
				if strings.ToLower(l[1]) < strings.ToLower(l[0]) {
					l[0], l[1] = l[1], l[0]
				}
				out = append(out, l)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return a[1] < b[1]
	})
	return out
}

// Report returns the run's figures so far.
func (s *Sim) Report() Report {
	st := &s.st
	x := s.x
	r := Report{Timeline: cp(st.timeline), Events: cp(st.events)}
	np := len(x.pools)
	name := func(k int) string {
		if k < np {
			return x.pools[k].fqdn
		}
		return x.branches[k-np].fqdn
	}
	for k := range st.outStart {
		ongoing := st.outStart[k] != never
		if ongoing {
			r.Unrestored = append(r.Unrestored, name(k))
		}
		if ongoing && (st.outFault[k] || st.rtoSet[k]) {
			if r.RTO == nil {
				r.RTO = map[string]time.Duration{}
			}
			r.RTO[name(k)] = 0
		} else if st.rtoSet[k] {
			if r.RTO == nil {
				r.RTO = map[string]time.Duration{}
			}
			r.RTO[name(k)] = st.rto[k]
			if k < np {
				if r.RTOFromDecision == nil {
					r.RTOFromDecision = map[string]time.Duration{}
				}
				r.RTOFromDecision[name(k)] = st.rtoDec[k]
			}
		}
	}
	sort.Strings(r.Unrestored)
	s.featureFigures(&r)
	for p := range x.pools {
		if st.dataLossSet[p] {
			if r.DataLoss == nil {
				r.DataLoss = map[string]time.Duration{}
			}
			r.DataLoss[x.pools[p].fqdn] = st.dataLoss[p]
		}
	}
	r.Policy = s.verdicts(&r)
	return r
}

// capacity is how many users pool p can serve (6,660 per Front End server, 2,500 for a
// Standard Edition server serving alone and 5,000 in a failover; FACTS §12).
func (s *Sim) capacity(p int) int {
	pi := &s.x.pools[p]
	switch pi.role {
	case "FrontEndStandard":
		return 5000
	case "FrontEndEnterprise":
		return 6660 * s.runningServers(p)
	}
	return 0
}

// servedLoad is the number of users pool p serves now, its own and failed-over ones.
func (s *Sim) servedLoad(p int) int {
	n := 0
	for q := range s.x.pools {
		if s.x.isFE(q) && s.st.servedBy[q] == p {
			n += s.x.pools[q].users
		}
	}
	return n
}
