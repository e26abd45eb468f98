package analysis

import (
	"os"
	"runtime"
	"testing"

	"failwright/engine/topology"
)

// loadSample decodes a sample topology from scenarios/topologies.
func loadSample(tb testing.TB, name string) *topology.Topology {
	tb.Helper()
	data, err := os.ReadFile("../../scenarios/topologies/" + name)
	if err != nil {
		tb.Fatalf("reading %s: %v", name, err)
	}
	t, fs := topology.Decode(name, data)
	if fs.HasErrors() {
		tb.Fatalf("decoding %s: %v", name, fs)
	}
	return t
}

func benchAnalyze(b *testing.B, name string, depth int) {
	t := loadSample(b, name)
	b.ReportAllocs()
	var st Stats
	for b.Loop() {
		a, err := New(t, Options{Depth: depth})
		if err != nil {
			b.Fatal(err)
		}
		a.Run()
		if _, err := a.Report(); err != nil {
			b.Fatal(err)
		}
		st = a.Stats()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(st.Sets), "sets")
	b.ReportMetric(float64(st.Evaluated), "evaluated")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}

// BenchmarkN1Large analyses every single failure of large.yaml.
func BenchmarkN1Large(b *testing.B) { benchAnalyze(b, "large.yaml", 1) }

// BenchmarkN2Large analyses every single failure and every pair of failures of large.yaml.
func BenchmarkN2Large(b *testing.B) { benchAnalyze(b, "large.yaml", 2) }

// BenchmarkN2Litware analyses every pair of failures of litwareinc.yaml.
func BenchmarkN2Litware(b *testing.B) { benchAnalyze(b, "litwareinc.yaml", 2) }
