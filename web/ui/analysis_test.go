package ui

import (
	"encoding/json"
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
	assert.Contains(t, html, `<div id="analysis-report-html"></div>`, "the report goes in after the render")
	a.AfterRender()
	assert.Contains(t, h.HTML["analysis-report-html"], `id="analysis-score"`, "the engine's report is set as HTML")
	assert.Contains(t, h.HTML["analysis-matrix-html"], `data-by="element"`)
	assert.NotContains(t, h.HTML["analysis-report-html"], `id="analysis-matrix"`, "the matrix goes in on its own")
	assert.NotContains(t, h.HTML["analysis-report-html"], `id="analysis-worst"`, "the worst cases go in on their own")
	assert.Contains(t, h.HTML["analysis-worst-html"], `id="analysis-worst"`)
	assert.NotContains(t, h.HTML["analysis-worst-html"], `id="analysis-matrix"`)
	assert.Contains(t, h.HTML["analysis-pools-html"], `id="analysis-pool-table"`)

	// A click on the matrix, drawn at half its size, maps to the cell under it; the engine
	// gives that cell's worst pair.
	g := s.Result.Matrix
	require.Equal(t, 19, g.N)
	row, col := 14, 13 // the CMS back end with an Edge pool: a pair
	x := float64(g.Left + col*g.Cell + g.Cell/2)
	y := float64(g.Top + row*g.Cell + g.Cell/2)
	h.Rects = map[string][4]float64{"analysis-matrix": {100, 50, float64(g.W) / 2, float64(g.H) / 2}}
	a.ReportClick(click("path", "cells b4", "", "", 100+x/2, 50+y/2))
	assert.Equal(t, TabSimulate, a.Tab)
	log := a.W().Log
	require.Len(t, log, 2, "a pair")
	for _, line := range log {
		assert.True(t, strings.HasPrefix(line, "Stop-Sim") || strings.HasPrefix(line, "Disconnect-Sim"), line)
	}
	require.Len(t, a.Console, len(log), "the setup lines ran through the shell")
	assert.Contains(t, a.Notices[len(a.Notices)-1].Text, "worst case")

	// Undo brings the simulation back; a "fail to" button of the report fails to its set.
	a.Undo()
	assert.Empty(t, a.W().Log)
	a.SetTab(TabAnalysis)
	a.ReportClick(click("button", "link fail-to", "Stop-SimPool -PoolFqdn 'atl-cs-001.litwareinc.com'\nStop-SimSite -Site 'Dallas'", "pool atl-cs-001.litwareinc.com + site Dallas", 0, 0))
	assert.Equal(t, []string{"Stop-SimPool -PoolFqdn 'atl-cs-001.litwareinc.com'", "Stop-SimSite -Site 'Dallas'"}, a.W().Log)
	assert.Equal(t, TabSimulate, a.Tab)
	html = render(t, a)
	assert.Contains(t, html, `data-pool="atl-cs-001.litwareinc.com" data-state="Active"`)
	assert.Regexp(t, `data-health="Down" data-pool="atl-cs-001.litwareinc.com"`, html, "the diagram shows the failure")

	// Other clicks in the report do nothing.
	a.SetTab(TabAnalysis)
	a.ReportClick(click("td", "", "", "x", 0, 0))
	assert.Equal(t, TabAnalysis, a.Tab)

	// The pool filter asks the engine.
	a.SetAnalysisPoolFilter("dfw")
	a.AfterRender()
	assert.Contains(t, h.HTML["analysis-pools-html"], `data-pool="dfw-cs-001.litwareinc.com"`)
	assert.NotContains(t, h.HTML["analysis-pools-html"], `data-pool="atl-cs-001.litwareinc.com"`)

	// Leaving the tab empties the report's elements.
	a.SetTab(TabTopology)
	assert.Empty(t, h.HTML["analysis-report-html"])
	assert.Empty(t, h.HTML["analysis-worst-html"])
	assert.Empty(t, h.HTML["analysis-matrix-html"])
	assert.Empty(t, h.HTML["analysis-pools-html"])
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

func click(tag, class, value, text string, x, y float64) vugu.DOMEvent {
	return vugu.NewDOMEvent(nil, map[string]any{"clientX": x, "clientY": y,
		"target": map[string]any{"tagName": tag, "className": class, "value": value, "textContent": text}})
}

// TestWithTopology checks that the spliced analysis request decodes as json.Marshal's would,
// with its ID first for the worker script.
func TestWithTopology(t *testing.T) {
	topo := []byte(`{"name":"Litware","pools":[{"fqdn":"a.example.com"}]}`)
	req := proto.Request{ID: 12, Op: proto.OpAnalyze, Depth: 2}
	b := withTopology(req, topo)
	assert.True(t, strings.HasPrefix(string(b), `{"id":12,"op":"analyze"`), string(b))
	var got proto.Request
	require.NoError(t, json.Unmarshal(b, &got))
	req.Topology = topo
	assert.Equal(t, req, got)
	assert.Equal(t, 12, RequestID(b))
	assert.JSONEq(t, `{"id":12,"op":"analyze","depth":2}`, string(withTopology(req, nil)))
}
