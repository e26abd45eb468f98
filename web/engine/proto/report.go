package proto

// The operations that make printable reports (docs/evidence.md): each answers Printable.
const (
	// OpEvidence makes the evidence report of a run from Files: the JSON plan, then the run
	// log its runbook wrote.
	OpEvidence = "evidence"
	// OpReview makes the design review of the finished analysis Job.
	OpReview = "review"
	// OpDrillReport makes the result of the drill that ended; Line names the trainee (may be
	// empty).
	OpDrillReport = "drill-report"
)

// File is a file the user gave the page: its name and bytes.
type File struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Printable is a printable report made by the engine worker: its self-contained page and
// what the page shows of it, as HTML the page sets as is (the page's wasm carries no report
// code): the verdict (p.report-verdict, class pass or fail, data-state the report's state:
// passed, deviations or failed), its reasons, the key figures (div.figure, data-figure the
// figure's ID) and two buttons, value "open" (the page in a new tab, to print) and
// "download".
type Printable struct {
	// HTML is the report's page; Name the file it downloads as.
	HTML    string `json:"html"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
}
