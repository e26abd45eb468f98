package analysis

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// TestBackEndWithoutWitness checks the rule for SQL mirroring without a witness (FACTS §9):
// the mirror does not take over, so losing the principal of the CMS pool's back end ends, once
// the Front Ends' grace has run out, with the pool down, its users failed over to the backup
// pool by failwright's plan and the CMS failed over, with the data of the last sync interval
// lost (or everything since the failure when the link stopped the Backup Service); the model and the simulator agree on
// every failure set of the back end, and losing only the mirror changes nothing.
func TestBackEndWithoutWitness(t *testing.T) {
	data, err := os.ReadFile("testdata/topologies/mirror-no-witness.yaml")
	require.NoError(t, err)
	topo, fs := topology.Decode("mirror-no-witness.yaml", data)
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
		{"principal: no automatic failover, the pool stops after the grace", FailureSet{principal}, CMSFailedOver, ServiceBackup, 39*time.Minute + 23*time.Second, 119 * time.Second},
		{"principal and the link: the Backup Service stopped at the failure", FailureSet{principal, link}, CMSFailedOver, ServiceBackup, 39*time.Minute + 23*time.Second, 31*time.Minute + 59*time.Second},
		{"principal and mirror", FailureSet{principal, mirror}, CMSFailedOver, ServiceBackup, 39*time.Minute + 23*time.Second, 119 * time.Second},
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
}
