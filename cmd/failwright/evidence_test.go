package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/internal/evidencetest"
	"failwright/internal/testkit"
)

// evidencedata holds a plan of litwareinc.yaml and run logs of it, made by
// TestEvidenceFixtures with -update.
const evidencedata = "testdata/evidence/"

// TestEvidenceFixtures writes, with -update, the planned failover plan of litwareinc.yaml's
// first pool and its run logs: every step in a minute (passes), as predicted (over the
// default target), and failing at the pool failover. Without -update it checks they still read.
func TestEvidenceFixtures(t *testing.T) {
	if !testkit.Updating() {
		_, err := os.Stat(evidencedata + "plan.json")
		require.NoError(t, err, "run go test -update to make the fixtures")
		return
	}
	data, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	doc, fs, _ := app.LoadTopology(app.Source{Name: "litwareinc.yaml", Data: data})
	require.NotNil(t, doc, "%v", fs)
	res := app.Plan(doc, app.PlanRequest{Request: plan.Request{Pool: doc.Topology.Pools[0].FQDN, Mode: plan.Planned}, Format: app.FormatJSON})
	require.NotNil(t, res.Plan)
	p := res.Plan
	fast, fo := map[int]int{}, 0
	for _, st := range p.Steps {
		fast[st.Number] = 1
		if st.ID == "pool-failover" {
			fo = st.Number
		}
	}
	require.NoError(t, os.MkdirAll(evidencedata, 0o755))
	for name, body := range map[string][]byte{
		"plan.json":      res.JSON,
		"fast.log":       evidencetest.Log(p, evidencetest.Options{Minutes: fast}),
		"as-planned.log": evidencetest.Log(p, evidencetest.Options{}),
		"failed.log":     evidencetest.Log(p, evidencetest.Options{FailStep: fo}),
		"tampered.log":   []byte(strings.Replace(string(evidencetest.Log(p, evidencetest.Options{})), `"outcome":"done"`, `"outcome":"failed"`, 1)),
	} {
		require.NoError(t, os.WriteFile(evidencedata+name, body, 0o644))
	}
}

// TestEvidenceCommand pins "failwright evidence": its exit codes, the verdict on standard error
// and the errors that name file:line:column.
func TestEvidenceCommand(t *testing.T) {
	dir := t.TempDir()
	gen := "--generated-at=2026-12-06T09:00:00Z"
	tests := []struct {
		golden string
		code   int
		args   []string
	}{
		{"passed.golden", exitOK, []string{"evidence", evidencedata + "plan.json", evidencedata + "fast.log", "-o", dir + "/passed.html", gen}},
		{"over-target.golden", exitFail, []string{"evidence", evidencedata + "plan.json", evidencedata + "as-planned.log", "-o", dir + "/over.html", "--failed-at", "2026-12-06T04:52:00Z", gen}},
		{"policy-passed.golden", exitOK, []string{"evidence", evidencedata + "plan.json", evidencedata + "fast.log", "--topology", "../../scenarios/topologies/litwareinc.yaml", "-o", dir + "/policy.html", gen}},
		{"policy-over.golden", exitFail, []string{"evidence", evidencedata + "plan.json", evidencedata + "as-planned.log", "--topology", "../../scenarios/topologies/litwareinc.yaml", "-o", dir + "/policy-over.html", gen}},
		{"other-topology.golden", exitUsage, []string{"evidence", evidencedata + "plan.json", evidencedata + "fast.log", "--topology", "../../scenarios/topologies/lync2013-pair.yaml", gen}},
		{"failed.golden", exitFail, []string{"evidence", evidencedata + "plan.json", evidencedata + "failed.log", "-o", dir + "/failed.html", gen}},
		{"tampered.golden", exitUsage, []string{"evidence", evidencedata + "plan.json", evidencedata + "tampered.log", gen}},
		{"log-as-plan.golden", exitUsage, []string{"evidence", evidencedata + "fast.log", evidencedata + "fast.log", gen}},
		{"bad-failed-at.golden", exitUsage, []string{"evidence", evidencedata + "plan.json", evidencedata + "fast.log", "--failed-at", "yesterday"}},
		{"one-file.golden", exitUsage, []string{"evidence", evidencedata + "plan.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			code, got := cliRun(t, tt.args...)
			assert.Equal(t, tt.code, code, got)
			testkit.Golden(t, filepath.Join("testdata", "evidence", tt.golden), strings.ReplaceAll(got, dir, "$TMP"))
		})
	}
	page, err := os.ReadFile(dir + "/passed.html")
	require.NoError(t, err)
	assert.Contains(t, string(page), `<p id="verdict-text">Passed</p>`)
	assert.Contains(t, string(page), `<dd id="figure-ran-by">LITWARE\ops on ATL-FE01</dd>`)
	over, err := os.ReadFile(dir + "/over.html")
	require.NoError(t, err)
	assert.Contains(t, string(over), `<dd id="figure-recovery-time-failure">`)
	assert.NotContains(t, string(over), `<dd id="figure-recovery-time-failure">not given`)
}

