package engine

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/topofile"
	"failwright/web/engine/proto"
)

func topologyJSON(t *testing.T, name string) json.RawMessage {
	t.Helper()
	data, err := os.ReadFile("../../scenarios/topologies/" + name)
	require.NoError(t, err)
	top, fs := topofile.Decode(name, data)
	require.False(t, fs.HasErrors(), "%v", fs.Err())
	b, err := json.Marshal(top)
	require.NoError(t, err)
	return b
}

// runAnalysis drives an analysis the way engine.js does: OpAnalyze, then OpContinue while the
// answer says More. It returns the answers.
func runAnalysis(t *testing.T, s *Server, id int, topo json.RawMessage, depth int) []proto.Response {
	t.Helper()
	var out []proto.Response
	r := call(t, s, proto.Request{ID: id, Op: proto.OpAnalyze, Topology: topo, Depth: depth})
	out = append(out, r)
	for r.More {
		require.NotNil(t, r.Progress)
		r = call(t, s, proto.Request{ID: id, Op: proto.OpContinue})
		out = append(out, r)
	}
	return out
}

func TestAnalysisLitware(t *testing.T) {
	var s Server
	s.Memory = func() int64 { return 42 }
	answers := runAnalysis(t, &s, 7, topologyJSON(t, "litwareinc.yaml"), 2)
	last := answers[len(answers)-1]
	require.Empty(t, last.Error)
	page := last.Analysis
	require.NotNil(t, page)
	assert.Equal(t, 7, page.Job)
	assert.Contains(t, page.HTML, `id="analysis-score"`)
	assert.Contains(t, page.HTML, "Definition:")
	assert.Contains(t, page.HTML, `<path class="cells b0"`)
	assert.Contains(t, page.HTML, "no user at risk", "the legend")
	assert.Contains(t, page.HTML, `value="Stop-SimPool -PoolFqdn &#39;atl-cs-001.litwareinc.com&#39;"`, "a fail-to button carries its setup lines")
	assert.Contains(t, page.PoolsHTML, "Fix:", "findings come with their fixes")
	assert.Equal(t, 19, page.Matrix.N)
	a := s.finished.viewed
	require.NotNil(t, a)
	assert.Equal(t, 2, a.Depth)
	assert.Len(t, a.Levels, 2)
	assert.Positive(t, a.Score)
	assert.Contains(t, a.Definition, "S_k")
	assert.Equal(t, int64(42), a.MemoryBytes)
	assert.Contains(t, a.Elements, "19 failure elements")

	// 19 elements (the outside GeoDNS provider is not one): each its own group, a triangle of 190 cells with the diagonal.
	m := a.Matrix
	assert.Equal(t, "element", m.By)
	require.Len(t, m.Groups, 19)
	require.Len(t, m.Cells, 19*20/2)
	severe := -1
	for k, c := range m.Cells {
		assert.GreaterOrEqual(t, c.I, 0, "cell %d has its worst pair", k)
		assert.Equal(t, BucketOf(c.AtRisk, m.Scale), c.Bucket)
		if c.Bucket > 0 && severe < 0 {
			severe = k
		}
	}
	require.GreaterOrEqual(t, severe, 0, "some pair puts users at risk")

	// A cell's worst pair gives the simulator lines that inject it.
	c := m.Cells[severe]
	set := call(t, &s, proto.Request{ID: 8, Op: proto.OpAnalysisSet, Job: 7, I: severe})
	require.Empty(t, set.Error)
	require.NotEmpty(t, set.Setup)
	for _, line := range set.Setup {
		assert.True(t, strings.HasPrefix(line, "Stop-Sim") || strings.HasPrefix(line, "Disconnect-Sim"), line)
	}
	if c.I == c.J {
		assert.Len(t, set.Setup, 1)
	} else {
		assert.Len(t, set.Setup, 2)
	}

	// Worst cases carry their setup lines too.
	var withSets int
	for _, w := range a.Levels[1].Worst {
		for _, st := range w.Sets {
			withSets++
			assert.Len(t, st.Setup, len(st.Names))
		}
	}
	assert.Positive(t, withSets)

	// Pools: the filter narrows them; an unknown job is refused.
	pools := call(t, &s, proto.Request{ID: 9, Op: proto.OpAnalysisPools, Job: 7, Line: "dfw"})
	require.Empty(t, pools.Error)
	assert.Contains(t, pools.PoolsHTML, `data-pool="dfw-cs-001.litwareinc.com"`)
	assert.NotContains(t, pools.PoolsHTML, `data-pool="atl-cs-001.litwareinc.com"`)
	assert.NotEmpty(t, call(t, &s, proto.Request{ID: 10, Op: proto.OpAnalysisSet, Job: 99}).Error)
}

