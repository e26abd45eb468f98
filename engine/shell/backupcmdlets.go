package shell

// backupCmdlets are the cmdlets of the Backup Service and of replication between paired
// pools: the pairing, the service's status and settings, syncing and backing up a pool's
// data, the Response Group store, the CMS replicas and the storage service flush.
func backupCmdlets() []Cmdlet {
	return []Cmdlet{
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
			Name:        "Get-CsBackupServiceConfiguration",
			Class:       "Microsoft.Rtc.Management.WritableConfig.Policy.BackupService.GetBackupServiceConfigurationCmdlet",
			Sets:        []string{"Identity", "Filter"},
			DefaultSet:  "Identity",
			Synopsis:    "Shows the Backup Service settings, among them how often pools sync with their partners.",
			Description: "There is one collection of settings, Global, used by every pool. SyncInterval is how often each pool's changes are copied to its partner: it bounds how much a disaster-mode failover loses.",
			Params: []Param{
				xdsIdentity("The settings to show: Global (the only collection).", []string{"Identity"}),
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
				xdsIdentity("The settings to change: Global.", []string{"Identity"}),
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
	}
}
