package app

import (
	"fmt"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/scenarios"
)

// Drill is a training session on one scenario: Start it, Input the trainee's lines, Finish
// it for the score.
type Drill struct {
	Scenario *scenarios.Scenario
	trainer  *scenarios.Trainer
	eng      scenarios.Engine
}

// StartDrill starts a drill of a scenario. A scenario that does not decode, has no trainee
// steps or cannot start its simulation is StatusBadInput, with the findings or the error.
func StartDrill(req RunRequest) (*Drill, scenarios.Turn, RunResult) {
	sc, fs, st := LoadScenario(req)
	if st != StatusOK {
		return nil, scenarios.Turn{}, RunResult{Status: st, Findings: fs}
	}
	if !sc.Training() {
		return nil, scenarios.Turn{}, RunResult{Status: StatusBadInput, Scenario: sc, Findings: fs, Err: ErrNotTraining}
	}
	d := &Drill{Scenario: sc}
	// Keep the drill's simulator, so that the trainee can see its state (Snapshot, Report).
	tr, err := scenarios.NewTrainer(sc, scenarios.Options{NewEngine: func(t *topology.Topology, seed int64) (scenarios.Engine, error) {
		s, err := sim.New(t, sim.Options{Seed: seed})
		if err != nil {
			return nil, err
		}
		d.eng = s
		return s, nil
	}})
	if err != nil {
		return nil, scenarios.Turn{}, RunResult{Status: StatusBadInput, Scenario: sc, Findings: fs, Err: err}
	}
	d.trainer = tr
	return d, tr.Start(), RunResult{Status: StatusOK, Scenario: sc, Findings: fs}
}

// ErrNotTraining is StartDrill's error for a scenario without trainee steps.
var ErrNotTraining = fmt.Errorf("the scenario has no trainee steps")

// Input plays one line the trainee typed (a command, hint, skip or exit).
func (d *Drill) Input(line string) scenarios.Turn { return d.trainer.Input(line) }

// Snapshot is the state of the drill's simulation now.
func (d *Drill) Snapshot() sim.Snapshot { return d.eng.Snapshot() }

// Report is the drill's simulation so far: its timeline and events.
func (d *Drill) Report() sim.Report { return d.eng.Report() }

// Done reports whether the drill is over.
func (d *Drill) Done() bool { return d.trainer.Done() }

// Finish ends the drill and scores it.
func (d *Drill) Finish() *scenarios.Score { return d.trainer.Finish() }

// ScoreStatus is how a score maps: StatusOK when the drill is passed, StatusFail otherwise.
func ScoreStatus(s *scenarios.Score) Status {
	if s.Passed {
		return StatusOK
	}
	return StatusFail
}
