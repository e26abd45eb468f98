package plan

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// loadNoWitness reads a mirror-no-witness test topology: "sim" has the CMS in Redmond,
// "analysis" in Chicago, whose back end is mirrored without a witness in both.
func loadNoWitness(t *testing.T, pkg string) *topology.Topology {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", pkg, "testdata", "topologies", "mirror-no-witness.yaml"))
	require.NoError(t, err)
	topo, fs := topofile.Decode("mirror-no-witness.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	return topo
}

func stepIDs(p *Plan) []string {
	ids := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		ids[i] = s.ID
	}
	return ids
}

// TestDatabaseFailoverWithoutWitness checks that a disaster plan for a pool whose principal
// SQL Server is down, with a running mirror and no witness, fails the databases over to the
// mirror (FACTS §9) instead of failing a pool that still runs over to its backup pool, and that
// the pool failover comes back when the mirror is lost too.
func TestDatabaseFailoverWithoutWitness(t *testing.T) {
	const chi = "chi-pool-01.contoso.com"
	stop := "Stop-SimBackEnd -PoolFqdn " + chi
	tests := []struct {
		name  string
		pkg   string
		setup []string
		ids   []string
		rto   time.Duration
		pl024 bool
	}{
		{"right after the failure", "sim", []string{stop},
			[]string{"db-mirror-state", "db-failover"}, 0, true},
		{"CMS on the same back end", "analysis", []string{stop},
			[]string{"db-mirror-state", "db-failover", "db-failover-cms"}, 0, true},
		{"after the grace: the users come back after failback detection", "sim", []string{stop, "Wait-SimTime -Minutes 31"},
			[]string{"db-mirror-state", "db-failover", "users-return"}, 7 * time.Minute, true},
		{"mirror lost too: the pool is failed over", "sim", []string{stop, stop + " -Mirror", "Wait-SimTime -Minutes 31"},
			[]string{"cms-locate", "cms-backup-relationship", "cms-status", "backup-relationship", "backup-status", "pool-failover", "rgs-import", "call-park", "announcements", "lis-restore",
				"verify-registration", "verify-im", "verify-presence", "verify-peer-calls", "verify-conferencing", "verify-meetings"}, -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			topo := loadNoWitness(t, tc.pkg)
			req := Request{Pool: chi, Mode: Disaster, Setup: tc.setup}
			p, fs := Build(topo, req)
			require.NotNil(t, p, "%v", fs)
			assert.Equal(t, tc.ids, stepIDs(p))
			assert.Equal(t, tc.pl024, hasCode(fs, "PL024"))
			assert.False(t, hasCode(fs, "PL021"), "no disaster failover of a running pool")
			if tc.rto >= 0 {
				assert.Equal(t, tc.rto, p.Prediction.RTO.Std())
				assert.Zero(t, p.Prediction.DataLoss.Std())
				assert.Equal(t, "Invoke-CsDatabaseFailover -PoolFqdn '"+chi+"' -DatabaseType User -NewPrincipal Mirror", p.Steps[1].Command)
			}
		})
	}
}

// TestDatabaseFailoverOnlyForThePlansPools checks that the plan for another pool does not fail
// over the databases of a pool that is neither the plan's pool nor the CMS pool.
func TestDatabaseFailoverOnlyForThePlansPools(t *testing.T) {
	topo := loadNoWitness(t, "sim")
	p, fs := Build(topo, Request{Pool: "red-pool-01.contoso.com", Mode: Disaster,
		Setup: []string{"Stop-SimBackEnd -PoolFqdn chi-pool-01.contoso.com", "Stop-SimSite -Site Redmond"}})
	if p != nil {
		assert.NotContains(t, stepIDs(p), "db-failover", "only the plan's pool and the CMS pool: %v", fs)
	}
}
