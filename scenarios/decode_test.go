package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"failwright/engine/topofile"
	"failwright/engine/topology"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// diskResolver reads files relative to the package directory, as the CLI does relative to the
// working directory.
func diskResolver(p string) ([]byte, error) { return os.ReadFile(filepath.FromSlash(p)) }

const head = `name: t
description: d
audience: architect
level: beginner
topology: topologies/litwareinc.yaml
steps:
`

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  string // the first error, as Finding.String prints it
		count int    // how many errors
	}{
		{"typo in a key", head + "  - at: 0s\n    expect:\n      pools:\n        atl-cs-001.litwareinc.com: {poolstate: Active}\n",
			`s.yaml:10:37: error FW0902 steps[0].expect.pools[atl-cs-001.litwareinc.com].poolstate: unknown key "poolstate"; did you mean "poolState"?`, 1},
		{"typo in a top-level key", strings.Replace(head, "level:", "levle:", 1) + "  - run: Get-CsPool\n",
			`s.yaml:4:1: error FW0902 levle: unknown key "levle"; did you mean "level"?`, 1},
		{"bad duration", head + "  - at: 5 minutes\n    run: Get-CsPool\n",
			`s.yaml:7:9: error FW0905 steps[0].at: bad duration "5 minutes" for at: not a duration`, 1},
		{"duration without unit", head + "  - at: 5\n    run: Get-CsPool\n",
			`s.yaml:7:9: error FW0905 steps[0].at: bad duration "5" for at: a number needs a unit (s, m or h)`, 1},
		{"unknown pool", head + "  - expect:\n      pools:\n        atl-cs-01.litwareinc.com: {health: Up}\n",
			`s.yaml:9:9: error FW0908 steps[0].expect.pools[atl-cs-01.litwareinc.com]: unknown pool "atl-cs-01.litwareinc.com": the topology has no such pool (did you mean "atl-cs-001.litwareinc.com"?)`, 1},
		{"mode that does not exist", head + "  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {users: FailedOver}\n",
			`s.yaml:9:44: error FW0909 steps[0].expect.pools[atl-cs-001.litwareinc.com].users: users "FailedOver" does not exist; it is one of Home, Backup, Resiliency, SignedOut`, 1},
		{"served by a pool that cannot serve", head + "  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {servedBy: atl-edge-001.litwareinc.com}\n",
			`s.yaml:9:47: error FW0909 steps[0].expect.pools[atl-cs-001.litwareinc.com].servedBy: users of atl-cs-001.litwareinc.com can never be served by atl-edge-001.litwareinc.com: only by their home pool or its backup pool (dfw-cs-001.litwareinc.com)`, 1},
		{"more users than the pool homes", head + "  - expect:\n      pools:\n        dfw-cs-001.litwareinc.com: {users: {Home: 18001}}\n",
			`s.yaml:9:51: error FW0909 steps[0].expect.pools[dfw-cs-001.litwareinc.com].users.Home: dfw-cs-001.litwareinc.com homes 18000 users: 18001 can never be in Home mode`, 1},
		{"branch users in backup mode", head + "  - expect:\n      branches:\n        sav-sba-01.litwareinc.com: {users: Backup}\n",
			`s.yaml:9:44: error FW0909 steps[0].expect.branches[sav-sba-01.litwareinc.com].users: users of branch sav-sba-01.litwareinc.com can never be in Backup mode: branch users get no pool failover`, 1},
		{"backup direction that does not exist", head + "  - expect:\n      backup:\n        - {from: dfw-cs-001.litwareinc.com, to: dfw-cs-001.litwareinc.com, state: SteadyState}\n",
			`s.yaml:9:49: error FW0909 steps[0].expect.backup[0].to: there is no Backup Service direction from dfw-cs-001.litwareinc.com to dfw-cs-001.litwareinc.com: dfw-cs-001.litwareinc.com's backup pool is atl-cs-001.litwareinc.com`, 1},
		{"error before any command", head + "  - expect:\n      error: none\n",
			`s.yaml:8:7: error FW0909 steps[0].expect.error: steps[0].expect.error checks the previous command, but no command runs before it`, 1},
		{"steps out of order", head + "  - at: 5m\n    run: Get-CsPool\n  - at: 1m\n    run: Get-CsPool\n",
			`s.yaml:9:9: error FW0907 steps[1].at: step at 1m0s comes before the previous step at 5m0s; steps must be in time order`, 1},
		{"step that does nothing", head + "  - at: 5m\n    note: hello\n",
			`s.yaml:7:5: error FW0912 steps[0]: steps[0] does nothing: it needs run, expect or trainee`, 1},
		{"cms on a pool it cannot reach", head + "  - expect:\n      cms: {activePool: atl-edge-001.litwareinc.com}\n",
			`s.yaml:8:25: error FW0909 steps[0].expect.cms.activePool: atl-edge-001.litwareinc.com is an Edge pool: it homes no users`, 1},
		{"unknown state", head + "  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {poolState: FailedBack}\n",
			`s.yaml:9:48: error FW0909 steps[0].expect.pools[atl-cs-001.litwareinc.com].poolState: poolState "FailedBack" does not exist; it is one of Active, FailingOver, FailedOver, FailingBack (did you mean "FailingBack"?)`, 1},
		{"missing topology file", strings.Replace(head, "litwareinc", "nowhere", 1) + "  - run: Get-CsPool\n",
			`s.yaml:5:11: error FW0910 topology: cannot read topology "topologies/nowhere.yaml": open topologies/nowhere.yaml: no such file or directory`, 1},
		{"syntax error", head + "  - run: [Get-CsPool\n",
			`s.yaml:7:10: error FW0901: invalid YAML: did not find expected ',' or ']'`, 1},
		{"duplicate key", head + "  - run: Get-CsPool\n    run: Get-CsPool\n",
			`s.yaml:8:5: error FW0911: duplicate key: mapping key "run" already defined at [7:5]`, 1},
		{"accept pattern the shell cannot bind", head + "  - trainee:\n      prompt: go\n      accept: Invoke-CsPoolFailOver -PoolFqdn x -Bogus\n      solution: [Get-CsPool]\n",
			`s.yaml:9:15: error FW0906 steps[0].trainee.accept[0]: A parameter cannot be found that matches parameter name 'Bogus'.`, 1},
		{"trainee without solution", head + "  - trainee:\n      prompt: go\n      accept: Invoke-CsPoolFailOver -PoolFqdn x\n",
			`s.yaml:8:7: error FW0903 steps[0].trainee: steps[0].trainee has no solution (the model answer the runner plays)`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := Decode("s.yaml", []byte(tt.src), diskResolver)
			var errs []string
			for _, f := range fs {
				if f.Severity == "error" {
					errs = append(errs, f.String())
				}
			}
			require.NotEmpty(t, errs, "no error for:\n%s", tt.src)
			assert.Equal(t, tt.want, errs[0])
			assert.Len(t, errs, tt.count, "errors: %v", errs)
		})
	}
}

