package analysis

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunProgress checks that Run tells Options.Progress how far it is, from any of its
// goroutines, ending with all of the work done, and that the report does not depend on it.
func TestRunProgress(t *testing.T) {
	for _, tc := range []struct {
		name    string
		depth   int
		workers int
	}{
		{"litwareinc.yaml", 1, 1},
		{"litwareinc.yaml", 2, 1},
		{"sfb2019-16fe.yaml", 2, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topo := loadSample(t, tc.name)
			var mu sync.Mutex
			var calls int
			var last, lastTotal int64
			r, err := Analyze(topo, Options{Depth: tc.depth, Workers: tc.workers, Progress: func(done, total int64) {
				mu.Lock()
				defer mu.Unlock()
				calls++
				assert.LessOrEqual(t, done, total)
				last, lastTotal = done, total
			}})
			require.NoError(t, err)
			want, err := Analyze(topo, Options{Depth: tc.depth, Workers: tc.workers})
			require.NoError(t, err)
			assert.Equal(t, string(want.JSON()), string(r.JSON()))
			assert.Greater(t, calls, 1)
			assert.Equal(t, lastTotal, last, "the last call reports all of the work done")
		})
	}
}
