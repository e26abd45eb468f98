package analysis

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"failwright/engine/plan"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// TestModelMatchesSimulator checks that the analysis's model reproduces what the simulator and
// the plan builder do with a failure set: for every single failure and a sample of pairs on
// random small topologies, every figure of every pool agrees, the recovery time and the
// data-loss window of each pool included.
func TestModelMatchesSimulator(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		topo := genTopology(rt)
		ev, err := NewSimEvaluator(topo)
		if err != nil {
			rt.Skip("the simulator refuses this topology: " + err.Error())
		}
		m, err := NewModel(topo)
		require.NoError(rt, err)
		els := m.x.elems
		sets := make([]FailureSet, 0, len(els)+20)
		for _, e := range els {
			sets = append(sets, FailureSet{e})
		}
		for k := 0; k < 20; k++ {
			i := rapid.IntRange(0, len(els)-1).Draw(rt, "i")
			j := rapid.IntRange(0, len(els)-1).Draw(rt, "j")
			if i != j {
				sets = append(sets, FailureSet{els[i], els[j]})
			}
		}
		for _, set := range sets {
			so, mo := ev.Evaluate(set), m.Evaluate(set)
			require.Equal(rt, so, mo, "model and simulator disagree on %s", set)
		}
	})
}

// TestModelMatchesPlan checks that the RTO and data-loss window the analysis reports for a
// pool are the ones `failwright plan --pool P --disaster` predicts for the same failure: for
// every single failure and pair of failures of the sample topologies and every pool they
// leave failed over, the plan built (and validated by simulation) from the failure's setup
// lines, struck one second before the Backup Service's first sync (Analyzer.StrikeLine),
// predicts the model's figures to the second.
func TestModelMatchesPlan(t *testing.T) {
	for _, name := range []string{"litwareinc.yaml", "lync2013-pair.yaml", "standard-pair.yaml", "sfb2019-16fe.yaml"} {
		t.Run(name, func(t *testing.T) {
			topo := loadSample(t, name)
			m, err := NewModel(topo)
			require.NoError(t, err)
			a, err := New(topo, Options{Depth: 1})
			require.NoError(t, err)
			checked := 0
			var sets []FailureSet
			for i, e := range m.x.elems {
				sets = append(sets, FailureSet{e})
				for _, f := range m.x.elems[i+1:] {
					sets = append(sets, FailureSet{e, f})
				}
			}
			for _, set := range sets {
				o := m.Evaluate(set)
				for i, po := range o.Pools {
					if po.Service != ServiceBackup {
						continue
					}
					setup := append([]string{a.StrikeLine()}, set.Setup()...)
					p, fs := plan.Build(topo, plan.Request{Pool: m.x.pools[i].fqdn, Mode: plan.Disaster, Setup: setup})
					require.NotNil(t, p, "no plan for %s after %s: %v", m.x.pools[i].fqdn, set, fs)
					assert.Equal(t, po.RTO.Round(time.Second), p.Prediction.RTO.Std(), "RTO of %s after %s", m.x.pools[i].fqdn, set)
					assert.Equal(t, po.DataLoss.Round(time.Second), p.Prediction.DataLoss.Std(), "data loss of %s after %s", m.x.pools[i].fqdn, set)
					checked++
				}
			}
			require.Positive(t, checked, "some failure is recovered by a failover")
			t.Logf("%d sets, %d pools failed over checked", len(sets), checked)
		})
	}
}

