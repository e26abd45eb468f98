package sim

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

var update = flag.Bool("update", false, "rewrite golden files")

// transcript is a parsed transcript file: header lines, then commands each followed by the
// exact console output expected.
type transcript struct {
	header []string
	steps  []step
}

type step struct {
	cmd    string
	output []string
}

const promptPrefix = "PS> "

func parseTranscript(t *testing.T, data string) transcript {
	var tr transcript
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	i := 0
	for ; i < len(lines) && !strings.HasPrefix(lines[i], promptPrefix); i++ {
		tr.header = append(tr.header, lines[i])
	}
	for ; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], promptPrefix) {
			tr.steps = append(tr.steps, step{cmd: strings.TrimPrefix(lines[i], promptPrefix)})
			continue
		}
		last := &tr.steps[len(tr.steps)-1]
		last.output = append(last.output, lines[i])
	}
	return tr
}

// headerValue returns the value of a "# key: value" header line.
func (tr transcript) headerValue(key string) string {
	for _, h := range tr.header {
		if v, ok := strings.CutPrefix(h, "# "+key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// loadTopology decodes a topology file and fails the test on decoding or validation errors.
func loadTopology(t testing.TB, path string) *topology.Topology {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	topo, fs := topology.Decode(filepath.Base(path), data)
	require.False(t, fs.HasErrors(), "%s: %v", path, fs)
	require.NotNil(t, topo)
	return topo
}

// render turns the console lines of one result into the transcript's text lines.
func render(r Result) []string {
	out := make([]string, 0, len(r.Lines))
	for _, l := range r.Lines {
		out = append(out, l.Text)
	}
	return out
}

func runTranscript(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	tr := parseTranscript(t, string(data))
	topoPath := tr.headerValue("topology")
	require.NotEmpty(t, topoPath, "%s: no '# topology:' header", file)
	topo := loadTopology(t, filepath.Join(filepath.Dir(file), topoPath))
	seed := int64(1)
	if v := tr.headerValue("seed"); v != "" {
		seed, err = strconv.ParseInt(v, 10, 64)
		require.NoError(t, err)
	}
	s, err := New(topo, Options{Seed: seed})
	require.NoError(t, err)
	var b strings.Builder
	for _, h := range tr.header {
		b.WriteString(h + "\n")
	}
	failed := false
	for _, st := range tr.steps {
		got := render(s.Exec(st.cmd))
		b.WriteString(promptPrefix + st.cmd + "\n")
		for _, l := range got {
			b.WriteString(l + "\n")
		}
		if !*update && !failed && strings.Join(got, "\n") != strings.Join(st.output, "\n") {
			failed = true
			require.Equal(t, strings.Join(st.output, "\n"), strings.Join(got, "\n"), "%s: output of %q differs", file, st.cmd)
		}
	}
	if *update {
		require.NoError(t, os.WriteFile(file, []byte(b.String()), 0o644))
	}
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
