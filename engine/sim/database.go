package sim

// Back-end database failover (Invoke-CsDatabaseFailover) and the grace of a back end
// mirrored without a witness.

import (
	"fmt"
	"strings"
)

// graceEvent starts the name of the timer that ends a back end's grace.
const graceEvent = "back end grace "

// principalName is the FQDN of the SQL Server pool p's store runs on now.
func (s *Sim) principalName(p int) string {
	pi := &s.x.pools[p]
	if s.st.onMirror[p] {
		return pi.mirror
	}
	return pi.beFQDN
}

// cmdDatabaseFailover is Invoke-CsDatabaseFailover: the pool's whole back end moves to the
// named copy.
func cmdDatabaseFailover(c *ctx) {
	s := c.s
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	dt := c.cmd.Str("DatabaseType")
	if !pi.hasMirror {
		c.fail("FW-NO-MIRROR-DB", "InvalidOperation", fmt.Sprintf(
			`Cannot fail over the %s databases of pool "%s": its back end has no mirror. Invoke-CsDatabaseFailover needs both a primary and a mirror database.`, dt, pi.fqdn))
		return
	}
	toMirror := strings.EqualFold(c.cmd.Str("NewPrincipal"), "Mirror")
	target, targetUp := pi.beFQDN, st.beUp[p]
	if toMirror {
		target, targetUp = pi.mirror, st.mirrorUp[p]
	}
	if st.onMirror[p] == toMirror {
		c.warnf(`The %s databases of pool "%s" already run on %s (%s): nothing changes.`, dt, pi.fqdn, target, c.cmd.Str("NewPrincipal"))
		return
	}
	if !targetUp || !st.siteUp[pi.site] {
		c.fail("FW-DB-TARGET-DOWN", "ResourceUnavailable", fmt.Sprintf(
			`Cannot make %s the principal for pool "%s": it does not answer.`, target, pi.fqdn))
		return
	}
	if !c.shouldProcess("Invoke-CsDatabaseFailover", pi.fqdn+" "+dt, false) {
		return
	}
	if dt != "User" {
		c.verbosef("The simulator keeps every database of a pool on one SQL Server: failing over %s moves all of %s's databases.", dt, pi.fqdn)
	}
	c.step("Making %s the principal of the databases of %s.", target, pi.fqdn)
	c.wait(DurDatabaseFailover)
	st.onMirror[p] = toMirror
	st.beLostAt[p] = never
	s.logf("Back end of %s failed over to %s by Invoke-CsDatabaseFailover.", pi.fqdn, target)
	s.recompute()
	c.res.Changed = true
}
