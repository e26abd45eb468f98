//go:build !js

package browsertest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walkthrough is what README.md's "A first drill in the browser" names: the test reads it
// there, so that the README and the app cannot drift apart unnoticed.
type walkthrough struct {
	tabs       []string          // the tab names, in order
	starter    string            // the "Start from…" item
	pools      map[string]string // the pair's pool FQDNs by site
	cmsSite    string            // the site of the CMS
	simTab     string            // the tab step 2 happens in
	site       string            // the site step 2 clicks
	failButton string            // the inspector's button step 2 presses
	jump       string            // the timeline's button that advances the clock
	command    string            // the shell line of step 3
	pool       string            // the pool it fails over
	plansTab   string            // the tab of step 4
	planPool   string            // the failover step 4 plans: pool and mode
	planMode   string
}

// match returns the submatches of re in text, failing the test (naming the README) when the
// README no longer says it.
func match(t *testing.T, text, re string) []string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	require.NotNil(t, m, "README.md's walkthrough no longer matches %s", re)
	return m
}

func readWalkthrough(t *testing.T) walkthrough {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	text := string(b)
	start := strings.Index(text, "## A first drill in the browser")
	require.GreaterOrEqual(t, start, 0, "README.md has no walkthrough")
	text = text[start:]
	if end := strings.Index(text[3:], "\n## "); end >= 0 {
		text = text[:end+3]
	}
	var w walkthrough
	for _, m := range regexp.MustCompile(`\*\*(\w+)\*\*`).FindAllStringSubmatch(match(t, text, `The tabs are ([^.]+)\.`)[1], -1) {
		w.tabs = append(w.tabs, m[1])
	}
	w.starter = match(t, text, `Start from… → ([^*]+)\*\*`)[1]
	step1 := match(t, text, `\*\*1\.\*\*([^|]+)\|`)[1]
	w.pools = map[string]string{}
	for _, m := range regexp.MustCompile("`([a-z0-9.-]+)` in (\\w+)").FindAllStringSubmatch(step1, -1) {
		w.pools[m[2]] = m[1]
	}
	w.cmsSite = match(t, step1, `the CMS in (\w+)`)[1]
	m := match(t, text, `In the \*\*(\w+)\*\* tab, click the \*\*(\w+)\*\* site, then \*\*([^*]+)\*\* and \*\*(\w+)\*\*`)
	w.simTab, w.site, w.failButton, w.jump = m[1], m[2], m[3], m[4]
	w.command = match(t, text, "Type `(Invoke-CsPoolFailOver [^`]+)` in the shell")[1]
	w.pool = match(t, w.command, `-PoolFqdn (\S+)`)[1]
	m = match(t, text, "Open the \\*\\*(\\w+)\\*\\* tab: it builds the runbook for the same failover \\(`([^`]+)`, (\\w+) mode\\)")
	w.plansTab, w.planPool, w.planMode = m[1], m[2], m[3]
	return w
}

// TestReadmeNamesAgree checks the walkthrough's names against each other without a browser.
func TestReadmeNamesAgree(t *testing.T) {
	w := readWalkthrough(t)
	assert.Equal(t, []string{"Topology", "Simulate", "Scenarios", "Plans", "Analysis"}, w.tabs)
	assert.Len(t, w.pools, 2, "a two-site pair")
	assert.Equal(t, w.pools[w.site], w.pool, "step 3 fails over the pool of the site step 2 fails")
	assert.Equal(t, "Fail site "+w.site, w.failButton)
	assert.NotEqual(t, w.site, w.cmsSite, "the CMS survives the site loss")
	assert.Equal(t, w.pool, w.planPool, "step 4 plans step 3's failover")
	assert.Contains(t, w.command, "-DisasterMode")
	assert.Equal(t, "disaster", w.planMode)
}

