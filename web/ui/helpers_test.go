package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/sim"
	"failwright/internal/testkit"
)

func TestFormatting(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{{0, "00:00:00"}, {90 * time.Second, "00:01:30"}, {25*time.Hour + 2*time.Second, "1.01:00:02"}, {1499 * time.Millisecond, "00:00:01"}} {
		assert.Equal(t, tc.want, FormatClock(tc.d), "the page writes times as the shell does")
	}
}

func TestBlocksGroupLinesByKind(t *testing.T) {
	got := blocks([]sim.Line{
		{Kind: sim.LineOutput, Text: "a"}, {Kind: sim.LineOutput, Text: ""}, {Kind: sim.LineWarning, Text: "w"},
		{Kind: sim.LineOutput, Text: "b"},
	})
	assert.Equal(t, []sim.Line{{Kind: sim.LineOutput, Text: "a\n\u00a0"}, {Kind: sim.LineWarning, Text: "w"}, {Kind: sim.LineOutput, Text: "b"}}, got)
}

func TestChartStacksModesAndSpansTheClock(t *testing.T) {
	samples := []sim.Sample{
		{At: 0, Users: map[sim.Mode]int{sim.ModeHome: 100}},
		{At: time.Minute, Users: map[sim.Mode]int{sim.ModeHome: 50, sim.ModeSignedOut: 50}},
	}
	c := BuildChart(samples, 2*time.Minute)
	require.Len(t, c.Series, 2)
	assert.Equal(t, "Home", c.Series[0].Mode)
	assert.Equal(t, "SignedOut", c.Series[1].Mode)
	assert.True(t, strings.HasPrefix(c.Series[0].Path, "M56 "))
	assert.Equal(t, "00:02:00", c.XTicks[len(c.XTicks)-1].Label)
	assert.Equal(t, "100", c.YTicks[len(c.YTicks)-1].Label)
	assert.Contains(t, c.Desc, "50 signed out")
	assert.Empty(t, BuildChart(nil, 0).Series)
}

func TestChartTicksFallAtRoundTimes(t *testing.T) {
	for _, tc := range []struct {
		end  time.Duration
		want []string
	}{
		{22*time.Minute + 16*time.Second, []string{"00:00:00", "00:05:00", "00:10:00", "00:15:00", "00:20:00"}},
		{3 * time.Minute, []string{"00:00:00", "00:01:00", "00:02:00", "00:03:00"}},
		{7*time.Hour + 33*time.Minute + 5*time.Second, []string{"00:00:00", "02:00:00", "04:00:00", "06:00:00"}},
	} {
		var got []string
		for _, tk := range BuildChart(nil, tc.end).XTicks {
			got = append(got, tk.Label)
		}
		assert.Equal(t, tc.want, got, tc.end.String())
	}
}

func TestFiguresListRTOAndDataLoss(t *testing.T) {
	f := Figures(sim.Report{RTO: map[string]time.Duration{"b": time.Minute, "a": 0}, DataLoss: map[string]time.Duration{"a": 2 * time.Minute}})
	require.Len(t, f, 3)
	assert.Equal(t, Figure{Pool: "a", Label: "RTO a", Value: "not yet restored"}, f[0])
	assert.Equal(t, "00:01:00", f[1].Value)
	assert.Equal(t, "Data loss a", f[2].Label)
}

func TestDiagramLayout(t *testing.T) {
	a, _ := newTestApp(t)
	l := a.Diagram()
	assert.False(t, l.Overview)
	require.Len(t, l.Sites, 2)
	require.Len(t, l.Pools, 2)
	assert.Len(t, l.Pairs, 1, "one line per pair")
	assert.Len(t, l.SiteLinks, 1)
	assert.True(t, l.Pools[0].CMS)
	assert.Equal(t, "Up", l.Pools[0].Health)
	require.Len(t, l.Pools[0].Bars, 1)
	assert.Equal(t, "Home", l.Pools[0].Bars[0].Mode)
	assert.Equal(t, "5,000 home", l.Pools[0].Label)

	a.CutLink("Seattle", "Denver")
	assert.True(t, a.Diagram().SiteLinks[0].Cut)
}

// TestGoldenPages renders each tab of the starter workspace after a site loss and compares it
// with testdata/*.html (go test ./web/ui -update rewrites them).
func TestGoldenPages(t *testing.T) {
	a, _ := newTestApp(t)
	a.FailSite("Seattle")
	a.Exec("Wait-SimTime -Minutes 3")
	a.SelectPool("sea-pool.contoso.com")
	for _, tab := range []string{TabTopology, TabSimulate} {
		a.SetTab(tab)
		testkit.Golden(t, filepath.Join("testdata", tab+".html"), render(t, a))
	}
}

// TestRequestID reads the ID the page files an engine request's answers under, from the
// request's head when it has proto.Request's form and by decoding it otherwise.
func TestRequestID(t *testing.T) {
	for _, tc := range []struct {
		req  string
		want int
	}{
		{`{"id":7,"op":"analyze","topology":{"name":"x"}}`, 7},
		{`{"id":123456}`, 123456},
		{`{"id":-1,"op":"cancel"}`, -1},
		{`{"op":"library","id":4}`, 4},
		{`{"id":1e2}`, 0},
		{`{"id":`, 0},
		{``, 0},
		{`not json`, 0},
	} {
		assert.Equal(t, tc.want, RequestID([]byte(tc.req)), tc.req)
	}
}
