package app

import (
	"failwright/engine/analysis"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// The depths an analysis may have: single failures, and also every pair.
const (
	MinDepth = 1
	MaxDepth = 2
)

// AnalyzeRequest is how to analyze a topology.
type AnalyzeRequest struct {
	// Depth is 1 (every single failure) or 2 (also every pair).
	Depth int
	// Simulate evaluates each failure set with the simulator and the plan builder instead of
	// the analysis model (slower; the model is held to give the same figures).
	Simulate bool
	// Workers bounds the goroutines the analysis uses; 0 means the analysis's default.
	Workers int
	// Progress, when not nil, is told how many failure sets of how many are done as the
	// analysis goes, from its goroutines, possibly at once (analysis.Options.Progress).
	Progress func(done, total int64)
}

// AnalyzeResult is a failure analysis: StatusOK when the design holds, StatusFail when it
// does not (the report has an error finding, some single failure leaves users without full
// service after recovery, or some single failure breaks a pool's recovery policy),
// StatusBadInput (with Findings, or Err) when the topology cannot be
// analyzed.
type AnalyzeResult struct {
	Status Status
	Report *analysis.Report
	// Findings are the topology's validation findings when it has errors.
	Findings topology.Findings
	Err      error
}

// Analyze fails every element of the topology of doc one at a time (and two at a time at
// depth 2), applies the recovery failwright would plan, and reports the worst cases, a
// resilience score and findings anchored to doc's file.
func Analyze(doc *topofile.Document, req AnalyzeRequest) AnalyzeResult {
	if vf := doc.Validate(); vf.HasErrors() {
		vf.Sort()
		return AnalyzeResult{Status: StatusBadInput, Findings: vf}
	}
	opts := analysis.Options{Depth: req.Depth, Workers: req.Workers, Progress: req.Progress}
	if req.Simulate {
		ev, err := analysis.NewSimEvaluator(doc.Topology)
		if err != nil {
			return AnalyzeResult{Status: StatusBadInput, Err: err}
		}
		opts.Evaluator = ev
	}
	r, err := analysis.Analyze(doc.Topology, opts)
	if err != nil {
		return AnalyzeResult{Status: StatusBadInput, Err: err}
	}
	finishReport(doc, r)
	return AnalyzeResult{Status: AnalysisStatus(r), Report: r}
}

// AnalysisStatus is whether the design a report analyzed holds: StatusFail when the report
// has an error finding or some single failure leaves users without full service after
// recovery, StatusOK otherwise.
func AnalysisStatus(r *analysis.Report) Status {
	if r.Findings.HasErrors() || r.SingleFailureUnserved() || r.SingleFailureBreaksPolicy() {
		return StatusFail
	}
	return StatusOK
}

// finishReport stamps the topology's fingerprint on a report and anchors its findings.
func finishReport(doc *topofile.Document, r *analysis.Report) {
	r.Fingerprint = topology.Fingerprint(doc.Topology)
	doc.Source.Anchor(r.Findings)
	r.Findings.Sort()
}
