package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"failwright/engine/quorum"
	"failwright/engine/shell"
	"failwright/engine/topology"
)

// backupConfig is the global Backup Service configuration besides the sync interval (which
// lives in state.syncEvery because the replication model reads it). Defaults are FACTS §10.
type backupConfig struct {
	maxCms, maxUser, maxCalls, maxDataConf int
	maxHighPri                             int // 0: not set (no documented default)
	rgs                                    bool
	localAccounts, groups                  string
}

var defaultBackupConfig = backupConfig{maxCms: 500, maxUser: 500, maxCalls: 10, maxDataConf: 102400,
	localAccounts: "Network Service", groups: "Schema Admins"}

// configIdentity checks an -Identity of the Backup Service configuration: only Global exists.
func (c *ctx) configIdentity() bool {
	id := c.cmd.Str("Identity")
	if id == "" || strings.EqualFold(id, "global") {
		return true
	}
	c.fail("FW-CONFIG-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(
		`Cannot find Backup Service settings "%s": there is one collection for every pool, Global.`, id))
	return false
}

// cmdGetBackupConfig is Get-CsBackupServiceConfiguration: the one Global collection.
func cmdGetBackupConfig(c *ctx) {
	s := c.s
	if !c.configIdentity() {
		return
	}
	if f := c.cmd.Str("Filter"); f != "" && !shell.WildcardMatch(f, "Global") {
		return
	}
	bc := s.st.bcfg
	props := []kv{
		{"Identity", "Global"},
		{"SyncInterval", FormatDuration(s.st.syncEvery)},
		{"MaxBatchesPerCmsSync", strconv.Itoa(bc.maxCms)},
		{"MaxBatchesPerUserStoreSync", strconv.Itoa(bc.maxUser)},
		{"MaxConcurrentCalls", strconv.Itoa(bc.maxCalls)},
		{"MaxDataConfPackageSizeKB", strconv.Itoa(bc.maxDataConf)},
		{"AuthorizedLocalAccounts", set(bc.localAccounts)},
		{"AuthorizedUniversalGroups", set(bc.groups)},
	}
	v := s.versionFor0()
	if v != topology.Lync2013 {
		hp := ""
		if bc.maxHighPri > 0 {
			hp = strconv.Itoa(bc.maxHighPri)
		}
		props = append(props, kv{"MaxHighPriQueuePercentagePerUserStoreSync", hp})
	}
	if v == topology.SfB2019 || v == "" {
		props = append(props, kv{"EnableRgsBackupService", boolText(bc.rgs)})
	}
	c.list(props)
}

// cmdSetBackupConfig is Set-CsBackupServiceConfiguration: -SyncInterval moves every
// direction's sync grid (and so the data-loss window); the other settings are kept and shown.
func cmdSetBackupConfig(c *ctx) {
	s := c.s
	st := &s.st
	if c.cmd.Has("Instance") {
		c.fail("FW-NOT-MODELLED", "NotImplemented", "The simulated shell has no variables, so -Instance cannot be given an object: use -Identity Global and the setting's own parameter.")
		return
	}
	if !c.configIdentity() {
		return
	}
	iv, setIv := c.cmd.TimeSpan("SyncInterval")
	if setIv && (iv < MinSyncInterval || iv > MaxSyncInterval) {
		c.fail("FW-SYNC-INTERVAL-RANGE", "InvalidArgument", fmt.Sprintf(
			"-SyncInterval must be between 00:00:05 and 03:00:00; %s was given.", FormatDuration(iv)))
		return
	}
	for _, name := range []string{"MaxBatchesPerCmsSync", "MaxBatchesPerUserStoreSync", "MaxConcurrentCalls", "MaxDataConfPackageSizeKB", "MaxHighPriQueuePercentagePerUserStoreSync"} {
		if n, ok := c.cmd.Int(name); ok && (n < 1 || (name == "MaxHighPriQueuePercentagePerUserStoreSync" && n > 100)) {
			c.fail("FW-CONFIG-RANGE", "InvalidArgument", fmt.Sprintf("-%s must be a positive number%s; %d was given.", name,
				map[bool]string{true: " of percent (1 to 100)", false: ""}[name == "MaxHighPriQueuePercentagePerUserStoreSync"], n))
			return
		}
	}
	if !c.requireCMS() {
		return
	}
	if !c.shouldProcess("Set-CsBackupServiceConfiguration", "Global", false) {
		return
	}
	bc := &st.bcfg
	setInt := func(name string, f *int) {
		if n, ok := c.cmd.Int(name); ok {
			*f = n
		}
	}
	setInt("MaxBatchesPerCmsSync", &bc.maxCms)
	setInt("MaxBatchesPerUserStoreSync", &bc.maxUser)
	setInt("MaxConcurrentCalls", &bc.maxCalls)
	setInt("MaxDataConfPackageSizeKB", &bc.maxDataConf)
	setInt("MaxHighPriQueuePercentagePerUserStoreSync", &bc.maxHighPri)
	if c.cmd.Has("EnableRgsBackupService") {
		bc.rgs = c.cmd.Switch("EnableRgsBackupService")
	}
	if c.cmd.Has("AuthorizedLocalAccounts") {
		bc.localAccounts = c.cmd.Str("AuthorizedLocalAccounts")
	}
	if c.cmd.Has("AuthorizedUniversalGroups") {
		bc.groups = c.cmd.Str("AuthorizedUniversalGroups")
	}
	c.res.Changed = true
	if !setIv || iv == st.syncEvery {
		return
	}
	if iv != DefaultSyncInterval {
		c.warnf("The Backup Service now syncs every %s instead of the default 00:02:00: a disaster-mode failover can lose up to %s of changes, and shorter intervals cost performance.", FormatDuration(iv), FormatDuration(iv))
	}
	s.setSyncInterval(iv)
}

