package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/analysis"
	"failwright/internal/testkit"
)

// TestAnalyzeCommand runs "failwright analyze" on sample topologies: the output is the golden
// one and the exit code gates a DR design (1 when the report has an error finding:
// litwareinc.yaml's pools run beyond capacity after their partner fails, AN301).
func TestAnalyzeCommand(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
	}{
		{"litwareinc-depth2.txt", []string{"../../scenarios/topologies/litwareinc.yaml"}, exitFail},
		{"litwareinc-depth1.json", []string{"../../scenarios/topologies/litwareinc.yaml", "--depth", "1", "--json"}, exitFail},
		{"standard-pair-depth1.txt", []string{"../../scenarios/topologies/standard-pair.yaml", "--depth", "1"}, exitOK},
		{"unpaired-depth2.txt", []string{"--depth=2", "../../scenarios/topologies/unpaired.yaml"}, exitFail},
		{"mixed-version-depth1.json", []string{"--json", "--depth", "1", "../../scenarios/topologies/mixed-version.yaml"}, exitFail},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := runMain(append([]string{"analyze"}, tc.args...), strings.NewReader(""), &out, &errOut)
			assert.Equal(t, tc.code, code, "stderr: %s", errOut.String())
			assert.Empty(t, errOut.String())
			testkit.Golden(t, filepath.Join("testdata", "analyze", tc.golden), out.Bytes())
		})
	}
}

// TestAnalyzeSimulate runs the analysis with the simulator and the plan builder. Its recovery
// times are the simulator's, which change with it, so only the shape is checked here; the
// engine's tests hold the simulator-backed analysis to its reference.
func TestAnalyzeSimulate(t *testing.T) {
	var out, errOut bytes.Buffer
	code := runMain([]string{"analyze", "../../scenarios/topologies/litwareinc.yaml", "--depth", "1", "--simulate"}, strings.NewReader(""), &out, &errOut)
	require.Equal(t, exitFail, code, errOut.String())
	assert.Empty(t, errOut.String(), "no progress when standard error is not a terminal")
	assert.Contains(t, out.String(), "N-1: 19 single failures, 0 leave users without full service")
	assert.Contains(t, out.String(), "Central Management store: FailedOver")
}

// TestAnalyzeBadInput checks exit code 2 and a message naming the problem.
func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("name: x\npools: [\n"), 0o644))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no file", nil, "usage: failwright analyze"},
		{"two files", []string{"a.yaml", "b.yaml"}, "usage: failwright analyze"},
		{"bad depth", []string{"../../scenarios/topologies/litwareinc.yaml", "--depth", "3"}, "--depth must be 1 or 2"},
		{"unknown flag", []string{"--fast", "x.yaml"}, "flag provided but not defined"},
		{"missing file", []string{filepath.Join(dir, "none.yaml")}, "no such file"},
		{"bad yaml", []string{bad}, "bad.yaml:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := runMain(append([]string{"analyze"}, tc.args...), strings.NewReader(""), &out, &errOut)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errOut.String(), tc.want)
			assert.Empty(t, out.String())
		})
	}
}

// TestAnalyzeDocExample runs the example of docs/analysis.md: every line shown after each
// "$ failwright analyze ..." command is in its output, and "echo $?" shows its exit code.
func TestAnalyzeDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/analysis.md")
	require.NoError(t, err)
	var out bytes.Buffer
	code, ran := -1, 0
	for _, line := range strings.Split(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, "$ failwright analyze "):
			args := strings.Fields(strings.TrimPrefix(line, "$ failwright "))
			for i, a := range args {
				if strings.HasPrefix(a, "scenarios/") {
					args[i] = "../../" + a
				}
			}
			out.Reset()
			code = runMain(args, strings.NewReader(""), &out, &bytes.Buffer{})
			ran++
		case line == "$ echo $?":
		case line == "```" || line == "...":
			if line == "```" {
				code = -1
			}
		case code >= 0 && (line == "0" || line == "1" || line == "2"):
			assert.Equal(t, line, strconv.Itoa(code), "exit code in the docs")
		case code >= 0:
			assert.Contains(t, out.String(), line+"\n", "docs/analysis.md shows a line the command does not print")
		}
	}
	require.Positive(t, ran, "docs/analysis.md has no example command")
}

// TestAnalyzeDocJSON checks the JSON excerpt of docs/analysis.md against the command's output:
// the third worst case of depth 1 for litwareinc.yaml, with its first set.
func TestAnalyzeDocJSON(t *testing.T) {
	doc, err := os.ReadFile("../../docs/analysis.md")
	require.NoError(t, err)
	_, block, ok := strings.Cut(string(doc), "```json\n")
	require.True(t, ok, "docs/analysis.md has no JSON example")
	block, _, _ = strings.Cut(block, "```")
	var want analysis.Worst
	require.NoError(t, json.Unmarshal([]byte(block), &want))

	var out bytes.Buffer
	code := runMain([]string{"analyze", "../../scenarios/topologies/litwareinc.yaml", "--depth", "1", "--json"}, strings.NewReader(""), &out, &bytes.Buffer{})
	require.Equal(t, exitFail, code)
	var r analysis.Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &r))
	got := r.Levels[0].Worst[2]
	require.NotEmpty(t, got.Sets)
	got.Sets = got.Sets[:len(want.Sets)]
	assert.Equal(t, want, got)
}
