package sim

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// seDrill exercises what depends on the version on a 2019 pair: quorum, Get- output with
// versions, the Backup Service (Response Group data is 2019's), CMS failover, a disaster-mode
// pool failover with data verification, and failback.
const seDrill = `Get-CsService -Registrar
Get-CsManagementStoreReplicationStatus
Get-CsBackupServiceConfiguration
Set-CsBackupServiceConfiguration -EnableRgsBackupService $true
Get-CsBackupServiceStatus -PoolFqdn ams-pool-01.northwindtraders.com
Get-CsBackupServiceStatus -PoolFqdn fra-pool-01.northwindtraders.com -Category RGS
Invoke-CsBackupServiceSync -PoolFqdn fra-pool-01.northwindtraders.com -BackupModule ApplicationServer.RGSDataStore
Get-Command -Noun CsPool*
Stop-SimServer fra-fe-01.northwindtraders.com
Get-CsPoolFabricState -PoolFqdn fra-pool-01.northwindtraders.com
Start-SimServer fra-fe-01.northwindtraders.com
Wait-SimTime 00:59:10
Stop-SimSite -Site Frankfurt
Wait-SimTime 00:03:00
Invoke-CsManagementServerFailover -BackupSqlServerFqdn ams-sql-ag.northwindtraders.com -Force
Invoke-CsPoolFailOver -PoolFqdn fra-pool-01.northwindtraders.com -DisasterMode -DatabaseCommandTimeoutInSeconds 60 -Verbose
Get-SimState
Start-SimSite -Site Frankfurt
Wait-SimTime 00:10:00
Invoke-CsPoolFailBack -PoolFqdn fra-pool-01.northwindtraders.com -Verbose
Get-SimState`

// asSE returns a sample topology file with every pool, or only the named pool, on
// Subscription Edition.
func asSE(t *testing.T, path, only string) string {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	src := string(data)
	if only == "" {
		src = strings.ReplaceAll(src, "version: SfB2019", "version: SfBSE")
	} else {
		i := strings.Index(src, "- fqdn: "+only)
		require.GreaterOrEqual(t, i, 0)
		j := i + strings.Index(src[i:], "version: SfB2019")
		src = src[:j] + "version: SfBSE" + src[j+len("version: SfB2019"):]
	}
	out := t.TempDir() + "/se.yaml"
	require.NoError(t, os.WriteFile(out, []byte(src), 0o644))
	return out
}

// as2019 maps what a Subscription Edition run prints differently, its names and its release
// build, back to 2019's.
var as2019 = strings.NewReplacer(
	"Skype for Business Server Subscription Edition", "Skype for Business Server 2019",
	"SfBSE", "SfB2019",
	"7.0.2046.820", "7.0.2046.0",
)

// TestSubscriptionEditionRunsAs2019 runs the same drill on a 2019 pair, a Subscription
// Edition pair and a 2019 pool paired with a Subscription Edition pool, and requires the same
// output once the version's names are mapped: SE behaves exactly as 2019.
func TestSubscriptionEditionRunsAs2019(t *testing.T) {
	const sample = "../samples/sfb2019-16fe.yaml"
	want := string(runOutput(t, sample, seDrill))
	require.Contains(t, want, "7.0.2046.0", "the drill shows a product version")
	require.NotContains(t, want, "is not supported between pools", "the drill fails over")
	for name, file := range map[string]string{
		"SE pair":     asSE(t, sample, ""),
		"2019 and SE": asSE(t, sample, "ams-pool-01.northwindtraders.com"),
	} {
		t.Run(name, func(t *testing.T) {
			got := string(runOutput(t, file, seDrill))
			assert.Equal(t, want, as2019.Replace(got))
			if name == "SE pair" {
				assert.Contains(t, got, "7.0.2046.820", "Subscription Edition reports its release build")
			}
		})
	}
}

// TestProductVersionShowsBuild checks that a pool's build is its replicas' ProductVersion.
func TestProductVersionShowsBuild(t *testing.T) {
	tests := []struct {
		v     topology.Version
		build string
		want  string
	}{
		{topology.Lync2013, "", "5.0.8308.0"},
		{topology.SfB2015, "", "6.0.9319.0"},
		{topology.SfB2019, "", "7.0.2046.0"},
		{topology.SfBSE, "", "7.0.2046.820"},
		{topology.SfB2019, "7.0.2046.553", "7.0.2046.553"},
		{topology.SfB2015, "not a build", "6.0.9319.0"},
		{"SfB2030", "", "6.0.9319.0"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, productVersion(&topology.Pool{Version: tc.v, Build: tc.build}), "%s %s", tc.v, tc.build)
	}
	assert.Equal(t, serviceVersion(topology.SfB2019), serviceVersion(topology.SfBSE))
}
