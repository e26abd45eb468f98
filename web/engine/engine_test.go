package engine

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/samples"
	"failwright/engine/topofile"
	"failwright/scenarios"
	"failwright/web/engine/proto"
)

func call(t *testing.T, s *Server, req proto.Request) proto.Response {
	t.Helper()
	b, err := json.Marshal(req)
	require.NoError(t, err)
	var resp proto.Response
	require.NoError(t, json.Unmarshal(s.Handle(b), &resp))
	assert.Equal(t, req.ID, resp.ID)
	return resp
}

func TestLibraryAndRun(t *testing.T) {
	var s Server
	lib := call(t, &s, proto.Request{ID: 1, Op: proto.OpLibrary}).Library
	require.NotEmpty(t, lib)
	r := call(t, &s, proto.Request{ID: 2, Op: proto.OpRun, File: lib[0].File})
	require.Empty(t, r.Error)
	require.NotNil(t, r.Report)
	assert.Positive(t, r.Report.Checks)

	r = call(t, &s, proto.Request{ID: 3, Op: proto.OpRun, File: "nosuch.yaml"})
	assert.Contains(t, r.Error, "nosuch.yaml")
}

func TestTraining(t *testing.T) {
	var s Server
	var file string
	for _, e := range scenarios.Library() {
		if e.Training {
			file = e.File
			break
		}
	}
	if file == "" {
		t.Skip("no training scenario in the library")
	}
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpTrainStart, File: file})
	require.Empty(t, r.Error)
	require.NotNil(t, r.Turn)
	r = call(t, &s, proto.Request{ID: 2, Op: proto.OpTrainInput, Line: "hint"})
	require.NotNil(t, r.Turn)
	r = call(t, &s, proto.Request{ID: 3, Op: proto.OpTrainFinish})
	require.NotNil(t, r.Score)
	assert.Positive(t, r.Score.Max)
}

func TestPlan(t *testing.T) {
	sc, fs := scenarios.Load("seed-example1-planned-failover.yaml")
	require.False(t, fs.HasErrors(), "%v", fs)
	topo, err := json.Marshal(sc.Topology)
	require.NoError(t, err)
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpPlan, Topology: topo,
		Plan: &plan.Request{Pool: sc.Topology.Pools[0].FQDN, Mode: plan.Planned}})
	require.NotNil(t, r.Plan)
	if r.Plan.Plan != nil {
		assert.Contains(t, r.Plan.PS1, "Invoke-CsPoolFailOver")
		assert.Contains(t, r.Plan.Markdown, "#")
		assert.Contains(t, r.Plan.JSON, `"formatVersion"`)
	} else {
		assert.True(t, r.Plan.Findings.HasErrors())
	}

	r = call(t, &s, proto.Request{ID: 2, Op: proto.OpPlan, Topology: []byte(`{"sites": 3}`), Plan: &plan.Request{}})
	require.NotNil(t, r.Plan)
	assert.True(t, r.Plan.Findings.HasErrors())
}

func TestBadRequests(t *testing.T) {
	var s Server
	var resp proto.Response
	require.NoError(t, json.Unmarshal(s.Handle([]byte("{")), &resp))
	assert.Contains(t, resp.Error, "bad request")
	resp = call(t, &s, proto.Request{ID: 4, Op: "bogus"})
	assert.Contains(t, resp.Error, "unknown operation")
	resp = call(t, &s, proto.Request{ID: 5, Op: proto.OpTrainInput, Line: "x"})
	assert.Contains(t, resp.Error, "no drill")
}

// TestMigrationPlan: the page's engine plans a migration as the CLI does, in three renderings.
func TestMigrationPlan(t *testing.T) {
	data, err := samples.Read("migration-2015-to-se.yaml")
	require.NoError(t, err)
	topo, fs := topofile.Decode("migration-2015-to-se.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	js, err := json.Marshal(topo)
	require.NoError(t, err)
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpPlan, Topology: js,
		Plan: &plan.Request{Pool: "bos-pool-15.northwind.com", Mode: plan.Migrate, MigrateTo: "bos-pool-se.northwind.com"}})
	require.NotNil(t, r.Plan)
	require.NotNil(t, r.Plan.Plan, "%v", r.Plan.Findings)
	require.NotNil(t, r.Plan.Plan.Migration)
	assert.Contains(t, r.Plan.PS1, "Move-CsUser")
	assert.Contains(t, r.Plan.Markdown, "**Riskiest stage:**")
	assert.Contains(t, r.Plan.JSON, `"migrateTo"`)
}
