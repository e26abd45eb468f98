//go:build !js

package browsertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestAnalysisFirstRunAgainstSecond runs N-2 on large.yaml twice in one page session and logs
// both runs, click to report laid out and the engine worker's own work (the PERF lines of
// docs/performance.md, "First run against second"). It asserts no wall-clock figure: a loaded
// machine stretches either run at any time.
func TestAnalysisFirstRunAgainstSecond(t *testing.T) {
	p := newPage(t, "/")
	p.loadSample("large.yaml", "worldwide")
	p.click("#tab-analysis")
	// As a user would: the page has been open a moment before the first click.
	p.settle()
	var total, worker [2]float64
	for run := range 2 {
		job := eval[string](p, `(document.getElementById("analysis-report") || {dataset: {job: ""}}).dataset.job`)
		t0 := eval[float64](p, `performance.now()`)
		p.click("#analysis-run")
		p.poll(`!!document.getElementById("analysis-pool-table") && document.getElementById("analysis-report").dataset.job !== `+jsString(job), 90*time.Second)
		eval[bool](p, `new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(true), 0)))`)
		total[run] = eval[float64](p, `performance.now()`) - t0
		worker[run] = eval[float64](p, `+document.getElementById("analysis-result").dataset.workerMs`)
		data := func(name string) string {
			return eval[string](p, `document.getElementById("analysis-result").dataset.`+name)
		}
		t.Logf("PERF first-run %d: N-2 on large.yaml: %.0f ms from Run to the report laid out; the engine worker's own work %.0f ms; page's count to the report's answer %s ms; Run click's handler %s ms (encoding %s ms); decoding the answer %s ms",
			run+1, total[run], worker[run], data("pageMs"), data("clickMs"), data("encodeMs"), data("decodeMs"))
		p.settle()
	}
	t.Logf("PERF first-run: first/second: %.2f click to report, %.2f worker", total[0]/total[1], worker[0]/worker[1])
	assert.Positive(t, worker[0])
	assert.Empty(t, p.errors(), "console errors")
}
