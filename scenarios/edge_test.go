package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// edgeSteps loses the Atlanta Edge pool, which carries federation and Atlanta's media, and
// checks external access before and after; wrong marks the values the test breaks on purpose.
const edgeSteps = `  - at: 0s
    expect:
      edge: {remoteAccess: true, federation: true, federationPool: atl-edge-001.litwareinc.com, working: [atl-edge-001.litwareinc.com, dfw-edge-001.litwareinc.com], mediaStopped: none}
      pools:
        atl-edge-001.litwareinc.com: {externalAccess: true, federationRoute: true}
        atl-cs-001.litwareinc.com: {mediaEdge: atl-edge-001.litwareinc.com, serversDrained: 0}
  - at: 1m
    run: Stop-SimEdgePool -PoolFqdn atl-edge-001.litwareinc.com
    expect:
      edge: {remoteAccess: true, federation: false, federationPool: atl-edge-001.litwareinc.com, working: [dfw-edge-001.litwareinc.com], mediaStopped: [atl-cs-001.litwareinc.com]}
      pools:
        atl-edge-001.litwareinc.com: {externalAccess: false, federationRoute: true}
        dfw-edge-001.litwareinc.com: {externalAccess: true, federationRoute: false}
        atl-cs-001.litwareinc.com: {mediaEdge: atl-edge-001.litwareinc.com}
  - at: 2m
    run: Move-SimFederationRoute -PoolFqdn dfw-edge-001.litwareinc.com
    expect:
      edge: {federation: true, federationPool: dfw-edge-001.litwareinc.com}
  - at: 3m
    run: Set-CsRegistrar -Identity Registrar:atl-cs-001.litwareinc.com -EdgeServer EdgeServer:dfw-edge-001.litwareinc.com
    expect:
      edge:
        mediaStopped: []
      pools:
        atl-cs-001.litwareinc.com: {mediaEdge: dfw-edge-001.litwareinc.com}
  - at: 4m
    run: Invoke-CsComputerFailOver -ComputerName dfw-fe-04.litwareinc.com
    expect:
      pools:
        dfw-cs-001.litwareinc.com: {serversDrained: 1, serversUp: 3}
`

func TestEdgeExpectations(t *testing.T) {
	sc, fs := Decode("s.yaml", []byte(head+edgeSteps), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	rep, err := Run(sc, Options{})
	require.NoError(t, err)
	for _, c := range rep.Failed() {
		t.Log(c)
	}
	require.True(t, rep.Passed)
	assert.Equal(t, 25, rep.Checks)
}

func TestEdgeExpectationsRecord(t *testing.T) {
	wrong := strings.NewReplacer(
		"remoteAccess: true, federation: false", "remoteAccess: false, federation: true",
		"working: [dfw-edge-001.litwareinc.com]", "working: [atl-edge-001.litwareinc.com]",
		"mediaStopped: [atl-cs-001.litwareinc.com]", "mediaStopped: none",
		"{serversDrained: 1, serversUp: 3}", "{serversDrained: 0, serversUp: 3}",
		"{mediaEdge: dfw-edge-001.litwareinc.com}", "{mediaEdge: atl-edge-001.litwareinc.com}",
	).Replace(edgeSteps)
	require.NotEqual(t, edgeSteps, wrong)
	sc, fs := Decode("s.yaml", []byte(head+wrong), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	rep, err := Run(sc, Options{})
	require.NoError(t, err)
	assert.Equal(t, 6, rep.Failures)
	res := Record(sc, rep)
	assert.Empty(t, res.Skipped)
	assert.Equal(t, head+edgeSteps, string(res.Source), "recording restores what the simulator shows")
}

func TestEdgeExpectationErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"federation pool that is not an Edge pool", "  - expect:\n      edge: {federationPool: atl-cs-001.litwareinc.com}\n",
			`s.yaml:8:30: error FW0909 steps[0].expect.edge.federationPool: atl-cs-001.litwareinc.com is a FrontEndEnterprise pool, not an Edge pool`},
		{"unknown Edge pool", "  - expect:\n      edge: {working: [atl-edge-01.litwareinc.com]}\n",
			`s.yaml:8:24: error FW0908 steps[0].expect.edge.working[0]: unknown pool "atl-edge-01.litwareinc.com": the topology has no such pool (did you mean "atl-edge-001.litwareinc.com"?)`},
		{"media stopped for an Edge pool", "  - expect:\n      edge: {mediaStopped: [dfw-edge-001.litwareinc.com]}\n",
			`s.yaml:8:29: error FW0909 steps[0].expect.edge.mediaStopped[0]: dfw-edge-001.litwareinc.com is an Edge pool: it homes no users`},
		{"unknown key", "  - expect:\n      edge: {remoteAcess: true}\n",
			`s.yaml:8:14: error FW0902 steps[0].expect.edge.remoteAcess: unknown key "remoteAcess"; did you mean "remoteAccess"?`},
		{"external access of a Front End pool", "  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {externalAccess: true}\n",
			`s.yaml:9:37: error FW0909 steps[0].expect.pools[atl-cs-001.litwareinc.com].externalAccess: atl-cs-001.litwareinc.com is an FrontEndEnterprise pool: it has no externalAccess`},
		{"media Edge of an Edge pool", "  - expect:\n      pools:\n        atl-edge-001.litwareinc.com: {mediaEdge: dfw-edge-001.litwareinc.com}\n",
			`s.yaml:9:39: error FW0909 steps[0].expect.pools[atl-edge-001.litwareinc.com].mediaEdge: atl-edge-001.litwareinc.com is an Edge pool: it has no mediaEdge`},
		{"more drained servers than the pool has", "  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {serversDrained: 5}\n",
			`s.yaml:9:53: error FW0909 steps[0].expect.pools[atl-cs-001.litwareinc.com].serversDrained: atl-cs-001.litwareinc.com has 4 servers: 5 can never be drained`},
		{"no Edge pool in the topology", strings.Replace(head, "litwareinc", "lync2013-pair", 1) + "  - expect:\n      edge: {remoteAccess: true}\n",
			`s.yaml:8:7: error FW0909 steps[0].expect.edge: the topology has no Edge pool: there is no external access to check`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			if !strings.HasPrefix(src, "name:") {
				src = head + src // the Litware topology unless the case brings its own
			}
			_, fs := Decode("s.yaml", []byte(src), diskResolver)
			var errs []string
			for _, f := range fs {
				if f.Severity == "error" {
					errs = append(errs, f.String())
				}
			}
			require.NotEmpty(t, errs)
			assert.Equal(t, tt.want, errs[0])
		})
	}
}
