package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

// AnalysisStore is the Analysis tab's store: the analysis asked for, its progress and its
// report, and the way from a failure set to the simulator.
type AnalysisStore struct {
	*Session
	// simStore is where "fail to" loads a failure set.
	simStore *SimStore
	An       AnalysisState
}

// tabChanged empties the report's elements when the Analysis tab is left, before the next
// render: vugu may reuse them for the new tab's elements, and would not remove children it
// did not create.
func (az *AnalysisStore) tabChanged(from, to string) {
	az.clearPrintout(from)
	if from == TabAnalysis && to != TabAnalysis {
		for _, id := range []string{"analysis-report-html", "analysis-worst-html", "analysis-matrix-html", "analysis-pools-html"} {
			az.host.SetHTML(id, "", "")
		}
		az.An.shown = ""
	}
}

// AnalysisState is the Analysis tab's state: the depth asked for, the run in progress (in the
// engine worker) and the last report.
type AnalysisState struct {
	// Depth is 1 (N-1) or 2 (N-2).
	Depth int
	// Running is true from Run until the last answer or a cancel.
	Running bool
	// Done and Total are the progress in thousandths; Phase says what the worker is doing.
	Done, Total int64
	Phase       string
	// Result is the last finished analysis.
	Result *proto.Analysis
	// Review is its design review, once asked for (PrintReview).
	Review Printout
	// Error says why the analysis could not run; Status reports a cancel.
	Error  string
	Status string
	// PoolFilter narrows the pool list; PoolsHTML is the list shown (the engine writes it).
	PoolFilter string
	PoolsHTML  string
	// MaxMemory is the largest engine worker memory reported during the last run.
	MaxMemory int64
	// Cursor is the matrix cell the keyboard is on (its index; -1 for none).
	Cursor int

	runID    int
	builtAt  int
	poolsGen int
	// shown is the key of the report last handed to the page.
	shown   string
	startMs float64
	// Ms is the wall time of the last run as the page saw it (request to report), and
	// DecodeMs how long the page took to decode the report's answer.
	Ms, DecodeMs float64
	// EncodeMs is how long the Run click took to encode the topology for the worker, and
	// ClickMs how long its handler took in all (the request posted to the worker included).
	EncodeMs, ClickMs float64
}

// SetAnalysisDepth chooses N-1 or N-2.
func (az *AnalysisStore) SetAnalysisDepth(d int) {
	if d == 1 || d == 2 {
		az.An.Depth = d
	}
}

// SetAnalysisDepthText chooses the depth from the select's value.
func (az *AnalysisStore) SetAnalysisDepthText(v string) {
	d, _ := strconv.Atoi(v)
	az.SetAnalysisDepth(d)
}

// Message is a line of status under a form: its element id, its kind (info, warning or
// error) and its text.
type Message struct{ ID, Kind, Text string }

// AnalysisMessage is the Analysis tab's status line: an error, a cancel, or a report older
// than the topology.
func (az *AnalysisStore) AnalysisMessage() Message {
	switch {
	case az.An.Error != "":
		return Message{"analysis-error", "error", az.An.Error}
	case az.An.Status != "":
		return Message{"analysis-status", "info", az.An.Status}
	case az.AnalysisStale():
		return Message{"analysis-stale", "warning", "The topology changed since this analysis: run it again."}
	}
	return Message{}
}

// RunAnalysis starts the failure analysis of the workspace's topology in the engine worker.
// The worker answers in slices with the progress, and at last with the report.
func (az *AnalysisStore) RunAnalysis() {
	s := &az.An
	if s.Running {
		return
	}
	if az.findings.HasErrors() {
		s.Error = "The topology has errors: fix them on the Topology tab, then analyse it."
		return
	}
	t0 := az.host.NowMs()
	defer func() { s.ClickMs = az.host.NowMs() - t0 }()
	topo, err := json.Marshal(az.T())
	if err != nil {
		s.Error = err.Error()
		return
	}
	s.EncodeMs = az.host.NowMs() - t0
	if s.Depth == 0 {
		s.Depth = 2
	}
	s.Running, s.Error, s.Status, s.Review = true, "", "", Printout{}
	s.Done, s.Total, s.Phase, s.MaxMemory = 0, 1000, "Starting the engine", 0
	s.startMs = az.host.NowMs()
	changes := az.doc.Changes
	az.engineSeq++
	id := az.engineSeq
	s.runID = id
	b := withTopology(proto.Request{ID: id, Op: proto.OpAnalyze, Depth: s.Depth}, topo)
	az.host.Engine(b, func(data []byte, err error) {
		if s.runID != id || !s.Running {
			return // cancelled: late answers are dropped
		}
		var r proto.Response
		t0 := az.host.NowMs()
		if err == nil {
			err = json.Unmarshal(data, &r)
		}
		decodeMs := az.host.NowMs() - t0
		switch {
		case err != nil:
			s.Running, s.Error = false, "The engine failed: "+err.Error()
		case r.Error != "":
			s.Running, s.Error = false, r.Error
		case r.More && r.Progress != nil:
			s.Done, s.Total, s.Phase = r.Progress.Done, r.Progress.Total, r.Progress.Phase
			s.MaxMemory = max(s.MaxMemory, r.Progress.MemoryBytes)
		case r.Analysis != nil:
			s.Running = false
			s.Result, s.Cursor = r.Analysis, -1
			s.PoolsHTML = r.Analysis.PoolsHTML
			s.poolsGen++
			s.PoolFilter = ""
			s.MaxMemory = max(s.MaxMemory, r.Analysis.MemoryBytes)
			s.builtAt = changes
			s.Ms = az.host.NowMs() - s.startMs
			s.DecodeMs = decodeMs
		}
	})
}

