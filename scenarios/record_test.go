package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecordRewritesFailedValuesInPlace(t *testing.T) {
	src := head + `  - at: 0s   # the failure
    run: Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com
    expect:
      pools:
        atl-cs-001.litwareinc.com: {health: Up, users: Home}   # wrong on purpose
        dfw-cs-001.litwareinc.com:
          users: {Home: 17000}
      error: "SomeError"
  - at: 1h
    run: Invoke-CsManagementServerFailover
  - at: 1h1m
    run: Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode
    expect:
      output: this text is not printed
      rto: 1m
`
	sc, fs := Decode("s.yaml", []byte(src), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	rep, err := Run(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	require.Equal(t, 6, rep.Failures)

	res := Record(sc, rep)
	got := string(res.Source)
	assert.Contains(t, got, "  - at: 0s   # the failure\n", "comments stay")
	assert.Contains(t, got, "atl-cs-001.litwareinc.com: {health: Down, users: Resiliency}   # wrong on purpose\n")
	assert.Contains(t, got, "users: {Home: 18000}\n")
	assert.Contains(t, got, `error: "none"`+"\n", "a quoted value stays quoted")
	assert.Contains(t, got, "rto: 1h16m0s\n")
	assert.Equal(t, []string{"steps[2].expect.output: output cannot be recorded"}, trimPos(res.Skipped))
	assert.Len(t, res.Updated, 5)

	// The recorded scenario passes, except for what could not be recorded.
	sc2, fs := Decode("s.yaml", res.Source, diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	rep2, err := Run(sc2, Options{NewEngine: newFake})
	require.NoError(t, err)
	assert.Equal(t, 1, rep2.Failures)
	assert.Equal(t, string(res.Source), string(Record(sc2, rep2).Source), "recording again changes nothing")
}

func trimPos(ss []string) []string {
	var out []string
	for _, s := range ss {
		if i := strings.Index(s, ": "); i >= 0 {
			s = s[i+2:]
		}
		out = append(out, s)
	}
	return out
}
