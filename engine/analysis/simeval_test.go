package analysis

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestSimFastMatchesReference holds the composition rules to the simulator: with the
// simulator-backed evaluator, the fast analyzer's report equals the reference's on random
// small topologies.
func TestSimFastMatchesReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		topo := genTopology(rt)
		ev, err := NewSimEvaluator(topo)
		if err != nil {
			rt.Skip("the simulator refuses this topology: " + err.Error())
		}
		ref, err := Reference(topo, Options{Depth: 2, Evaluator: ev})
		require.NoError(rt, err)
		fast, err := Analyze(topo, Options{Depth: 2, Evaluator: ev})
		require.NoError(rt, err)
		require.Equal(rt, string(ref.JSON()), string(fast.JSON()))
	})
}
