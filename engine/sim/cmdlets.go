package sim

import (
	"fmt"
	"strings"
	"time"

	"failwright/engine/quorum"
	"failwright/engine/shell"
	"failwright/engine/topology"
)

// handlers maps canonical cmdlet names to their behaviour.
var handlers map[string]func(*ctx)

func init() {
	handlers = map[string]func(*ctx){
		"Invoke-CsPoolFailOver":                  cmdPoolFailOver,
		"Invoke-CsPoolFailBack":                  cmdPoolFailBack,
		"Invoke-CsManagementServerFailover":      cmdCMSFailover,
		"Get-CsPoolBackupRelationship":           cmdBackupRelationship,
		"Get-CsBackupServiceStatus":              cmdBackupStatus,
		"Invoke-CsBackupServiceSync":             cmdBackupSync,
		"Backup-CsPool":                          cmdBackupPool,
		"Sync-CsUserData":                        cmdSyncUserData,
		"Get-CsManagementStoreReplicationStatus": cmdReplicationStatus,
		"Get-CsDatabaseMirrorState":              cmdMirrorState,
		"Get-CsPoolFabricState":                  cmdFabricState,
		"Get-CsUserPoolInfo":                     cmdUserPoolInfo,
		"Invoke-CsStorageServiceFlush":           cmdStorageFlush,
		"Set-CsEdgeServer":                       cmdSetEdgeServer,
		"Reset-CsPoolRegistrarState":             cmdResetRegistrar,
		"Set-CsRegistrar":                        cmdSetRegistrar,
		"Get-CsRegistrarConfiguration":           cmdGetRegistrarConfig,
		"Set-CsRegistrarConfiguration":           cmdSetRegistrarConfig,
		"New-CsRegistrarConfiguration":           cmdNewRegistrarConfig,
		"Get-CsPool":                             cmdGetPool,
		"Get-CsService":                          cmdGetService,
		"Start-CsPool":                           cmdStartPool,
		"Get-Help":                               cmdHelp,
		"Get-CsBackupServiceConfiguration":       cmdGetBackupConfig,
		"Set-CsBackupServiceConfiguration":       cmdSetBackupConfig,
		"Invoke-CsComputerFailOver":              cmdComputerFailOver,
		"Invoke-CsComputerFailBack":              cmdComputerFailBack,
		"Get-CsComputer":                         cmdGetComputer,
		"Get-Command":                            cmdGetCommand,
		"Invoke-CsDatabaseFailover":              cmdDatabaseFailover,
		"Invoke-CsRgsStoreReplicateData":         cmdRgsReplicate,
		"Get-CsTopology":                         cmdGetTopology,
		"Get-CsUser":                             cmdGetUser,
	}
	for _, m := range []map[string]func(*ctx){simVerbs, partVerbs, recoveryHandlers, syntheticHandlers} {
		for k, v := range m {
			handlers[k] = v
		}
	}
}

// partnerOrFail returns pool p's backup pool, writing the no-backup error when there is none.
func (c *ctx) partnerOrFail(p int) int {
	b := c.s.x.pools[p].partner
	if b < 0 {
		c.fail("FW-NO-BACKUP-POOL", "InvalidOperation", fmt.Sprintf(
			`Pool "%s" has no backup pool. A pool can be failed over only to the backup pool assigned to it in Topology Builder; assign one and publish the topology first.`, c.s.x.pools[p].fqdn))
	}
	return b
}

func cmdBackupRelationship(c *ctx) {
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	b := c.s.x.pools[p].partner
	if b < 0 {
		c.warnf(`Pool "%s" has no backup pool.`, c.s.x.pools[p].fqdn)
		return
	}
	c.list([]kv{{"PoolFqdn", c.s.x.pools[p].fqdn}, {"BackupPoolFqdn", c.s.x.pools[b].fqdn}})
}

// moduleStates returns the backup modules of direction d for a category ("" for all), each
// with its export and import state.
func (c *ctx) moduleStates(p, d int, category string) [][3]string {
	s := c.s
	exp := string(s.backupState(d))
	imp := "NormalState"
	if !s.st.serving[s.x.dirs[d].to] {
		imp = "ErrorState"
	}
	var out [][3]string
	if category == "" || strings.EqualFold(category, "UserData") {
		conf := exp
		if s.st.dConfPending[d] && exp != string(BackupError) {
			conf = string(BackupNonSteady)
		}
		out = append(out, [3]string{"UserServices.PresenceFocus", exp, imp}, [3]string{"ConfServices.DataConf", conf, imp})
	}
	if category == "" || strings.EqualFold(category, "CMS") {
		cmsExp := string(BackupNotInitialized)
		if s.st.cmsPool == p {
			cmsExp = exp
		}
		out = append(out, [3]string{"CentralMgmt.CMSMaster", cmsExp, imp})
	}
	if (category == "" || strings.EqualFold(category, "RGS")) && s.x.pools[p].version.Behaves() == topology.SfB2019 {
		// Response Group data is backed up only once the service is enabled and the pool's
		// existing data was put in the backup tables (FACTS §10); until then NotInitialized.
		rgs := string(BackupNotInitialized)
		if s.st.bcfg.rgs && s.st.rgsInit[p] {
			rgs = exp
		}
		out = append(out, [3]string{"ApplicationServer.RGSDataStore", rgs, imp},
			[3]string{"ApplicationServer.RGSFileStore", rgs, imp})
	}
	return out
}

