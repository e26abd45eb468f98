package api

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
)

// TestAnalyzeIsByteIdenticalToTheCLI checks that POST /api/analyze answers the report
// "failwright analyze FILE --depth N --json" prints: app.Analyze's, with the same file name.
func TestAnalyzeIsByteIdenticalToTheCLI(t *testing.T) {
	h, _ := newTestServer(t, nil)
	const name = "scenarios/topologies/litwareinc.yaml"
	src, err := os.ReadFile("../../" + name)
	require.NoError(t, err)
	for _, depth := range []int{1, 2} {
		body, err := json.Marshal(map[string]any{"topology": string(src), "name": name, "depth": depth})
		require.NoError(t, err)
		rec := do(h, http.MethodPost, "/api/analyze", "application/json", string(body))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
		doc, fs, _ := app.LoadTopology(app.Source{Name: name, Data: src})
		require.NotNil(t, doc, "%v", fs)
		res := app.Analyze(doc, app.AnalyzeRequest{Depth: depth})
		require.NotNil(t, res.Report)
		assert.Equal(t, string(res.Report.JSON()), rec.Body.String(), "depth %d", depth)
	}
}

func TestAnalyzeRefusesBadRequests(t *testing.T) {
	h, _ := newTestServer(t, nil)
	tests := []struct {
		name, ctype, body string
		status            int
		typ, field        string
	}{
		{"YAML body", "application/yaml", "name: x\n", http.StatusUnsupportedMediaType, ProblemUnsupportedMedia, ""},
		{"no topology", "application/json", `{"depth": 1}`, http.StatusBadRequest, ProblemInvalidField, "topology"},
		{"depth 3", "application/json", `{"topology": "name: x", "depth": 3}`, http.StatusBadRequest, ProblemInvalidField, "depth"},
		{"depth 0", "application/json", `{"topology": "name: x", "depth": 0}`, http.StatusBadRequest, ProblemInvalidField, "depth"},
		{"depth of the wrong type", "application/json", `{"topology": "name: x", "depth": "2"}`, http.StatusBadRequest, ProblemInvalidField, "depth"},
		{"unknown member", "application/json", `{"topology": "name: x", "workers": 8}`, http.StatusBadRequest, ProblemUnknownField, "workers"},
		{"topology that does not decode", "application/json", `{"topology": "name: x\nbogus: 1\n"}`, http.StatusUnprocessableEntity, ProblemInvalidTopology, "topology.bogus"},
		{"topology with errors", "application/json", `{"topology": "name: x\nsites: []\npools:\n  - fqdn: p.x.com\n    site: nowhere\n"}`, http.StatusUnprocessableEntity, ProblemInvalidTopology, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, "/api/analyze", tc.ctype, tc.body)
			p := decodeProblem(t, rec, tc.status, tc.typ)
			if tc.field != "" {
				assert.Equal(t, tc.field, p.Field)
			}
			if tc.typ == ProblemInvalidTopology {
				assert.True(t, p.Findings.HasErrors())
			}
		})
	}
}
