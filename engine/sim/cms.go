package sim

import (
	"fmt"
	"strings"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// sqlName renders a SQL store as server\instance.
func sqlName(fqdn, inst string) string {
	if inst == "" {
		return fqdn
	}
	return fqdn + `\` + inst
}

// cmsStore returns the SQL store that holds pool p's copy of the CMS: its principal back end
// (or the mirror when the mirror is principal), or the Standard Edition server itself.
func (s *Sim) cmsStore(p int) string {
	pi := &s.x.pools[p]
	if !pi.hasBE {
		if len(pi.servers) > 0 {
			return sqlName(pi.servers[0], "rtc")
		}
		return pi.fqdn
	}
	if s.st.onMirror[p] {
		return sqlName(pi.mirror, pi.mirrInst)
	}
	return sqlName(pi.beFQDN, pi.beInst)
}

func cmdCMSFailover(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	cp := st.cmsPool
	if cp < 0 {
		c.fail("FW-NO-CMS", "ObjectNotFound", "The topology has no Central Management store.")
		return
	}
	t := x.pools[cp].partner
	if t < 0 {
		c.fail("FW-CMS-NO-STANDBY", "InvalidOperation", fmt.Sprintf(
			`Cannot fail over the Central Management Server: pool "%s", which hosts the Central Management store, has no backup pool, so there is no standby Central Management store.`, x.pools[cp].fqdn))
		return
	}
	ti := &x.pools[t]
	dr := c.cmd.Has("BackupSqlServerFqdn")
	if c.cmd.Switch("Restore") && !c.whatIf && (st.cmsFault.any() || s.cmsAvailable()) {
		cmsRestore(c)
		return
	}
	if c.whatIf {
		c.emit(LineOutput, fmt.Sprintf(`What if: Performing the operation "Invoke-CsManagementServerFailover" on target "Central Management store: active master on pool %s (%s); it would fail over to pool %s (%s)".`,
			x.pools[cp].fqdn, s.cmsStore(cp), ti.fqdn, s.cmsStore(t)))
		return
	}
	if c.cmsFaultBlocks(t) {
		return
	}
	if !st.serving[t] && !(dr && s.backEndUsable(t) && st.siteUp[ti.site]) {
		c.fail("FW-CMS-TARGET-DOWN", "ResourceUnavailable", fmt.Sprintf(
			`Cannot fail over the Central Management Server to pool "%s": the pool is not available (%s).`, ti.fqdn, s.downReason(t)))
		return
	}
	if dr {
		if !c.cmsStandbySQL(t) {
			return
		}
	} else {
		if !s.cmsAvailable() {
			c.fail("FW-CMS-UNAVAILABLE", "ResourceUnavailable", fmt.Sprintf(
				`Cannot connect to the Central Management store on pool "%s". The active master does not respond. To fail it over without it, name the standby's SQL Server: Invoke-CsManagementServerFailover -BackupSqlServerFqdn %s -BackupSqlInstanceName %s -Force`,
				x.pools[cp].fqdn, firstNonEmpty(ti.beFQDN, ti.fqdn), firstNonEmpty(ti.beInst, "rtc")))
			return
		}
	}
	if !st.cmsStandbyOK {
		c.cmsNotBackupMode(t)
		return
	}
	if !c.shouldProcess("Invoke-CsManagementServerFailover", "Central Management Server: "+x.pools[cp].fqdn+" -> "+ti.fqdn, false) {
		return
	}
	start := st.now
	if dr {
		if d := x.pools[cp].dirOut; d >= 0 && !s.cmsAvailable() && s.backlog(d) > st.syncEvery {
			// Replication to the standby had stopped before the active master was lost (a cut
			// link, a pool down): the standby is older than one sync interval.
			c.warnf(`The standby Central Management store on "%s" was last synchronized at %s: configuration changes made on "%s" in the last %s never reached it and are lost.`,
				ti.fqdn, FormatDuration(s.lastSyncView(d)), x.pools[cp].fqdn, FormatDuration(s.backlog(d)))
		}
		if s.cmsAvailable() {
			c.warnf(`The active Central Management store on pool "%s" still answers. -Force fails over without waiting for replication: changes not yet replicated to "%s" are lost.`, x.pools[cp].fqdn, ti.fqdn)
		}
		c.step("Disaster recovery: making %s the active Central Management store without the active master.", s.cmsStore(t))
		c.wait(DurCMSFailover)
	} else {
		c.step("Waiting for Central Management store replication to %s to finish.", ti.fqdn)
		c.wait(DurCMSReplication)
		c.step("Setting the Central Management store on %s read-only.", s.cmsStore(cp))
		c.step("Moving the active master to %s.", s.cmsStore(t))
		c.wait(DurCMSFailover - DurCMSReplication)
	}
	if dr && !s.cmsAvailable() {
		// The old master's database still marks itself active (support article, scenario 1).
		st.cmsFault.stale, st.cmsFault.noted = cp, false
	}
	if !dr && x.sePairSplit(cp, t) {
		// Vale Consulting (2015): the old Standard Edition server's local copy still names
		// itself the master; replication stops and the CMS looks active on both.
		st.cmsFault.both = cp
	}
	st.cmsPool = t
	st.cmsStandbyOK = false
	st.cmsStandbySince = st.now
	s.logf("Central Management store failed over from %s to %s.", x.pools[cp].fqdn, ti.fqdn)
	s.recompute()
	c.step("The active master is %s; the File Transfer Agent runs on %s.", ti.fqdn, ti.fqdn)
	c.res.Changed = true
	c.infof("[%s] Invoke-CsManagementServerFailover finished in %s: the Central Management store is active on %s.",
		FormatDuration(st.now), FormatDuration(st.now-start), ti.fqdn)
}

