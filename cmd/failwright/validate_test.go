package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/internal/testkit"
)

// validateRun runs "failwright validate args..." and renders the exit code and both streams
// as one transcript.
func validateRun(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(append([]string{"validate"}, args...), strings.NewReader(stdin), &out, &errb)
	var b strings.Builder
	fmt.Fprintf(&b, "$ failwright validate %s\nexit %d\n", strings.Join(args, " "), code)
	if out.Len() > 0 {
		b.WriteString("--- stdout\n" + out.String())
	}
	if errb.Len() > 0 {
		b.WriteString("--- stderr\n" + errb.String())
	}
	return code, b.String()
}

// validateGolden compares got with testdata/validate/NAME.
func validateGolden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", "validate", name), got)
}

// TestValidateSamples pins the output for every sample topology: no errors, exit 0.
func TestValidateSamples(t *testing.T) {
	samples, err := filepath.Glob("../../scenarios/topologies/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, samples)
	for _, s := range samples {
		name := strings.TrimSuffix(filepath.Base(s), ".yaml")
		t.Run(name, func(t *testing.T) {
			code, got := validateRun(t, "", s)
			assert.Equal(t, exitOK, code, got)
			validateGolden(t, name+".golden", got)
		})
	}
}

func TestValidateCases(t *testing.T) {
	tests := []struct {
		golden string
		code   int
		args   []string
	}{
		{"broken.golden", exitFail, []string{"testdata/validate/broken.yaml"}},
		{"unknown-key.golden", exitFail, []string{"testdata/validate/unknown-key.yaml"}},
		{"deep.golden", exitUsage, []string{"testdata/validate/deep.yaml"}},
		{"syntax.golden", exitUsage, []string{"testdata/validate/syntax.yaml"}},
		{"garbage.golden", exitUsage, []string{"testdata/validate/garbage.yaml"}},
		{"mixed-version-strict.golden", exitFail, []string{"--strict", "../../scenarios/topologies/mixed-version.yaml"}},
		{"litwareinc-json.golden", exitOK, []string{"../../scenarios/topologies/litwareinc.yaml", "--json"}},
		{"broken-json.golden", exitFail, []string{"--json", "testdata/validate/broken.yaml"}},
		{"syntax-json.golden", exitUsage, []string{"--json", "testdata/validate/syntax.yaml"}},
		{"scenario.golden", exitOK, []string{"../../scenarios/site-loss.yaml"}},
		{"missing-file.golden", exitUsage, []string{"testdata/validate/no-such-file.yaml"}},
		{"directory.golden", exitUsage, []string{"testdata/validate"}},
		{"no-args.golden", exitUsage, nil},
		{"two-files.golden", exitUsage, []string{"a.yaml", "b.yaml"}},
		{"bad-flag.golden", exitUsage, []string{"--jsn", "a.yaml"}},
		{"dashes.golden", exitOK, []string{"--json", "--", "../../scenarios/topologies/standard-pair.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			code, got := validateRun(t, "", tc.args...)
			assert.Equal(t, tc.code, code, got)
			validateGolden(t, tc.golden, got)
		})
	}
}

func TestValidateStdin(t *testing.T) {
	data, err := os.ReadFile("../../scenarios/topologies/standard-pair.yaml")
	require.NoError(t, err)
	code, got := validateRun(t, string(data), "-")
	assert.Equal(t, exitOK, code, got)
	assert.Contains(t, got, "<stdin>: 2 sites, 2 pools")
}

// TestValidateJSONInput accepts the same topology as JSON, with positions in the JSON file.
func TestValidateJSONInput(t *testing.T) {
	top, fs := topofile.Decode("litwareinc.yaml", mustRead(t, "../../scenarios/topologies/litwareinc.yaml"))
	require.Empty(t, fs)
	js, err := topology.EncodeJSON(top)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "litwareinc.json")
	require.NoError(t, os.WriteFile(path, js, 0o644))
	code, got := validateRun(t, "", path)
	assert.Equal(t, exitOK, code, got)
	assert.Contains(t, got, path+":")
	assert.Contains(t, got, "warning FW0404 pools[atl-cs-001.litwareinc.com].servers")
}

