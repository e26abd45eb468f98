package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/analysis"
	"failwright/engine/topology"
	"failwright/scenarios/result"
)

// policyDoc reads docs/policy.md.
func policyDoc(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/policy.md")
	require.NoError(t, err)
	return string(doc)
}

// TestPolicyDocExamples runs the commands of docs/policy.md: every line shown after a
// "$ failwright ..." command is in its output (file names as the docs give them), and
// "echo $?" shows its exit code.
func TestPolicyDocExamples(t *testing.T) {
	var out bytes.Buffer
	code, ran := -1, 0
	for _, line := range strings.Split(policyDoc(t), "\n") {
		switch {
		case strings.HasPrefix(line, "$ failwright "):
			args := strings.Fields(strings.TrimPrefix(line, "$ failwright "))
			for i, a := range args {
				if strings.HasPrefix(a, "engine/") || strings.HasPrefix(a, "scenarios/") {
					args[i] = "../../" + a
				}
			}
			var raw bytes.Buffer
			code = runMain(args, strings.NewReader(""), &raw, &bytes.Buffer{})
			out.Reset()
			out.WriteString(strings.ReplaceAll(raw.String(), "../../", ""))
			ran++
		case line == "$ echo $?" || line == "...":
		case line == "```":
			code = -1
		case code >= 0 && (line == "0" || line == "1" || line == "2"):
			assert.Equal(t, line, strconv.Itoa(code), "exit code in the docs")
		case code >= 0:
			assert.Contains(t, out.String(), line+"\n", "docs/policy.md shows a line the command does not print")
		}
	}
	require.Equal(t, 2, ran, "docs/policy.md runs validate and analyze")
}

// TestPolicyDocJSON checks the verdict of docs/policy.md against the first single failure
// that breaks the example's policy in "failwright analyze --json".
func TestPolicyDocJSON(t *testing.T) {
	_, block, ok := strings.Cut(policyDoc(t), "```json\n")
	require.True(t, ok, "docs/policy.md has a JSON example")
	block, _, _ = strings.Cut(block, "```")
	var want topology.Verdict
	require.NoError(t, json.Unmarshal([]byte(block), &want))

	var out bytes.Buffer
	code := runMain([]string{"analyze", "../../engine/analysis/testdata/topologies/policy-contoso.yaml", "--depth", "1", "--json"},
		strings.NewReader(""), &out, &bytes.Buffer{})
	require.Equal(t, exitFail, code)
	var r analysis.Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &r))
	require.NotEmpty(t, r.Policy.Breaks)
	assert.Equal(t, want, r.Policy.Breaks[0].Verdict)
}

// TestPolicyDocRunLine checks the run report's verdict line of docs/policy.md: the one the
// report prints for the drill of engine/sim's drill.golden (the Atlanta site lost, its pool
// back after 00:20:05 from the failure and 00:12:05 from the decision, 00:01:10 lost).
func TestPolicyDocRunLine(t *testing.T) {
	_, block, ok := strings.Cut(policyDoc(t), "```text\n")
	require.True(t, ok, "docs/policy.md has a text example")
	block, _, _ = strings.Cut(block, "```")
	v := topology.Judge("atl-cs-001.litwareinc.com", topology.Policy{RTO: 20 * 60e9, RPO: 5 * 60e9, Clock: topology.ClockDecision},
		topology.RecoveryFigures{FromFailure: 1205 * time.Second, FromDecision: 725 * time.Second, DataLoss: 70 * time.Second, Restored: true})
	assert.Equal(t, result.PolicyText([]topology.Verdict{v}), block)
}
