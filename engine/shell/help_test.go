package shell

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

func TestSyntaxFollowsVersion(t *testing.T) {
	c := Default.Lookup("Invoke-CsPoolFailOver")
	require.NotNil(t, c)
	assert.Equal(t, []string{"Invoke-CsPoolFailOver -PoolFqdn <Fqdn> [-DisasterMode] [-FlushStorageService] [-Force] [-WaitTime <TimeSpan>] [-WhatIf] [-Confirm] [<CommonParameters>]"},
		c.Syntax(topology.Lync2013))
	assert.Equal(t, []string{"Invoke-CsPoolFailOver -PoolFqdn <Fqdn> [-DisasterMode] [-FlushStorageService] [-Force] [-WaitTime <TimeSpan>] [-DatabaseCommandTimeoutInSeconds <Int32>] [-ServicesStopDelayMins <Int32>] [-SkipDataVerification] [-WhatIf] [-Confirm] [<CommonParameters>]"},
		c.Syntax(topology.SfB2019))
	assert.Equal(t, []string{
		"Invoke-CsManagementServerFailover [-Restore] [-Report <String>] [-WhatIf] [-Confirm] [<CommonParameters>]",
		"Invoke-CsManagementServerFailover -BackupSqlServerFqdn <Fqdn> [-BackupSqlInstanceName <String>] [-BackupMirrorSqlServerFqdn <Fqdn>] [-BackupMirrorSqlInstanceName <String>] -Force [-Report <String>] [-WhatIf] [-Confirm] [<CommonParameters>]",
	}, Default.Lookup("Invoke-CsManagementServerFailover").Syntax(""))
	assert.Equal(t, []string{"Get-CsUserPoolInfo [-Identity] <UserIdParameter> [-LocalStore] [<CommonParameters>]"},
		Default.Lookup("Get-CsUserPoolInfo").Syntax(topology.SfB2015))
	assert.Equal(t, []string{"Get-CsBackupServiceStatus -PoolFqdn <Fqdn> [-Category {CMS | UserData | RGS}] [-Force] [<CommonParameters>]"},
		Default.Lookup("Get-CsBackupServiceStatus").Syntax(topology.SfB2015))
	assert.Equal(t, []string{"Get-CsPoolFabricState -PoolFqdn <String> [-Type {All | MCUFactory | ConferenceDirectory | Routing | LYSS}] [-QueryTimeout <Int32>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]"},
		Default.Lookup("Get-CsPoolFabricState").Syntax(topology.Lync2013), "the 2015+ parameter sets are absent on 2013")
}

func TestHelpEveryCmdlet(t *testing.T) {
	for _, v := range topology.Versions {
		for _, c := range Default.Cmdlets(v) {
			short, ok := Help(c.Name, v, false)
			require.True(t, ok, c.Name)
			assert.Contains(t, short, "\nNAME\n    "+c.Name+"\n")
			assert.Contains(t, short, "SYNTAX")
			assert.Contains(t, short, "Get-Help "+c.Name+" -Full")
			full, ok := Help(strings.ToLower(c.Name), v, true)
			require.True(t, ok)
			assert.Contains(t, full, "PARAMETERS")
			assert.Contains(t, full, "EXAMPLES")
			for _, p := range c.ParamsIn(v) {
				if !p.Common {
					assert.Contains(t, full, "    -"+p.Name, "%s documents -%s", c.Name, p.Name)
				}
			}
			for _, ex := range c.Examples {
				sts, err := Parse(ex.Code)
				require.NoError(t, err, ex.Code)
				_, berr := Bind(sts[0], v)
				assert.Nil(t, berr, "example %q binds in %s", ex.Code, v)
			}
		}
	}
	list, ok := Help("*-CsPoolFail*", topology.Lync2013, false)
	require.True(t, ok)
	assert.Contains(t, list, "Invoke-CsPoolFailBack")
	assert.Contains(t, list, "Invoke-CsPoolFailOver")
	_, ok = Help("*Nothing*", topology.Lync2013, false)
	assert.False(t, ok)
	_, ok = Help("Start-CsPool", topology.Lync2013, false)
	assert.False(t, ok, "no help for a cmdlet the version lacks")
	full, _ := Help("Invoke-CsPoolFailOver", topology.Lync2013, true)
	assert.NotContains(t, full, "-SkipDataVerification\n        Do not", "2013 help lists only 2013 parameters")
}

func TestHelpLines(t *testing.T) {
	run := func(line string, v topology.Version) ([]string, *Error) {
		sts, err := Parse(line)
		require.NoError(t, err)
		cmd, berr := Bind(sts[0], v)
		require.Nil(t, berr)
		return Default.HelpLines(cmd, v)
	}
	lines, err := run("Get-Help", topology.Lync2013)
	require.Nil(t, err)
	joined := strings.Join(lines, "\n")
	assert.Contains(t, joined, "Invoke-CsPoolFailOver")
	assert.NotContains(t, joined, "Start-CsPool")

	lines, err = run("help *poolfailback*", topology.SfB2019)
	require.Nil(t, err)
	assert.Equal(t, []string{"", "Name                  Synopsis", "----                  --------",
		"Invoke-CsPoolFailBack Returns failed-over users to their home pool once it works again."}, lines)

	lines, err = run("Get-Help Invoke-CsPoolFailOver -Parameter Wait*", topology.SfB2019)
	require.Nil(t, err)
	assert.Equal(t, "    -WaitTime <TimeSpan>", lines[1])

	lines, err = run("Get-Help Invoke-CsPoolFailOver -Examples", topology.SfB2019)
	require.Nil(t, err)
	assert.Contains(t, strings.Join(lines, "\n"), "Example 2")

	_, err = run("Get-Help Get-Nothing", topology.SfB2019)
	require.NotNil(t, err)
	assert.Equal(t, "HelpNotFound", err.ID)
	assert.Equal(t, "Get-Help", err.Cmdlet)
}

