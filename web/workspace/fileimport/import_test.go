package fileimport

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
	"failwright/web/workspace"
)

func sample() workspace.Workspace {
	return workspace.Workspace{Topology: &topology.Topology{Name: "T", Sites: []topology.Site{{Name: "A"}}}, Seed: 7, Log: []string{"Get-SimState"}}
}

func TestImport(t *testing.T) {
	good := "name: X\nsites:\n  - name: A\npools: []\n"
	w, err := Import("x.yaml", []byte(good))
	require.NoError(t, err)
	assert.Equal(t, "X", w.Topology.Name)
	assert.Equal(t, "import x.yaml", w.Origin)

	_, err = Import("bad.yaml", []byte("name: X\nsites: [\n"))
	var ie *workspace.ImportError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, err.Error(), "bad.yaml:")

	_, err = Import("unknown.yaml", []byte("name: X\nbogus: 1\n"))
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, err.Error(), "unknown.yaml:2:1")

	_, err = Import("empty.yaml", []byte("  \n"))
	require.Error(t, err)

	d := workspace.New(sample())
	exported := d.ExportJSON()
	w, err = Import("ws.json", exported)
	require.NoError(t, err)
	assert.Equal(t, sample().Log, w.Log)

	var env map[string]any
	require.NoError(t, json.Unmarshal(exported, &env))
	assert.Equal(t, float64(workspace.Version), env["version"])
}

func FuzzImport(f *testing.F) {
	f.Add("x.yaml", "name: X\nsites:\n  - name: A\npools: []\n")
	f.Add("x.json", `{"name":"X","sites":[],"pools":[]}`)
	f.Add("w.json", string(workspace.New(sample()).ExportJSON()))
	f.Add("bad.yaml", "sites: [\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		w, err := Import(name, []byte(data))
		if err == nil && w.Topology == nil {
			t.Fatal("an accepted import has no topology")
		}
		if err != nil && len(workspace.ImportMessages(err)) == 0 {
			t.Fatal("a refused import gives no message")
		}
	})
}

// TestImportRefusesOverLimitWorkspace: a workspace file over the log bounds is refused, as
// ParseShared refuses it, so the page keeps its workspace.
func TestImportRefusesOverLimitWorkspace(t *testing.T) {
	stored := `{"format":"failwright-workspace","topology":{"name":"X"},"log":["` + strings.Repeat("a;", workspace.MaxLogLineBytes) + `"]}`
	_, err := Import("w.json", []byte(stored))
	require.Error(t, err)
}