func TestAnalysisDepth1(t *testing.T) {
	var s Server
	answers := runAnalysis(t, &s, 1, topologyJSON(t, "litwareinc.yaml"), 1)
	require.NotNil(t, answers[len(answers)-1].Analysis)
	a := s.finished.viewed
	require.Len(t, a.Levels, 1)
	// Only single failures: every cell off the diagonal stays empty.
	for g := range a.Matrix.Groups {
		for h := 0; h < g; h++ {
			assert.Equal(t, -1, a.Matrix.Cells[g*(g+1)/2+h].I)
		}
	}
}

// TestAnalysisLargeIsSliced checks that N-2 on large.yaml comes in slices with growing
// progress, that the page gets a report small enough to decode in a frame, with a matrix
// grouped by site, and that a cancel stops it.
func TestAnalysisLargeIsSliced(t *testing.T) {
	if testing.Short() {
		t.Skip("large topology")
	}
	topo := topologyJSON(t, "large.yaml")
	var s Server
	answers := runAnalysis(t, &s, 3, topo, 2)
	require.Greater(t, len(answers), 2, "the work comes in several slices")
	var prev int64 = -1
	for _, r := range answers[:len(answers)-1] {
		assert.GreaterOrEqual(t, r.Progress.Done, prev)
		prev = r.Progress.Done
	}
	last := answers[len(answers)-1]
	require.NotNil(t, last.Analysis)
	b, err := json.Marshal(last)
	require.NoError(t, err)
	assert.Less(t, len(b), 256<<10, "the page's copy of the report stays small")
	t.Logf("answers: %d, report for the page: %d bytes", len(answers), len(b))
	m := s.finished.viewed.Matrix
	assert.Equal(t, "site", m.By)
	assert.LessOrEqual(t, len(m.Groups), app.MaxGroups)
	assert.Len(t, s.finished.viewed.Pools, maxPools)
	assert.Equal(t, 200, last.Analysis.PoolsTotal)
	assert.Contains(t, last.Analysis.HTML, `data-by="site"`)

	// Cancel: the next continue is refused and nothing is left running.
	r := call(t, &s, proto.Request{ID: 4, Op: proto.OpAnalyze, Topology: topo, Depth: 2})
	require.True(t, r.More)
	assert.True(t, call(t, &s, proto.Request{ID: 4, Op: proto.OpCancel}).Cancelled)
	assert.NotEmpty(t, call(t, &s, proto.Request{ID: 4, Op: proto.OpContinue}).Error)
	assert.Nil(t, s.running)
	// The finished analysis is still there for "fail to worst case".
	assert.Empty(t, call(t, &s, proto.Request{ID: 5, Op: proto.OpAnalysisSet, Job: 3, I: 1}).Error)
}

func TestAnalysisRefusesBadTopology(t *testing.T) {
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpAnalyze, Topology: json.RawMessage(`{"name":"x","sites":[],"pools":[{"fqdn":"bad"}]}`)})
	assert.Contains(t, r.Error, "error")
	r = call(t, &s, proto.Request{ID: 2, Op: proto.OpAnalyze, Topology: json.RawMessage(`[1]`)})
	assert.NotEmpty(t, r.Error)
}

