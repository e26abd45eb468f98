package sim

import (
	"fmt"
	"time"

	"failwright/engine/topology"
)

// edgeNextHopMessage is the documented refusal, double space included (FACTS §17).
func edgeNextHopMessage(pool string) string {
	return `This Front-end pool "` + pool + `" is specified in topology as the next hop for the Edge server. Failing over this pool may cause External access/Federation/Split-domain/XMPP features to stop working. Please use Topology Builder to change the Edge internal next hop setting to point to a different Front-end pool,  before you proceed.`
}

// versionName names a product version in messages: "Skype for Business Server 2015".
func versionName(v topology.Version) string { return v.Name() }

// edgeFor returns the first Edge pool whose next hop is p, or -1.
func (s *Sim) edgeFor(p int) int {
	for e, pi := range s.x.pools {
		if pi.role == topology.Edge && s.st.nextHop[e] == p {
			return e
		}
	}
	return -1
}

// regID is the service-scope identity of pool p's registrar configuration as the failover
// cmdlets write it: 'service:Registrar:<pool>'.
func (s *Sim) regID(p int) string { return "'service:Registrar:" + s.x.pools[p].fqdn + "'" }

// regMissingWarning is the warning Get-CsRegistrarConfiguration writes when a pool has no
// registrar configuration of its own (masteringlync.com, November 2013, a real -Verbose run).
func (s *Sim) regMissingWarning(p int) string {
	return `Cannot find "RegistrarConfiguration" "Registrar:` + s.x.pools[p].fqdn + `" because it does not exist.`
}

// checkRegCfg is the failover's look-up of pool p's registrar configuration, with the
// product's warning when it does not exist. localStore adds -LocalStore:$false, as the first
// look-up of a failover writes it.
func (c *ctx) checkRegCfg(p int, localStore bool) {
	s := c.s
	ls := ""
	if localStore {
		ls = " -LocalStore:$false"
	}
	c.step("Get-CsRegistrarConfiguration -Identity %s%s", s.regID(p), ls)
	if !s.st.regCfg[p] {
		c.warnf("%s", s.regMissingWarning(p))
	}
}

// setPoolState changes a pool's registrar PoolState as the failover and failback cmdlets do:
// New-CsRegistrarConfiguration the first time (the pool has no configuration of its own, so
// the new one carries the default settings), Set-CsRegistrarConfiguration afterwards.
func (c *ctx) setPoolState(p int, ps PoolState) {
	s := c.s
	fq := s.x.pools[p].fqdn
	if !s.st.regCfg[p] {
		c.checkRegCfg(p, false)
		c.step("New-CsRegistrarConfiguration -Identity %s -PoolState %s", s.regID(p), ps)
		s.newRegCfg(p)
	} else {
		c.step("Set-CsRegistrarConfiguration -Identity %s -PoolState %s", s.regID(p), ps)
	}
	s.st.poolState[p] = ps
	s.logf("PoolState of %s is %s.", fq, ps)
	s.recompute()
	c.wait(DurSetState)
}

// steadyStateBackup is Backup-CsPool -SteadyState of the Backup Service direction d: it
// waits for the next sync when changes made since d last caught up are still queued.
func (c *ctx) steadyStateBackup(d int, cmdline string) {
	s := c.s
	st := &s.st
	c.step("%s", cmdline)
	c.step("Attempting to get into steady state.")
	if st.dWorking[d] && s.lastSyncView(d) < st.dSince[d] {
		c.wait(s.nextTick(st.now) - st.now)
	}
}

// replicateTo is the CMS replication the failover and failback cmdlets run to pool p before
// they change its state.
func (c *ctx) replicateTo(p int, polls int) {
	fq := c.s.x.pools[p].fqdn
	c.step("Invoke-CsManagementStoreReplication -ReplicaFqdn %s", fq)
	c.wait(DurCMSReplication)
	for range polls {
		c.step("Get-CsManagementStoreReplicationStatus -ReplicaFqdn %s", fq)
	}
}

