package analysis

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topofile"
)

// TestBackEndWithoutWitness checks the rule for SQL mirroring without a witness (FACTS §9):
// the mirror does not take over by itself, so failwright's recovery from losing the principal of
// the CMS pool's back end is the database failover to the mirror (Invoke-CsDatabaseFailover)
// within the Front Ends' grace: the users keep full service and the CMS answers, even when the
// link to the backup pool is cut as well; the plan the plan builder makes for that failure is
// that database failover, with no outage and no data lost. Only when the mirror is lost too
// does the pool stop once the grace runs out, its users are failed over to the backup pool and
// the CMS is failed over. The model and the simulator agree on every failure set of the back
// end, and losing only the mirror changes nothing.
func TestBackEndWithoutWitness(t *testing.T) {
	data, err := os.ReadFile("testdata/topologies/mirror-no-witness.yaml")
	require.NoError(t, err)
	topo, fs := topofile.Decode("mirror-no-witness.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	m, err := NewModel(topo)
	require.NoError(t, err)
	ev, err := NewSimEvaluator(topo)
	require.NoError(t, err)
	const chi = "chi-pool-01.contoso.com"
	principal, mirror := Element{Kind: KindBackEnd, Name: chi}, Element{Kind: KindMirror, Name: chi}
	var link Element
	for _, e := range m.x.elems {
		if e.Kind == KindLink {
			link = e
		}
	}
	require.Equal(t, KindLink, link.Kind, "the topology has a link between its sites")
	tests := []struct {
		name    string
		set     FailureSet
		cms     CMSState
		service Service
		rto     time.Duration
		loss    time.Duration
	}{
		{"principal: failwright fails the databases over to the mirror", FailureSet{principal}, CMSAvailable, ServiceHome, 0, 0},
		{"principal and the link: the database failover needs no link", FailureSet{principal, link}, CMSAvailable, ServiceHome, 0, 0},
		{"principal and mirror: the pool stops after the grace and is failed over", FailureSet{principal, mirror}, CMSFailedOver, ServiceBackup, 19*time.Minute + 23*time.Second, 119 * time.Second},
		{"mirror only: the principal keeps serving", FailureSet{mirror}, CMSAvailable, ServiceHome, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mo := m.Evaluate(tc.set)
			require.Equal(t, ev.Evaluate(tc.set), mo, "model and simulator disagree")
			assert.Equal(t, tc.cms, mo.CMS)
			p := m.x.pools[1]
			require.Equal(t, chi, p.fqdn)
			assert.True(t, p.manualBE)
			assert.Equal(t, tc.service, mo.Pools[1].Service)
			assert.Equal(t, tc.rto, mo.Pools[1].RTO)
			assert.Equal(t, tc.loss, mo.Pools[1].DataLoss)
		})
	}
	// The plan for the principal's loss is the database failover, and predicts the model's
	// figures.
	p, fs := plan.Build(topo, plan.Request{Pool: chi, Mode: plan.Disaster, Setup: FailureSet{principal}.Setup()})
	require.NotNil(t, p, "%v", fs)
	require.GreaterOrEqual(t, len(p.Steps), 2)
	assert.Equal(t, "db-failover", p.Steps[1].ID)
	assert.Zero(t, p.Prediction.RTO.Std())
	assert.Zero(t, p.Prediction.DataLoss.Std())
}