func TestEvidenceToStandardOutput(t *testing.T) {
	code, out, errs := cli(t, "", "evidence", evidencedata+"plan.json", evidencedata+"fast.log", "--generated-at", "2026-12-06 09:00")
	assert.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	assert.Contains(t, out, "Generated 2026-12-06 09:00:00 UTC")
	code, out, _ = cli(t, "", "evidence", evidencedata+"plan.json", evidencedata+"fast.log", "--json")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, `"verdict": {`)
}

func TestAnalyzeAndTrainReports(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := cli(t, "", "analyze", "../../scenarios/topologies/litwareinc.yaml", "--depth", "1", "--report", "html", "-o", dir+"/review.html")
	assert.Equal(t, exitFail, code, "the analysis's status: %s", errs)
	page, err := os.ReadFile(dir + "/review.html")
	require.NoError(t, err)
	assert.Contains(t, string(page), `class="report report-review"`)
	assert.Contains(t, string(page), `<dd id="figure-policy">2 breaches</dd>`, "litwareinc.yaml's Atlanta target is broken by a minute")
	code, _, _ = cli(t, "", "analyze", "../../scenarios/topologies/litwareinc.yaml", "--report", "pdf")
	assert.Equal(t, exitUsage, code)

	code, _, errs = cli(t, "Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com\n", "train", "--library", "training-beginner-planned-failover.yaml",
		"--report", dir+"/drill.html", "--trainee=Ana")
	assert.Equal(t, exitFail, code, errs)
	page, err = os.ReadFile(dir + "/drill.html")
	require.NoError(t, err)
	assert.Contains(t, string(page), `class="report report-drill"`)
	assert.Contains(t, string(page), "Trainee Ana")
	code, _, _ = cli(t, "", "train", "--library", "training-beginner-planned-failover.yaml", "--report")
	assert.Equal(t, exitUsage, code)
}

// TestEvidenceDocExample runs the examples of docs/evidence.md: every line shown after each
// "$ failwright evidence ..." command is in its standard error, and "echo $?" its exit code.
func TestEvidenceDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/evidence.md")
	require.NoError(t, err)
	dir := t.TempDir()
	var errb strings.Builder
	code, ran := -1, 0
	for _, line := range strings.Split(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, "$ failwright evidence "):
			args := strings.Fields(strings.TrimPrefix(line, "$ failwright "))
			for i, a := range args {
				switch {
				case strings.HasPrefix(a, "cmd/failwright/"):
					args[i] = strings.TrimPrefix(a, "cmd/failwright/")
				case a == "report.html":
					args[i] = filepath.Join(dir, a)
				}
			}
			c, _, s := cli(t, "", args...)
			code, ran = c, ran+1
			errb.Reset()
			errb.WriteString(s)
		case line == "$ echo $?":
		case line == "```":
			code = -1
		case code >= 0 && (line == "0" || line == "1" || line == "2"):
			assert.Equal(t, line, strconv.Itoa(code), "exit code in the docs")
		case code >= 0:
			// The docs name files from the repository's root; the test runs in cmd/failwright.
			assert.Contains(t, errb.String(), strings.ReplaceAll(line, "cmd/failwright/", "")+"\n", "docs/evidence.md shows a line the command does not print")
		}
	}
	require.Equal(t, 2, ran, "docs/evidence.md's examples")
}