// TestReadmeWalkthrough follows README.md's "A first drill in the browser" literally, with the
// names it reads there, and takes the README's screenshots of it: start from the pair, click
// the site, fail it, type the README's failover, see the users back on the chart, open the
// Plans tab on the same failover, then reload and find the tab and the plan intact.
func TestReadmeWalkthrough(t *testing.T) {
	w := readWalkthrough(t)
	p := newPage(t, "/")
	dir := p.allowDownloads()

	// The tabs are the README's.
	assert.Equal(t, w.tabs, eval[[]string](p, `[...document.querySelectorAll('[role="tab"][id^="tab-"]')].map((e) => e.textContent.trim())`))

	// 1. Start from… → the starter pair.
	p.clickNative("#start-menu summary")
	p.act(`[...document.querySelectorAll("#start-menu button")].find((b) => b.textContent === ` + jsString(w.starter) + `).click()`)
	for site, pool := range w.pools {
		assert.Contains(t, p.text("#main"), pool, "the starter holds %s in %s", pool, site)
	}
	p.clickTab(w.simTab)
	for site, pool := range w.pools {
		assert.Equal(t, site, eval[string](p, `document.querySelector('g[data-pool="`+pool+`"]').closest("svg").querySelector('g[data-site="`+site+`"]').dataset.site`))
	}
	assert.True(t, p.exists(`g[data-pool="`+w.pools[w.cmsSite]+`"] .cms-marker`), "the CMS is in %s", w.cmsSite)
	p.screenshot("02-two-site-pair")

	// 2. Click the site, Fail site, Jump: users signed out, then in resiliency mode.
	p.click(`g[data-site="` + w.site + `"] .site-name`)
	p.poll(`(document.getElementById("fail-site") || {}).textContent === `+jsString(w.failButton), 5*time.Second)
	p.clickText("#inspector button", w.failButton)
	p.poll(`document.querySelector('g[data-pool="`+w.pool+`"]').dataset.health === "Down"`, 5*time.Second)
	p.clickText("#timeline button", w.jump)
	p.poll(`!!document.querySelector('#chart path[data-mode="Resiliency"]')`, 5*time.Second)
	p.screenshot("03-site-down")

	// 3. The README's shell line, then Jump: the users are back, on the backup pool.
	p.shell(w.command)
	p.poll(`document.querySelector('g[data-pool="`+w.pool+`"]').dataset.state === "FailedOver"`, 5*time.Second)
	p.clickText("#timeline button", w.jump)
	p.waitFor(`#chart path[data-mode="Backup"]`)
	assert.Contains(t, p.text("#figures"), "RTO "+w.pool)
	p.screenshot("04-failed-over")

	// 4. The Plans tab plans the same failover.
	p.clickTab(w.plansTab)
	p.poll(`(document.getElementById("plan-preview") || {textContent: ""}).textContent.includes("Invoke-CsPoolFailOver")`, 20*time.Second)
	assert.Equal(t, w.planPool, eval[string](p, `document.getElementById("plan-pool").value`))
	assert.True(t, eval[bool](p, `document.getElementById("plan-`+w.planMode+`").checked`), "%s mode", w.planMode)
	assert.Contains(t, p.text("#plan-preview"), w.planPool)
	assert.True(t, p.exists("#plan-legend"), "the chart has a legend")
	preview := p.text("#plan-preview")
	p.screenshot("06-plan")
	p.click("#download-ps1")
	ps1 := string(p.downloaded(dir, "contoso-"+w.planPool+"-"+w.planMode+".ps1"))
	assert.Contains(t, ps1, "Invoke-CsPoolFailOver -PoolFqdn '"+w.planPool+"' -DisasterMode")

	// A reload restores the tab and the plan.
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	assert.Equal(t, "plans", eval[string](p, `document.getElementById("app").dataset.tab`))
	p.poll(`(document.getElementById("plan-preview") || {textContent: ""}).textContent === `+jsString(preview), 20*time.Second)
	assert.Equal(t, w.planPool, eval[string](p, `document.getElementById("plan-pool").value`))
	assert.Empty(t, p.errors(), "console errors")
}

// clickTab clicks the tab labelled name.
func (p *page) clickTab(name string) {
	p.t.Helper()
	p.clickText(`[role="tab"]`, name)
}

// clickText clicks the element matching sel whose text is label.
func (p *page) clickText(sel, label string) {
	p.t.Helper()
	find := `[...document.querySelectorAll(` + jsString(sel) + `)].find((e) => e.textContent.trim() === ` + jsString(label) + `)`
	p.poll(`!!`+find, 10*time.Second)
	p.act(find + `.dispatchEvent(new MouseEvent("click", {bubbles: true}))`)
}

// waitSaved waits until the app has stored what it shows (it saves after painting).
func (p *page) waitSaved() {
	p.t.Helper()
	eval[bool](p, `new Promise((r) => requestIdleCallback(() => r(true), {timeout: 2000}))`)
	p.poll(`(localStorage.getItem("failwright.view") || "").includes('"tab":"' + document.getElementById("app").dataset.tab + '"')`, 5*time.Second)
}