func cmdBackupStatus(c *ctx) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	if c.partnerOrFail(p) < 0 {
		return
	}
	d := s.x.pools[p].dirOut
	mods := c.moduleStates(p, d, c.cmd.Str("Category"))
	if len(mods) == 0 {
		c.warnf(`Pool "%s" runs %s: Response Group data is backed up by the Backup Service only on Skype for Business Server 2019 (with the July 2019 cumulative update). Use Export-CsRgsConfiguration.`, s.x.pools[p].fqdn, versionName(s.x.pools[p].version))
		return
	}
	var names []string
	overall := string(s.backupState(d))
	for _, m := range mods {
		names = append(names, m[0])
		if m[1] == string(BackupNonSteady) && (overall == string(BackupSteady) || overall == string(BackupFinal)) {
			overall = m[1] // a module behind holds the whole pool back
		}
	}
	c.list([]kv{
		{"PoolFqdn", s.x.pools[p].fqdn},
		{"BackupPoolFqdn", s.x.pools[s.x.pools[p].partner].fqdn},
		{"OverallExportStatus", overall},
		{"OverallImportStatus", mods[0][2]},
		{"LastSyncTime", dateText(s.lastSyncView(d))},
		{"Backlog", FormatDuration(s.backlog(d))},
		{"BackupModules", set(names...)},
	})
	var objs [][]kv
	for _, m := range mods {
		objs = append(objs, []kv{{"Identity", m[0]}, {"ExportStatus", m[1]}, {"ImportStatus", m[2]}})
	}
	c.list(objs...)
}

func cmdBackupSync(c *ctx) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 || c.partnerOrFail(p) < 0 {
		return
	}
	d := s.x.pools[p].dirOut
	b := s.x.pools[p].partner
	mod := fullModule(c.cmd.Str("BackupModule"))
	if strings.HasPrefix(mod, "ApplicationServer.") && (!s.st.bcfg.rgs || s.x.pools[p].version.Behaves() != topology.SfB2019) {
		why := "Response Group data is backed up by the Backup Service only on Skype for Business Server 2019 with the July 2019 cumulative update"
		if s.x.pools[p].version.Behaves() == topology.SfB2019 {
			why = "the Backup Service does not copy Response Group data until Set-CsBackupServiceConfiguration -EnableRgsBackupService $true"
		}
		c.fail("FW-RGS-BACKUP-OFF", "InvalidOperation", fmt.Sprintf(`Cannot synchronize %s of pool "%s": %s.`, mod, s.x.pools[p].fqdn, why))
		return
	}
	if strings.HasPrefix(mod, "ApplicationServer.") && !s.st.rgsInit[p] {
		c.fail("FW-RGS-BACKUP-OFF", "InvalidOperation", fmt.Sprintf(`Cannot synchronize %s of pool "%s": its Response Group data is not in the backup tables yet. Run Invoke-CsRgsStoreReplicateData -PoolFqdn %s first.`, mod, s.x.pools[p].fqdn, s.x.pools[p].fqdn))
		return
	}
	c.step("Synchronizing %s of %s to %s.", mod, s.x.pools[p].fqdn, s.x.pools[b].fqdn)
	if !s.st.dWorking[d] {
		c.nonFatal("FW-SYNC-FAILED", "ResourceUnavailable", fmt.Sprintf(
			`Cannot synchronize pool "%s" with "%s": %s.`, s.x.pools[p].fqdn, s.x.pools[b].fqdn, s.syncBlocker(d)))
		return
	}
	c.wait(DurCMSReplication)
	if mod == "All" || mod == "ConfServices.DataConf" {
		if s.st.dConfPending[d] {
			s.st.dConfPending[d] = false
			s.logf("Conference content copied from %s back to %s.", s.x.pools[p].fqdn, s.x.pools[b].fqdn)
		}
	}
	if mod == "ConfServices.DataConf" || strings.HasPrefix(mod, "ApplicationServer.") {
		// One module only: the other modules keep their own schedule.
		c.res.Changed = true
		c.step("Module %s of %s is in %s.", mod, s.x.pools[p].fqdn, s.backupState(d))
		return
	}
	s.forceSync(d)
	c.res.Changed = true
	c.step("The Backup Service of %s is in %s.", s.x.pools[p].fqdn, s.backupState(d))
}

