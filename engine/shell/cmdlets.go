package shell

import "failwright/engine/topology"

// Version lists used by the catalog.
var (
	v2015Up  = []topology.Version{topology.SfB2015, topology.SfB2019}
	v2013    = []topology.Version{topology.Lync2013}
	v2015    = []topology.Version{topology.SfB2015}
	v2013_15 = []topology.Version{topology.Lync2013, topology.SfB2015}
)

// Parameter helpers keep the table below readable.
func poolFqdn(help string) Param {
	return Param{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Complete: CompletePools, Help: help}
}

func sw(name, help string) Param { return Param{Name: name, Type: TypeSwitch, Help: help} }

func port(name, help string, vs []topology.Version) Param {
	return Param{Name: name, Type: TypeUInt16, Versions: vs, Help: help}
}

const (
	backupCategoryType = "Microsoft.Rtc.Management.Hadr.BackupCategory"
	helpForce          = "Runs without asking for confirmation and without stopping on non-fatal problems."
	helpLocalStore     = "Reads from the local replica of the Central Management store instead of the active master."
	helpReport         = "Path of a file the cmdlet writes a report of what it did to."
)

// backupModules are the -BackupModule values of Invoke-CsBackupServiceSync: the five module
// names of the cmdlet reference, then the short forms the administration guide uses
// ({All|PresenceFocus|DataConf|CMSMaster}).
var backupModules = []string{"UserServices.PresenceFocus", "ConfServices.DataConf", "CentralMgmt.CMSMaster", "ApplicationServer.RGSDataStore", "ApplicationServer.RGSFileStore",
	"All", "PresenceFocus", "DataConf", "CMSMaster"}

