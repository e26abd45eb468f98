package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/render"
	"failwright/internal/testkit"
)

const (
	litware   = "../../scenarios/topologies/litwareinc.yaml"
	migration = "../../scenarios/topologies/migration-2015-to-se.yaml"
)

func runPlanCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runMain(append([]string{"plan"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestPlanExitCodes: 0 for a valid plan, 1 when the plan cannot be valid, 2 for bad input.
func TestPlanExitCodes(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"markdown to stdout", []string{litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster"}, 0, "# Runbook: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com"},
		{"ps1", []string{litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--format", "ps1"}, 0, "Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -DisasterMode -Verbose"},
		{"json", []string{litware, "--pool=dfw-cs-001.litwareinc.com", "--format=json"}, 0, `"formatVersion": 2`},
		{"setup line", []string{litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--setup", "Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com"}, 0, "`Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com`"},
		{"no backup pool", []string{"../../scenarios/topologies/unpaired.yaml", "--pool", "lon-pool-01.fabrikam.com", "--disaster"}, 1, "error PL003"},
		{"mixed versions", []string{"../../scenarios/topologies/mixed-version.yaml", "--pool", "nyc-pool-01.woodgrovebank.com", "--disaster"}, 1, "error PL007"},
		{"hostile name", []string{"testdata/plan/hostile.yaml", "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--format", "ps1", "-o", filepath.Join(dir, "hostile.ps1")}, 1, "error PL005"},
		{"no pool", []string{litware}, 2, "--pool FQDN is required"},
		{"both modes", []string{litware, "--pool", "x", "--planned", "--disaster"}, 2, "exclude each other"},
		{"bad format", []string{litware, "--pool", "x", "--format", "pdf"}, 2, "--format must be ps1, md or json"},
		{"unknown flag", []string{litware, "--pool", "x", "--force"}, 2, "unknown flag --force"},
		{"missing topology", []string{"nope.yaml", "--pool", "x"}, 2, "nope.yaml"},
		{"two topologies", []string{litware, litware, "--pool", "x"}, 2, "exactly one TOPOLOGY"},
		{"help", []string{"--help"}, 0, "usage: failwright plan TOPOLOGY"},
		{"check with a format", []string{"--check", "plan.json", litware, "--format", "ps1"}, 2, "--check takes only PLAN.json and TOPOLOGY"},
		{"empty output file", []string{litware, "--pool", "x", "-o", ""}, 2, "-o needs a value"},
		{"empty pool", []string{litware, "--pool="}, 2, "--pool needs a value"},
		{"switch with a value", []string{litware, "--pool", "x", "--disaster=false"}, 2, "--disaster takes no value"},
		{"directory", []string{"testdata", "--pool", "x"}, 2, "cannot read testdata: it is a directory"},
		{"unwritable output", []string{litware, "--pool", "dfw-cs-001.litwareinc.com", "-o", filepath.Join(dir, "no", "such", "dir.md")}, 2, "cannot write " + filepath.Join(dir, "no", "such", "dir.md") + ": no such file or directory"},
		{"topology as scenario", []string{litware, "--pool", "x", "--scenario", litware}, 2, "is not a scenario (it has no steps)"},
		{"malformed topology", []string{"testdata/validate/garbage.yaml", "--pool", "x"}, 2, "cannot be read as a topology"},
		{"migration", []string{migration, "--migrate", "bos-pool-15.northwind.com", "--to", "bos-pool-se.northwind.com"}, 0, "**Riskiest stage:** `unpair`"},
		{"migration ps1", []string{migration, "--migrate", "bos-pool-15.northwind.com", "--to", "bos-pool-se.northwind.com", "--format", "ps1"}, 0, "Move-CsUser -Identity 'sip:dana@northwind.com' -Target 'bos-pool-se.northwind.com'"},
		{"migration to a pool not in the topology", []string{migration, "--migrate", "bos-pool-15.northwind.com", "--to", "nope.northwind.com"}, 2, "error PL001 request.migrateTo"},
		{"migration from a pool not in the topology", []string{migration, "--migrate", "nope.northwind.com", "--to", "bos-pool-se.northwind.com"}, 2, "error PL001 request.pool"},
		{"migration to an unpaired pool", []string{litware, "--migrate", "atl-cs-001.litwareinc.com", "--to", "atl-edge-001.litwareinc.com"}, 1, "error PL030"},
		{"migration without --to", []string{migration, "--migrate", "bos-pool-15.northwind.com"}, 2, "go together"},
		{"migration with --pool", []string{migration, "--migrate", "a", "--to", "b", "--pool", "c"}, 2, "--migrate takes no --pool"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runPlanCmd(c.args...)
			assert.Equal(t, c.code, code, "stdout:\n%s\nstderr:\n%s", out, errs)
			assert.Contains(t, out+errs, c.want)
		})
	}
	_, err := os.Stat(filepath.Join(dir, "hostile.ps1"))
	assert.True(t, os.IsNotExist(err), "no script exists for a hostile topology")
}

// TestPlanWritesFileAndChecksIt: -o writes the plan; --check accepts it against its own
// topology (exit 0) and reports exactly what changed against a re-paired one (exit 1).
func TestPlanWritesFileAndChecksIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	code, out, errs := runPlanCmd(litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--format", "json", "-o", path)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, out)
	assert.Contains(t, errs, "wrote "+path)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	p, err := render.ParseJSON(data)
	require.NoError(t, err)

	code, out, _ = runPlanCmd("--check", path, litware)
	assert.Equal(t, 0, code)
	assert.Equal(t, "plan "+p.ID+" still fits "+litware+"\n", out)

	code, out, _ = runPlanCmd("--check", path, "testdata/plan/litwareinc-moved.yaml")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "error PL101 pools[atl-cs-001.litwareinc.com].backupPool: plan assumed dfw-cs-001.litwareinc.com, topology now says hou-cs-001.litwareinc.com")

	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, bytes.Replace(data, []byte(`"title"`), []byte(`"tittle"`), 1), 0o644))
	code, _, errs = runPlanCmd("--check", bad, litware)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `unknown field "tittle"`)

	code, _, errs = runPlanCmd("--check", path, litware, "--pool", "x")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "--check takes only")
}

// TestPlanScenario takes the failure state from a scenario's leading simulator steps.
func TestPlanScenario(t *testing.T) {
	code, out, errs := runPlanCmd(litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--scenario", "testdata/plan/atlanta-backend-lost.yaml", "--format", "json")
	require.Equal(t, 0, code, errs)
	p, err := render.ParseJSON([]byte(out))
	require.NoError(t, err)
	assert.Equal(t, []string{"Wait-SimTime -Duration 00:01:30", "Stop-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com",
		"Stop-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com -Mirror"}, p.Request.Setup)
	assert.Equal(t, "00:01:30", p.Prediction.DataLoss.String(), "the changes since the last sync are lost")
	assert.NotContains(t, errs, "another topology")

	code, _, errs = runPlanCmd("../../scenarios/topologies/lync2013-pair.yaml", "--pool", "red-pool-01.contoso.com", "--disaster", "--scenario", "testdata/plan/atlanta-backend-lost.yaml")
	assert.Equal(t, 1, code, "the scenario's lines name pools this topology does not have")
	assert.Contains(t, errs, "was written for another topology")

	// Only the principal lost: the mirror takes over, the pool keeps running, and a disaster
	// failover is flagged as needless.
	code, _, errs = runPlanCmd(litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--setup", "Stop-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com", "--format", "json")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "warning PL021")
}

// TestPlanGoldenCheckFile keeps testdata/plan/atl-disaster.json, the saved plan the docs'
// --check example uses, in step with what failwright plan writes.
func TestPlanGoldenCheckFile(t *testing.T) {
	golden := "testdata/plan/atl-disaster.json"
	code, out, errs := runPlanCmd(litware, "--pool", "atl-cs-001.litwareinc.com", "--disaster", "--format", "json")
	require.Equal(t, 0, code, errs)
	testkit.Golden(t, golden, out)
}

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// TestPlanDocExamples runs every "$ failwright plan ..." example of docs/plans.md from the
// repository root and compares its output with the doc (plan IDs aside, which change with the
// simulator's figures).
func TestPlanDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/plans.md")
	require.NoError(t, err)
	t.Chdir("../..")
	blocks := regexp.MustCompile("(?s)```console\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	ran := 0
	for _, b := range blocks {
		lines := strings.SplitN(b[1], "\n", 2)
		cmd, ok := strings.CutPrefix(lines[0], "$ failwright ")
		if !ok || !strings.HasPrefix(cmd, "plan ") {
			continue
		}
		ran++
		want := ""
		if len(lines) > 1 {
			want = lines[1]
		}
		var out bytes.Buffer
		runMain(strings.Fields(cmd), strings.NewReader(""), &out, &out)
		got := uuidRE.ReplaceAllString(out.String(), "<plan-id>")
		assert.Equal(t, uuidRE.ReplaceAllString(want, "<plan-id>"), got, "docs/plans.md example: %s", cmd)
	}
	assert.GreaterOrEqual(t, ran, 2, "the doc's examples are tested")
}

// TestPlanRequestFindingsHaveNoPosition: a finding about the request, not the file, is printed
// without the "-:" of an unknown position.
func TestPlanRequestFindingsHaveNoPosition(t *testing.T) {
	code, _, errs := runPlanCmd(litware, "--pool", "nosuch.example.com")
	assert.Equal(t, exitUsage, code, "a pool not in the topology is bad input")
	assert.Contains(t, errs, "\nerror PL001 request.pool: pool \"nosuch.example.com\" is not in the topology\n")
	assert.NotContains(t, errs, "-: ")
}

// TestPlanReadsStandardInput: TOPOLOGY "-" reads the topology from standard input, as
// validate does.
func TestPlanReadsStandardInput(t *testing.T) {
	data, err := os.ReadFile(litware)
	require.NoError(t, err)
	var out, errb bytes.Buffer
	code := runMain([]string{"plan", "-", "--pool", "atl-cs-001.litwareinc.com", "--format", "json"}, bytes.NewReader(data), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	assert.Contains(t, out.String(), `"pool": "atl-cs-001.litwareinc.com"`)
	assert.Contains(t, errb.String(), "<stdin>:", "findings name standard input")
}
