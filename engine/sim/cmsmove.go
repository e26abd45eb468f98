package sim

import (
	"fmt"
	"strings"
)

// The CMS route of the official procedure when the CMS cannot be failed over (no standby):
// Install-CsDatabase -CentralManagementDatabase, Move-CsManagementServer, then local setup
// (Bootstrapper) on the other servers; and Get-CsManagementConnection, which the support
// article runs to find the store -Restore must be run against.
func init() {
	// Registered here, after cmdlets.go's init (files initialise in name order), to keep the
	// CMS cmdlets in the CMS files.
	handlers["Get-CsManagementConnection"] = cmdManagementConnection
	handlers["Install-CsDatabase"] = cmdInstallDatabase
	handlers["Move-CsManagementServer"] = cmdMoveManagementServer
}

// cmdManagementConnection is Get-CsManagementConnection: the SQL store the service control
// point names, which is the active master's store; it reads Active Directory, not the store,
// so it answers even when the store does not.
func cmdManagementConnection(c *ctx) {
	cp := c.s.st.cmsPool
	if cp < 0 {
		c.fail("FW-NO-CMS", "ObjectNotFound", "The topology has no Central Management store.")
		return
	}
	c.list([]kv{
		{"StoreProvider", "Sql"},
		{"Connection", c.s.cmsStore(cp)},
		{"ReadOnly", "False"},
	})
}

// sqlPool finds the pool whose back end, mirror or Standard Edition server is the SQL Server
// fqdn, or -1.
func (x *index) sqlPool(fqdn string) int {
	for p, pi := range x.pools {
		if !pi.role.IsFrontEnd() {
			continue
		}
		if pi.hasBE && (strings.EqualFold(fqdn, pi.beFQDN) || (pi.hasMirror && strings.EqualFold(fqdn, pi.mirror))) {
			return p
		}
		if !pi.hasBE && (strings.EqualFold(fqdn, pi.fqdn) || (len(pi.servers) > 0 && strings.EqualFold(fqdn, pi.servers[0]))) {
			return p
		}
	}
	return -1
}

// cmdInstallDatabase is Install-CsDatabase. failwright models its -CentralManagementDatabase
// form only: a new, empty CMS database (xds and lis) on a Front End pool's SQL Server, for
// Move-CsManagementServer.
func cmdInstallDatabase(c *ctx) {
	s := c.s
	if !c.cmd.Switch("CentralManagementDatabase") {
		c.outf("The simulator installs only the Central Management database (-CentralManagementDatabase); the other databases of the topology are already in place.")
		return
	}
	sql := c.cmd.Str("SqlServerFqdn")
	p := s.x.sqlPool(sql)
	if p < 0 {
		c.fail("FW-SQL-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(
			`The SQL Server "%s" is not the back end of a Front End pool (or a Standard Edition server) in the topology.`, sql))
		return
	}
	pi := &s.x.pools[p]
	if !s.poolStoreUp(p) {
		c.fail("FW-SQL-UNAVAILABLE", "ResourceUnavailable", fmt.Sprintf(`Cannot connect to the SQL Server "%s" (%s).`, sql, s.downReason(p)))
		return
	}
	if p == s.st.cmsPool && s.cmsAvailable() {
		c.fail("FW-CMS-DB-IN-USE", "InvalidOperation", fmt.Sprintf(
			`The SQL Server "%s" holds the active Central Management store; install the new database on the SQL Server of the pool the CMS moves to.`, sql))
		return
	}
	if !c.shouldProcess("Install-CsDatabase", "Central Management database on "+s.cmsStore(p), false) {
		return
	}
	c.step("Creating the Central Management databases (xds, lis) on %s.", s.cmsStore(p))
	if c.cmd.Switch("Clean") {
		c.step("-Clean: the existing xds and lis databases on %s are dropped first.", s.cmsStore(p))
	}
	c.wait(DurCMSReplication)
	s.st.cmsFault.installed = p
	s.logf("A new Central Management database is installed on %s.", s.cmsStore(p))
	c.res.Changed = true
	c.infof("[%s] Install-CsDatabase: the Central Management database is installed on %s (pool %s); move the CMS to it with Move-CsManagementServer on a Front End of %s.",
		FormatDuration(s.st.now), s.cmsStore(p), pi.fqdn, pi.fqdn)
}