// CancelAnalysis stops the running analysis: the worker drops it between two slices, and the
// page forgets its answers at once.
func (az *AnalysisStore) CancelAnalysis() {
	s := &az.An
	if !s.Running {
		return
	}
	s.Running = false
	s.Status = fmt.Sprintf("Cancelled at %d%%.", s.Percent())
	id := s.runID
	s.runID = -1
	b, _ := json.Marshal(proto.Request{ID: id, Op: proto.OpCancel})
	az.host.Engine(b, func([]byte, error) {})
}

// Percent is the progress in percent.
func (s *AnalysisState) Percent() int {
	if s.Total <= 0 {
		return 0
	}
	return int(s.Done * 100 / s.Total)
}

// AnalysisStale reports whether the topology changed since the report was made.
func (az *AnalysisStore) AnalysisStale() bool {
	return az.An.Result != nil && az.An.builtAt != az.doc.Changes
}

// FailTo loads a failure set into the simulator: the simulation starts again from the
// initial state and runs the set's setup lines through the shell (one undoable step, shown
// in the history), and the Simulate tab opens.
func (az *AnalysisStore) FailTo(setup []string, label string) {
	if len(setup) == 0 {
		return
	}
	lines := append([]string(nil), setup...)
	az.doc.Edit("fail to "+label, "", func(w *workspace.Workspace) { w.Log = lines })
	az.dirty = true
	az.reload()
	az.SetTab(TabSimulate)
	az.simStore.scrollConsole = true
	az.notify("info", "Failed to the worst case: %s.", label)
}

// FailToCell loads the worst failure pair of matrix cell k into the simulator; the engine
// worker, which holds the analysis, gives its setup lines.
func (az *AnalysisStore) FailToCell(k int) {
	r := az.An.Result
	if r == nil || k < 0 {
		return
	}
	az.engine(proto.Request{Op: proto.OpAnalysisSet, Job: r.Job, I: k}, func(resp proto.Response) {
		if resp.Error != "" {
			az.An.Error = resp.Error
			return
		}
		az.FailTo(resp.Setup, resp.Line)
	})
}

// ReportClick handles a click in the report (written by the engine worker): a "fail to"
// button carries its set's setup lines in its value and its name as its text; a click on
// the matrix fails to the worst case of the cell under it.
func (az *AnalysisStore) ReportClick(event vugu.DOMEvent) {
	if strings.EqualFold(event.PropString("target", "tagName"), "path") {
		az.MatrixClick(event)
		return
	}
	if !strings.Contains(event.PropString("target", "className"), "fail-to") {
		return
	}
	if v := event.PropString("target", "value"); v != "" {
		az.FailTo(strings.Split(v, "\n"), event.PropString("target", "textContent"))
	}
}

// MatrixClick maps a click on the matrix to its cell, with the drawing's size on screen.
func (az *AnalysisStore) MatrixClick(event vugu.DOMEvent) {
	r := az.An.Result
	if r == nil {
		return
	}
	g := r.Matrix
	left, top, w, h, ok := az.host.Rect("analysis-matrix")
	if !ok || w <= 0 || h <= 0 {
		return
	}
	x := (event.PropFloat64("clientX") - left) * float64(g.W) / w
	y := (event.PropFloat64("clientY") - top) * float64(g.H) / h
	if k := g.CellAt(x, y); k >= 0 {
		az.FailToCell(k)
	}
}

// htmlPart is a block of the report's HTML and the element it goes into.
type htmlPart struct{ id, key, html string }

// showReport puts the report's HTML, as the engine worker wrote it, into the empty elements of
// the Analysis tab: the score, the worst cases, the matrix and the pool table, each in a task
// of its own after a frame of its own (the first layout of a large report's text costs tens of
// milliseconds: laid out in one frame, the four parts made a long task of the page's thread).
// The host sets each element only when its content changed.
func (az *AnalysisStore) showReport() {
	if az.Tab != TabAnalysis || az.An.Result == nil {
		return
	}
	job := strconv.Itoa(az.An.Result.Job)
	key := job + "/" + strconv.Itoa(az.An.poolsGen)
	if az.An.shown == key {
		return
	}
	az.An.shown = key
	top, matrix, _ := strings.Cut(az.An.Result.HTML, proto.MatrixMarker)
	score, worst, _ := strings.Cut(top, proto.WorstMarker)
	az.setParts(key, []htmlPart{{"analysis-report-html", job, score}, {"analysis-worst-html", job, worst},
		{"analysis-matrix-html", job, matrix}, {"analysis-pools-html", key, az.An.PoolsHTML}})
}

func (az *AnalysisStore) setParts(key string, parts []htmlPart) {
	if len(parts) == 0 {
		return
	}
	az.host.AfterFrame(func() {
		if az.Tab != TabAnalysis || az.An.shown != key {
			return
		}
		az.host.SetHTML(parts[0].id, parts[0].key, parts[0].html)
		az.setParts(key, parts[1:])
	})
}

// SetAnalysisPoolFilter narrows the pool list; the engine worker, which holds every pool's
// worst cases, answers with the matching ones.
func (az *AnalysisStore) SetAnalysisPoolFilter(v string) {
	s := &az.An
	s.PoolFilter = v
	if s.Result == nil {
		return
	}
	job := s.Result.Job
	az.engine(proto.Request{Op: proto.OpAnalysisPools, Job: job, Line: v}, func(r proto.Response) {
		if s.Result == nil || s.Result.Job != job || s.PoolFilter != v {
			return
		}
		if r.Error != "" {
			s.Error = r.Error
			return
		}
		s.PoolsHTML = r.PoolsHTML
		s.poolsGen++
	})
}
