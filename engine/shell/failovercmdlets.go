package shell

// failoverCmdlets are the cmdlets that move users, the CMS, databases or a Front End off
// what failed and back: pool, computer, Central Management store and database failover and
// failback, and the registrar reset and pool start that bring a pool back.
func failoverCmdlets() []Cmdlet {
	return []Cmdlet{
		{
			Name:          "Invoke-CsPoolFailOver",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokePoolFailOverCmdlet",
			ShouldProcess: true,
			Synopsis:      "Moves the users of a Front End pool to its paired backup pool.",
			Description: "Run it against the pool that has failed, or that you are taking down on purpose: the users homed there get full service from the pool it is paired with until you fail them back with Invoke-CsPoolFailBack. They stay homed on their own pool.\n\n" +
				"Without -DisasterMode the cmdlet assumes the pool still answers: it brings the backup copy up to date first, so no data is lost. With -DisasterMode it skips every step that needs the failed pool and accepts losing the changes that had not yet reached the backup pool.\n\n" +
				"The pool must have a backup pool, the Central Management store must be reachable, and the pool must not be an Edge pool's internal next hop.",
			Notes: "-SkipDataVerification, -DatabaseCommandTimeoutInSeconds and -ServicesStopDelayMins exist from Skype for Business Server 2015 on; failwright rejects them on Lync Server 2013 pools (the documentation is not consistent about -SkipDataVerification on 2013).\n\n" +
				"-WaitTime is a TimeSpan: type 00:05:00 for five minutes. A bare number is taken as ticks (100 ns each), as PowerShell does.",
			Params: []Param{
				poolFqdn("FQDN of the pool whose users are moved: the failed (or home) pool, not its backup."),
				sw("DisasterMode", "The pool cannot be reached: skip the steps that need it and accept losing unsynchronised changes."),
				sw("FlushStorageService", "Also flush the storage service queue on every Front End of the pool before failing over."),
				sw("Force", helpForce),
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait for the data to reach the backup pool before going on."},
				{Name: "DatabaseCommandTimeoutInSeconds", Type: TypeInt, Versions: v2015Up, Help: "Timeout, in seconds, for each database command the failover runs."},
				{Name: "ServicesStopDelayMins", Type: TypeInt, Versions: v2015Up, Help: "Minutes to wait for the pool's services to stop."},
				{Name: "SkipDataVerification", Type: TypeSwitch, Versions: v2015Up, Help: "Do not check that the backup pool's copy of the data is complete."},
			},
			Examples: []Example{
				{"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com", "Planned failover: the pool is healthy and its users move to the backup pool with no data loss."},
				{"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode", "The pool is gone: fail its users over, accepting the loss of changes not yet replicated."},
			},
		},
		{
			Name:          "Invoke-CsPoolFailBack",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokePoolFailBackCmdlet",
			ShouldProcess: true,
			Synopsis:      "Returns failed-over users to their home pool once it works again.",
			Description: "Run it against the home pool after it has been repaired. The cmdlet copies back what changed while the users were on the backup pool, then moves them home. Users go through resiliency mode for a short while during failback.\n\n" +
				"The pool must be in the failed-over state.",
			Notes: "Unlike failover, failback has no -FlushStorageService and no -ServicesStopDelayMins.",
			Params: []Param{
				poolFqdn("FQDN of the home pool the users return to."),
				sw("DisasterMode", "Fail back even though the backup pool cannot be reached."),
				sw("Force", helpForce),
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait for the data to reach the home pool before going on."},
				{Name: "DatabaseCommandTimeoutInSeconds", Type: TypeInt, Versions: v2015Up, Help: "Timeout, in seconds, for each database command the failback runs."},
				{Name: "SkipDataVerification", Type: TypeSwitch, Versions: v2015Up, Help: "Do not check that the home pool's copy of the data is complete."},
			},
			Examples: []Example{
				{"Invoke-CsPoolFailBack -PoolFqdn atl-cs-001.litwareinc.com", "Brings the users of atl-cs-001 back home from its backup pool."},
			},
		},
		{
			Name:          "Invoke-CsManagementServerFailover",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokeManagementServerFailoverCmdlet",
			ShouldProcess: true,
			Sets:          []string{"Normal", "DisasterRecovery"},
			DefaultSet:    "Normal",
			Synopsis:      "Makes the standby Central Management store the active one.",
			Description: "The Central Management store (CMS) lives in one pool and has a standby copy in the paired pool. Fail it over before failing over the pool that hosts it: pool failover needs a working CMS.\n\n" +
				"With no parameters the standby named in the topology takes over. With -BackupSqlServerFqdn (and -Force) you name the SQL Server that takes over, as after a disaster. -Restore repairs a CMS left half failed over.",
			Params: []Param{
				{Name: "BackupSqlServerFqdn", Type: TypeFqdn, Mandatory: true, Sets: []string{"DisasterRecovery"}, Complete: CompletePools, Help: "FQDN of the SQL Server (the back end of the backup pool) that takes over the CMS."},
				{Name: "BackupSqlInstanceName", Type: TypeString, Sets: []string{"DisasterRecovery"}, Help: "SQL instance on that server (for example RTC)."},
				{Name: "BackupMirrorSqlServerFqdn", Type: TypeFqdn, Sets: []string{"DisasterRecovery"}, Help: "FQDN of the mirror of that SQL Server, if it is mirrored."},
				{Name: "BackupMirrorSqlInstanceName", Type: TypeString, Sets: []string{"DisasterRecovery"}, Help: "SQL instance on the mirror."},
				{Name: "Force", Type: TypeSwitch, Mandatory: true, Sets: []string{"DisasterRecovery"}, Help: "Required with -BackupSqlServerFqdn: fail over even though the active CMS cannot be reached."},
				{Name: "Restore", Type: TypeSwitch, Sets: []string{"Normal"}, Help: "Repair a CMS failover that did not finish."},
				{Name: "Report", Type: TypeString, Help: helpReport},
			},
			Examples: []Example{
				{"Invoke-CsManagementServerFailover", "Planned: the standby CMS in the paired pool becomes active."},
				{"Invoke-CsManagementServerFailover -BackupSqlServerFqdn dub-sql-001.litwareinc.com -BackupSqlInstanceName RTC -Force", "Disaster: the CMS copy on dub-sql-001 takes over although the active one is gone."},
			},
		},
		{
			Name:          "Install-CsDatabase",
			Class:         "Microsoft.Rtc.Management.Deployment.InstallDatabaseCmdlet",
			ShouldProcess: true,
			Synopsis:      "Installs Skype for Business Server databases; with -CentralManagementDatabase, a new Central Management store.",
			Description: "When the Central Management store cannot be failed over (its pool has no standby, or the standby is lost too), the disaster procedure creates a new, empty CMS database on the back end of the pool that takes over, then moves the CMS to it with Move-CsManagementServer.\n\n" +
				"-Clean drops existing databases of the same name first.",
			Notes: "The simulator models the -CentralManagementDatabase form only: the other databases of the topology are already in place.",
			Params: []Param{
				sw("CentralManagementDatabase", "Install the Central Management store (the xds and lis databases)."),
				sw("ConfiguredDatabases", "Install every database the published topology defines on the SQL Server."),
				{Name: "SqlServerFqdn", Type: TypeFqdn, Complete: CompletePools, Help: "FQDN of the SQL Server that receives the databases."},
				{Name: "SqlInstanceName", Type: TypeString, Help: "SQL instance on that server (for example rtc)."},
				sw("Clean", "Drop databases of the same name first."),
				{Name: "DatabasePaths", Type: TypeStringList, Help: "Where the data and log files go."},
				sw("UseDefaultSqlPaths", "Put the files where SQL Server puts them by default."),
				sw("Update", "Update existing databases to the current schema."),
				sw("ExcludeCollocatedStores", "Leave out the stores collocated on the server."),
				{Name: "GlobalCatalog", Type: TypeFqdn, Help: "Global catalog server to read the topology from."},
				{Name: "GlobalSettingsDomainController", Type: TypeFqdn, Help: "Domain controller that holds the global settings."},
				{Name: "Report", Type: TypeString, Help: helpReport},
			},
			Examples: []Example{{"Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn dfw-sql-01.litwareinc.com -SqlInstanceName rtc", "Creates a new Central Management store on the back end of dfw-cs-001 for Move-CsManagementServer."}},
		},
		{
			Name:          "Move-CsManagementServer",
			Class:         "Microsoft.Rtc.Management.Deployment.MoveManagementServerCmdlet",
			ShouldProcess: true,
			Synopsis:      "Moves the Central Management Server and its store to another pool.",
			Description: "Run it on a Front End of the pool the CMS moves to, after Install-CsDatabase -CentralManagementDatabase has created the new store there. While the old store answers it is set read-only and copied; when it is lost, -Force moves the CMS anyway, and -ConfigurationFileName and -LisConfigurationFileName load your latest Export-CsConfiguration and Export-CsLisConfiguration files.\n\n" +
				"The cmdlet lists the computers where local setup (Bootstrapper.exe) must run to finish the move: the old pool's, to remove the inactive Central Management service, and the new pool's other Front Ends, to install it.",
			Notes: "The reference lists five parameter sets (FromBackup, UseSqlBackup, DisasterMode, NonUserPool, NonUserPoolDisasterMode) that differ only in -ConfigurationFileName and -LisConfigurationFileName; failwright binds one set with every parameter.",
			Params: []Param{
				{Name: "ConfigurationFileName", Aliases: []string{"CsConfiguration"}, Type: TypeString, Help: "The configuration backup made with Export-CsConfiguration (disaster recovery)."},
				{Name: "LisConfigurationFileName", Aliases: []string{"CsLisConfiguration"}, Type: TypeString, Help: "The E9-1-1 backup made with Export-CsLisConfiguration (disaster recovery)."},
				{Name: "TargetFqdn", Type: TypeFqdn, Complete: CompletePools, Help: "FQDN of the pool the CMS moves to."},
				sw("Force", "Move the CMS even though the old store is offline (required in a disaster)."),
				{Name: "Report", Type: TypeString, Help: helpReport},
			},
			Examples: []Example{
				{"Move-CsManagementServer", "Live move: the CMS moves to the pool of the computer you run it on."},
				{`Move-CsManagementServer -ConfigurationFileName C:\CsConfiguration.zip -LisConfigurationFileName C:\CsLisConfiguration.zip -Force`, "Disaster: the old CMS is gone; the new store is loaded from the exports."},
			},
		},
		{
			Name:        "Get-CsManagementConnection",
			Class:       "Microsoft.Rtc.Management.Xds.GetManagementConnectionCmdlet",
			Synopsis:    "Shows the SQL Server store the management shell connects to for the Central Management store.",
			Description: "It reads the service control point in Active Directory (or a temporary connection set with Set-CsManagementConnection), so it answers even when the store does not. After a CMS failover that went wrong, it tells which pool's store -Restore must be run against.",
			Examples:    []Example{{"Get-CsManagementConnection", "Shows the store of the active master, such as dfw-sql-01.litwareinc.com\\rtc."}},
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
			Name:          "Invoke-CsComputerFailOver",
			Class:         "Microsoft.Rtc.Management.Hadr.InvokeComputerFailOverCmdlet",
			ShouldProcess: true,
			Versions:      v2015Up,
			Synopsis:      "Takes one Front End Server out of its pool for maintenance, moving its work to the others first.",
			Description: "The cmdlet moves the server's users and routing-group replicas to the other Front Ends of the pool, drains its conferences and sessions, then stops its services and disables them, so that a reboot during patching does not start them. Invoke-CsComputerFailBack brings it back.\n\n" +
				"It first checks that the rest of the pool can carry the load; -Force skips that check. It waits up to -WaitTime (one hour by default) for the drain; when that is not enough it fails and changes nothing.",
			Notes: "Beware: the reference warns that -Force together with -WhatIf ignores -WhatIf and really fails the server over. The simulator reproduces this, with a warning.",
			Params: []Param{
				computerName(),
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
				computerName(),
				sw("NoStart", "Enable the services but do not start them."),
				{Name: "Report", Type: TypeString, Help: helpReport},
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait for the server to rejoin the pool (default one hour)."},
				sw("SkipFabricHealthCheck", "Skip the check of the pool's Windows Fabric health."),
			},
			Examples: []Example{{"Invoke-CsComputerFailBack -ComputerName atl-fe-02.litwareinc.com", "Brings atl-fe-02 back into its pool after patching."}},
		},
		{
			Name:          "Reset-CsPoolRegistrarState",
			Class:         "Microsoft.Rtc.Management.Hadr.ResetPoolRegistrarStateCmdlet",
			ShouldProcess: true,
			Synopsis:      "Resets the registrar state of a pool, for example after quorum loss.",
			Description:   "ServiceReset restarts the services; QuorumLossRecovery reloads routing groups in quorum loss from the back end (recent changes may be lost); FullReset also rebuilds the local databases; MachineStateRemoved drops one server's state (name it with -MachineFqdn).",
			Params: []Param{
				poolFqdn("FQDN of the pool to reset."),
				sw("Force", helpForce),
				{Name: "MachineFqdn", Type: TypeFqdn, Complete: CompleteServers, Help: "With MachineStateRemoved: the server whose state is dropped."},
				sw("NoReStart", "Do not restart the services after the reset."),
				sw("ResetLocalDatabases", "Also rebuild the Front Ends' local databases."),
				{Name: "ResetType", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.Hadr.PoolResetType", Enum: []string{"ServiceReset", "QuorumLossRecovery", "FullReset", "MachineStateRemoved"}, Help: "ServiceReset (the default), QuorumLossRecovery, FullReset or MachineStateRemoved."},
				{Name: "ServicesStopDelayMins", Type: TypeInt, Versions: v2015Up, Help: "Minutes to wait for the services to stop."},
			},
			Examples: []Example{{"Reset-CsPoolRegistrarState -PoolFqdn atl-cs-001.litwareinc.com -ResetType QuorumLossRecovery", "Brings back routing groups of atl-cs-001 that lost quorum."}},
		},
		{
			Name:          "Start-CsPool",
			Class:         "Microsoft.Rtc.Management.Hadr.StartPoolCmdlet",
			ShouldProcess: true,
			Versions:      v2015Up,
			Synopsis:      "Starts every Front End of a pool together, so that the pool reaches quorum.",
			Description:   "A pool only works once enough of its Front Ends run (its quorum). Starting them one by one can leave routing groups waiting; this cmdlet starts them together. -QuorumLossRecovery brings up routing groups that lost quorum.",
			Params: []Param{
				{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Position: 1, Complete: CompletePools, Help: "FQDN of the pool to start."},
				sw("Force", helpForce),
				sw("QuorumLossRecovery", "Recover routing groups in quorum loss from the back end while starting."),
				{Name: "SkipRoutingGroup", Type: TypeStringList, Help: "Routing groups (GUIDs) to leave alone."},
				{Name: "SkipServer", Type: TypeStringList, Complete: CompleteServers, Help: "Servers not to start."},
			},
			Examples: []Example{{"Start-CsPool -PoolFqdn atl-cs-001.litwareinc.com", "Starts the Front Ends of atl-cs-001 together."}},
		},
	}
}
