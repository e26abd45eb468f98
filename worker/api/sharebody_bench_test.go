package api

import (
	"strings"
	"testing"
)

// BenchmarkCheckMembersWorstCase walks a 1 MiB share made of the smallest tokens: the cost of
// the duplicate and case check before any decoding.
func BenchmarkCheckMembersWorstCase(b *testing.B) {
	n := (DefaultMaxBodyBytes - 100) / 2
	body := []byte(envelope(`{"topology":{"name":"x","sites":[` + strings.Repeat("1,", n-1) + `1]}}`))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if p := checkMembers(body, shareShape); p != nil {
			b.Fatal(p)
		}
	}
}
