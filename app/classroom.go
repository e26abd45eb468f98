package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"failwright/engine/sim"
	"failwright/scenarios"
)

// Class is a classroom: a trainer runs drills for a group of trainees. It is pure data that a
// surface stores (the Worker in D1) and hands back whole: the drills, the trainees, every
// command a trainee typed and the trainer's events, each with the class-wide sequence number
// that orders them. Nothing computed is stored: replaying a trainee's commands, with the
// events at their place, on the same deterministic engine gives their step, score, hints and
// time, so a score a browser claims is never needed nor trusted.
type Class struct {
	// Drills are the scenarios of the class, in the order the trainer runs them.
	Drills []Source
	// Trainees are the trainees who joined, in the order they joined.
	Trainees []ClassTrainee
	// Commands are the lines the trainees typed, in any order (Seq orders them).
	Commands []ClassCommand
	// Events are the trainer's events, in any order (Seq orders them).
	Events []ClassEvent
}

// ClassTrainee is one trainee of a class.
type ClassTrainee struct {
	// ID identifies the trainee within the class.
	ID string `json:"id"`
	// Name is the display name the trainee chose.
	Name string `json:"name"`
}

// ClassCommand is one line a trainee typed in a drill of the class.
type ClassCommand struct {
	Seq     int64  `json:"seq"`
	Trainee string `json:"trainee"`
	// Drill is the index in Class.Drills of the drill the line was typed in.
	Drill int `json:"drill"`
	// At is when the surface received it, in milliseconds since the class was created.
	At   int64  `json:"at"`
	Line string `json:"line"`
}

// The kinds of class event.
const (
	EventStart  = "start"  // the trainer starts a drill (ClassEvent.Drill) for everyone
	EventInject = "inject" // the trainer injects a fault (ClassEvent.Verb) for everyone
	EventPause  = "pause"  // commands are refused until resume
	EventResume = "resume" // commands are taken again
	EventEnd    = "end"    // the class is over: no more commands or events
)

// ClassEvent is one thing the trainer did to the whole class.
type ClassEvent struct {
	Seq  int64  `json:"seq"`
	Kind string `json:"kind"`
	// Drill is the drill a start event starts; the other events apply to the drill running.
	Drill int `json:"drill"`
	// Verb is an inject event's simulator verb, one shell line (Stop-SimSite -Site Dallas).
	Verb string `json:"verb,omitempty"`
	// At is when the surface received it, in milliseconds since the class was created.
	At int64 `json:"at"`
}

// The states of a class (ClassState.Status).
const (
	ClassWaiting = "waiting" // created; no drill started yet
	ClassRunning = "running"
	ClassPaused  = "paused"
	ClassEnded   = "ended"
)

// ClassState is where a class stands after its events.
type ClassState struct {
	Status string `json:"status"`
	// Drill is the drill running (or paused), -1 before the first start.
	Drill int `json:"drill"`
}

// Errors of the class use case; a surface maps each to a refusal the user reads.
var (
	ErrClassNotStarted = errors.New("the trainer has not started the drill yet")
	ErrClassPaused     = errors.New("the trainer has paused the drill")
	ErrClassEnded      = errors.New("the class has ended")
	ErrNoSuchDrill     = errors.New("the class has no such drill")
	ErrEventKind       = errors.New("unknown class event (start, inject, pause, resume or end)")
	ErrNotAFault       = errors.New("an injected fault is one simulator verb that breaks or repairs something (Stop-SimSite -Site Dallas, Disconnect-SimSite -Site Atlanta -To Dallas)")
)

