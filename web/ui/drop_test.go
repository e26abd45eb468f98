package ui

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDropFile drops files on the page: one the browser cannot read, a malformed XML (the
// workspace stays, the error names file:line:column), then a published topology (the step).
func TestDropFile(t *testing.T) {
	a, h := newTestApp(t)
	require.Len(t, h.Drops, 1, "the app listens for dropped files")
	drop := h.Drops[0]
	before, _ := json.Marshal(a.W())

	drop("gone.xml", nil, errors.New("the browser could not read gone.xml"))
	assert.True(t, a.ImportOpen)
	require.Len(t, a.ImportErrors, 1)
	assert.Contains(t, a.ImportErrors[0], "gone.xml")

	drop("topology.xml", []byte("<Topology>\n  <Sites>\n  </Topology>\n"), nil)
	require.NotEmpty(t, a.ImportErrors)
	assert.Regexp(t, `topology\.xml:\d+:\d+`, a.ImportErrors[0])
	after, _ := json.Marshal(a.W())
	assert.JSONEq(t, string(before), string(after), "a malformed file changes nothing")
	assert.Contains(t, render(t, a), `id="import-errors"`)

	data, err := os.ReadFile("../../engine/importer/testdata/litware-published.xml")
	require.NoError(t, err)
	drop("Topology.xml", data, nil)
	require.NotNil(t, a.ImportGaps)
	assert.True(t, a.ImportOpen)
	assert.Empty(t, a.ImportErrors)
}
