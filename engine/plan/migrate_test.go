package plan

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/sim"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

const (
	oldPool = "bos-pool-15.northwind.com"
	newPool = "bos-pool-se.northwind.com"
)

// loadSample decodes a sample topology.
func loadSample(t *testing.T, name string) *topology.Topology {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name))
	require.NoError(t, err)
	topo, fs := topofile.Decode(name, data)
	require.False(t, fs.HasErrors(), "%v", fs)
	return topo
}

// TestBuildMigration covers the stages of the sample move and the migrations refused.
func TestBuildMigration(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*topology.Topology)
		from     string
		to       string
		code     string   // the error expected; "" when the plan is built
		stages   []string // the stages expected
		riskiest string
	}{
		{name: "2015 pair to SE pair", from: oldPool, to: newPool,
			stages:   []string{"pair", "cms", "users-1", "users-2", "edge", "branches", "unpair"},
			riskiest: "unpair"},
		{name: "old pool unknown", from: "nope.northwind.com", to: newPool, code: "PL001"},
		{name: "new pool unknown", from: oldPool, to: "nope.northwind.com", code: "PL001"},
		{name: "to itself", from: oldPool, to: oldPool, code: "PL030"},
		{name: "to an Edge pool", from: oldPool, to: "bos-edge-01.northwind.com", code: "PL030"},
		{name: "new pool unpaired", from: oldPool, to: newPool, code: "PL031", edit: func(t *topology.Topology) {
			t.PoolByFQDN(newPool).BackupPool = ""
			t.PoolByFQDN("aus-pool-se.northwind.com").BackupPool = ""
		}},
		{name: "backup pool too small", from: oldPool, to: newPool, code: "PL032", edit: func(t *topology.Topology) {
			p := t.PoolByFQDN("aus-pool-se.northwind.com")
			p.Servers = p.Servers[:1]
		}},
		{name: "CMS elsewhere, no Edge, no branch", from: oldPool, to: newPool, edit: func(t *topology.Topology) {
			t.CMS.Pool = "aus-pool-15.northwind.com"
			t.Branches = nil
			t.PoolByFQDN("bos-edge-01.northwind.com").NextHop = "aus-pool-15.northwind.com"
		}, stages: []string{"pair", "users-1", "users-2", "unpair"}, riskiest: "unpair"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			topo := loadSample(t, "migration-2015-to-se.yaml")
			if tc.edit != nil {
				tc.edit(topo)
			}
			p, fs := Build(topo, Request{Pool: tc.from, Mode: Migrate, MigrateTo: tc.to})
			if tc.code != "" {
				require.Nil(t, p)
				assert.True(t, slices.ContainsFunc(fs, func(f topology.Finding) bool { return f.Code == tc.code && f.Severity == topology.Error }), "%v", fs)
				return
			}
			require.NotNil(t, p, "%v", fs)
			var ids []string
			for _, s := range p.Migration.Stages {
				ids = append(ids, s.ID)
			}
			assert.Equal(t, tc.stages, ids)
			assert.Equal(t, tc.riskiest, p.Migration.Riskiest)
			assert.Empty(t, Check(p, topo), "the plan fits the topology it was made from")
			again, _ := Build(topo, p.Request)
			assert.Equal(t, p.ID, again.ID, "the same request gives the same plan")
		})
	}
}

// TestMigrationBatches: the batches add up to the old pool's users, none over one Front End
// Server's worth, and the new pool's backup pool carries both pools at the end.
func TestMigrationBatches(t *testing.T) {
	for _, users := range []int{1, 6660, 6661, 9000, 20000} {
		topo := loadSample(t, "migration-2015-to-se.yaml")
		topo.PoolByFQDN(oldPool).Users = users
		b := &builder{t: topo, req: Request{Pool: oldPool, Mode: Migrate, MigrateTo: newPool}}
		m := &migration{b: b}
		require.True(t, m.resolve())
		m.capacity()
		sum := 0
		for _, n := range m.batches {
			assert.LessOrEqual(t, n, topology.UsersPerServer)
			sum += n
		}
		assert.Equal(t, users, sum, "%d users", users)
	}
}

// TestPairingStageNeedsTheUpdateRerun: without the re-run of the cumulative update the
// simulation of the pairing stage fails (the Backup Service crashed), with it the stage holds.
func TestPairingStageNeedsTheUpdateRerun(t *testing.T) {
	topo := loadSample(t, "migration-2015-to-se.yaml")
	p, fs := Build(topo, Request{Pool: oldPool, Mode: Migrate, MigrateTo: newPool})
	require.NotNil(t, p, "%v", fs)
	st := p.Migration.Stages[0]
	steps := slices.Clone(p.Steps[st.First-1 : st.Last])
	require.True(t, slices.ContainsFunc(steps, func(s Step) bool { return s.ID == "pair-update-rerun" }))
	for _, tc := range []struct {
		name  string
		steps []Step
		fails bool
	}{
		{"with the re-run", steps, false},
		{"without it", slices.DeleteFunc(slices.Clone(steps), func(s Step) bool { return s.ID == "pair-update-rerun" }), true},
	} {
		s, err := sim.New(topo, sim.Options{Seed: Seed})
		require.NoError(t, err)
		var got topology.Findings
		runStage(&Plan{Steps: tc.steps}, s, &got)
		assert.Equal(t, tc.fails, got.HasErrors(), "%s: %v", tc.name, got)
	}
}

// TestPairingRerunFollowsTheRule: the pairing stage carries the re-run step exactly when
// topology.PairNeedsUpdateRerun asks for it.
func TestPairingRerunFollowsTheRule(t *testing.T) {
	topo := loadSample(t, "migration-2015-to-se.yaml")
	p, _ := Build(topo, Request{Pool: oldPool, Mode: Migrate, MigrateTo: newPool})
	require.NotNil(t, p)
	has := slices.ContainsFunc(p.Steps, func(s Step) bool { return s.ID == "pair-update-rerun" })
	n, pt := topo.PoolByFQDN(newPool), topo.PoolByFQDN("aus-pool-se.northwind.com")
	assert.Equal(t, topology.PairNeedsUpdateRerun(topology.Pair{A: n, B: pt}), has)
}

// TestMigrationDrift: a saved migration plan no longer fits a topology whose facts changed.
func TestMigrationDrift(t *testing.T) {
	topo := loadSample(t, "migration-2015-to-se.yaml")
	p, fs := Build(topo, Request{Pool: oldPool, Mode: Migrate, MigrateTo: newPool})
	require.NotNil(t, p, "%v", fs)
	tests := []struct {
		name string
		edit func(*topology.Topology)
		code string
	}{
		{"the Edge next hop moved", func(t *topology.Topology) { t.PoolByFQDN("bos-edge-01.northwind.com").NextHop = newPool }, CodeFactChanged},
		{"the new pool's partner changed", func(t *topology.Topology) {
			t.PoolByFQDN(newPool).BackupPool = "aus-pool-15.northwind.com"
		}, CodeFactChanged},
		{"a sample user renamed", func(t *topology.Topology) { t.PoolByFQDN(oldPool).SampleUsers = []string{"sip:kim@northwind.com"} }, CodeStepChanged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changed := loadSample(t, "migration-2015-to-se.yaml")
			tc.edit(changed)
			got := Check(p, changed)
			assert.True(t, slices.ContainsFunc(got, func(f topology.Finding) bool { return f.Code == tc.code }), "%v", got)
		})
	}
}
