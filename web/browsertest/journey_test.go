//go:build !js

package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJourney is the new user's journey: build a two-site pair by hand (seeing a validation
// message appear and go), break a site in the diagram, fail the pool over in the shell and see
// the diagram and the chart change, reload and find everything intact, and import a broken
// file without losing the workspace.
func TestJourney(t *testing.T) {
	p := newPage(t, "/")

	// Start from an empty topology.
	p.clickNative("#start-menu summary")
	p.click(`button[data-sample="empty"]`)
	assert.Equal(t, 0, eval[int](p, `document.querySelectorAll(".pool-item").length`))

	p.typeIn("#topo-name", "Fabrikam")
	p.typeIn("#topo-sip", "fabrikam.com")
	p.click("#add-site")
	p.click("#add-site")
	p.typeIn("#site-name-0", "Paris")
	p.typeIn("#site-name-1", "London")

	// First pool: a bad FQDN shows a message next to the field; fixing it makes it go.
	p.click("#add-pool")
	p.typeIn("#pool-fqdn", "par pool")
	p.waitFor("#pool-fqdn-msgs .msg.error")
	assert.Contains(t, p.text("#pool-fqdn-msgs"), "FW0105")
	p.screenshot("01-validation-as-you-type")
	p.typeIn("#pool-fqdn", "par-pool.fabrikam.com")
	p.poll(`!document.querySelector("#pool-fqdn-msgs .msg")`, 5*time.Second)
	p.choose("#pool-site", "Paris")
	p.typeIn("#pool-users", "4000")
	p.typeIn("#pool-backend", "par-sql.fabrikam.com")
	for i := 0; i < 3; i++ {
		p.click("#add-server")
	}

	// Second pool, paired with the first (pairing is made reciprocal).
	p.click("#add-pool")
	p.typeIn("#pool-fqdn", "lon-pool.fabrikam.com")
	p.choose("#pool-site", "London")
	p.typeIn("#pool-users", "4000")
	p.typeIn("#pool-backend", "lon-sql.fabrikam.com")
	for i := 0; i < 3; i++ {
		p.click("#add-server")
	}
	p.choose("#pool-backup", "par-pool.fabrikam.com")
	p.choose("#topo-cms", "lon-pool.fabrikam.com")
	p.poll(`!document.querySelector("#tab-topology .badge.bad")`, 5*time.Second)

	// Break the Paris site from the diagram.
	p.click("#tab-simulate")
	p.click(`g[data-pool="par-pool.fabrikam.com"]`)
	p.click("#fail-site")
	p.poll(`document.querySelector('g[data-pool="par-pool.fabrikam.com"]').dataset.health === "Down"`, 5*time.Second)
	assert.Contains(t, p.text("#console"), "Stop-SimSite -Site 'Paris'", "the diagram's button runs a shell verb")
	p.shell("Wait-SimTime -Minutes 3")
	p.poll(`!!document.querySelector('#chart path[data-mode="Resiliency"]')`, 5*time.Second)

	// Fail the pool over in the shell: the diagram and the chart change.
	assert.False(t, p.exists(`#chart path[data-mode="Backup"]`))
	p.shell("Invoke-CsPoolFailOver -PoolFqdn par-pool.fabrikam.com -DisasterMode -Confirm:$false")
	p.poll(`document.querySelector('g[data-pool="par-pool.fabrikam.com"]').dataset.state === "FailedOver"`, 5*time.Second)
	p.shell("Wait-SimTime -Minutes 5")
	p.waitFor(`#chart path[data-mode="Backup"]`)
	assert.Contains(t, p.text("#console"), "Hydrating Routing Group")
	assert.True(t, p.exists("#console .line.warning"), "warnings are styled as warnings")
	assert.Contains(t, p.text("#figures"), "RTO par-pool.fabrikam.com")

	// Errors are styled as errors.
	p.shell("Invoke-CsPoolFailOver -PoolFqdn nosuch.fabrikam.com")
	p.waitFor("#console .line.error")

	// Reload: the workspace and the simulation come back exactly.
	console := p.text("#console")
	p.do(chromedp.Reload())
	p.waitReady()
	assert.Equal(t, "Fabrikam", p.text("#ws-name"))
	p.click("#tab-simulate")
	assert.Equal(t, "FailedOver", eval[string](p, `document.querySelector('g[data-pool="par-pool.fabrikam.com"]').dataset.state`))
	assert.Equal(t, console, p.text("#console"), "the shell transcript replays identically")

	// Import a broken file: errors with positions, the workspace stays.
	p.click("#import")
	p.typeIn("#import-text", "name: Broken\nsites: [\n  - name: A\n")
	p.click("#import-paste")
	p.waitFor("#import-errors li")
	assert.Regexp(t, `pasted\.yaml:\d+:\d+`, p.text("#import-errors"))
	assert.Equal(t, "Fabrikam", p.text("#ws-name"))
	p.screenshot("05-import-error-keeps-workspace")
	p.click("#import-cancel")
	p.click("#tab-simulate")
	assert.Equal(t, "FailedOver", eval[string](p, `document.querySelector('g[data-pool="par-pool.fabrikam.com"]').dataset.state`))

	assert.Empty(t, p.errors(), "console errors")
	_ = context.Background
	require.True(t, true)
}
