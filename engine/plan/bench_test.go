package plan

import (
	"testing"

	"failwright/engine/sim"
)

// BenchmarkBuild measures a whole Build: checks, a fresh simulation, every step simulated,
// the ID.
func BenchmarkBuild(b *testing.B) {
	for _, c := range []struct{ file, pool string }{
		{"litwareinc.yaml", atl},
		{"large.yaml", "na-dc01-pool1.fabrikam.com"},
	} {
		topo := load(b, c.file)
		req := Request{Pool: c.pool, Mode: Disaster, Failback: true}
		b.Run(c.file, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if p, fs := Build(topo, req); p == nil {
					b.Fatal(fs)
				}
			}
		})
	}
}

// BenchmarkComposeSimulate measures the analysis path: compose a plan from a failed
// simulation's snapshot and simulate it on a clone.
func BenchmarkComposeSimulate(b *testing.B) {
	for _, c := range []struct{ file, pool, site string }{
		{"litwareinc.yaml", atl, "Atlanta"},
		{"large.yaml", "na-dc01-pool1.fabrikam.com", "NorthAmerica DC01"},
	} {
		topo := load(b, c.file)
		s, err := sim.New(topo, sim.Options{Seed: Seed})
		if err != nil {
			b.Fatal(err)
		}
		s.Exec("Stop-SimSite -Site " + QuoteArg(c.site))
		snap := s.Snapshot()
		req := Request{Pool: c.pool, Mode: Disaster}
		b.Run(c.file, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, fs := ComposeSnapshot(topo, req, snap)
				if p == nil {
					b.Fatal(fs)
				}
				Simulate(p, s.Clone())
			}
		})
	}
}

// BenchmarkComposeSnapshot measures laying out a plan from a failed simulation's snapshot,
// without simulating it.
func BenchmarkComposeSnapshot(b *testing.B) {
	topo := load(b, "large.yaml")
	s, err := sim.New(topo, sim.Options{Seed: Seed})
	if err != nil {
		b.Fatal(err)
	}
	s.Exec("Stop-SimSite -Site 'NorthAmerica DC01'")
	snap := s.Snapshot()
	req := Request{Pool: "na-dc01-pool1.fabrikam.com", Mode: Disaster}
	b.ReportAllocs()
	for b.Loop() {
		if p, fs := ComposeSnapshot(topo, req, snap); p == nil {
			b.Fatal(fs)
		}
	}
}
