package analysis

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// loadTestTopology reads testdata/topologies/name.
func loadTestTopology(tb testing.TB, name string) *topology.Topology {
	tb.Helper()
	data, err := os.ReadFile("testdata/topologies/" + name)
	require.NoError(tb, err)
	t, fs := topofile.Decode(name, data)
	require.False(tb, fs.HasErrors(), "decoding %s: %v", name, fs)
	return t
}

// featureFigures judges one failure set of t, named by its elements' String, and returns the
// users without each feature after recovery and those of them whose pool serves them.
func featureFigures(t *testing.T, topo *topology.Topology, names ...string) (lost, served map[topology.Feature]int) {
	t.Helper()
	x, err := newIndex(topo)
	require.NoError(t, err)
	spec := newFeatureSpec(x)
	require.NotNil(t, spec)
	var set []int
	for _, n := range names {
		k := -1
		for i, e := range x.elems {
			if e.String() == n {
				k = i
			}
		}
		require.GreaterOrEqual(t, k, 0, "no element %s", n)
		set = append(set, k)
	}
	ev := evaluatorFor(x, Options{})
	sc := newFeatureScratch(spec)
	ev(set, &sc.out)
	var v featureVals
	spec.judge(x, set, &sc.out, sc, &v)
	lost, served = map[topology.Feature]int{}, map[topology.Feature]int{}
	for k, f := range spec.reported {
		if v.lost[k] > 0 {
			lost[f] = v.lost[k]
		}
		if v.served[k] > 0 {
			served[f] = v.served[k]
		}
	}
	return lost, served
}

type feats = map[topology.Feature]int

// TestFeatureFigures checks the users without each feature after the recovery failwright
// plans, on whole-recovery.yaml (Atlanta 12,000 users, Dallas 8,000, Persistent Chat 2,000).
func TestFeatureFigures(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	tests := []struct {
		name   string
		set    []string
		lost   feats
		served feats
	}{
		{"nothing failed", nil, feats{}, feats{}},
		{"the Atlanta load balancer: Atlanta is failed over in planned mode to Dallas, whose web services answer",
			[]string{"load balancer atl-hlb"}, feats{}, feats{}},
		{"both load balancers: no pool's web services answer, nowhere to fail over to",
			[]string{"load balancer atl-hlb", "load balancer dfw-hlb"},
			feats{topology.FeatureMeetings: 20000, topology.FeatureExternalAccess: 20000},
			feats{topology.FeatureMeetings: 20000, topology.FeatureExternalAccess: 20000}},
		{"the Atlanta load balancer and the link: no Backup Service to Dallas, no planned failover",
			[]string{"link Atlanta-Dallas", "load balancer atl-hlb"},
			feats{topology.FeatureMeetings: 12000, topology.FeatureExternalAccess: 12000},
			feats{topology.FeatureMeetings: 12000, topology.FeatureExternalAccess: 12000}},
		{"the GeoDNS provider: nobody joins a meeting by the Meet URL",
			[]string{"DNS provider Litware GeoDNS"},
			feats{topology.FeatureMeetings: 20000}, feats{topology.FeatureMeetings: 20000}},
		{"the Atlanta pool: failed over, Response Groups, park and locations moved, Dialin re-pointed",
			[]string{"pool atl-cs-001.litwareinc.com"}, feats{}, feats{}},
		{"the Atlanta site: the GeoDNS provider runs there; chat fails over to Dallas, XMPP moves to Dallas's Edge",
			[]string{"site Atlanta"},
			feats{topology.FeatureMeetings: 20000}, feats{topology.FeatureMeetings: 20000}},
		{"Atlanta's gateway has no failover route",
			[]string{"PSTN gateway atl-gw-01.litwareinc.com"},
			feats{topology.FeaturePSTNCalls: 12000}, feats{topology.FeaturePSTNCalls: 12000}},
		{"Dallas's gateway fails over to Atlanta's", []string{"PSTN gateway dfw-gw-01.litwareinc.com"}, feats{}, feats{}},
		{"the Persistent Chat pool's servers", []string{"Persistent Chat pool atl-pchat-001.litwareinc.com"},
			feats{topology.FeaturePersistentChat: 2000}, feats{topology.FeaturePersistentChat: 2000}},
		{"the Atlanta Edge pool: XMPP moves to Dallas's", []string{"edge atl-edge-001.litwareinc.com"}, feats{}, feats{}},
		{"both Edge pools: no remote access and no XMPP",
			[]string{"edge atl-edge-001.litwareinc.com", "edge dfw-edge-001.litwareinc.com"},
			feats{topology.FeatureExternalAccess: 20000, topology.FeatureXMPPFederation: 20000},
			feats{topology.FeatureExternalAccess: 20000, topology.FeatureXMPPFederation: 20000}},
		{"the Dallas pool and Atlanta's load balancer: everyone on Atlanta's pool, its web services lost",
			[]string{"pool dfw-cs-001.litwareinc.com", "load balancer atl-hlb"},
			feats{topology.FeatureMeetings: 20000, topology.FeatureExternalAccess: 20000},
			feats{topology.FeatureMeetings: 20000, topology.FeatureExternalAccess: 20000}},
		{"both pools: everyone signed out, Persistent Chat without its next hop",
			[]string{"pool atl-cs-001.litwareinc.com", "pool dfw-cs-001.litwareinc.com"},
			feats{topology.FeatureIMPresence: 20000, topology.FeaturePeerCalls: 20000, topology.FeatureMeetings: 20000,
				topology.FeaturePSTNCalls: 20000, topology.FeatureExternalAccess: 20000, topology.FeatureResponseGroups: 12000,
				topology.FeatureEmergencyLocation: 12000, topology.FeaturePersistentChat: 2000, topology.FeatureXMPPFederation: 20000},
			feats{topology.FeaturePersistentChat: 2000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lost, served := featureFigures(t, topo, tt.set...)
			assert.Equal(t, tt.lost, lost, "users without each feature")
			assert.Equal(t, tt.served, served, "of them, users whose pool serves them")
		})
	}
}

