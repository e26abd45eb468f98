package plan

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// driftTopology reads litwareinc.yaml, the topology the drift cases change.
func driftTopology(t *testing.T) *topology.Topology {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "topologies", "litwareinc.yaml"))
	require.NoError(t, err)
	topo, fs := topofile.Decode("litwareinc.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	return topo
}

// driftLines writes findings as "CODE path: message" lines.
func driftLines(fs topology.Findings) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code + " " + f.Path + ": " + f.Message
	}
	return out
}

// TestCheckRefusesDrift: each change of the topology that the facts a plan lists do not show
// (the topology no longer validates, or the plan rebuilt from it has other steps or other
// predictions) is refused with the finding that names it.
func TestCheckRefusesDrift(t *testing.T) {
	const dfw = "dfw-cs-001.litwareinc.com"
	cases := []struct {
		name   string
		req    Request
		change func(*topology.Topology)
		want   []string // prefixes of lines that must be among the findings
	}{
		{
			name:   "duplicate site",
			req:    Request{Pool: atl, Mode: Disaster},
			change: func(t *topology.Topology) { t.Sites = append(t.Sites, t.Sites[1]) },
			want:   []string{"PL106 topology: the topology has 1 validation error (they follow)"},
		},
		{
			name: "removed site",
			req:  Request{Pool: atl, Mode: Disaster},
			change: func(t *topology.Topology) {
				t.Sites = t.Sites[:1] // Dallas is gone; its pools still name it
			},
			want: []string{"PL106 topology: the topology has"},
		},
		{
			name:   "removed back end of the pool failed over",
			req:    Request{Pool: atl, Mode: Disaster},
			change: func(t *topology.Topology) { t.PoolByFQDN(atl).BackEnd = nil },
			want:   []string{"PL106 topology: the topology has"},
		},
		{
			name:   "changed sample user",
			req:    Request{Pool: atl, Mode: Disaster},
			change: func(t *topology.Topology) { t.PoolByFQDN(atl).SampleUsers[0] = "sip:someoneelse@litwareinc.com" },
			want:   []string{`PL108 steps[12].verify: step 13 "pool-failover": verify was "Get-CsUserPoolInfo -Identity 'sip:kenmyer@litwareinc.com';`},
		},
		{
			name: "moved federation route",
			req:  Request{Pool: atl, Mode: Disaster},
			change: func(t *topology.Topology) {
				t.PoolByFQDN("atl-edge-001.litwareinc.com").FederationRoute = false
				t.PoolByFQDN("dfw-edge-001.litwareinc.com").FederationRoute = true
			},
			want: []string{`PL108 steps[20]: step 21 "federation-route" (`},
		},
		{
			name:   "sync interval of 3 hours",
			req:    Request{Pool: atl, Mode: Disaster},
			change: func(t *topology.Topology) { t.BackupService.SyncIntervalSeconds = 3 * 3600 },
			want:   []string{"PL109 prediction.dataLoss: the plan predicts a data loss of 00:01:59; for this topology it is 02:59:59"},
		},
		{
			name:   "sample user of a planned failover",
			req:    Request{Pool: dfw, Mode: Planned},
			change: func(t *topology.Topology) { t.PoolByFQDN(dfw).SampleUsers = nil },
			want:   []string{`PL108 steps[`, "PL018 pools[dfw-cs-001.litwareinc.com].sampleUsers: "},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			topo := driftTopology(t)
			p, fs := Build(topo, c.req)
			require.NotNil(t, p, "%v", fs)
			require.Empty(t, Check(p, topo), "the plan fits the topology it was made from")
			changed := driftTopology(t)
			c.change(changed)
			fs = Check(p, changed)
			require.True(t, fs.HasErrors(), "drift must be refused: %v", driftLines(fs))
			lines := driftLines(fs)
			for _, w := range c.want {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, w)
				}
				assert.True(t, found, "want a finding %q among\n%s", w, strings.Join(lines, "\n"))
			}
			for _, f := range fs {
				assert.NotEqual(t, "PL103", f.Code, "drift is never only a changed fingerprint")
			}
		})
	}
}

