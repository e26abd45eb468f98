package analysis

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// loadSample decodes a sample topology from engine/samples.
func loadSample(tb testing.TB, name string) *topology.Topology {
	tb.Helper()
	data, err := os.ReadFile("../samples/" + name)
	if err != nil {
		tb.Fatalf("reading %s: %v", name, err)
	}
	t, fs := topofile.Decode(name, data)
	if fs.HasErrors() {
		tb.Fatalf("decoding %s: %v", name, fs)
	}
	return t
}

func benchAnalyze(b *testing.B, name string, depth int) {
	benchTopology(b, loadSample(b, name), depth)
}

// benchTopology analyses t at the given depth.
func benchTopology(b *testing.B, t *topology.Topology, depth int) {
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

// BenchmarkN2WholeRecovery analyses every pair of failures of whole-recovery.yaml, with the
// feature pass.
func BenchmarkN2WholeRecovery(b *testing.B) {
	benchTopology(b, loadTestTopology(b, "whole-recovery.yaml"), 2)
}

// BenchmarkLargeWithParts analyses large.yaml with a load balancer per site in front of every
// Front End pool's web services: the feature pass judges every set in full, a cost linear in
// the topology per set (depth 1, and depth 2 with -bench=LargeWithParts/2).
func BenchmarkLargeWithParts(b *testing.B) {
	t := loadSample(b, "large.yaml")
	for _, s := range t.Sites {
		t.LoadBalancers = append(t.LoadBalancers, topology.LoadBalancer{Name: "hlb-" + s.Name, Site: s.Name})
	}
	for i := range t.Pools {
		if p := &t.Pools[i]; p.Role.IsFrontEnd() {
			p.WebServices = &topology.WebServices{Internal: "web-" + p.FQDN, LoadBalancer: "hlb-" + p.Site}
		}
	}
	for _, d := range []int{1, 2} {
		b.Run(fmt.Sprint(d), func(b *testing.B) { benchTopology(b, t, d) })
	}
}

// BenchmarkN2LargePhases times each phase of an N-2 analysis of large.yaml on one worker (as
// the page runs it): the index and baseline (New), the single failures, finding the
// interacting pairs, evaluating and recording them, the sweep of the composed pairs, and the
// report. Run natively and as WebAssembly, it shows which phases the ratio comes from.
func BenchmarkN2LargePhases(b *testing.B) {
	t := loadSample(b, "large.yaml")
	phases := []string{"new", "singles", "plan", "pairs", "sweep", "report"}
	for p, name := range phases {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var a *Analyzer
				for q := 0; q < len(phases); q++ {
					if q == p {
						b.StartTimer()
					}
					a = runPhase(b, t, a, q)
					if q == p {
						b.StopTimer()
					}
				}
			}
		})
	}
}

// runPhase runs phase q of a one-worker analysis of t (0 creates it) as Run does.
func runPhase(b *testing.B, t *topology.Topology, a *Analyzer, q int) *Analyzer {
	switch q {
	case 0:
		var err error
		if a, err = New(t, Options{Depth: 2, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	case 1:
		for c := range a.members {
			a.evalSingle(0, c)
		}
		a.phase = phasePlan
	case 2:
		a.plan()
		a.phase = phasePairs
	case 3:
		for k := range a.pairSets {
			a.evalPair(0, a.l2, k)
		}
		a.startSweep()
	case 4:
		a.parallelSweep(1)
		a.phase = phaseDone
	case 5:
		if _, err := a.Report(); err != nil {
			b.Fatal(err)
		}
	}
	return a
}
