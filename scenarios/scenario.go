// Package scenarios is failwright's format for replayable drills, their strict decoder, the
// runner that plays them against the simulator and checks what must hold, the training engine
// that lets a trainee type the commands, and the library of scenarios shipped with failwright
// (embedded, so every surface has it).
//
// A scenario is a topology, a seed and a timeline of steps. Each step happens at a moment of
// the virtual clock and runs a shell line, checks expectations, or waits for a trainee.
// docs/scenarios.md documents every key.
//
// The package is surface-independent: no os, no I/O. Callers hand it bytes and a Resolver
// that reads the topology file a scenario refers to; it hands back a Scenario, a Report or a
// Trainer's turns.
package scenarios

import (
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// Resolver reads the file at path (a slash-separated path, already joined to the directory of
// the scenario that refers to it). The CLI backs it with the file system, the browser and the
// Worker with the embedded library.
type Resolver func(path string) ([]byte, error)

// The audiences.
const (
	ForArchitect Audience = "architect"
	ForTrainer   Audience = "trainer"
	ForOperator  Audience = "operator"
)

// Audiences lists every Audience.
var Audiences = []Audience{ForArchitect, ForTrainer, ForOperator}

// The levels.
const (
	Beginner     Level = "beginner"
	Intermediate Level = "intermediate"
	Expert       Level = "expert"
)

// Levels lists every Level, easiest first.
var Levels = []Level{Beginner, Intermediate, Expert}

// Scenario is a decoded scenario file.
type Scenario struct {
	// File is the name the scenario was decoded under; it prefixes every position.
	File string `json:"file"`
	// Name is a short title.
	Name string `json:"name"`
	// Description is what a trainer reads aloud before the drill.
	Description string `json:"description"`
	// Audience is who the scenario is for.
	Audience Audience `json:"audience"`
	// Level is the knowledge it expects.
	Level Level `json:"level"`
	// TopologyFile is the topology's path as written, or "" when the topology is inline.
	TopologyFile string `json:"topologyFile,omitempty"`
	// Topology is the decoded topology.
	Topology *topology.Topology `json:"-"`
	// Seed drives the simulator's random choices.
	Seed int64 `json:"seed"`
	// Goals are what a trainee is scored against; nil when the scenario sets none.
	Goals *Goals `json:"goals,omitempty"`
	// Steps is the timeline, in non-decreasing order of At.
	Steps []Step `json:"steps"`

	src []byte // the file's bytes, for Record
}

// Source returns the bytes the scenario was decoded from.
func (s *Scenario) Source() []byte { return s.src }

// Training reports whether the scenario has at least one trainee step.
func (s *Scenario) Training() bool {
	for _, st := range s.Steps {
		if st.Trainee != nil {
			return true
		}
	}
	return false
}

// Step is one moment of the timeline.
type Step struct {
	// Pos is where the step starts in the file.
	Pos topology.Pos `json:"pos"`
	// At is the virtual time of the step; the runner advances the clock to it first.
	At time.Duration `json:"at"`
	// Run is a shell line to run, or "".
	Run string `json:"run,omitempty"`
	// Expect lists what must hold after Run (or at At when there is no Run).
	Expect []Expectation `json:"expect,omitempty"`
	// Trainee is set on a step where the trainee acts.
	Trainee *TraineeStep `json:"trainee,omitempty"`
	// Note is a note for the trainer.
	Note string `json:"note,omitempty"`
}

// TraineeStep is a step where the trainee must act.
type TraineeStep struct {
	// Prompt is what the trainee is told.
	Prompt string `json:"prompt"`
	// Goal is what the step must achieve, said plainly.
	Goal string `json:"goal,omitempty"`
	// Hints are given one at a time when the trainee asks.
	Hints []string `json:"hints,omitempty"`
	// Accept lists command patterns; the step is done when one of them succeeds. A pattern is
	// a cmdlet and the parameters the command must carry (more are allowed; parameter names
	// may be abbreviated as PowerShell allows).
	Accept []string `json:"accept,omitempty"`
	// Expect lists the state that must hold for the step to be done.
	Expect []Expectation `json:"expect,omitempty"`
	// Solution is the model answer: the lines the runner types when it plays the scenario
	// unattended, and that a trainee who gives up is shown.
	Solution []string `json:"solution"`
}

// Goals are what a training drill is scored against.
type Goals struct {
	// MaxRTO bounds every pool's time to restore full service; zero means no bound.
	MaxRTO time.Duration `json:"maxRTO,omitempty"`
	// MaxDataLoss bounds every pool's data-loss window; nil means no bound.
	MaxDataLoss *time.Duration `json:"maxDataLoss,omitempty"`
	// MaxFeatureRTO bounds, per feature, the time until every user who lost it has it back
	// (sim.Report's FeatureRTO); a feature still missing at the end breaks its bound.
	MaxFeatureRTO map[topology.Feature]time.Duration `json:"maxFeatureRTO,omitempty"`
	// Require lists commands that must succeed, in this order.
	Require []Rule `json:"require,omitempty"`
	// Forbid lists commands that must not be run.
	Forbid []Rule `json:"forbid,omitempty"`
}

// Rule is a required or forbidden command pattern with the explanation a trainee reads when
// it costs points.
type Rule struct {
	Command string       `json:"command"`
	Reason  string       `json:"reason,omitempty"`
	Points  int          `json:"points"`
	Pos     topology.Pos `json:"pos"`
}

// The expectation kinds.
const (
	KindHealth    ExpectKind = "health"
	KindPoolState ExpectKind = "poolState"
	KindUsers     ExpectKind = "users"    // one mode's count
	KindUsersAll  ExpectKind = "usersAll" // every user in one mode
	KindServedBy  ExpectKind = "servedBy"
	KindNextHop   ExpectKind = "nextHop"
	KindServersUp ExpectKind = "serversUp"
	KindBackEndUp ExpectKind = "backEndUp"
	KindLoad      ExpectKind = "load"
	KindBranchUp  ExpectKind = "branchUp"
	KindSiteUp    ExpectKind = "siteUp"
	KindCMSPool   ExpectKind = "cmsActivePool"
	KindCMSUp     ExpectKind = "cmsAvailable"
	KindBackup    ExpectKind = "backupState"
	KindBacklog   ExpectKind = "backlog"
	KindError     ExpectKind = "error"
	KindOutput    ExpectKind = "output"
	KindChanged   ExpectKind = "changed"
	KindPrompt    ExpectKind = "prompt"
	KindRTO       ExpectKind = "rto"
	KindDataLoss  ExpectKind = "dataLoss"
)

// Expectation is one thing that must hold. Path names it in the model
// ("pools[atl-cs-001.litwareinc.com].poolState"); Want is the value as written; Pos is where
// the value is in the file.
type Expectation struct {
	Kind ExpectKind   `json:"kind"`
	Path string       `json:"path"`
	Want string       `json:"want"`
	Pos  topology.Pos `json:"pos"`
	// AtEnd is true for run-wide bounds (rto, dataLoss), checked when the run ends.
	AtEnd bool `json:"atEnd,omitempty"`

	subject string // pool, branch or site; "from" of a backup direction; "" for all pools
	to      string // "to" of a backup direction
	mode    sim.Mode
	count   int  // KindUsers: the count, or -1 for "all"
	flag    bool // boolean expectations
	dur     time.Duration
	cmp     string // "<=", ">=", "<", ">", "=" for durations and loads
	load    float64
	pools   []string // run-wide bounds over every pool: the Front End pools they cover
	list    []string // lists of pools (edge.working, edge.mediaStopped): lower case, sorted
	text    string   // canonical string value
	span    span     // the value's bytes in the source, for Record
}
