package shell

// poolStates are the values of the registrar configuration's PoolState as the product has
// them: the failover writes FailingOver and FailedOver, the failback FailingBack and Active
// (a real -Verbose run, masteringlync.com, November 2013). The cmdlet reference lists
// FailedBack instead of FailingBack; the product rejects it (FACTS §20).
var poolStates = []string{"Active", "FailingOver", "FailedOver", "FailingBack"}

// registrarSettingParams are the settings Set- and New-CsRegistrarConfiguration share, from
// their cmdlet reference pages.
func registrarSettingParams() []Param {
	return []Param{
		{Name: "BackupStoreUnavailableThreshold", Type: TypeTimeSpan, Help: "How long a back end may be unavailable before users are placed in survivability mode (default 00:30:00)."},
		{Name: "DefaultEndpointExpiration", Type: TypeInt, Help: "Registration expiry, in seconds, for clients that ask for none (300 to 900, default 600)."},
		{Name: "EnableDHCPServer", Type: TypeBool, Help: "Whether clients may find a registrar through DHCP ($true or $false)."},
		{Name: "EnableWinFabLogUpload", Type: TypeBool, Versions: v2015Up, Help: "Whether Windows Fabric logs are uploaded."},
		sw("Force", helpForce),
		{Name: "MaxEndpointExpiration", Type: TypeInt, Help: "Longest registration expiry, in seconds (300 to 900, default 900)."},
		{Name: "MaxEndpointsPerUser", Type: TypeUInt16, Help: "Most endpoints one user may have signed in at once (1 to 64, default 8)."},
		{Name: "MaxUserCount", Type: TypeInt, TypeName: "System.UInt64", Help: "Most users signed in to one registrar at once (2000 to 100000, default 12000)."},
		{Name: "MinEndpointExpiration", Type: TypeInt, Help: "Shortest registration expiry, in seconds (300 to 900, default 300)."},
		{Name: "PoolState", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.WritableConfig.Settings.Registrar.PoolState", Enum: poolStates, Help: "The pool's failover state; the failover and failback cmdlets set it as they go."},
		{Name: "UserCertificateReplicationThreshold", Type: TypeInt, TypeName: "System.UInt64", Versions: v2015Up, Help: "Least interval, in minutes, between replications of a user certificate."},
		{Name: "WinFabMaxLogsSizeMb", Type: TypeInt, Versions: v2015Up, Help: "Most disk space Windows Fabric traces may use, in MB."},
	}
}

// registrarCmdlets are the registrar configuration cmdlets: the settings the registrar
// applies globally, per site or per pool, among them the PoolState that pool failover and
// failback change.
func registrarCmdlets() []Cmdlet {
	return []Cmdlet{
		{
			Name:        "Get-CsRegistrarConfiguration",
			Class:       "Microsoft.Rtc.Management.WritableConfig.Settings.Registrar.GetRegistrarConfigurationCmdlet",
			Sets:        []string{"Identity", "Filter"},
			DefaultSet:  "Identity",
			Synopsis:    "Shows registrar settings: endpoint limits, the back-end unavailability threshold and each pool's PoolState.",
			Description: "Collections exist at the global scope (Global), per site (site:<name>) and per pool (service:Registrar:<pool FQDN>). A pool has its own collection once Invoke-CsPoolFailOver has run against it (it creates one, with default settings) or once you create one; asking for one that does not exist prints a warning, as the failover cmdlets' -Verbose output shows.",
			Params: []Param{
				xdsIdentity("The collection: Global, site:<name> or service:Registrar:<pool FQDN>.", []string{"Identity"}),
				{Name: "Filter", Type: TypeString, Sets: []string{"Filter"}, Help: "Collections whose identity matches this wildcard pattern, such as service:*."},
				sw("LocalStore", helpLocalStore),
			},
			Examples: []Example{{"Get-CsRegistrarConfiguration -Identity service:Registrar:atl-cs-001.litwareinc.com", "Shows the PoolState of atl-cs-001, if it has its own collection."}},
		},
		{
			Name:          "Set-CsRegistrarConfiguration",
			Class:         "Microsoft.Rtc.Management.WritableConfig.Settings.Registrar.SetRegistrarConfigurationCmdlet",
			ShouldProcess: true,
			Sets:          []string{"Identity", "Instance"},
			DefaultSet:    "Identity",
			Synopsis:      "Changes registrar settings, among them a pool's PoolState and BackupStoreUnavailableThreshold.",
			Description: "-PoolState is what Invoke-CsPoolFailOver and Invoke-CsPoolFailBack set as they go. Setting it by hand moves the pool's users without the backups and hydration those cmdlets run.\n\n" +
				"-BackupStoreUnavailableThreshold is how long users keep service when the pool's back end stops answering before they are placed in survivability mode (default 00:30:00).",
			Notes: "The cmdlet reference lists the PoolState values Active, FailedOver, FailingOver and FailedBack; the product's value is FailingBack.",
			Params: append([]Param{
				xdsIdentity("The collection to change: Global, site:<name> or service:Registrar:<pool FQDN>.", []string{"Identity"}),
				{Name: "Instance", Type: TypeString, TypeName: "System.Management.Automation.PSObject", Sets: []string{"Instance"}, Help: "An object with the settings (not supported by the simulated shell, which has no variables)."},
			}, registrarSettingParams()...),
			Examples: []Example{{"Set-CsRegistrarConfiguration -Identity Global -BackupStoreUnavailableThreshold 00:45:00", "Users keep service for 45 minutes after a back end stops answering."}},
		},
		{
			Name:          "New-CsRegistrarConfiguration",
			Class:         "Microsoft.Rtc.Management.WritableConfig.Settings.Registrar.NewRegistrarConfigurationCmdlet",
			ShouldProcess: true,
			Synopsis:      "Creates registrar settings for a site or a pool.",
			Description:   "A site or a pool has at most one collection; Global cannot be created. Invoke-CsPoolFailOver creates the pool's collection itself, with default settings rather than a copy of Global, so create it beforehand if your Global settings differ.",
			Params: append([]Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsIdentity", Position: 2, Mandatory: true, Help: "The collection to create: site:<name> or service:Registrar:<pool FQDN>."},
				sw("InMemory", "Create an object reference without saving it."),
			}, registrarSettingParams()...),
			Examples: []Example{{"New-CsRegistrarConfiguration -Identity service:Registrar:atl-cs-001.litwareinc.com -BackupStoreUnavailableThreshold 00:45:00", "Gives atl-cs-001 its own collection before any failover creates one."}},
		},
	}
}
