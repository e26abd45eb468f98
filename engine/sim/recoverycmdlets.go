package sim

import (
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// This file holds the product cmdlets of the whole recovery: Response Groups, the location
// database, Call Park and announcements, Persistent Chat and the XMPP route (FACTS §8b, §15,
// §19; docs/recovery.md, "In the simulator"). A file an import reads is treated as present:
// at disaster time it is "your latest backup".

// recoveryHandlers are the behaviours of the recovery cmdlets (added to handlers).
var recoveryHandlers = map[string]func(*ctx){
	"Export-CsRgsConfiguration":        cmdExportRgs,
	"Import-CsRgsConfiguration":        cmdImportRgs,
	"Export-CsLisConfiguration":        cmdExportLis,
	"Import-CsLisConfiguration":        cmdImportLis,
	"Publish-CsLisConfiguration":       cmdPublishLis,
	"Set-CsCallParkOrbit":              func(c *ctx) { c.retarget("CallParkService", true) },
	"Set-CsUnassignedNumber":           func(c *ctx) { c.retarget("AnnouncementService", false) },
	"Set-CsPersistentChatState":        cmdSetChatState,
	"Get-CsPersistentChatState":        cmdGetChatState,
	"Set-CsPersistentChatActiveServer": cmdChatActiveServer,
	"Set-CsSite":                       cmdSetSite,
}

// appServer resolves an ApplicationServer:<pool> parameter to a Front End pool that serves,
// writing the error when it names none or the pool is down.
func (c *ctx) appServer(param string) int {
	s := c.s
	v := c.cmd.Str(param)
	p := s.x.appServerPool(v)
	if p < 0 || !s.x.isFE(p) {
		c.fail("FW-APPSERVER-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find the application server "%s": give ApplicationServer:<Front End pool FQDN>.%s`, v, suggestion(v, s.x.frontEndNames())))
		return -1
	}
	if !s.st.serving[p] {
		c.fail("FW-APPSERVER-DOWN", "ResourceUnavailable", fmt.Sprintf(`Cannot connect to the application server "ApplicationServer:%s": the pool does not respond.`, s.x.pools[p].fqdn))
		return -1
	}
	return p
}

func cmdExportRgs(c *ctx) {
	s := c.s
	p := c.appServer("Source")
	if p < 0 {
		return
	}
	if s.x.pools[p].pool.ResponseGroups == 0 && !c.cmd.Has("Owner") {
		c.warnf(`No Response Group configuration was found on "ApplicationServer:%s".`, s.x.pools[p].fqdn)
		return
	}
	// With -Owner the file holds the groups the owner's pool owns on the source: after a
	// failover, the home pool's groups served by the backup pool (FACTS §6).
	held := p
	if c.cmd.Has("Owner") {
		o := s.x.appServerPool(c.cmd.Str("Owner"))
		if o < 0 || !s.x.isFE(o) {
			c.fail("FW-APPSERVER-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find the owner "%s": give ApplicationServer:<Front End pool FQDN>.%s`, c.cmd.Str("Owner"), suggestion(c.cmd.Str("Owner"), s.x.frontEndNames())))
			return
		}
		if s.x.pools[o].pool.ResponseGroups == 0 || s.st.parts.rgsOn[o] != p && o != p {
			c.warnf(`No Response Group owned by "ApplicationServer:%s" was found on "ApplicationServer:%s".`, s.x.pools[o].fqdn, s.x.pools[p].fqdn)
			return
		}
		held = o
	}
	ps := &s.st.parts
	files := make(map[string]int, len(ps.rgsFiles)+1)
	for k, v := range ps.rgsFiles {
		files[k] = v
	}
	files[strings.ToLower(c.cmd.Str("FileName"))] = held
	ps.rgsFiles = files
	c.res.Changed = true
	c.verbosef("Exported %d Response Group workflows owned by %s from %s to %s.", s.x.pools[held].pool.ResponseGroups, s.x.pools[held].fqdn, s.x.pools[p].fqdn, c.cmd.Str("FileName"))
}

// rgsSource is the pool whose Response Groups the file holds: the one exported to it in this
// run, else the pool whose name the file name contains, else the destination's partner (the
// latest backup of the pool a failover moved to it).
func (s *Sim) rgsSource(file string, dest int) int {
	if p, ok := s.st.parts.rgsFiles[strings.ToLower(file)]; ok {
		return p
	}
	lf := strings.ToLower(file)
	for p, pi := range s.x.pools {
		short, _, _ := strings.Cut(pi.fqdn, ".")
		if pi.pool.ResponseGroups > 0 && (strings.Contains(lf, strings.ToLower(pi.fqdn)) || strings.Contains(lf, strings.ToLower(short))) {
			return p
		}
	}
	if b := s.x.pools[dest].partner; b >= 0 && s.x.pools[b].pool.ResponseGroups > 0 {
		return b
	}
	return -1
}

func cmdImportRgs(c *ctx) {
	s := c.s
	p := c.appServer("Destination")
	if p < 0 {
		return
	}
	src := s.rgsSource(c.cmd.Str("FileName"), p)
	if src < 0 {
		c.fail("FW-RGS-NO-BACKUP", "ObjectNotFound", fmt.Sprintf(`"%s" holds no Response Group configuration of a pool of the topology: export it with Export-CsRgsConfiguration -Source ApplicationServer:<pool FQDN> -FileName <file>.`, c.cmd.Str("FileName")))
		return
	}
	if src == p && s.st.parts.rgsOn[p] == p {
		c.warnf(`The file holds the Response Groups of "%s" itself: nothing moved.`, s.x.pools[p].fqdn)
		return
	}
	c.change(false, func() {
		s.st.parts.rgsOn[src] = p
		owner := s.x.pools[src].fqdn
		if c.cmd.Switch("OverwriteOwner") {
			owner = s.x.pools[p].fqdn
		}
		s.logf("Response Groups of %s (%d workflows) imported into %s, owned by %s; agents sign in to their groups again.", s.x.pools[src].fqdn, s.x.pools[src].pool.ResponseGroups, s.x.pools[p].fqdn, owner)
	})
	if !c.cmd.Switch("ReplaceExistingSettings") && s.x.pools[p].pool.ResponseGroups > 0 {
		c.warnf(`The application-level settings of "ApplicationServer:%s" were kept; -ReplaceExistingSettings replaces them with the file's.`, s.x.pools[p].fqdn)
	}
}

// lisPools are the Front End pools that hold a location database.
func (s *Sim) lisPools() []int {
	var out []int
	for p, pi := range s.x.pools {
		if pi.pool.LocationDatabase {
			out = append(out, p)
		}
	}
	return out
}

func cmdExportLis(c *ctx) {
	s := c.s
	if c.cmd.Has("AsBytes") {
		c.verbosef("The simulated shell has no variables to hold the bytes; use -FileName.")
	}
	for _, p := range s.lisPools() {
		if s.st.serving[s.st.parts.lisOn[p]] || s.st.servedBy[p] == p {
			s.st.parts.lisSaved = true
			c.res.Changed = true
			return
		}
	}
	c.fail("FW-LIS-UNAVAILABLE", "ResourceUnavailable", "Cannot connect to the location database: no pool that holds it responds.")
}

func cmdImportLis(c *ctx) {
	s := c.s
	if c.cmd.Has("ByteInput") {
		c.fail("FW-NO-VARIABLES", "NotImplemented", "The simulated shell has no variables to hold the bytes; use -FileName.")
		return
	}
	n := 0
	c.change(false, func() {
		for _, p := range s.lisPools() {
			by := s.st.servedBy[p]
			if by >= 0 && by != p && s.st.serving[by] {
				s.st.parts.lisImported[p] = by
				s.logf("Locations of %s imported into the location database of %s; publish them with Publish-CsLisConfiguration.", s.x.pools[p].fqdn, s.x.pools[by].fqdn)
				n++
			}
		}
	})
	if n == 0 {
		c.verbosef("Every pool with a location database serves its users at home: the import added nothing they need.")
	}
}

func cmdPublishLis(c *ctx) {
	s := c.s
	if !c.requireCMS() || !c.shouldProcess("Publish", "LIS configuration", false) {
		return
	}
	c.change(false, func() {
		for _, p := range s.lisPools() {
			if k := s.st.parts.lisImported[p]; k >= 0 {
				s.st.parts.lisOn[p] = k
				s.st.parts.lisImported[p] = -1
				s.logf("Locations of %s published: the Location Information Service of %s answers with them.", s.x.pools[p].fqdn, s.x.pools[k].fqdn)
			}
		}
	})
}

// retarget is Set-CsCallParkOrbit (park) and Set-CsUnassignedNumber (announcements): the
// orbits or numbers of every pool paired with the named pool (or of the pool itself, after
// failback) are served by it from now on.
func (c *ctx) retarget(param string, park bool) {
	s := c.s
	if !c.cmd.Has(param) {
		c.verbosef("Only -%s changes what the simulator models; the other settings were accepted.", param)
		return
	}
	p := c.appServer(param)
	if p < 0 || !c.requireCMS() || !c.shouldProcess("Set", c.cmd.Str("Identity"), false) {
		return
	}
	what := map[bool]string{true: "Call Park orbits", false: "unassigned-number announcements"}[park]
	n := 0
	c.change(false, func() {
		for q, qi := range s.x.pools {
			has := qi.pool.CallPark
			if !park {
				has = qi.pool.Announcements
			}
			if !has || (q != p && qi.partner != p) {
				continue
			}
			if park {
				s.st.parts.parkOn[q] = p
			} else {
				s.st.parts.annOn[q] = p
			}
			s.logf("The %s of %s are served by %s.", what, qi.fqdn, s.x.pools[p].fqdn)
			n++
		}
	})
	if n == 0 {
		c.fail("FW-NO-ORBIT", "ObjectNotFound", fmt.Sprintf(`No pool of the topology with %s is "%s" or paired with it.`, what, s.x.pools[p].fqdn))
	}
}

func cmdGetChatState(c *ctx) {
	s := c.s
	ids := []int{}
	if c.cmd.Has("Identity") {
		i := c.chatPool("Identity")
		if i < 0 {
			return
		}
		ids = append(ids, i)
	} else {
		for i := range s.x.topo.PersistentChat {
			ids = append(ids, i)
		}
	}
	for _, i := range ids {
		c.list([]kv{{"Identity", "service:PersistentChatServer:" + s.x.topo.PersistentChat[i].FQDN}, {"PoolState", chatStateText(s.st.parts.chatFailed[i])}})
	}
}

// cmdSetChatState is Set-CsPersistentChatState: FailedOver makes the backup site's database
// active (the administrator brought the log-shipped copy online first), Normal the home
// site's (FACTS §19).
func cmdSetChatState(c *ctx) {
	s := c.s
	i := c.chatPool("Identity")
	if i < 0 || !c.cmd.Has("PoolState") {
		return
	}
	cp := &s.x.topo.PersistentChat[i]
	failed := c.cmd.Str("PoolState") == "FailedOver"
	if failed && cp.BackupSite == "" {
		c.fail("FW-PCHAT-NO-BACKUP", "InvalidOperation", fmt.Sprintf(`Persistent Chat pool "%s" is not stretched over two data centres: it has no backup database to fail over to.`, cp.FQDN))
		return
	}
	if !c.requireCMS() || !c.shouldProcess("Set", cp.FQDN, false) {
		return
	}
	c.change(false, func() {
		ps := &s.st.parts
		ps.chatFailed[i] = failed
		ps.chatSite[i] = s.x.findSite(map[bool]string{true: cp.BackupSite, false: cp.Site}[failed])
		s.logf("Persistent Chat pool %s is %s: its database in %s is active.", cp.FQDN, chatStateText(failed), s.x.sites[ps.chatSite[i]].name)
	})
}

func cmdChatActiveServer(c *ctx) {
	s := c.s
	i := c.chatPool("Identity")
	if i < 0 {
		return
	}
	cp := &s.x.topo.PersistentChat[i]
	for _, f := range c.cmd.Params["ActiveServers"].List {
		found := false
		for _, sv := range cp.Servers {
			found = found || strings.EqualFold(sv.FQDN, f)
		}
		if !found && len(cp.Servers) > 0 {
			var names []string
			for _, sv := range cp.Servers {
				names = append(names, sv.FQDN)
			}
			c.fail("FW-PCHAT-SERVER", "ObjectNotFound", fmt.Sprintf(`"%s" is not a server of Persistent Chat pool "%s".%s`, f, cp.FQDN, suggestion(f, names)))
			return
		}
	}
	if !c.requireCMS() || !c.shouldProcess("Set", cp.FQDN, false) {
		return
	}
	c.res.Changed = true
	c.verbosef("Active servers of %s set; the pool serves from the site whose database is active (%s).", cp.FQDN, s.x.sites[s.st.parts.chatSite[i]].name)
}

// cmdSetSite is Set-CsSite; only -XmppExternalFederationRoute changes what the simulator
// models: every XMPP gateway's route moves to the Edge pool named (FACTS §15).
func cmdSetSite(c *ctx) {
	s := c.s
	k := s.x.findSite(strings.TrimPrefix(strings.TrimPrefix(c.cmd.Str("Identity"), "site:"), "Site:"))
	if c.cmd.Has("Identity") && k < 0 {
		var names []string
		for _, si := range s.x.sites {
			names = append(names, si.name)
		}
		v := c.cmd.Str("Identity")
		c.fail("FW-SITE-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find site "%s". The sites are: %s.`, v, strings.Join(names, ", ")))
		return
	}
	if !c.cmd.Has("XmppExternalFederationRoute") {
		c.verbosef("Only -XmppExternalFederationRoute changes what the simulator models; the other settings were accepted.")
		return
	}
	e := s.x.findPool(c.cmd.Str("XmppExternalFederationRoute"))
	if !s.x.isRole(e, topology.Edge) {
		v := c.cmd.Str("XmppExternalFederationRoute")
		var edges []string
		for _, q := range s.x.edges {
			edges = append(edges, s.x.pools[q].fqdn)
		}
		c.fail("FW-NOT-EDGE", "InvalidArgument", fmt.Sprintf(`"%s" is not an Edge pool: the XMPP federation route goes through an Edge pool.%s`, v, suggestion(v, edges)))
		return
	}
	if !c.requireCMS() || !c.shouldProcess("Set", c.cmd.Str("Identity"), false) {
		return
	}
	c.change(false, func() {
		for g := range s.st.parts.xmppRoute {
			s.st.parts.xmppRoute[g] = e
		}
		s.logf("XMPP federation route moved to %s; partners find it once the _xmpp-server._tcp record points there.", s.x.pools[e].fqdn)
	})
}
