package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/engine/topology"
)

// simVerbs are the simulator's own commands: faults, repairs and time.
var simVerbs = map[string]func(*ctx){
	"Stop-SimServer":          func(c *ctx) { c.setServer(false) },
	"Start-SimServer":         func(c *ctx) { c.setServer(true) },
	"Stop-SimPool":            func(c *ctx) { c.setPool(false, false) },
	"Start-SimPool":           func(c *ctx) { c.setPool(true, false) },
	"Stop-SimEdgePool":        func(c *ctx) { c.setPool(false, true) },
	"Start-SimEdgePool":       func(c *ctx) { c.setPool(true, true) },
	"Stop-SimSite":            func(c *ctx) { c.setSite(false) },
	"Start-SimSite":           func(c *ctx) { c.setSite(true) },
	"Stop-SimBackEnd":         func(c *ctx) { c.setBackEnd(false) },
	"Set-SimHydrationFailure": cmdSetHydrationFailure,
	"Start-SimBackEnd":        func(c *ctx) { c.setBackEnd(true) },
	"Disconnect-SimSite":      func(c *ctx) { c.setLink(false) },
	"Connect-SimSite":         func(c *ctx) { c.setLink(true) },
	"Stop-SimBranch":          func(c *ctx) { c.setBranch(false) },
	"Start-SimBranch":         func(c *ctx) { c.setBranch(true) },
	"Wait-SimTime":            cmdWait,
	"Get-SimState":            cmdSimState,
	"Move-SimFederationRoute": cmdMoveFederationRoute,
}

// change applies a fault or repair: it marks the change as a fault (for the RTO figures) when
// something stops, prints the events that follow as notices, and re-derives the state.
func (c *ctx) change(fault bool, f func()) {
	s := c.s
	s.noticeEvents = true
	s.st.faulting = fault
	f()
	s.recompute()
	s.st.faulting = false
	s.noticeEvents = false
	c.res.Lines = append(c.res.Lines, s.out...)
	s.out = nil
	c.res.Changed = true
}

