package shell

// simCmdlets are the simulator's own verbs: faults and time.
func simCmdlets() []Cmdlet {
	fqdn := func(help string, c Completion) Param {
		return Param{Name: "Fqdn", Type: TypeFqdn, Mandatory: true, Position: 1, Complete: c, Help: help}
	}
	pool := func(help string) Param {
		return Param{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Position: 1, Complete: CompletePools, Help: help}
	}
	site := func(help string) Param {
		return Param{Name: "Site", Type: TypeString, Mandatory: true, Position: 1, Complete: CompleteSites, Help: help}
	}
	name := func(help string) Param {
		return Param{Name: "Name", Type: TypeString, Mandatory: true, Position: 1, Help: help}
	}
	chatSite := Param{Name: "Site", Type: TypeString, Position: 2, Complete: CompleteSites, Help: "Only the servers in this site (the stretched pool's data centre)."}
	mirror := sw("Mirror", "The mirror (or secondary replica) instead of the principal.")
	to := Param{Name: "To", Type: TypeString, Mandatory: true, Position: 2, Complete: CompleteSites, Help: "The other site."}
	mk := func(name, syn, desc string, ex Example, ps ...Param) Cmdlet {
		return Cmdlet{Name: name, Simulator: true, Synopsis: syn, Description: desc, Params: ps, Examples: []Example{ex}}
	}
	return []Cmdlet{
		mk("Stop-SimServer", "Simulator: a server stops (crash, power loss).", "The server stops answering. Its pool stays up while it keeps quorum.",
			Example{"Stop-SimServer -Fqdn atl-fe-01.litwareinc.com", "Crashes one Front End."}, fqdn("FQDN of the server.", CompleteServers)),
		mk("Start-SimServer", "Simulator: a stopped server starts again.", "The server answers again; its pool regains quorum when enough servers run.",
			Example{"Start-SimServer -Fqdn atl-fe-01.litwareinc.com", "Brings the Front End back."}, fqdn("FQDN of the server.", CompleteServers)),
		mk("Stop-SimPool", "Simulator: every server of a pool stops.", "The whole pool fails; its users drop to resiliency mode once the registrar failure detection interval has passed.",
			Example{"Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com", "The pool atl-cs-001 fails."}, pool("FQDN of the pool.")),
		mk("Start-SimPool", "Simulator: every server of a pool starts again.", "The pool's servers run again (the pool stays failed over until you fail it back).",
			Example{"Start-SimPool -PoolFqdn atl-cs-001.litwareinc.com", "The pool atl-cs-001 is repaired."}, pool("FQDN of the pool.")),
		mk("Stop-SimSite", "Simulator: a whole site fails.", "Every pool and back end of the site stops. Branch appliances associated with the site keep running: their users lose their backup registrar.",
			Example{"Stop-SimSite -Site Atlanta", "The Atlanta data center is lost."}, site("Name of the site.")),
		mk("Start-SimSite", "Simulator: a failed site comes back.", "Every pool, back end and branch appliance of the site starts again.",
			Example{"Start-SimSite -Site Atlanta", "The Atlanta data center is back."}, site("Name of the site.")),
		mk("Stop-SimBackEnd", "Simulator: a pool's back-end SQL Server fails.", "With -Mirror the mirror fails instead of the principal.",
			Example{"Stop-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com", "The principal back end of atl-cs-001 fails."}, pool("FQDN of the pool."), mirror),
		mk("Set-SimHydrationFailure", "Simulator: the next failbacks of a Lync Server 2013 pool fail to hydrate.",
			"Invoke-CsPoolFailBack stops with \"Failed to complete hydration process after repeated attempts.\", the known issue of the Lync Server 2013 release notes; the pool stays FailingBack with the routing groups already loaded. The documented workaround is to run the cmdlet again until it succeeds. -Count is how many failbacks fail (default 1).",
			Example{"Set-SimHydrationFailure -PoolFqdn red-pool-01.contoso.com", "The next failback of red-pool-01 fails once."}, pool("FQDN of the Lync Server 2013 pool."),
			Param{Name: "Count", Type: TypeInt, Help: "How many failback attempts fail (default 1)."}),
		mk("Start-SimBackEnd", "Simulator: a pool's back-end SQL Server comes back.", "With -Mirror the mirror comes back instead of the principal.",
			Example{"Start-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com", "The principal back end of atl-cs-001 is back."}, pool("FQDN of the pool."), mirror),
		mk("Stop-SimEdgePool", "Simulator: an Edge pool fails.", "Remote users signed in through this Edge pool are disconnected and sign in again through another working Edge pool, if there is one (DNS SRV). If this pool carries the federation route, federation stops until the route is moved (Move-SimFederationRoute). Front End pools associated with it for media lose audio, video and conferencing with remote users until associated with another Edge pool (Set-CsRegistrar -EdgeServer). Pool failover is not affected.",
			Example{"Stop-SimEdgePool -PoolFqdn atl-edge-001.litwareinc.com", "The Edge pool fails."}, pool("FQDN of the Edge pool.")),
		mk("Start-SimEdgePool", "Simulator: a failed Edge pool comes back.", "Remote access and federation through this Edge pool work again.",
			Example{"Start-SimEdgePool -PoolFqdn atl-edge-001.litwareinc.com", "The Edge pool is back."}, pool("FQDN of the Edge pool.")),
		mk("Move-SimFederationRoute", "Simulator: moves the federation route to another Edge pool.", "Stands in for what an administrator does in Topology Builder when the Edge pool carrying federation fails: clear \"Enable federation\" on it, set it on another Edge pool, publish the topology and run Setup on that pool's Edge servers. Needs the Central Management store.",
			Example{"Move-SimFederationRoute -PoolFqdn dfw-edge-001.litwareinc.com", "Federation now goes through the Dallas Edge pool."}, pool("FQDN of the Edge pool that takes the federation route.")),
		mk("Disconnect-SimSite", "Simulator: the network link between two sites is cut.", "Both sites keep running but cannot reach each other: the Backup Service stops copying between them.",
			Example{"Disconnect-SimSite -Site Atlanta -To Dublin", "Cuts the WAN link between Atlanta and Dublin."}, site("One site."), to),
		mk("Connect-SimSite", "Simulator: a cut link between two sites is restored.", "The Backup Service catches up on what it could not copy.",
			Example{"Connect-SimSite -Site Atlanta -To Dublin", "Restores the link."}, site("One site."), to),
		mk("Stop-SimBranch", "Simulator: a Survivable Branch Appliance fails.", "Its users register with their backup registrar pool.",
			Example{"Stop-SimBranch -Fqdn sav-sba-01.litwareinc.com", "The branch appliance fails."}, fqdn("FQDN of the branch appliance.", CompleteServers)),
		mk("Start-SimBranch", "Simulator: a failed Survivable Branch Appliance comes back.", "Its users register with it again.",
			Example{"Start-SimBranch -Fqdn sav-sba-01.litwareinc.com", "The branch appliance is back."}, fqdn("FQDN of the branch appliance.", CompleteServers)),
		mk("Stop-SimLoadBalancer", "Simulator: a hardware load balancer fails.", "The web services behind it stop answering: meetings and the external web services of the pools it fronts are lost, and simple URLs that resolve to it stop working.",
			Example{"Stop-SimLoadBalancer -Name atl-hlb", "The Atlanta load balancer fails."}, name("Name of the load balancer (loadBalancers in the topology).")),
		mk("Start-SimLoadBalancer", "Simulator: a failed load balancer comes back.", "The web services behind it answer again.",
			Example{"Start-SimLoadBalancer -Name atl-hlb", "The Atlanta load balancer is back."}, name("Name of the load balancer.")),
		mk("Stop-SimDnsProvider", "Simulator: a GeoDNS provider stops answering.", "Names it publishes by GeoDNS (simple URLs, XMPP records) no longer resolve: nobody joins meetings through them.",
			Example{"Stop-SimDnsProvider -Name \"Litware GeoDNS\"", "The GeoDNS provider fails."}, name("Name of the DNS provider (dnsProviders in the topology).")),
		mk("Start-SimDnsProvider", "Simulator: a failed GeoDNS provider answers again.", "Its names resolve again, to pools whose web services answer.",
			Example{"Start-SimDnsProvider -Name \"Litware GeoDNS\"", "The GeoDNS provider is back."}, name("Name of the DNS provider.")),
		mk("Stop-SimGateway", "Simulator: a PSTN gateway fails.", "Calls to and from the PSTN through it stop, unless a failover route sends them to another gateway.",
			Example{"Stop-SimGateway -Fqdn atl-gw-01.litwareinc.com", "The Atlanta gateway fails."}, fqdn("FQDN of the PSTN gateway (pstnGateways in the topology).", CompleteNone)),
		mk("Start-SimGateway", "Simulator: a failed PSTN gateway comes back.", "Calls go through it again.",
			Example{"Start-SimGateway -Fqdn atl-gw-01.litwareinc.com", "The Atlanta gateway is back."}, fqdn("FQDN of the PSTN gateway.", CompleteNone)),
		mk("Stop-SimPersistentChat", "Simulator: the servers of a Persistent Chat pool stop, in one data centre or everywhere.", "With -Site only the servers in that site stop; the pool serves again once its database is active in a site whose servers run (Set-CsPersistentChatState, Set-CsPersistentChatActiveServer).",
			Example{"Stop-SimPersistentChat -Fqdn atl-pc-001.litwareinc.com -Site Atlanta", "The Atlanta half of the stretched pool stops."}, fqdn("FQDN of the Persistent Chat pool (persistentChat in the topology).", CompleteNone), chatSite),
		mk("Start-SimPersistentChat", "Simulator: the servers of a Persistent Chat pool start again.", "With -Site only the servers in that site start.",
			Example{"Start-SimPersistentChat -Fqdn atl-pc-001.litwareinc.com", "Every server of the pool runs again."}, fqdn("FQDN of the Persistent Chat pool.", CompleteNone), chatSite),
		mk("Set-SimPersistentChatNextHop", "Simulator: points a Persistent Chat pool at another next-hop Front End pool.", "Stands in for Topology Builder: edit the Persistent Chat pool's next hop, publish the topology. Needs the Central Management store.",
			Example{"Set-SimPersistentChatNextHop -Fqdn atl-pc-001.litwareinc.com -PoolFqdn dfw-cs-001.litwareinc.com", "Persistent Chat routes through the Dallas pool."},
			fqdn("FQDN of the Persistent Chat pool.", CompleteNone), Param{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Position: 2, Complete: CompletePools, Help: "FQDN of the Front End pool that becomes the next hop."}),
		mk("Set-SimDnsRecord", "Simulator: an administrator points a DNS record at another pool, by hand.", "For a simple URL published by a manual record (its host name, such as meet.litwareinc.com) give the Front End pool, or its web services FQDN; for XMPP (_xmpp-server._tcp.<domain>) the Edge pool. Clients keep the old answer until the record's TTL has passed (Wait-SimTime). A name published by GeoDNS follows the pools' health by itself and is refused.",
			Example{"Set-SimDnsRecord -Name dialin.litwareinc.com -Target dfw-cs-001.litwareinc.com", "The Dial-in simple URL now resolves to the Dallas pool's web services, once the TTL has passed."},
			Param{Name: "Name", Type: TypeString, Mandatory: true, Position: 1, Help: "The DNS name: a simple URL's host, or _xmpp-server._tcp.<domain>."},
			Param{Name: "Target", Type: TypeString, Mandatory: true, Position: 2, Complete: CompletePools, Help: "The pool (or web services FQDN) the name resolves to from now on."}),
		{
			Name: "Wait-SimTime", Simulator: true, Sets: []string{"Duration", "Parts"}, DefaultSet: "Duration",
			Synopsis:    "Simulator: lets virtual time pass.",
			Description: "Timers run out, the Backup Service copies data and clients fail over to their backup registrar as time passes. Give -Duration as hh:mm:ss, or -Minutes and -Seconds.",
			Params: []Param{
				{Name: "Duration", Type: TypeTimeSpan, Mandatory: true, Position: 1, Sets: []string{"Duration"}, Help: "How long, as hh:mm:ss (or d.hh:mm:ss)."},
				{Name: "Minutes", Type: TypeInt, Sets: []string{"Parts"}, Help: "Minutes to wait."},
				{Name: "Seconds", Type: TypeInt, Sets: []string{"Parts"}, Help: "Seconds to wait."},
			},
			Examples: []Example{{"Wait-SimTime 00:05:00", "Five minutes pass."}, {"Wait-SimTime -Minutes 30", "Half an hour passes."}},
		},
		{
			Name: "Get-SimState", Simulator: true,
			Synopsis:    "Simulator: shows the state of every pool, the CMS and the Backup Service.",
			Description: "Health and PoolState of each pool, where its users are served and how, each Front End pool's load (users it serves over 6,660 per running Front End), remote access and federation through the Edge pools, where the active CMS is, and the Backup Service state in each direction.",
			Examples:    []Example{{"Get-SimState", "Shows the whole simulated deployment."}},
		},
	}
}
