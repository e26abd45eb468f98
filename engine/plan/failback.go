package plan

import (
	"strings"

	"failwright/engine/sim"
)

// failback lays out §6: wait for the home pool, fail back, copy conference content back, then
// undo the failover's groups in the same order (DNS, Response Groups, Call Park and
// announcements, the location database, Persistent Chat, federation and XMPP, the Edge next
// hop) and verify at home.
func (b *builder) failback() {
	p, bk := b.pool, b.bk
	disaster := b.req.Mode == Disaster
	b.grp = GroupFailback
	b.failbackPool()
	if disaster {
		b.grp = GroupConferenceContent
		b.step(changeStep("conference-content", "Copy conference content back to "+p.FQDN,
			call("Invoke-CsBackupServiceSync", q("PoolFqdn", bk.FQDN), lit("BackupModule", "ConfServices.DataConf")),
			"The sync completes; the ConfServices.DataConf module reports SteadyState.",
			"After a whole-pool failure the conference content created on "+bk.FQDN+" is copied back with this sync (FACTS §6).",
			confSyncDuration, call("Get-CsBackupServiceStatus", q("PoolFqdn", bk.FQDN), lit("Category", "UserData"))))
	}
	b.grp = GroupFailbackDNS
	b.dnsSteps(p, "back-")
	b.grp = GroupFailbackResponseGroups
	if b.part(p.ResponseGroups > 0) {
		rgs := "Import-CsRgsConfiguration -Destination " + QuoteArg(appServer(p.FQDN)) + " -FileName <file>, then remove the imported copies from " + bk.FQDN + " if you like."
		if !b.rgsManual(bk) {
			rgs = "If the 2019 Response Group backup is not enabled, " + rgs + " Otherwise nothing to do."
		}
		s := manualStep("rgs-back", "Bring the Response Groups back to "+p.FQDN, rgs,
			"The Response Groups of "+p.FQDN+" answer at home; agents sign in again.",
			"Response Groups follow their users home by hand (FACTS §6).", RGSDuration)
		s.Simulate = b.simulated(p.ResponseGroups > 0, "Import-CsRgsConfiguration -Destination "+QuoteArg(appServer(p.FQDN))+" -FileName "+QuoteArg(rgsFile(p)))
		b.step(s)
	}
	b.grp = GroupFailbackCallPark
	b.parkSteps(p, "-back", "Point the Call Park orbits back at "+p.FQDN, "Point unassigned numbers back at "+p.FQDN)
	b.grp = GroupFailbackLocation
	if b.part(p.LocationDatabase) {
		s := manualStep("lis-back", "Serve the locations of "+p.FQDN+" from its own database again",
			"If locations changed while on "+bk.FQDN+", export them there (Export-CsLisConfiguration -FileName <file>) and import them into "+p.FQDN+" (Import-CsLisConfiguration -FileName <file>); then Publish-CsLisConfiguration.",
			"The Location Information Service of "+p.FQDN+" answers with every location again.",
			"The location database is not replicated: changes made on the backup pool come home only through an export (FACTS §19).", LISDuration)
		s.Simulate = b.simulated(p.LocationDatabase, "Publish-CsLisConfiguration")
		b.step(s)
	}
	b.grp = GroupFailbackPersistentChat
	b.chatFailback()
	b.grp = GroupFailbackFederation
	if fed, to := b.federationMove(); fed != nil {
		s := manualStep("federation-route-back", "Move outbound federation back to "+fed.FQDN,
			"Once the Edge Servers of "+fed.FQDN+" run again: in Topology Builder, clear federation on "+to.FQDN+", set it on "+fed.FQDN+" again, publish, and run Setup on the Edge Servers of "+fed.FQDN+".",
			"Outbound federation goes through "+fed.FQDN+" again.",
			"Undo the failover's federation move (FACTS §15).", TopologyDuration)
		s.Simulate = []string{sim.MoveFederationRoute{Pool: fed.FQDN}.Line()}
		b.step(s)
	}
	for i := range b.t.XMPPGateways {
		g := &b.t.XMPPGateways[i]
		if b.xmppTarget(g) != nil {
			if home := b.t.PoolByFQDN(g.EdgePool); home != nil {
				b.xmppSteps(g, home, "-back")
			}
		}
	}
	b.grp = GroupFailbackEdge
	for _, e := range b.edges {
		look := call("Get-CsService", sw("EdgeServer"), q("PoolFqdn", e.FQDN))
		b.step(changeStep("edge-next-hop-back-"+e.FQDN, "Point Edge pool "+e.FQDN+" back at "+p.FQDN,
			call("Set-CsEdgeServer", q("Identity", "EdgeServer:"+e.FQDN), q("Registrar", "Registrar:"+p.FQDN)),
			"The Edge service of "+e.FQDN+" lists Registrar:"+p.FQDN+" again.",
			"Restore the topology's Edge next hop now that "+p.FQDN+" serves its users.", edgeDuration, look))
	}
	b.grp = GroupFailbackVerify
	fed := ""
	if e := b.federationHome(); e != nil {
		fed = e.FQDN
	}
	b.verifySteps(p, fed, "failback-verify-")
}