// syncBlocker says why direction d does not replicate.
func (s *Sim) syncBlocker(d int) string {
	di := s.x.dirs[d]
	a, b := &s.x.pools[di.from], &s.x.pools[di.to]
	switch {
	case !s.st.serving[di.from]:
		return fmt.Sprintf("pool %s is not available (%s)", a.fqdn, s.downReason(di.from))
	case !s.st.serving[di.to]:
		return fmt.Sprintf("pool %s is not available (%s)", b.fqdn, s.downReason(di.to))
	case !s.linkOK(a.site, b.site):
		return fmt.Sprintf("the link between sites %s and %s is down", s.x.sites[a.site].name, s.x.sites[b.site].name)
	}
	return "the Backup Service is not running"
}

func cmdBackupPool(c *ctx) {
	s := c.s
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 || c.partnerOrFail(p) < 0 {
		return
	}
	full, steady := c.cmd.Switch("FullBackup"), c.cmd.Switch("SteadyState")
	if full && steady {
		c.fail("FW-BACKUP-MODE-CONFLICT", "InvalidArgument", "-FullBackup and -SteadyState cannot be used together.")
		return
	}
	if c.cmd.Switch("FailedOverPoolOnly") && !full {
		c.fail("FW-BACKUP-MODE-CONFLICT", "InvalidArgument", "-FailedOverPoolOnly can be used only with -FullBackup.")
		return
	}
	d := s.x.pools[p].dirOut
	fq := s.x.pools[p].fqdn
	if !c.shouldProcess("Backup-CsPool", fq, false) {
		return
	}
	wt, ok := c.cmd.TimeSpan("WaitTime")
	if !ok {
		wt = time.Minute
	}
	retries, ok := c.cmd.Int("RetryCount")
	if !ok || retries < 1 {
		retries = 1
	}
	limit := wt * time.Duration(retries)
	target := never
	switch {
	case !st.dWorking[d]:
	case full:
		if st.dProdStop[d] != never {
			target = s.finalAt(d, st.dProdStop[d])
		}
	case steady:
		target = st.now
		if s.lastSyncView(d) < st.dSince[d] {
			target = s.nextTick(st.now)
		}
	default:
		target = st.now + DurCMSReplication
	}
	want := "steady state"
	if full {
		want = "final state"
	}
	if target == never || target-st.now > limit {
		c.wait(limit)
		why := s.syncBlocker(d)
		if st.dWorking[d] && full {
			why = "the pool still writes changes; the final state is reached only while it is read-only, during a failover or failback"
		}
		c.nonFatal("FW-BACKUP-TIMEOUT", "OperationTimeout", fmt.Sprintf(
			`The Backup Service of pool "%s" did not reach the %s after %d attempt(s) of %s: %s.`, fq, want, retries, FormatDuration(wt), why))
		return
	}
	c.wait(target - st.now)
	if !steady {
		s.forceSync(d)
	}
	c.res.Changed = true
	c.step("The Backup Service of %s is in %s.", fq, s.backupState(d))
}

func cmdSyncUserData(c *ctx) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	on := p
	if c.cmd.Switch("Target") {
		if on = c.partnerOrFail(p); on < 0 {
			return
		}
	}
	if !s.st.serving[on] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, s.x.pools[on].fqdn, s.downReason(on)))
		return
	}
	ids := topology.RoutingGroupIDs(s.x.pools[p].pool)
	if rg := c.cmd.Str("RoutingGroup"); rg != "" {
		var keep []string
		for _, id := range ids {
			if strings.EqualFold(strings.Trim(rg, "{}"), id) {
				keep = append(keep, id)
			}
		}
		if len(keep) == 0 {
			c.fail("FW-ROUTING-GROUP-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Routing group "%s" does not belong to pool "%s".`, rg, s.x.pools[p].fqdn))
			return
		}
		ids = keep
	}
	c.outf("Hydrating Routing Groups Owned by %s on Pool %s.", s.x.pools[p].fqdn, s.x.pools[on].fqdn)
	all := topology.RoutingGroupCount(s.x.pools[p].pool)
	per := (HydrationTime(s.x.pools[p].version, s.x.pools[p].users, all) / time.Duration(max(all, 1))).Truncate(time.Second)
	for _, id := range ids {
		c.warnf("Hydrating Routing Group {%s}.", id)
		c.wait(per)
	}
}

// databases are the database names Get-CsDatabaseMirrorState reports per -DatabaseType.
var databases = map[string][]string{
	"centralmgmt": {"xds", "lis"},
	"cms":         {"xds", "lis"},
	"user":        {"rtcxds", "rtcshared", "rtcab"},
	"application": {"rgsconfig", "rgsdyn", "cpsdyn"},
	"app":         {"rgsconfig", "rgsdyn", "cpsdyn"},
}

