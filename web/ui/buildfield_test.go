package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// TestPoolBuildField: a pool's build is a field of its form, validated as the topology file's
// is (FW0114 for what is not a build number), and cleared by an empty value.
func TestPoolBuildField(t *testing.T) {
	a, _ := newTestApp(t)
	field := func() (Field, bool) {
		for _, f := range a.PoolExtraFields(0) {
			if f.Key == "build" {
				return f, true
			}
		}
		return Field{}, false
	}
	_, ok := field()
	require.True(t, ok, "the pool form has a build field")

	a.SetPoolField(0, "build", "7.0.2046.820")
	assert.Equal(t, "7.0.2046.820", a.T().Pools[0].Build)

	a.SetPoolField(0, "build", "CU9")
	f, _ := field()
	require.NotEmpty(t, f.Findings, "a build that is not a build number is refused where it is typed")
	assert.Equal(t, topology.CodeBadBuild, f.Findings[0].Code)

	a.SetPoolField(0, "build", "")
	assert.Empty(t, a.T().Pools[0].Build)
}
