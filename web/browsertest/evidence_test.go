//go:build !js

package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dropFiles drops files (name, text pairs) on the element matching sel at once, as a user
// dragging them from the desktop.
func (p *page) dropFiles(sel string, files ...[2]string) {
	p.t.Helper()
	js := `const dt = new DataTransfer();`
	for _, f := range files {
		js += `dt.items.add(new File([` + jsString(f[1]) + `], ` + jsString(f[0]) + `));`
	}
	p.waitFor(sel)
	p.act(js + `document.querySelector(` + jsString(sel) + `).dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}))`)
}

// openReport clicks a report's "open" button (sel) as a user does, which opens the report in
// a new tab, and returns that tab once the report is in it.
func (p *page) openReport(sel string) context.Context {
	p.t.Helper()
	opened := chromedp.WaitNewTarget(p.ctx, func(info *target.Info) bool { return strings.HasPrefix(info.URL, "blob:") })
	p.waitFor(sel)
	p.do(chromedp.Click(sel)) // trusted: the browser lets it open a tab
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(15 * time.Second):
		p.t.Fatalf("clicking %s opened no tab", sel)
	}
	ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(id))
	p.t.Cleanup(cancel)
	// Attach with a context that lasts as long as the tab, not with a timeout: chromedp reads
	// a target's messages in a goroutine bound to the context of its first Run, so once that
	// context ends no command on the tab gets its answer (Page.printToPDF "never answered").
	require.NoError(p.t, chromedp.Do(ctx))
	tctx, tcancel := context.WithTimeout(ctx, 20*time.Second)
	defer tcancel()
	_, err := chromedp.Run(tctx, chromedp.Poll[chromedp.Void](`!!document.getElementById("verdict-text")`, chromedp.WithPollingTimeout(15*time.Second)))
	require.NoError(p.t, err)
	return ctx
}

// reportText returns the text of the element matching sel in the report tab ctx (a figure
// the engine wrote), so that the printed report is checked against the report itself.
func reportText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(tctx, chromedp.Evaluate[string](`(document.querySelector(`+jsString(sel)+`) || {textContent: ""}).textContent`))
	require.NoError(t, err)
	require.NotEmpty(t, strings.TrimSpace(s), "the report has %s", sel)
	return strings.TrimSpace(s)
}

// printed is a report printed to PDF by the browser and read back with poppler-utils.
type printed struct {
	pages int
	first string // the first page's text, its runs of white space made one space
	all   string // the whole text, likewise
}

// printPDF prints the tab ctx to PDF with the browser's print (the page's print styles and its
// @page size) and reads it with pdfinfo and pdftotext (Debian's poppler-utils, which
// `make deps-chromium` installs). Without them the test is skipped, except in CI.
func printPDF(t *testing.T, ctx context.Context) printed {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is absent: `make deps-chromium` installs poppler-utils")
		}
		t.Skip("pdftotext is absent: run `make deps-chromium` (it installs Debian's poppler-utils) to check the printed reports")
	}
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	data, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "report.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	info, err := exec.Command("pdfinfo", path).Output()
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	require.NotNil(t, m, "pdfinfo: %s", info)
	var out printed
	out.pages, _ = strconv.Atoi(string(m[1]))
	text := func(args ...string) string {
		b, err := exec.Command("pdftotext", append(append([]string{"-layout"}, args...), path, "-")...).Output()
		require.NoError(t, err)
		return oneSpace(string(b))
	}
	out.first, out.all = text("-f", "1", "-l", "1"), text()
	assert.Regexp(t, `(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)$`, string(info), "A4, the report's @page size")
	return out
}

// oneSpace makes each run of white space in s one space: a line the PDF wraps reads as one.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func readRepo(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", path))
	require.NoError(t, err)
	return string(b)
}

