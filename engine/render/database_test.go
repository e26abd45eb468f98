package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topofile"
)

// TestDatabaseFailoverPlan checks that a plan that restores its pool by a database failover
// alone (SQL mirroring without a witness) says so in its title instead of naming a pool
// failover it does not make, and that its script runs exactly the plan's commands.
func TestDatabaseFailoverPlan(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "sim", "testdata", "topologies", "mirror-no-witness.yaml"))
	require.NoError(t, err)
	topo, fs := topofile.Decode("mirror-no-witness.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	const chi = "chi-pool-01.contoso.com"
	p, fs := plan.Build(topo, plan.Request{Pool: chi, Mode: plan.Disaster,
		Setup: []string{"Stop-SimBackEnd -PoolFqdn " + chi, "Wait-SimTime -Minutes 31"}})
	require.NotNil(t, p, "%v", fs)
	md, err := Markdown(p)
	require.NoError(t, err)
	assert.Contains(t, string(md), "# Runbook: restore "+chi+" by failing its databases over to the mirror\n")
	assert.NotContains(t, string(md), "Invoke-CsPoolFailOver")
	script, err := PowerShell(p)
	require.NoError(t, err)
	assert.Contains(t, string(script), "# failwright plan: restore "+chi+" by failing its databases over to the mirror (disaster)\n")
	assertScriptRunsExactly(t, p, script)
}