func cmdMirrorState(c *ctx) {
	s := c.s
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	types := []string{"centralmgmt", "user", "application"}
	if t := c.cmd.Str("DatabaseType"); t != "" {
		types = []string{strings.ToLower(t)}
	}
	var objs [][]kv
	for _, t := range types {
		dbs, ok := databases[t]
		if !ok {
			continue
		}
		if t == "centralmgmt" || t == "cms" {
			if cp := st.cmsPool; cp < 0 || (cp != p && s.x.pools[cp].partner != p) {
				continue
			}
		}
		for _, db := range dbs {
			if !pi.hasMirror {
				objs = append(objs, []kv{{"DatabaseName", db}, {"StateOnPrimary", "DatabaseInaccessibleOrMirroringNotEnabled"},
					{"StateOnMirror", "DatabaseInaccessibleOrMirroringNotEnabled"}, {"MirroringStatusOnPrimary", ""}, {"MirroringStatusOnSecondary", ""}})
				continue
			}
			prim, mirr := "Principal", "Mirror"
			if st.onMirror[p] {
				prim, mirr = "Mirror", "Principal"
			}
			ms := "synchronized"
			if !st.beUp[p] {
				prim, ms = "DatabaseInaccessibleOrMirroringNotEnabled", "disconnected"
			}
			if !st.mirrorUp[p] {
				mirr, ms = "DatabaseInaccessibleOrMirroringNotEnabled", "disconnected"
			}
			objs = append(objs, []kv{{"DatabaseName", db}, {"StateOnPrimary", prim}, {"StateOnMirror", mirr},
				{"MirroringStatusOnPrimary", ms}, {"MirroringStatusOnSecondary", ms}})
		}
	}
	c.list(objs...)
}

// replicas returns the servers (positions in the pool) holding routing group i's replicas,
// primary first: up to three servers among those Windows Fabric placed replicas on at the pool's
// last start, placed by quorum.Replicas from the run's seed, the formula the failure analysis
// uses too, so that every run places them the same.
func (s *Sim) replicas(p, i int) []int {
	pi := &s.x.pools[p]
	placed := s.st.placed[pi.serverOff : pi.serverOff+len(pi.servers)]
	return quorum.Replicas(make([]int, 0, quorum.ReplicasPerGroup), s.st.seed, i, placed)
}

// fabricHost is the pool whose Windows Fabric hosts pool q's routing groups now: its backup
// pool while its users are failed over there (and, during a failback, until the home pool
// hydrates them), q itself otherwise.
func (s *Sim) fabricHost(q int) int {
	st := &s.st
	b := s.x.pools[q].partner
	if b >= 0 && (st.poolState[q] == StateFailedOver || st.poolState[q] == StateFailingBack && st.fbPhase[q] == fbOnBackup) {
		return b
	}
	return q
}

