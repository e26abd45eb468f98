package analysis

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
)

// analyzeJSON decodes a topology from src and returns its depth-2 analysis as JSON.
func analyzeJSON(t *testing.T, src string) string {
	topo, fs := topofile.Decode("t.yaml", []byte(src))
	require.False(t, fs.HasErrors(), "%v", fs)
	r, err := Analyze(topo, Options{Depth: 2})
	require.NoError(t, err)
	out, err := json.Marshal(r)
	require.NoError(t, err)
	return string(out)
}

// TestSubscriptionEditionAnalyzesAs2019 analyzes 2019 samples as they are, with every pool
// on Subscription Edition, and with one pool of each pair moved to it, and requires the same
// report once the version's names are mapped: SE has 2019's quorum, capacity and failover.
func TestSubscriptionEditionAnalyzesAs2019(t *testing.T) {
	names := strings.NewReplacer("Skype for Business Server Subscription Edition", "Skype for Business Server 2019", "SfBSE", "SfB2019")
	for _, sample := range []string{"sfb2019-16fe.yaml", "litwareinc.yaml"} {
		data, err := os.ReadFile("../samples/" + sample)
		require.NoError(t, err)
		src := strings.ReplaceAll(string(data), "version: SfB2015", "version: SfB2019")
		src = strings.ReplaceAll(src, "ha: Mirroring", "ha: AlwaysOn") // 2019 has no mirroring
		want := analyzeJSON(t, src)
		all := strings.ReplaceAll(src, "version: SfB2019", "version: SfBSE")
		first := strings.Replace(src, "version: SfB2019", "version: SfBSE", 1)
		for name, variant := range map[string]string{"all SE": all, "first pool SE": first} {
			t.Run(sample+"/"+name, func(t *testing.T) {
				require.NotEqual(t, src, variant)
				assert.Equal(t, want, names.Replace(analyzeJSON(t, variant)))
			})
		}
	}
}
