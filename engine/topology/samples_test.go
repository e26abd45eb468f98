package topology

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// samplesDir holds the sample topologies.
const samplesDir = "../samples"

// TestLargeSample keeps large.yaml equal to GenerateLarge's output (rewrite with -update).
func TestLargeSample(t *testing.T) {
	top := GenerateLarge()
	body, err := Encode(top)
	require.NoError(t, err)
	want := append([]byte(LargeHeader), body...)
	path := filepath.Join(samplesDir, "large.yaml")
	testkit.Golden(t, path, want) // large.yaml is GenerateLarge's output: rewrite it with -update

	assert.GreaterOrEqual(t, len(top.Sites), 40)
	fe := 0
	for i := range top.Pools {
		if top.Pools[i].Role.IsFrontEnd() {
			fe++
		}
	}
	assert.Equal(t, 200, fe)
	assert.Len(t, top.Pairs(), 100)
	assert.Equal(t, 2000, top.ServerCount())
	for _, pr := range top.Pairs() {
		a, b := top.SiteByName(pr.A.Site), top.SiteByName(pr.B.Site)
		assert.NotEqual(t, a.Name, b.Name)
		assert.Equal(t, a.Region, b.Region)
	}
}
