//go:build !js

package browsertest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrintedReview analyses litwareinc.yaml, prints the design review ("Print design review"
// opens it in a tab) to PDF with the browser's print and reads the PDF: the verdict and the
// resilience score on the first page, the recovery policy and its first breach in the text.
func TestPrintedReview(t *testing.T) {
	p := newPage(t, "/")
	p.loadSample("litwareinc.yaml", "Litware")
	p.click("#tab-analysis")
	p.click("#analysis-run")
	p.waitFor("#analysis-pool-table")
	tab := p.openReport("#analysis-review")
	verdict := reportText(t, tab, "#verdict-text")
	score := reportText(t, tab, "#figure-score")
	assert.True(t, strings.HasPrefix(score, p.text("#analysis-score")), "the review's score %q is the page's", score)
	var breach string
	for _, n := range []string{"1", "2", "3", "4"} {
		if r := reportText(t, tab, "#verdict-reasons li:nth-child("+n+")"); strings.HasPrefix(r, "breaks the recovery policy") {
			breach = r
			break
		}
	}
	require.NotEmpty(t, breach, "litwareinc.yaml's recovery policy is broken")

	pdf := printPDF(t, tab)
	assert.GreaterOrEqual(t, pdf.pages, 2, "the worst failures start on a new page")
	for _, s := range []string{"Verdict", verdict, "Resilience score", score} {
		assert.Contains(t, pdf.first, s, "the first page")
	}
	for _, s := range []string{"Recovery policy", oneSpace(breach), "The worst failures", "What to change"} {
		assert.Contains(t, pdf.all, s)
	}
	t.Logf("printed design review: %d pages; verdict %q, score %s, breach %q", pdf.pages, verdict, score, breach)
}

// TestPrintedDrillResult drills a planned failover, finishes it, prints the result ("Print
// result" opens it in a tab) to PDF and reads the PDF: the verdict and the score on page 1,
// what the trainee typed on a later page.
func TestPrintedDrillResult(t *testing.T) {
	p := newPage(t, "/")
	p.click("#tab-scenarios")
	p.click(`.lib-item[data-file="training-beginner-planned-failover.yaml"] .train-scenario`)
	p.waitFor("#train-input")
	p.typeIn("#train-input", "Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com")
	p.key("#train-input", "Enter")
	p.waitFor("#train-log .tentry.event")
	p.click("#train-finish")
	p.waitFor("#score")
	tab := p.openReport("#train-print")
	verdict := reportText(t, tab, "#verdict-text")
	score := reportText(t, tab, "#figure-score")
	assert.Contains(t, p.text("#score"), "Score "+score, "the result's score is the page's")

	pdf := printPDF(t, tab)
	assert.GreaterOrEqual(t, pdf.pages, 2, "what the trainee typed starts on a new page")
	for _, s := range []string{"Training drill", "Verdict", verdict, "Score", score} {
		assert.Contains(t, pdf.first, s, "the first page")
	}
	assert.NotContains(t, pdf.first, "What the trainee typed", "it starts on a new page")
	assert.Contains(t, pdf.all, "What the trainee typed")
	t.Logf("printed drill result: %d pages; verdict %q, score %s", pdf.pages, verdict, score)
}
