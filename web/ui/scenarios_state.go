package ui

import (
	"fmt"
	"strings"

	"failwright/engine/sim"
	"failwright/scenarios/result"
	"failwright/web/engine/proto"
)

// ScenarioStore is the Scenarios tab's store: the library (and the sample topologies it
// lists), the last run and a training drill.
type ScenarioStore struct {
	*Session
	Scen ScenarioState

	library      []result.Entry
	samples      []string
	libraryAsked bool
	scrollTrain  bool
}

// ScenarioState is the Scenarios tab's state: the library, the last run and a training drill.
type ScenarioState struct {
	// Selected is the library file shown.
	Selected string
	// Report is the last run of Selected.
	Report *result.Report
	// Error says why a scenario could not run.
	Error string

	// Drill is true while a training drill runs (or has just ended).
	Drill bool
	// Training is the drill's transcript, oldest first.
	Training []TrainEntry
	// Prompt is the trainee step waiting for input.
	Prompt *result.Prompt
	// Score is the drill's outcome once finished.
	Score *result.Score
	// Input is the trainee's prompt line.
	Input string
	// DrillHTML draws the drill's simulation beside it (the worker writes it): the trainee
	// sees the deployment and the users over time as they work. DrillSnap is its state now.
	DrillHTML string
	DrillSnap sim.Snapshot
	// Result is the drill's printable result, once asked for (PrintDrillResult).
	Result Printout
}

// TrainEntry is one item of a drill's transcript.
type TrainEntry struct {
	// Kind is "command", "hint", "feedback", "event" or "prompt".
	Kind string
	// Clock is when a scripted event happened, in virtual time ("" for the trainee's).
	Clock   string
	Text    string
	Command *result.CommandReport
}

// Library lists the scenario library (loaded from the engine worker on first use).
func (sc *ScenarioStore) Library() []result.Entry {
	if sc.library == nil && !sc.libraryAsked {
		sc.libraryAsked = true
		sc.engine(proto.Request{Op: proto.OpLibrary}, func(r proto.Response) {
			if r.Error != "" {
				sc.Scen.Error = "The scenario library could not be loaded: " + r.Error
				sc.libraryAsked = false
				return
			}
			sc.library, sc.samples = r.Library, r.Samples
		})
	}
	return sc.library
}

// LibraryLoading reports whether the library is on its way.
func (sc *ScenarioStore) LibraryLoading() bool { return sc.library == nil && sc.libraryAsked }

// RunScenario plays a library scenario and shows each expectation's outcome.
func (sc *ScenarioStore) RunScenario(file string) {
	sc.Scen = ScenarioState{Selected: file}
	sc.engine(proto.Request{Op: proto.OpRun, File: file}, func(r proto.Response) {
		if sc.Scen.Selected != file {
			return
		}
		sc.Scen.Error, sc.Scen.Report = r.Error, r.Report
	})
}

// OpenScenarioTopology loads a scenario's topology into the editor (undoable).
func (sc *ScenarioStore) OpenScenarioTopology(file string) {
	sc.engine(proto.Request{Op: proto.OpScenarioTop, File: file}, func(r proto.Response) {
		if r.Error != "" || r.Workspace == nil {
			sc.notify("error", "The topology of %s could not be loaded: %s", file, r.Error)
			return
		}
		sc.loadWorkspace(*r.Workspace)
		sc.Tab = TabSimulate
	})
}

// StartTraining starts a drill of a training scenario.
func (sc *ScenarioStore) StartTraining(file string) {
	sc.Scen = ScenarioState{Selected: file, Drill: true}
	sc.engine(proto.Request{Op: proto.OpTrainStart, File: file}, sc.takeTurn)
}

// Training reports whether a drill is shown.
func (sc *ScenarioStore) Training() bool { return sc.Scen.Drill }

func (sc *ScenarioStore) takeTurn(r proto.Response) {
	s := &sc.Scen
	if r.Error != "" {
		s.Error = r.Error
		return
	}
	if t := r.Turn; t != nil {
		// In time order: the trainee's input and what the trainer says about it, then the
		// scripted steps it set off. The steps' notes are for the trainer: not shown here.
		if t.Command != nil {
			s.Training = append(s.Training, TrainEntry{Kind: "command", Command: t.Command})
		}
		if t.Hint != "" {
			s.Training = append(s.Training, TrainEntry{Kind: "hint", Text: "Hint: " + t.Hint})
		}
		for _, f := range t.Feedback {
			s.Training = append(s.Training, TrainEntry{Kind: "feedback", Text: f})
		}
		for _, ev := range t.Events {
			for i := range ev.Commands {
				s.Training = append(s.Training, TrainEntry{Kind: "event", Clock: ev.Commands[i].Clock.Clock(), Command: &ev.Commands[i]})
			}
		}
		if t.Prompt != nil && t.NewStep {
			s.Training = append(s.Training, TrainEntry{Kind: "prompt",
				Text: fmt.Sprintf("Step %d of %d: %s", t.Prompt.Number, t.Prompt.Of, t.Prompt.Text)})
		}
		s.Prompt = t.Prompt
	}
	if d := r.Drill; d != nil {
		s.DrillHTML, s.DrillSnap = d.HTML, d.Snapshot
	}
	if r.Score != nil {
		s.Score = r.Score
		s.Prompt = nil
	}
	sc.scrollTrain = true
}

// TrainInput sends the trainee's line (a command, "hint" or "skip").
func (sc *ScenarioStore) TrainInput(line string) {
	line = strings.TrimSpace(line)
	sc.Scen.Input = ""
	if !sc.Scen.Drill || sc.Scen.Score != nil || line == "" {
		return
	}
	sc.engine(proto.Request{Op: proto.OpTrainInput, Line: line}, sc.takeTurn)
}

// TrainKey handles Enter in the trainee's prompt.
func (sc *ScenarioStore) TrainKey(key, value string) {
	if key == "Enter" {
		sc.TrainInput(value)
	}
}

// FinishTraining ends the drill and shows the score.
func (sc *ScenarioStore) FinishTraining() {
	if !sc.Scen.Drill || sc.Scen.Score != nil {
		return
	}
	sc.engine(proto.Request{Op: proto.OpTrainFinish}, sc.takeTurn)
}
