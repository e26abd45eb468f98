package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

func TestPartHealthReadsTheSnapshot(t *testing.T) {
	r := &sim.RecoverySnapshot{
		LoadBalancers:  []sim.PartSnapshot{{Name: "atl-hlb", Up: true}, {Name: "dfw-hlb"}},
		DNSProviders:   []sim.PartSnapshot{{Name: "GeoDNS"}},
		Gateways:       []sim.PartSnapshot{{Name: "gw1", Up: true}},
		SimpleURLs:     []sim.URLSnapshot{{URL: "https://meet.x.com"}, {URL: "https://dialin.x.com", Resolves: true}},
		PersistentChat: []sim.ChatSnapshot{{FQDN: "pc.x.com"}},
		XMPP:           []sim.XMPPSnapshot{{Domain: "x.com", Works: true}},
	}
	for _, tc := range []struct {
		kind string
		i    int
		want string
	}{
		{"lb", 0, "Up"},
		{"lb", 1, "Down"},
		{"lb", 2, "Up"}, // not in the snapshot
		{"dns", 0, "Down"},
		{"pstn", 0, "Up"},
		{"url", 0, "Down"},
		{"url", 1, "Up"},
		{"pchat", 0, "Down"},
		{"xmpp", 0, "Up"},
	} {
		assert.Equal(t, tc.want, partHealth(r, tc.kind, tc.i), "%s %d", tc.kind, tc.i)
	}
	assert.Equal(t, "Up", partHealth(nil, "lb", 0), "a topology without the parts")
}

// manualMeet makes Litware's Meet URL a manual record on Atlanta with a 10-minute TTL, and
// its Edge pools' next hop and the CMS Dallas (Atlanta can then fail over without those
// steps first).
func manualMeet(t *testing.T, tp *topology.Topology) {
	tp.CMS.Pool = "dfw-cs-001.litwareinc.com"
	for i := range tp.Pools {
		if tp.Pools[i].NextHop != "" {
			tp.Pools[i].NextHop = "dfw-cs-001.litwareinc.com"
		}
	}
	u := &tp.SimpleURLs[0]
	require.Equal(t, topology.SimpleURLMeet, u.Kind)
	u.Publishing, u.DNSProvider, u.TTLSeconds = topology.PublishingManual, "", 600
	u.Pools = []string{"atl-cs-001.litwareinc.com"}
}

func urlBox(t *testing.T, l Layout, kind string) URLBox {
	t.Helper()
	for _, u := range l.URLs {
		if u.kind == kind {
			return u
		}
	}
	t.Fatalf("no %s URL in the diagram", kind)
	return URLBox{}
}

// TestDiagramFollowsTheMeetRecord loses Atlanta, fails its pool over, and switches the Meet
// record: meetings stay missing and the URL down until the record's TTL has passed, then the
// arrow points at Dallas and the report gives the meetings' RTO.
func TestDiagramFollowsTheMeetRecord(t *testing.T) {
	a, _ := litware(t)
	a.edit("manual Meet", "", func(tp *topology.Topology) { manualMeet(t, tp) })
	a.SetTab(TabSimulate)
	for _, line := range []string{"Stop-SimSite -Site Atlanta", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode -Confirm:$false"} {
		res := a.Exec(line)
		require.False(t, res.Failed, "%s: %v", line, res.Lines)
	}
	l := a.Diagram()
	atl, dfw := poolBox(t, l, "atl-cs-001.litwareinc.com"), poolBox(t, l, "dfw-cs-001.litwareinc.com")
	assert.Contains(t, atl.Missing, "Meetings")
	assert.Contains(t, atl.Label, "features unavailable")
	meet := urlBox(t, l, "Meet")
	assert.Equal(t, "Down", meet.Health)
	assert.Equal(t, atl.Y+atl.H, meet.Y2, "the record still points at Atlanta")
	assert.Equal(t, atl.X+24, meet.X2)
	assert.Contains(t, meet.Aria, ", Down")
	lb := l.Parts[0]
	require.Equal(t, "lb:atl-hlb", lb.Kind+":"+lb.Name)
	assert.Equal(t, "Down", lb.Health, "the load balancer of a lost site")
	html := render(t, a)
	assert.Contains(t, html, `class="simple-url health-down"`)
	assert.Contains(t, html, `class="part health-down" data-part="lb:atl-hlb"`)

	clock := a.Clock()
	require.False(t, a.Exec("Set-SimDnsRecord -Name meet.litwareinc.com -Target dfw-cs-001.litwareinc.com").Failed)
	meet = urlBox(t, a.Diagram(), "Meet")
	until := FormatClock(a.Snapshot().Now + 10*time.Minute)
	assert.Equal(t, " · pending until "+until+" (dfw-cs-001.litwareinc.com)", meet.Note, "from %s", clock)
	assert.Equal(t, "Down", meet.Health, "clients keep the old answer for the TTL")
	assert.Contains(t, render(t, a), "pending until "+until)

	require.False(t, a.Exec("Wait-SimTime -Minutes 11").Failed)
	l = a.Diagram()
	meet = urlBox(t, l, "Meet")
	assert.Equal(t, "Up", meet.Health)
	assert.Empty(t, meet.Note)
	assert.Equal(t, dfw.X+24, meet.X2, "the arrow follows the switched record")
	assert.Equal(t, dfw.Y+dfw.H, meet.Y2)
	assert.Contains(t, meet.Aria, "resolves to dfw-cs-001.litwareinc.com, Up")
	assert.NotContains(t, poolBox(t, l, "atl-cs-001.litwareinc.com").Missing, "Meetings")

	var got *Figure
	for _, f := range FeatureFigures(a.Report()) {
		if f.Label == "RTO Meetings · atl-cs-001.litwareinc.com" {
			got = &f
		}
	}
	require.NotNil(t, got, "the report gives the meetings' RTO")
	assert.Regexp(t, `^\d\d:\d\d:\d\d$`, got.Value)
	assert.Regexp(t, `<span class="fig-label">RTO Meetings · atl-cs-001.litwareinc.com</span><span class="fig-value">\d\d:\d\d:\d\d</span>`, render(t, a))
}

