package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

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
	// Error says why the analysis could not run; Status reports a cancel.
	Error  string
	Status string
	// PoolFilter narrows the pool list; Pools is the list shown.
	PoolFilter string
	Pools      []proto.AnalysisPool
	// MaxMemory is the largest engine worker memory reported during the last run.
	MaxMemory int64

	runID   int
	builtAt int
	startMs float64
	// Ms is the wall time of the last run as the page saw it (request to report).
	Ms float64
}

// SetAnalysisDepth chooses N-1 or N-2.
func (a *App) SetAnalysisDepth(d int) {
	if d == 1 || d == 2 {
		a.An.Depth = d
	}
}

// RunAnalysis starts the failure analysis of the workspace's topology in the engine worker.
// The worker answers in slices with the progress, and at last with the report.
func (a *App) RunAnalysis() {
	s := &a.An
	if s.Running {
		return
	}
	if a.findings.HasErrors() {
		s.Error = "The topology has errors: fix them on the Topology tab, then analyse it."
		return
	}
	topo, err := json.Marshal(a.T())
	if err != nil {
		s.Error = err.Error()
		return
	}
	if s.Depth == 0 {
		s.Depth = 2
	}
	s.Running, s.Error, s.Status = true, "", ""
	s.Done, s.Total, s.Phase, s.MaxMemory = 0, 1000, "Starting the engine", 0
	s.startMs = a.host.NowMs()
	changes := a.doc.Changes
	a.engineSeq++
	id := a.engineSeq
	s.runID = id
	b, _ := json.Marshal(proto.Request{ID: id, Op: proto.OpAnalyze, Topology: topo, Depth: s.Depth})
	a.host.Engine(b, func(data []byte, err error) {
		if s.runID != id || !s.Running {
			return // cancelled: late answers are dropped
		}
		var r proto.Response
		if err == nil {
			err = json.Unmarshal(data, &r)
		}
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
			s.Result = r.Analysis
			s.Pools = r.Analysis.Pools
			s.PoolFilter = ""
			s.MaxMemory = max(s.MaxMemory, r.Analysis.MemoryBytes)
			s.builtAt = changes
			s.Ms = a.host.NowMs() - s.startMs
		}
	})
}

// CancelAnalysis stops the running analysis: the worker drops it between two slices, and the
// page forgets its answers at once.
func (a *App) CancelAnalysis() {
	s := &a.An
	if !s.Running {
		return
	}
	s.Running = false
	s.Status = fmt.Sprintf("Cancelled at %d%%.", s.Percent())
	id := s.runID
	s.runID = -1
	b, _ := json.Marshal(proto.Request{ID: id, Op: proto.OpCancel})
	a.host.Engine(b, func([]byte, error) {})
}

// Percent is the progress in percent.
func (s *AnalysisState) Percent() int {
	if s.Total <= 0 {
		return 0
	}
	return int(s.Done * 100 / s.Total)
}

// AnalysisStale reports whether the topology changed since the report was made.
func (a *App) AnalysisStale() bool {
	return a.An.Result != nil && a.An.builtAt != a.doc.Changes
}

// FailTo loads a failure set into the simulator: the simulation starts again from the
// initial state and runs the set's setup lines through the shell (one undoable step, shown
// in the history), and the Simulate tab opens.
func (a *App) FailTo(setup []string, label string) {
	if len(setup) == 0 {
		return
	}
	lines := append([]string(nil), setup...)
	a.doc.Edit("fail to "+label, "", func(w *workspace.Workspace) { w.Log = lines })
	a.dirty = true
	a.replay()
	a.SetTab(TabSimulate)
	a.scrollConsole = true
	a.notify("info", "Failed to the worst case: %s.", label)
}

// FailToSet loads worst case set into the simulator.
func (a *App) FailToSet(set proto.AnalysisSet) {
	a.FailTo(set.Setup, strings.Join(set.Names, " + "))
}

// FailToCell loads the worst failure pair of matrix cell k into the simulator; the engine
// worker, which holds the analysis, gives its setup lines.
func (a *App) FailToCell(k int) {
	r := a.An.Result
	if r == nil || k < 0 || k >= len(r.Matrix.Cells) || r.Matrix.Cells[k].I < 0 {
		return
	}
	c := r.Matrix.Cells[k]
	a.callEngine(proto.Request{Op: proto.OpAnalysisSet, Job: r.Job, I: c.I, J: c.J}, func(resp proto.Response) {
		if resp.Error != "" {
			a.An.Error = resp.Error
			return
		}
		a.FailTo(resp.Setup, resp.Line)
	})
}

// SetAnalysisPoolFilter narrows the pool list; the engine worker, which holds every pool's
// worst cases, answers with the matching ones.
func (a *App) SetAnalysisPoolFilter(v string) {
	s := &a.An
	s.PoolFilter = v
	if s.Result == nil {
		return
	}
	job := s.Result.Job
	a.callEngine(proto.Request{Op: proto.OpAnalysisPools, Job: job, Line: v}, func(r proto.Response) {
		if s.Result == nil || s.Result.Job != job || s.PoolFilter != v {
			return
		}
		if r.Error != "" {
			s.Error = r.Error
			return
		}
		s.Pools = r.Pools
	})
}

// figureNames are the worst-case figures as the report's table names them.
var figureNames = map[string]string{
	"unserved":     "Users without full service",
	"noDR":         "Users without disaster recovery",
	"load":         "Worst load on a surviving pool",
	"rto":          "Longest recovery time (RTO)",
	"dataLoss":     "Longest data-loss window",
	"cms":          "Central Management store",
	"remoteAccess": "Remote access",
	"atRisk":       "Users at risk",
	"unservedNew":  "Unserved only together (pair effect)",
}

// FigureName names a figure for people.
func FigureName(f string) string {
	if n, ok := figureNames[f]; ok {
		return n
	}
	return f
}

// DepthName is "N-1" or "N-2".
func DepthName(d int) string { return "N-" + strconv.Itoa(d) }

// MB formats a byte count in megabytes.
func MB(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }

// ScoreText formats the score.
func ScoreText(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// KeptText formats the per-depth shares of users kept safe.
func KeptText(kept []float64) string {
	var parts []string
	for i, k := range kept {
		parts = append(parts, fmt.Sprintf("S%d = %.4f", i+1, k))
	}
	return strings.Join(parts, ", ")
}

// SetLabel names a failure set.
func SetLabel(s proto.AnalysisSet) string { return strings.Join(s.Names, " + ") }
