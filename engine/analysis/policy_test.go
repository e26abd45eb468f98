package analysis

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// TestPolicyBreaks analyses policy-contoso.yaml, whose Redmond site promises 15 minutes on the
// failure clock: losing the Redmond pool or its site breaks it (the failover takes 00:20:05),
// and nothing breaks the Chicago pool's hour.
func TestPolicyBreaks(t *testing.T) {
	data, err := os.ReadFile("testdata/topologies/policy-contoso.yaml")
	require.NoError(t, err)
	topo, fs := topofile.Decode("policy-contoso.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	for _, depth := range []int{1, 2} {
		r, err := Analyze(topo, Options{Depth: depth})
		require.NoError(t, err)
		ref, err := Reference(topo, Options{Depth: depth})
		require.NoError(t, err)
		assert.Equal(t, string(ref.JSON()), string(r.JSON()))

		p := r.Policy
		assert.False(t, p.Met)
		assert.True(t, r.SingleFailureBreaksPolicy())
		require.Equal(t, 2, p.Count)
		var sets []string
		for _, b := range p.Breaks {
			sets = append(sets, b.Set.Elements[0])
			assert.Equal(t, "red-pool-01.contoso.com", b.Verdict.Pool)
			assert.Equal(t, topology.ClockFailure, b.Verdict.Policy.Clock)
			assert.Equal(t, "00:05:05", b.Verdict.RTOOver.String())
			assert.True(t, b.Verdict.RPOMet)
		}
		assert.Equal(t, []string{"pool red-pool-01.contoso.com", "site Redmond"}, sets)
		require.Len(t, p.Pools, 2)
		assert.Equal(t, topology.PolicyFrom{RTO: "site", RPO: "topology", Clock: "topology"}, p.Pools[0].Policy.From)
		assert.Len(t, p.Pools[0].Levels, depth)
		assert.False(t, p.Pools[0].Levels[0].Verdict.Met)
		assert.NotEmpty(t, p.Pools[0].Levels[0].Sets)
		assert.True(t, p.Pools[1].Levels[0].Verdict.Met, "%v", p.Pools[1].Levels[0].Verdict)
		assert.Empty(t, p.Pools[1].Levels[0].Sets)
		assert.Contains(t, string(r.Text()), "  Single failures break the policy 2 times:\n")
	}
}

// TestPolicyDefaultsMet checks a design that meets the default targets: the Lync 2013 pair
// recovers within 30 minutes from any single failure.
func TestPolicyDefaultsMet(t *testing.T) {
	r := analyzeSample(t, "lync2013-pair.yaml", 1)
	assert.True(t, r.Policy.Met)
	assert.False(t, r.SingleFailureBreaksPolicy())
	assert.Zero(t, r.Policy.Count)
	assert.NotNil(t, r.Policy.Breaks, "JSON writes an empty list, not null")
	assert.Equal(t, topology.PolicyFromDefault, r.Policy.Pools[0].Policy.From.RTO)
}

// analyzeSample analyses a sample topology with the fast analyzer.
func analyzeSample(t *testing.T, name string, depth int) *Report {
	t.Helper()
	data, err := os.ReadFile("../samples/" + name)
	require.NoError(t, err)
	topo, fs := topofile.Decode(name, data)
	require.False(t, fs.HasErrors(), "%v", fs)
	r, err := Analyze(topo, Options{Depth: depth})
	require.NoError(t, err)
	return r
}
