package analysis

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/internal/testkit"
)

var largeReference = flag.Bool("large-reference", false, "also compare the fast analyzer with the reference on every pair of large.yaml (about 40 s)")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), got)
}

// TestGoldenReports renders the depth-2 report of each sample topology as JSON and text, and
// checks the fast analyzer against the reference on each (large.yaml only at depth 1 for the
// reference: its depth 2 is the benchmark).
func TestGoldenReports(t *testing.T) {
	for _, name := range []string{"litwareinc.yaml", "standard-pair.yaml", "unpaired.yaml", "mixed-version.yaml", "lync2013-pair.yaml", "sfb2019-16fe.yaml"} {
		t.Run(name, func(t *testing.T) {
			topo := loadSample(t, name)
			r, err := Analyze(topo, Options{Depth: 2})
			require.NoError(t, err)
			ref, err := Reference(topo, Options{Depth: 2})
			require.NoError(t, err)
			require.Equal(t, string(ref.JSON()), string(r.JSON()), "fast and reference reports differ")
			base := strings.TrimSuffix(name, ".yaml")
			golden(t, base+".json", r.JSON())
			golden(t, base+".txt", r.Text())
		})
	}
}

// TestLargeDepth1MatchesReference checks the fast analyzer on every single failure of
// large.yaml against the reference.
func TestLargeDepth1MatchesReference(t *testing.T) {
	topo := loadSample(t, "large.yaml")
	r, err := Analyze(topo, Options{Depth: 1})
	require.NoError(t, err)
	ref, err := Reference(topo, Options{Depth: 1})
	require.NoError(t, err)
	require.Equal(t, string(ref.JSON()), string(r.JSON()))
}

// TestLargeDepth2MatchesReference compares the fast analyzer with the brute-force reference on
// all 2,208,151 failure sets of large.yaml. It takes about 40 s, so it runs only with
// -large-reference.
func TestLargeDepth2MatchesReference(t *testing.T) {
	if !*largeReference {
		t.Skip("run with -large-reference (about 40 s)")
	}
	topo := loadSample(t, "large.yaml")
	ref, err := Reference(topo, Options{Depth: 2})
	require.NoError(t, err)
	fast, err := Analyze(topo, Options{Depth: 2})
	require.NoError(t, err)
	require.Equal(t, string(ref.JSON()), string(fast.JSON()))
}