// TestCheckInvalidTopologyListsItsErrors: PL106 is followed by the validation errors
// themselves, so the operator sees what to fix.
func TestCheckInvalidTopologyListsItsErrors(t *testing.T) {
	topo := driftTopology(t)
	p, fs := Build(topo, Request{Pool: atl, Mode: Disaster})
	require.NotNil(t, p, "%v", fs)
	changed := driftTopology(t)
	changed.Sites = append(changed.Sites, changed.Sites[1])
	fs = Check(p, changed)
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Code)
	}
	assert.Contains(t, codes, "PL106")
	assert.Greater(t, len(codes), 1, "the validation errors follow PL106: %v", driftLines(fs))
	for _, f := range fs {
		assert.Equal(t, topology.Error, f.Severity, "%v", f)
	}
}

// TestCheckOtherFormatVersion: a plan of another format version gets one finding that says
// which format made it and to rebuild it, not a list of differences.
func TestCheckOtherFormatVersion(t *testing.T) {
	topo := driftTopology(t)
	p, fs := Build(topo, Request{Pool: atl, Mode: Disaster})
	require.NotNil(t, p, "%v", fs)
	for _, v := range []int{1, FormatVersion + 1} {
		old := *p
		old.FormatVersion = v
		old.ID = ComputeID(&old)
		fs := Check(&old, topo)
		require.Len(t, fs, 1, "%v", driftLines(fs))
		assert.Equal(t, "PL105", fs[0].Code)
		assert.Contains(t, fs[0].Message, "the plan was made by failwright format "+strconv.Itoa(v)+"; this is format "+strconv.Itoa(FormatVersion)+": rebuild it")
	}
}

// TestCheckReportsEditsStepByStep: a plan edited after it was made is refused for its ID
// (PL104), and the rebuild names the step and the field that differ.
func TestCheckReportsEditsStepByStep(t *testing.T) {
	topo := driftTopology(t)
	p, fs := Build(topo, Request{Pool: atl, Mode: Disaster})
	require.NotNil(t, p, "%v", fs)
	edited := *p
	edited.Steps = append([]Step(nil), p.Steps...)
	edited.Steps[1].Shows = "anything"
	edited.Prediction.RTO = 0
	edited.ID = ComputeID(&edited) // an ID is no tamper check: it can be computed again
	lines := driftLines(Check(&edited, topo))
	assert.Contains(t, lines, `PL108 steps[1].shows: step 2 "cms-backup-relationship": shows was "anything", the topology now gives "dfw-cs-001.litwareinc.com"`)
	assert.Contains(t, lines, "PL109 prediction.rto: the plan predicts an RTO of 00:00:00; for this topology it is "+p.Prediction.RTO.String())
}

// TestStepChangesMatchesByID: a step added early does not make every later step differ; the
// added step, a removed one and a new order are each named once.
func TestStepChangesMatchesByID(t *testing.T) {
	a := []Step{{Number: 1, ID: "a"}, {Number: 2, ID: "b"}, {Number: 3, ID: "c"}}
	b := []Step{{Number: 1, ID: "x"}, {Number: 2, ID: "a"}, {Number: 3, ID: "c"}, {Number: 4, ID: "b"}}
	lines := driftLines(stepChanges(a, b, "fix"))
	assert.Equal(t, []string{
		`PL108 steps: the plan for this topology has a new step 1 "x" ()`,
		`PL108 steps: the plan for this topology runs the steps in another order: a, c, b`,
	}, lines)
	lines = driftLines(stepChanges(b, a, "fix"))
	assert.Contains(t, lines, `PL108 steps[0]: step 1 "x" () is no longer part of the plan for this topology`)
	assert.Empty(t, stepChanges(a, a, "fix"))
}