// finalAt is when direction d reaches the final state if nothing changes, or never.
func (s *Sim) finalAt(d int, drainEnd time.Duration) time.Duration {
	if !s.st.dWorking[d] {
		return never
	}
	iv := s.st.syncEvery
	t := drainEnd
	if t%iv != 0 {
		t = (t/iv + 1) * iv
	}
	if t < s.st.now {
		t = s.st.now
	}
	// A sync that has not caught up after a resumption needs its first tick.
	if first := s.nextTick(s.st.dSince[d]); t < first && s.st.dSince[d] > s.st.dLastSync[d] {
		t = first
	}
	return t
}

// hydrate loads routing groups of pool p onto pool on, printing one warning per routing
// group. A -DatabaseCommandTimeoutInSeconds shorter than one routing group's load stops it with
// an error; the groups already loaded stay loaded, and running the cmdlet again goes on from
// there. It reports whether hydration finished.
func (c *ctx) hydrate(p, on int, total time.Duration) bool {
	s := c.s
	ids := topology.RoutingGroupIDs(s.x.pools[p].pool)
	if on == p {
		c.step("Sync-CsUserData -PoolFqdn %s", s.x.pools[p].fqdn)
	} else {
		c.step("Sync-CsUserData -PoolFqdn %s -Target", s.x.pools[p].fqdn)
	}
	c.warnf("Hydrating Routing Groups Owned by %s on Pool %s.", s.x.pools[p].fqdn, s.x.pools[on].fqdn)
	if len(ids) == 0 {
		c.wait(total)
		return true
	}
	per := (total / time.Duration(len(ids))).Truncate(time.Second) // whole seconds per routing group
	timeout, hasTimeout := c.cmd.Int("DatabaseCommandTimeoutInSeconds")
	for i := s.st.hydrated[p]; i < len(ids); i++ {
		c.warnf("Hydrating Routing Group {%s}.", ids[i])
		if hasTimeout && time.Duration(timeout)*time.Second < per {
			c.wait(time.Duration(max(timeout, 0)) * time.Second)
			c.fail("FW-DB-TIMEOUT", "OperationTimeout", fmt.Sprintf(
				"Timeout expired while hydrating routing group {%s} on pool \"%s\": the database command did not finish within %d seconds (it needs about %d). %d of %d routing groups are loaded. Run the command again with a larger -DatabaseCommandTimeoutInSeconds; it continues where it stopped.",
				ids[i], s.x.pools[on].fqdn, timeout, int(per/time.Second), i, len(ids)))
			return false
		}
		c.wait(per)
		if on == p && i == s.st.hydrated[p] && c.failbackHydrationFails(p) {
			return false
		}
		s.st.hydrated[p] = i + 1
	}
	s.st.hydrated[p] = 0
	return true
}