// TestElementsAndSetup checks what is enumerated and the simulator lines that inject it.
func TestElementsAndSetup(t *testing.T) {
	topo := loadSample(t, "litwareinc.yaml")
	a, err := New(topo, Options{Depth: 1})
	require.NoError(t, err)
	var got []string
	for _, e := range a.Elements() {
		got = append(got, e.String()+" | "+e.Setup())
	}
	want := []string{
		"server atl-fe-01.litwareinc.com | Stop-SimServer -Fqdn 'atl-fe-01.litwareinc.com'",
		"server atl-fe-02.litwareinc.com | Stop-SimServer -Fqdn 'atl-fe-02.litwareinc.com'",
		"server atl-fe-03.litwareinc.com | Stop-SimServer -Fqdn 'atl-fe-03.litwareinc.com'",
		"server atl-fe-04.litwareinc.com | Stop-SimServer -Fqdn 'atl-fe-04.litwareinc.com'",
		"server dfw-fe-01.litwareinc.com | Stop-SimServer -Fqdn 'dfw-fe-01.litwareinc.com'",
		"server dfw-fe-02.litwareinc.com | Stop-SimServer -Fqdn 'dfw-fe-02.litwareinc.com'",
		"server dfw-fe-03.litwareinc.com | Stop-SimServer -Fqdn 'dfw-fe-03.litwareinc.com'",
		"server dfw-fe-04.litwareinc.com | Stop-SimServer -Fqdn 'dfw-fe-04.litwareinc.com'",
		"pool atl-cs-001.litwareinc.com | Stop-SimPool -PoolFqdn 'atl-cs-001.litwareinc.com'",
		"pool dfw-cs-001.litwareinc.com | Stop-SimPool -PoolFqdn 'dfw-cs-001.litwareinc.com'",
		"site Atlanta | Stop-SimSite -Site 'Atlanta'",
		"site Dallas | Stop-SimSite -Site 'Dallas'",
		"edge atl-edge-001.litwareinc.com | Stop-SimEdgePool -PoolFqdn 'atl-edge-001.litwareinc.com'",
		"edge dfw-edge-001.litwareinc.com | Stop-SimEdgePool -PoolFqdn 'dfw-edge-001.litwareinc.com'",
		"backend atl-cs-001.litwareinc.com | Stop-SimBackEnd -PoolFqdn 'atl-cs-001.litwareinc.com'",
		"mirror atl-cs-001.litwareinc.com | Stop-SimBackEnd -PoolFqdn 'atl-cs-001.litwareinc.com' -Mirror",
		"link Atlanta-Dallas | Disconnect-SimSite -Site 'Atlanta' -To 'Dallas'",
		"load balancer atl-hlb | Stop-SimLoadBalancer -Name 'atl-hlb'",
		"load balancer dfw-hlb | Stop-SimLoadBalancer -Name 'dfw-hlb'",
	}
	assert.Equal(t, want, got)
	set := a.Set(16, 10)
	assert.Equal(t, []string{"Stop-SimSite -Site 'Atlanta'", "Disconnect-SimSite -Site 'Atlanta' -To 'Dallas'"}, set.Setup())
	assert.Equal(t, "site Atlanta + link Atlanta-Dallas", set.String())
	assert.Len(t, a.Failures(), 19, "the outside GeoDNS provider is not a failure element")
}

// TestQuoteDoublesQuotes checks that a site name with a quote stays one PowerShell literal.
func TestQuoteDoublesQuotes(t *testing.T) {
	assert.Equal(t, "Stop-SimSite -Site 'O''Hare DC'", Element{Kind: KindSite, Name: "O'Hare DC"}.Setup())
	assert.Equal(t, "Disconnect-SimSite -Site 'O\u2019\u2019Hare' -To 'Dallas'", Element{Kind: KindLink, Name: "O\u2019Hare", To: "Dallas"}.Setup())
}

// TestModelOutcomes checks the model's figures on the situations the docs describe.
func TestModelOutcomes(t *testing.T) {
	topo := loadSample(t, "litwareinc.yaml")
	m, err := NewModel(topo)
	require.NoError(t, err)
	atl := Element{Kind: KindPool, Name: "atl-cs-001.litwareinc.com"}
	dfw := Element{Kind: KindPool, Name: "dfw-cs-001.litwareinc.com"}
	// The plan's steps as the simulator runs them: the Edge next-hop check and move (1 + 5
	// min), three CMS checks, for Atlanta the CMS failover (mirror-state check 1, failover 5,
	// two checks 2), two backup checks, then Invoke-CsPoolFailOver: CMS replication 30 s,
	// PoolState 5 s, hydration (19 min per 40,000 users, in whole seconds per routing group: Dallas 513 s over 9 groups is 9 x 57 s) and verification 2 min.
	const (
		atlRTO = 6*time.Minute + 3*time.Minute + 8*time.Minute + 2*time.Minute + 35*time.Second + 9*time.Minute + 30*time.Second + 2*time.Minute
		dfwRTO = 6*time.Minute + 3*time.Minute + 2*time.Minute + 35*time.Second + 8*time.Minute + 33*time.Second + 2*time.Minute
	)
	tests := []struct {
		name     string
		set      FailureSet
		unserved int
		cms      CMSState
		rto      time.Duration // rounded to the second
		service  Service       // of the Atlanta pool's users
	}{
		{"nothing", nil, 0, CMSAvailable, 0, ServiceHome},
		{"Atlanta pool: CMS and Edge next hop first", FailureSet{atl}, 0, CMSFailedOver, atlRTO, ServiceBackup},
		{"Dallas pool: Edge next hop first", FailureSet{dfw}, 0, CMSAvailable, dfwRTO, ServiceHome},
		{"both pools", FailureSet{atl, dfw}, 38000, CMSLost, 0, ServiceSignedOut},
		{"CMS principal: the mirror takes over at once", FailureSet{{Kind: KindBackEnd, Name: "atl-cs-001.litwareinc.com"}}, 0, CMSAvailable, 0, ServiceHome},
		{"CMS principal and mirror", FailureSet{{Kind: KindBackEnd, Name: "atl-cs-001.litwareinc.com"}, {Kind: KindMirror, Name: "atl-cs-001.litwareinc.com"}}, 0, CMSFailedOver, atlRTO, ServiceBackup},
		{"Dallas site (its Edge pool too) and the link", FailureSet{{Kind: KindSite, Name: "Dallas"}, {Kind: KindLink, Name: "Atlanta", To: "Dallas"}}, 0, CMSAvailable, dfwRTO, ServiceHome},
		{"Atlanta pool with the link cut: the standby CMS is in Dallas", FailureSet{atl, {Kind: KindLink, Name: "Atlanta", To: "Dallas"}}, 0, CMSFailedOver, atlRTO, ServiceBackup},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := m.Evaluate(tc.set)
			f := o.Figures()
			assert.Equal(t, tc.unserved, f.Unserved)
			assert.Equal(t, tc.cms, f.CMS)
			assert.Equal(t, tc.rto, f.RTO.Round(time.Second))
			assert.Equal(t, tc.service, o.Pools[0].Service)
		})
	}
}

