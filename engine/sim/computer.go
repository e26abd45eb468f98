package sim

// The Front End Server maintenance cmdlets: Invoke-CsComputerFailOver and FailBack, and
// Get-CsComputer.

import (
	"fmt"
	"strings"
	"time"

	"failwright/engine/quorum"
	"failwright/engine/shell"
	"failwright/engine/topology"
)

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
	if r := quorum.MinRunning(len(after), pi.version); !quorum.PoolFunctionalWitness(after, pi.version, s.witnessUp(p)) {
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