// failbackPool lays out the failback group: wait for the home pool, check the relationship,
// export the Response Groups changed on the backup pool, and fail back.
func (b *builder) failbackPool() {
	p, bk := b.pool, b.bk
	wait := Step{ID: "home-ready", Title: "Wait until " + p.FQDN + " is repaired", Kind: KindWait,
		Instructions: "Wait until every Front End of " + p.FQDN + " and its back end run again, then check with Get-CsPoolFabricState -PoolFqdn " + QuoteArg(p.FQDN) + ".",
		Expect:       "Every routing group of " + p.FQDN + " has a primary and at least one secondary replica.",
		Reason:       "Failback needs the home pool running; nothing else about the CMS is needed (it can stay on " + bk.FQDN + ").",
	}
	if b.req.Mode == Disaster {
		wait.Simulate = inverseSetup(b.req.Setup, p.Site)
	} else {
		wait.Instructions = "Finish the maintenance of " + p.FQDN + " and leave its servers running."
		wait.Expect = "The maintenance of " + p.FQDN + " is done."
	}
	b.step(wait)
	b.step(checkStep("failback-relationship", "Check the backup relationship before failback",
		call("Get-CsPoolBackupRelationship", q("PoolFqdn", p.FQDN)),
		"The backup pool of "+p.FQDN+" is still "+bk.FQDN+".",
		"Failback names the same pool as the failover did.").showing(bk.FQDN))
	if b.rgsManual(bk) && b.part(p.ResponseGroups > 0) {
		b.step(manualStep("rgs-export-back", "Export the Response Groups from "+bk.FQDN,
			"Before failback, export the Response Groups owned by "+p.FQDN+": Export-CsRgsConfiguration -Source "+QuoteArg(appServer(bk.FQDN))+" -Owner "+QuoteArg(appServer(p.FQDN))+" -FileName <file>.",
			"The export file holds the Response Groups changed while on "+bk.FQDN+".",
			"Changes made to imported Response Groups on the backup pool are only kept through an export (FACTS §6).", RGSExportDuration))
	}
	b.step(changeStep("pool-failback", "Fail "+p.FQDN+" back from "+bk.FQDN,
		call("Invoke-CsPoolFailBack", q("PoolFqdn", p.FQDN), sw("Verbose")),
		"The verbose output ends without error (if it reports that hydration failed after repeated attempts, run it again); the users of "+p.FQDN+" are served at home.",
		"Procedure §6: -PoolFqdn names the pool that was failed over. Up to 60 minutes per 20,000 users.",
		b.failbackDuration(), append(b.userChecks(p), call("Get-CsBackupServiceStatus", q("PoolFqdn", p.FQDN), lit("Category", "UserData")))...))
}

// chatFailback lays out the Persistent Chat failback (FACTS §19): the database back in the
// home data centre and the pool state Normal, and the next hop back at the home pool.
func (b *builder) chatFailback() {
	p := b.pool
	for i := range b.t.PersistentChat {
		c := &b.t.PersistentChat[i]
		if b.chatLost(c) {
			b.step(manualStep("pchat-database-back-"+c.FQDN, "Bring the Persistent Chat database of "+c.FQDN+" back to "+c.Site,
				"Clear the active servers, remove mirroring, back up the database in "+c.BackupSite+" and restore it in "+c.Site+", re-create log shipping to "+c.BackupSite+", then make the servers in "+c.Site+" active (Set-CsPersistentChatActiveServer).",
				"The database of "+c.FQDN+" in "+c.Site+" is current and log-shipped to "+c.BackupSite+" again.",
				"Persistent Chat fails back by hand, as it failed over (FACTS §19).", ChatDBDuration))
			look := call("Get-CsPersistentChatState", q("Identity", chatIdentity(c.FQDN)))
			b.step(changeStep("pchat-failback-"+c.FQDN, "Set Persistent Chat pool "+c.FQDN+" back to Normal",
				call("Set-CsPersistentChatState", q("Identity", chatIdentity(c.FQDN)), lit("PoolState", "Normal")),
				"The pool state is Normal: the database in "+c.Site+" is active.",
				"FACTS §19: the last step of the Persistent Chat failback.", ChatStateDuration, look))
		}
		if strings.EqualFold(c.NextHop, p.FQDN) {
			s := manualStep("pchat-next-hop-back-"+c.FQDN, "Route Persistent Chat pool "+c.FQDN+" through "+p.FQDN+" again",
				"In Topology Builder, set the next hop of Persistent Chat pool "+c.FQDN+" back to "+p.FQDN+" and publish the topology.",
				"Persistent Chat clients reach "+c.FQDN+" through "+p.FQDN+" again.",
				"Undo the failover's next-hop change (FACTS §19).", TopologyDuration)
			s.Simulate = []string{sim.SetPersistentChatNextHop{FQDN: c.FQDN, Pool: p.FQDN}.Line()}
			b.step(s)
		}
	}
}
