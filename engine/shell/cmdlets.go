package shell

import (
	"slices"

	"failwright/engine/topology"
)

// Version lists used by the catalog. They name code lines: Subscription Edition has what
// SfB2019 has (versionIn compares Version.Behaves).
var (
	v2015Up  = []topology.Version{topology.SfB2015, topology.SfB2019}
	v2013    = []topology.Version{topology.Lync2013}
	v2015    = []topology.Version{topology.SfB2015}
	v2013_15 = []topology.Version{topology.Lync2013, topology.SfB2015}
	v2019    = []topology.Version{topology.SfB2019} // parameters that exist only in Skype for Business Server 2019
)

// Parameter helpers keep the tables readable.
func poolFqdn(help string) Param {
	return Param{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Complete: CompletePools, Help: help}
}

func sw(name, help string) Param { return Param{Name: name, Type: TypeSwitch, Help: help} }

func port(name, help string, vs []topology.Version) Param {
	return Param{Name: name, Type: TypeUInt16, Versions: vs, Help: help}
}

func xdsIdentity(help string, sets []string) Param {
	return Param{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsIdentity", Position: 2, Sets: sets, Help: help}
}

func computerName() Param {
	return Param{Name: "ComputerName", Type: TypeString, Position: 1, Complete: CompleteServers, Help: "FQDN of the Front End Server."}
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
	return slices.Concat(failoverCmdlets(), backupCmdlets(), recoveryCmdlets(), deploymentCmdlets(), registrarCmdlets(), collectCmdlets(), migrateCmdlets(), shellCmdlets(), simCmdlets())
}

// shellCmdlets are PowerShell's own commands the shell knows: Get-Help and Get-Command.
func shellCmdlets() []Cmdlet {
	return []Cmdlet{
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