func TestInspectorListsTheFeaturesUsersLack(t *testing.T) {
	a, _ := litware(t)
	a.SetTab(TabSimulate)
	a.SelectPool("atl-cs-001.litwareinc.com")
	assert.Contains(t, render(t, a), `id="inspect-missing">none missing</dd>`, "nothing is missing yet")
	a.FailSite("Atlanta")
	html := render(t, a)
	assert.Regexp(t, `id="inspect-missing">[^<]*Meetings[^<]* unavailable</dd>`, html)
}

func TestFeatureChartRows(t *testing.T) {
	w := func(m map[topology.Feature]int) map[topology.Feature]int { return m }
	for _, tc := range []struct {
		name    string
		samples []sim.Sample
		rows    []string
		desc    string
	}{
		{"no sample", nil, nil, "No samples yet."},
		{"nothing lost", []sim.Sample{{Users: map[sim.Mode]int{sim.ModeHome: 100}}}, nil, "now: 100 home."},
		{"meetings then PSTN", []sim.Sample{
			{Users: map[sim.Mode]int{sim.ModeHome: 100}},
			{At: time.Minute, Users: map[sim.Mode]int{sim.ModeBackup: 100}, Without: w(map[topology.Feature]int{topology.FeatureMeetings: 100, topology.FeaturePSTNCalls: 40})},
			{At: 2 * time.Minute, Users: map[sim.Mode]int{sim.ModeBackup: 100}, Without: w(map[topology.Feature]int{topology.FeatureMeetings: 50})},
		}, []string{"meetings", "pstn-calls"}, "Users without Meetings 50."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := BuildFeatureChart(tc.samples, 3*time.Minute)
			var rows, labels []string
			for _, s := range c.Series {
				if !strings.HasPrefix(s.Mode, strings.ToUpper(s.Mode[:1])) {
					rows = append(rows, s.Mode)
				}
			}
			for _, tk := range c.YTicks[:c.Features] {
				labels = append(labels, tk.Label)
			}
			assert.Equal(t, tc.rows, rows)
			assert.Equal(t, len(tc.rows), c.Features)
			assert.Equal(t, 220+featureRowH*len(rows)+4*min(1, len(rows)), c.H, "a row each under the chart")
			assert.Contains(t, c.Desc, tc.desc)
			if len(rows) == 0 {
				assert.Equal(t, BuildChart(tc.samples, 3*time.Minute), c, "no row: the chart is the plain one")
				return
			}
			assert.Equal(t, []string{"Meetings", "PSTN calls"}, labels)
			// Meetings: none at first, all 100 users (the row's full 14 px) for a minute, then half.
			y0 := 222 + featureRowH
			x := func(m int) int { return 170 + (630-170)*m/3 }
			assert.Equal(t, "M"+pt(x(0), y0)+"L"+pt(x(1), y0)+"L"+pt(x(1), y0-14)+"L"+pt(x(2), y0-14)+"L"+pt(x(2), y0-7)+"L"+pt(x(3), y0-7)+
				"L"+pt(x(3), y0)+"L"+pt(x(2), y0)+"L"+pt(x(2), y0)+"L"+pt(x(1), y0)+"L"+pt(x(1), y0)+"L"+pt(x(0), y0)+"Z", c.Series[2].Path)
		})
	}
	plain := BuildChart([]sim.Sample{{Users: map[sim.Mode]int{sim.ModeHome: 1}, Without: map[topology.Feature]int{topology.FeatureMeetings: 1}}}, 0)
	assert.Zero(t, plain.Features, "BuildChart (the Plans tab's) draws no feature row")
}

func pt(x, y int) string { return Itoa(x) + " " + Itoa(y) }

func TestFeatureFiguresGiveTheRTOPerFeatureAndPool(t *testing.T) {
	r := sim.Report{
		FeatureRTO: map[topology.Feature]map[string]time.Duration{
			topology.FeatureResponseGroups: {"b": 0},
			topology.FeatureMeetings:       {"b": 18 * time.Minute, "a": 0},
		},
		UnrestoredFeatures: map[topology.Feature][]string{topology.FeatureMeetings: {"a", "c"}, topology.FeatureResponseGroups: {"b"}},
	}
	var got []string
	for _, f := range FeatureFigures(r) {
		got = append(got, f.Label+" "+f.Pool+" "+f.Value)
	}
	assert.Equal(t, []string{
		"RTO Meetings · a a not yet restored",
		"RTO Meetings · b b 00:18:00",
		"RTO Meetings · c c not yet restored",
		"RTO Response Groups · b b not yet restored",
	}, got)
	assert.Empty(t, FeatureFigures(sim.Report{}))
}
