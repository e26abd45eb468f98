package analysis

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/features"
	"failwright/engine/plan"
	"failwright/engine/topology"
)

// partsTopologies are the topologies with the parts a pool failover does not bring back that
// the parity tests run on.
func partsTopologies(t *testing.T) map[string]*topology.Topology {
	return map[string]*topology.Topology{
		"litwareinc.yaml":              loadSample(t, "litwareinc.yaml"),
		"whole-recovery.yaml":          loadSample(t, "whole-recovery.yaml"),
		"testdata/whole-recovery.yaml": loadTestTopology(t, "whole-recovery.yaml"),
	}
}

// TestPlannedFailoverMatchesPlan holds plannedFailoverTime to the plan builder: for every
// paired pool of the sample topologies, `failwright plan --pool P --planned`, struck at the
// analysis's moment and simulated, serves the pool's users from the backup pool exactly when
// the analysis says.
func TestPlannedFailoverMatchesPlan(t *testing.T) {
	names := []string{"litwareinc.yaml", "whole-recovery.yaml", "lync2013-pair.yaml", "sfb2019-16fe.yaml"}
	checked := 0
	for _, name := range names {
		topo := loadSample(t, name)
		m, err := NewModel(topo)
		require.NoError(t, err)
		for i, p := range m.x.pools {
			if p.partner < 0 || p.users == 0 {
				continue
			}
			pl, fs := plan.Build(topo, plan.Request{Pool: p.fqdn, Mode: plan.Planned, Setup: []string{strikeLine(m.x.strike)}})
			require.NotNil(t, pl, "%s %s: %v", name, p.fqdn, fs)
			var moved time.Duration = -1
			for _, pt := range pl.Prediction.Timeline {
				if pt.Backup > 0 {
					moved = pt.At.Std()
					break
				}
			}
			assert.Equal(t, hms(moved), hms(plannedFailoverTime(m.x, i)), "%s %s", name, p.fqdn)
			checked++
		}
	}
	require.Positive(t, checked)
}

// TestFeaturesMatchSimulatorAfterFailure holds the feature pass to the simulator right after
// each single failure of a part (a load balancer, a DNS provider hosted in sites, a Persistent
// Chat pool, a PSTN gateway): the simulator, struck by the element's verb and left for the
// registrar timers, gives every Front End pool's users the features the analysis judges before
// any recovery of the parts. (The pools' figures of the same sets are compared by
// TestModelMatchesSimulatorWithParts.)
func TestFeaturesMatchSimulatorAfterFailure(t *testing.T) {
	lacking := 0 // pools whose users lack a feature after the failure
	for name, topo := range partsTopologies(t) {
		ev, err := NewSimEvaluator(topo)
		require.NoError(t, err)
		x := ev.x
		spec := newFeatureSpec(x)
		sc := newFeatureScratch(spec)
		got := make([]features.Set, len(topo.Pools))
		for k, e := range x.elems {
			if e.Kind < KindLoadBalancer {
				continue
			}
			st := ev.strike(FailureSet{e})
			w := st.at.Clone()
			w.Advance(ev.wait)
			snap := w.Snapshot()
			sp := snapPools(&snap)
			evaluatorFor(x, Options{})([]int{k}, &sc.out)
			spec.fail(x, []int{k}, &sc.out, sc)
			spec.rules.Pools(&sc.st, got)
			for i, ti := range spec.feTopo {
				ps := sp[strings.ToLower(x.pools[i].fqdn)]
				require.NotNil(t, ps)
				assert.Equal(t, features.Of(ps.Features...).String(), got[ti].String(), "%s: %s, pool %s", name, e, x.pools[i].fqdn)
				if got[ti] != spec.apply[i] {
					lacking++
				}
			}
		}
	}
	require.Positive(t, lacking, "some part's loss takes a feature")
}

// TestFeaturesMatchSimulatorAfterPlannedFailover holds the recovery of a lost load balancer to
// the simulator: for every load balancer whose loss the analysis recovers by failing a pool
// over in planned mode, the plan builder's planned plan for that pool, simulated from the
// failure, brings meetings and external access back for its users when the analysis says (the
// simulator's per-feature RTO). The plan's manual steps (Response Groups, locations, Call
// Park) are not carried out by the simulator, so their waits are held to the plan's step
// durations by TestFeatureStepDurations instead.
func TestFeaturesMatchSimulatorAfterPlannedFailover(t *testing.T) {
	checked := 0
	for name, topo := range partsTopologies(t) {
		ev, err := NewSimEvaluator(topo)
		require.NoError(t, err)
		x := ev.x
		spec := newFeatureSpec(x)
		sc := newFeatureScratch(spec)
		for k, e := range x.elems {
			if e.Kind != KindLoadBalancer {
				continue
			}
			evaluatorFor(x, Options{})([]int{k}, &sc.out)
			var v featureVals
			spec.judge(x, []int{k}, &sc.out, sc, &v)
			for i, ti := range spec.feTopo {
				if !sc.planned[ti] {
					continue
				}
				p := x.pools[i].fqdn
				st := ev.strike(FailureSet{e})
				pl, fs := plan.ComposeSnapshot(topo, plan.Request{Pool: p, Mode: plan.Planned, Setup: st.setup}, st.snap)
				require.NotNil(t, pl, "%s %s: %v", name, p, fs)
				s := st.at.Clone()
				require.True(t, plan.Simulate(pl, s).Restored, "%s %s", name, p)
				rep := s.Report()
				for _, f := range []topology.Feature{topology.FeatureMeetings, topology.FeatureExternalAccess} {
					if spec.apply[i]&features.Of(f) == 0 {
						continue
					}
					want, ok := rep.FeatureRTO[f][p]
					require.True(t, ok, "%s %s: the simulator gives no RTO for %s", name, e, f)
					assert.Equal(t, hms(want), hms(sc.t0[ti]), "%s %s: %s of %s", name, e, f, p)
					checked++
				}
			}
		}
	}
	require.Positive(t, checked)
}
