package analysis

import (
	"strings"
	"time"

	"failwright/engine/plan"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// SimEvaluator is the Evaluator that runs the real thing: for each failure set it clones a
// simulation of the topology one second before the Backup Service's first sync (the worst
// moment for data loss, as the plan builder's default disaster), runs the set's Setup lines,
// and for every Front End pool whose users lack full service composes the plan builder's
// disaster plan from that failure state (plan.ComposeSnapshot) and simulates it on its own
// clone (plan.Simulate) from the moment of the failure, as operators working on each pool
// would: each pool's RTO and data loss are the plan's, as `failwright plan --disaster` predicts
// them. Where the users are served when no plan restores them is read after the registrar
// timers have run (the longest failure-detection interval). Load and capacity use the same
// rules as Model.
type SimEvaluator struct {
	t    *topology.Topology
	x    *index
	base *sim.Sim
	// mirrored is base for a topology whose CMS pool's mirroring, which has no witness, has
	// one (the mirror takes over at once), or nil: see Evaluate.
	mirrored *sim.Sim
	wait     time.Duration
}

// NewSimEvaluator prepares a simulator-backed evaluator for t.
func NewSimEvaluator(t *topology.Topology) (*SimEvaluator, error) {
	x, err := newIndex(t)
	if err != nil {
		return nil, err
	}
	s, err := sim.New(t, sim.Options{Seed: plan.Seed})
	if err != nil {
		return nil, err
	}
	s.Advance(x.strike)
	e := &SimEvaluator{t: t, x: x, base: s}
	if c := x.cms; c >= 0 && x.pools[c].manualBE {
		m, err := sim.New(withWitness(t, x.pools[c].fqdn), sim.Options{Seed: plan.Seed})
		if err != nil {
			return nil, err
		}
		m.Advance(x.strike)
		e.mirrored = m
	}
	for _, p := range x.pools {
		e.wait = max(e.wait, p.detect)
	}
	return e, nil
}

// strikeLine is the simulator line that lets time pass until the failure strikes
// (Analyzer.StrikeLine).
func strikeLine(strike time.Duration) string { return sim.Wait{Duration: strike}.Line() }

// snapPools maps lower-case pool FQDNs to their snapshot.
func snapPools(s *sim.Snapshot) map[string]*sim.PoolSnapshot {
	m := make(map[string]*sim.PoolSnapshot, len(s.Pools))
	for i := range s.Pools {
		m[strings.ToLower(s.Pools[i].FQDN)] = &s.Pools[i]
	}
	return m
}

// struck is a failure set's failure state, where the operators' plans start from.
type struck struct {
	setup []string
	// at and snap are the simulation at the moment of the failure.
	at   *sim.Sim
	snap sim.Snapshot
	// grace is the pool whose back end, mirrored without a witness, stopped while the pool
	// runs on for the grace (-1 for none); late and lateSnap are the simulation when the grace
	// ran out, where that pool's plan starts.
	grace    int
	late     *sim.Sim
	lateSnap sim.Snapshot
}

// from returns the simulation and snapshot pool i's plan starts from.
func (st *struck) from(i int) (*sim.Sim, sim.Snapshot) {
	if i == st.grace {
		return st.late, st.lateSnap
	}
	return st.at, st.snap
}

// strike runs set's Setup lines on a clone of the base simulation.
func (e *SimEvaluator) strike(set FailureSet) *struck {
	base := e.base
	if e.mirrored != nil && e.principalOnly(set) {
		// Mirroring without a witness: failwright's plan fails the CMS pool's databases over
		// to the mirror (Invoke-CsDatabaseFailover, one minute) within the Front Ends' grace,
		// while every user keeps full service. A witnessed mirror, which takes over at once,
		// gives the same outcome without moving anyone else's timeline.
		base = e.mirrored
	}
	s := base.Clone()
	st := &struck{setup: set.Setup(), at: s}
	for _, line := range st.setup {
		s.ExecConfirmed(line)
	}
	st.snap = s.Snapshot()
	st.late, st.lateSnap = s, st.snap
	// A back end mirrored without a witness does not fail over: its pool runs on for the
	// grace, then stops. The operators' plan for that pool starts from that moment.
	if st.grace = e.graceful(set, &st.snap); st.grace >= 0 {
		st.late = s.Clone()
		st.late.Advance(BackEndGrace)
		st.lateSnap = st.late.Snapshot()
	}
	return st
}

// Evaluate implements Evaluator.
func (e *SimEvaluator) Evaluate(set FailureSet) Outcome {
	x := e.x
	st := e.strike(set)
	w := st.late.Clone()
	w.Advance(e.wait)
	failed := w.Snapshot()
	fp := snapPools(&failed)
	n := len(x.pools)
	out := Outcome{Pools: make([]PoolOutcome, n), Edges: make([]bool, len(x.edges)), CMS: CMSLost}
	if failed.CMS.Available {
		out.CMS = CMSAvailable
	}
	up := make([]bool, n)
	for i := range x.pools {
		ps := fp[strings.ToLower(x.pools[i].fqdn)]
		up[i] = ps != nil && ps.Health != sim.HealthDown
	}
	if c := x.cms; !failed.CMS.Available && c >= 0 && x.pools[c].partner >= 0 && up[x.pools[c].partner] {
		out.CMS = CMSFailedOver // the standby on the partner can take over (Invoke-CsManagementServerFailover)
	}
	final := e.recoverPools(&out, st, fp, w.Report())
	e.loads(&out, &failed, fp, up)
	for k := range x.edges {
		ed := &x.edges[k]
		es := fp[strings.ToLower(ed.fqdn)]
		if es == nil || es.Health == sim.HealthDown {
			continue
		}
		view := fp
		if ed.nextFE >= 0 && final[ed.nextFE] != nil {
			view = final[ed.nextFE]
		}
		hop := view[strings.ToLower(ed.fqdn)].NextHop
		if hs := view[strings.ToLower(hop)]; hs != nil && hs.Health != sim.HealthDown {
			out.Edges[k] = true
		}
	}
	return out
}

// recoverPools writes where each pool's users are served once every registrar timer ran (fp):
// at home, or where the plan builder's disaster plan for the pool, simulated from the failure
// state, restores them, with its RTO and data loss. It returns, per pool, the state after its
// own plan (nil when none restored it).
func (e *SimEvaluator) recoverPools(out *Outcome, st *struck, fp map[string]*sim.PoolSnapshot, rep sim.Report) []map[string]*sim.PoolSnapshot {
	x := e.x
	final := make([]map[string]*sim.PoolSnapshot, len(x.pools))
	for i := range x.pools {
		p := &x.pools[i]
		o := &out.Pools[i]
		o.ServedBy = -1
		ps := fp[strings.ToLower(p.fqdn)]
		if ps == nil {
			continue
		}
		if ps.Mode == sim.ModeHome {
			o.Service, o.ServedBy = ServiceHome, i
			o.RTO = lookupDuration(rep.RTO, p.fqdn)
			o.Unserved = ps.StrandedUsers // routing groups in quorum loss while the pool runs
			continue
		}
		restored := false
		req := plan.Request{Pool: p.fqdn, Mode: plan.Disaster, Setup: st.setup}
		from, fromSnap := st.from(i)
		if pl, _ := plan.ComposeSnapshot(e.t, req, fromSnap); pl != nil {
			c := from.Clone()
			r := plan.Simulate(pl, c)
			if r.Restored {
				snap := c.Snapshot()
				final[i] = snapPools(&snap)
				restored = true
				o.Service, o.ServedBy = ServiceBackup, p.partner
				if m := final[i][strings.ToLower(p.fqdn)]; m != nil && m.Mode == sim.ModeHome {
					o.Service, o.ServedBy = ServiceHome, i
					o.Unserved = m.StrandedUsers
				}
				o.RTO, o.DataLoss = r.RTO, r.DataLoss
			}
		}
		if !restored {
			o.Service = ServiceSignedOut
			if ps.Mode == sim.ModeResiliency {
				o.Service = ServiceResiliency
			}
			o.Unserved = p.users
		}
	}
	return final
}

// loads writes, for each pool, the users left without disaster recovery in the failed state,
// and the load and capacity of those that run.
func (e *SimEvaluator) loads(out *Outcome, failed *sim.Snapshot, fp map[string]*sim.PoolSnapshot, up []bool) {
	x := e.x
	cut := map[[2]string]bool{}
	for _, l := range failed.CutLinks {
		cut[[2]string{strings.ToLower(l[0]), strings.ToLower(l[1])}] = true
		cut[[2]string{strings.ToLower(l[1]), strings.ToLower(l[0])}] = true
	}
	for i := range x.pools {
		p := &x.pools[i]
		o := &out.Pools[i]
		b := p.partner
		protected := up[i] && b >= 0 && up[b] && x.pools[b].version.Behaves() == p.version.Behaves()
		if protected && p.site != x.pools[b].site && p.site >= 0 && x.pools[b].site >= 0 {
			if cut[[2]string{strings.ToLower(x.sites[p.site]), strings.ToLower(x.sites[x.pools[b].site])}] {
				protected = false
			}
		}
		if !protected {
			o.NoDR = p.users
		}
		if !up[i] {
			continue
		}
		carries := b >= 0 && out.Pools[b].Service == ServiceBackup && out.Pools[b].ServedBy == i
		ups := 0
		for _, u := range fp[strings.ToLower(p.fqdn)].ServersUp {
			if u {
				ups++
			}
		}
		o.Served, o.Capacity = servedCapacity(x, i, ups, carries)
		o.Overflow = max(0, o.Served-o.Capacity)
	}
}

// graceful returns the pool whose principal back end, mirrored without a witness, set stops
// while the pool still runs in snap (its Front Ends keep running for BackEndGrace before the
// pool goes down), or -1.
func (e *SimEvaluator) graceful(set FailureSet, snap *sim.Snapshot) int {
	sp := snapPools(snap)
	for _, el := range set {
		if el.Kind != KindBackEnd {
			continue
		}
		for i := range e.x.pools {
			p := &e.x.pools[i]
			if (p.manualBE || p.noHA) && strings.EqualFold(p.fqdn, el.Name) {
				if ps := sp[strings.ToLower(p.fqdn)]; ps != nil && ps.Health != sim.HealthDown && !ps.BackEndUp {
					return i
				}
			}
		}
	}
	return -1
}

// withWitness returns a copy of t in which the back end of pool fqdn has a witness.
func withWitness(t *topology.Topology, fqdn string) *topology.Topology {
	c := *t
	c.Pools = append([]topology.Pool(nil), t.Pools...)
	for i := range c.Pools {
		if p := &c.Pools[i]; strings.EqualFold(p.FQDN, fqdn) && p.BackEnd != nil {
			be := *p.BackEnd
			be.Witness = "witness." + p.FQDN
			p.BackEnd = &be
		}
	}
	return &c
}

// principalOnly reports whether set stops the principal of the CMS pool's back end but not its
// mirror: the case where the database failover to the mirror restores the store.
func (e *SimEvaluator) principalOnly(set FailureSet) bool {
	principal := false
	for _, el := range set {
		switch el.Kind {
		case KindMirror:
			return false
		case KindBackEnd:
			principal = true
		}
	}
	return principal
}

func lookupDuration(m map[string]time.Duration, fqdn string) time.Duration {
	for k, d := range m {
		if strings.EqualFold(k, fqdn) {
			return d
		}
	}
	return 0
}
