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
	assert.True(t, p.exists(`g.branch[data-branch="sav-sba-01.litwareinc.com"]`), "branch appliances are drawn")
	assert.True(t, p.exists(".legend .ln.pair") && p.exists(".legend .ln.hop") && p.exists(".legend .ln.site-link"), "the legend names the lines")

	p.click(`g[data-pool="atl-cs-001.litwareinc.com"]`)
	p.click("#fail-pool")
	p.click("#play")
	p.poll(`document.getElementById("clock").textContent >= "00:01:00"`, 20*time.Second)
	p.click("#pause")
	clock := p.text("#clock")
	p.click("#step")
	assert.NotEqual(t, clock, p.text("#clock"))
	p.typeIn("#jump-minutes", "10")
	p.click("#jump")
	assert.Contains(t, p.text("#console"), "Wait-SimTime -Duration 00:10:00")
	assert.True(t, p.exists(`#chart path[data-mode="Resiliency"]`), "the chart shows the users in resiliency mode")
	ticks := eval[string](p, `[...document.querySelectorAll("#chart text.tick[text-anchor=middle]")].map(e => e.textContent).join(" ")`)
	assert.Regexp(t, `^00:00:00( \d\d:\d\d:00)+$`, ticks, "the time axis is in hh:mm:ss at round times")
	p.screenshot("11-litwareinc-timeline")
	assert.Empty(t, p.errors(), "console errors")
}
