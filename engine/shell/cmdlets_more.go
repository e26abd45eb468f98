package shell

import "failwright/engine/topology"

// v2019 is the version list of parameters that exist only in Skype for Business Server 2019.
var v2019 = []topology.Version{topology.SfB2019}

// moreCmdlets are the cmdlets around the failover procedure that are not failover cmdlets
// themselves: Backup Service configuration, draining one Front End for patching, listing
// computers, and Get-Command. Names, parameters, sets and versions follow the cmdlet reference;
// the help texts are failwright's own.
func moreCmdlets() []Cmdlet {
	identity := func(help string, sets []string) Param {
		return Param{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsIdentity", Position: 2, Sets: sets, Help: help}
	}
	computer := Param{Name: "ComputerName", Type: TypeString, Position: 1, Complete: CompleteServers, Help: "FQDN of the Front End Server."}
	return []Cmdlet{
		{
			Name:        "Get-CsBackupServiceConfiguration",
			Class:       "Microsoft.Rtc.Management.WritableConfig.Policy.BackupService.GetBackupServiceConfigurationCmdlet",
			Sets:        []string{"Identity", "Filter"},
			DefaultSet:  "Identity",
			Synopsis:    "Shows the Backup Service settings, among them how often pools sync with their partners.",
			Description: "There is one collection of settings, Global, used by every pool. SyncInterval is how often each pool's changes are copied to its partner: it bounds how much a disaster-mode failover loses.",
			Params: []Param{
				identity("The settings to show: Global (the only collection).", []string{"Identity"}),
				{Name: "Filter", Type: TypeString, Sets: []string{"Filter"}, Help: "Collections whose identity matches this wildcard pattern."},
				sw("LocalStore", helpLocalStore),
			},
			Examples: []Example{{"Get-CsBackupServiceConfiguration", "Shows the sync interval and the other Backup Service settings."}},
		},
		{
			Name:          "Set-CsBackupServiceConfiguration",
			Class:         "Microsoft.Rtc.Management.WritableConfig.Policy.BackupService.SetBackupServiceConfigurationCmdlet",
			ShouldProcess: true,
			Sets:          []string{"Identity", "Instance"},
			DefaultSet:    "Identity",
			Synopsis:      "Changes the Backup Service settings, such as the sync interval.",
			Description: "-SyncInterval (00:00:05 to 03:00:00, default 00:02:00) is how often every pool copies its changes to its partner. A longer interval loses more in a disaster-mode failover; a shorter one costs performance. Microsoft advises leaving the default.\n\n" +
				"The settings are global: they apply to every pool at once.",
			Params: []Param{
				identity("The settings to change: Global.", []string{"Identity"}),
				{Name: "Instance", Type: TypeString, TypeName: "System.Management.Automation.PSObject", Sets: []string{"Instance"}, Help: "An object with the settings (not supported by the simulated shell, which has no variables)."},
				{Name: "SyncInterval", Type: TypeTimeSpan, Help: "How often pools copy their changes to their partners (00:00:05 to 03:00:00)."},
				{Name: "MaxBatchesPerCmsSync", Type: TypeInt, Help: "Most batches of Central Management store data copied per sync."},
				{Name: "MaxBatchesPerUserStoreSync", Type: TypeInt, Help: "Most batches of user data copied per sync."},
				{Name: "MaxConcurrentCalls", Type: TypeInt, Help: "Most concurrent calls to the Backup Service."},
				{Name: "MaxDataConfPackageSizeKB", Type: TypeInt, Help: "Largest conference-content package, in KB."},
				{Name: "MaxHighPriQueuePercentagePerUserStoreSync", Type: TypeInt, Versions: v2015Up, Help: "Share of a user-data sync given to the high-priority queue, in percent."},
				{Name: "EnableRgsBackupService", Type: TypeBool, Versions: v2019, Help: "Whether the Backup Service also copies Response Group data (2019 with the July 2019 cumulative update)."},
				{Name: "AuthorizedLocalAccounts", Type: TypeString, Help: "Local accounts allowed to call the Backup Service."},
				{Name: "AuthorizedUniversalGroups", Type: TypeString, Help: "Universal groups allowed to call the Backup Service."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Set-CsBackupServiceConfiguration -Identity global -SyncInterval 00:05:00", "Pools sync every five minutes: a disaster-mode failover can lose up to five minutes of changes."}},
		},
		{
			Name:          "Invoke-CsComputerFailOver",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokeComputerFailOverCmdlet",
			ShouldProcess: true,
			Versions:      v2015Up,
			Synopsis:      "Takes one Front End Server out of its pool for maintenance, moving its work to the others first.",
			Description: "The cmdlet moves the server's users and routing-group replicas to the other Front Ends of the pool, drains its conferences and sessions, then stops its services and disables them, so that a reboot during patching does not start them. Invoke-CsComputerFailBack brings it back.\n\n" +
				"It first checks that the rest of the pool can carry the load; -Force skips that check. It waits up to -WaitTime (one hour by default) for the drain; when that is not enough it fails and changes nothing.",
			Notes: "Beware: the reference warns that -Force together with -WhatIf ignores -WhatIf and really fails the server over. The simulator reproduces this, with a warning.",
			Params: []Param{
				computer,
				sw("Force", "Fail the server over without checking that the rest of the pool can carry its load."),
				sw("NoStop", "Move the work off the server but leave its services running."),
				{Name: "Report", Type: TypeString, Help: helpReport},
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait for the users to move and the sessions to drain (default one hour)."},
				{Name: "DrainingTimeout", Type: TypeTimeSpan, Help: "After this long, end the conferences and sessions still on the server instead of waiting for them."},
				sw("SkipFabricHealthCheck", "Reserved for Microsoft's internal use."),
			},
			Examples: []Example{{"Invoke-CsComputerFailOver -ComputerName atl-fe-02.litwareinc.com", "Drains atl-fe-02 and stops its services before it is patched."}},
		},
		{
			Name:          "Invoke-CsComputerFailBack",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokeComputerFailBackCmdlet",
			ShouldProcess: true,
			Versions:      v2015Up,
			Synopsis:      "Returns a Front End Server taken out with Invoke-CsComputerFailOver to its pool.",
			Description:   "Enables the server's services again and starts them, and the pool moves work back onto it. With -NoStart the services are enabled but not started.",
			Params: []Param{
				computer,
				sw("NoStart", "Enable the services but do not start them."),
				{Name: "Report", Type: TypeString, Help: helpReport},
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait for the server to rejoin the pool (default one hour)."},
				sw("SkipFabricHealthCheck", "Skip the check of the pool's Windows Fabric health."),
			},
			Examples: []Example{{"Invoke-CsComputerFailBack -ComputerName atl-fe-02.litwareinc.com", "Brings atl-fe-02 back into its pool after patching."}},
		},
		{
			Name:        "Get-CsComputer",
			Class:       "Microsoft.Rtc.Management.Xds.GetComputerCmdlet",
			Sets:        []string{"Identity", "Filter"},
			DefaultSet:  "Identity",
			Synopsis:    "Lists the computers that run Skype for Business Server services.",
			Description: "With -Pool it lists one pool's servers in the order of the topology. That order matters for quorum: the rule for larger pools counts only the first servers of the list (\"any 4 of the first 7\").",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 1, Sets: []string{"Identity"}, Complete: CompleteServers, Help: "The computer's FQDN."},
				{Name: "Filter", Type: TypeString, Sets: []string{"Filter"}, Help: "Computers whose FQDN matches this wildcard pattern."},
				{Name: "Pool", Type: TypeString, Complete: CompletePools, Help: "Only the computers of this pool."},
				sw("Local", "Only the computer the shell runs on."),
			},
			Examples: []Example{{"Get-CsComputer -Pool atl-cs-001.litwareinc.com", "Lists the Front End Servers of atl-cs-001, first ones first."}},
		},
		{
			Name:          "Invoke-CsDatabaseFailover",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokeDatabaseFailoverCmdlet",
			ShouldProcess: true,
			Synopsis:      "Moves a pool's databases from the primary SQL Server to its mirror, or back.",
			Description: "Use it before maintenance of the primary SQL Server, and with -NewPrincipal Primary to move back once it is repaired: an automatic failover to the mirror does not move back by itself. With a witness (or AlwaysOn or clustering) the mirror takes over by itself when the primary stops. Without a witness nothing fails over: the Front Ends keep their sessions for about 30 minutes, then the pool goes down until you run this cmdlet with -NewPrincipal Mirror.\n\n" +
				"It fails when the pool's back end has no mirror.",
			Notes: "The simulator keeps all of a pool's databases on one SQL Server: whatever -DatabaseType names, the pool's whole back end moves.",
			Params: []Param{
				{Name: "DatabaseType", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.Hadr.DatabaseNameType", Mandatory: true, Enum: []string{"ActiveMonitoring", "Application", "Archiving", "CentralMgmt", "Edge", "Lyss", "Monitoring", "PersistentChat", "PersistentChatCompliance", "Provision", "Registrar", "SigninTelemetry", "User"}, Help: "The kind of database to fail over, such as User or CentralMgmt."},
				{Name: "NewPrincipal", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.Hadr.MirrorRole", Mandatory: true, Enum: []string{"Primary", "Mirror"}, Help: "Where the databases run afterwards: Mirror or Primary."},
				poolFqdn("FQDN of the pool whose back end fails over."),
				{Name: "ExcludeDatabaseList", Type: TypeStringList, Help: "Databases to leave where they are."},
				sw("Force", helpForce),
				sw("LocalStore", helpLocalStore),
				{Name: "Report", Type: TypeString, Help: helpReport},
			},
			Examples: []Example{{"Invoke-CsDatabaseFailover -PoolFqdn atl-cs-001.litwareinc.com -DatabaseType User -NewPrincipal Mirror", "The user databases of atl-cs-001 run on the mirror SQL Server from now on."}},
		},
		{
			Name:        "Invoke-CsRgsStoreReplicateData",
			Class:       "Microsoft.Rtc.Management.Hadr.InvokeRgsStoreReplicateDataCmdlet",
			Versions:    v2019,
			Synopsis:    "Puts a pool's existing Response Group data where the Backup Service copies it from.",
			Description: "Skype for Business Server 2019 (July 2019 cumulative update and later) can back up Response Group data to the paired pool. Enable it with Set-CsBackupServiceConfiguration -EnableRgsBackupService $true, then run this cmdlet once per pool for the Response Groups created before; Get-CsBackupServiceStatus -Category RGS then follows the pool's other data instead of NotInitialized.",
			Params: []Param{
				poolFqdn("FQDN of the pool whose Response Group data is prepared for backup."),
				sw("Force", helpForce),
			},
			Examples: []Example{{"Invoke-CsRgsStoreReplicateData -PoolFqdn fra-pool-01.northwindtraders.com", "Prepares the Response Group data of fra-pool-01 for the Backup Service."}},
		},
		{
			Name:        "Get-Command",
			Aliases:     []string{"gcm"},
			Class:       "Microsoft.PowerShell.Commands.GetCommandCommand",
			Synopsis:    "Lists the commands of the shell.",
			Description: "Without parameters it lists every cmdlet of the session's product version and the simulator's verbs. -Name takes names or wildcard patterns (a name that matches nothing is an error, a pattern is not); -Verb and -Noun filter by the parts of the name.",
			Params: []Param{
				{Name: "Name", Type: TypeStringList, Position: 1, Help: "Names or wildcard patterns, such as *PoolFail*."},
				{Name: "Verb", Type: TypeStringList, Help: "Only commands with this verb (wildcards allowed), such as Invoke."},
				{Name: "Noun", Type: TypeStringList, Help: "Only commands with this noun (wildcards allowed), such as CsPool*."},
				{Name: "Module", Type: TypeStringList, Help: "Only commands of this module: SkypeForBusiness (or Lync), Failwright, Microsoft.PowerShell.Core."},
			},
			Examples: []Example{
				{"Get-Command -Noun CsPool*", "Lists the cmdlets about pools."},
				{"Get-Command -Name Invoke-CsPoolFailOver -ErrorAction SilentlyContinue", "Prints the cmdlet if it exists, and nothing otherwise (how a runbook checks it runs in the right shell)."},
			},
		},
	}
}
