package plan

import (
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// This file lays out the groups of the whole recovery that follow the pool failover: DNS and
// simple URLs, Response Groups, Call Park and announcements, the location database,
// Persistent Chat, federation and XMPP (docs/plans.md, "Groups"; docs/recovery.md). A group
// appears only for the parts the topology models; a topology that models none of them keeps
// the manual Response Group, Call Park, announcement and location steps every plan had before.

// Estimated durations of the work done by hand (failwright's estimates; the simulator takes
// no time for these changes). A DNS record changed by hand adds its TTL: clients keep the old
// answer until it has passed (SFB:plan-your-deployment/network-requirements/simple-urls.md).
const (
	// DNSDuration is changing a record in the DNS servers.
	DNSDuration = 5 * time.Minute
	// TopologyDuration is a Topology Builder change, published, and Setup on the servers.
	TopologyDuration = 15 * time.Minute
	// ChatDBDuration is bringing a log-shipped Persistent Chat database online (FACTS §19).
	ChatDBDuration = 30 * time.Minute
	// ChatStateDuration is Set-CsPersistentChatState.
	ChatStateDuration = 5 * time.Minute
	// XMPPRouteDuration is Set-CsSite -XmppExternalFederationRoute.
	XMPPRouteDuration = 5 * time.Minute
)

// recoveryModelled reports whether the topology models any part a pool failover does not
// bring back (docs/recovery.md); the simulator draws the same line (engine/sim).
func recoveryModelled(t *topology.Topology) bool { return t.ModelsRecovery() }

// part reports whether the plan has a step for a part of the failed pool: always for a
// topology that models none of the parts (the steps every plan had), else when the pool has it.
func (b *builder) part(has bool) bool { return !b.modelled || has }

// simulated returns lines when the part is modelled (the simulator follows it), else nil.
func (b *builder) simulated(has bool, lines ...string) []string {
	if b.modelled && has {
		return lines
	}
	return nil
}

// afterFailover lays out the groups that follow the pool failover (FACTS §5, §8b, §15, §19).
func (b *builder) afterFailover() {
	p, bk := b.pool, b.bk
	b.grp = GroupDNS
	b.dnsSteps(bk, "")
	b.grp = GroupResponseGroups
	b.rgsImport()
	b.grp = GroupCallPark
	b.parkSteps(bk, "", "Redirect the Call Park orbits of "+p.FQDN, "Re-create announcements and unassigned numbers on "+bk.FQDN)
	b.grp = GroupLocation
	if b.part(p.LocationDatabase) {
		s := manualStep("lis-restore", "Restore the Location Information Service data into "+bk.FQDN,
			"Import your latest Export-CsLisConfiguration backup of "+p.FQDN+"'s E9-1-1 locations into "+bk.FQDN+" (Import-CsLisConfiguration -FileName <file>), then publish them: Publish-CsLisConfiguration.",
			"Locations, subnets and switches of "+p.FQDN+"'s sites are served from "+bk.FQDN+".",
			"The LIS database is not copied by the Backup Service: it must be restored by hand after a failover, and answers only once published (FACTS §8b, §19).", LISDuration)
		s.Simulate = b.simulated(p.LocationDatabase, "Import-CsLisConfiguration -FileName "+QuoteArg("<file>"), "Publish-CsLisConfiguration")
		b.step(s)
	}
	b.grp = GroupPersistentChat
	b.chatFailover()
	b.grp = GroupFederation
	if fed, to := b.federationMove(); fed != nil {
		s := manualStep("federation-route", "Move outbound federation from "+fed.FQDN+" to "+to.FQDN,
			"In Topology Builder, clear \"Enable federation for this Edge pool (Port 5061)\" on "+fed.FQDN+", set it on "+to.FQDN+", publish the topology, and run Setup on the Edge Servers of "+to.FQDN+".",
			"Federated contacts can reach your users again through "+to.FQDN+".",
			"Outbound federation goes through one designated Edge pool, which is lost with its site; only Topology Builder can move it (FACTS §15).", TopologyDuration)
		s.Simulate = []string{sim.MoveFederationRoute{Pool: to.FQDN}.Line()}
		b.step(s)
	}
	b.xmppMove()
}

// dnsSteps lays out a DNS group: for every simple URL that resolves to the failed pool, a
// check of a GeoDNS name (it follows by itself while its provider answers), or the change of
// a record published by hand that points at the failed pool (its first pool), to the web
// services of pool to. prefix is "" after the failover, "back-" after failback.
func (b *builder) dnsSteps(to *topology.Pool, prefix string) {
	for i := range b.t.SimpleURLs {
		u := &b.t.SimpleURLs[i]
		if !containsFold(u.Pools, b.pool.FQDN) {
			continue
		}
		host, kind := u.Host(), strings.ToLower(string(u.Kind))
		web := webName(to)
		if u.EffectivePublishing() == topology.PublishingGeoDNS {
			b.step(manualStep("dns-check-"+prefix+kind, "Check that "+host+" answers with "+to.FQDN,
				host+" is published by GeoDNS ("+u.DNSProvider+"), which answers with a pool whose web services are up by itself: resolve it inside and outside (Resolve-DnsName "+QuoteArg(host)+") and check the answer. If it does not resolve, the DNS provider does not answer: bring it back or publish the name another way.",
				host+" resolves to the web services of "+to.FQDN+" ("+web+"); nothing to change.",
				"A failover does not move DNS names; a GeoDNS name with health monitoring follows by itself (SFB:plan-your-deployment/network-requirements/simple-urls.md).", checkDuration))
			continue
		}
		if !strings.EqualFold(u.Pools[0], b.pool.FQDN) {
			continue // the record points at another pool: the failover does not touch it
		}
		ttl := time.Duration(u.EffectiveTTLSeconds()) * time.Second
		s := manualStep("dns-"+prefix+kind, "Point "+host+" at the web services of "+to.FQDN,
			"Point "+host+" at the web services of "+to.FQDN+" ("+web+") in the DNS servers that publish it (internal and external). Clients keep the old answer for the record's TTL ("+Duration(ttl).String()+").",
			host+" resolves to "+web+" once the TTL ("+Duration(ttl).String()+") has passed; the predicted duration includes that wait.",
			"The "+string(u.Kind)+" simple URL is published by a record changed by hand: a failover does not move it (SFB:plan-your-deployment/network-requirements/simple-urls.md).", DNSDuration+ttl)
		s.Simulate = []string{sim.SetDNSRecord{Name: host, Target: web}.Line()}
		b.step(s)
	}
}

// webName is the web services FQDN a simple URL's record points at for pool p: the external
// one, else the internal one, else the pool's FQDN.
func webName(p *topology.Pool) string {
	if w := p.WebServices; w != nil {
		if w.External != "" {
			return w.External
		}
		if w.Internal != "" {
			return w.Internal
		}
	}
	return p.FQDN
}

// rgsFile is the file name the plan's simulation lines use for pool p's Response Group export.
func rgsFile(p *topology.Pool) string { return `C:\Backup\` + p.FQDN + `-rgs.zip` }

// rgsImport lays out the Response Group group after the failover: the import into the backup
// pool, or on 2019 the check of the Backup Service's copy.
func (b *builder) rgsImport() {
	p, bk := b.pool, b.bk
	if !b.part(p.ResponseGroups > 0) {
		return
	}
	imp := "Import-CsRgsConfiguration -Destination " + QuoteArg(appServer(bk.FQDN)) + " -FileName " + QuoteArg(rgsFile(p))
	if b.rgsManual(bk) {
		s := manualStep("rgs-import", "Import the Response Groups of "+p.FQDN+" into "+bk.FQDN,
			"Import the Response Group export of "+p.FQDN+": Import-CsRgsConfiguration -Destination "+QuoteArg(appServer(bk.FQDN))+" -FileName <file> (add -ReplaceExistingSettings only to take over its application-level settings). Formal agents sign in to their groups again.",
			"The imported workflows answer on "+bk.FQDN+"; they keep "+p.FQDN+" as their owner, so manage them with the shell until failback.",
			"Response Group data is not copied by the Backup Service"+rgsWhy(bk)+".", RGSDuration)
		s.Simulate = b.simulated(p.ResponseGroups > 0, imp)
		b.step(s)
		return
	}
	s := manualStep("rgs-check", "Check the Response Group copy on "+bk.FQDN,
		"If the Response Group backup of the July 2019 cumulative update is enabled, run Get-CsBackupServiceStatus -PoolFqdn "+QuoteArg(bk.FQDN)+" -Category RGS and expect steady state; otherwise import the Response Group export of "+p.FQDN+" with Import-CsRgsConfiguration -Destination "+QuoteArg(appServer(bk.FQDN))+" -FileName <file>.",
		"The Response Groups of "+p.FQDN+" answer on "+bk.FQDN+".",
		"On 2019 the Backup Service copies Response Group data only once the RGS backup of the July 2019 update is enabled.", 5*time.Minute)
	s.Simulate = b.simulated(p.ResponseGroups > 0, imp)
	b.step(s)
}

// parkSteps lays out the Call Park and announcement steps that point pool b.pool's orbits and
// unassigned numbers at pool to; suffix is "" or "-back".
func (b *builder) parkSteps(to *topology.Pool, suffix, parkTitle, annTitle string) {
	p := b.pool
	if b.part(p.CallPark) {
		s := manualStep("call-park"+suffix, parkTitle,
			"For each Call Park and Group Call Pickup orbit range of "+p.FQDN+": Set-CsCallParkOrbit -Identity <range> -CallParkService "+QuoteArg(appServer(to.FQDN))+".",
			"Parked calls in those ranges are served by "+to.FQDN+".",
			"Call Park settings and custom music on hold are not copied by the Backup Service; the application runs in both pools and the orbits are redirected (FACTS §19).", CallParkDuration)
		s.Simulate = b.simulated(p.CallPark, "Set-CsCallParkOrbit -Identity "+QuoteArg("<range>")+" -CallParkService "+QuoteArg(appServer(to.FQDN)))
		b.step(s)
	}
	if b.part(p.Announcements) {
		s := manualStep("announcements"+suffix, annTitle,
			"Make sure the announcements of "+p.FQDN+" exist on "+to.FQDN+" and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService "+QuoteArg(appServer(to.FQDN))+" -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.",
			"Calls to unassigned numbers hear the announcements from "+to.FQDN+".",
			"Announcement audio files are not copied by the Backup Service (FACTS §19).", AnnouncementDuration)
		s.Simulate = b.simulated(p.Announcements, "Set-CsUnassignedNumber -Identity "+QuoteArg("<range>")+" -AnnouncementService "+QuoteArg(appServer(to.FQDN))+" -AnnouncementName "+QuoteArg("<name>"))
		b.step(s)
	}
}

// chatIdentity is the -Identity of a Persistent Chat pool's state.
func chatIdentity(fqdn string) string { return "service:PersistentChatServer:" + fqdn }

// chatLost reports whether Persistent Chat pool c's active database is lost with the failed
// pool's site: a disaster whose pool is down, in the same site, with a backup site to fail to.
func (b *builder) chatLost(c *topology.PersistentChatPool) bool {
	return b.req.Mode == Disaster && b.st.isDown(b.pool.FQDN) && strings.EqualFold(c.Site, b.pool.Site) && c.BackupSite != ""
}

// chatFailover lays out the Persistent Chat group (FACTS §19): for every pool whose active
// database is lost, the database brought online in the backup site and the pool state set to
// FailedOver; for every pool whose next hop is the failed pool, the next hop moved.
func (b *builder) chatFailover() {
	p, bk := b.pool, b.bk
	for i := range b.t.PersistentChat {
		c := &b.t.PersistentChat[i]
		if b.chatLost(c) {
			b.step(manualStep("pchat-database-"+c.FQDN, "Bring the Persistent Chat database of "+c.FQDN+" online in "+c.BackupSite,
				"In "+c.BackupSite+": stop log shipping, apply the remaining logs and restore the backup database with recovery (restore database mgc with recovery); mirror it if the pool is mirrored there (Install-CsMirrorDatabase).",
				"The backup database of "+c.FQDN+" in "+c.BackupSite+" is online and current up to the last shipped log.",
				"Persistent Chat has its own disaster recovery: a stretched pool whose database is log-shipped to the second data centre, failed over by hand (FACTS §19).", ChatDBDuration))
			look := call("Get-CsPersistentChatState", q("Identity", chatIdentity(c.FQDN)))
			b.step(changeStep("pchat-failover-"+c.FQDN, "Fail Persistent Chat pool "+c.FQDN+" over to "+c.BackupSite,
				call("Set-CsPersistentChatState", q("Identity", chatIdentity(c.FQDN)), lit("PoolState", "FailedOver")),
				"The pool state is FailedOver. Then make the servers of "+c.FQDN+" in "+c.BackupSite+" active: Set-CsPersistentChatActiveServer -Identity "+QuoteArg(chatIdentity(c.FQDN))+" -ActiveServers <servers in "+c.BackupSite+">.",
				"FACTS §19: the pool state tells the servers which database is active.", ChatStateDuration, look))
		}
		if strings.EqualFold(c.NextHop, p.FQDN) {
			s := manualStep("pchat-next-hop-"+c.FQDN, "Route Persistent Chat pool "+c.FQDN+" through "+bk.FQDN,
				"In Topology Builder, set the next hop of Persistent Chat pool "+c.FQDN+" to "+bk.FQDN+" and publish the topology.",
				"Persistent Chat clients reach "+c.FQDN+" through "+bk.FQDN+".",
				"The next-hop Front End pool of a Persistent Chat pool is lost with its site; only Topology Builder changes it (FACTS §19).", TopologyDuration)
			s.Simulate = []string{sim.SetPersistentChatNextHop{FQDN: c.FQDN, Pool: bk.FQDN}.Line()}
			b.step(s)
		}
	}
}

// xmppTarget returns the Edge pool XMPP gateway g moves to when its Edge pool is down: a
// running Edge pool, in the backup pool's site first; nil when there is nothing to move or
// nowhere to move it.
func (b *builder) xmppTarget(g *topology.XMPPGateway) *topology.Pool {
	if !b.st.isDown(g.EdgePool) {
		return nil
	}
	var found *topology.Pool
	for i := range b.t.Pools {
		e := &b.t.Pools[i]
		if e.Role != topology.Edge || b.st.isDown(e.FQDN) || strings.EqualFold(e.FQDN, g.EdgePool) {
			continue
		}
		if strings.EqualFold(e.Site, b.bk.Site) {
			return e
		}
		if found == nil {
			found = e
		}
	}
	return found
}

// xmppMove lays out the XMPP steps of the federation group (FACTS §15): the site's XMPP route
// moved to a running Edge pool, then its DNS records when they are published by hand.
func (b *builder) xmppMove() {
	for i := range b.t.XMPPGateways {
		g := &b.t.XMPPGateways[i]
		to := b.xmppTarget(g)
		if to == nil {
			continue
		}
		b.xmppSteps(g, to, "")
	}
}

// xmppSteps points gateway g's route and records at Edge pool to; suffix is "" or "-back".
func (b *builder) xmppSteps(g *topology.XMPPGateway, to *topology.Pool, suffix string) {
	b.step(changeStep("xmpp-route"+suffix+"-"+g.Domain, "Send XMPP federation through "+to.FQDN,
		call("Set-CsSite", q("Identity", "site:"+to.Site), q("XmppExternalFederationRoute", to.FQDN)),
		"The command completes; XMPP federation of "+g.Domain+" goes through "+to.FQDN+" once its records point there.",
		"XMPP federation goes through one designated Edge pool; the route moves with Set-CsSite (FACTS §15). Stop the Edge services of "+to.FQDN+" before (Stop-CsWindowsService) and start them after, as the procedure says.", XMPPRouteDuration))
	if g.EffectivePublishing() != topology.PublishingManual {
		return
	}
	srv := "_xmpp-server._tcp." + g.Domain
	ttl := time.Duration(g.EffectiveTTLSeconds()) * time.Second
	s := manualStep("xmpp-dns"+suffix+"-"+g.Domain, "Point the XMPP records of "+g.Domain+" at "+to.FQDN,
		"Point the external A record of the XMPP proxy and the "+srv+" SRV record (port 5269) at the Edge pool "+to.FQDN+" in the external DNS, and make sure port 5269 is open to it.",
		"Partners find "+to.FQDN+" once the records' TTL ("+Duration(ttl).String()+") has passed; the predicted duration includes that wait.",
		"XMPP partners find the gateway by its DNS records, which a failover does not move (FACTS §15).", DNSDuration+ttl)
	s.Simulate = []string{sim.SetDNSRecord{Name: srv, Target: to.FQDN}.Line()}
	b.step(s)
}

// containsFold reports whether list holds s, compared case-insensitively.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// federationHome returns the Edge pool that carries the federation route in the topology, or
// nil.
func (b *builder) federationHome() *topology.Pool {
	for i := range b.t.Pools {
		if e := &b.t.Pools[i]; e.Role == topology.Edge && e.FederationRoute {
			return e
		}
	}
	return nil
}

// federationEdge is the FQDN of the Edge pool that carries federation after the failover: the
// one it moves to, else the topology's while it runs; "" when none does.
func (b *builder) federationEdge() string {
	if _, to := b.federationMove(); to != nil {
		return to.FQDN
	}
	if e := b.federationHome(); e != nil && !b.st.isDown(e.FQDN) {
		return e.FQDN
	}
	return ""
}
