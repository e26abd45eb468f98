package shell

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

func bindLine(t *testing.T, line string, v topology.Version) (Command, *Error) {
	t.Helper()
	sts, err := Parse(line)
	require.NoError(t, err, line)
	require.Len(t, sts, 1, line)
	return Bind(sts[0], v)
}

func TestBindAccepts(t *testing.T) {
	sw := func(b bool) Value { return Value{Kind: KindSwitch, Switch: b} }
	str := func(s string) Value { return Value{Kind: KindString, String: s} }
	tests := []struct {
		line   string
		v      topology.Version
		cmdlet string
		want   map[string]Value
	}{
		{`Invoke-CsPoolFailOver -PoolFqdn "atl-cs-001.litwareinc.com"`, topology.SfB2015, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("atl-cs-001.litwareinc.com")}},
		{`invoke-cspoolfailover -POOLFQDN p -disastermode -cf:$false -wi`, topology.Lync2013, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "DisasterMode": sw(true), "Confirm": sw(false), "WhatIf": sw(true)}},
		{`Invoke-CsPoolFailOver -Pool p -Disas -Fl -Forc`, topology.SfB2019, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "DisasterMode": sw(true), "FlushStorageService": sw(true), "Force": sw(true)}},
		{`Invoke-CsPoolFailOver -PoolFqdn p -DisasterMode:$true -Force:0 -Verbose:1`, topology.SfB2019, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "DisasterMode": sw(true), "Force": sw(false), "Verbose": sw(true)}},
		{`Invoke-CsPoolFailOver -PoolFqdn p -WaitTime 00:10:00 -ServicesStopDelayMins 5 -DatabaseCommandTimeoutInSeconds 0x3c -SkipDataVerification`, topology.SfB2015, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "WaitTime": {Kind: KindTimeSpan, TimeSpan: 10 * time.Minute},
				"ServicesStopDelayMins": {Kind: KindInt, Int: 5}, "DatabaseCommandTimeoutInSeconds": {Kind: KindInt, Int: 60}, "SkipDataVerification": sw(true)}},
		{`Invoke-CsPoolFailOver -PoolFqdn p -WaitTime 1.02:03:04.5`, topology.SfB2015, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "WaitTime": {Kind: KindTimeSpan, TimeSpan: 26*time.Hour + 3*time.Minute + 4500*time.Millisecond}}},
		// A bare number is an Int32, which PowerShell turns into that many ticks; a quoted
		// number is parsed as a TimeSpan string: days.
		{`Invoke-CsPoolFailOver -PoolFqdn p -WaitTime 300`, topology.SfB2015, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "WaitTime": {Kind: KindTimeSpan, TimeSpan: 30 * time.Microsecond}}},
		{`Invoke-CsPoolFailOver -PoolFqdn p -WaitTime '2'`, topology.SfB2015, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "WaitTime": {Kind: KindTimeSpan, TimeSpan: 48 * time.Hour}}},
		{`Invoke-CsPoolFailOver -PoolFqdn p -ea SilentlyContinue -WarningAction:stop -vb`, topology.SfB2015, "Invoke-CsPoolFailOver",
			map[string]Value{"PoolFqdn": str("p"), "ErrorAction": str("SilentlyContinue"), "WarningAction": str("Stop"), "Verbose": sw(true)}},
		{`Get-CsBackupServiceStatus -PoolFqdn p -Category userdata`, topology.Lync2013, "Get-CsBackupServiceStatus",
			map[string]Value{"PoolFqdn": str("p"), "Category": str("UserData")}},
		{`Invoke-CsBackupServiceSync -PoolFqdn p -BackupModule confservices.dataconf`, topology.SfB2019, "Invoke-CsBackupServiceSync",
			map[string]Value{"PoolFqdn": str("p"), "BackupModule": str("ConfServices.DataConf")}},
		{`Get-CsUserPoolInfo sip:kenmyer@litwareinc.com`, topology.SfB2019, "Get-CsUserPoolInfo",
			map[string]Value{"Identity": str("sip:kenmyer@litwareinc.com")}},
		{`Get-CsPool`, topology.SfB2019, "Get-CsPool", map[string]Value{}},
		{`Get-CsPool atl-cs-001.litwareinc.com`, topology.SfB2019, "Get-CsPool", map[string]Value{"Identity": str("atl-cs-001.litwareinc.com")}},
		{`Get-CsService -CentralManagement`, topology.SfB2019, "Get-CsService", map[string]Value{"CentralManagement": sw(true)}},
		{`Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus`, topology.Lync2013, "Get-CsManagementStoreReplicationStatus",
			map[string]Value{"CentralManagementStoreStatus": sw(true)}},
		{`Reset-CsPoolRegistrarState -PoolFqdn p -ResetType ServiceReset -Force -NoReStart`, topology.Lync2013, "Reset-CsPoolRegistrarState",
			map[string]Value{"PoolFqdn": str("p"), "ResetType": str("ServiceReset"), "Force": sw(true), "NoReStart": sw(true)}},
		{`Set-CsRegistrar Registrar:p -FailureDetectionInterval 00:02:00 -EnableAutomaticFailover $true`, topology.SfB2015, "Set-CsRegistrar",
			map[string]Value{"Identity": str("Registrar:p"), "FailureDetectionInterval": {Kind: KindTimeSpan, TimeSpan: 2 * time.Minute}, "EnableAutomaticFailover": {Kind: KindBool, Switch: true}}},
		{`Set-CsEdgeServer EdgeServer:e -AccessEdgeClientSipPort 443`, topology.SfB2019, "Set-CsEdgeServer",
			map[string]Value{"Identity": str("EdgeServer:e"), "AccessEdgeClientSipPort": {Kind: KindInt, Int: 443}}},
		{`Start-CsPool p -SkipServer a,b`, topology.SfB2019, "Start-CsPool",
			map[string]Value{"PoolFqdn": str("p"), "SkipServer": {Kind: KindStringList, List: []string{"a", "b"}}}},
		{`Invoke-CsManagementServerFailover`, topology.SfB2019, "Invoke-CsManagementServerFailover", map[string]Value{}},
		{`Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql -BackupSqlInstanceName RTC -Force`, topology.SfB2019, "Invoke-CsManagementServerFailover",
			map[string]Value{"BackupSqlServerFqdn": str("sql"), "BackupSqlInstanceName": str("RTC"), "Force": sw(true)}},
		{`Get-CsPoolFabricState -PoolFqdn p -Type routing`, topology.Lync2013, "Get-CsPoolFabricState", map[string]Value{"PoolFqdn": str("p"), "Type": str("Routing")}},
		{`Get-CsPoolFabricState 6e8c8d2a-1b6f-5a1e-9c3a-0d6f2c1b7e11`, topology.SfB2015, "Get-CsPoolFabricState", map[string]Value{"RoutingGroup": str("6e8c8d2a-1b6f-5a1e-9c3a-0d6f2c1b7e11")}},
		{`Get-CsDatabaseMirrorState -PoolFqdn p -DatabaseType CentralMgmt`, topology.SfB2015, "Get-CsDatabaseMirrorState", map[string]Value{"PoolFqdn": str("p"), "DatabaseType": str("CentralMgmt")}},
		{`Get-CsDatabaseMirrorState -PoolFqdn p -DatabaseType cms`, topology.Lync2013, "Get-CsDatabaseMirrorState", map[string]Value{"PoolFqdn": str("p"), "DatabaseType": str("CMS")}},
		{`help Invoke-CsPoolFailBack -Examples`, topology.SfB2015, "Get-Help", map[string]Value{"Name": str("Invoke-CsPoolFailBack"), "Examples": sw(true)}},
		{`Wait-SimTime 00:05:00`, "", "Wait-SimTime", map[string]Value{"Duration": {Kind: KindTimeSpan, TimeSpan: 5 * time.Minute}}},
		{`Wait-SimTime -Minutes 30`, "", "Wait-SimTime", map[string]Value{"Minutes": {Kind: KindInt, Int: 30}}},
		{`Disconnect-SimSite Atlanta Dublin`, topology.Lync2013, "Disconnect-SimSite", map[string]Value{"Site": str("Atlanta"), "To": str("Dublin")}},
		{`Stop-SimBackEnd -PoolFqdn p -Mirror`, topology.Lync2013, "Stop-SimBackEnd", map[string]Value{"PoolFqdn": str("p"), "Mirror": sw(true)}},
		{`get-simstate`, topology.SfB2019, "Get-SimState", map[string]Value{}},
		{`SkypeForBusiness\Get-CsPool`, topology.SfB2019, "Get-CsPool", map[string]Value{}},
		{`lync\get-cspool`, topology.Lync2013, "Get-CsPool", map[string]Value{}},
		{"Invoke-CsPoolFailOver `\n  -PoolFqdn p `\n  -Force", topology.SfB2019, "Invoke-CsPoolFailOver", map[string]Value{"PoolFqdn": str("p"), "Force": sw(true)}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			cmd, err := bindLine(t, tt.line, tt.v)
			require.Nil(t, err, "%v", err)
			assert.Equal(t, tt.cmdlet, cmd.Cmdlet)
			assert.Equal(t, tt.want, cmd.Params)
			assert.Equal(t, strings.TrimSpace(tt.line), cmd.Text)
		})
	}
}