// defaultCmdlets returns the definitions of every cmdlet in the Default catalog. Parameter
// names, types, sets, positions and version availability follow the Skype for Business Server
// cmdlet reference; the help texts are failwright's own.
func defaultCmdlets() []Cmdlet {
	cs := []Cmdlet{
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
			Name:        "Get-CsPoolBackupRelationship",
			Class:       "Microsoft.Rtc.Management.Hadr.GetPoolBackupRelationshipCmdlet",
			Synopsis:    "Shows which pool backs up a pool.",
			Description: "Pairs are defined in Topology Builder and published; this cmdlet only reads them. A pool without a backup pool cannot be failed over.",
			Params: []Param{
				poolFqdn("FQDN of the pool whose backup pool you want to see."),
				sw("LocalStore", helpLocalStore),
				sw("Force", helpForce),
			},
			Examples: []Example{{"Get-CsPoolBackupRelationship -PoolFqdn atl-cs-001.litwareinc.com", "Shows the pool paired with atl-cs-001."}},
		},
		{
			Name:        "Get-CsBackupServiceStatus",
			Class:       "Microsoft.Rtc.Management.Hadr.GetBackupServiceStatusCmdlet",
			Synopsis:    "Shows how far the Backup Service has copied a pool's data to its partner.",
			Description: "The Backup Service copies each pool's data to its partner, in each direction separately. SteadyState means the copy keeps up within one sync interval; FinalState means nothing is left to copy; NonSteadyState means a backlog is building up.",
			Params: []Param{
				poolFqdn("FQDN of the pool whose backup status you want."),
				{Name: "Category", Type: TypeEnum, TypeName: backupCategoryType, Enum: []string{"CMS", "UserData", "RGS"}, Help: "Only this kind of data: CMS, UserData or RGS (all when omitted)."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Get-CsBackupServiceStatus -PoolFqdn atl-cs-001.litwareinc.com -Category UserData", "Shows the user-data sync state between atl-cs-001 and its partner."}},
		},
		{
			Name:        "Invoke-CsBackupServiceSync",
			Class:       "Microsoft.Rtc.Management.Hadr.InvokeBackupServiceSyncCmdlet",
			Synopsis:    "Copies a pool's pending changes to its partner now instead of at the next interval.",
			Description: "Useful after pairing pools and before a planned failover, so that the backup copy is current.",
			Params: []Param{
				poolFqdn("FQDN of the pool whose data is copied."),
				{Name: "BackupModule", Type: TypeString, Enum: backupModules, Help: "Only this module's data (all when omitted)."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Invoke-CsBackupServiceSync -PoolFqdn atl-cs-001.litwareinc.com -BackupModule ConfServices.DataConf", "Copies the conferencing content of atl-cs-001 to its partner now."}},
		},
		{
			Name:          "Backup-CsPool",
			Class:         "Microsoft.Rtc.Management.Hadr.BackupPoolCmdlet",
			ShouldProcess: true,
			Synopsis:      "Waits until a pool's data has been copied to its partner.",
			Description:   "The failover and failback cmdlets run it as one of their steps. -SteadyState waits for the copy to keep up; -FullBackup waits until nothing is left to copy (only reachable while the pool takes no new changes).",
			Params: []Param{
				poolFqdn("FQDN of the pool whose data is backed up."),
				{Name: "Category", Type: TypeEnum, TypeName: backupCategoryType, Enum: []string{"CMS", "UserData", "RGS"}, Help: "Only this kind of data (all when omitted)."},
				sw("FailedOverPoolOnly", "With -FullBackup: back up only the users failed over from this pool; used during failback."),
				sw("Force", helpForce),
				sw("FullBackup", "Wait until every change has been copied (final state)."),
				sw("LocalStore", helpLocalStore),
				{Name: "Report", Type: TypeString, Help: helpReport},
				{Name: "RetryCount", Type: TypeInt, Help: "How many times to retry before giving up."},
				sw("SteadyState", "Wait until the copy keeps up (steady state)."),
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait in total."},
			},
			Examples: []Example{{"Backup-CsPool -PoolFqdn atl-cs-001.litwareinc.com -Category UserData -SteadyState", "Waits until the user data of atl-cs-001 keeps up on its partner."}},
		},
		{
			Name:        "Sync-CsUserData",
			Class:       "Microsoft.Rtc.Management.Hadr.SyncUserDataCmdlet",
			Synopsis:    "Loads a pool's backed-up user data into the pool that is taking its users over.",
			Description: "Failover and failback run it to bring the routing groups of the failed pool up on the other pool (hydration).",
			Params: []Param{
				poolFqdn("FQDN of the pool whose user data is loaded."),
				sw("LocalStore", helpLocalStore),
				{Name: "RoutingGroup", Type: TypeString, Help: "Only this routing group (a GUID)."},
				sw("Target", "Load the data on the pool that takes the users over."),
			},
			Examples: []Example{{"Sync-CsUserData -PoolFqdn atl-cs-001.litwareinc.com -Target", "Loads atl-cs-001's routing groups on its backup pool."}},
		},
		{
			Name:        "Get-CsManagementStoreReplicationStatus",
			Class:       "Microsoft.Rtc.Management.Xds.GetManagementStoreReplicationStatusCmdlet",
			Synopsis:    "Shows whether each server has the latest copy of the Central Management store.",
			Description: "With -CentralManagementStoreStatus it shows where the active master is instead.",
			Params: []Param{
				{Name: "ReplicaFqdn", Type: TypeString, Position: 1, Complete: CompleteServers, Help: "Only this server's replica."},
				sw("CentralManagementStoreStatus", "Show the active master, the file transfer agents and the replicas."),
			},
			Examples: []Example{
				{"Get-CsManagementStoreReplicationStatus", "Lists every replica and whether it is up to date."},
				{"Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus", "Shows which pool hosts the active CMS."},
			},
		},
		{
			Name:        "Get-CsDatabaseMirrorState",
			Class:       "Microsoft.Rtc.Management.Hadr.GetDatabaseMirrorStateCmdlet",
			Versions:    v2013_15,
			Synopsis:    "Shows the state of a pool's mirrored back-end databases.",
			Description: "Tells for each database whether the principal or the mirror serves it. Back-end mirroring is not available in Skype for Business Server 2019, and neither is this cmdlet.",
			Params: []Param{
				poolFqdn("FQDN of the pool whose back end you want to see."),
				{Name: "DatabaseType", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.Hadr.DatabaseNameType", Versions: v2013, Enum: []string{"App", "Archiving", "CMS", "Monitoring", "Provision", "User"}, Help: "Only this database."},
				{Name: "DatabaseType", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.Hadr.DatabaseNameType", Versions: v2015, Enum: []string{"ActiveMonitoring", "Application", "Archiving", "CentralMgmt", "Edge", "Lyss", "Monitoring", "PersistentChat", "PersistentChatCompliance", "Provision", "Registrar", "SigninTelemetry", "User"}, Help: "Only this database."},
				sw("LocalStore", helpLocalStore),
				{Name: "Report", Type: TypeString, Help: helpReport},
			},
			Examples: []Example{{"Get-CsDatabaseMirrorState -PoolFqdn atl-cs-001.litwareinc.com -DatabaseType User", "Shows whether the user database of atl-cs-001 runs on its principal or its mirror."}},
		},
		{
			Name:          "Get-CsPoolFabricState",
			Class:         "Microsoft.Rtc.Management.Hadr.GetPoolFabricStateCmdlet",
			ShouldProcess: true,
			Sets:          []string{"PoolFqdn", "RoutingGroup", "Tenant", "User"},
			DefaultSet:    "PoolFqdn",
			Synopsis:      "Shows where each routing group's replicas run in a pool.",
			Description:   "Each routing group has a primary and two secondary replicas on different Front Ends. The output shows them and the ones that are missing, which is how you see a routing group in quorum loss.",
			Params: []Param{
				{Name: "PoolFqdn", Type: TypeString, Mandatory: true, Sets: []string{"PoolFqdn"}, Complete: CompletePools, Help: "FQDN of the pool to inspect."},
				{Name: "Type", Type: TypeString, Sets: []string{"PoolFqdn"}, Enum: []string{"All", "MCUFactory", "ConferenceDirectory", "Routing", "LYSS"}, Help: "Only this service: All, MCUFactory, ConferenceDirectory, Routing or LYSS."},
				{Name: "HealthState", Type: TypeString, Sets: []string{"PoolFqdn"}, Versions: v2015Up, Help: "Only replicas in this health state."},
				{Name: "ShowAll", Type: TypeSwitch, Sets: []string{"PoolFqdn"}, Versions: v2015Up, Help: "Show every replica, not only the unhealthy ones."},
				{Name: "OutputCsvFile", Type: TypeString, Sets: []string{"PoolFqdn"}, Versions: v2015Up, Help: "Also write the result to this CSV file."},
				{Name: "ServiceName", Type: TypeString, Sets: []string{"PoolFqdn"}, Versions: v2015Up, Help: "Only this fabric service."},
				{Name: "QueryTimeout", Type: TypeInt, Sets: []string{"PoolFqdn"}, Help: "Seconds to wait for the fabric to answer."},
				{Name: "RoutingGroup", Type: TypeString, Mandatory: true, Position: 1, Sets: []string{"RoutingGroup"}, Versions: v2015Up, Help: "Only this routing group (a GUID)."},
				{Name: "ReplicaBuildProgress", Type: TypeSwitch, Sets: []string{"RoutingGroup"}, Help: "Follow the rebuild of the routing group's replicas."},
				{Name: "MinutesToPoll", Type: TypeInt, Sets: []string{"RoutingGroup"}, Versions: v2015Up, Help: "With -ReplicaBuildProgress: minutes to keep polling."},
				{Name: "PollInterval", Type: TypeInt, Sets: []string{"RoutingGroup"}, Versions: v2015Up, Help: "With -ReplicaBuildProgress: seconds between polls."},
				{Name: "ReplicaBuildProgressTimeout", Type: TypeInt, Sets: []string{"RoutingGroup"}, Help: "With -ReplicaBuildProgress: seconds before giving up."},
				{Name: "Tenant", Type: TypeGuid, Mandatory: true, Position: 1, Sets: []string{"Tenant"}, Versions: v2015Up, Help: "Only this tenant (a GUID)."},
				{Name: "UserUri", Type: TypeString, TypeName: "Microsoft.Rtc.Management.AD.UserIdParameter", Mandatory: true, Position: 1, Sets: []string{"User"}, Versions: v2015Up, Help: "Only the routing group of this user (a SIP address)."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Get-CsPoolFabricState -PoolFqdn atl-cs-001.litwareinc.com -Type Routing", "Shows the replicas of every routing group of atl-cs-001."}},
		},
		{
			Name:        "Get-CsUserPoolInfo",
			Class:       "Microsoft.Rtc.Management.Hadr.GetUserPoolInfoCmdlet",
			Synopsis:    "Shows which pools serve a user: the home registrar pool and the backup one.",
			Description: "After a failover the user registers on the backup pool's registrar; this cmdlet shows both.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.AD.UserIdParameter", Mandatory: true, Position: 1, Help: "The user: a SIP address such as sip:kenmyer@litwareinc.com."},
				sw("LocalStore", helpLocalStore),
			},
			Examples: []Example{{"Get-CsUserPoolInfo sip:kenmyer@litwareinc.com", "Shows the primary and backup registrar pools of Ken Myer."}},
		},
		{
			Name:        "Invoke-CsStorageServiceFlush",
			Class:       "Microsoft.Rtc.Management.Hadr.InvokeStorageServiceFlushCmdlet",
			Synopsis:    "Writes the storage service's queued data to the back end.",
			Description: "SteadyState flushes what can go without disturbing the service; FullFlush empties the queue, as before a failover.",
			Params: []Param{
				{Name: "FlushType", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.Hadr.FlushType", Mandatory: true, Enum: []string{"SteadyState", "FullFlush"}, Help: "SteadyState or FullFlush."},
				poolFqdn("FQDN of the pool whose storage service is flushed."),
				{Name: "Binding", Aliases: []string{"b"}, Type: TypeString, Help: "Connection binding to the storage service."},
				sw("Force", helpForce),
				{Name: "HostNameStorageService", Aliases: []string{"h"}, Type: TypeString, Help: "Host of the storage service."},
				{Name: "WaitTime", Type: TypeTimeSpan, Help: "How long to wait for the flush."},
			},
			Examples: []Example{{"Invoke-CsStorageServiceFlush -PoolFqdn atl-cs-001.litwareinc.com -FlushType FullFlush", "Empties the storage service queue of atl-cs-001."}},
		},
		{
			Name:          "Set-CsEdgeServer",
			Class:         "Microsoft.Rtc.Management.Xds.SetEdgeServerCmdlet",
			ShouldProcess: true,
			Synopsis:      "Changes an Edge pool's settings, such as its internal next hop.",
			Description:   "A Front End pool that is an Edge pool's next hop cannot be failed over: point the Edge pool at another pool first (in the real product, in Topology Builder and then publish; the simulator accepts -Registrar here).",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 2, Complete: CompletePools, Help: "The Edge pool: EdgeServer:<edge pool FQDN>."},
				{Name: "Registrar", Type: TypeString, Complete: CompletePools, Help: "The next-hop registrar: Registrar:<pool FQDN>."},
				sw("Force", helpForce),
				port("AccessEdgeClientSipPort", "SIP port remote clients connect to.", nil),
				port("AccessEdgeExternalSipPort", "External SIP port for federation and public IM.", nil),
				port("AccessEdgeInternalSipPort", "Internal SIP port.", nil),
				port("DataPsomClientPort", "Port clients use for web conferencing data.", nil),
				port("DataPsomServerPort", "Port servers use for web conferencing data.", nil),
				port("MediaCommunicationPortCount", "How many media ports are open.", nil),
				port("MediaCommunicationPortStart", "First media port.", nil),
				port("MediaRelayAuthEdgePort", "Port of the media relay authentication service.", nil),
				port("MediaRelayExternalTurnTcpPort", "External TURN port over TCP.", nil),
				port("MediaRelayExternalTurnUdpPort", "External TURN port over UDP.", nil),
				port("MediaRelayInternalTurnTcpPort", "Internal TURN port over TCP.", nil),
				port("MediaRelayInternalTurnUdpPort", "Internal TURN port over UDP.", nil),
				port("SkypeSearchProxyPort", "Port of the Skype directory search proxy.", v2015Up),
				port("XmppInternalPort", "Internal XMPP port.", nil),
				port("XmppListeningPort", "Port the XMPP gateway listens on.", nil),
			},
			Examples: []Example{{"Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dub-cs-001.litwareinc.com", "Makes dub-cs-001 the next hop of the Edge pool atl-edge-001."}},
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
			Name:          "Set-CsRegistrar",
			Class:         "Microsoft.Rtc.Management.Xds.SetRegistrarCmdlet",
			ShouldProcess: true,
			Synopsis:      "Changes a registrar pool's settings, such as how fast clients notice it is down.",
			Description:   "FailureDetectionInterval is how long clients wait before registering with the backup registrar (resiliency mode). -PoolState is what the failover and failback cmdlets set as they go.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 2, Complete: CompletePools, Help: "The registrar: Registrar:<pool FQDN>."},
				{Name: "BackupRegistrar", Type: TypeString, Help: "The backup registrar (set by Topology Builder)."},
				{Name: "EdgeServer", Type: TypeString, Complete: CompletePools, Help: "The Edge pool the registrar's pool uses for media: EdgeServer:<edge pool FQDN> (Topology Builder's \"Associate Edge pool\")."},
				{Name: "EnableAutomaticFailover", Type: TypeBool, Help: "Whether clients fail over to the backup registrar by themselves ($true or $false)."},
				{Name: "FailbackDetectionInterval", Type: TypeTimeSpan, Help: "How long the home registrar must be back before clients return."},
				{Name: "FailureDetectionInterval", Type: TypeTimeSpan, Help: "How long clients wait before registering with the backup registrar."},
				{Name: "PoolState", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.WritableConfig.Services.PoolState", Enum: []string{"Active", "FailingOver", "FailedOver", "FailingBack"}, Help: "The pool's failover state (set by the failover and failback cmdlets)."},
				{Name: "Registrar", Type: TypeString, Complete: CompletePools, Help: "The registrar service."},
				{Name: "UserServer", Type: TypeString, Help: "The User Services pool."},
				{Name: "WebServer", Type: TypeString, Help: "The Web Services pool."},
				sw("Force", helpForce),
				{Name: "ArchivingServer", Type: TypeString, Help: "The Archiving service the registrar uses."},
				{Name: "MonitoringServer", Type: TypeString, Help: "The Monitoring service the registrar uses."},
				{Name: "ArchivingDatabase", Type: TypeString, Help: "The archiving database."},
				{Name: "MirrorArchivingDatabase", Type: TypeString, Help: "The mirror of the archiving database."},
				{Name: "MonitoringDatabase", Type: TypeString, Help: "The monitoring database."},
				{Name: "MirrorMonitoringDatabase", Type: TypeString, Help: "The mirror of the monitoring database."},
				port("SipPort", "SIP port of the registrar.", nil),
				port("SipHealthPort", "Port of the SIP health check.", nil),
				port("SipServerTcpPort", "SIP port over TCP.", nil),
				port("WebPort", "Port of the registrar's web service.", nil),
				port("LyssWcfMtlsPort", "Port of the storage service.", nil),
				port("WinFabClientConnectionPort", "Windows Fabric client connection port.", nil),
				port("WinFabFederationPort", "Windows Fabric federation port.", nil),
				port("WinFabIPCPort", "Windows Fabric IPC port.", nil),
				port("WinFabLeaseAgentPort", "Windows Fabric lease agent port.", nil),
				port("WinFabReplicationPort", "Windows Fabric replication port.", nil),
				port("XmppGatewaySipPort", "SIP port of the XMPP gateway.", nil),
			},
			Examples: []Example{{"Set-CsRegistrar -Identity Registrar:atl-cs-001.litwareinc.com -FailureDetectionInterval 00:02:00", "Clients of atl-cs-001 try its backup registrar after two minutes."}},
		},
		{
			Name:        "Get-CsPool",
			Class:       "Microsoft.Rtc.Management.Xds.GetPoolCmdlet",
			Sets:        []string{"Identity", "Filter"},
			DefaultSet:  "Identity",
			Synopsis:    "Lists the pools of the topology.",
			Description: "Without parameters it lists every pool with its site and servers.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 2, Sets: []string{"Identity"}, Complete: CompletePools, Help: "The pool's FQDN."},
				{Name: "Filter", Type: TypeString, Sets: []string{"Filter"}, Help: "Pools whose FQDN matches this wildcard pattern."},
				{Name: "Site", Type: TypeString, Complete: CompleteSites, Help: "Only the pools of this site."},
			},
			Examples: []Example{{"Get-CsPool atl-cs-001.litwareinc.com", "Shows the pool atl-cs-001."}},
		},
		{
			Name:        "Get-CsService",
			Class:       "Microsoft.Rtc.Management.Xds.GetServiceCmdlet",
			Sets:        []string{"Identity", "Filter", "CentralManagement", "Registrar", "EdgeServer", "BackupServer", "UserDatabase"},
			DefaultSet:  "Identity",
			Synopsis:    "Lists the services of the topology.",
			Description: "With -CentralManagement it shows where the Central Management Server is; with -Registrar, -EdgeServer, -BackupServer or -UserDatabase those services. -PoolFqdn keeps the services of one pool (for -UserDatabase, the Front End pool or its SQL Server).",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 2, Sets: []string{"Identity"}, Help: "A service identity such as Registrar:atl-cs-001.litwareinc.com."},
				{Name: "Filter", Type: TypeString, Sets: []string{"Filter"}, Help: "Services whose identity matches this wildcard pattern."},
				{Name: "CentralManagement", Type: TypeSwitch, Sets: []string{"CentralManagement"}, Help: "Only the Central Management service."},
				{Name: "Registrar", Type: TypeSwitch, Sets: []string{"Registrar"}, Help: "Only registrar services."},
				{Name: "EdgeServer", Type: TypeSwitch, Sets: []string{"EdgeServer"}, Help: "Only Edge services."},
				{Name: "BackupServer", Type: TypeSwitch, Sets: []string{"BackupServer"}, Help: "Only Backup Service instances."},
				{Name: "UserDatabase", Type: TypeSwitch, Sets: []string{"UserDatabase"}, Help: "Only user databases (the Back End SQL stores)."},
				{Name: "PoolFqdn", Type: TypeString, Complete: CompletePools, Help: "Only the services of this pool."},
			},
			Examples: []Example{{"Get-CsService -CentralManagement", "Shows which pool runs the Central Management Server."}},
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
		{
			Name:        "Get-Help",
			Aliases:     []string{"help"},
			Class:       "Microsoft.PowerShell.Commands.GetHelpCommand",
			Sets:        []string{"AllUsersView", "Full", "Examples", "Parameters"},
			DefaultSet:  "AllUsersView",
			Synopsis:    "Shows help for a cmdlet.",
			Description: "Get-Help NAME shows a cmdlet's syntax for this pool's product version and what it does; -Full adds every parameter, notes and examples; -Examples shows the examples only; -Parameter NAME one parameter. Without a name it lists every command.",
			Params: []Param{
				{Name: "Name", Type: TypeString, Position: 1, Help: "The cmdlet (a wildcard pattern such as *Pool* lists matches)."},
				{Name: "Full", Type: TypeSwitch, Sets: []string{"Full"}, Help: "Show everything."},
				{Name: "Detailed", Type: TypeSwitch, Sets: []string{"Full"}, Help: "Show the parameters too (same as -Full here)."},
				{Name: "Examples", Type: TypeSwitch, Sets: []string{"Examples"}, Help: "Show the examples only."},
				{Name: "Parameter", Type: TypeString, Sets: []string{"Parameters"}, Help: "Show this parameter only."},
			},
			Examples: []Example{{"Get-Help Invoke-CsPoolFailOver -Full", "Everything about pool failover."}},
		},
	}
	cs = append(cs, moreCmdlets()...)
	return append(cs, simCmdlets()...)
}

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