// TestEvidenceReport drops the example plan and run log on the Plans tab (a log alone, then
// both at once), reads the verdict and the key figures, opens the report, prints it to PDF
// with the browser's print and reads the PDF: the verdict and the recovery time on its first
// page, the steps on later pages. A tampered log gives its line, and the workspace stays.
func TestEvidenceReport(t *testing.T) {
	p := newPage(t, "/")
	planJSON := readRepo(t, "docs/examples/litwareinc-disaster.json")
	runLog := readRepo(t, "docs/examples/litwareinc-disaster.runlog.jsonl")
	ws := p.text("#ws-name")
	p.click("#tab-plans")

	p.dropFiles("#evidence-drop", [2]string{"run.runlog.jsonl", runLog})
	assert.Contains(t, p.text("#evidence-files-held"), "Run log: run.runlog.jsonl")
	assert.False(t, p.exists("#evidence-report .report-verdict"), "no report without the plan")
	p.dropFiles("#evidence-drop", [2]string{"run.runlog.jsonl", runLog}, [2]string{"plan.json", planJSON})
	p.waitFor("#evidence-report .report-verdict")
	assert.Equal(t, "Failed", p.text("#evidence-report .report-verdict"))
	assert.Contains(t, p.text("#evidence-report"), "the recovery time on the decision clock, 00:31:36, is over the target of 00:20:00")
	assert.Equal(t, "00:31:36", p.text(`#evidence-report [data-figure="recovery-time"] .fig-value`))
	assert.Equal(t, ws, p.text("#ws-name"), "the drop imports no topology")

	// Edit one line of the log: the next line's hash chain breaks, and the page says where.
	lines := strings.SplitAfter(runLog, "\n")
	lines[5] = strings.Replace(lines[5], `"time":"2026-12-06T05:0`, `"time":"2026-12-06T05:1`, 1)
	p.dropFiles("#evidence-files", [2]string{"edited.runlog.jsonl", strings.Join(lines, "")})
	p.waitFor("#evidence-error")
	assert.Regexp(t, `^edited\.runlog\.jsonl:7: prev does not match`, p.text("#evidence-error"))
	assert.False(t, p.exists("#evidence-report .report-verdict"), "no report from a tampered log")
	assert.Equal(t, ws, p.text("#ws-name"))
	assert.Empty(t, p.errors(), "console errors")

	// The good log again (the plan is kept): open the report and print it.
	p.dropFiles("#evidence-drop", [2]string{"run.runlog.jsonl", runLog})
	p.waitFor("#evidence-report .report-verdict")
	assert.False(t, p.exists("#evidence-error"))
	tab := p.openReport(`#evidence-report button[value="open"]`)
	verdict := reportText(t, tab, "#verdict-text")
	assert.Equal(t, p.text("#evidence-report .report-verdict"), verdict, "the report's verdict is the page's")
	recovery := reportText(t, tab, "#figure-recovery-time")
	assert.Equal(t, p.text(`#evidence-report [data-figure="recovery-time"] .fig-value`), recovery)
	planID := reportText(t, tab, "#figure-plan-id")
	ranBy := reportText(t, tab, "#figure-ran-by")
	var steps []string // the first steps' IDs, and the step that ends the recovery time
	for _, n := range []string{"1", "2", "3"} {
		id, _, _ := strings.Cut(reportText(t, tab, "#steps-table tbody tr:nth-child("+n+") td:nth-child(2)"), ":")
		steps = append(steps, id)
	}
	steps = append(steps, "pool-failover")

	pdf := printPDF(t, tab)
	assert.GreaterOrEqual(t, pdf.pages, 2, "the steps start on a new page")
	for _, s := range []string{"Verdict", verdict, recovery, planID, ranBy} {
		assert.Contains(t, pdf.first, s, "the first page")
	}
	assert.NotContains(t, pdf.first, "Steps: predicted against achieved", "the steps start on a new page")
	for _, s := range append(steps, "Steps: predicted against achieved", "The run") {
		assert.Contains(t, pdf.all, s)
	}
	t.Logf("printed evidence report: %d pages; verdict %q, recovery time %s, plan %s, steps %v", pdf.pages, verdict, recovery, planID, steps)
}
