package plan

import (
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// dbFailoverDuration is the estimated time of a manual database failover
// (Invoke-CsDatabaseFailover), the simulator's figure.
const dbFailoverDuration = time.Minute

// manualMirror reports whether pool p's back end is mirrored without a witness: nothing fails
// its store over to the mirror but Invoke-CsDatabaseFailover (FACTS §9).
func manualMirror(p *topology.Pool) bool {
	return p != nil && p.BackEnd != nil && p.BackEnd.HA == topology.HAMirroring &&
		p.BackEnd.Mirror != nil && p.BackEnd.Witness == ""
}

// dbFailoverLine is the Invoke-CsDatabaseFailover call that makes the mirror of pool fqdn's
// back end the principal of its User databases.
func dbFailoverCall(fqdn, dbType string) Call {
	return call("Invoke-CsDatabaseFailover", q("PoolFqdn", fqdn), lit("DatabaseType", dbType), lit("NewPrincipal", "Mirror"))
}

// mirrorStateCall is the Get-CsDatabaseMirrorState call for pool fqdn's databases of a type.
func mirrorStateCall(fqdn, dbType string) Call {
	return call("Get-CsDatabaseMirrorState", q("PoolFqdn", fqdn), lit("DatabaseType", dbType))
}

// mirrorFailover finds, in a disaster, the pools the plan is about (the pool and the CMS
// pool) whose principal SQL Server is down while their mirror, without a witness, could take
// over: the plan fails their databases over first. It tries each failover on a clone of s and
// returns the failure state that remains after them, with the pools listed in dbFailover, so
// that the plan fails over only what the database failover does not bring back.
func (b *builder) mirrorFailover(s *sim.Sim, f failure, snap sim.Snapshot) failure {
	if b.req.Mode != Disaster {
		return f
	}
	cands := []*topology.Pool{b.pool}
	if b.cms != nil && b.cms != b.pool {
		cands = append(cands, b.cms)
	}
	var c *sim.Sim
	var moved []string
	for _, p := range cands {
		if !manualMirror(p) || backEndUp(snap, p.FQDN) {
			continue
		}
		if c == nil {
			c = s.Clone()
		}
		r := c.ExecConfirmed(dbFailoverCall(p.FQDN, "User").Line())
		if !r.Failed && r.ErrorID == "" && r.Changed {
			moved = append(moved, p.FQDN)
		}
	}
	if len(moved) == 0 {
		return f
	}
	after := snapshotFailure(c.Snapshot())
	after.backup = f.backup
	after.dbFailover = moved
	after.returning = f.isDown(b.pool.FQDN) && !after.isDown(b.pool.FQDN)
	return after
}

// backEndUp reports whether the store of the pool with the given FQDN answers in snap.
func backEndUp(snap sim.Snapshot, fqdn string) bool {
	for _, ps := range snap.Pools {
		if strings.EqualFold(ps.FQDN, fqdn) {
			return ps.BackEndUp
		}
	}
	return true
}

// dbFailoverSteps lays out, for each pool in the failure state's dbFailover, the check of its
// databases' mirroring state and the manual database failover to the mirror, verified by the
// mirroring state again. For the pool hosting the CMS, the CentralMgmt databases follow.
func (b *builder) dbFailoverSteps() {
	for _, fqdn := range b.st.dbFailover {
		p := b.t.PoolByFQDN(fqdn)
		if p == nil {
			continue
		}
		id := "db"
		if p != b.pool {
			id = "cms-db"
		}
		principal, mirror := p.BackEnd.FQDN, p.BackEnd.Mirror.FQDN
		b.step(checkStep(id+"-mirror-state", "Check the mirroring state of the databases of "+p.FQDN,
			mirrorStateCall(p.FQDN, "User"),
			"StateOnPrimary shows the databases on "+principal+" inaccessible and StateOnMirror shows Mirror: "+mirror+" holds a copy that can take over.",
			"The back end of "+p.FQDN+" is mirrored without a witness: nothing fails it over to "+mirror+" by itself. Its Front Ends keep their sessions for about 30 minutes, then the pool stops.").showing("Mirror"))
		b.step(changeStep(id+"-failover", "Make "+mirror+" the principal of the databases of "+p.FQDN,
			dbFailoverCall(p.FQDN, "User"),
			"The User databases of "+p.FQDN+" run on "+mirror+" (StateOnMirror shows Principal) and the pool runs on them.",
			"A database failover brings the pool's store back within a minute, without failing its users over to another pool.",
			dbFailoverDuration, mirrorStateCall(p.FQDN, "User")))
		if b.cms != nil && strings.EqualFold(b.cms.FQDN, p.FQDN) {
			b.step(changeStep(id+"-failover-cms", "Make "+mirror+" the principal of the Central Management store",
				dbFailoverCall(p.FQDN, "CentralMgmt"),
				"The CentralMgmt databases of "+p.FQDN+" run on "+mirror+" (a warning that they already do is fine); Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus names "+p.FQDN+" again.",
				"The Central Management store lives on the same back end and is failed over by database type.",
				dbFailoverDuration, call("Get-CsManagementStoreReplicationStatus", sw("CentralManagementStoreStatus"))))
		}
	}
	if b.st.returning && b.healedByDatabase() {
		d := Duration(time.Duration(b.pool.EffectiveFailbackDetectionSeconds()) * time.Second)
		b.step(Step{ID: "users-return", Title: "Wait until the users of " + b.pool.FQDN + " return from resiliency mode", Kind: KindWait,
			Instructions: "Wait " + d.String() + " (the registrar's failback detection interval) while " + b.pool.FQDN + " runs again.",
			Expect:       "The users of " + b.pool.FQDN + " sign in to it again with full service.",
			Reason:       "The pool had stopped when its Front Ends' grace ran out; clients return to it only once it has been healthy for the failback detection interval.",
			Simulate:     []string{sim.Wait{Duration: d.Std()}.Line()},
			Duration:     d})
	}
}

// healedByDatabase reports whether the plan's database failover brings its pool back: its
// store was failed over and it is not down afterwards, so no pool failover is needed.
func (b *builder) healedByDatabase() bool {
	if b.req.Mode != Disaster || b.st.isDown(b.pool.FQDN) {
		return false
	}
	for _, d := range b.st.dbFailover {
		if strings.EqualFold(d, b.pool.FQDN) {
			return true
		}
	}
	return false
}
