package topofile

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// sampleNames lists engine/samples/*.yaml.
func sampleNames(t testing.TB) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(samplesDir, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, m)
	var out []string
	for _, p := range m {
		out = append(out, filepath.Base(p))
	}
	return out
}

// TestSamples decodes every sample: no decoding findings, no validation errors, a comment
// header, and a lossless round trip through topology.Encode and topology.EncodeJSON.
func TestSamples(t *testing.T) {
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			data := readSample(t, name)
			require.True(t, strings.HasPrefix(string(data), "# "+name+": "), "a sample starts with a comment naming it and saying what it shows")
			doc, fs := DecodeDocument(name, data)
			require.Empty(t, fs)
			vs := doc.Validate()
			assert.False(t, vs.HasErrors(), "%v", vs)
			for _, f := range vs {
				assert.True(t, f.Pos.IsValid(), "finding without a position: %v", f)
			}
			out, err := topology.Encode(doc.Topology)
			require.NoError(t, err)
			back, fs := Decode("re-encoded", out)
			require.Empty(t, fs)
			assert.Equal(t, doc.Topology, back)
			again, err := topology.Encode(back)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(again), "encoding is idempotent")
			js, err := topology.EncodeJSON(doc.Topology)
			require.NoError(t, err)
			fromJSON, fs := Decode("re-encoded.json", js)
			require.Empty(t, fs)
			assert.Equal(t, doc.Topology, fromJSON)
			assert.Equal(t, topology.Fingerprint(doc.Topology), topology.Fingerprint(fromJSON))
		})
	}
}

// TestSampleWarnings pins what each hand-written sample is meant to show.
func TestSampleWarnings(t *testing.T) {
	want := map[string][]string{
		"litwareinc.yaml":    {topology.CodeFailoverSizing, topology.CodeFailoverSizing, topology.CodeManualDNS},
		"lync2013-pair.yaml": nil,
		"mixed-version.yaml": {topology.CodePairVersion},
		"sfb2019-16fe.yaml":  nil,
		"standard-pair.yaml": nil,
		"unpaired.yaml":      {topology.CodeUnpaired, topology.CodeCMSUnpaired},
		"large.yaml":         nil,
		"se-pair.yaml":       nil,
		// A GeoDNS service in one site (FW1205) and records changed by hand (FW1203).
		"whole-recovery.yaml": {topology.CodeSinglePoint, topology.CodeSinglePoint, topology.CodeManualDNS, topology.CodeManualDNS},
	}
	for name, codes := range want {
		top, fs := Decode(name, readSample(t, name))
		require.Empty(t, fs)
		var got []string
		for _, f := range topology.Validate(top) {
			if f.Severity == topology.Warning {
				got = append(got, f.Code)
			}
		}
		assert.ElementsMatch(t, codes, got, name)
	}
}
