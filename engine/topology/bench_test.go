package topology

import "testing"

// BenchmarkFingerprintLarge measures the canonical form and hash of the large topology.
func BenchmarkFingerprintLarge(b *testing.B) {
	top := GenerateLarge()
	for b.Loop() {
		_ = Fingerprint(top)
	}
}