func TestBindErrors(t *testing.T) {
	tests := []struct {
		line   string
		v      topology.Version
		id     string
		msg    string
		marked string // the text under the ~~~ marker
	}{
		{`Invoke-CsPoolFailOver -PoolFqdn p -Foo`, topology.SfB2015, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'Foo'.", "-Foo"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -SkipDataVerification`, topology.Lync2013, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'SkipDataVerification'.", "-SkipDataVerification"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -ServicesStopDelayMins 5`, topology.Lync2013, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'ServicesStopDelayMins'.", "-ServicesStopDelayMins"},
		{`Invoke-CsPoolFailBack -PoolFqdn p -FlushStorageService`, topology.SfB2019, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'FlushStorageService'.", "-FlushStorageService"},
		{`Invoke-CsPoolFailBack -PoolFqdn p -ServicesStopDelayMins 3`, topology.SfB2019, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'ServicesStopDelayMins'.", "-ServicesStopDelayMins"},
		{`Get-CsPoolBackupRelationship -PoolFqdn p -WhatIf`, topology.SfB2019, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'WhatIf'.", "-WhatIf"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -W 5`, topology.SfB2015, ErrAmbiguousParameter,
			"Parameter cannot be processed because the parameter name 'W' is ambiguous. Possible matches include: -WaitTime -WhatIf -WarningAction -WarningVariable.", "-W"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -D`, topology.SfB2015, ErrAmbiguousParameter,
			"Parameter cannot be processed because the parameter name 'D' is ambiguous. Possible matches include: -DisasterMode -DatabaseCommandTimeoutInSeconds -Debug.", "-D"},
		{`Invoke-CsPoolFailOver -DisasterMode`, topology.SfB2015, ErrMissingMandatory,
			"Cannot process command because of one or more missing mandatory parameters: PoolFqdn.", "Invoke-CsPoolFailOver -DisasterMode"},
		{`Invoke-CsStorageServiceFlush`, topology.SfB2015, ErrMissingMandatory,
			"Cannot process command because of one or more missing mandatory parameters: FlushType PoolFqdn.", "Invoke-CsStorageServiceFlush"},
		{`Invoke-CsPoolFailOver -PoolFqdn`, topology.SfB2015, ErrMissingArgument,
			"Missing an argument for parameter 'PoolFqdn'. Specify a parameter of type 'Microsoft.Rtc.Management.Deploy.Fqdn' and try again.", "-PoolFqdn"},
		{`Invoke-CsPoolFailOver -PoolFqdn -Force`, topology.SfB2015, ErrMissingArgument,
			"Missing an argument for parameter 'PoolFqdn'. Specify a parameter of type 'Microsoft.Rtc.Management.Deploy.Fqdn' and try again.", "-PoolFqdn"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -PoolFqdn q`, topology.SfB2015, ErrParameterAlreadyBound,
			"Cannot bind parameter because parameter 'PoolFqdn' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".", "-PoolFqdn"},
		{`Invoke-CsPoolFailOver -PoolFqdn p extra`, topology.SfB2015, ErrPositionalNotFound,
			"A positional parameter cannot be found that accepts argument 'extra'.", "extra"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -Force $true`, topology.SfB2015, ErrPositionalNotFound,
			"A positional parameter cannot be found that accepts argument 'True'.", "$true"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -Force:yes`, topology.SfB2015, ErrTransformation,
			"Cannot process argument transformation on parameter 'Force'. Cannot convert value \"System.String\" to type \"System.Management.Automation.SwitchParameter\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.", "yes"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -WaitTime 5min`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'WaitTime'. Cannot convert value \"5min\" to type \"System.TimeSpan\". Error: \"String was not recognized as a valid TimeSpan.\"", "5min"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -WaitTime 25:00:00`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'WaitTime'. Cannot convert value \"25:00:00\" to type \"System.TimeSpan\". Error: \"The TimeSpan could not be parsed because at least one of the numeric components is out of range or contains too many digits.\"", "25:00:00"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -ServicesStopDelayMins five`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'ServicesStopDelayMins'. Cannot convert value \"five\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"", "five"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -ServicesStopDelayMins 99999999999`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'ServicesStopDelayMins'. Cannot convert value \"99999999999\" to type \"System.Int32\". Error: \"Value was either too large or too small for an Int32.\"", "99999999999"},
		{`Invoke-CsPoolFailOver -PoolFqdn a,b`, topology.SfB2015, ErrCannotConvertArray,
			"Cannot convert 'System.Object[]' to the type 'Microsoft.Rtc.Management.Deploy.Fqdn' required by parameter 'PoolFqdn'. Specified method is not supported.", "a,b"},
		{`Invoke-CsPoolFailOver -PoolFqdn ''`, topology.SfB2015, ErrEmptyString,
			"Cannot bind argument to parameter 'PoolFqdn' because it is an empty string.", "''"},
		{`Invoke-CsPoolFailOver -PoolFqdn $null`, topology.SfB2015, ErrNull,
			"Cannot bind argument to parameter 'PoolFqdn' because it is null.", "$null"},
		{`Invoke-CsPoolFailOver -PoolFqdn p -ErrorAction Sometimes`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'ErrorAction'. Cannot convert value \"Sometimes\" to type \"System.Management.Automation.ActionPreference\". Error: \"Unable to match the identifier name Sometimes to a valid enumerator name. Specify one of the following enumerator names and try again: SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend\"", "Sometimes"},
		{`Reset-CsPoolRegistrarState -PoolFqdn p -ResetType Reboot`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'ResetType'. Cannot convert value \"Reboot\" to type \"Microsoft.Rtc.Management.Hadr.PoolResetType\". Error: \"Unable to match the identifier name Reboot to a valid enumerator name. Specify one of the following enumerator names and try again: ServiceReset, QuorumLossRecovery, FullReset, MachineStateRemoved\"", "Reboot"},
		{`Invoke-CsBackupServiceSync -PoolFqdn p -BackupModule Everything`, topology.SfB2015, ErrValidation,
			"Cannot validate argument on parameter 'BackupModule'. The argument \"Everything\" does not belong to the set \"UserServices.PresenceFocus,ConfServices.DataConf,CentralMgmt.CMSMaster,ApplicationServer.RGSDataStore,ApplicationServer.RGSFileStore,All,PresenceFocus,DataConf,CMSMaster\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.", "Everything"},
		{`Get-CsDatabaseMirrorState -PoolFqdn p -DatabaseType CentralMgmt`, topology.Lync2013, ErrCannotConvert,
			"Cannot bind parameter 'DatabaseType'. Cannot convert value \"CentralMgmt\" to type \"Microsoft.Rtc.Management.Hadr.DatabaseNameType\". Error: \"Unable to match the identifier name CentralMgmt to a valid enumerator name. Specify one of the following enumerator names and try again: App, Archiving, CMS, Monitoring, Provision, User\"", "CentralMgmt"},
		{`Invoke-CsManagementServerFailover -Force`, topology.SfB2015, ErrMissingMandatory,
			"Cannot process command because of one or more missing mandatory parameters: BackupSqlServerFqdn.", "Invoke-CsManagementServerFailover -Force"},
		{`Invoke-CsManagementServerFailover -BackupSqlServerFqdn s -Restore`, topology.SfB2015, ErrAmbiguousParameterSet,
			"Parameter set cannot be resolved using the specified named parameters.", "Invoke-CsManagementServerFailover -BackupSqlServerFqdn s -Restore"},
		{`Set-CsRegistrar -EnableAutomaticFailover yes`, topology.SfB2015, ErrTransformation,
			"Cannot process argument transformation on parameter 'EnableAutomaticFailover'. Cannot convert value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.", "yes"},
		{`Set-CsRegistrar -SipPort 70000`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'SipPort'. Cannot convert value \"70000\" to type \"System.UInt16\". Error: \"Value was either too large or too small for a UInt16.\"", "70000"},
		{`Set-CsEdgeServer -SkypeSearchProxyPort 4443`, topology.Lync2013, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'SkypeSearchProxyPort'.", "-SkypeSearchProxyPort"},
		{`Get-CsPoolFabricState -Tenant nope`, topology.SfB2015, ErrCannotConvert,
			"Cannot bind parameter 'Tenant'. Cannot convert value \"nope\" to type \"System.Guid\". Error: \"Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).\"", "nope"},
		{`Get-CsPoolFabricState -RoutingGroup g`, topology.Lync2013, ErrNamedParameterNotFound,
			"A parameter cannot be found that matches parameter name 'RoutingGroup'.", "-RoutingGroup"},
		{`Start-CsPool -PoolFqdn p`, topology.Lync2013, ErrCommandNotFound,
			"The term 'Start-CsPool' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", "Start-CsPool"},
		{`Get-CsDatabaseMirrorState -PoolFqdn p`, topology.SfB2019, ErrCommandNotFound,
			"The term 'Get-CsDatabaseMirrorState' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", "Get-CsDatabaseMirrorState"},
		{`Other\Get-CsPool`, topology.SfB2019, ErrCommandNotFound,
			"The term 'Other\\Get-CsPool' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", "Other\\Get-CsPool"},
		{`Invoke-CsPoolFailover2 -PoolFqdn p`, topology.SfB2019, ErrCommandNotFound,
			"The term 'Invoke-CsPoolFailover2' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", "Invoke-CsPoolFailover2"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			_, err := bindLine(t, tt.line, tt.v)
			require.NotNil(t, err)
			assert.Equal(t, tt.id, err.ID)
			assert.Equal(t, tt.msg, err.Message)
			assert.Equal(t, tt.marked, tt.line[err.Offset:err.End])
		})
	}
}

func TestErrorFormat(t *testing.T) {
	line := "Get-SimState; Invoke-CsPoolFailOver -PoolFqdn p -Foo"
	sts, perr := Parse(line)
	require.NoError(t, perr)
	_, err := Bind(sts[1], topology.SfB2015)
	require.NotNil(t, err)
	assert.Equal(t, []string{
		"Invoke-CsPoolFailOver : A parameter cannot be found that matches parameter name 'Foo'.",
		"At line:1 char:49",
		"+ Get-SimState; Invoke-CsPoolFailOver -PoolFqdn p -Foo",
		"+                                                 ~~~~",
		"    + CategoryInfo          : InvalidArgument: (:) [Invoke-CsPoolFailOver], ParameterBindingException",
		"    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.Rtc.Management.Hadr.InvokePoolFailOverCmdlet",
	}, err.Format(line))

	_, err = Bind(Statement{Name: "Nope", NameEnd: 4, Text: "Nope", End: 4}, "")
	require.NotNil(t, err)
	assert.Equal(t, []string{
		"Nope : The term 'Nope' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
		"At line:1 char:1",
		"+ Nope",
		"+ ~~~~",
		"    + CategoryInfo          : ObjectNotFound: (Nope:String) [], CommandNotFoundException",
		"    + FullyQualifiedErrorId : CommandNotFoundException",
	}, err.Format("Nope"))
}

func TestNewErrorForSimulatedCmdlets(t *testing.T) {
	line := "invoke-cspoolfailover -PoolFqdn atl-cs-001.litwareinc.com"
	sts, _ := Parse(line)
	e := NewError("invoke-cspoolfailover", "EdgeNextHop", "InvalidOperation", "This Front-end pool is the next hop.").At(sts[0])
	assert.Equal(t, []string{
		"Invoke-CsPoolFailOver : This Front-end pool is the next hop.",
		"At line:1 char:1",
		"+ invoke-cspoolfailover -PoolFqdn atl-cs-001.litwareinc.com",
		"+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
		"    + CategoryInfo          : InvalidOperation: (:) [Invoke-CsPoolFailOver], InvalidOperationException",
		"    + FullyQualifiedErrorId : EdgeNextHop,Microsoft.Rtc.Management.Hadr.InvokePoolFailOverCmdlet",
	}, e.Format(line))
	// Without a position the error points at the whole (trimmed) input.
	e2 := NewError("Stop-SimServer", "ServerNotFound", "ObjectNotFound", "No server x.")
	got := e2.Format("  Stop-SimServer x  ")
	assert.Equal(t, "At line:1 char:3", got[1])
	assert.Equal(t, "+   ~~~~~~~~~~~~~~~~", got[3])
	assert.Equal(t, "    + FullyQualifiedErrorId : ServerNotFound,Failwright.Simulator.StopSimServerCommand", got[5])
}

func TestCatalogVersions(t *testing.T) {
	names := func(v topology.Version) []string {
		var out []string
		for _, c := range Default.Cmdlets(v) {
			out = append(out, c.Name)
		}
		return out
	}
	assert.NotContains(t, names(topology.Lync2013), "Start-CsPool")
	assert.Contains(t, names(topology.SfB2015), "Start-CsPool")
	assert.NotContains(t, names(topology.SfB2019), "Get-CsDatabaseMirrorState")
	for _, v := range topology.Versions {
		assert.Contains(t, names(v), "Stop-SimServer", "simulator verbs exist in every version")
		assert.Contains(t, names(v), "Invoke-CsPoolFailOver")
	}
	// Every parameter set that a cmdlet names has at least one parameter; every parameter's
	// sets are among the cmdlet's sets.
	for _, c := range Default.Cmdlets("") {
		for _, p := range c.Params {
			for _, s := range p.Sets {
				assert.Contains(t, c.Sets, s, "%s -%s", c.Name, p.Name)
			}
			if p.Type == TypeEnum {
				assert.NotEmpty(t, p.Enum, "%s -%s", c.Name, p.Name)
			}
			assert.NotEmpty(t, p.Help, "%s -%s has help", c.Name, p.Name)
		}
		assert.NotEmpty(t, c.Synopsis, c.Name)
		assert.NotEmpty(t, c.Examples, c.Name)
		if len(c.Sets) > 0 {
			assert.Contains(t, c.Sets, c.DefaultSet, c.Name)
		}
	}
}

func FuzzBind(f *testing.F) {
	for _, s := range []string{
		`Invoke-CsPoolFailOver -PoolFqdn p -DisasterMode -cf:$false`,
		`Get-CsPoolFabricState 6e8c8d2a-1b6f-5a1e-9c3a-0d6f2c1b7e11 -Force`,
		`Invoke-CsManagementServerFailover -Force -Res`,
		`Wait-SimTime -Dur -1.00:00:00.1234567`, `Set-CsRegistrar x -Ena 0 -Fail 1`, `help -Name x,y`,
	} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, src string, vi int) {
		sts, err := Parse(src)
		if err != nil {
			return
		}
		vs := append([]topology.Version{""}, topology.Versions...)
		v := vs[(vi%len(vs)+len(vs))%len(vs)]
		for _, st := range sts {
			cmd, e := Bind(st, v)
			if e != nil {
				if e.Offset < 0 || e.End < e.Offset || e.End > len(src) {
					t.Fatalf("error span %d..%d outside the input", e.Offset, e.End)
				}
				if e.ID == "" || e.Message == "" {
					t.Fatalf("error without ID or message: %+v", e)
				}
				_ = e.Format(src)
				continue
			}
			c := Default.Lookup(cmd.Cmdlet)
			if c == nil || c.Name != cmd.Cmdlet {
				t.Fatalf("bound to unknown cmdlet %q", cmd.Cmdlet)
			}
			for name := range cmd.Params {
				found := false
				for _, p := range c.ParamsIn(v) {
					found = found || p.Name == name
				}
				if !found {
					t.Fatalf("%s has no parameter %s in %s", c.Name, name, v)
				}
			}
		}
	})
}

func BenchmarkBind(b *testing.B) {
	sts, err := Parse("invoke-cspoolfailover -pool 'atl-cs-001.litwareinc.com' -Disas -WaitTime 00:05:00 -cf:$false -vb")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, e := Bind(sts[0], topology.SfB2019); e != nil {
			b.Fatal(e)
		}
	}
}
