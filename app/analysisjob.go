package app

import (
	"fmt"

	"failwright/engine/analysis"
	"failwright/engine/topofile"
)

// MaxGroups is the most groups a matrix axis shows before the elements are grouped more
// coarsely (element, then pool-level unit, then site, then region).
const MaxGroups = 42

// The analysis's share of a job's progress (the pair matrix gets the rest), in thousandths.
const (
	progressTotal    = 1000
	progressAnalysis = 700
)

// AnalysisJob is a failure analysis done in slices, as the page's engine worker runs it
// between messages: Step until Done, then Report and Matrix. It keeps no clock: the surface
// decides how many steps fit its time budget.
type AnalysisJob struct {
	doc   *topofile.Document
	an    *analysis.Analyzer
	elems []analysis.Element
	depth int

	// The pair matrix, built once the analysis is done.
	groupOf []int
	matrix  Matrix
	row     int
	report  *analysis.Report
}

// StartAnalysis validates the topology of doc and starts an analysis of it at depth 1 or 2
// (any other depth is 2) on one goroutine. A topology with errors is StatusBadInput with its
// findings.
func StartAnalysis(doc *topofile.Document, depth int) (*AnalysisJob, AnalyzeResult) {
	if vf := doc.Validate(); vf.HasErrors() {
		vf.Sort()
		return nil, AnalyzeResult{Status: StatusBadInput, Findings: vf}
	}
	if depth != 1 {
		depth = 2
	}
	an, err := analysis.New(doc.Topology, analysis.Options{Depth: depth, Workers: 1})
	if err != nil {
		return nil, AnalyzeResult{Status: StatusBadInput, Err: err}
	}
	return &AnalysisJob{doc: doc, an: an, elems: an.Elements(), depth: depth}, AnalyzeResult{}
}

// Step does a small slice of the work (a few hundred failure sets, or one row of the matrix)
// and reports whether the job is done.
func (j *AnalysisJob) Step() bool {
	switch {
	case !j.an.Done():
		j.an.Next(200)
	case j.groupOf == nil:
		j.startMatrix()
	case j.row < len(j.elems):
		j.matrixRow()
	}
	return j.Done()
}

// Done reports whether the analysis and its matrix are complete.
func (j *AnalysisJob) Done() bool {
	return j.an.Done() && j.groupOf != nil && j.row >= len(j.elems)
}

// Progress is how far the job is: done of total (1000) steps, and the phase.
func (j *AnalysisJob) Progress() (done, total int64, phase string) {
	if !j.an.Done() {
		d, t := j.an.Progress()
		if t > 0 {
			done = d * progressAnalysis / t
		}
		return done, progressTotal, "Evaluating failure sets"
	}
	n := int64(len(j.elems))
	pairs := n * (n + 1) / 2
	r := int64(j.row)
	doneRows := r*n - r*(r-1)/2 // pairs (i, j >= i) of the rows done
	done = progressAnalysis
	if pairs > 0 {
		done += doneRows * (progressTotal - progressAnalysis) / pairs
	}
	return done, progressTotal, "Building the pair matrix"
}

// Report returns the finished analysis's report (its fingerprint stamped, its findings
// anchored and sorted) and fills in the matrix's buckets.
func (j *AnalysisJob) Report() (*analysis.Report, error) {
	if j.report != nil {
		return j.report, nil
	}
	r, err := j.an.Report()
	if err != nil {
		return nil, err
	}
	finishReport(j.doc, r)
	for i := range j.matrix.Cells {
		c := &j.matrix.Cells[i]
		if c.AtRisk < 0 {
			c.AtRisk = 0
		}
		c.Bucket = BucketOf(c.AtRisk, j.matrix.Scale)
	}
	j.report = r
	return r, nil
}

// Matrix is the failure-pair matrix (complete once the job is done and its Report taken).
func (j *AnalysisJob) Matrix() Matrix { return j.matrix }

// Set returns the setup lines and the name of the worst failure set of matrix cell i.
func (j *AnalysisJob) Set(i int) (setup []string, name string, err error) {
	if i < 0 || i >= len(j.matrix.Cells) || j.matrix.Cells[i].I < 0 {
		return nil, "", fmt.Errorf("no matrix cell %d", i)
	}
	c := j.matrix.Cells[i]
	set := j.an.Set(c.I, c.J)
	if c.J == c.I {
		set = j.an.Set(c.I, -1)
	}
	return set.Setup(), set.String(), nil
}
