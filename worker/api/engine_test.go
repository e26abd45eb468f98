package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/scenarios"
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
		{"unknown key", string(seed) + "stepz: []\n", "scenario", scenarios.CodeUnknownKey},
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
