package scenarios

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// decodeFile decodes a scenario from testdata (or the library) the way the CLI does.
func decodeFile(t *testing.T, name string) *Scenario {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(name))
	require.NoError(t, err)
	sc, fs := Decode(name, data, diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	return sc
}

func TestRunFake(t *testing.T) {
	sc := decodeFile(t, "testdata/fake-disaster.yaml")
	rep, err := Run(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	assert.True(t, rep.Passed, "%s", rep.Text(TextOptions{}))
	assert.Equal(t, 0, rep.Failures)
	assert.Equal(t, 14, rep.Checks)
	testkit.Golden(t, "testdata/fake-disaster.report.txt", rep.Text(TextOptions{Output: true}))
	testkit.Golden(t, "testdata/fake-disaster.report.json", rep.JSON())
}

func TestRunDeterministic(t *testing.T) {
	sc := decodeFile(t, "testdata/fake-disaster.yaml")
	a, err := Run(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	b, err := Run(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	assert.Equal(t, string(a.JSON()), string(b.JSON()))
	assert.Equal(t, string(a.Text(TextOptions{Output: true})), string(b.Text(TextOptions{Output: true})))
}

func TestRunReportsFailuresWithPositions(t *testing.T) {
	src := head + `  - at: 0s
    run: Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com
    expect:
      pools:
        atl-cs-001.litwareinc.com: {health: Up, users: {Home: all}}
      error: SomethingElse
  - at: 1h
    expect:
      rto: 10m
`
	sc, fs := Decode("s.yaml", []byte(src), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	rep, err := Run(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	assert.False(t, rep.Passed)
	var got []string
	for _, c := range rep.Failed() {
		got = append(got, c.String())
	}
	assert.Equal(t, []string{
		"FAIL  s.yaml:11:45: steps[0].expect.pools[atl-cs-001.litwareinc.com].health: expected Up, found Down",
		"FAIL  s.yaml:11:63: steps[0].expect.pools[atl-cs-001.litwareinc.com].users.Home: expected all, found 0",
		"FAIL  s.yaml:12:14: steps[0].expect.error: expected SomethingElse, found none",
		"FAIL  s.yaml:15:12: steps[1].expect.rto: expected 10m0s, found not restored (atl-cs-001.litwareinc.com)",
	}, got)
}
