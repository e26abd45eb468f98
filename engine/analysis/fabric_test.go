package analysis

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStrandedUsers checks that both evaluators count the users of routing groups in quorum
// loss while their pool runs (quorum.LostGroups, with the simulator's placement): on the
// litwareinc sample, stopping two of dfw-cs-001's four servers leaves the pool up (2 of 4 with
// its primary SQL database as witness) but two replicas of some routing groups down, and their
// users without full service; the CMS pool atl-cs-001 in the same state goes down when its
// back end runs on the mirror, the witness being gone, and its users are failed over.
func TestStrandedUsers(t *testing.T) {
	topo := loadSample(t, "litwareinc.yaml")
	m, err := NewModel(topo)
	require.NoError(t, err)
	ev, err := NewSimEvaluator(topo)
	require.NoError(t, err)
	srv := func(name, pool string) Element { return Element{Kind: KindServer, Name: name, Pool: pool} }
	const atl, dfw = "atl-cs-001.litwareinc.com", "dfw-cs-001.litwareinc.com"
	tests := []struct {
		name     string
		set      FailureSet
		pool     int
		service  Service
		unserved int
	}{
		{"one server strands no one", FailureSet{srv("dfw-fe-03.litwareinc.com", dfw)}, 1, ServiceHome, 0},
		{"two servers strand five of nine groups", FailureSet{srv("dfw-fe-03.litwareinc.com", dfw), srv("dfw-fe-04.litwareinc.com", dfw)}, 1, ServiceHome, 10000},
		{"two other servers", FailureSet{srv("dfw-fe-01.litwareinc.com", dfw), srv("dfw-fe-03.litwareinc.com", dfw)}, 1, ServiceHome, -1},
		{"half of the CMS pool with its witness", FailureSet{srv("atl-fe-03.litwareinc.com", atl), srv("atl-fe-04.litwareinc.com", atl)}, 0, ServiceHome, -1},
		{"half of the CMS pool on the mirror", FailureSet{srv("atl-fe-03.litwareinc.com", atl), srv("atl-fe-04.litwareinc.com", atl), {Kind: KindBackEnd, Name: atl}}, 0, ServiceBackup, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mo := m.Evaluate(tc.set)
			require.Equal(t, ev.Evaluate(tc.set), mo, "model and simulator disagree")
			po := mo.Pools[tc.pool]
			assert.Equal(t, tc.service, po.Service)
			if tc.unserved >= 0 {
				assert.Equal(t, tc.unserved, po.Unserved)
			} else {
				assert.Positive(t, po.Unserved, "some routing groups lose two replicas")
			}
		})
	}
}
