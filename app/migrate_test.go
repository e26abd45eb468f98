package app_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/topology"
)

// TestMigrate covers the migration use case over the sample topologies: the status of each
// request, the three renderings of a plan, and that lifecycle findings go beside the plan.
func TestMigrate(t *testing.T) {
	src := samples(t)
	asOf, err := topology.ParseDate("2026-12-06")
	require.NoError(t, err)
	tests := []struct {
		name, file, from, to string
		status               app.Status
	}{
		{"2015 pair to SE pair", "migration-2015-to-se.yaml", "bos-pool-15.northwind.com", "bos-pool-se.northwind.com", app.StatusOK},
		{"the other old pool, to the SE pool's partner", "migration-2015-to-se.yaml", "aus-pool-15.northwind.com", "aus-pool-se.northwind.com", app.StatusOK},
		{"new pool not in the topology", "migration-2015-to-se.yaml", "bos-pool-15.northwind.com", "nope.northwind.com", app.StatusBadInput},
		{"old pool not in the topology", "migration-2015-to-se.yaml", "nope.northwind.com", "bos-pool-se.northwind.com", app.StatusBadInput},
		{"into a pool whose partner is the old pool", "se-pair.yaml", "chi-pool-01.fabrikam.com", "den-pool-01.fabrikam.com", app.StatusFail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := load(t, src[tc.file])
			res := app.Migrate(doc, app.MigrateRequest{From: tc.from, To: tc.to, Positions: true, AsOf: asOf})
			assert.Equal(t, tc.status, res.Status, "%v", res.Findings)
			if tc.status != app.StatusOK {
				assert.Nil(t, res.Plan)
				return
			}
			require.NotNil(t, res.Plan)
			assert.Equal(t, plan.Migrate, res.Plan.Request.Mode)
			require.NotNil(t, res.Plan.Migration)
			for _, f := range app.Formats {
				b, err := res.Text(f)
				require.NoError(t, err, f)
				assert.NotEmpty(t, b, f)
			}
			for _, f := range res.Plan.Findings {
				assert.NotEqual(t, "FW1001", f.Code, "lifecycle findings stay out of the plan")
			}
		})
	}
}