// TestFeatureRTO checks the wait for each feature: after the Atlanta pool's failover, the
// failover, then the plan's manual steps in order (DNS, Response Groups, Call Park,
// locations); after the loss of Atlanta's load balancer, Atlanta's planned failover to Dallas
// (longer than the disaster-mode one: the CMS moves with the Normal parameter set, the
// Response Groups are exported first and the Backup Service reaches its final state), then the
// same steps, while IM and presence were never lost.
func TestFeatureRTO(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	r, err := Analyze(topo, Options{Depth: 1})
	require.NoError(t, err)
	m, err := NewModel(topo)
	require.NoError(t, err)
	failover := m.Evaluate(FailureSet{{Kind: KindPool, Name: "atl-cs-001.litwareinc.com"}}).Pools[0].RTO
	planned := plannedFailoverTime(m.x, 0)
	require.Greater(t, planned, failover)
	pool, lb := "pool atl-cs-001.litwareinc.com", "load balancer atl-hlb"
	want := map[topology.Feature][2]string{
		topology.FeatureIMPresence:        {hms(failover), pool},
		topology.FeatureMeetings:          {hms(planned), lb},
		topology.FeatureExternalAccess:    {hms(planned), lb},
		topology.FeatureResponseGroups:    {hms(planned + DNSChangeStep + RGSImportStep), lb},
		topology.FeaturePSTNCalls:         {hms(planned + DNSChangeStep + RGSImportStep + CallParkStep), lb},
		topology.FeatureEmergencyLocation: {hms(planned + DNSChangeStep + RGSImportStep + CallParkStep + LISRestoreStep), lb},
	}
	for _, f := range r.Features {
		w, ok := want[f.Feature]
		if !ok {
			continue
		}
		delete(want, f.Feature)
		rto := f.Levels[0].Worst[2]
		require.Equal(t, "rto", rto.Figure)
		assert.Equal(t, w[0], rto.Value, "%s", f.Feature)
		assert.Equal(t, []string{w[1]}, rto.Sets[0].Elements, "%s", f.Feature)
	}
	assert.Empty(t, want, "features the report does not list")
}

// TestFeatureGolden renders the depth-2 report of whole-recovery.yaml and holds the fast
// analyzer (parallel and step by step) to the reference on it.
func TestFeatureGolden(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	ref, err := Reference(topo, Options{Depth: 2})
	require.NoError(t, err)
	r, err := Analyze(topo, Options{Depth: 2, Workers: 3})
	require.NoError(t, err)
	require.Equal(t, string(ref.JSON()), string(r.JSON()), "fast and reference reports differ")
	a, err := New(topo, Options{Depth: 2, Workers: 1})
	require.NoError(t, err)
	for !a.Next(5) {
	}
	stepped, err := a.Report()
	require.NoError(t, err)
	require.Equal(t, string(ref.JSON()), string(stepped.JSON()), "step-by-step report differs")
	done, total := a.Progress()
	require.Equal(t, total, done)
	golden(t, "whole-recovery.json", r.JSON())
	golden(t, "whole-recovery.txt", r.Text())
	assert.True(t, r.SingleFailureFeatureLost())
	var codes []string
	for _, f := range r.Findings {
		if f.Code == CodeFeatureSPOF {
			codes = append(codes, f.Path)
		}
	}
	assert.Equal(t, []string{"dnsProviders[Litware GeoDNS]"}, codes, "the provider runs in Atlanta only; each pool can be failed over to the other's load balancer")
}