func cmdPoolFailOver(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &x.pools[p]
	disaster := c.cmd.Switch("DisasterMode")
	b := c.partnerOrFail(p)
	if b < 0 {
		return
	}
	bi := &x.pools[b]
	if !c.canFailOver(p, b, disaster) {
		return
	}
	if !c.shouldProcess("Invoke-CsPoolFailOver", pi.fqdn, false) {
		return
	}
	start := st.now
	s.decide(p)
	dir := pi.dirOut
	// The real cmdlet's sequence, as a -Verbose run prints it (DESIGN.md, "What the real
	// cmdlet does inside"); disaster mode skips what needs the failed pool.
	c.checkRegCfg(p, true)
	if disaster {
		c.step("Disaster mode: skipping the steady-state backup of %s (the pool may not answer).", pi.fqdn)
		c.step("Invoke-CsManagementStoreReplication")
		c.wait(DurCMSReplication)
	} else {
		c.steadyStateBackup(dir, fmt.Sprintf("Backup-CsPool -PoolFqdn %s -LocalStore:$false -SteadyState -Category UserData", pi.fqdn))
		c.replicateTo(p, 1)
	}
	if st.poolState[p] != StateFailingOver {
		c.setPoolState(p, StateFailingOver)
	} else {
		c.step("PoolState of %s is already FailingOver: resuming the failover.", pi.fqdn)
	}
	lost := time.Duration(0)
	if disaster {
		if c.cmd.Switch("FlushStorageService") {
			c.warnf(`Disaster mode: the storage service of pool "%s" cannot be flushed; -FlushStorageService is ignored.`, pi.fqdn)
		}
		c.step("Disaster mode: skipping the final backup of %s; changes not yet copied to %s are lost.", pi.fqdn, bi.fqdn)
		lost = s.backlog(dir)
	} else {
		var stop bool
		if lost, stop = c.plannedFinalSync(p, b); stop {
			return
		}
	}
	if !c.hydrate(p, b, HydrationTime(pi.version, pi.users, topology.RoutingGroupCount(pi.pool))) {
		return
	}
	if pi.version != topology.Lync2013 {
		if c.cmd.Switch("SkipDataVerification") {
			c.step("Skipping data verification (-SkipDataVerification).")
		} else {
			c.step("Verifying the data of %s on %s.", pi.fqdn, bi.fqdn)
			c.wait(DurVerify)
		}
	}
	c.setPoolState(p, StateFailedOver)
	st.disasterFO[p] = disaster
	st.dataLoss[p], st.dataLossSet[p] = lost, true
	if lost > 0 {
		s.logf("Failover of %s lost the last %s of changes.", pi.fqdn, FormatDuration(lost))
	}
	if st.serving[p] && !disaster {
		c.step("Reset-CsPoolRegistrarState -PoolFqdn %s -ResetType ServiceReset -Force -NoReStart", pi.fqdn)
		c.wait(DurRegistrarReset)
		stop := DurServicesStop
		if m, ok := c.cmd.Int("ServicesStopDelayMins"); ok {
			stop = time.Duration(max(m, 1)) * time.Minute
		}
		for _, fe := range pi.servers {
			c.step("Stop-CsWindowsService -ComputerName %s -LeaveClsAgentRunning -NoWait -Verbose", fe)
		}
		c.wait(stop)
		st.stopped[p] = true
		s.logf("Services of %s stopped.", pi.fqdn)
		s.recompute()
	} else {
		c.step("Disaster mode: skipping the registrar reset and service stop on %s.", pi.fqdn)
	}
	c.res.Changed = true
	c.infof("[%s] Invoke-CsPoolFailOver finished in %s: the users of %s get full service from %s.",
		FormatDuration(st.now), FormatDuration(st.now-start), pi.fqdn, bi.fqdn)
}

