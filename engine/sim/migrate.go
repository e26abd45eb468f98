package sim

// Moving to another pool: Move-CsUser, and the simulator's
// Enable-SimPairing and Install-SimUpdate, which model the Backup Service crash after pairing
// (FACTS §23).

import (
	"fmt"
	"maps"
	"strings"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

func init() {
	handlers["Move-CsUser"] = cmdMoveUser
	simVerbs["Enable-SimPairing"] = cmdEnablePairing
	simVerbs["Install-SimUpdate"] = cmdInstallUpdate
	handlers["Enable-SimPairing"] = cmdEnablePairing
	handlers["Install-SimUpdate"] = cmdInstallUpdate
}

// userHome returns the pool a sample user is homed on now: where Move-CsUser put it, or the
// topology's pool.
func (s *Sim) userHome(key string) (int, bool) {
	if p, ok := s.st.userMoved[key]; ok {
		return p, true
	}
	p, ok := s.x.userByURI[key]
	return p, ok
}

func cmdMoveUser(c *ctx) {
	s := c.s
	x := s.x
	id := c.cmd.Str("Identity")
	key := strings.TrimPrefix(lower(id), "sip:")
	from, ok := s.userHome(key)
	if !ok {
		c.notFound("FW-USER-NOT-FOUND", fmt.Sprintf(`Management object not found for identity "%s". failwright knows the sample users listed in the topology.`, id))
		return
	}
	to := c.pool("Target")
	if to < 0 {
		return
	}
	if !x.isFE(to) {
		c.fail("FW-NOT-FRONTEND", "InvalidArgument", fmt.Sprintf(`Pool "%s" is not a registrar pool users can be homed on: move users to a Front End pool.`, x.pools[to].fqdn))
		return
	}
	if !c.requireCMS() {
		return
	}
	if from == to {
		c.warnf(`User "%s" is already homed on "%s": nothing changes.`, id, x.pools[to].fqdn)
		return
	}
	for _, p := range []int{from, to} {
		if !s.st.serving[p] {
			c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Cannot move user "%s": pool "%s" does not answer. Both pools must run while a user moves.`, id, x.pools[p].fqdn))
			return
		}
	}
	if !c.shouldProcess("Move-CsUser", id, false) {
		return
	}
	c.change(false, func() {
		m := maps.Clone(s.st.userMoved)
		if m == nil {
			m = map[string]int{}
		}
		m[key] = to
		s.st.userMoved = m
		s.logf("User %s moved from %s to %s.", id, x.pools[from].fqdn, x.pools[to].fqdn)
	})
}

// pastRelease reports whether pool p's build is later than its version's release build.
func (x *index) pastRelease(p int) bool {
	tp := x.pools[p].pool
	if tp == nil {
		return false
	}
	b, ok := topology.ParseBuild(tp.Build)
	rel, known := topology.ReleaseBuild(tp.Version)
	return ok && known && b.Compare(rel) > 0
}

func cmdEnablePairing(c *ctx) {
	s := c.s
	x := s.x
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	b := c.partnerOrFail(p)
	if b < 0 {
		return
	}
	c.change(false, func() {
		for _, q := range []int{p, b} {
			if x.pastRelease(q) {
				s.st.bsCrashed[q] = true
				s.logf("Pool %s: pairing installed the release Backup Service over build %s; LyncBackupService.exe crashes (event 4007).", x.pools[q].fqdn, x.pools[q].pool.Build)
			}
		}
		s.logf("Pairing of %s and %s enabled.", x.pools[p].fqdn, x.pools[b].fqdn)
	})
}

func cmdInstallUpdate(c *ctx) {
	s := c.s
	x := s.x
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	c.change(false, func() {
		s.st.bsCrashed[p] = false
		s.logf("Pool %s: cumulative update applied again; the Backup Service starts.", x.pools[p].fqdn)
	})
}

// EnablePairing is Enable-SimPairing: a pool's pairing is published and Setup runs.
type EnablePairing struct{ Pool string }

// InstallUpdate is Install-SimUpdate: the cumulative update installer runs again on a pool.
type InstallUpdate struct{ Pool string }

// Line writes the verb as a shell line.
func (v EnablePairing) Line() string {
	return "Enable-SimPairing -PoolFqdn " + shell.QuoteArg(v.Pool)
}

// Line writes the verb as a shell line.
func (v InstallUpdate) Line() string {
	return "Install-SimUpdate -PoolFqdn " + shell.QuoteArg(v.Pool)
}