// cmsStandbySQL checks the SQL Server a disaster-recovery CMS failover names (and -Force):
// it must host the standby store on pool t, and be its principal now. It writes the error and
// returns false when not.
func (c *ctx) cmsStandbySQL(t int) bool {
	s := c.s
	st := &s.st
	ti := &s.x.pools[t]
	want := strings.ToLower(c.cmd.Str("BackupSqlServerFqdn"))
	okSQL := false
	var names []string
	if ti.hasBE {
		names = append(names, ti.beFQDN)
		if ti.hasMirror {
			names = append(names, ti.mirror)
		}
	} else {
		names = append(names, ti.fqdn)
		names = append(names, ti.servers...)
	}
	for _, n := range names {
		if strings.ToLower(n) == want {
			okSQL = true
		}
	}
	if !okSQL {
		c.fail("FW-CMS-WRONG-SQL", "InvalidArgument", fmt.Sprintf(
			`The SQL Server "%s" does not host the standby Central Management store. The standby is on the back end of pool "%s": %s.`,
			c.cmd.Str("BackupSqlServerFqdn"), ti.fqdn, s.cmsStore(t)))
		return false
	}
	if m := c.cmd.Str("BackupMirrorSqlServerFqdn"); m != "" && (!ti.hasMirror || !strings.EqualFold(m, ti.mirror)) {
		want := "none: the pool's back end is not mirrored"
		if ti.hasMirror {
			want = sqlName(ti.mirror, ti.mirrInst)
		}
		c.fail("FW-CMS-WRONG-SQL", "InvalidArgument", fmt.Sprintf(
			`The SQL Server "%s" is not the mirror of the standby Central Management store on pool "%s" (its mirror: %s).`, m, ti.fqdn, want))
		return false
	}
	if ti.hasMirror && st.onMirror[t] && !strings.EqualFold(c.cmd.Str("BackupSqlServerFqdn"), ti.mirror) &&
		!strings.EqualFold(c.cmd.Str("BackupMirrorSqlServerFqdn"), ti.mirror) {
		// FACTS §5 step 5a/5b: Get-CsDatabaseMirrorState tells which copy is principal; the
		// failover must name the one that is.
		c.fail("FW-CMS-SQL-NOT-PRINCIPAL", "InvalidOperation", fmt.Sprintf(
			`The standby Central Management store on pool "%s" is principal on the mirror %s, not on %s (Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn %s shows it). Name the mirror: -BackupMirrorSqlServerFqdn %s -BackupMirrorSqlInstanceName %s.`,
			ti.fqdn, sqlName(ti.mirror, ti.mirrInst), c.cmd.Str("BackupSqlServerFqdn"), ti.fqdn, ti.mirror, ti.mirrInst))
		return false
	}
	if !c.cmd.Switch("Force") {
		c.fail("FW-CMS-FORCE-REQUIRED", "InvalidArgument", "-Force is required with -BackupSqlServerFqdn: a disaster-recovery failover ignores the replication state.")
		return false
	}
	return true
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// replicaUp reports whether the local CMS replica on a server is up to date: the server runs,
// its site is up and reaches the active master's site, and the active master answers.
func (s *Sim) replicaUp(p, i int) bool {
	pi := &s.x.pools[p]
	if !s.st.serverUp[pi.serverOff+i] || !s.st.siteUp[pi.site] || !s.cmsAvailable() || s.st.cmsFault.both >= 0 {
		return false
	}
	return s.linkOK(pi.site, s.x.pools[s.st.cmsPool].site)
}

func cmdReplicationStatus(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	if c.cmd.Switch("CentralManagementStoreStatus") {
		active, fta := "", "{}"
		var replicas []string
		if s.cmsAvailable() {
			active = x.pools[st.cmsPool].fqdn
			fta = set(active)
			for p, pi := range x.pools {
				for i, sv := range pi.servers {
					if s.replicaUp(p, i) {
						replicas = append(replicas, sv)
					}
				}
			}
		}
		c.list([]kv{
			{"ActiveMasterFqdn", active},
			{"ActiveFileTransferAgents", fta},
			{"ActiveReplicas", set(replicas...)},
			{"DeletedReplicas", "{}"},
			{"ProposedMasterFqdn", ""},
			{"ProposedFileTransferAgents", "{}"},
			{"LastHeartbeats", set()},
			{"LastUpdateCreation", dateText(st.now)},
		})
		return
	}
	filter := strings.ToLower(c.cmd.Str("ReplicaFqdn"))
	var objs [][]kv
	for p, pi := range x.pools {
		for i, sv := range pi.servers {
			if filter != "" && strings.ToLower(sv) != filter {
				continue
			}
			up := s.replicaUp(p, i)
			last := st.now
			if !up {
				last = st.downAt[p]
				if last == never {
					last = st.now
				}
			}
			objs = append(objs, []kv{
				{"UpToDate", boolText(up)},
				{"ReplicaFqdn", sv},
				{"LastStatusReport", dateText(last)},
				{"LastUpdateCreation", dateText(last)},
				{"ProductVersion", productVersion(pi.pool)},
			})
		}
	}
	if filter != "" && len(objs) == 0 {
		c.notFound("FW-REPLICA-NOT-FOUND", fmt.Sprintf(`No replica "%s" exists in the topology.`, c.cmd.Str("ReplicaFqdn")))
		return
	}
	c.list(objs...)
}

// productVersion is the ProductVersion of a pool's replicas: the pool's build when the
// topology gives one, else its version's release build (7.0.2046.820 for Subscription
// Edition, 6.0.9319.0 when the version is unknown).
func productVersion(p *topology.Pool) string {
	if b, ok := topology.ParseBuild(p.Build); ok {
		return b.String()
	}
	if b, ok := topology.ReleaseBuild(p.Version); ok {
		return b.String()
	}
	return "6.0.9319.0"
}

// serviceVersion is the Version property of a pool's services (Get-CsService): 6 for Lync
// Server 2013, 7 for Skype for Business Server 2015, 8 for 2019 and Subscription Edition.
func serviceVersion(v topology.Version) string {
	switch v.Behaves() {
	case topology.Lync2013:
		return "6"
	case topology.SfB2019:
		return "8"
	}
	return "7"
}

// cmdGetService is Get-CsService: the Central Management, registrar, Edge, Backup Service
// and user database services of the topology, by role switch, -PoolFqdn, -Identity or -Filter.
func cmdGetService(c *ctx) {
	x := c.s.x
	l := &services{s: c.s, poolFilter: -1, branchFilter: -1}
	if c.cmd.Has("PoolFqdn") && !l.setFilter(c) {
		return
	}
	id := strings.ToLower(c.cmd.Str("Identity"))
	filter := c.cmd.Str("Filter")
	switch {
	case c.cmd.Switch("CentralManagement"):
		l.cmsPools()
	case c.cmd.Switch("Registrar"):
		l.registrars()
	case c.cmd.Switch("EdgeServer"):
		for p, pi := range x.pools {
			if pi.role == topology.Edge && l.want(p) {
				l.edge(p)
			}
		}
	case c.cmd.Switch("BackupServer"):
		for p := range x.pools {
			if x.pools[p].partner >= 0 && l.want(p) {
				l.backup(p)
			}
		}
	case c.cmd.Switch("UserDatabase"):
		for p := range x.pools {
			l.userDB(p)
		}
	default:
		l.cmsPools()
		l.registrars()
		for p, pi := range x.pools {
			if !l.want(p) {
				continue
			}
			if pi.role.IsFrontEnd() && pi.partner >= 0 {
				l.backup(p)
			} else if pi.role == topology.Edge {
				l.edge(p)
			}
		}
		for p := range x.pools {
			l.userDB(p)
		}
		if id != "" || filter != "" {
			var keep [][]kv
			for _, o := range l.objs {
				if (id != "" && strings.ToLower(o[0].v) == id) || (filter != "" && shell.WildcardMatch(filter, o[0].v)) {
					keep = append(keep, o)
				}
			}
			if id != "" && len(keep) == 0 {
				c.notFound("FW-SERVICE-NOT-FOUND", fmt.Sprintf(`No service "%s" exists in the topology.`, c.cmd.Str("Identity")))
				return
			}
			l.objs = keep
		}
	}
	c.list(l.objs...)
}

// services collects the objects Get-CsService lists, under its -PoolFqdn filter.
type services struct {
	s    *Sim
	objs [][]kv
	// poolFilter, branchFilter and sqlFilter are what -PoolFqdn names: a pool, a branch
	// appliance or a back end's SQL Server (-1, -1 and "" when not given).
	poolFilter, branchFilter int
	sqlFilter                string
}

// setFilter resolves -PoolFqdn, writing the not-found error and returning false when it names
// nothing.
func (l *services) setFilter(c *ctx) bool {
	x := l.s.x
	name := c.cmd.Str("PoolFqdn")
	l.poolFilter = x.findPool(name)
	if l.poolFilter < 0 {
		l.branchFilter = x.findBranch(name)
	}
	if l.poolFilter < 0 && l.branchFilter < 0 {
		// A user database's pool is its SQL Server.
		for _, pi := range x.pools {
			if pi.hasBE && (strings.EqualFold(name, pi.beFQDN) || (pi.hasMirror && strings.EqualFold(name, pi.mirror))) {
				l.sqlFilter = pi.beFQDN
			}
		}
	}
	if l.poolFilter < 0 && l.branchFilter < 0 && l.sqlFilter == "" {
		c.pool("PoolFqdn") // writes the not-found error
		return false
	}
	return true
}

func (l *services) filtering() bool {
	return l.poolFilter >= 0 || l.branchFilter >= 0 || l.sqlFilter != ""
}

func (l *services) want(p int) bool { return !l.filtering() || l.poolFilter == p }

func (l *services) site(p int) string { return "Site:" + l.s.x.sites[l.s.x.pools[p].site].name }

func (l *services) cms(p int) {
	x := l.s.x
	l.objs = append(l.objs, []kv{
		{"Identity", "CentralManagement:" + x.pools[p].fqdn},
		{"PoolFqdn", x.pools[p].fqdn},
		{"SiteId", l.site(p)},
		{"Active", boolText(p == l.s.st.cmsPool || p == l.s.st.cmsFault.both)},
		{"Version", serviceVersion(x.pools[p].version)},
	})
}

func (l *services) reg(p int) {
	x, st := l.s.x, &l.s.st
	b := ""
	if q := x.pools[p].partner; q >= 0 {
		b = "Registrar:" + x.pools[q].fqdn
	}
	l.objs = append(l.objs, []kv{
		{"Identity", "Registrar:" + x.pools[p].fqdn},
		{"PoolFqdn", x.pools[p].fqdn},
		{"SiteId", l.site(p)},
		{"BackupRegistrar", b},
		{"FailureDetectionInterval", FormatDuration(st.detect[p])},
		{"FailbackDetectionInterval", FormatDuration(st.failbackDt[p])},
		{"Version", serviceVersion(x.pools[p].version)},
	})
}

func (l *services) branchReg(i int) {
	x := l.s.x
	b := x.branches[i]
	br, v, siteName := "", l.s.versionFor0(), ""
	if b.backup >= 0 {
		br, v = "Registrar:"+x.pools[b.backup].fqdn, x.pools[b.backup].version
	}
	if b.site >= 0 {
		siteName = "Site:" + x.sites[b.site].name
	}
	l.objs = append(l.objs, []kv{
		{"Identity", "Registrar:" + b.fqdn},
		{"PoolFqdn", b.fqdn},
		{"SiteId", siteName},
		{"BackupRegistrar", br},
		{"Version", serviceVersion(v)},
	})
}

func (l *services) edge(p int) {
	x := l.s.x
	h := ""
	if n := l.s.st.nextHop[p]; n >= 0 {
		h = "Registrar:" + x.pools[n].fqdn
	}
	l.objs = append(l.objs, []kv{
		{"Identity", "EdgeServer:" + x.pools[p].fqdn},
		{"PoolFqdn", x.pools[p].fqdn},
		{"SiteId", l.site(p)},
		{"Registrar", h},
		{"Version", serviceVersion(x.pools[p].version)},
	})
}

func (l *services) backup(p int) {
	x := l.s.x
	l.objs = append(l.objs, []kv{
		{"Identity", "BackupServer:" + x.pools[p].fqdn},
		{"PoolFqdn", x.pools[p].fqdn},
		{"SiteId", l.site(p)},
		{"BackupPoolFqdn", x.pools[x.pools[p].partner].fqdn},
	})
}

func (l *services) userDB(p int) {
	pi := &l.s.x.pools[p]
	if !pi.hasBE || (l.filtering() && l.poolFilter != p && !strings.EqualFold(l.sqlFilter, pi.beFQDN)) {
		return
	}
	o := []kv{
		{"Identity", "UserDatabase:" + pi.beFQDN},
		{"PoolFqdn", pi.beFQDN},
		{"SiteId", l.site(p)},
		{"SqlInstanceName", pi.beInst},
	}
	if pi.hasMirror {
		o = append(o, kv{"MirrorSqlServer", pi.mirror}, kv{"MirrorSqlInstanceName", pi.mirrInst})
	}
	o = append(o, kv{"DependentServiceList", set("Registrar:"+pi.fqdn, "UserServer:"+pi.fqdn)})
	l.objs = append(l.objs, o)
}

// cmsPools lists the Central Management services: on the CMS pool and its partner.
func (l *services) cmsPools() {
	x, st := l.s.x, &l.s.st
	if st.cmsPool < 0 {
		return
	}
	for p := range x.pools {
		if (p == st.cmsPool || p == x.pools[st.cmsPool].partner) && l.want(p) {
			l.cms(p)
		}
	}
}

// registrars lists the registrars: Front End pools and Directors, then branch appliances.
func (l *services) registrars() {
	x := l.s.x
	for p, pi := range x.pools {
		if (x.isFE(p) || pi.role == topology.Director) && l.want(p) {
			l.reg(p)
		}
	}
	for i := range x.branches {
		if !l.filtering() || l.branchFilter == i {
			l.branchReg(i)
		}
	}
}