// canFailOver checks what Invoke-CsPoolFailOver needs before it asks or changes anything: the
// pools' states, the Edge next hop, the CMS, the versions and that the pools answer. It
// writes the error and returns false when the failover cannot start.
func (c *ctx) canFailOver(p, b int, disaster bool) bool {
	s := c.s
	st := &s.st
	pi, bi := &s.x.pools[p], &s.x.pools[b]
	switch st.poolState[p] {
	case StateFailedOver:
		c.fail("FW-ALREADY-FAILED-OVER", "InvalidOperation", fmt.Sprintf(
			`Pool "%s" is already failed over to "%s" (PoolState FailedOver). Run Invoke-CsPoolFailBack -PoolFqdn %s to bring its users home.`, pi.fqdn, bi.fqdn, pi.fqdn))
		return false
	case StateFailingBack:
		c.fail("FW-FAILBACK-IN-PROGRESS", "InvalidOperation", fmt.Sprintf(
			`Pool "%s" is failing back (PoolState FailingBack). Run Invoke-CsPoolFailBack -PoolFqdn %s again to finish the failback first.`, pi.fqdn, pi.fqdn))
		return false
	}
	if ps := st.poolState[b]; ps != StateActive {
		c.fail("FW-REVERSE-FAILOVER", "InvalidOperation", fmt.Sprintf(
			`Pool "%s" cannot be failed over to "%s": the users of "%s" are failed over to "%s" (PoolState %s). Fail them back first with Invoke-CsPoolFailBack -PoolFqdn %s.`,
			pi.fqdn, bi.fqdn, bi.fqdn, pi.fqdn, ps, bi.fqdn))
		return false
	}
	if s.edgeFor(p) >= 0 {
		c.fail("FW-EDGE-NEXT-HOP", "InvalidOperation", edgeNextHopMessage(pi.fqdn))
		return false
	}
	if disaster && st.cmsPool == p {
		c.fail("FW-CMS-ON-FAILED-POOL", "InvalidOperation", fmt.Sprintf(
			`The Central Management store is hosted on pool "%s", the pool being failed over. Fail over the Central Management Server to "%s" with Invoke-CsManagementServerFailover first, then run this command again.`, pi.fqdn, bi.fqdn))
		return false
	}
	if !c.requireCMS() {
		return false
	}
	if disaster && pi.version.Behaves() != bi.version.Behaves() {
		c.fail("FW-MIXED-VERSION", "InvalidOperation", fmt.Sprintf(
			`Disaster-mode failover is not supported between pools that run different product versions: "%s" runs %s and its backup pool "%s" runs %s.`,
			pi.fqdn, versionName(pi.version), bi.fqdn, versionName(bi.version)))
		return false
	}
	if !st.serving[b] {
		c.fail("FW-BACKUP-POOL-DOWN", "ResourceUnavailable", fmt.Sprintf(
			`The backup pool "%s" is not available (%s). Its users cannot be served there; bring it back before failing "%s" over.`, bi.fqdn, s.downReason(b), pi.fqdn))
		return false
	}
	if !disaster && !st.serving[p] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(
			`Pool "%s" cannot be reached (%s). A planned failover needs the pool to answer; to fail over a pool that is down, use -DisasterMode.`, pi.fqdn, s.downReason(p)))
		return false
	}
	return true
}

// plannedFinalSync is the planned failover's last copy of pool p's data to its backup pool
// b: the pool turns read-only, its storage service drains (or is flushed), and the cmdlet
// waits up to -WaitTime for the Backup Service's final state. It returns the window of
// changes lost when the final state did not come, and whether the cmdlet must stop.
func (c *ctx) plannedFinalSync(p, b int) (lost time.Duration, stop bool) {
	s := c.s
	st := &s.st
	pi, bi := &s.x.pools[p], &s.x.pools[b]
	dir := pi.dirOut
	// The pool turns read-only. Without a flush its storage service keeps writing queued
	// data for up to one sync interval; a flush writes it out at once.
	if !st.readOnly[p] {
		st.readOnly[p] = true
		drain := st.now + st.syncEvery
		if c.cmd.Switch("FlushStorageService") {
			for _, fe := range pi.servers {
				c.step("Invoke-CsStorageServiceFlush -PoolFqdn %s -HostNameStorageService %s -FlushType FullFlush", pi.fqdn, fe)
			}
			c.wait(DurFlush)
			drain = st.now
		}
		st.dProdStop[dir] = drain
	}
	c.step("Backup-CsPool -PoolFqdn %s -LocalStore:$false -FullBackup -Category UserData", pi.fqdn)
	c.step("Attempting to get into final state.")
	wt, ok := c.cmd.TimeSpan("WaitTime")
	if !ok {
		wt = DefaultFailoverWait
	}
	fin := s.finalAt(dir, st.dProdStop[dir])
	if fin != never && fin-st.now <= wt {
		c.wait(fin - st.now)
		s.forceSync(dir)
	} else {
		c.wait(wt)
		lost = s.backlog(dir)
		if lost == 0 {
			lost = st.syncEvery
		}
		if c.nonFatal("FW-FINAL-STATE-TIMEOUT", "OperationTimeout", fmt.Sprintf(
			`The Backup Service did not reach the final state for pool "%s" within %s (state %s). Continuing as if the data were synchronized: changes from the last %s are not on "%s".`,
			pi.fqdn, FormatDuration(wt), s.backupState(dir), FormatDuration(lost), bi.fqdn)) {
			return lost, true
		}
	}
	return lost, false
}

