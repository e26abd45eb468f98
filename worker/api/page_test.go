package api

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/web/workspace"
)

// TestPageWorkspaceRoundTrip shares a workspace exactly as the browser app sends it
// (workspace.Doc.ExportJSON) and checks that the app can read back what the Worker answers:
// the contract between the page's Share button and a second browser opening the link.
func TestPageWorkspaceRoundTrip(t *testing.T) {
	h, _ := newTestServer(t, func(c *Config) { c.NewID = newUUID })
	src, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	top, fs := topofile.Decode("litwareinc.yaml", src)
	require.False(t, fs.HasErrors(), fs)

	tests := []struct {
		name string
		ws   workspace.Workspace
	}{
		{"sample with a shell log", workspace.Workspace{Topology: top, Seed: 7, Log: []string{"Stop-SimSite -Site Atlanta", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode"}, Origin: "sample litwareinc.yaml"}},
		{"empty workspace", workspace.Empty()},
		{"design in progress with validation errors", workspace.Workspace{Topology: &topology.Topology{Name: "draft", Pools: []topology.Pool{{FQDN: "pool.example.com", BackupPool: "missing.example.com"}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := workspace.New(tc.ws).ExportJSON()
			rec := do(h, http.MethodPost, "/api/shares", "application/json", string(body))
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			loc := rec.Header().Get("Location")
			rec = do(h, http.MethodGet, loc, "", "")
			require.Equal(t, http.StatusOK, rec.Code)
			got, err := workspace.ParseShared(rec.Body.Bytes())
			require.NoError(t, err)
			assert.Equal(t, tc.ws.Seed, got.Seed)
			assert.Equal(t, tc.ws.Log, got.Log)
			if tc.ws.Topology != nil {
				require.NotNil(t, got.Topology)
				assert.Equal(t, topology.Canonical(tc.ws.Topology), topology.Canonical(got.Topology), "the same topology opens in the second browser")
			}
		})
	}
}

func TestPageWorkspaceWithBadTopology(t *testing.T) {
	h, store := newTestServer(t, nil)
	body := `{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x","pools":[{"fqdn":"p","colour":"red"}]},"seed":1}}`
	rec := do(h, http.MethodPost, "/api/shares", "application/json", body)
	p := decodeProblem(t, rec, http.StatusUnprocessableEntity, ProblemInvalidTopology)
	assert.True(t, strings.HasPrefix(p.Field, "workspace.topology."), p.Field)
	require.NotEmpty(t, p.Findings)
	assert.Equal(t, topology.CodeUnknownKey, p.Findings[0].Code)

	rec = do(h, http.MethodPost, "/api/shares", "application/json", `{"workspace": [1]}`)
	p = decodeProblem(t, rec, http.StatusBadRequest, ProblemInvalidField)
	assert.Equal(t, "workspace", p.Field)
	assert.Zero(t, store.Len())
}
