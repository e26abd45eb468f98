package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/scenarios"
	webengine "failwright/web/engine"
	"failwright/web/engine/proto"
)

// seedScenario is a scenario of the embedded library that names its topology by path.
const seedScenario = "seed-example1-planned-failover.yaml"

func TestRunLibraryScenario(t *testing.T) {
	h, _ := newTestServer(t, nil)
	src, err := os.ReadFile("../../scenarios/" + seedScenario)
	require.NoError(t, err)

	sc, fs := scenarios.Load(seedScenario)
	require.False(t, fs.HasErrors(), fs)
	want, err := scenarios.Run(sc, scenarios.Options{})
	require.NoError(t, err)

	rec := do(h, http.MethodPost, "/api/run", "application/json",
		`{"scenario":`+jsonString(string(src))+`,"name":"`+seedScenario+`"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assertSecurityHeaders(t, rec.Header())
	assert.Equal(t, string(want.JSON()), rec.Body.String(), "the Worker's report is the engine's, byte for byte")

	// The same scenario as YAML, with its topology carried in the request instead.
	topo, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	rec = do(h, http.MethodPost, "/api/run", "application/json",
		`{"scenario":`+jsonString(string(src))+`,"topology":`+jsonString(string(topo))+`}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var rep scenarios.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.Equal(t, want.Passed, rep.Passed)
	assert.Equal(t, "scenario.yaml", rep.File)
}

func TestRunBadScenario(t *testing.T) {
	h, _ := newTestServer(t, nil)
	seed, err := os.ReadFile("../../scenarios/" + seedScenario)
	require.NoError(t, err)
	tests := []struct {
		name, body, field, code string
	}{
		{"unknown key", string(seed) + "stepz: []\n", "scenario.stepz", scenarios.CodeUnknownKey},
		{"missing topology file", strings.Replace(string(seed), "topology: topologies/litwareinc.yaml", "topology: nowhere.yaml", 1), "scenario.topology", scenarios.CodeTopology},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, "/api/run", "application/yaml", tc.body)
			p := decodeProblem(t, rec, http.StatusUnprocessableEntity, ProblemInvalidScenario)
			assert.Equal(t, tc.field, p.Field)
			require.NotEmpty(t, p.Findings)
			assert.Equal(t, tc.code, p.Findings[0].Code)
		})
	}
}

// nativePlan is what "failwright plan" computes for the sample topology: decode, build,
// render, with no Worker in between.
func nativePlan(t *testing.T, src []byte, req plan.Request, format string) []byte {
	t.Helper()
	doc, fs := topofile.DecodeDocument("litwareinc.yaml", src)
	require.False(t, fs.HasErrors(), fs)
	p, pfs := plan.Build(doc.Topology, req)
	require.NotNil(t, p, "%v", pfs)
	doc.Source.Anchor(pfs) // as the CLI does: the plan's findings get their positions
	out, err := app.Render(p, app.Format(format))
	require.NoError(t, err)
	return out
}

func TestPlanIsByteIdenticalToNative(t *testing.T) {
	h, _ := newTestServer(t, nil)
	src, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	for _, mode := range []string{"planned", "disaster"} {
		for _, failback := range []bool{false, true} {
			for format, ctype := range PlanFormats {
				name := fmt.Sprintf("%s failback=%v %s", mode, failback, format)
				t.Run(name, func(t *testing.T) {
					body, err := json.Marshal(map[string]any{"topology": string(src), "name": "litwareinc.yaml",
						"pool": "atl-cs-001.litwareinc.com", "mode": mode, "failback": failback, "format": format})
					require.NoError(t, err)
					rec := do(h, http.MethodPost, "/api/plan", "application/json", string(body))
					require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
					assert.Equal(t, ctype, rec.Header().Get("Content-Type"))
					want := nativePlan(t, src, plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: plan.Mode(mode), Failback: failback}, format)
					assert.True(t, bytes.Equal(want, rec.Body.Bytes()), "the Worker's plan differs from the native one")
				})
			}
		}
	}
}

func TestPlanRefused(t *testing.T) {
	h, _ := newTestServer(t, nil)
	src, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	tests := []struct {
		name, topology, pool string
		status               int
		typ                  string
	}{
		{"unknown pool", string(src), "nowhere.litwareinc.com", http.StatusBadRequest, ProblemInvalidField},
		{"an Edge pool", string(src), "atl-edge-001.litwareinc.com", http.StatusUnprocessableEntity, ProblemPlanInvalid},
		{"topology that does not decode", "name: x\nbogus: 1\n", "atl-cs-001.litwareinc.com", http.StatusUnprocessableEntity, ProblemInvalidTopology},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, err := json.Marshal(map[string]any{"topology": tc.topology, "pool": tc.pool})
			require.NoError(t, err)
			rec := do(h, http.MethodPost, "/api/plan", "application/json", string(body))
			p := decodeProblem(t, rec, tc.status, tc.typ)
			require.NotEmpty(t, p.Findings)
			assert.True(t, p.Findings.HasErrors())
			if tc.typ == ProblemInvalidField {
				assert.Equal(t, "pool", p.Field)
				assert.Equal(t, "PL001", p.Findings[0].Code)
			}
		})
	}
}

// TestPlanIsByteIdenticalToThePage asks the browser app's engine (web/engine, the code its Web
// Worker runs) for a plan the way the page does, with the topology as a JSON object, and checks
// that the Worker answers the same request, without a file name, with the same bytes.
func TestPlanIsByteIdenticalToThePage(t *testing.T) {
	h, _ := newTestServer(t, nil)
	src, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	top, fs := topofile.Decode("litwareinc.yaml", src)
	require.False(t, fs.HasErrors(), fs)
	topo, err := json.Marshal(top) // what the page sends to its engine
	require.NoError(t, err)

	for _, req := range []plan.Request{
		{Pool: "atl-cs-001.litwareinc.com", Mode: plan.Disaster, Failback: true},
		{Pool: "dfw-cs-001.litwareinc.com", Mode: plan.Planned},
	} {
		msg, err := json.Marshal(proto.Request{ID: 1, Op: proto.OpPlan, Topology: topo, Plan: &req})
		require.NoError(t, err)
		var srv webengine.Server
		var resp proto.Response
		require.NoError(t, json.Unmarshal(srv.Handle(msg), &resp))
		require.NotNil(t, resp.Plan)
		require.NotNil(t, resp.Plan.Plan, "%v", resp.Plan.Findings)
		page := map[string]string{"ps1": resp.Plan.PS1, "md": resp.Plan.Markdown, "json": resp.Plan.JSON}
		for format, want := range page {
			body, err := json.Marshal(map[string]any{"topology": json.RawMessage(topo), "pool": req.Pool,
				"mode": req.Mode, "failback": req.Failback, "format": format})
			require.NoError(t, err)
			rec := do(h, http.MethodPost, "/api/plan", "application/json", string(body))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.True(t, want == rec.Body.String(), "%s %s %s: the Worker's plan differs from the page's", req.Pool, req.Mode, format)
		}
	}
}