// cmdMoveManagementServer is Move-CsManagementServer: the CMS moves to the pool holding the
// new database (or -TargetFqdn), from the old store when it answers, else (-Force) from the
// configuration exports; local setup must then run on the servers it lists.
func cmdMoveManagementServer(c *ctx) {
	s := c.s
	st := &s.st
	x := s.x
	cp := st.cmsPool
	if cp < 0 {
		c.fail("FW-NO-CMS", "ObjectNotFound", "The topology has no Central Management store.")
		return
	}
	t := st.cmsFault.installed
	if c.cmd.Has("TargetFqdn") {
		if t = c.pool("TargetFqdn"); t < 0 {
			return
		}
	}
	if t < 0 || st.cmsFault.installed != t {
		where := "the pool it moves to"
		if t >= 0 {
			where = s.cmsStore(t)
		}
		c.fail("FW-CMS-NO-NEW-STORE", "InvalidOperation", fmt.Sprintf(
			"No new Central Management store is installed on %s. Create it first: Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn <SQL Server> -SqlInstanceName <instance>", where))
		return
	}
	ti := &x.pools[t]
	if !st.serving[t] {
		c.fail("FW-CMS-TARGET-DOWN", "ResourceUnavailable", fmt.Sprintf(
			`Cannot move the Central Management Server to pool "%s": the Front End service does not run there (%s).`, ti.fqdn, s.downReason(t)))
		return
	}
	live := s.cmsAvailable()
	if !live && !c.cmd.Switch("Force") {
		c.fail("FW-CMS-MOVE-FORCE", "InvalidOperation", fmt.Sprintf(
			`The Central Management store on pool "%s" cannot be reached, so it cannot be set read-only before the move. Use -Force to move it anyway, with -ConfigurationFileName and -LisConfigurationFileName naming your latest Export-CsConfiguration and Export-CsLisConfiguration files.`, x.pools[cp].fqdn))
		return
	}
	c.outf("This cmdlet moves Central Management Server to the pool that contains this computer.")
	c.outf("")
	c.outf(" Current State:")
	c.outf(` Central Management Server Pool: "%s"`, x.pools[cp].fqdn)
	c.outf(` Central Management Store: "%s"`, s.cmsStore(cp))
	c.outf("")
	c.outf(" Proposed State:")
	c.outf(` Central Management Server Pool: "%s"`, ti.fqdn)
	c.outf(` Central Management Store: "%s"`, s.cmsStore(t))
	if !c.shouldProcess("Move-CsManagementServer", "Central Management Server: "+x.pools[cp].fqdn+" -> "+ti.fqdn, false) {
		return
	}
	if !live && !c.cmd.Has("ConfigurationFileName") {
		c.warnf("No -ConfigurationFileName: the new Central Management store on %s starts without the configuration of the old one.", s.cmsStore(t))
	}
	start := st.now
	if live {
		c.step("Setting the Central Management store on %s read-only.", s.cmsStore(cp))
		c.step("Copying the Central Management store to %s.", s.cmsStore(t))
	} else {
		c.step("Importing the configuration into %s.", s.cmsStore(t))
	}
	c.step("Updating the service control point in Active Directory to %s.", s.cmsStore(t))
	c.wait(DurCMSFailover)
	old := cp
	st.cmsPool = t
	st.cmsFault = noCMSFault
	st.cmsStandbyOK = false
	st.cmsStandbySince = st.now
	s.logf("Central Management Server moved from %s to %s.", x.pools[old].fqdn, ti.fqdn)
	s.recompute()
	c.res.Changed = true
	c.outf("Run local setup (Bootstrapper.exe) on these computers to finish the move:")
	for _, sv := range x.pools[old].servers {
		c.outf("  %s", sv)
	}
	for i, sv := range ti.servers {
		if i > 0 {
			c.outf("  %s", sv)
		}
	}
	c.infof("[%s] Move-CsManagementServer finished in %s: the Central Management store is active on %s.",
		FormatDuration(st.now), FormatDuration(st.now-start), ti.fqdn)
}