func cmdPoolFailBack(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &x.pools[p]
	disaster := c.cmd.Switch("DisasterMode")
	b := c.failBackable(p, disaster)
	if b < 0 || !c.shouldProcess("Invoke-CsPoolFailBack", pi.fqdn, false) {
		return
	}
	bi := &x.pools[b]
	start := st.now
	back := x.pools[b].dirOut
	if st.poolState[p] == StateFailedOver {
		// The real order (DESIGN.md): the home pool's Front End service stays stopped while
		// its Backup Service and replica come up, take the configuration and the data, and
		// only then does RTCSRV start and the PoolState turn FailingBack.
		for _, fe := range pi.servers {
			c.step("Get-CsWindowsService -Name 'RTCSRV' -ComputerName '%s'", fe)
			c.step("Stop-CsWindowsService -LeaveClsAgentRunning -Name RTCSRV -ComputerName %s -NoWait -Verbose", fe)
		}
		for _, fe := range pi.servers {
			c.step("Start-CsWindowsService -Name LYNCBACKUP -ComputerName %s -Verbose", fe)
			c.step("Start-CsWindowsService -Name REPLICA -ComputerName %s -Verbose", fe)
		}
		wasStopped := st.stopped[p]
		if wasStopped {
			st.stopped[p] = false
			s.logf("Services of %s started.", pi.fqdn)
			s.recompute()
		}
		c.replicateTo(p, 1)
		wt, ok := c.cmd.TimeSpan("WaitTime")
		if !ok {
			wt = DefaultFailbackWait
		}
		c.wait(wt)
		c.step("Get-CsManagementStoreReplicationStatus -ReplicaFqdn %s", pi.fqdn)
		if !disaster {
			c.steadyStateBackup(back, fmt.Sprintf("Backup-CsPool -PoolFqdn %s -LocalStore:$false -SteadyState -Category UserData -FailedOverPoolOnly", bi.fqdn))
		}
		for _, fe := range pi.servers {
			c.step("Get-CsWindowsService -Name 'RTCSRV' -ComputerName '%s'", fe)
			c.step("Start-CsWindowsService -Name RTCSRV -ComputerName %s -NoWait -Verbose", fe)
		}
		if wasStopped {
			// A pool whose services the failover stopped takes this long to come up; RTCSRV
			// is started with -NoWait otherwise.
			c.wait(DurServicesStart)
		}
		st.fbPhase[p] = fbOnBackup
		c.setPoolState(p, StateFailingBack)
		if disaster {
			lost := s.backlog(back)
			c.warnf(`Disaster mode: the backup pool "%s" is skipped; changes the users of "%s" made there in the last %s are lost.`, bi.fqdn, pi.fqdn, FormatDuration(lost))
			if lost > st.dataLoss[p] || !st.dataLossSet[p] {
				st.dataLoss[p], st.dataLossSet[p] = max(lost, st.dataLoss[p]), true
			}
			s.logf("Failback of %s lost the last %s of changes made on %s.", pi.fqdn, FormatDuration(lost), bi.fqdn)
		} else {
			c.step("Backup-CsPool -PoolFqdn %s -LocalStore:$false -FullBackup -Category UserData -FailedOverPoolOnly", bi.fqdn)
			c.step("Attempting to get into final state.")
			if fin := s.finalAt(back, st.now); fin != never {
				c.wait(fin - st.now)
				s.forceSync(back)
			}
		}
	} else {
		c.step("PoolState of %s is already FailingBack: resuming the failback.", pi.fqdn)
	}
	st.fbPhase[p] = fbHydrating
	s.recompute()
	if !c.hydrate(p, p, FailbackTime(pi.users, topology.RoutingGroupCount(pi.pool))) {
		return
	}
	if pi.version != topology.Lync2013 {
		if c.cmd.Switch("SkipDataVerification") {
			c.step("Skipping data verification (-SkipDataVerification).")
		} else {
			c.step("Verifying the data of %s on %s.", pi.fqdn, pi.fqdn)
			c.wait(DurVerify)
		}
	}
	st.fbPhase[p] = fbNone
	st.readOnly[p] = false
	c.setPoolState(p, StateActive)
	c.res.Changed = true
	if st.disasterFO[p] {
		// After a whole-pool failure the conference content the users created on the backup
		// pool is not copied back by the failback (FACTS §6).
		st.disasterFO[p] = false
		st.dConfPending[back] = true
		s.logf("Conference content of the users of %s is still on %s.", pi.fqdn, bi.fqdn)
		c.warnf(`The conference content (ConfServices.DataConf) the users of "%s" created on "%s" is not copied back by the failback. Run Invoke-CsBackupServiceSync -PoolFqdn %s -BackupModule ConfServices.DataConf.`, pi.fqdn, bi.fqdn, bi.fqdn)
	}
	c.infof("[%s] Invoke-CsPoolFailBack finished in %s: the users of %s are home.",
		FormatDuration(st.now), FormatDuration(st.now-start), pi.fqdn)
}

