package sim

import (
	"fmt"

	"failwright/engine/topology"
)

// cmsFault is what a forced, failed or Standard Edition CMS move leaves behind, as Microsoft's
// support article "Can't perform a CMS failover in Skype for Business Server 2015" and Vale
// Consulting's post of September 2015 describe it (docs/shell.md, "The Central Management
// store").
type cmsFault struct {
	// stale is the pool whose CMS database still marks itself active after a forced
	// (-BackupSqlServerFqdn -Force) failover made another pool's store active while it was
	// unreachable (the article's scenario 1), or -1.
	stale int
	// blank is true when a failover attempt against such a store left no active master:
	// ActiveMasterFqdn is blank (the article's scenario 3) until -Restore.
	blank bool
	// both is the Standard Edition server that still holds itself the active master after a
	// planned CMS failover of a Standard Edition pair (Vale Consulting, 2015), or -1.
	both int
	// installed is the pool on whose SQL Server Install-CsDatabase -CentralManagementDatabase
	// created a new, empty CMS database for Move-CsManagementServer, or -1.
	installed int
	// noted is true once the stale store's return has been logged.
	noted bool
}

// noCMSFault is the state of a healthy CMS.
var noCMSFault = cmsFault{stale: -1, both: -1, installed: -1}

// any reports whether a fault needs -Restore.
func (f cmsFault) any() bool { return f.stale >= 0 || f.blank || f.both >= 0 }

// poolStoreUp reports whether pool p's own CMS store answers: its site runs, its back end (or
// Standard Edition store) answers and a server runs.
func (s *Sim) poolStoreUp(p int) bool {
	pi := &s.x.pools[p]
	return s.st.siteUp[pi.site] && s.backEndUsable(p) && s.runningServers(p) > 0
}

// standbyStuck reports whether the standby store cannot go into backup mode: it still marks
// itself active (a forced failover's old master, or the Standard Edition pair's old server).
func (s *Sim) standbyStuck() bool {
	f := s.st.cmsFault
	c := s.st.cmsPool
	if c < 0 {
		return false
	}
	b := s.x.pools[c].partner
	return b >= 0 && (f.stale == b || f.both == b)
}

// cmsStandbyTick puts the standby copy in backup mode once the Backup Service has copied the
// active master to the partner. A standby that still marks itself active stays out of backup
// mode: the article's scenario 1 ("Backup services may take longer to mark the CMS as in
// Backup mode"), which failwright keeps until -Restore.
func (s *Sim) cmsStandbyTick() {
	st := &s.st
	x := s.x
	c := st.cmsPool
	if c < 0 || st.cmsStandbyOK {
		return
	}
	b := x.pools[c].partner
	if s.standbyStuck() {
		if f := &st.cmsFault; f.stale == b && !f.blank && s.poolStoreUp(b) && !f.noted {
			f.noted = true
			s.logf("The Central Management store on %s is back and still marks itself active: it does not go into backup mode (Invoke-CsManagementServerFailover -Restore on %s resets it).",
				x.pools[b].fqdn, x.pools[c].fqdn)
		}
		return
	}
	if d := x.pools[c].dirOut; d >= 0 && st.dWorking[d] && s.lastSyncView(d) >= max(st.dSince[d], st.cmsStandbySince) {
		st.cmsStandbyOK = true
		s.logf("The standby Central Management store on %s is in backup mode.", x.pools[b].fqdn)
	}
}

// isStandardEdition reports whether pool p is a Standard Edition server (its own SQL store).
func (x *index) isStandardEdition(p int) bool { return x.pools[p].role == topology.FrontEndStandard }

// sePairSplit reports whether a planned CMS failover from pool from to pool to leaves the CMS
// active on both: a Standard Edition pair of Skype for Business Server 2015 or later (Vale
// Consulting reproduced it on 2015 RTM; it did not happen on Lync Server 2013).
func (x *index) sePairSplit(from, to int) bool {
	return x.isStandardEdition(from) && x.isStandardEdition(to) && x.pools[from].version.Behaves() != topology.Lync2013
}

// cmsFaultBlocks writes the errors of a CMS failover that a fault blocks and reports whether
// it did: the article's scenario 1 (the store being moved, after a forced failover) and a
// blank active master.
func (c *ctx) cmsFaultBlocks(t int) bool {
	s := c.s
	f := &s.st.cmsFault
	ti := &s.x.pools[t]
	switch {
	case f.blank:
		c.fail("FW-CMS-FAILOVER-IN-PROGRESS", "InvalidOperation", fmt.Sprintf(
			"Central Management Server cannot be moved to pool %s because either a previous failover attempt failover or there is already a failover in progress. If the central management server was recently moved to another pool this condition might be caused by a delay in Active Directory Replication", ti.fqdn))
		return true
	case f.stale == t && s.poolStoreUp(t):
		c.warnf("The Central Management Store database in Active Directory doesn't match the one in the topology")
		f.blank = true
		s.logf("The failover attempt left the Central Management store without an active master.")
		s.recompute()
		c.fail("FW-CMS-BEING-MOVED", "InvalidOperation",
			"###50020:XDSForceReplication: This central management store is being moved to another location. No changes can be made until this move is complete")
		return true
	}
	return false
}

// cmsNotBackupMode writes the two errors of a failover run before the new standby is in
// backup mode (the article's scenario 2), in the order the article gives them.
func (c *ctx) cmsNotBackupMode(t int) {
	fq := c.s.x.pools[t].fqdn
	if c.nonFatal("FW-CMS-NOT-BACKUP-MODE", "InvalidOperation", fmt.Sprintf(
		`Cannot fail over the Central Management Server. The new Central Management Store located at "%s" is not in Backup mode.`, fq)) {
		return
	}
	c.fail("FW-CMS-FAILOVER-IN-PROGRESS", "InvalidOperation", fmt.Sprintf(
		"Central Management Server cannot be moved to pool %s because either a previous failover attempt failover or there is already a failover in progress. If the central management server was recently moved to another pool this condition might be caused by a delay in Active Directory Replication", fq))
}

// cmsRestore is Invoke-CsManagementServerFailover -Restore: the store named by the management
// connection (the active pool's) is set active again, and the other store goes back to backup
// mode once the Backup Service has copied it.
func cmsRestore(c *ctx) {
	s := c.s
	st := &s.st
	cp := st.cmsPool
	fq := s.x.pools[cp].fqdn
	if !st.cmsFault.any() {
		c.outf("The Central Management store on pool %s is consistent; there is nothing to restore.", fq)
		return
	}
	if !s.poolStoreUp(cp) {
		c.fail("FW-CMS-UNAVAILABLE", "ResourceUnavailable", fmt.Sprintf(
			`Cannot connect to the Central Management store on pool "%s". The active master does not respond.`, fq))
		return
	}
	if !c.shouldProcess("Invoke-CsManagementServerFailover", "Central Management Server: restore on "+fq, false) {
		return
	}
	start := st.now
	c.step("Restoring the Central Management store on %s as the active master.", s.cmsStore(cp))
	c.wait(DurCMSReplication)
	st.cmsFault.stale, st.cmsFault.blank, st.cmsFault.both, st.cmsFault.noted = -1, false, -1, false
	st.cmsStandbyOK = false
	st.cmsStandbySince = st.now
	s.logf("Central Management store restored: %s is the active master.", fq)
	s.recompute()
	c.res.Changed = true
	c.infof("[%s] Invoke-CsManagementServerFailover -Restore finished in %s: the Central Management store is active on %s.",
		FormatDuration(st.now), FormatDuration(st.now-start), fq)
}
