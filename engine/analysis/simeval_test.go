package analysis

import (
	"runtime"
	"testing"
	"time"

	"failwright/engine/sim"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestSimFastMatchesReference holds the composition rules to the simulator: with the
// simulator-backed evaluator, the fast analyzer's report equals the reference's on random
// small topologies (at most 4 Front End pools of at most 8 servers, which keeps the run short;
// the quorum's "first 7" line still falls inside an 8-server pool).
func TestSimFastMatchesReference(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("the simulator-backed reference takes over 10 s as WebAssembly; the same code is checked natively, and TestFastMatchesReference runs here")
	}
	rapid.Check(t, func(rt *rapid.T) {
		topo := genSized(rt, 4, 8)
		ev, err := NewSimEvaluator(topo)
		if err != nil {
			rt.Skip("the simulator refuses this topology: " + err.Error())
		}
		ref, err := Reference(topo, Options{Depth: 2, Evaluator: ev})
		require.NoError(rt, err)
		fast, err := Analyze(topo, Options{Depth: 2, Evaluator: ev})
		require.NoError(rt, err)
		require.Equal(rt, string(ref.JSON()), string(fast.JSON()))
	})
}

// TestElementSetup: each kind of element fails through its simulator verb, and the line the
// page shows and replays ("fail to worst case") is that verb's text, every name quoted.
func TestElementSetup(t *testing.T) {
	for _, c := range []struct {
		e    Element
		want string
	}{
		{Element{Kind: KindServer, Name: "atl-fe-01.litwareinc.com"}, "Stop-SimServer -Fqdn 'atl-fe-01.litwareinc.com'"},
		{Element{Kind: KindPool, Name: "atl-cs-001.litwareinc.com"}, "Stop-SimPool -PoolFqdn 'atl-cs-001.litwareinc.com'"},
		{Element{Kind: KindSite, Name: "O'Hare"}, "Stop-SimSite -Site 'O''Hare'"},
		{Element{Kind: KindEdge, Name: "atl-edge-001.litwareinc.com"}, "Stop-SimEdgePool -PoolFqdn 'atl-edge-001.litwareinc.com'"},
		{Element{Kind: KindBackEnd, Name: "atl-cs-001.litwareinc.com"}, "Stop-SimBackEnd -PoolFqdn 'atl-cs-001.litwareinc.com'"},
		{Element{Kind: KindMirror, Name: "atl-cs-001.litwareinc.com"}, "Stop-SimBackEnd -PoolFqdn 'atl-cs-001.litwareinc.com' -Mirror"},
		{Element{Kind: KindLink, Name: "Atlanta", To: "Dallas \u2019s"}, "Disconnect-SimSite -Site 'Atlanta' -To 'Dallas \u2019\u2019s'"},
		{Element{Kind: KindLoadBalancer, Name: "atl-hlb"}, "Stop-SimLoadBalancer -Name 'atl-hlb'"},
		{Element{Kind: KindDNSProvider, Name: "Atlanta GeoDNS"}, "Stop-SimDnsProvider -Name 'Atlanta GeoDNS'"},
		{Element{Kind: KindPersistentChat, Name: "atl-pchat-001.litwareinc.com"}, "Stop-SimPersistentChat -Fqdn 'atl-pchat-001.litwareinc.com'"},
		{Element{Kind: KindGateway, Name: "atl-gw-01.litwareinc.com"}, "Stop-SimGateway -Fqdn 'atl-gw-01.litwareinc.com'"},
	} {
		require.NotNil(t, c.e.Fault(), "%v", c.e)
		assert.Equal(t, c.want, c.e.Setup(), "%v", c.e)
		v, err := sim.ParseVerb(c.e.Setup())
		require.NoError(t, err, c.want)
		assert.Equal(t, c.e.Fault(), v, "the line reads back as the element's fault")
	}
	assert.Nil(t, Element{Kind: Kind(200)}.Fault())
	assert.Empty(t, Element{Kind: Kind(200)}.Setup())
	assert.Equal(t, "Wait-SimTime -Duration 00:01:59", strikeLine(119*time.Second))
	assert.Equal(t, "Wait-SimTime -Duration 00:00:00", strikeLine(0))
}
