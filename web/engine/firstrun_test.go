package engine

import (
	"flag"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"failwright/web/engine/proto"
)

var (
	firstRun  = flag.Bool("firstrun", false, "TestFirstAnalysisAgainstSecond: measure (run it alone, as WebAssembly under node: make analysis-firstrun)")
	firstWarm = flag.Bool("firstrun.warm", false, "TestFirstAnalysisAgainstSecond: send OpWarm before the first analysis")
	firstGC   = flag.Int("firstrun.gogc", 0, "TestFirstAnalysisAgainstSecond: the GC percent for the run (0: the default)")
)

// TestFirstAnalysisAgainstSecond measures the engine worker's own work over N-2 on
// large.yaml, the first run in a fresh process against the second, as the page's worker
// does them (docs/performance.md, "First run against second"). It only logs: no wall-clock
// figure is asserted. It must be the process's first analysis: run it alone (-run).
func TestFirstAnalysisAgainstSecond(t *testing.T) {
	if !*firstRun {
		t.Skip("a measurement: run with -firstrun (make analysis-firstrun)")
	}
	if *firstGC > 0 {
		debug.SetGCPercent(*firstGC)
	}
	topo := topologyJSON(t, "large.yaml")
	var s Server
	if *firstWarm {
		t0 := time.Now()
		require.Empty(t, call(t, &s, proto.Request{ID: 1, Op: proto.OpWarm}).Error)
		t.Logf("PERF warm: %.0f ms", ms(time.Since(t0)))
	}
	var took [3]float64
	for i := range took {
		t0 := time.Now()
		answers := runAnalysis(t, &s, 10+i, topo, 2)
		took[i] = ms(time.Since(t0))
		a := answers[len(answers)-1].Analysis
		require.NotNil(t, a)
		// Where the worker's count goes: the page's view again (the report's HTML and the
		// matrix drawing), timed on its own; the rest is the analysis and its matrix.
		t1 := time.Now()
		pageView(s.finished.viewed)
		t.Logf("PERF run %d: %.0f ms from request to answer, worker's count %.0f ms, of which the page's view (HTML, matrix drawing) about %.0f ms (warm=%v, gogc=%d)",
			i+1, took[i], a.Millis, ms(time.Since(t1)), *firstWarm, *firstGC)
	}
	t.Logf("PERF first/second: %.2f", took[0]/took[1])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
