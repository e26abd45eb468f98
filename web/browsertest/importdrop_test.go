//go:build !js

package browsertest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dropFile drops a file holding text on the page, as a user dragging it from the desktop.
func (p *page) dropFile(name, text string) {
	p.t.Helper()
	p.act(`const dt = new DataTransfer(); dt.items.add(new File([` + jsString(text) + `], ` + jsString(name) + `));` +
		`document.getElementById("main").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}))`)
}

// TestImportDrop drops a malformed topology on the page (errors with line and column, the
// workspace stays), then a published topology: the step pairs the pools and counts their
// users, and in the Simulate tab a failed site's users come back on the backup pool.
func TestImportDrop(t *testing.T) {
	p := newPage(t, "/")
	published, err := os.ReadFile(filepath.Join("..", "..", "engine", "importer", "testdata", "litware-published.xml"))
	require.NoError(t, err)

	// The page takes the drop itself: dragover's default (the browser opening the file) is refused.
	assert.True(t, eval[bool](p, `!document.getElementById("main").dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true}))`))

	p.dropFile("topology.xml", "<Topology>\n  <Sites>\n  </Topology>\n")
	p.waitFor("#import-errors li")
	assert.Regexp(t, `topology\.xml:\d+:\d+`, p.text("#import-errors"))
	assert.Equal(t, "Contoso", p.text("#ws-name"), "a malformed file changes nothing")

	p.dropFile("Topology.xml", string(published))
	p.waitFor("#import-step")
	assert.False(t, p.exists("#import-errors li"))
	answers := [][2]string{
		{"u/red-pool1.litwareinc.com", "1000"},
		{"b/red-pool1.litwareinc.com", "dub-pool1.litwareinc.com"},
		{"u/dub-pool1.litwareinc.com", "800"},
		{"b/dub-pool1.litwareinc.com", "red-pool1.litwareinc.com"},
		{"u/branch/bel-sba1.litwareinc.com", "10"},
	}
	for _, a := range answers {
		p.choose(`[id="`+a[0]+`"]`, a[1])
	}
	p.click("#import-complete")
	p.poll(`!document.getElementById("import-dialog")`, 15*time.Second)
	assert.Equal(t, "litwareinc.com", p.text("#ws-name"))

	// Fail Dublin and its pool over: the users are back, on the backup pool.
	const pool = "dub-pool1.litwareinc.com"
	p.click("#tab-simulate")
	p.click(`g[data-pool="` + pool + `"]`)
	p.click("#fail-site")
	p.poll(`document.querySelector('g[data-pool="`+pool+`"]').dataset.health === "Down"`, 5*time.Second)
	assert.Contains(t, p.text("#console"), "Stop-SimSite -Site 'Dublin'")
	p.shell("Wait-SimTime -Minutes 3")
	p.poll(`!!document.querySelector('#chart path[data-mode="Resiliency"]')`, 5*time.Second)
	assert.False(t, p.exists(`#chart path[data-mode="Backup"]`))
	p.shell("Invoke-CsPoolFailOver -PoolFqdn " + pool + " -DisasterMode")
	p.poll(`document.querySelector('g[data-pool="`+pool+`"]').dataset.state === "FailedOver"`, 5*time.Second)
	p.shell("Wait-SimTime -Minutes 5")
	p.waitFor(`#chart path[data-mode="Backup"]`)
	assert.Contains(t, p.text("#figures"), "RTO "+pool)
	assert.Empty(t, p.errors(), "console errors")
}