// TestTwoServersOfAThreeServerPool checks the quorum rule through the analysis: two of three
// servers down take the pool down and its users fail over.
func TestTwoServersOfAThreeServerPool(t *testing.T) {
	topo := loadSample(t, "mixed-version.yaml")
	m, err := NewModel(topo)
	require.NoError(t, err)
	p := topo.Pools[0]
	o := m.Evaluate(FailureSet{{Kind: KindServer, Name: p.Servers[0].FQDN, Pool: p.FQDN}, {Kind: KindServer, Name: p.Servers[1].FQDN, Pool: p.FQDN}})
	assert.NotEqual(t, ServiceHome, o.Pools[0].Service)
	o = m.Evaluate(FailureSet{{Kind: KindServer, Name: p.Servers[0].FQDN, Pool: p.FQDN}})
	assert.Equal(t, ServiceHome, o.Pools[0].Service)
}

// TestReportNeedsRun checks that a report is refused before the analysis finishes.
func TestReportNeedsRun(t *testing.T) {
	a, err := New(loadSample(t, "litwareinc.yaml"), Options{})
	require.NoError(t, err)
	_, err = a.Report()
	require.Error(t, err)
	done, total := a.Progress()
	assert.Zero(t, done)
	assert.Positive(t, total)
}

// TestNoFrontEndPool checks the error for a topology the analysis cannot work on.
func TestNoFrontEndPool(t *testing.T) {
	_, err := New(&topology.Topology{Name: "empty"}, Options{})
	require.ErrorContains(t, err, "no Front End pool")
	_, err = Reference(&topology.Topology{Name: "empty"}, Options{})
	require.Error(t, err)
}

// FuzzAnalyze decodes arbitrary topologies and checks that the fast analyzer never panics
// and agrees with the reference on single failures.
func FuzzAnalyze(f *testing.F) {
	for _, name := range []string{"litwareinc.yaml", "standard-pair.yaml", "unpaired.yaml", "mixed-version.yaml"} {
		data, err := os.ReadFile("../samples/" + name)
		if err == nil {
			f.Add(data)
		}
	}
	if data, err := os.ReadFile("testdata/topologies/whole-recovery.yaml"); err == nil {
		f.Add(data) // the parts a pool failover does not bring back, and the feature pass
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		topo, _ := topofile.Decode("fuzz.yaml", data)
		if topo == nil || topo.ServerCount() > 200 || len(topo.Pools) > 40 {
			return
		}
		// Whatever the topology, even one validation rejects, the analysis must not panic.
		r, err := Analyze(topo, Options{Depth: 2})
		if err != nil {
			return
		}
		_ = r.Text()
		if topology.Validate(topo).HasErrors() {
			return
		}
		r, err = Analyze(topo, Options{Depth: 1})
		require.NoError(t, err)
		ref, err := Reference(topo, Options{Depth: 1})
		require.NoError(t, err)
		require.Equal(t, string(ref.JSON()), string(r.JSON()))
		_ = r.Text()
	})
}