// cmdFabricState is Get-CsPoolFabricState: the Routing service's replicas of a pool's routing
// groups, and on a backup pool those of the routing groups it took over in a failover.
func cmdFabricState(c *ctx) {
	s := c.s
	only := ""
	p := -1
	switch {
	case c.cmd.Has("PoolFqdn"):
		if p = c.frontEnd("PoolFqdn"); p < 0 {
			return
		}
	case c.cmd.Has("RoutingGroup"):
		only = strings.ToUpper(strings.Trim(c.cmd.Str("RoutingGroup"), "{} "))
		for q := range s.x.pools {
			for _, id := range topology.RoutingGroupIDs(s.x.pools[q].pool) {
				if id == only {
					p = q
				}
			}
		}
		if p < 0 {
			c.fail("FW-ROUTING-GROUP-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Routing group "%s" does not belong to any pool.`, c.cmd.Str("RoutingGroup")))
			return
		}
	case c.cmd.Has("UserUri"):
		q, ok := s.x.userByURI[strings.TrimPrefix(lower(c.cmd.Str("UserUri")), "sip:")]
		if !ok {
			c.fail("FW-USER-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Management object not found for identity "%s". failwright knows the sample users listed in the topology.`, c.cmd.Str("UserUri")))
			return
		}
		p = q
		if ids := topology.RoutingGroupIDs(s.x.pools[q].pool); len(ids) > 0 {
			only = ids[0]
		}
	default:
		c.fail("FW-NOT-MODELLED", "NotImplemented", "The simulator models Get-CsPoolFabricState for -PoolFqdn, -RoutingGroup and -UserUri; an on-premises pool has no tenants.")
		return
	}
	// A routing group (or a user's) taken over by the backup pool is reported from there.
	owner := p
	if only != "" {
		p = s.fabricHost(owner)
	}
	pi := &s.x.pools[p]
	if !s.st.serving[p] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s): Windows Fabric does not answer.`, pi.fqdn, s.downReason(p)))
		return
	}
	if t := lower(c.cmd.Str("Type")); t != "" && t != "all" && t != "routing" {
		c.infof("failwright models the Routing service's replicas only: no %s replica is reported.", c.cmd.Str("Type"))
		return
	}
	up := s.serversOf(p)
	c.infof("Pool: %s (%d of %d Front End servers running, quorum %s)", pi.fqdn, s.runningServers(p), len(up), quorum.MinRunning(len(up), pi.version))
	if only != "" {
		if owner != p {
			c.infof("Routing groups of %s, failed over to %s:", s.x.pools[owner].fqdn, pi.fqdn)
		}
		s.fabricGroups(c, owner, p, only)
		return
	}
	groups := 0
	missing := 0
	if s.fabricHost(p) == p {
		groups = len(topology.RoutingGroupIDs(pi.pool))
		missing = s.fabricGroups(c, p, p, "")
	}
	// The backup pool hosts the routing groups of the pools failed over to it.
	for q := range s.x.pools {
		if q != p && s.x.pools[q].partner == p && s.fabricHost(q) == p {
			c.infof("Routing groups of %s, failed over to %s:", s.x.pools[q].fqdn, pi.fqdn)
			groups += len(topology.RoutingGroupIDs(s.x.pools[q].pool))
			missing += s.fabricGroups(c, q, p, "")
		}
	}
	c.infof("Routing groups: %d; missing replicas: %d", groups, missing)
}

// fabricGroups prints the Windows Fabric state of pool owner's routing groups hosted on pool
// host (the owner itself, or its backup pool after a failover) and returns the replicas
// missing. A group short of replicas prints what Get-CsPoolFabricState prints for it: "has no
// primaries" when none runs, "has insufficient secondary replicas (Expected: 2, Current: N)"
// when fewer than two secondaries run; each group's replicas follow as an information line.
// On the backup pool the simulator places them as on the home pool, on the host's servers.
func (s *Sim) fabricGroups(c *ctx, owner, host int, only string) int {
	hi := &s.x.pools[host]
	up := s.serversOf(host)
	missing := 0
	for i, id := range topology.RoutingGroupIDs(s.x.pools[owner].pool) {
		if only != "" && id != only {
			continue
		}
		var alive []string
		for _, r := range s.replicas(host, i) {
			if up[r] {
				alive = append(alive, hi.servers[r])
			}
		}
		want := min(3, len(up))
		svc := "fabric:/lync/routing/" + strings.ToLower(id)
		if len(alive) == 0 {
			c.outf("Service: (P) %s has no primaries.", svc)
		}
		if want == 3 && len(alive) < 3 {
			c.outf("Service: (P) %s has insufficient secondary replicas (Expected: 2, Current: %d)", svc, max(len(alive)-1, 0))
		}
		missing += want - len(alive)
		switch {
		case len(alive) == 0:
			c.infof("Routing group {%s}: no replica running (quorum loss)", id)
		default:
			line := fmt.Sprintf("Routing group {%s}: Primary %s", id, alive[0])
			if len(alive) > 1 {
				line += "; Secondaries " + strings.Join(alive[1:], ", ")
			}
			if m := want - len(alive); m > 0 {
				line += fmt.Sprintf("; missing replicas %d", m)
			}
			if want == 3 && len(alive) < 2 {
				line += " (quorum loss)"
			}
			c.infof("%s", line)
		}
	}
	return missing
}

func cmdUserPoolInfo(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	id := c.cmd.Str("Identity")
	key := strings.TrimPrefix(lower(id), "sip:")
	p, ok := s.userHome(key)
	if !ok {
		c.notFound("FW-USER-NOT-FOUND", fmt.Sprintf(`Management object not found for identity "%s". failwright knows the sample users listed in the topology.`, id))
		return
	}
	pi := &x.pools[p]
	order := func(q int) []string {
		var out []string
		for i, sv := range x.pools[q].servers {
			if st.serverUp[x.pools[q].serverOff+i] {
				out = append(out, sv)
			}
		}
		for i, sv := range x.pools[q].servers {
			if !st.serverUp[x.pools[q].serverOff+i] {
				out = append(out, sv)
			}
		}
		return out
	}
	prim := order(p)
	props := []kv{
		{"Identity", "sip:" + key},
		{"PrimaryPoolFqdn", pi.fqdn},
	}
	b := pi.partner
	if b >= 0 {
		props = append(props, kv{"BackupPoolFqdn", x.pools[b].fqdn})
	}
	props = append(props, kv{"UserServicesPoolFqdn", pi.fqdn}, kv{"PrimaryPoolMachinesInPreferredOrder", set(prim...)})
	if b >= 0 {
		props = append(props, kv{"BackupPoolMachinesInPreferredOrder", set(order(b)...)})
	}
	props = append(props, kv{"PrimaryPoolPrimaryRegistrar", firstOf(prim)})
	if b >= 0 {
		props = append(props, kv{"BackupPoolPrimaryRegistrar", firstOf(order(b))})
	}
	c.list(props)
	c.infof("Now: %s%s.", modeText(st.mode[p]), s.servedText(st.servedBy[p]))
}

func firstOf(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

func cmdStorageFlush(c *ctx) {
	s := c.s
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	if !st.serving[p] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, s.x.pools[p].fqdn, s.downReason(p)))
		return
	}
	full := strings.EqualFold(c.cmd.Str("FlushType"), "FullFlush")
	for _, fe := range s.x.pools[p].servers {
		c.step("Flushing the storage service on %s (%s).", fe, c.cmd.Str("FlushType"))
	}
	if full {
		c.wait(DurFlush)
	} else {
		c.wait(DurFlush / 2)
	}
	if d := s.x.pools[p].dirOut; d >= 0 && st.readOnly[p] && st.dProdStop[d] > st.now {
		st.dProdStop[d] = st.now
	}
	c.res.Changed = true
}

func cmdSetEdgeServer(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	id := c.cmd.Str("Identity")
	e := x.findPool(id)
	if e < 0 || x.pools[e].role != topology.Edge {
		c.fail("FW-NOT-EDGE", "ObjectNotFound", fmt.Sprintf(`Cannot find Edge server "%s". Use the Edge pool's service identity, for example EdgeServer:%s.`, id, firstEdge(x)))
		return
	}
	if !c.cmd.Has("Registrar") {
		c.outf("")
		return
	}
	r := x.findPool(c.cmd.Str("Registrar"))
	if r < 0 || !(x.isFE(r) || x.pools[r].role == topology.Director) {
		c.fail("FW-POOL-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find registrar "%s": the next hop must be a Front End or Director pool, for example Registrar:%s.`, c.cmd.Str("Registrar"), firstFE(x)))
		return
	}
	if !c.requireCMS() {
		return
	}
	if st.nextHop[e] == r {
		c.warnf(`The internal next hop of Edge pool "%s" is already %s: nothing changes.`, x.pools[e].fqdn, x.pools[r].fqdn)
		return
	}
	if !c.shouldProcess("Set-CsEdgeServer", "EdgeServer:"+x.pools[e].fqdn, false) {
		return
	}
	old := "none"
	if h := st.nextHop[e]; h >= 0 {
		old = x.pools[h].fqdn
	}
	c.step("The internal next hop of %s is now %s (was %s).", x.pools[e].fqdn, x.pools[r].fqdn, old)
	if x.pools[r].site == x.pools[e].site {
		// FACTS §5 step 0: Set-CsEdgeServer is the procedure for a next hop in another site.
		c.infof("In the product, a next hop in the Edge pool's own site (%s) is set in Topology Builder (Edit Properties, Next Hop) and published; the simulator accepts Set-CsEdgeServer for it.", x.sites[x.pools[e].site].name)
	}
	st.nextHop[e] = r
	s.logf("Edge pool %s: internal next hop %s -> %s.", x.pools[e].fqdn, old, x.pools[r].fqdn)
	// Like every Set- cmdlet it prints nothing; what follows (the Edge pool reaching a working
	// next hop again) is in the event log and Get-SimState.
	s.recompute()
	c.res.Changed = true
}

func firstEdge(x *index) string {
	for _, p := range x.pools {
		if p.role == topology.Edge {
			return p.fqdn
		}
	}
	return "edge-pool-fqdn"
}

func firstFE(x *index) string {
	for _, p := range x.pools {
		if p.role.IsFrontEnd() {
			return p.fqdn
		}
	}
	return "pool-fqdn"
}

func cmdResetRegistrar(c *ctx) {
	s := c.s
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	rt := c.cmd.Str("ResetType")
	if rt == "" {
		rt = "ServiceReset"
	}
	if !st.siteUp[pi.site] || s.runningServers(p) == 0 {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, pi.fqdn, s.downReason(p)))
		return
	}
	if strings.EqualFold(rt, "MachineStateRemoved") && !c.cmd.Has("MachineFqdn") {
		c.fail("FW-MACHINE-REQUIRED", "InvalidArgument", "-ResetType MachineStateRemoved needs -MachineFqdn: the server to remove from the pool's state.")
		return
	}
	if !c.shouldProcess("Reset-CsPoolRegistrarState", pi.fqdn, true) {
		return
	}
	switch strings.ToLower(rt) {
	case "quorumlossrecovery", "fullreset":
		r := quorum.MinRunning(len(pi.servers), pi.version)
		if !r.SatisfiedWitness(s.serversOf(p), s.witnessUp(p)) {
			c.fail("FW-QUORUM-NOT-MET", "InvalidOperation", fmt.Sprintf(
				`Pool "%s" cannot recover from quorum loss: %d of %d Front End servers run and it needs %s. Start more servers first.`,
				pi.fqdn, s.runningServers(p), len(pi.servers), r))
			return
		}
		if lost := s.lostRoutingGroups(p); st.latched[p] || lost > 0 {
			c.warnf("Routing groups of %s in quorum loss are reloaded from the back end: changes their Front Ends had not yet written there are lost.", pi.fqdn)
		}
		c.step("Reloading the routing groups of %s from the back end (%s).", pi.fqdn, rt)
		d := 5 * time.Minute
		if strings.EqualFold(rt, "FullReset") {
			d = 10 * time.Minute
		}
		c.wait(d)
		if st.latched[p] {
			st.latched[p] = false
			s.logf("Pool %s recovered from quorum loss (%s).", pi.fqdn, rt)
		}
		s.replace(p)
	case "machinestateremoved":
		c.step("Removing the state of %s from %s.", c.cmd.Str("MachineFqdn"), pi.fqdn)
		c.wait(time.Minute)
	default:
		c.step("Resetting the registrar state of %s (ServiceReset).", pi.fqdn)
		c.wait(DurRegistrarReset)
		if !c.cmd.Switch("NoReStart") && st.stopped[p] {
			st.stopped[p] = false
			s.logf("Services of %s started.", pi.fqdn)
		}
	}
	s.recompute()
	c.res.Changed = true
}

