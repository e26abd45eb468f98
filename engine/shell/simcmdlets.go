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