// TestPairFigures checks the matrix cells against full evaluations: every pair of
// litwareinc.yaml, composed or looked up, has the figures of its own evaluation.
func TestPairFigures(t *testing.T) {
	topo := loadSample(t, "litwareinc.yaml")
	a, err := New(topo, Options{Depth: 2})
	require.NoError(t, err)
	_, err = a.PairFigures(0, 1)
	require.Error(t, err, "before the evaluation phases")
	a.Run()
	n := len(a.Elements())
	for i := 0; i < n; i++ {
		for j := -1; j < n; j++ {
			got, err := a.PairFigures(i, j)
			require.NoError(t, err)
			set := a.Set(i, j)
			if j == i {
				set = a.Set(i, -1)
			}
			o := a.Outcome(set)
			want := o.Figures()
			assert.Equal(t, want, got, "%s", set)
		}
	}
	_, err = a.PairFigures(n, 0)
	require.Error(t, err)

	var row []int
	for i := 0; i < n; i++ {
		row, err = a.RowAtRisk(i, row)
		require.NoError(t, err)
		require.Len(t, row, n-i)
		for k, v := range row {
			f, err := a.PairFigures(i, i+k)
			require.NoError(t, err)
			assert.Equal(t, f.AtRisk, v, "at risk of %d + %d", i, i+k)
		}
	}
	_, err = a.RowAtRisk(n, row)
	require.Error(t, err)
}

// TestHMS checks the hh:mm:ss form reports and findings write durations in, rounded to the
// second as plans write them.
func TestHMS(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                     "00:00:00",
		59*time.Second + 600*time.Millisecond: "00:01:00",
		29*time.Minute + 49*time.Second + 999999997:    "00:29:50",
		38*time.Minute + 5*time.Second:                 "00:38:05",
		99*time.Hour + 59*time.Minute + 59*time.Second: "4.03:59:59",
		100 * time.Hour: "4.04:00:00",
	} {
		assert.Equal(t, want, hms(d), "%v", d)
	}
}

// TestClassesAreRuns checks what the search for interacting class pairs relies on: every
// equivalence class is a run of consecutive elements, so classes never decrease along the
// elements.
func TestClassesAreRuns(t *testing.T) {
	for _, name := range []string{"litwareinc.yaml", "sfb2019-16fe.yaml", "large.yaml"} {
		a, err := New(loadSample(t, name), Options{Depth: 2})
		require.NoError(t, err)
		for i := 1; i < len(a.class); i++ {
			require.LessOrEqual(t, a.class[i-1], a.class[i], "%s: element %d", name, i)
		}
		for c, m := range a.members {
			require.Equal(t, int(m[len(m)-1]-m[0])+1, len(m), "%s: class %d is not a run", name, c)
		}
	}
}

// TestLargeWorkersAgree checks that the one-worker path (the WebAssembly one: no goroutines,
// interacting pairs recorded as they are evaluated) and the two-worker path give the same
// report on large.yaml.
func TestLargeWorkersAgree(t *testing.T) {
	topo := loadSample(t, "large.yaml")
	one, err := Analyze(topo, Options{Depth: 2, Workers: 1})
	require.NoError(t, err)
	two, err := Analyze(topo, Options{Depth: 2, Workers: 2})
	require.NoError(t, err)
	require.Equal(t, string(two.JSON()), string(one.JSON()))
}
