package samples

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNamesAndRead(t *testing.T) {
	names := Names()
	require.Contains(t, names, "litwareinc.yaml")
	assert.IsIncreasing(t, names)
	for _, n := range names {
		data, err := Read(n)
		require.NoError(t, err, n)
		assert.NotEmpty(t, data, n)
	}
	_, err := Read("missing.yaml")
	assert.Error(t, err)
}