func TestDecodeValid(t *testing.T) {
	src := head + `  - at: 0s
    run: Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com
    expect:
      error: none
      pools:
        atl-cs-001.litwareinc.com: {health: Down, users: {Resiliency: all, Home: 0}}
      cms: {activePool: atl-cs-001.litwareinc.com, available: false}
      backup:
        - {from: atl-cs-001.litwareinc.com, to: dfw-cs-001.litwareinc.com, state: SteadyState, backlog: "<= 2m"}
      rto: 30m
  - at: 1h
    expect:
      dataLoss: {atl-cs-001.litwareinc.com: 5m}
`
	sc, fs := Decode("s.yaml", []byte(src), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	require.Len(t, sc.Steps, 2)
	assert.Equal(t, "Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com", sc.Steps[0].Run)
	var paths []string
	for _, e := range sc.Steps[0].Expect {
		paths = append(paths, e.Path)
	}
	assert.Equal(t, []string{
		"steps[0].expect.error",
		"steps[0].expect.pools[atl-cs-001.litwareinc.com].health",
		"steps[0].expect.pools[atl-cs-001.litwareinc.com].users.Resiliency",
		"steps[0].expect.pools[atl-cs-001.litwareinc.com].users.Home",
		"steps[0].expect.cms.activePool",
		"steps[0].expect.cms.available",
		"steps[0].expect.backup[atl-cs-001.litwareinc.com->dfw-cs-001.litwareinc.com].state",
		"steps[0].expect.backup[atl-cs-001.litwareinc.com->dfw-cs-001.litwareinc.com].backlog",
		"steps[0].expect.rto",
	}, paths)
	assert.Equal(t, "1h0m0s", sc.Steps[1].At.String())
	assert.True(t, sc.Steps[1].Expect[0].AtEnd)
}

func TestDecodeJSON(t *testing.T) {
	src := `{"name": "JSON", "description": "A scenario written as JSON.", "audience": "operator", "level": "beginner",
 "topology": "topologies/lync2013-pair.yaml",
 "steps": [{"at": "0s", "run": "Stop-SimPool -PoolFqdn chi-pool-01.contoso.com",
            "expect": {"pools": {"chi-pool-01.contoso.com": {"health": "Down", "users": {"Home": 7}}}}}]}`
	sc, fs := Decode("s.json", []byte(src), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	require.Len(t, sc.Steps, 1)
	rep, err := Run(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	require.Len(t, rep.Failed(), 1)
	assert.Equal(t, "FAIL  s.json:4:98: steps[0].expect.pools[chi-pool-01.contoso.com].users.Home: expected 7, found 0", rep.Failed()[0].String())
}

func TestLabel(t *testing.T) {
	assert.Equal(t, "pools[atl.litwareinc.com]", label("steps[0].expect.pools[atl.litwareinc.com]"))
	assert.Equal(t, "users", label("steps[0].expect.pools[a.b].users"))
	assert.Equal(t, "rto[dfw.x.com]", label("steps[0].expect.rto[dfw.x.com]"))
	assert.Equal(t, "scenario", label(""))
	assert.Equal(t, "seed", label("seed"))
}

// TestDecodeYAMLDirective checks that a %YAML directive before the document is not taken for
// a second document.
func TestDecodeYAMLDirective(t *testing.T) {
	src := "%YAML 1.2\n---\n" + head + "  - at: 0s\n    run: Get-SimState\n"
	sc, fs := Decode("d.yaml", []byte(src), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	require.Len(t, sc.Steps, 1)
}

// TestDecodeFlatMapping checks that a scenario file holding a flat mapping of 60,000 keys
// (about 870 KB, under the size limit) is refused with a bounded report rather than
// exhausting time, memory or the stack: the YAML parser does not recurse per key, and the
// decoder stops after topofile.MaxDecodeFindings findings, as the topology decoder does.
func TestDecodeFlatMapping(t *testing.T) {
	sc, fs := Decode("flat.yaml", flatMapping(60000), nil)
	require.NotNil(t, sc)
	require.Len(t, fs, topofile.MaxDecodeFindings)
	assert.Equal(t, `flat.yaml:1:1: error FW0902 k00000: unknown key "k00000"`, fs[0].String())
	last := fs[len(fs)-1]
	assert.Equal(t, topology.CodeTooMany, last.Code)
	assert.Equal(t, "too many errors: decoding stopped after 99", last.Message)
}

// flatMapping is a mapping of n keys on one level.
func flatMapping(n int) []byte {
	var b []byte
	for i := range n {
		b = fmt.Appendf(b, "k%05d: v%d\n", i, i)
	}
	return b
}
