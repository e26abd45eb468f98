package plan

import (
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// step appends a step and numbers it.
func (b *builder) step(s Step) {
	s.Number = len(b.steps) + 1
	if s.Group == "" {
		s.Group = b.grp
	}
	if s.Call != nil {
		s.Command = s.Call.Line()
	}
	b.steps = append(b.steps, s)
}

// showing sets the text a check's output must contain.
func (s Step) showing(text string) Step { s.Shows = text; return s }

// checkStep makes a read-only step that takes the usual minute.
func checkStep(id, title string, c Call, expect, reason string) Step {
	return Step{ID: id, Title: title, Kind: KindCheck, Call: &c, Expect: expect, Reason: reason,
		Duration: Duration(checkDuration)}
}

// changeStep makes a step that changes the deployment, with the commands that verify it.
func changeStep(id, title string, c Call, expect, reason string, d time.Duration, verify ...Call) Step {
	return Step{ID: id, Title: title, Kind: KindChange, Call: &c, Expect: expect, Reason: reason,
		Duration: Duration(d), Verify: verify}
}

// manualStep makes a step the operator does by hand and acknowledges.
func manualStep(id, title, instructions, expect, reason string, d time.Duration) Step {
	return Step{ID: id, Title: title, Kind: KindManual, Instructions: instructions, Expect: expect,
		Reason: reason, Duration: Duration(d)}
}

// appServer is the Identity of a pool's Application Server service.
func appServer(fqdn string) string { return "ApplicationServer:" + fqdn }

// layout lays out the steps in the order of the official procedure (FACTS §5, §6).
func (b *builder) layout() {
	disaster := b.req.Mode == Disaster
	b.steps = make([]Step, 0, 24)
	// FACTS §9: a back end mirrored without a witness is failed over by hand first. When
	// that brings the pool back, nothing else is failed over.
	b.grp = GroupDatabase
	b.dbFailoverSteps()
	if b.healedByDatabase() {
		return
	}

	// §5 step 0: the Edge next hop first, while the CMS answers. Changing the next hop is a
	// topology change that needs a working CMS: when the CMS is lost it follows the CMS
	// failover instead.
	cmsLost := b.cmsFO && (disaster || b.st.cmsDown || b.st.isDown(b.cms.FQDN))
	if !cmsLost {
		b.grp = GroupEdge
		b.edgeSteps(false)
	}
	b.grp = GroupCMS
	cmsStatus := b.cmsChecks()
	// §5 steps 4-5: the CMS failover, when it is on the failed pool or down.
	if b.cmsMove {
		b.cmsRebuild(cmsStatus)
	} else if b.cmsFO && b.cmsBk != nil {
		b.cmsFailover(cmsStatus, disaster)
	}
	if cmsLost {
		b.grp = GroupEdge
		b.edgeSteps(true)
	}
	b.grp = GroupPool
	b.backupChecks(disaster)
	b.poolFailover(disaster)
	b.afterFailover()
	b.grp = GroupVerify
	b.verifySteps(b.bk, b.federationEdge(), "verify-")
	if b.req.Failback {
		b.failback()
	}
}

// cmsChecks lays out §5 steps 1-3: where the CMS is, its backup pool and whether it answers.
// It returns the status call, which the CMS failover verifies with.
func (b *builder) cmsChecks() Call {
	cms, bk := b.cms, b.bk
	if b.cmsMove {
		// Without a standby there is nothing to fail over to, and -WhatIf says only that.
		b.step(checkStep("cms-locate", "Find the pool that hosts the Central Management store",
			call("Get-CsService", sw("CentralManagement")),
			"CentralManagement:"+cms.FQDN+" shows Active True: "+cms.FQDN+" hosts the Central Management store.",
			"Procedure step 1, in the form that answers when the CMS has no standby (the -WhatIf failover refuses then).").showing("CentralManagement:" + cms.FQDN))
	} else {
		b.step(checkStep("cms-locate", "Find the pool that hosts the Central Management store",
			call("Invoke-CsManagementServerFailover", sw("WhatIf")),
			"The -WhatIf output names "+cms.FQDN+" as the pool hosting the Central Management store.",
			"Procedure step 1: run on a Front End of "+bk.FQDN+"; tells where the CMS is before anything changes.").showing(cms.FQDN))
	}
	relExpect, relShows := cms.FQDN+" has no backup pool.", ""
	if b.cmsBk != nil {
		relExpect, relShows = "The backup pool of "+cms.FQDN+" is "+b.cmsBk.FQDN+".", b.cmsBk.FQDN
	}
	b.step(checkStep("cms-backup-relationship", "Find the backup pool of the CMS pool",
		call("Get-CsPoolBackupRelationship", q("PoolFqdn", cms.FQDN)), relExpect,
		"Procedure step 2: the CMS can only be failed over to the CMS pool's backup pool ("+cms.Version.Label()+").").showing(relShows))
	cmsStatus := call("Get-CsManagementStoreReplicationStatus", sw("CentralManagementStoreStatus"))
	statusExpect := "ActiveMasterFqdn and ActiveFileTransferAgents name " + cms.FQDN + ": the CMS is up and stays where it is."
	if b.cmsFO {
		statusExpect = "ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name " + cms.FQDN + ", which is being lost: the CMS must be failed over first."
	}
	b.step(checkStep("cms-status", "Check whether the Central Management store answers", cmsStatus, statusExpect,
		"Procedure step 3: an empty ActiveMasterFqdn means the CMS is down."))
	return cmsStatus
}

// backupChecks lays out the checks of the backup relationship and the Backup Service, and in
// a planned failover the Response Group export while the pool still runs.
func (b *builder) backupChecks(disaster bool) {
	p, bk := b.pool, b.bk
	b.step(checkStep("backup-relationship", "Check the backup relationship of "+p.FQDN,
		call("Get-CsPoolBackupRelationship", q("PoolFqdn", p.FQDN)),
		"The backup pool of "+p.FQDN+" is "+bk.FQDN+".",
		"Invoke-CsPoolFailOver fails the users over to the pool's backup pool, and only if it has one.").showing(bk.FQDN))
	if disaster {
		b.step(checkStep("backup-status", "Check the Backup Service on "+bk.FQDN,
			call("Get-CsBackupServiceStatus", q("PoolFqdn", bk.FQDN), lit("Category", "UserData")),
			"The status of "+bk.FQDN+" is returned; the last sync time of the "+p.FQDN+" to "+bk.FQDN+" direction bounds the data lost (up to "+Duration(b.rpo()).String()+" is expected).",
			"User data copied before the disaster is what the backup pool will serve; anything newer is lost."))
	} else {
		b.step(checkStep("backup-status", "Check the Backup Service from "+p.FQDN,
			call("Get-CsBackupServiceStatus", q("PoolFqdn", p.FQDN), lit("Category", "UserData")),
			"The UserData modules of "+p.FQDN+" are in SteadyState: changes reach "+bk.FQDN+" within one sync interval.",
			"A planned failover expects the Backup Service in steady state before the pool goes read-only.").showing("SteadyState"))
		if b.rgsManual(bk) && b.part(p.ResponseGroups > 0) {
			s := manualStep("rgs-export", "Export the Response Group configuration of "+p.FQDN,
				"Export the Response Group data while "+p.FQDN+" still runs: Export-CsRgsConfiguration -Source "+QuoteArg(appServer(p.FQDN))+" -FileName <file>.",
				"The export file exists and holds every workflow, queue and group of "+p.FQDN+".",
				"Response Group data is not copied by the Backup Service"+rgsWhy(bk)+".", RGSExportDuration)
			s.Simulate = b.simulated(p.ResponseGroups > 0, "Export-CsRgsConfiguration -Source "+QuoteArg(appServer(p.FQDN))+" -FileName "+QuoteArg(rgsFile(p)))
			b.step(s)
		}
	}
}

// poolFailover lays out §5 step 7: Invoke-CsPoolFailOver with the parameters of the mode and
// version, and what verifies it.
func (b *builder) poolFailover(disaster bool) {
	p, bk := b.pool, b.bk
	fo := call("Invoke-CsPoolFailOver", q("PoolFqdn", p.FQDN))
	if disaster {
		fo.Params = append(fo.Params, sw("DisasterMode"))
	}
	fo.Params = append(fo.Params, sw("Verbose"))
	verify := b.userChecks(bk)
	expect := "The verbose output ends without error; the users of " + p.FQDN + " get full service from " + bk.FQDN + "."
	if disaster {
		verify = append(verify, call("Get-CsBackupServiceStatus", q("PoolFqdn", bk.FQDN), lit("Category", "UserData")))
	} else {
		verify = append(verify, call("Get-CsBackupServiceStatus", q("PoolFqdn", p.FQDN), lit("Category", "UserData")))
		expect = "The verbose output shows " + p.FQDN + " going read-only, the final-state backup and the hydration of its routing groups on " + bk.FQDN + "; the Backup Service from " + p.FQDN + " reports FinalState."
	}
	modeWhy := "Procedure step 7: -DisasterMode because " + p.FQDN + " is no longer reachable; changes not yet copied are lost."
	if !disaster {
		modeWhy = "Planned failover: without -DisasterMode the cmdlet makes " + p.FQDN + " read-only and waits for the final state, so no data is lost."
	}
	b.step(changeStep("pool-failover", "Fail "+p.FQDN+" over to "+bk.FQDN, fo, expect,
		modeWhy+" Parameters for "+p.Version.Label()+".", b.failoverDuration(), verify...))
}

// edgeSteps lays out §5 step 0 for every Edge pool whose next hop is the pool: check the next
// hop, then point it at a pool that keeps running. afterCMS says it follows a CMS failover.
func (b *builder) edgeSteps(afterCMS bool) {
	p := b.pool
	order := ""
	if afterCMS {
		order = " The CMS is lost, so this comes after its failover."
	}
	for _, e := range b.edges {
		nh := b.newNextHop(e)
		look := call("Get-CsService", sw("EdgeServer"), q("PoolFqdn", e.FQDN))
		b.step(checkStep("edge-next-hop-check-"+e.FQDN, "Check the next hop of Edge pool "+e.FQDN, look,
			"The Edge service of "+e.FQDN+" lists Registrar:"+p.FQDN+" as its next hop.",
			"Procedure step 0: Invoke-CsPoolFailOver refuses to run while the failed pool is an Edge pool's internal next hop."+order).showing("Registrar:" + p.FQDN))
		how := "Procedure step 0: the Edge pool is in another site, so the next hop is changed with Set-CsEdgeServer."
		if strings.EqualFold(e.Site, p.Site) {
			how = "Procedure step 0: the documented way for an Edge pool in the failed pool's site is Topology Builder (Edit Properties, Next Hop, publish); Set-CsEdgeServer makes the same change from the shell."
		}
		if afterCMS {
			how += " It follows the CMS failover because the change needs a working CMS."
		}
		b.step(changeStep("edge-next-hop-"+e.FQDN, "Point Edge pool "+e.FQDN+" at "+nh,
			call("Set-CsEdgeServer", q("Identity", "EdgeServer:"+e.FQDN), q("Registrar", "Registrar:"+nh)),
			"The command completes without error; the Edge service now lists Registrar:"+nh+".",
			how, edgeDuration, look))
	}
}

// cmsFailover lays out §5 step 5: the mirror-state check, the CMS failover (two alternative
// steps when the CMS pool's backup pool has a mirrored back end) and its verification.
func (b *builder) cmsFailover(status Call, disaster bool) {
	cms, to := b.cms, b.cmsBk
	if !disaster && !b.st.cmsDown && !b.st.isDown(cms.FQDN) {
		// Planned: the CMS still answers; fail it over with the Normal parameter set.
		b.step(changeStep("cms-failover", "Fail the Central Management store over to "+to.FQDN,
			call("Invoke-CsManagementServerFailover"),
			"The command waits for replication to finish, makes the store on "+cms.FQDN+" read-only and activates the standby on "+to.FQDN+".",
			"The CMS lives on "+cms.FQDN+", which goes down with the failover: it must move first (run on a Front End of "+to.FQDN+").",
			cmsDuration, status))
		b.step(checkStep("cms-replicas", "Check that every replica is up to date",
			call("Get-CsManagementStoreReplicationStatus"),
			"Every replica reports UpToDate True.", "Procedure step 5d: the pool failover needs a working CMS."))
		return
	}
	primary, pinst, mirror, minst := cmsStore(to)
	if dbType := cmsDatabaseType(to.Version); dbType != "" {
		expect := "StateOnPrimary and StateOnMirror show which SQL server holds the principal copy of the CMS database."
		if mirror == "" {
			expect = "The CMS database of " + to.FQDN + " is not mirrored (DatabaseInaccessibleOrMirroringNotEnabled): its one SQL server is named below."
		}
		b.step(checkStep("cms-mirror-state", "See which back end of "+to.FQDN+" holds the CMS principal",
			call("Get-CsDatabaseMirrorState", lit("DatabaseType", dbType), q("PoolFqdn", to.FQDN)), expect,
			"Procedure step 5a: the disaster-recovery CMS failover names the SQL server holding the principal copy."))
	}
	why := "Procedure step 5b: the CMS on " + cms.FQDN + " is lost; -Force is required in disaster-recovery mode."
	expect := "The command completes; the CMS database on " + to.FQDN + " becomes the active store."
	if mirror == "" {
		b.step(changeStep("cms-failover", "Fail the Central Management store over to "+to.FQDN,
			cmsDR(primary, pinst, "", ""), expect, why, cmsDuration, status))
	} else {
		s := changeStep("cms-failover", "Fail the CMS over to "+to.FQDN+" (principal on the primary)",
			cmsDR(primary, pinst, mirror, minst), expect, why, cmsDuration, status)
		s.Alternative, s.When = "cms-failover", "Get-CsDatabaseMirrorState shows StateOnPrimary Principal"
		b.step(s)
		// With the principal copy on the mirror, the admin procedure names the mirror as the
		// server to fail over to.
		s = changeStep("cms-failover-mirror", "Fail the CMS over to "+to.FQDN+" (principal on the mirror)",
			cmsDR(mirror, minst, "", ""), expect, why+" The principal copy is on the mirror, so the mirror is named as the server.", cmsDuration, status)
		s.Alternative, s.When = "cms-failover", "Get-CsDatabaseMirrorState shows StateOnMirror Principal"
		b.step(s)
	}
	b.step(checkStep("cms-verify", "Check that the CMS is active on "+to.FQDN, status,
		"ActiveMasterFqdn and ActiveFileTransferAgents now name "+to.FQDN+".",
		"Procedure step 5c.").showing(to.FQDN))
	b.step(checkStep("cms-replicas", "Check that every replica is up to date",
		call("Get-CsManagementStoreReplicationStatus"),
		"Every replica reports UpToDate True.", "Procedure step 5d: the pool failover needs a working CMS."))
}

// cmsDatabaseType is the -DatabaseType value that names the CMS database for
// Get-CsDatabaseMirrorState on a version: "CMS" on Lync Server 2013, "CentralMgmt" on 2015;
// "" on 2019, which has no database mirroring (and whose cmdlet reference drops the
// parameter), so the mirror-state check is left out there.
func cmsDatabaseType(v topology.Version) string {
	switch v.Behaves() {
	case topology.Lync2013:
		return "CMS"
	case topology.SfB2015:
		return "CentralMgmt"
	}
	return ""
}

// cmsDR is the disaster-recovery form of Invoke-CsManagementServerFailover.
func cmsDR(server, instance, mirror, mirrorInstance string) Call {
	c := call("Invoke-CsManagementServerFailover", q("BackupSqlServerFqdn", server))
	if instance != "" {
		c.Params = append(c.Params, q("BackupSqlInstanceName", instance))
	}
	if mirror != "" {
		c.Params = append(c.Params, q("BackupMirrorSqlServerFqdn", mirror))
		if mirrorInstance != "" {
			c.Params = append(c.Params, q("BackupMirrorSqlInstanceName", mirrorInstance))
		}
	}
	c.Params = append(c.Params, sw("Force"))
	return c
}

// cmsStore is where pool p keeps its CMS database: its back end (and mirror, when mirrored),
// or, for a Standard Edition server, the server's local RTC instance.
func cmsStore(p *topology.Pool) (server, instance, mirror, mirrorInstance string) {
	if be := p.BackEnd; be != nil {
		server, instance = be.FQDN, be.Instance
		if be.Mirror != nil && (be.HA == topology.HAMirroring || be.HA == "") {
			mirror, mirrorInstance = be.Mirror.FQDN, be.Mirror.Instance
		}
		return
	}
	if len(p.Servers) > 0 {
		return p.Servers[0].FQDN, "rtc", "", ""
	}
	return p.FQDN, "rtc", "", ""
}

// userChecks are the verification commands after a failover or failback: where a sample user
// registers, and the Windows Fabric state of the pool now serving the users.
func (b *builder) userChecks(serving *topology.Pool) []Call {
	var cs []Call
	if len(b.pool.SampleUsers) > 0 {
		cs = append(cs, call("Get-CsUserPoolInfo", q("Identity", b.pool.SampleUsers[0])))
	}
	return append(cs, call("Get-CsPoolFabricState", q("PoolFqdn", serving.FQDN)))
}

// newNextHop picks the pool an Edge pool is pointed at while its next hop is failed over: the
// backup pool, else a running Director or Front End pool, in the Edge's site first.
func (b *builder) newNextHop(e *topology.Pool) string {
	if !b.st.isDown(b.bk.FQDN) {
		return b.bk.FQDN
	}
	for pass := 0; pass < 2; pass++ {
		for i := range b.t.Pools {
			c := &b.t.Pools[i]
			if c == b.pool || b.st.isDown(c.FQDN) || !(c.Role.IsFrontEnd() || c.Role == topology.Director) {
				continue
			}
			if pass == 1 || strings.EqualFold(c.Site, e.Site) {
				return c.FQDN
			}
		}
	}
	return b.bk.FQDN
}

// federationMove returns, for a disaster, the Edge pool carrying outbound federation when it
// is down in the failure state, and a running Edge pool to move federation to (in another
// site); nil when there is nothing to move or nowhere to move it (checkState warns).
func (b *builder) federationMove() (from, to *topology.Pool) {
	if b.req.Mode != Disaster {
		return nil, nil
	}
	for i := range b.t.Pools {
		e := &b.t.Pools[i]
		if e.Role == topology.Edge && e.FederationRoute && b.st.isDown(e.FQDN) {
			from = e
			break
		}
	}
	if from == nil {
		return nil, nil
	}
	for i := range b.t.Pools {
		e := &b.t.Pools[i]
		if e.Role == topology.Edge && e != from && !b.st.isDown(e.FQDN) {
			return from, e
		}
	}
	return nil, nil
}

// rgsManual reports whether Response Group data must be exported and imported by hand: always
// before 2019; on 2019 the July 2019 update can copy it (rgs-check asks the operator).
func (b *builder) rgsManual(bk *topology.Pool) bool { return bk.Version.Behaves() != topology.SfB2019 }

// rgsWhy ends the reason of a Response Group step: why the Backup Service does not copy them on bk's version.
func rgsWhy(bk *topology.Pool) string {
	return " on " + bk.Version.Label() + " (only the July 2019 update for 2019 adds it)"
}

// rpo is the documented data-loss target of the pool's version.
func (b *builder) rpo() time.Duration {
	if b.pool.Version == topology.Lync2013 {
		return rpo2013
	}
	return rpoSfB
}

// failoverDuration is the documented failover time of the pool's version, for plans not simulated.
func (b *builder) failoverDuration() time.Duration {
	if b.pool.Version == topology.Lync2013 {
		return failover2013
	}
	return failoverSfB
}

// failbackDuration is the documented failback time: up to an hour per 20,000 users.
func (b *builder) failbackDuration() time.Duration {
	d := time.Duration(b.t.TotalUsers(b.pool)) * failbackPer20k / 20000
	return max(d.Round(time.Minute), minFailback)
}

// inverseSetup returns the simulator lines that undo a failure: each Stop-Sim line becomes a
// Start-Sim line and each Disconnect-Sim line a Connect-Sim line, last first. Without Setup
// (a lost site) it starts the site again.
func inverseSetup(setup []string, site string) []string {
	if len(setup) == 0 {
		return []string{sim.StartSite{Site: site}.Line()}
	}
	var out []string
	for i := len(setup) - 1; i >= 0; i-- {
		line := strings.TrimSpace(setup[i])
		verb, rest, _ := strings.Cut(line, " ")
		switch {
		case strings.HasPrefix(strings.ToLower(verb), "stop-sim"):
			out = append(out, "Start-Sim"+verb[len("stop-sim"):]+" "+rest)
		case strings.HasPrefix(strings.ToLower(verb), "disconnect-sim"):
			out = append(out, "Connect-Sim"+verb[len("disconnect-sim"):]+" "+rest)
		}
	}
	return out
}

// staticPrediction is the documented targets, used until a simulation replaces them: RTO is
// the steps up to the end of the pool failover (one step of each group of alternatives), the data-loss window the version's RPO for a
// disaster and zero for a planned failover.
func staticPrediction(t *topology.Topology, p *Plan, pool *topology.Pool) Prediction {
	var pr Prediction
	var at time.Duration
	users := 0
	for i := range t.Pools {
		users += t.Pools[i].Users
	}
	own := pool.Users
	counted := map[string]bool{} // of alternative steps, only one runs: count the first
	for _, s := range p.Steps {
		if s.Alternative != "" {
			if counted[s.Alternative] {
				continue
			}
			counted[s.Alternative] = true
		}
		at += s.Duration.Std()
		if s.ID == "pool-failover" {
			pr.RTO = Duration(at)
		}
	}
	pr.Total = Duration(at)
	if p.Request.Mode == Disaster {
		pr.DataLoss = Duration(rpoSfB)
		if pool.Version == topology.Lync2013 {
			pr.DataLoss = Duration(rpo2013)
		}
		fd := time.Duration(pool.EffectiveFailureDetectionSeconds()) * time.Second
		pr.Timeline = []Point{
			{At: 0, Home: users - own, SignedOut: own},
			{At: Duration(fd), Home: users - own, Resiliency: own},
			{At: pr.RTO, Home: users - own, Backup: own},
		}
	} else {
		pr.Timeline = []Point{{At: 0, Home: users}, {At: pr.RTO, Home: users - own, Backup: own}}
	}
	return pr
}
