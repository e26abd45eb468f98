package analysis

import (
	"runtime"
	"testing"
	"time"

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

// TestFaultOfIsSetup: the simulator verb of each kind of element writes the element's Setup
// line, and the strike line is the Wait-SimTime the analysis has always written.
func TestFaultOfIsSetup(t *testing.T) {
	for _, e := range []Element{
		{Kind: KindServer, Name: "atl-fe-01.litwareinc.com"},
		{Kind: KindPool, Name: "atl-cs-001.litwareinc.com"},
		{Kind: KindSite, Name: "O'Hare"},
		{Kind: KindEdge, Name: "atl-edge-001.litwareinc.com"},
		{Kind: KindBackEnd, Name: "atl-cs-001.litwareinc.com"},
		{Kind: KindMirror, Name: "atl-cs-001.litwareinc.com"},
		{Kind: KindLink, Name: "Atlanta", To: "Dallas \u2019s"},
	} {
		f := faultOf(e)
		require.NotNil(t, f, "%v", e)
		assert.Equal(t, e.Setup(), f.Line(), "%v", e)
	}
	assert.Nil(t, faultOf(Element{Kind: Kind(200)}))
	assert.Equal(t, "Wait-SimTime -Duration 00:01:59", strikeLine(119*time.Second))
	assert.Equal(t, "Wait-SimTime -Duration 00:00:00", strikeLine(0))
}
