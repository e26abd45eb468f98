package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"failwright/web/engine/proto"
)

func TestScoreWords(t *testing.T) {
	for _, tc := range []struct {
		name    string
		depth   int
		kept    []float64
		want    []string
		notWant string
	}{
		{"N-1", 1, []float64{1}, []string{"100 means that no single failure leaves"}, "pair"},
		{"N-2 with some pair survived", 2, []float64{1, 0.5}, []string{"and no pair of failures", "twice"}, "66.7"},
		{"N-2 with a pair that takes everyone", 2, []float64{1, 0}, []string{"cannot exceed 66.7", "both sites"}, ""},
	} {
		got := scoreWords(tc.depth, tc.kept)
		for _, w := range tc.want {
			assert.Contains(t, got, w, tc.name)
		}
		if tc.notWant != "" {
			assert.NotContains(t, got, tc.notWant, tc.name)
		}
		assert.NotContains(t, got, "S_", "%s: words, not the formula", tc.name)
	}
}

func TestWarmLeavesTheAnalysesAlone(t *testing.T) {
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpWarm})
	assert.Empty(t, r.Error)
	assert.Nil(t, s.running)
	assert.Nil(t, s.finished)
}