// setSyncInterval changes the Backup Service interval: syncs done so far stay done, and the
// next ones fall on the grid of the new interval.
func (s *Sim) setSyncInterval(iv time.Duration) {
	st := &s.st
	for d := range s.x.dirs {
		if st.dWorking[d] {
			st.dLastSync[d] = s.lastSyncView(d)
		}
	}
	old := st.syncEvery
	st.syncEvery = iv
	s.logf("Backup Service sync interval changed from %s to %s.", FormatDuration(old), FormatDuration(iv))
	s.schedule(s.nextTick(st.now), "backup catch-up")
	s.recompute()
}

// frontEndServer resolves a -ComputerName to a Front End Server: its pool and position. It
// writes the error and reports false when the name is missing or names no Front End Server.
func (c *ctx) frontEndServer(param string) (int, int, bool) {
	s := c.s
	name := c.cmd.Str(param)
	if name == "" {
		c.fail("FW-COMPUTER-REQUIRED", "InvalidArgument", fmt.Sprintf("Name the Front End Server with -%s: the simulated shell does not run on a server of the deployment.", param))
		return 0, 0, false
	}
	sp, ok := s.x.server[lower(name)]
	if !ok {
		c.fail("FW-SERVER-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find server "%s" in the topology. Check the FQDN with Get-CsComputer.%s`, name, suggestion(name, s.x.serverNames())))
		return 0, 0, false
	}
	pi := &s.x.pools[sp[0]]
	if !pi.role.IsFrontEnd() {
		c.fail("FW-NOT-FRONTEND", "InvalidArgument", fmt.Sprintf(`Server "%s" belongs to the %s pool "%s": only Front End Servers are failed over and back with this cmdlet.`, pi.servers[sp[1]], roleText(pi.role), pi.fqdn))
		return 0, 0, false
	}
	return sp[0], sp[1], true
}

// cmdComputerFailOver is Invoke-CsComputerFailOver: capacity and quorum checks, the drain
// (replicas move to the other servers), then services stopped and disabled; -Force with
// -WhatIf ignores -WhatIf, as the reference warns.
func cmdComputerFailOver(c *ctx) {
	s := c.s
	st := &s.st
	p, i, ok := c.frontEndServer("ComputerName")
	if !ok {
		return
	}
	pi := &s.x.pools[p]
	k := pi.serverOff + i
	fe := pi.servers[i]
	if c.force && c.whatIf {
		// FACTS §20 item 13: the reference warns that -Force makes the cmdlet ignore -WhatIf.
		c.warnf("-Force and -WhatIf were given together: Invoke-CsComputerFailOver ignores -WhatIf when -Force is present, so %s is really failed over now. Use -WhatIf alone to see what would happen.", fe)
		c.whatIf = false
	}
	if st.drained[k] {
		c.fail("FW-COMPUTER-FAILED-OVER", "InvalidOperation", fmt.Sprintf(`Server "%s" is already failed over. Run Invoke-CsComputerFailBack -ComputerName %s to bring it back.`, fe, fe))
		return
	}
	if !st.siteUp[pi.site] || !st.serverUp[k] {
		c.fail("FW-SERVER-DOWN", "ResourceUnavailable", fmt.Sprintf(`Server "%s" cannot be reached: it is not running. Its users have already moved to the other Front End Servers of "%s".`, fe, pi.fqdn))
		return
	}
	if !st.serving[p] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, pi.fqdn, s.downReason(p)))
		return
	}
	// The rest of the pool must keep quorum whatever -Force says.
	after := cp(s.serversOf(p))
	after[i] = false
	if r := quorum.MinRunning(len(after), pi.version); !quorum.PoolFunctional(after, pi.version) {
		c.fail("FW-COMPUTER-QUORUM", "InvalidOperation", fmt.Sprintf(
			`Failing over "%s" would leave pool "%s" below its quorum: it needs %s, and %d of %d Front End Servers would run. Bring the other servers back first.`,
			fe, pi.fqdn, r, s.runningServers(p)-1, len(after)))
		return
	}
	load := s.servedLoad(p)
	others := s.runningServers(p) - 1
	if c.force {
		c.step("Skipping the capacity check (-Force).")
	} else {
		c.step("Checking that the other Front End Servers of %s can carry its %d users.", pi.fqdn, load)
		if capa := s.perServer(p) * others; load > capa {
			c.fail("FW-COMPUTER-CAPACITY", "InvalidOperation", fmt.Sprintf(
				`The other %d Front End Servers of pool "%s" cannot carry its %d users (%d each): failing over "%s" would overload them. Use -Force to fail it over anyway.`,
				others, pi.fqdn, load, s.perServer(p), fe))
			return
		}
	}
	share := load / max(s.runningServers(p), 1)
	drain := DurDrainBase + (DurDrainPer6660 * time.Duration(min(share, 1_000_000)) / 6660).Truncate(time.Second)
	cut := false
	if dt, ok := c.cmd.TimeSpan("DrainingTimeout"); ok && dt < drain {
		drain, cut = max(dt, 0), true
	}
	wt, ok := c.cmd.TimeSpan("WaitTime")
	if !ok {
		wt = DefaultComputerWait
	}
	if !c.shouldProcess("Invoke-CsComputerFailOver", fe, false) {
		return
	}
	start := st.now
	if drain > wt {
		c.step("Moving the users of %s to the other Front End Servers of %s.", fe, pi.fqdn)
		c.wait(wt)
		c.fail("FW-COMPUTER-WAIT-TIMEOUT", "OperationTimeout", fmt.Sprintf(
			`The users and sessions of "%s" did not move within %s (they need about %s). Nothing was changed on the server; give a longer -WaitTime, or a -DrainingTimeout that ends the remaining conferences.`,
			fe, FormatDuration(wt), FormatDuration(drain)))
		return
	}
	c.step("Moving the users and routing-group replicas of %s to the other Front End Servers of %s.", fe, pi.fqdn)
	st.drained[k] = true
	s.replace(p)
	s.recompute()
	c.wait(drain)
	if cut {
		c.warnf("The draining timeout ran out: the conferences and sessions still on %s were ended.", fe)
	}
	c.res.Changed = true
	if c.cmd.Switch("NoStop") {
		s.logf("Server %s drained (-NoStop): its services run but hold no users.", fe)
		c.infof("[%s] Invoke-CsComputerFailOver finished in %s: %s holds no users; its services still run (-NoStop).",
			FormatDuration(st.now), FormatDuration(st.now-start), fe)
		return
	}
	c.step("Stopping and disabling the services on %s.", fe)
	c.wait(DurServicesStopOne)
	st.serverUp[k] = false
	s.logf("Server %s failed over: its services are stopped and disabled.", fe)
	s.recompute()
	c.infof("[%s] Invoke-CsComputerFailOver finished in %s: %s is out of pool %s (%d of %d Front End Servers running).",
		FormatDuration(st.now), FormatDuration(st.now-start), fe, pi.fqdn, s.runningServers(p), len(pi.servers))
}