// TestPartElements checks the new elements' names and the simulator lines that strike them.
func TestPartElements(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	a, err := New(topo, Options{Depth: 1})
	require.NoError(t, err)
	var got []string
	for _, e := range a.Elements() {
		if e.Kind >= KindLoadBalancer {
			got = append(got, e.String()+" | "+e.Setup())
		}
	}
	assert.Equal(t, []string{
		"load balancer atl-hlb | Stop-SimLoadBalancer -Name 'atl-hlb'",
		"load balancer dfw-hlb | Stop-SimLoadBalancer -Name 'dfw-hlb'",
		"DNS provider Litware GeoDNS | Stop-SimDnsProvider -Name 'Litware GeoDNS'",
		"Persistent Chat pool atl-pchat-001.litwareinc.com | Stop-SimPersistentChat -Fqdn 'atl-pchat-001.litwareinc.com'",
		"PSTN gateway atl-gw-01.litwareinc.com | Stop-SimGateway -Fqdn 'atl-gw-01.litwareinc.com'",
		"PSTN gateway dfw-gw-01.litwareinc.com | Stop-SimGateway -Fqdn 'dfw-gw-01.litwareinc.com'",
	}, got)
	assert.Equal(t, "PSTN gateway", KindGateway.String())
	assert.Equal(t, "kind(11)", Kind(11).String())
}

// TestNoPartsNoFeatureSection checks that a topology without the parts a pool failover does
// not bring back keeps its report: no per-feature section, no new counts.
func TestNoPartsNoFeatureSection(t *testing.T) {
	r, err := Analyze(loadSample(t, "lync2013-pair.yaml"), Options{Depth: 1})
	require.NoError(t, err)
	assert.Nil(t, r.Features)
	assert.NotContains(t, string(r.JSON()), `"features"`)
	assert.False(t, r.SingleFailureFeatureLost())
}

// TestFeatureDocExamples checks the examples of docs/analysis.md's "The whole recovery"
// section against whole-recovery.yaml's report: every line of its text blocks is in the text
// report, and its JSON block is the report's third feature at depth 1 with the first set of
// each worst case.
func TestFeatureDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/analysis.md")
	require.NoError(t, err)
	_, sec, ok := strings.Cut(string(doc), "## The whole recovery: per-feature figures")
	require.True(t, ok)
	sec, _, _ = strings.Cut(sec, "\n## ")
	r, err := Analyze(loadTestTopology(t, "whole-recovery.yaml"), Options{Depth: 2})
	require.NoError(t, err)
	text := string(r.Text())
	blocks := strings.Split(sec, "```")
	var jsonSeen, textSeen int
	for k := 1; k < len(blocks); k += 2 {
		b := blocks[k]
		if body, ok := strings.CutPrefix(b, "json\n"); ok {
			var want FeatureReport
			require.NoError(t, json.Unmarshal([]byte(body), &want))
			got := r.Features[2]
			got.Levels = got.Levels[:1]
			got.Levels[0].Worst = append([]Worst(nil), got.Levels[0].Worst...)
			for i := range got.Levels[0].Worst {
				got.Levels[0].Worst[i].Sets = got.Levels[0].Worst[i].Sets[:1]
			}
			assert.Equal(t, want, got)
			jsonSeen++
			continue
		}
		for _, line := range strings.Split(strings.TrimPrefix(b, "\n"), "\n") {
			if strings.TrimSpace(line) != "" {
				assert.Contains(t, text, line+"\n")
				textSeen++
			}
		}
	}
	assert.Equal(t, 1, jsonSeen)
	assert.Positive(t, textSeen)
}

