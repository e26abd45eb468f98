package wasmcost

import "testing"

// n is the length of every input: small enough to stay in the first-level cache.
const n = 4096

var (
	ints   = make([]int64, n)
	floats = make([]float64, n)
	recs   = make([]record, n)
	bases  = make([]record, n)
	sink   int64
)

// record is shaped like a pool's figures in the analysis: three counts, a load, two durations.
type record struct {
	pool, unserved, noDR int32
	load                 float64
	rto, dataLoss        int64
}

func init() {
	for i := range ints {
		v := int64(i * 7919 % 1000)
		ints[i], floats[i] = v, float64(v)
		recs[i] = record{pool: int32(i), unserved: int32(v), noDR: int32(v / 2), load: float64(v) / 1000, rto: v * 3, dataLoss: v * 5}
		bases[i] = record{pool: int32(i), unserved: 500, noDR: 250, load: 0.5, rto: 1500, dataLoss: 2500}
	}
}

// BenchmarkLoopSum is the tightest loop: one addition per element.
func BenchmarkLoopSum(b *testing.B) {
	for b.Loop() {
		var s int64
		for _, v := range ints {
			s += v
		}
		sink = s
	}
}

// BenchmarkBranches takes one of three paths per element.
func BenchmarkBranches(b *testing.B) {
	for b.Loop() {
		var s int64
		for _, v := range ints {
			if v > 500 {
				s += v
			} else if v > 200 {
				s -= v
			}
		}
		sink = s
	}
}

//go:noinline
func add(a, b int64) int64 { return a + b }

// BenchmarkCalls makes one call that is not inlined per element.
func BenchmarkCalls(b *testing.B) {
	for b.Loop() {
		var s int64
		for _, v := range ints {
			s = add(s, v)
		}
		sink = s
	}
}

// BenchmarkStraightLine does a dozen arithmetic operations per element without a branch.
func BenchmarkStraightLine(b *testing.B) {
	for b.Loop() {
		var s, t, u int64 = 1, 2, 3
		for _, v := range ints {
			s = s*31 + v
			t ^= s>>3 + v*7
			u += (t | v) - (s & v)
			s += u >> 5
			t -= u * 3
		}
		sink = s + t + u
	}
}

// BenchmarkFigures compares five figures of two records per element, as the analysis does
// for each pool a failure set changes.
func BenchmarkFigures(b *testing.B) {
	for b.Loop() {
		var worse int64
		for i := range recs {
			v, w := &recs[i], &bases[i]
			if v.unserved > w.unserved || v.noDR > w.noDR || v.load > w.load || v.rto > w.rto || v.dataLoss > w.dataLoss {
				worse++
			}
		}
		sink = worse
	}
}

// BenchmarkFloatMax takes the builtin max of floats per element: a runtime call in Go's
// WebAssembly code (NaN and signed-zero rules).
func BenchmarkFloatMax(b *testing.B) {
	for b.Loop() {
		var m float64
		for _, v := range floats {
			m = max(m, v)
		}
		sink = int64(m)
	}
}
