package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
)

func litware(t *testing.T) (*App, *MemHost) {
	t.Helper()
	a, h := newTestApp(t)
	a.LoadSample("topologies/litwareinc.yaml")
	require.Equal(t, "Litware, Inc.", a.T().Name)
	return a, h
}

func TestAnalysisTabRunsAndFailsToWorstCase(t *testing.T) {
	a, h := litware(t)
	a.SetTab(TabAnalysis)
	html := render(t, a)
	assert.Contains(t, html, `id="analysis-run"`)
	assert.NotContains(t, html, `id="analysis-score"`)

	a.RunAnalysis()
	s := a.An
	require.Empty(t, s.Error)
	require.False(t, s.Running)
	require.NotNil(t, s.Result)
	html = render(t, a)
	assert.Contains(t, html, `id="analysis-score"`)
	assert.Contains(t, html, "Definition:")
	assert.Contains(t, html, `class="cells b0"`, "the matrix draws its cells")
	assert.Contains(t, html, `data-by="element"`)
	assert.Contains(t, html, "no user at risk", "the legend")
	assert.Contains(t, html, "Fix:", "findings come with their fixes")

	// A click on the matrix maps to the cell under it.
	v := a.Matrix()
	cell := -1
	for k, c := range s.Result.Matrix.Cells {
		if c.Bucket > 0 {
			cell = k
			break
		}
	}
	require.GreaterOrEqual(t, cell, 0)
	g := 0
	for (g+1)*(g+2)/2 <= cell {
		g++
	}
	col := cell - g*(g+1)/2
	x := float64(v.Left + col*v.Cell + v.Cell/2)
	y := float64(v.Top + g*v.Cell + v.Cell/2)
	require.Equal(t, cell, v.CellAt(x, y))
	assert.Equal(t, -1, v.CellAt(float64(v.Left+(g+1)*v.Cell+1), y), "above the diagonal is empty")
	assert.Equal(t, -1, v.CellAt(1, 1))

	// The page is drawn at half its size: the click is scaled back.
	h.Rects = map[string][4]float64{"analysis-matrix": {100, 50, float64(v.W) / 2, float64(v.H) / 2}}
	a.MatrixClick(clickAt(100+x/2, 50+y/2))
	assert.Equal(t, TabSimulate, a.Tab)
	log := a.W().Log
	require.NotEmpty(t, log)
	for _, line := range log {
		assert.True(t, strings.HasPrefix(line, "Stop-Sim") || strings.HasPrefix(line, "Disconnect-Sim"), line)
	}
	require.Len(t, a.Console, len(log), "the setup lines ran through the shell")
	assert.Contains(t, a.Notices[len(a.Notices)-1].Text, "worst case")

	// Undo brings the simulation back; a worst case of the table fails to its set.
	a.Undo()
	assert.Empty(t, a.W().Log)
	var set proto.AnalysisSet
	for _, w := range s.Result.Levels[0].Worst {
		if len(w.Sets) > 0 {
			set = w.Sets[0]
			break
		}
	}
	a.SetTab(TabAnalysis)
	a.FailToSet(set)
	assert.Equal(t, set.Setup, a.W().Log)
	assert.Equal(t, TabSimulate, a.Tab)
}

func TestAnalysisStaleAndErrors(t *testing.T) {
	a, _ := litware(t)
	a.SetAnalysisDepth(1)
	a.RunAnalysis()
	require.NotNil(t, a.An.Result)
	assert.Equal(t, 1, a.An.Result.Depth)
	assert.False(t, a.AnalysisStale())
	a.SetName("Litware 2")
	assert.True(t, a.AnalysisStale())

	a.OpenPool(0)
	a.SetPoolField(0, "fqdn", "not a name")
	a.validate()
	a.RunAnalysis()
	assert.Contains(t, a.An.Error, "errors")
}

func TestAnalysisCancel(t *testing.T) {
	a, h := newTestApp(t)
	// An engine that never finishes: every answer says more, until the cancel.
	var cancelled bool
	h.EngineFunc = func(req []byte) []byte {
		head := answerHead(req)
		if strings.Contains(string(req), `"op":"cancel"`) {
			cancelled = true
			return []byte(`{"id":` + Itoa(head.ID) + `,"cancelled":true}`)
		}
		if strings.Contains(string(req), `"op":"continue"`) {
			return []byte(`{"id":` + Itoa(head.ID) + `}`) // MemHost drives slices at once: stop here
		}
		return []byte(`{"id":` + Itoa(head.ID) + `,"more":true,"progress":{"done":430,"total":1000,"phase":"Evaluating failure sets"}}`)
	}
	a.RunAnalysis()
	require.True(t, a.An.Running)
	assert.Equal(t, 43, a.An.Percent())
	a.SetTab(TabAnalysis)
	assert.Contains(t, render(t, a), `id="analysis-progress"`)
	a.CancelAnalysis()
	assert.True(t, cancelled)
	assert.False(t, a.An.Running)
	assert.Equal(t, "Cancelled at 43%.", a.An.Status)
	html := render(t, a)
	assert.NotContains(t, html, `id="analysis-progress"`)
	assert.Contains(t, html, "Cancelled at 43%.")
}

func clickAt(x, y float64) vugu.DOMEvent {
	return vugu.NewDOMEvent(nil, map[string]any{"clientX": x, "clientY": y})
}

func TestMatrixGroupsLabelled(t *testing.T) {
	m := proto.Matrix{By: "site", Groups: []string{"site A", "site B", "links"}, Users: 100,
		Cells: []proto.Cell{{Bucket: 0, I: 0, J: 0}, {Bucket: 4, AtRisk: 90, I: 1, J: 0}, {Bucket: 1, I: 1, J: 1},
			{Bucket: 2, I: 2, J: 0}, {Bucket: 3, I: 2, J: 1}, {I: -1, J: -1}}}
	v := BuildMatrix(m)
	assert.Len(t, v.Labels, 6)
	assert.Len(t, v.Paths, 5, "one path per bucket used")
	assert.Equal(t, 5, v.CellAt(float64(v.Left+2*v.Cell+1), float64(v.Top+2*v.Cell+1)))
	assert.Equal(t, "rotate(-60 "+Itoa(v.Labels[1].X)+" "+Itoa(v.Labels[1].Y)+")", v.Labels[1].Transform())
	assert.Equal(t, 1, proto.BucketOf(5, 100))
	assert.Equal(t, 4, proto.BucketOf(36, 100))
	assert.Equal(t, 0, proto.BucketOf(0, 100))
}