func TestMatrixLayout(t *testing.T) {
	m := Matrix{By: "site", Groups: []string{"site A", "site B", "links"}, Scale: 100,
		Cells: []Cell{{Bucket: 0, I: 0, J: 0}, {Bucket: 4, AtRisk: 90, I: 1, J: 0}, {Bucket: 1, I: 1, J: 1},
			{Bucket: 2, I: 2, J: 0}, {Bucket: 3, I: 2, J: 1}, {I: -1, J: -1}}}
	v := buildMatrix(m)
	assert.Len(t, v.labels, 6)
	assert.Len(t, v.paths, 5, "one path per bucket used")
	g := v.Geometry
	assert.Equal(t, 5, g.CellAt(float64(g.Left+2*g.Cell+1), float64(g.Top+2*g.Cell+1)))
	assert.Equal(t, 1, g.CellAt(float64(g.Left+1), float64(g.Top+g.Cell+1)))
	assert.Equal(t, -1, g.CellAt(float64(g.Left+g.Cell+1), float64(g.Top+1)), "above the diagonal")
	assert.Equal(t, -1, g.CellAt(1, 1))
	assert.Equal(t, "rotate(-60 "+itoa(v.labels[1].x)+" "+itoa(v.labels[1].y)+")", v.labels[1].transform())
	assert.Equal(t, 1, BucketOf(5, 100))
	assert.Equal(t, 3, BucketOf(100, 100), "a whole pool")
	assert.Equal(t, 4, BucketOf(101, 100), "more than a pool")
	assert.Equal(t, 0, BucketOf(0, 100))
}

// FuzzHandle sends the engine arbitrary requests (the analysis's among the seeds): it always
// answers with JSON carrying the request's ID, and never panics out of Handle.
func FuzzHandle(f *testing.F) {
	f.Add(`{"id":1,"op":"analyze","topology":{"name":"x","sites":[{"name":"A"}],"pools":[{"fqdn":"p.example.com","site":"A","role":"FrontEndStandard","version":"SfB2019","servers":[{"fqdn":"s.example.com"}],"users":10}],"cms":{"pool":"p.example.com"}},"depth":2}`)
	f.Add(`{"id":2,"op":"continue"}`)
	f.Add(`{"id":3,"op":"cancel"}`)
	f.Add(`{"id":4,"op":"analysis-set","job":1,"i":0}`)
	f.Add(`{"id":5,"op":"analysis-pools","job":1,"line":"p"}`)
	f.Add(`{"id":6,"op":"nope"}`)
	f.Add(`not json`)
	f.Fuzz(func(t *testing.T, req string) {
		var s Server
		for k := 0; k < 3; k++ { // the request, then continuing it
			out := s.Handle([]byte(req))
			var resp proto.Response
			require.NoError(t, json.Unmarshal(out, &resp), "%s", out)
			if !resp.More {
				break
			}
			req = `{"id":` + strconv.Itoa(resp.ID) + `,"op":"continue"}`
		}
	})
}

// TestAnalysisIsTheCLIs checks the page's analysis end to end against the one the CLI and
// the Worker answer (app.Analyze on the file): the same score and the same report.
func TestAnalysisIsTheCLIs(t *testing.T) {
	const name = "litwareinc.yaml"
	data, err := os.ReadFile("../../scenarios/topologies/" + name)
	require.NoError(t, err)
	doc, fs, _ := app.LoadTopology(app.Source{Name: name, Data: data})
	require.NotNil(t, doc, "%v", fs)
	cli := app.Analyze(doc, app.AnalyzeRequest{Depth: 2})
	require.NotNil(t, cli.Report)

	var s Server
	answers := runAnalysis(t, &s, 1, topologyJSON(t, name), 2)
	page := answers[len(answers)-1].Analysis
	require.NotNil(t, page)
	assert.Equal(t, cli.Report.Score.Value, page.Score)
	assert.Equal(t, cli.Report.Levels, s.finished.report.Levels)
	assert.Equal(t, cli.Report.Pools, s.finished.report.Pools)
}
