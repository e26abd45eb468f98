//go:build !js

package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTabCompletionKeepsTheFocus types a partial cmdlet with real key presses, completes it
// with Tab (two candidates, so the candidates' box appears) and goes on typing at once: the
// keys after Tab must land in the same prompt, every time (the issue saw 4 losses in 6).
func TestTabCompletionKeepsTheFocus(t *testing.T) {
	p := newPage(t, "/")
	p.click("#tab-simulate")
	p.waitFor("#shell-input")
	eval[bool](p, `(document.getElementById("shell-input").__mark = "original", true)`)
	for try := range 6 {
		eval[bool](p, `(() => { const e = document.getElementById("shell-input"); e.focus(); e.value = ""; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
		p.do(chromedp.KeyEvent("Invoke-CsPoolFa"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("Over"))
		p.settle()
		assert.Equal(t, "Invoke-CsPoolFailOver", eval[string](p, `document.getElementById("shell-input").value`), "try %d: no key lost", try)
		assert.Equal(t, "shell-input", eval[string](p, `document.activeElement ? document.activeElement.id : ""`), "try %d: the focus stays in the prompt", try)
		assert.Equal(t, "original", eval[string](p, `document.getElementById("shell-input").__mark || ""`), "try %d: the render kept the input element", try)
	}
	require.True(t, p.exists("#completions"))
	assert.Empty(t, p.errors(), "console errors")
}

// settle waits until the page is idle: every render and engine answer in flight is done.
func (p *page) settle() {
	p.t.Helper()
	for range 2 {
		eval[bool](p, `new Promise((r) => requestIdleCallback(() => r(true), {timeout: 2000}))`)
	}
}

// TestTrainingDrawsTheDrillInTimeOrder drills a planned failover: the drill's deployment and
// chart are drawn beside it, the scripted steps the trainee's command set off come after it
// with their own prompt, and the trainer's notes stay hidden.
func TestTrainingDrawsTheDrillInTimeOrder(t *testing.T) {
	p := newPage(t, "/")
	p.click("#tab-scenarios")
	p.waitFor(`.lib-item[data-file="training-beginner-planned-failover.yaml"] .train-scenario`)
	p.click(`.lib-item[data-file="training-beginner-planned-failover.yaml"] .train-scenario`)
	p.waitFor("#train-input")
	p.waitFor(`#drill-diagram g[data-pool="chi-pool-01.contoso.com"]`)
	assert.True(t, p.exists(`#drill-diagram path[data-mode="Home"]`), "the chart of users by mode")
	p.typeIn("#train-input", "Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com")
	p.key("#train-input", "Enter")
	p.waitFor("#train-log .tentry.event")
	kinds := eval[string](p, `[...document.querySelectorAll("#train-log .tentry")].map(e => e.className.replace("tentry ", "")).join(" ")`)
	assert.Regexp(t, `command( feedback)* event`, kinds)
	log := p.text("#train-log")
	assert.NotContains(t, log, "Tell the class", "trainer notes stay hidden")
	assert.Contains(t, log, "] scenario> Stop-SimPool")
	assert.Equal(t, "FailedOver", eval[string](p, `(document.querySelector('#drill-diagram g[data-pool="chi-pool-01.contoso.com"]') || {}).textContent.includes("FailedOver") ? "FailedOver" : "no"`))
	assert.Empty(t, p.errors(), "console errors")
}

// TestTopologyEditKeepsTheSimulation runs two shell lines, renames a site on the Topology tab
// and comes back: the session was replayed on the edited topology (transcript and clock kept)
// and a notice names the line that no longer applies.
func TestTopologyEditKeepsTheSimulation(t *testing.T) {
	p := newPage(t, "/")
	p.click("#tab-simulate")
	p.shell("Stop-SimSite -Site Denver")
	p.shell("Wait-SimTime -Minutes 5")
	p.click("#tab-topology")
	p.typeIn("#site-name-1", "Boulder")
	p.click("#tab-simulate")
	p.waitFor(".notice-warning")
	assert.Contains(t, p.text(".notice-warning .notice-text"), "1 shell line no longer applies: Stop-SimSite -Site Denver")
	assert.Equal(t, "00:05:00", p.text("#clock"), "the lines that still apply were replayed")
	assert.Equal(t, 2, eval[int](p, `document.querySelectorAll("#console .entry").length`), "the transcript is kept")
	assert.Empty(t, p.errors(), "console errors")
}

// TestMatrixKeyboardAndTooltips reads the resilience score's words, hovers the failure matrix
// (every cell's colour has a tooltip) and walks it with the keyboard: the cursor is drawn, a
// status line names the cell, and Enter fails the simulator to its worst case.
func TestMatrixKeyboardAndTooltips(t *testing.T) {
	p := newPage(t, "/")
	p.loadSample("litwareinc.yaml", "Litware")
	p.click("#tab-analysis")
	p.click("#analysis-run")
	p.waitFor("#analysis-pool-table")
	assert.Contains(t, p.text("#analysis-meaning"), "100 means that no single failure")
	assert.True(t, eval[bool](p, `[...document.querySelectorAll("#analysis-matrix path.cells")].every(e => e.querySelector("title") && e.querySelector("title").textContent.startsWith("Users at risk"))`))
	eval[bool](p, `(document.getElementById("analysis-matrix").focus(), true)`)
	for _, k := range []string{"ArrowDown", "ArrowDown", "ArrowDown", "ArrowRight"} {
		p.key("#analysis-matrix", k)
	}
	assert.True(t, p.exists("#matrix-cursor rect.cursor"), "the cursor is drawn")
	assert.Contains(t, p.text("#matrix-status"), "×")
	assert.Empty(t, p.errors(), "console errors")
}