func cmdSetRegistrar(c *ctx) {
	s := c.s
	st := &s.st
	id := c.cmd.Str("Identity")
	p := s.x.findPool(id)
	if p < 0 || !s.x.isFE(p) {
		c.fail("FW-POOL-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find registrar "%s". Use the pool's service identity, for example Registrar:%s.`, id, firstFE(s.x)))
		return
	}
	if !c.requireCMS() {
		return
	}
	check := func(name string) (time.Duration, bool) {
		d, ok := c.cmd.TimeSpan(name)
		if !ok {
			return 0, true
		}
		if d < 30*time.Second || d > 86400*time.Second {
			c.fail("FW-INTERVAL-RANGE", "InvalidArgument", fmt.Sprintf("-%s must be between 00:00:30 and 1.00:00:00 (30 seconds to 24 hours); %s was given.", name, FormatDuration(d)))
			return 0, false
		}
		return d, true
	}
	edge := -1
	if c.cmd.Has("EdgeServer") {
		name := c.cmd.Str("EdgeServer")
		if edge = s.x.findPool(name); edge < 0 || s.x.pools[edge].role != topology.Edge {
			c.fail("FW-NOT-EDGE", "ObjectNotFound", fmt.Sprintf(`Cannot find Edge server "%s". Use the Edge pool's service identity, for example EdgeServer:%s.`, name, firstEdge(s.x)))
			return
		}
	}
	fd, ok1 := check("FailureDetectionInterval")
	if !ok1 {
		return
	}
	bd, ok2 := check("FailbackDetectionInterval")
	if !ok2 {
		return
	}
	if !c.shouldProcess("Set-CsRegistrar", "Registrar:"+s.x.pools[p].fqdn, false) {
		return
	}
	if fd > 0 {
		if fd < 120*time.Second {
			c.warnf("A failure detection interval below 00:02:00 can fail users over on short network glitches.")
		}
		st.detect[p] = fd
	}
	if bd > 0 {
		st.failbackDt[p] = bd
	}
	if edge >= 0 && st.media[p] != edge {
		// In the product: Topology Builder, "Associate Edge pool (for media components)",
		// then publish (FACTS §15).
		old := "none"
		if e := st.media[p]; e >= 0 {
			old = s.x.pools[e].fqdn
		}
		st.media[p] = edge
		st.mediaOK[p] = !s.mediaBroken(p) || st.mediaOK[p]
		s.logf("Front End pool %s: Edge pool for media %s -> %s.", s.x.pools[p].fqdn, old, s.x.pools[edge].fqdn)
		c.step("The Edge pool for media of %s is now %s (was %s).", s.x.pools[p].fqdn, s.x.pools[edge].fqdn, old)
		c.infof("In the product this is the pool's \"Associate Edge pool (for media components)\" in Topology Builder, then publish; the simulator accepts Set-CsRegistrar -EdgeServer for it.")
	}
	s.recompute()
	c.res.Changed = true
}

func cmdGetPool(c *ctx) {
	s := c.s
	x := s.x
	id := c.cmd.Str("Identity")
	site := -1
	if c.cmd.Has("Site") {
		if site = x.findSite(c.cmd.Str("Site")); site < 0 {
			c.fail("FW-SITE-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find site "%s".`, c.cmd.Str("Site")))
			return
		}
	}
	var objs [][]kv
	for p, pi := range x.pools {
		if id != "" && !strings.EqualFold(id, pi.fqdn) {
			continue
		}
		if f := c.cmd.Str("Filter"); f != "" && !shell.WildcardMatch(f, pi.fqdn) {
			continue
		}
		if site >= 0 && pi.site != site {
			continue
		}
		var svcs []string
		switch {
		case pi.role.IsFrontEnd():
			svcs = append(svcs, "UserServer:"+pi.fqdn, "Registrar:"+pi.fqdn, "WebServer:"+pi.fqdn)
			if pi.partner >= 0 {
				svcs = append(svcs, "BackupServer:"+pi.fqdn)
			}
			if c.s.st.cmsPool == p || (c.s.st.cmsPool >= 0 && x.pools[c.s.st.cmsPool].partner == p) {
				svcs = append(svcs, "CentralManagement:"+pi.fqdn)
			}
		case pi.role == topology.Edge:
			svcs = append(svcs, "EdgeServer:"+pi.fqdn)
		case pi.role == topology.Director:
			svcs = append(svcs, "Registrar:"+pi.fqdn, "WebServer:"+pi.fqdn)
		}
		if pi.hasBE {
			svcs = append(svcs, "UserDatabase:"+pi.beFQDN)
		}
		objs = append(objs, []kv{
			{"Identity", pi.fqdn},
			{"Services", set(svcs...)},
			{"Computers", set(pi.servers...)},
			{"Fqdn", pi.fqdn},
			{"Site", "Site:" + x.sites[pi.site].name},
		})
	}
	// Survivable Branch Appliances are pools of their own in the topology (one computer each).
	for _, b := range x.branches {
		if (id != "" && !strings.EqualFold(id, b.fqdn)) || site >= 0 && b.site != site {
			continue
		}
		if f := c.cmd.Str("Filter"); f != "" && !shell.WildcardMatch(f, b.fqdn) {
			continue
		}
		siteName := ""
		if b.site >= 0 {
			siteName = "Site:" + x.sites[b.site].name
		}
		objs = append(objs, []kv{
			{"Identity", b.fqdn},
			{"Services", set("Registrar:"+b.fqdn, "MediationServer:"+b.fqdn)},
			{"Computers", set(b.fqdn)},
			{"Fqdn", b.fqdn},
			{"Site", siteName},
		})
	}
	if id != "" && len(objs) == 0 {
		c.notFound("FW-POOL-NOT-FOUND", fmt.Sprintf(`Cannot find pool "%s" in the topology. Check the FQDN with Get-CsPool.%s`, id, suggestion(id, x.poolNames())))
		return
	}
	c.list(objs...)
}

func cmdStartPool(c *ctx) {
	s := c.s
	st := &s.st
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	if !st.siteUp[pi.site] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, pi.fqdn, s.downReason(p)))
		return
	}
	if !st.latched[p] && !st.stopped[p] && s.runningServers(p) == len(pi.servers) {
		c.warnf(`Pool "%s" is already started: every Front End Server runs.`, pi.fqdn)
		return
	}
	up := cp(s.serversOf(p))
	for _, skip := range c.cmd.Params["SkipServer"].List {
		for i, sv := range pi.servers {
			if strings.EqualFold(sv, skip) {
				up[i] = false
			}
		}
	}
	running := 0
	for _, u := range up {
		if u {
			running++
		}
	}
	need := quorum.StartQuorum(len(up), pi.version)
	minRule := quorum.MinRunning(len(up), pi.version)
	switch {
	case running >= need:
	case c.cmd.Switch("QuorumLossRecovery") && minRule.SatisfiedWitness(up, s.witnessUp(p)):
		c.warnf("Starting pool %s with -QuorumLossRecovery: routing groups in quorum loss are reloaded from the back end; data not yet written there is lost.", pi.fqdn)
	default:
		hint := ""
		if minRule.SatisfiedWitness(up, s.witnessUp(p)) {
			hint = " Use -QuorumLossRecovery to start it with fewer."
		}
		c.fail("FW-START-QUORUM", "InvalidOperation", fmt.Sprintf(
			`Cannot start pool "%s": %d of %d Front End servers are running and the pool needs %d to start.%s`, pi.fqdn, running, len(up), need, hint))
		return
	}
	if !c.shouldProcess("Start-CsPool", pi.fqdn, false) {
		return
	}
	for i, sv := range pi.servers {
		if up[i] {
			c.step("Starting services on %s.", sv)
		}
	}
	c.wait(DurServicesStart)
	st.latched[p] = false
	s.replace(p)
	if st.stopped[p] {
		st.stopped[p] = false
		if st.poolState[p] == StateFailedOver {
			c.warnf(`Pool "%s" is failed over: its users stay on the backup pool until you run Invoke-CsPoolFailBack -PoolFqdn %s.`, pi.fqdn, pi.fqdn)
		}
	}
	s.logf("Pool %s started with Start-CsPool.", pi.fqdn)
	s.recompute()
	c.res.Changed = true
}

func cmdHelp(c *ctx) {
	lines, err := shell.Default.HelpLines(c.cmd, c.s.versionFor0())
	if err != nil {
		c.fail(err.ID, err.Category, err.Message)
		return
	}
	for _, l := range lines {
		c.outf("%s", l)
	}
}

// versionFor0 is the version commands without a pool bind against: the CMS pool's.
func (s *Sim) versionFor0() topology.Version {
	if c := s.st.cmsPool; c >= 0 {
		return s.x.pools[c].version
	}
	return ""
}

// fullModule turns a -BackupModule value into the module's full name: the administration
// guide's short forms (PresenceFocus, DataConf, CMSMaster) name the same modules; "" is All.
func fullModule(m string) string {
	switch strings.ToLower(m) {
	case "", "all":
		return "All"
	case "presencefocus":
		return "UserServices.PresenceFocus"
	case "dataconf":
		return "ConfServices.DataConf"
	case "cmsmaster":
		return "CentralMgmt.CMSMaster"
	}
	return m
}
