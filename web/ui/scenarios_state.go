package ui

import (
	"fmt"
	"strings"

	"failwright/scenarios"
	"failwright/web/engine/proto"
)

// ScenarioStore is the Scenarios tab's store: the library (and the sample topologies it
// lists), the last run and a training drill.
type ScenarioStore struct {
	*Session
	Scen ScenarioState

	library      []scenarios.Entry
	samples      []string
	libraryAsked bool
	scrollTrain  bool
}

// ScenarioState is the Scenarios tab's state: the library, the last run and a training drill.
type ScenarioState struct {
	// Selected is the library file shown.
	Selected string
	// Report is the last run of Selected.
	Report *scenarios.Report
	// Error says why a scenario could not run.
	Error string

	// Drill is true while a training drill runs (or has just ended).
	Drill bool
	// Training is the drill's transcript, oldest first.
	Training []TrainEntry
	// Prompt is the trainee step waiting for input.
	Prompt *scenarios.Prompt
	// Score is the drill's outcome once finished.
	Score *scenarios.Score
	// Input is the trainee's prompt line.
	Input string
}

// TrainEntry is one item of a drill's transcript.
type TrainEntry struct {
	// Kind is "command", "hint", "feedback", "event" or "prompt".
	Kind    string
	Text    string
	Command *scenarios.CommandReport
}

// Library lists the scenario library (loaded from the engine worker on first use).
func (a *ScenarioStore) Library() []scenarios.Entry {
	if a.library == nil && !a.libraryAsked {
		a.libraryAsked = true
		a.engine(proto.Request{Op: proto.OpLibrary}, func(r proto.Response) {
			if r.Error != "" {
				a.Scen.Error = "The scenario library could not be loaded: " + r.Error
				a.libraryAsked = false
				return
			}
			a.library, a.samples = r.Library, r.Samples
		})
	}
	return a.library
}

// LibraryLoading reports whether the library is on its way.
func (a *ScenarioStore) LibraryLoading() bool { return a.library == nil && a.libraryAsked }

// RunScenario plays a library scenario and shows each expectation's outcome.
func (a *ScenarioStore) RunScenario(file string) {
	a.Scen = ScenarioState{Selected: file}
	a.engine(proto.Request{Op: proto.OpRun, File: file}, func(r proto.Response) {
		if a.Scen.Selected != file {
			return
		}
		a.Scen.Error, a.Scen.Report = r.Error, r.Report
	})
}

// OpenScenarioTopology loads a scenario's topology into the editor (undoable).
func (a *ScenarioStore) OpenScenarioTopology(file string) {
	a.engine(proto.Request{Op: proto.OpScenarioTop, File: file}, func(r proto.Response) {
		if r.Error != "" || r.Workspace == nil {
			a.notify("error", "The topology of %s could not be loaded: %s", file, r.Error)
			return
		}
		a.loadWorkspace(*r.Workspace)
		a.Tab = TabSimulate
	})
}

// StartTraining starts a drill of a training scenario.
func (a *ScenarioStore) StartTraining(file string) {
	a.Scen = ScenarioState{Selected: file, Drill: true}
	a.engine(proto.Request{Op: proto.OpTrainStart, File: file}, a.takeTurn)
}

// Training reports whether a drill is shown.
func (a *ScenarioStore) Training() bool { return a.Scen.Drill }

func (a *ScenarioStore) takeTurn(r proto.Response) {
	s := &a.Scen
	if r.Error != "" {
		s.Error = r.Error
		return
	}
	if t := r.Turn; t != nil {
		for _, ev := range t.Events {
			for i := range ev.Commands {
				s.Training = append(s.Training, TrainEntry{Kind: "event", Command: &ev.Commands[i]})
			}
			if ev.Note != "" {
				s.Training = append(s.Training, TrainEntry{Kind: "feedback", Text: ev.Note})
			}
		}
		if t.Command != nil {
			s.Training = append(s.Training, TrainEntry{Kind: "command", Command: t.Command})
		}
		if t.Hint != "" {
			s.Training = append(s.Training, TrainEntry{Kind: "hint", Text: "Hint: " + t.Hint})
		}
		for _, f := range t.Feedback {
			s.Training = append(s.Training, TrainEntry{Kind: "feedback", Text: f})
		}
		if t.Prompt != nil && t.NewStep {
			s.Training = append(s.Training, TrainEntry{Kind: "prompt",
				Text: fmt.Sprintf("Step %d of %d: %s", t.Prompt.Number, t.Prompt.Of, t.Prompt.Text)})
		}
		s.Prompt = t.Prompt
	}
	if r.Score != nil {
		s.Score = r.Score
		s.Prompt = nil
	}
	a.scrollTrain = true
}

// TrainInput sends the trainee's line (a command, "hint" or "skip").
func (a *ScenarioStore) TrainInput(line string) {
	line = strings.TrimSpace(line)
	a.Scen.Input = ""
	if !a.Scen.Drill || a.Scen.Score != nil || line == "" {
		return
	}
	a.engine(proto.Request{Op: proto.OpTrainInput, Line: line}, a.takeTurn)
}

// TrainKey handles Enter in the trainee's prompt.
func (a *ScenarioStore) TrainKey(key, value string) {
	if key == "Enter" {
		a.TrainInput(value)
	}
}

// FinishTraining ends the drill and shows the score.
func (a *ScenarioStore) FinishTraining() {
	if !a.Scen.Drill || a.Scen.Score != nil {
		return
	}
	a.engine(proto.Request{Op: proto.OpTrainFinish}, a.takeTurn)
}
