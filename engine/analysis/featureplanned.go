package analysis

import (
	"time"

	"failwright/engine/features"
	"failwright/engine/plan"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// RGSExportStep is the planned failover's export of the pool's Response Groups while it still
// runs (Export-CsRgsConfiguration, FACTS §19), a manual step of the plan before
// Invoke-CsPoolFailOver when the backup pool does not receive them from the Backup Service
// (every version but 2019). TestFeatureStepDurations holds it to the plan builder.
const RGSExportStep = plan.RGSExportDuration

// plannedFailoverTime is when the users of Front End pool i, which runs, are served by its
// backup pool after failwright's planned failover (`failwright plan --pool P --planned`,
// FACTS §4 and §5: no -DisasterMode, so no data is lost), counted from the failure as the
// plan's simulation counts it: the Edge next-hop moves and checks of the disaster plan, the
// CMS failover with the Normal parameter set and its replica check when the pool hosts the
// CMS, the Response Group export, then Invoke-CsPoolFailOver: a CMS replication, PoolState
// FailingOver, the pool made read-only and the wait for the Backup Service's final state (the
// storage service drains for one sync interval, and the final state comes at the next sync
// after that), the hydration and, on 2015/2019, the data verification.
// TestPlannedFailoverMatchesPlan holds it to the plan builder's simulated plans.
func plannedFailoverTime(x *index, i int) time.Duration {
	p := &x.pools[i]
	load := hydrationTime(p.version, p.users, topology.RoutingGroupCount(p.tp))
	if p.version != topology.Lync2013 {
		load += sim.DurVerify
	}
	pre := p.recovery - load // the next-hop moves, the checks, the replication and PoolState
	if i == x.cms {
		pre += sim.DurCMSFailover + planCheck
	}
	// The plan exports the pool's Response Groups while it runs when its backup pool's version
	// does not copy them, and the pool has some or the topology models none of its parts
	// (engine/plan: rgs-export).
	if b := p.partner; b >= 0 && x.pools[b].version.Behaves() != topology.SfB2019 && (p.tp.ResponseGroups > 0 || !x.t.ModelsRecovery()) {
		pre += RGSExportStep
	}
	readOnly := x.strike + pre
	var wait time.Duration
	if iv := x.sync; iv > 0 {
		drained := readOnly + iv
		final := (drained + iv - 1) / iv * iv
		wait = final - readOnly
	}
	return pre + wait + load
}

// plannedFailovers applies the recovery of a pool that runs but whose web services do not
// answer (its load balancer, or the load balancer's site, is down): its users keep IM,
// presence and calls, but lose meetings and external web access. An operator fails the pool
// over in planned mode to its backup pool, whose web services are behind another load
// balancer, and the features come back when the users are served there (plannedFailoverTime).
// It applies only when the pool has disaster recovery in this failure set (its backup pool
// runs the same version and is reachable: the pool's NoDR is zero), its backup pool's users
// are at home and its web services answer, and the CMS is available. The pools' figures do
// not change: the users had full service throughout.
func (f *featureSpec) plannedFailovers(x *index, o *Outcome, sc *featureScratch) {
	st := &sc.st
	if o.CMS != CMSAvailable || !webMayFail(st) {
		return // most sets: no web services can be down while their pool runs
	}
	judged := false
	for i, ti := range f.feTopo {
		po := &o.Pools[i]
		q := x.pools[i].partner
		if po.Service != ServiceHome || po.NoDR != 0 || q < 0 || o.Pools[q].Service != ServiceHome ||
			x.pools[i].users == 0 {
			continue
		}
		tq := f.feTopo[q]
		if f.rules.WebUp(st, ti) || !f.rules.WebUp(st, tq) {
			continue
		}
		if !judged {
			// What every pool's users have at the failure, judged once for all pools (before
			// any of them is failed over) at a cost linear in the topology.
			f.rules.Pools(st, sc.kept)
			judged = true
		}
		sc.planned[ti] = true
	}
	if !judged {
		return
	}
	for i, ti := range f.feTopo {
		if sc.planned[ti] {
			st.Mode[ti], st.ServedBy[ti] = features.Backup, f.feTopo[x.pools[i].partner]
			sc.t0[ti] = f.planned[i]
		}
	}
}

// webMayFail reports whether st has a load balancer or a site down: otherwise every running
// pool's web services answer.
func webMayFail(st *features.State) bool {
	for _, up := range st.LBUp {
		if !up {
			return true
		}
	}
	for _, up := range st.SiteUp {
		if !up {
			return true
		}
	}
	return false
}

// keptAt adjusts restoredAt's answer for the users of a pool failed over in planned mode:
// what they kept at the failure (kept) they never waited for, except what moves with the
// failover and stops with the pool's services (Response Groups, the location data, Call Park
// and announcements), which the plan's steps bring back after it.
func keptAt(at *[numFeatures]time.Duration, kept features.Set, park bool, xmppAt time.Duration) {
	for g, feat := range topology.Features {
		if !kept.Has(feat) {
			continue
		}
		switch g {
		case gRGS, gLIS:
			continue
		case gPSTN:
			if park {
				continue
			}
		case gXMPP:
			at[g] = xmppAt
			continue
		}
		at[g] = 0
	}
}