// sortedEvents returns the events in Seq order.
func sortedEvents(es []ClassEvent) []ClassEvent {
	out := append([]ClassEvent(nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// State returns where the class stands after its events.
func (c *Class) State() ClassState {
	st := ClassState{Status: ClassWaiting, Drill: -1}
	for _, e := range sortedEvents(c.Events) {
		st = st.Apply(e)
	}
	return st
}

// Apply returns the state after e; an event the state does not admit changes nothing.
func (st ClassState) Apply(e ClassEvent) ClassState {
	if st.Status == ClassEnded {
		return st
	}
	switch e.Kind {
	case EventStart:
		return ClassState{Status: ClassRunning, Drill: e.Drill}
	case EventPause:
		if st.Status == ClassRunning {
			st.Status = ClassPaused
		}
	case EventResume:
		if st.Status == ClassPaused {
			st.Status = ClassRunning
		}
	case EventEnd:
		st.Status = ClassEnded
	}
	return st
}

// CheckCommand says whether the class takes a trainee's command now: nil when a drill is
// running, or why not.
func (st ClassState) CheckCommand() error {
	switch st.Status {
	case ClassWaiting:
		return ErrClassNotStarted
	case ClassPaused:
		return ErrClassPaused
	case ClassEnded:
		return ErrClassEnded
	}
	return nil
}

// CheckEvent says whether the class takes the trainer's event e now, given drills drills in
// the class: nil, or why not. An inject event's verb must be a fault (ParseFault).
func (st ClassState) CheckEvent(e ClassEvent, drills int) error {
	if st.Status == ClassEnded {
		return ErrClassEnded
	}
	switch e.Kind {
	case EventStart:
		if e.Drill < 0 || e.Drill >= drills {
			return fmt.Errorf("drill %d: %w (it has %d)", e.Drill, ErrNoSuchDrill, drills)
		}
	case EventInject, EventPause, EventResume:
		if st.Status == ClassWaiting {
			return ErrClassNotStarted
		}
		if e.Kind == EventInject {
			_, err := ParseFault(e.Verb)
			return err
		}
	case EventEnd:
	default:
		return fmt.Errorf("%q: %w", e.Kind, ErrEventKind)
	}
	return nil
}

// ParseFault reads the simulator verb of an inject event. Wait-SimTime and Get-SimState are
// refused: time passes for each trainee by their own commands, and a state dump is no fault.
func ParseFault(line string) (sim.Verb, error) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 512 {
		return nil, ErrNotAFault
	}
	v, err := sim.ParseVerb(line)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNotAFault, oneLine(err.Error()))
	}
	switch v.(type) {
	case sim.Wait, sim.GetState:
		return nil, ErrNotAFault
	}
	return v, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// LoadDrills decodes the class's drills: each must be a training scenario (with trainee
// steps). A drill's topology path is read with resolve, or from failwright's library when
// resolve is nil. The error names the drill that is not.
func (c *Class) LoadDrills(resolve Resolver) ([]*scenarios.Scenario, error) {
	if resolve == nil {
		resolve = scenarios.Resolve
	}
	out := make([]*scenarios.Scenario, len(c.Drills))
	for i, d := range c.Drills {
		sc, fs, st := LoadScenario(RunRequest{Scenario: d, Resolve: resolve})
		if st != StatusOK {
			msg := "it does not decode"
			if len(fs) > 0 {
				msg = fs[0].String()
			}
			return nil, fmt.Errorf("drill %d (%s): %s", i, d.Name, msg)
		}
		if !sc.Training() {
			return nil, fmt.Errorf("drill %d (%s): %w", i, d.Name, ErrNotTraining)
		}
		out[i] = sc
	}
	return out, nil
}

// LibraryDrill returns the source of a training scenario of failwright's library, by file
// name (training-expert-site-loss.yaml), for Class.Drills.
func LibraryDrill(name string) (Source, error) {
	data, err := scenarios.Resolve(name)
	if err != nil {
		return Source{}, fmt.Errorf("%s: no such scenario in the library", name)
	}
	return Source{Name: name, Data: data}, nil
}

// Inject plays a fault the class's trainer injected, between the trainee's commands, as the
// Worker's replay does (scenarios.Trainer.Inject).
func (d *Drill) Inject(v sim.Verb) scenarios.Turn { return d.trainer.Inject(v) }