// TestGraceQuorumLoss checks a CMS pool whose back end has no high availability when one of its
// servers is lost with the back end: a two-server pool then runs on half of its servers without
// its primary SQL database, the witness of an even-sized pool (quorum.PoolFunctionalWitness),
// so it loses pool-level quorum at the failure and its plan starts then, with no grace; a
// three-server pool keeps its quorum and its users' service until the grace runs out, and its
// plan starts then. Either way the users are failed over with the same RTO and data loss as
// when the back end alone is lost. The model and the simulator agree.
func TestGraceQuorumLoss(t *testing.T) {
	for _, tc := range []struct {
		servers int
		downAt  bool // the pool is down at the failure
	}{
		{servers: 2, downAt: true},
		{servers: 3, downAt: false},
	} {
		t.Run(fmt.Sprintf("%d servers", tc.servers), func(t *testing.T) {
			topo := &topology.Topology{Name: "grace", SIPDomain: "contoso.com",
				Sites: []topology.Site{{Name: "Site1"}, {Name: "Site2"}}}
			for p := 1; p <= 2; p++ {
				pool := topology.Pool{FQDN: fmt.Sprintf("pool%d.contoso.com", p), Site: fmt.Sprintf("Site%d", p),
					Role: topology.FrontEndEnterprise, Version: topology.SfB2015, Users: 1000,
					BackEnd: &topology.BackEnd{FQDN: fmt.Sprintf("sql%d.contoso.com", p), HA: topology.HANone}}
				for s := 1; s <= tc.servers; s++ {
					pool.Servers = append(pool.Servers, topology.Server{FQDN: fmt.Sprintf("fe%d-%d.contoso.com", p, s)})
				}
				topo.Pools = append(topo.Pools, pool)
			}
			topo.Pools[0].BackupPool, topo.Pools[1].BackupPool = "pool2.contoso.com", "pool1.contoso.com"
			topo.CMS.Pool = "pool1.contoso.com"
			m, err := NewModel(topo)
			require.NoError(t, err)
			ev, err := NewSimEvaluator(topo)
			require.NoError(t, err)
			be := Element{Kind: KindBackEnd, Name: "pool1.contoso.com"}
			srv := Element{Kind: KindServer, Name: "fe1-1.contoso.com", Pool: "pool1.contoso.com"}
			alone, both := m.Evaluate(FailureSet{be}), m.Evaluate(FailureSet{srv, be})
			require.Equal(t, ev.Evaluate(FailureSet{be}), alone)
			require.Equal(t, ev.Evaluate(FailureSet{srv, be}), both)
			require.Equal(t, ServiceBackup, both.Pools[0].Service)
			assert.Equal(t, alone.Pools[0].RTO, both.Pools[0].RTO)
			assert.Equal(t, alone.Pools[0].DataLoss, both.Pools[0].DataLoss)
			st := ev.strike(FailureSet{srv, be})
			assert.Equal(t, tc.downAt, st.snap.Pools[0].Health == sim.HealthDown, "pool down at the failure")
			assert.Equal(t, !tc.downAt, st.grace == 0, "the plan waits for the grace")
		})
	}
}

// TestModelMatchesSimulatorWithParts checks the model against the simulator on a topology with
// the parts a pool failover does not bring back: every single failure, the parts' own
// elements included (struck by Stop-SimLoadBalancer, Stop-SimDnsProvider,
// Stop-SimPersistentChat and Stop-SimGateway), gives the same pools' outcome. The features are
// compared by TestFeaturesMatchSimulatorAfterFailure (right after the failure) and
// TestFeaturesMatchSimulatorAfterPlannedFailover (after a lost load balancer's recovery).
func TestModelMatchesSimulatorWithParts(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	ev, err := NewSimEvaluator(topo)
	require.NoError(t, err)
	m, err := NewModel(topo)
	require.NoError(t, err)
	for _, e := range m.x.elems {
		t.Run(e.String(), func(t *testing.T) {
			assert.Equal(t, ev.Evaluate(FailureSet{e}), m.Evaluate(FailureSet{e}))
		})
	}
}

// TestSimulatedFeatures checks that an analysis with the simulator as evaluator gives the same
// per-feature figures as the model's on a topology with the parts.
func TestSimulatedFeatures(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	ev, err := NewSimEvaluator(topo)
	require.NoError(t, err)
	sim, err := Analyze(topo, Options{Depth: 1, Evaluator: ev})
	require.NoError(t, err)
	model, err := Analyze(topo, Options{Depth: 1})
	require.NoError(t, err)
	require.NotEmpty(t, model.Features)
	assert.Equal(t, model.Features, sim.Features)
	assert.Equal(t, model.Findings, sim.Findings)
}