func TestValidateOversized(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	require.NoError(t, os.WriteFile(path, bytes.Repeat([]byte("# padding\n"), topofile.MaxInputBytes/10+10), 0o644))
	code, got := validateRun(t, "", path)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, got, path+":1:1: error FW0004: the file is larger than 1 MiB (1,048,576 bytes), the most failwright reads")
}

func TestValidateJSONShape(t *testing.T) {
	var out, errb bytes.Buffer
	code := runMain([]string{"validate", "--json", "../../scenarios/topologies/unpaired.yaml"}, nil, &out, &errb)
	require.Equal(t, exitOK, code, errb.String())
	var rep struct {
		AsOf        string             `json:"asOf"`
		Valid       bool               `json:"valid"`
		Errors      int                `json:"errors"`
		Warnings    int                `json:"warnings"`
		Fingerprint string             `json:"fingerprint"`
		Summary     map[string]int     `json:"summary"`
		Findings    []topology.Finding `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.True(t, rep.Valid)
	assert.Equal(t, goldenDay.String(), rep.AsOf, "the day support lifecycles were judged on")
	assert.Equal(t, 3, rep.Warnings, "two about the design, one about the version's end of support")
	assert.Len(t, rep.Fingerprint, 64)
	assert.Equal(t, 1, rep.Summary["pools"])
	assert.Equal(t, 15000, rep.Summary["users"])
	for _, f := range rep.Findings {
		assert.True(t, f.Pos.IsValid(), "%v", f)
	}
}

// TestValidateScenarioFile checks that validate hands a file with "steps" to the scenario
// decoder: its findings with positions, a scenario summary line, and exit 1.
func TestValidateScenarioFile(t *testing.T) {
	code, got := validateRun(t, "", "testdata/run/typo.yaml")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, got, "testdata/run/typo.yaml:11:35: error FW0902 steps[0].expect.pools[chi-pool-01.contoso.com].helth: unknown key \"helth\"; did you mean \"health\"?\n  fix: write health\n")
	assert.Contains(t, got, "testdata/run/typo.yaml: scenario; 1 error, 0 warnings, 0 notes")

	code, got = validateRun(t, "", "../../scenarios/site-loss.yaml")
	assert.Equal(t, exitOK, code, got)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// TestValidateDocExamples runs every "$ failwright validate ..." example of the docs about
// topologies from the repository root: each line the doc shows (a "..." line stands for lines
// left out) is a line of the command's output, in the same order.
func TestValidateDocExamples(t *testing.T) {
	ran := 0
	for _, page := range []string{"topology.md", "validation.md"} {
		doc, err := os.ReadFile("../../docs/" + page)
		require.NoError(t, err)
		for _, b := range regexp.MustCompile("(?s)```console\n(.*?)```").FindAllStringSubmatch(string(doc), -1) {
			lines := strings.Split(strings.TrimSuffix(b[1], "\n"), "\n")
			cmd, ok := strings.CutPrefix(lines[0], "$ failwright ")
			if !ok || !strings.HasPrefix(cmd, "validate ") {
				continue
			}
			ran++
			t.Run(page+": "+cmd, func(t *testing.T) {
				t.Chdir("../..")
				var out bytes.Buffer
				code := runMain(strings.Fields(cmd), strings.NewReader(""), &out, &out)
				assert.Equal(t, exitOK, code, "the docs show valid samples")
				got := strings.Split(out.String(), "\n")
				at := 0
				for _, want := range lines[1:] {
					if want == "..." {
						continue
					}
					i := slices.Index(got[at:], want)
					if !assert.GreaterOrEqual(t, i, 0, "docs/%s shows a line the command does not print (or not in this order):\n%s", page, want) {
						return
					}
					at += i + 1
				}
			})
		}
	}
	assert.GreaterOrEqual(t, ran, 2, "the docs' validate examples are tested")
}