func TestComplete(t *testing.T) {
	pools := []string{"dub-cs-001.litwareinc.com", "atl-cs-001.litwareinc.com"}
	names := Names{Pools: pools, Servers: []string{"atl-fe-01.litwareinc.com"}, Sites: []string{"Atlanta", "New York"}}
	tests := []struct {
		line  string
		v     topology.Version
		start int
		want  []string
	}{
		{"Invoke-CsPool", "", 0, []string{"Invoke-CsPoolFailBack", "Invoke-CsPoolFailOver"}},
		{"start-", topology.Lync2013, 0, []string{"Start-SimBackEnd", "Start-SimBranch", "Start-SimDnsProvider", "Start-SimEdgePool", "Start-SimGateway", "Start-SimLoadBalancer", "Start-SimPersistentChat", "Start-SimPool", "Start-SimServer", "Start-SimSite"}},
		{"start-cs", topology.SfB2019, 0, []string{"Start-CsPool"}},
		{"Invoke-CsPoolFailOver -Dis", "", 22, []string{"-DisasterMode"}},
		{"Invoke-CsPoolFailOver -PoolFqdn p -Po", "", 34, nil},
		{"Invoke-CsPoolFailOver -S", topology.Lync2013, 22, nil},
		{"Invoke-CsPoolFailOver -S", topology.SfB2015, 22, []string{"-ServicesStopDelayMins", "-SkipDataVerification"}},
		{"Invoke-CsPoolFailOver -PoolFqdn ", "", 32, []string{"atl-cs-001.litwareinc.com", "dub-cs-001.litwareinc.com"}},
		{"Invoke-CsPoolFailOver -PoolFqdn AT", "", 32, []string{"atl-cs-001.litwareinc.com"}},
		{"Invoke-CsPoolFailOver -PoolFqdn:d", "", 22, []string{"-PoolFqdn:dub-cs-001.litwareinc.com"}},
		{"Invoke-CsPoolFailOver -ErrorAction s", "", 35, []string{"SilentlyContinue", "Stop", "Suspend"}},
		{"Get-CsBackupServiceStatus -PoolFqdn p -Category ", "", 48, []string{"CMS", "RGS", "UserData"}},
		{"Reset-CsPoolRegistrarState -ResetType q", "", 38, []string{"QuorumLossRecovery"}},
		{"Stop-SimServer ", "", 15, []string{"atl-cs-001.litwareinc.com", "atl-fe-01.litwareinc.com", "dub-cs-001.litwareinc.com"}},
		{"Stop-SimSite -Site n", "", 19, []string{"'New York'"}},
		{"Disconnect-SimSite Atlanta ", "", 27, []string{"Atlanta", "'New York'"}},
		{"Get-Help invoke-cspoolf", "", 9, []string{"Invoke-CsPoolFailBack", "Invoke-CsPoolFailOver"}},
		{"Get-SimState; Wait-Sim", "", 14, []string{"Wait-SimTime"}},
		{"Nope -x", "", 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			start, got := Default.CompleteWord(tt.line, len(tt.line), tt.v, names)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.start, start)
		})
	}
	assert.Equal(t, []string{"atl-cs-001.litwareinc.com"}, Complete("Get-CsPool a", 12, pools))
	assert.Equal(t, []string{"Get-CsPool", "Get-CsPoolBackupRelationship", "Get-CsPoolFabricState"}, Complete("Get-CsPool a", 10, pools), "the cursor, not the end of the line, decides")
}

func FuzzComplete(f *testing.F) {
	for _, s := range []string{"Invoke-CsPoolFailOver -PoolFqdn:a", "Get-Help ", "x 'a b", "Stop-SimSite -Site "} {
		f.Add(s, len(s))
	}
	f.Fuzz(func(t *testing.T, line string, cursor int) {
		start, got := Default.CompleteWord(line, cursor, "", Names{Pools: []string{"a b", "c"}, Sites: []string{"s"}})
		if start < 0 || start > len(line) {
			t.Fatalf("start %d outside the line", start)
		}
		for i := 1; i < len(got); i++ {
			if got[i] == got[i-1] {
				t.Fatalf("duplicate candidate %q", got[i])
			}
		}
	})
}

func TestNamesOf(t *testing.T) {
	tp := &topology.Topology{
		Sites:    []topology.Site{{Name: "Atlanta"}},
		Pools:    []topology.Pool{{FQDN: "p1.x.com", Servers: []topology.Server{{FQDN: "fe1.x.com"}}}},
		Branches: []topology.Branch{{FQDN: "sba.x.com"}},
	}
	assert.Equal(t, Names{Pools: []string{"p1.x.com"}, Servers: []string{"fe1.x.com", "sba.x.com"}, Sites: []string{"Atlanta"}}, NamesOf(tp))
}
