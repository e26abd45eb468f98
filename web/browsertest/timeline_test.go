//go:build !js

package browsertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestTimelineAndSample loads a library sample (Edge next hops, branches, the CMS), plays the
// virtual clock, pauses it, steps and jumps, all through Wait-SimTime in the shell.
func TestTimelineAndSample(t *testing.T) {
	p := newPage(t, "/")
	p.clickNative("#start-menu summary")
	p.click(`button[data-sample="topologies/litwareinc.yaml"]`)
	p.poll(`document.getElementById("ws-name").textContent === "Litware, Inc."`, 20*time.Second)
	p.click("#tab-simulate")
	p.waitFor(`g[data-pool="atl-cs-001.litwareinc.com"]`)
	assert.True(t, p.exists(".hop-link"), "Edge next-hop arrows are drawn")
	assert.True(t, p.exists(".pair-link"), "pairings are drawn")
	assert.True(t, p.exists(".cms-marker"), "the CMS is marked")

	p.click(`g[data-pool="atl-cs-001.litwareinc.com"]`)
	p.click("#fail-pool")
	p.click("#play")
	p.poll(`document.getElementById("clock").textContent >= "0:01:00"`, 20*time.Second)
	p.click("#pause")
	clock := p.text("#clock")
	p.click("#step")
	assert.NotEqual(t, clock, p.text("#clock"))
	p.typeIn("#jump-minutes", "10")
	p.click("#jump")
	assert.Contains(t, p.text("#console"), "Wait-SimTime -Duration 00:10:00")
	assert.True(t, p.exists(`#chart path[data-mode="Resiliency"]`), "the chart shows the users in resiliency mode")
	p.screenshot("11-litwareinc-timeline")
	assert.Empty(t, p.errors(), "console errors")
}
