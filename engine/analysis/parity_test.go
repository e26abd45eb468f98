package analysis

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestModelMatchesSimulator checks that the analysis's model reproduces what the simulator and
// the plan builder do with a failure set: for every single failure and a sample of pairs on
// random small topologies, every figure of every pool agrees, except the recovery time and the
// data-loss window, which the model takes from the documented targets (docs/analysis.md).
func TestModelMatchesSimulator(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		topo := genTopology(rt)
		ev, err := NewSimEvaluator(topo)
		if err != nil {
			rt.Skip("the simulator refuses this topology: " + err.Error())
		}
		m, err := NewModel(topo)
		require.NoError(rt, err)
		els := m.x.elems
		sets := make([]FailureSet, 0, len(els)+20)
		for _, e := range els {
			sets = append(sets, FailureSet{e})
		}
		for k := 0; k < 20; k++ {
			i := rapid.IntRange(0, len(els)-1).Draw(rt, "i")
			j := rapid.IntRange(0, len(els)-1).Draw(rt, "j")
			if i != j {
				sets = append(sets, FailureSet{els[i], els[j]})
			}
		}
		for _, set := range sets {
			so, mo := ev.Evaluate(set), m.Evaluate(set)
			for i := range so.Pools {
				so.Pools[i].RTO, so.Pools[i].DataLoss = 0, 0
				mo.Pools[i].RTO, mo.Pools[i].DataLoss = 0, 0
			}
			require.Equal(rt, so, mo, "model and simulator disagree on %s", set)
		}
	})
}
