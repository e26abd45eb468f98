package sim

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/internal/testkit"
)

// prompt starts each command line of a transcript (testdata/transcripts/README.md).
const prompt = "PS> "

// loadTopology decodes a topology file and fails the test on decoding or validation errors.
func loadTopology(t testing.TB, path string) *topology.Topology {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	topo, fs := topofile.Decode(filepath.Base(path), data)
	require.False(t, fs.HasErrors(), "%s: %v", path, fs)
	require.NotNil(t, topo)
	return topo
}

// render turns the console lines of one result into the transcript's text.
func render(r Result) string {
	var b strings.Builder
	for _, l := range r.Lines {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// runTranscript replays one transcript on a simulator of the topology and seed its header
// names.
func runTranscript(t *testing.T, file string) {
	tr := testkit.ReadTranscript(t, file, prompt)
	topoPath := tr.HeaderValue("topology")
	require.NotEmpty(t, topoPath, "%s: no '# topology:' header", file)
	topo := loadTopology(t, filepath.Join(filepath.Dir(file), topoPath))
	seed := int64(1)
	if v := tr.HeaderValue("seed"); v != "" {
		var err error
		seed, err = strconv.ParseInt(v, 10, 64)
		require.NoError(t, err)
	}
	s, err := New(topo, Options{Seed: seed})
	require.NoError(t, err)
	tr.Replay(t, testkit.Session{Run: func(cmd string) string { return render(s.Exec(cmd)) }})
}

// TestTranscripts replays every transcript under testdata/transcripts: each command must print
// exactly the recorded output. Run with -update to record new output.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "transcripts", "*.txt"))
	require.NoError(t, err)
	sort.Strings(files)
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) { runTranscript(t, f) })
	}
}