func (c *ctx) setServer(up bool) {
	s := c.s
	name := c.cmd.Str("Fqdn")
	sp, ok := s.x.server[lower(name)]
	if !ok {
		c.fail("FW-SERVER-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find server "%s" in the topology.%s`, name, suggestion(name, s.x.serverNames())))
		return
	}
	pi := &s.x.pools[sp[0]]
	i := pi.serverOff + sp[1]
	if s.st.serverUp[i] == up {
		c.warnf(`Server "%s" is already %s.`, pi.servers[sp[1]], upText(up))
		return
	}
	if up && s.st.drained[i] {
		c.warnf(`Server "%s" boots, but its Skype for Business services stay stopped: Invoke-CsComputerFailOver disabled them. Run Invoke-CsComputerFailBack -ComputerName %s.`, pi.servers[sp[1]], pi.servers[sp[1]])
		return
	}
	c.change(!up, func() {
		s.st.serverUp[i] = up
		s.logf("Server %s %s.", pi.servers[sp[1]], startedText(up))
	})
}

func upText(up bool) string {
	if up {
		return "running"
	}
	return "stopped"
}

func startedText(up bool) string {
	if up {
		return "started"
	}
	return "stopped"
}

func (c *ctx) setPool(up, edge bool) {
	s := c.s
	p := c.pool("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	if edge && pi.role != topology.Edge {
		c.fail("FW-NOT-EDGE", "InvalidArgument", fmt.Sprintf(`Pool "%s" is not an Edge pool; use %s-SimPool.`, pi.fqdn, map[bool]string{true: "Start", false: "Stop"}[up]))
		return
	}
	c.change(!up, func() {
		kept := 0
		for i := range pi.servers {
			k := pi.serverOff + i
			if up && s.st.drained[k] {
				kept++ // its services are disabled until Invoke-CsComputerFailBack
				continue
			}
			s.st.serverUp[k] = up
		}
		s.logf("Every server of pool %s %s.", pi.fqdn, startedText(up))
		if kept > 0 {
			s.logf("%d of them stay without services: Invoke-CsComputerFailOver disabled them.", kept)
		}
	})
}

func (c *ctx) site(param string) int {
	name := c.cmd.Str(param)
	i := c.s.x.findSite(name)
	if i < 0 {
		var names []string
		for _, si := range c.s.x.sites {
			names = append(names, si.name)
		}
		c.fail("FW-SITE-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find site "%s". The sites are: %s.`, name, strings.Join(names, ", ")))
	}
	return i
}

func (c *ctx) setSite(up bool) {
	s := c.s
	i := c.site("Site")
	if i < 0 {
		return
	}
	if s.st.siteUp[i] == up {
		c.warnf(`Site "%s" is already %s.`, s.x.sites[i].name, map[bool]string{true: "up", false: "down"}[up])
		return
	}
	c.change(!up, func() {
		s.st.siteUp[i] = up
		n := len(s.x.sites[i].pools)
		s.logf("Site %s %s (%d %s).", s.x.sites[i].name, map[bool]string{true: "is back", false: "is lost"}[up], n, map[bool]string{true: "pool", false: "pools"}[n == 1])
	})
}

func (c *ctx) setBackEnd(up bool) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	mirror := c.cmd.Switch("Mirror")
	if mirror && !pi.hasMirror {
		c.fail("FW-NO-MIRROR", "InvalidArgument", fmt.Sprintf(`Pool "%s" has no back-end mirror.`, pi.fqdn))
		return
	}
	c.change(!up, func() {
		name := pi.beFQDN
		if mirror {
			s.st.mirrorUp[p] = up
			name = pi.mirror
		} else {
			s.st.beUp[p] = up
		}
		if name == "" {
			s.logf("The local SQL Server Express store of %s %s.", pi.fqdn, startedText(up))
			return
		}
		s.logf("Back end %s %s.", name, startedText(up))
	})
}

func (c *ctx) setLink(up bool) {
	s := c.s
	a := c.site("Site")
	if a < 0 {
		return
	}
	b := c.site("To")
	if b < 0 {
		return
	}
	if a == b {
		c.fail("FW-SAME-SITE", "InvalidArgument", "-Site and -To name the same site: a link joins two different sites.")
		return
	}
	n := len(s.x.sites)
	c.change(!up, func() {
		s.st.cut[a*n+b], s.st.cut[b*n+a] = !up, !up
		s.logf("Link %s - %s %s.", s.x.sites[a].name, s.x.sites[b].name, map[bool]string{true: "restored", false: "cut"}[up])
	})
}

func (c *ctx) setBranch(up bool) {
	s := c.s
	name := c.cmd.Str("Fqdn")
	i := s.x.findBranch(name)
	if i < 0 {
		c.fail("FW-BRANCH-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find branch appliance "%s" in the topology.`, name))
		return
	}
	c.change(!up, func() {
		s.st.branchUp[i] = up
		s.logf("Branch appliance %s %s.", s.x.branches[i].fqdn, startedText(up))
	})
}

func cmdWait(c *ctx) {
	s := c.s
	d := waitDuration(c.cmd)
	if d < 0 {
		c.fail("FW-NEGATIVE-TIME", "InvalidArgument", "Virtual time only moves forward: give a positive duration.")
		return
	}
	if d > 366*24*time.Hour {
		c.fail("FW-TIME-TOO-LONG", "InvalidArgument", "Wait-SimTime waits at most 366 days at a time.")
		return
	}
	from := s.st.now
	s.noticeEvents = true
	s.Advance(d)
	s.noticeEvents = false
	c.res.Lines = append(c.res.Lines, s.out...)
	s.out = nil
	c.infof("[%s] %s passed (from %s).", FormatDuration(s.st.now), FormatDuration(d), FormatDuration(from))
	c.res.Changed = d > 0
}

// cmdSimState is Get-SimState: the pools, the branch appliances, the CMS, the Backup Service,
// what is down, the users by mode and the figures of the run so far.
func cmdSimState(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	c.outf("Virtual time %s", FormatDuration(st.now))
	c.outf("")
	c.stateTable()
	if len(x.branches) > 0 {
		c.outf("")
		var rows [][]string
		for i, b := range x.branches {
			by := ""
			if q := st.bServed[i]; q >= 0 {
				by = x.pools[q].fqdn
			} else if st.branchUp[i] && st.bMode[i] != ModeSignedOut {
				by = b.fqdn
			}
			rows = append(rows, []string{b.fqdn, map[bool]string{true: "Up", false: "Down"}[st.branchUp[i]], fmt.Sprint(b.users), string(st.bMode[i]), by})
		}
		c.table([]string{"Branch", "Health", "Users", "Mode", "ServedBy"}, rows)
	}
	c.outf("")
	if line := s.edgeSummary(); line != "" {
		c.outf("%s", line)
	}
	if cp := st.cmsPool; cp >= 0 {
		c.outf("CMS: active master on %s (%s)", x.pools[cp].fqdn, map[bool]string{true: "available", false: "unavailable"}[s.cmsAvailable()])
	} else {
		c.outf("CMS: none")
	}
	if len(x.dirs) > 0 {
		c.outf("")
		var rows [][]string
		for d, di := range x.dirs {
			rows = append(rows, []string{x.pools[di.from].fqdn + " -> " + x.pools[di.to].fqdn, string(s.backupState(d)),
				FormatDuration(s.lastSyncView(d)), FormatDuration(s.backlog(d))})
		}
		c.table([]string{"Backup", "State", "LastSync", "Backlog"}, rows)
	}
	c.stateFigures()
}

// stateTable prints Get-SimState's table of pools.
func (c *ctx) stateTable() {
	s := c.s
	x := s.x
	st := &s.st
	var rows [][]string
	for p, pi := range x.pools {
		up := s.runningServers(p)
		if !st.siteUp[pi.site] {
			up = 0 // nothing runs in a site that is down
		}
		svc := "Running"
		if st.stopped[p] {
			svc = "Stopped"
		}
		if n := s.drainedServers(p); n > 0 {
			svc += fmt.Sprintf(" (%d drained)", n)
		}
		users, mode, by := "", "", ""
		if pi.role.IsFrontEnd() {
			users = fmt.Sprint(pi.users)
			mode = string(st.mode[p])
			if k := s.stranded(p, st.rgLost[p]); k > 0 {
				mode += fmt.Sprintf(" (%d Resiliency)", k)
			}
			if b := st.servedBy[p]; b >= 0 {
				by = x.pools[b].fqdn
			}
		} else if pi.role == topology.Edge {
			svc = "-"
			if h := st.nextHop[p]; h >= 0 {
				by = "next hop " + x.pools[h].fqdn
			}
		}
		ps := ""
		if pi.role.IsFrontEnd() {
			ps = string(st.poolState[p])
		}
		rows = append(rows, []string{pi.fqdn, x.sites[pi.site].name, shortRole(pi.role),
			fmt.Sprintf("%d/%d", up, len(pi.servers)), string(st.health[p]), ps, svc, users, s.loadText(p), mode, by})
	}
	c.table([]string{"Pool", "Site", "Role", "Servers", "Health", "PoolState", "Services", "Users", "Load", "Mode", "ServedBy"}, rows)
}

// loadText is Get-SimState's Load column for pool p: the users a serving Front End pool serves
// now (its own and failed-over ones) against its capacity, or "".
func (s *Sim) loadText(p int) string {
	pi := &s.x.pools[p]
	if !pi.role.IsFrontEnd() || !s.st.serving[p] {
		return ""
	}
	// 6,660 users per running Front End, or 2,500 for a Standard Edition server (5,000 in
	// failover), FACTS §12.
	capa, served := s.capacity(p), s.servedLoad(p)
	if pi.role == topology.FrontEndStandard && served <= pi.users {
		capa = 2500 // a Standard Edition server alone; 5,000 only while it carries its partner's users
	}
	if capa <= 0 {
		return ""
	}
	return fmt.Sprintf("%d%%", (served*100+capa/2)/capa)
}

// stateFigures prints the end of Get-SimState: the sites down and links cut, the users by mode,
// and the RTO and data loss so far.
func (c *ctx) stateFigures() {
	s := c.s
	x := s.x
	st := &s.st
	var down, cut []string
	for i, si := range x.sites {
		if !st.siteUp[i] {
			down = append(down, si.name)
		}
	}
	snap := s.Snapshot()
	for _, l := range snap.CutLinks {
		cut = append(cut, l[0]+" - "+l[1])
	}
	sort.Strings(down)
	if len(down) > 0 || len(cut) > 0 {
		c.outf("")
	}
	if len(down) > 0 {
		c.outf("Sites down: %s", strings.Join(down, ", "))
	}
	if len(cut) > 0 {
		c.outf("Links cut: %s", strings.Join(cut, ", "))
	}
	var counts []string
	for i, m := range Modes {
		counts = append(counts, fmt.Sprintf("%s %d", m, st.last[i]))
	}
	c.outf("")
	c.outf("Users: %s", strings.Join(counts, ", "))
	c.featureLines()
	rep := s.Report()
	if len(rep.RTO) > 0 {
		var parts []string
		for _, k := range sortedKeys(rep.RTO) {
			v := FormatDuration(rep.RTO[k])
			if rep.RTO[k] == 0 {
				v = "not yet restored"
			}
			parts = append(parts, k+" "+v)
		}
		c.outf("RTO: %s", strings.Join(parts, ", "))
	}
	if len(rep.DataLoss) > 0 {
		var parts []string
		for _, k := range sortedKeys(rep.DataLoss) {
			parts = append(parts, k+" "+FormatDuration(rep.DataLoss[k]))
		}
		c.outf("Data loss: %s", strings.Join(parts, ", "))
	}
}

func sortedKeys(m map[string]time.Duration) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func shortRole(r topology.Role) string {
	switch r {
	case topology.FrontEndEnterprise:
		return "FE-EE"
	case topology.FrontEndStandard:
		return "FE-SE"
	case topology.Edge:
		return "Edge"
	case topology.Director:
		return "Director"
	}
	return string(r)
}

// drainedServers counts pool p's servers taken out by Invoke-CsComputerFailOver.
func (s *Sim) drainedServers(p int) int {
	pi := &s.x.pools[p]
	n := 0
	for _, d := range s.st.drained[pi.serverOff : pi.serverOff+len(pi.servers)] {
		if d {
			n++
		}
	}
	return n
}