// perServer is how many users one Front End Server of pool p carries (FACTS §12).
func (s *Sim) perServer(p int) int {
	if s.x.pools[p].role == topology.FrontEndStandard {
		return 2500
	}
	return 6660
}

// cmdComputerFailBack is Invoke-CsComputerFailBack: services enabled and, unless -NoStart,
// started; the pool places replicas on the server again.
func cmdComputerFailBack(c *ctx) {
	s := c.s
	st := &s.st
	p, i, ok := c.frontEndServer("ComputerName")
	if !ok {
		return
	}
	pi := &s.x.pools[p]
	k := pi.serverOff + i
	fe := pi.servers[i]
	if !st.drained[k] {
		c.fail("FW-COMPUTER-NOT-FAILED-OVER", "InvalidOperation", fmt.Sprintf(`Server "%s" is not failed over: there is nothing to fail back.`, fe))
		return
	}
	if !st.siteUp[pi.site] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Server "%s" cannot be reached (%s).`, fe, s.downReason(p)))
		return
	}
	wt, ok := c.cmd.TimeSpan("WaitTime")
	if !ok {
		wt = DefaultComputerWait
	}
	if !c.shouldProcess("Invoke-CsComputerFailBack", fe, false) {
		return
	}
	start := st.now
	c.step("Enabling the services on %s.", fe)
	c.res.Changed = true
	if c.cmd.Switch("NoStart") {
		st.drained[k] = false
		s.logf("Server %s failed back with -NoStart: its services are enabled but not started.", fe)
		s.recompute()
		return
	}
	if wt < DurServicesStart {
		c.wait(wt)
		c.fail("FW-COMPUTER-WAIT-TIMEOUT", "OperationTimeout", fmt.Sprintf(
			`Server "%s" did not rejoin pool "%s" within %s (it needs about %s). Its services are enabled; run the cmdlet again with a longer -WaitTime.`,
			fe, pi.fqdn, FormatDuration(wt), FormatDuration(DurServicesStart)))
		return
	}
	c.step("Starting the services on %s; the pool moves work back onto it.", fe)
	c.wait(DurServicesStart)
	st.drained[k] = false
	st.serverUp[k] = true
	s.replace(p)
	s.logf("Server %s failed back: it runs and takes work again.", fe)
	s.recompute()
	c.infof("[%s] Invoke-CsComputerFailBack finished in %s: %s is back in pool %s (%d of %d Front End Servers running).",
		FormatDuration(st.now), FormatDuration(st.now-start), fe, pi.fqdn, s.runningServers(p), len(pi.servers))
}

// cmdGetComputer is Get-CsComputer: servers in topology order, then branch appliances.
func cmdGetComputer(c *ctx) {
	s := c.s
	x := s.x
	if c.cmd.Switch("Local") {
		c.fail("FW-NOT-MODELLED", "NotImplemented", "The simulated shell does not run on a server of the deployment: name the computer with -Identity or its pool with -Pool.")
		return
	}
	pool := -1
	if c.cmd.Has("Pool") {
		if pool = c.pool("Pool"); pool < 0 {
			return
		}
	}
	id, filter := c.cmd.Str("Identity"), c.cmd.Str("Filter")
	var objs [][]kv
	for p, pi := range x.pools {
		if pool >= 0 && p != pool {
			continue
		}
		for _, sv := range pi.servers {
			if (id != "" && !strings.EqualFold(id, sv)) || (filter != "" && !shell.WildcardMatch(filter, sv)) {
				continue
			}
			objs = append(objs, []kv{{"Identity", sv}, {"Pool", pi.fqdn}, {"Fqdn", sv}})
		}
	}
	if pool < 0 {
		for _, b := range x.branches {
			if (id != "" && !strings.EqualFold(id, b.fqdn)) || (filter != "" && !shell.WildcardMatch(filter, b.fqdn)) {
				continue
			}
			objs = append(objs, []kv{{"Identity", b.fqdn}, {"Pool", b.fqdn}, {"Fqdn", b.fqdn}})
		}
	}
	if id != "" && len(objs) == 0 {
		c.notFound("FW-SERVER-NOT-FOUND", fmt.Sprintf(`Cannot find computer "%s" in the topology.`, id))
		return
	}
	c.list(objs...)
	if pool >= 0 && x.isFE(pool) && len(x.pools[pool].servers) > 0 {
		pi := &x.pools[pool]
		c.infof("Listed in topology order, first ones first: pool-level quorum needs %s.", quorum.MinRunning(len(pi.servers), pi.version))
	}
}

// moduleOf names the module a command belongs to for Get-Command.
func moduleOf(cm *shell.Cmdlet, v topology.Version) string {
	switch {
	case cm.Simulator:
		return "Failwright"
	case strings.HasPrefix(cm.Class, "Microsoft.PowerShell."):
		return "Microsoft.PowerShell.Core"
	case v == topology.Lync2013:
		return "Lync"
	}
	return "SkypeForBusiness"
}

// cmdGetCommand is Get-Command over the catalog of the session's product version.
func cmdGetCommand(c *ctx) {
	v := c.s.versionFor0()
	matchAny := func(patterns []string, s string) bool {
		if len(patterns) == 0 {
			return true
		}
		for _, p := range patterns {
			if shell.WildcardMatch(p, s) {
				return true
			}
		}
		return false
	}
	names := c.cmd.Params["Name"].List
	verbs, nouns, modules := c.cmd.Params["Verb"].List, c.cmd.Params["Noun"].List, c.cmd.Params["Module"].List
	keep := func(cm *shell.Cmdlet) bool {
		verb, noun, _ := strings.Cut(cm.Name, "-")
		mod := moduleOf(cm, v)
		modOK := matchAny(modules, mod) || (mod == "SkypeForBusiness" && matchAny(modules, "Lync")) || (mod == "Lync" && matchAny(modules, "SkypeForBusiness"))
		return matchAny(verbs, verb) && matchAny(nouns, noun) && modOK
	}
	var rows [][]string
	seen := map[string]bool{}
	add := func(cm *shell.Cmdlet) {
		if !seen[cm.Name] && keep(cm) {
			seen[cm.Name] = true
			rows = append(rows, []string{"Cmdlet", cm.Name, moduleOf(cm, v)})
		}
	}
	var missing []string
	if len(names) == 0 {
		for _, cm := range shell.Default.Cmdlets(v) {
			add(cm)
		}
	}
	for _, n := range names {
		if strings.ContainsAny(n, "*?") {
			for _, cm := range shell.Default.Cmdlets(v) {
				if shell.WildcardMatch(n, cm.Name) {
					add(cm)
				}
			}
			continue
		}
		cm := shell.Default.Lookup(n)
		if cm == nil || !cm.In(v) {
			missing = append(missing, n)
			continue
		}
		add(cm)
	}
	if len(rows) > 0 {
		c.outf("")
		c.table([]string{"CommandType", "Name", "Source"}, rows)
		c.outf("")
	}
	for _, n := range missing {
		e := shell.NewError(c.cmd.Cmdlet, "CommandNotFoundException", "ObjectNotFound", fmt.Sprintf(
			"The term '%s' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", n))
		e.Target, e.TargetType, e.Reason = n, "String", "CommandNotFoundException"
		if c.nonFatalRecord(e) {
			return
		}
	}
}

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

// cmdRgsReplicate is Invoke-CsRgsStoreReplicateData (2019): it puts a pool's existing
// Response Group data in the backup tables, so that the Backup Service copies it once
// -EnableRgsBackupService is on (FACTS §10).
func cmdRgsReplicate(c *ctx) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	if !s.st.serving[p] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, pi.fqdn, s.downReason(p)))
		return
	}
	if !s.st.bcfg.rgs {
		c.warnf("The Backup Service does not copy Response Group data yet: run Set-CsBackupServiceConfiguration -EnableRgsBackupService $true.")
	}
	c.step("Copying the Response Group data of %s to its backup tables.", pi.fqdn)
	c.wait(DurCMSReplication)
	if !s.st.rgsInit[p] {
		s.st.rgsInit[p] = true
		s.logf("Response Group data of %s is in its backup tables.", pi.fqdn)
	}
	c.res.Changed = true
}
