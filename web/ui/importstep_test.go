package ui

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportStepCompletesAPublishedTopology imports a UTF-16 published topology: the step
// asks users and backup pools, keeps the workspace until they are answered, then loads the
// completed topology.
func TestImportStepCompletesAPublishedTopology(t *testing.T) {
	a, _ := newTestApp(t)
	data, err := os.ReadFile("../../engine/importer/testdata/litware-published-utf16.xml")
	require.NoError(t, err)
	before, _ := json.Marshal(a.W())
	a.ImportData("Topology.xml", data)
	require.NotNil(t, a.ImportGaps)
	assert.Empty(t, a.ImportErrors)
	after, _ := json.Marshal(a.W())
	assert.JSONEq(t, string(before), string(after), "the workspace waits for the step")
	html := render(t, a)
	assert.Contains(t, html, `id="import-step"`)
	assert.Contains(t, html, `id="import-complete"`)

	assert.Contains(t, html, `id="u/red-pool1.litwareinc.com"`, "the engine's form is on the page")
	a.ImportAnswers["u/dub-pool1.litwareinc.com"] = "1000"
	a.ImportAnswers["u/branch/bel-sba1.litwareinc.com"] = "10"
	a.ImportAnswers["b/red-pool1.litwareinc.com"] = "dub-pool1.litwareinc.com"
	a.CompleteImport()
	require.NotNil(t, a.ImportGaps, "red-pool1's users are still open")
	assert.Contains(t, a.ImportGaps.HTML, `id="u/red-pool1.litwareinc.com"`)
	assert.NotContains(t, a.ImportGaps.HTML, `id="b/red-pool1.litwareinc.com"`)
	a.ImportAnswers["u/red-pool1.litwareinc.com"] = "1,000"
	a.CompleteImport()
	assert.Nil(t, a.ImportGaps)
	assert.Empty(t, a.ImportErrors)
	assert.False(t, a.ImportOpen)
	assert.Equal(t, "litwareinc.com", a.T().Name)
	assert.Equal(t, "dub-pool1.litwareinc.com", a.T().Pools[0].BackupPool)
}
