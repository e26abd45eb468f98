package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// cli runs failwright with args and stdin and returns the exit code, stdout and stderr.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunExitCodes(t *testing.T) {
	code, out, _ := cli(t, "", "run", "../../scenarios/whatif-changes-nothing.yaml")
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, "PASS")

	code, out, _ = cli(t, "", "run", "testdata/run/failing.yaml")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, out, "FAIL  testdata/run/failing.yaml:14:46: steps[0].expect.pools[chi-pool-01.contoso.com].poolState: expected Active, found FailedOver")

	code, _, errs := cli(t, "", "run", "testdata/run/typo.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "testdata/run/typo.yaml:11:35: error FW0902 steps[0].expect.pools[chi-pool-01.contoso.com].helth: unknown key \"helth\"; did you mean \"health\"?\n", errs)

	code, _, errs = cli(t, "", "run", "testdata/run/missing.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "missing.yaml")

	code, _, _ = cli(t, "", "run")
	assert.Equal(t, exitUsage, code)
	code, _, _ = cli(t, "", "run", "--bogus", "x.yaml")
	assert.Equal(t, exitUsage, code)

	// One bad file among good ones makes the whole run bad input.
	code, _, _ = cli(t, "", "run", "testdata/run/failing.yaml", "testdata/run/typo.yaml")
	assert.Equal(t, exitUsage, code)
}

func TestRunJSON(t *testing.T) {
	code, out, _ := cli(t, "", "run", "testdata/run/failing.yaml", "--json")
	assert.Equal(t, exitFail, code)
	var one struct {
		Name     string `json:"name"`
		Passed   bool   `json:"passed"`
		Failures int    `json:"failures"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &one))
	assert.Equal(t, "Failing on purpose", one.Name)
	assert.False(t, one.Passed)
	assert.Equal(t, 1, one.Failures)
	_, again, _ := cli(t, "", "run", "testdata/run/failing.yaml", "--json")
	assert.Equal(t, out, again, "the same scenario gives the same bytes")

	code, out, _ = cli(t, "", "run", "testdata/run/failing.yaml", "../../scenarios/whatif-changes-nothing.yaml", "--json")
	assert.Equal(t, exitFail, code)
	var got struct {
		Passed    bool `json:"passed"`
		Scenarios []struct {
			Name     string `json:"name"`
			Failures int    `json:"failures"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.False(t, got.Passed)
	require.Len(t, got.Scenarios, 2)
	assert.Equal(t, "Failing on purpose", got.Scenarios[0].Name)
	assert.Equal(t, 1, got.Scenarios[0].Failures)
	assert.Equal(t, 0, got.Scenarios[1].Failures)
}

func TestRunRecord(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/run/failing.yaml")
	require.NoError(t, err)
	abs, err := filepath.Abs("../../scenarios/topologies/lync2013-pair.yaml")
	require.NoError(t, err)
	src = bytes.Replace(src, []byte("../../../../scenarios/topologies/lync2013-pair.yaml"), []byte(filepath.ToSlash(abs)), 1)
	p := filepath.Join(dir, "s.yaml")
	require.NoError(t, os.WriteFile(p, src, 0o644))

	code, _, errs := cli(t, "", "run", p, "--record")
	assert.Equal(t, exitFail, code, "the run that records still reports the failure")
	assert.Contains(t, errs, "recorded 1 values")
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Contains(t, string(got), "chi-pool-01.contoso.com: {poolState: FailedOver}   # wrong: it is FailedOver\n")

	code, out, _ := cli(t, "", "run", p)
	assert.Equal(t, exitOK, code, out)
}

func TestRunLibrary(t *testing.T) {
	code, out, errs := cli(t, "", "run", "--library")
	assert.Equal(t, exitOK, code, errs)
	assert.Regexp(t, `(?m)^(\d+) of (\d+) scenarios passed$`, out)
	assert.NotContains(t, out, "FAIL  ")
}

func TestTrainPipedInput(t *testing.T) {
	drill := "../../scenarios/training-beginner-planned-failover.yaml"
	good := "Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com\nInvoke-CsPoolFailBack -PoolFqdn chi-pool-01.contoso.com\n"
	code, out, errs := cli(t, good, "train", drill)
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "Score: 100/100 (passed")
	testkit.Golden(t, "testdata/train/beginner-good.txt", out)

	bad := "hint\nInvoke-CsPoolFailOver -PoolFqdn red-pool-01.contoso.com\nInvoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -DisasterMode\nskip\n"
	code, out, _ = cli(t, bad, "train", drill)
	assert.Equal(t, exitFail, code)
	testkit.Golden(t, "testdata/train/beginner-bad.txt", out)

	code, out, _ = cli(t, good, "train", drill, "--json")
	assert.Equal(t, exitOK, code)
	var s struct {
		Points int  `json:"points"`
		Passed bool `json:"passed"`
	}
	require.NoError(t, json.Unmarshal([]byte(out[strings.Index(out, "\n{")+1:]), &s))
	assert.Equal(t, 100, s.Points)

	code, _, errs = cli(t, "", "train", "../../scenarios/whatif-changes-nothing.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "has no trainee steps")

	code, out, _ = cli(t, good, "train", "--library", "training-beginner-planned-failover.yaml")
	assert.Equal(t, exitOK, code, out)
}

func TestValidateScenario(t *testing.T) {
	code, out, errs := cli(t, "", "validate", "../../scenarios/site-loss.yaml")
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "../../scenarios/site-loss.yaml: scenario; 0 errors")

	code, out, _ = cli(t, "", "validate", "testdata/run/typo.yaml")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, out, "testdata/run/typo.yaml:11:35: error FW0902 steps[0].expect.pools[chi-pool-01.contoso.com].helth: unknown key \"helth\"; did you mean \"health\"?\n  fix: write health\n")

	code, _, _ = cli(t, "", "validate", "--strict", "../../scenarios/backup-pool-too-small.yaml")
	assert.Equal(t, exitFail, code, "strict validation makes the undersized pair an error")
}