// TestFeatureStepDurations holds the manual-step durations the feature figures use to the
// disaster plan failwright writes for whole-recovery.yaml's Atlanta pool (engine/plan).
func TestFeatureStepDurations(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	topo.Pools[0].Announcements = true // the plan has the step only for a pool that models them
	p, fs := plan.Build(topo, plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: plan.Disaster})
	require.False(t, fs.HasErrors(), "%v", fs)
	want := map[string]time.Duration{"rgs-import": RGSImportStep, "call-park": CallParkStep,
		"announcements": AnnouncementStep, "lis-restore": LISRestoreStep}
	planned, fs := plan.Build(topo, plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: plan.Planned})
	require.False(t, fs.HasErrors(), "%v", fs)
	want["rgs-export"] = RGSExportStep
	for _, s := range append(p.Steps, planned.Steps...) {
		if d, ok := want[s.ID]; ok {
			assert.Equal(t, d, s.Duration.Std(), "step %s", s.ID)
			delete(want, s.ID)
		}
	}
	assert.Empty(t, want, "steps the plan no longer has under these IDs")
}

// TestSPOFFindings checks AN602 on variants of whole-recovery.yaml: the load balancer or DNS
// provider named, the users it leaves without meetings, and the fix.
func TestSPOFFindings(t *testing.T) {
	tests := []struct {
		name   string
		change func(*topology.Topology)
		want   map[string]string // path: message fragment
	}{
		{"one load balancer in front of both pools, the provider outside: the load balancer only",
			func(t *topology.Topology) {
				t.Pools[1].WebServices.LoadBalancer = "atl-hlb"
				t.DNSProviders[0].Sites = nil
			},
			map[string]string{
				"loadBalancers[atl-hlb]": "meetings for 20,000 users",
			}},
		{"the provider in both sites still fails on its own; each pool fails over to the other's load balancer",
			func(t *topology.Topology) { t.DNSProviders[0].Sites = []string{"Atlanta", "Dallas"} },
			map[string]string{
				"dnsProviders[Litware GeoDNS]": "publish the simple URLs through an outside GeoDNS provider",
			}},
		{"no backup pool: nothing to fail Atlanta over to",
			func(t *topology.Topology) {
				t.Pools[0].BackupPool, t.Pools[1].BackupPool = "", ""
				t.DNSProviders[0].Sites = nil
			},
			map[string]string{
				"loadBalancers[atl-hlb]": "meetings for 12,000 users",
				"loadBalancers[dfw-hlb]": "meetings for 8,000 users",
			}},
		{"an outside provider and a load balancer per pool: no single point of failure",
			func(t *topology.Topology) { t.DNSProviders[0].Sites = nil },
			map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topo := loadTestTopology(t, "whole-recovery.yaml")
			tt.change(topo)
			r, err := Analyze(topo, Options{Depth: 1})
			require.NoError(t, err)
			got := map[string]string{}
			for _, f := range r.Findings {
				if f.Code == CodeFeatureSPOF {
					got[f.Path] = f.Message + " / " + f.Fix
				}
			}
			require.Len(t, got, len(tt.want), "%v", got)
			for path, frag := range tt.want {
				assert.Contains(t, got[path], frag, path)
			}
		})
	}
}

// TestStrandedUsersLackFullServiceFeatures checks that the users of routing groups in quorum
// loss in a pool that runs (two servers of a four-server pool down) lack what needs full
// service (IM and presence, meetings, Response Groups, XMPP), and keep peer calls and PSTN.
func TestStrandedUsersLackFullServiceFeatures(t *testing.T) {
	topo := loadTestTopology(t, "whole-recovery.yaml")
	m, err := NewModel(topo)
	require.NoError(t, err)
	for _, pair := range [][2]string{{"atl-fe-01", "atl-fe-02"}, {"atl-fe-01", "atl-fe-03"}, {"atl-fe-02", "atl-fe-04"}} {
		set := FailureSet{{Kind: KindServer, Name: pair[0] + ".litwareinc.com", Pool: "atl-cs-001.litwareinc.com"},
			{Kind: KindServer, Name: pair[1] + ".litwareinc.com", Pool: "atl-cs-001.litwareinc.com"}}
		stranded := m.Evaluate(set).Pools[0].Unserved
		if stranded == 0 {
			continue
		}
		lost, served := featureFigures(t, topo, set[0].String(), set[1].String())
		assert.Equal(t, feats{topology.FeatureIMPresence: stranded, topology.FeatureMeetings: stranded,
			topology.FeatureResponseGroups: stranded, topology.FeatureXMPPFederation: stranded}, lost, "%s", set)
		assert.Empty(t, served)
		return
	}
	t.Fatal("no pair of Atlanta's servers strands users")
}
