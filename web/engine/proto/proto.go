// Package proto is the message format between the browser app and its engine worker (a Web
// Worker running engine.wasm): the app posts a Request as JSON and gets a Response back. Only
// plain data lives here, so that the app's own wasm carries the types and none of the heavy
// code (scenario runs, training, plan building and rendering) that the worker runs.
package proto

import (
	"encoding/json"

	"failwright/engine/plan"
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/scenarios/result"
	"failwright/web/workspace"
)

// The operations.
const (
	OpLibrary     = "library"      // list the scenario library
	OpRun         = "run"          // run a library scenario: Report
	OpTrainStart  = "train-start"  // start a drill of a library scenario: Turn
	OpTrainInput  = "train-input"  // send the trainee's line: Turn (and Score when over)
	OpTrainFinish = "train-finish" // end the drill: Score
	OpTrainInject = "train-inject" // play a class trainer's fault (Line) in the drill: Turn
	OpPlan        = "plan"         // build and render a plan: Plan
	OpImport      = "import"       // decode a file the user chose (File, Text): Workspace or ImportErrors
	OpSample      = "sample"       // decode a sample topology of the library (File): Workspace
	OpScenarioTop = "scenario-top" // the topology of a library scenario (File): Workspace

	// OpAnalyze starts a failure analysis of Topology at Depth; the answer has More set and
	// Progress until the analysis is done, then Analysis. Each More answer asks the worker
	// script to send OpContinue for the same ID (after letting other messages in), which does
	// the next slice of work; OpCancel (same ID) stops it and answers Cancelled.
	OpAnalyze  = "analyze"
	OpContinue = "continue"
	OpCancel   = "cancel"
	// OpAnalysisSet returns the setup lines of the worst failure set of matrix cell I of the
	// analysis Job: "fail to worst case" from a matrix cell.
	OpAnalysisSet = "analysis-set"
	// OpAnalysisPools returns the pools of the analysis Job whose FQDN or site contains Line.
	OpAnalysisPools = "analysis-pools"
	// OpWarm runs a few analyses (web/engine warmRuns), their reports for the page
	// included, and forgets them: sent once the page is idle after loading, it has the browser
	// compile the analysis code and grow the worker's heap before the first real analysis.
	OpWarm = "warm"
)

// Request is one call to the engine worker.
type Request struct {
	ID   int    `json:"id"`
	Op   string `json:"op"`
	File string `json:"file,omitempty"`
	Line string `json:"line,omitempty"`
	// Text is the content of a file to import; Data, when set, is its bytes (a UTF-16
	// topology file is not text the page can carry in a string).
	Text string `json:"text,omitempty"`
	Data []byte `json:"data,omitempty"`
	// Answers complete an import that had gaps, by field id (ImportGaps).
	Answers map[string]string `json:"answers,omitempty"`
	// Files are the files of an OpEvidence request.
	Files []File `json:"files,omitempty"`
	// Topology is the topology to plan for, as JSON.
	Topology json.RawMessage `json:"topology,omitempty"`
	Plan     *plan.Request   `json:"plan,omitempty"`
	// Depth is the analysis depth, 1 or 2.
	Depth int `json:"depth,omitempty"`
	// Job names a finished analysis; I is a matrix cell in it.
	Job int `json:"job,omitempty"`
	I   int `json:"i,omitempty"`
}

// Response is the engine's answer to the request with the same ID.
type Response struct {
	ID int `json:"id"`
	// More says that the work goes on: the worker script sends OpContinue with this ID. It
	// is written right after the ID so that the script finds it without parsing the answer.
	More bool `json:"more,omitempty"`
	// Quiet, with More, says that the worker script need not post this answer to the page:
	// progress is posted at most every 100 ms, so that the page renders a few times a second
	// while the worker slices its work every 20 ms.
	Quiet bool `json:"quiet,omitempty"`
	// Cancelled answers OpCancel.
	Cancelled bool           `json:"cancelled,omitempty"`
	Error     string         `json:"error,omitempty"`
	Library   []result.Entry `json:"library,omitempty"`
	// Samples are the sample topologies' library paths (topologies/NAME.yaml), sorted.
	Samples []string `json:"samples,omitempty"`
	// Workspace is a decoded workspace (import, sample, scenario topology).
	Workspace *workspace.Workspace `json:"workspace,omitempty"`
	// ImportErrors are an import's problems, each with file:line:column.
	ImportErrors []string `json:"importErrors,omitempty"`
	// ImportGaps are what an imported Skype for Business topology file does not say, for the
	// page's "complete the import" step.
	ImportGaps *ImportGaps    `json:"importGaps,omitempty"`
	Report     *result.Report `json:"report,omitempty"`
	Turn       *result.Turn   `json:"turn,omitempty"`
	// Drill is what the trainee sees of the drill's simulation, with each turn.
	Drill *Drill        `json:"drill,omitempty"`
	Score *result.Score `json:"score,omitempty"`
	Plan  *PlanResult   `json:"plan,omitempty"`
	// Progress is how far a running analysis is.
	Progress *Progress `json:"progress,omitempty"`
	// Analysis is a finished analysis, trimmed for the page.
	Analysis *Analysis `json:"analysis,omitempty"`
	// Setup is the simulator lines of a failure set (OpAnalysisSet), and Line names the set.
	Setup []string `json:"setup,omitempty"`
	Line  string   `json:"line,omitempty"`
	// PoolsHTML answers OpAnalysisPools: the pool table and findings (Analysis.PoolsHTML).
	PoolsHTML string `json:"poolsHtml,omitempty"`
	// Printable answers OpEvidence, OpReview and OpDrillReport.
	Printable *Printable `json:"printable,omitempty"`
}

// PlanResult is a built plan and its three renderings, or the findings that refused it.
type PlanResult struct {
	// Findings are every finding (errors when the plan was refused).
	Findings topology.Findings `json:"findings"`
	// Plan is the plan, nil when refused.
	Plan *plan.Plan `json:"plan,omitempty"`
	// PS1, Markdown and JSON are the renderings.
	PS1      string `json:"ps1,omitempty"`
	Markdown string `json:"markdown,omitempty"`
	JSON     string `json:"json,omitempty"`
}

// Drill is what the trainee sees of a training drill's simulation with each turn: its
// deployment and users over time, drawn by the worker as SVG, and the state now.
type Drill struct {
	HTML     string       `json:"html"`
	Snapshot sim.Snapshot `json:"snapshot"`
}

// ImportGaps are the "complete the import" step: its form as HTML, whose fields the page
// sends back by id as Request.Answers: "u/FQDN" (a pool's users), "u/branch/FQDN" (a
// branch's), "b/FQDN" (a backup pool, "none" for none) and "v" (SfB2019 or SfBSE); and the
// gaps the form does not ask (answered with a completion file).
type ImportGaps struct {
	HTML  string   `json:"html"`
	Other []string `json:"other,omitempty"`
}