// failBackable checks that pool p can be failed back (in disaster mode or not) and returns its
// backup pool, or writes the error the cmdlet gives and returns -1.
func (c *ctx) failBackable(p int, disaster bool) int {
	s := c.s
	st := &s.st
	pi := &s.x.pools[p]
	b := c.partnerOrFail(p)
	if b < 0 {
		return -1
	}
	bi := &s.x.pools[b]
	if st.poolState[p] == StateActive || st.poolState[p] == StateFailingOver {
		msg := fmt.Sprintf(`Pool "%s" is not failed over (PoolState %s): there is nothing to fail back.`, pi.fqdn, st.poolState[p])
		if st.poolState[b] == StateFailedOver {
			msg += fmt.Sprintf(` Its backup pool's users are failed over to it: run Invoke-CsPoolFailBack -PoolFqdn %s for them.`, bi.fqdn)
		}
		c.fail("FW-NOT-FAILED-OVER", "InvalidOperation", msg)
		return -1
	}
	if !c.requireCMS() {
		return -1
	}
	if st.health[p] == HealthDown {
		c.fail("FW-HOME-POOL-DOWN", "ResourceUnavailable", fmt.Sprintf(
			`Pool "%s" is still down (%s). Repair it before failing its users back.`, pi.fqdn, s.downReason(p)))
		return -1
	}
	if !disaster && !st.serving[b] {
		c.fail("FW-BACKUP-POOL-DOWN-FAILBACK", "ResourceUnavailable", fmt.Sprintf(
			`The backup pool "%s" is not available (%s). To fail back without it, use -DisasterMode: the changes the users of "%s" made there since its last sync are lost.`, bi.fqdn, s.downReason(b), pi.fqdn))
		return -1
	}
	return b
}

// downReason says in a few words why pool p does not serve.
func (s *Sim) downReason(p int) string {
	pi := &s.x.pools[p]
	st := &s.st
	switch {
	case !st.siteUp[pi.site]:
		return "site " + s.x.sites[pi.site].name + " is down"
	case st.stopped[p]:
		return "its services are stopped"
	case s.runningServers(p) == 0:
		return "none of its servers runs"
	case pi.role.IsFrontEnd() && !s.backEndUsable(p):
		return "its back end is down"
	case st.latched[p]:
		return fmt.Sprintf("it lost quorum: %d of %d servers run", s.runningServers(p), len(pi.servers))
	}
	return "health " + string(st.health[p])
}
