package app

import (
	"sort"

	"failwright/scenarios"
)

// LastCommands is how many of a trainee's last commands the board shows.
const LastCommands = 5

// TraineeProgress is where one trainee stands in one drill, computed by replaying their
// commands.
type TraineeProgress struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Drill is the index of the drill.
	Drill int `json:"drill"`
	// Step is the number of the trainee step waiting for input (1 for the first), 0 when the
	// drill is over for them; Of is how many trainee steps the drill has.
	Step int `json:"step"`
	Of   int `json:"of"`
	// StepsDone counts the trainee steps completed.
	StepsDone int `json:"stepsDone"`
	// Points is the score if the drill stopped now (unfinished steps cost points).
	Points int  `json:"points"`
	Passed bool `json:"passed"`
	Hints  int  `json:"hints"`
	// Commands counts the lines typed; Failed the commands that failed.
	Commands int `json:"commands"`
	Failed   int `json:"failed"`
	// Clock is the drill's virtual clock.
	Clock scenarios.Duration `json:"clock"`
	// TimeMs is the trainee's time: milliseconds from the drill's start to their last
	// command, without the time the class was paused.
	TimeMs   int64 `json:"timeMs"`
	Finished bool  `json:"finished"`
	// Last are the last commands typed, oldest first, at most LastCommands.
	Last []string `json:"last"`
}

// TypedLine is one line a trainee typed, as the replay judged it.
type TypedLine struct {
	Seq  int64  `json:"seq"`
	At   int64  `json:"at"`
	Line string `json:"line"`
	// Clock is the drill's virtual clock when the line ran.
	Clock   scenarios.Duration `json:"clock"`
	Failed  bool               `json:"failed,omitempty"`
	ErrorID string             `json:"errorId,omitempty"`
	// Feedback is what the trainer said about the line (deductions, step done).
	Feedback []string `json:"feedback,omitempty"`
}

// TraineeReplay is a trainee's drill replayed: their progress, their lines, and the score.
type TraineeReplay struct {
	Progress TraineeProgress
	Lines    []TypedLine
	Score    *scenarios.Score
}

// drillOf returns, for each event in Seq order, the drill running when it came (-1 before
// the first start), and the events so sorted.
func drillOf(events []ClassEvent) ([]ClassEvent, []int) {
	es := sortedEvents(events)
	drills := make([]int, len(es))
	st := ClassState{Status: ClassWaiting, Drill: -1}
	for i, e := range es {
		if st.Status != ClassEnded && e.Kind != EventStart {
			drills[i] = st.Drill
		} else {
			drills[i] = e.Drill
		}
		if st.Status == ClassEnded {
			drills[i] = -1
		}
		st = st.Apply(e)
	}
	return es, drills
}

// activeMs is the time drill spent running from its first start up to until (milliseconds
// since the class was created), pauses and other drills left out.
func activeMs(es []ClassEvent, drill int, until int64) int64 {
	var total int64
	from := int64(-1) // when the current running span of drill began, -1 outside one
	st := ClassState{Status: ClassWaiting, Drill: -1}
	for _, e := range es {
		if e.At > until {
			break
		}
		st = st.Apply(e)
		running := st.Status == ClassRunning && st.Drill == drill
		switch {
		case running && from < 0:
			from = e.At
		case !running && from >= 0:
			total += e.At - from
			from = -1
		}
	}
	if from >= 0 && until > from {
		total += until - from
	}
	return total
}

// ReplayTrainee replays a trainee's commands in drill number drill (scenario sc) with the
// class's events at their place: the start of the drill, each injected fault, the end of the
// class. Commands of other drills are ignored; so are those after the end.
func ReplayTrainee(sc *scenarios.Scenario, drill int, who ClassTrainee, cmds []ClassCommand, events []ClassEvent) (*TraineeReplay, error) {
	tr, err := scenarios.NewTrainer(sc, scenarios.Options{})
	if err != nil {
		return nil, err
	}
	es, drills := drillOf(events)
	mine := make([]ClassCommand, 0, len(cmds))
	for _, c := range cmds {
		if c.Trainee == who.ID && c.Drill == drill {
			mine = append(mine, c)
		}
	}
	sort.SliceStable(mine, func(i, j int) bool { return mine[i].Seq < mine[j].Seq })
	out := &TraineeReplay{Progress: TraineeProgress{ID: who.ID, Name: who.Name, Drill: drill, Last: []string{}}}
	started, over := false, false
	var lastAt int64
	ei := 0
	play := func(c ClassCommand) {
		turn := tr.Input(c.Line)
		tl := TypedLine{Seq: c.Seq, At: c.At, Line: c.Line, Feedback: turn.Feedback}
		if turn.Command != nil {
			tl.Clock, tl.Failed, tl.ErrorID = turn.Command.Clock, turn.Command.Failed, turn.Command.ErrorID
		}
		out.Lines = append(out.Lines, tl)
		lastAt = c.At
	}
	for _, c := range mine {
		for ; ei < len(es) && es[ei].Seq < c.Seq; ei++ {
			over = over || applyEvent(tr, es[ei], drills[ei], drill, &started)
		}
		if started && !over && !tr.Done() {
			play(c)
		}
	}
	for ; ei < len(es); ei++ {
		over = over || applyEvent(tr, es[ei], drills[ei], drill, &started)
	}
	if !started {
		tr.Start()
	}
	fillProgress(&out.Progress, tr, out.Lines)
	out.Progress.TimeMs = activeMs(es, drill, lastAt)
	out.Score = tr.Finish()
	p := &out.Progress
	p.StepsDone, p.Of, p.Points, p.Passed, p.Hints = out.Score.StepsDone, out.Score.Steps, out.Score.Points, out.Score.Passed, out.Score.Hints
	return out, nil
}

// applyEvent plays one class event on the trainee's drill and reports whether the drill is
// over for them (the class ended, or another drill started after theirs).
func applyEvent(tr *scenarios.Trainer, e ClassEvent, running, drill int, started *bool) bool {
	switch {
	case e.Kind == EventStart && e.Drill == drill && !*started:
		*started = true
		tr.Start()
	case e.Kind == EventStart && *started && e.Drill != drill:
		return true
	case e.Kind == EventEnd && *started:
		return true
	case e.Kind == EventInject && *started && running == drill:
		if v, err := ParseFault(e.Verb); err == nil {
			tr.Inject(v)
		}
	}
	return false
}

// fillProgress sets what the trainer knows before Finish: the step waiting, the clock, the
// commands.
func fillProgress(p *TraineeProgress, tr *scenarios.Trainer, lines []TypedLine) {
	if pr := tr.Prompt(); pr != nil && !tr.Done() {
		p.Step, p.Clock = pr.Number, pr.Clock
	}
	p.Finished = tr.Done()
	p.Commands = len(lines)
	for _, l := range lines {
		if l.Failed {
			p.Failed++
		}
		if l.Clock > p.Clock {
			p.Clock = l.Clock
		}
	}
	for i := max(0, len(lines)-LastCommands); i < len(lines); i++ {
		p.Last = append(p.Last, lines[i].Line)
	}
}

// Board is the trainer's view of the class: its state and every trainee's progress in the
// drill running (or the last one run).
type Board struct {
	State ClassState `json:"state"`
	// Drills are the names of the class's drills.
	Drills   []string          `json:"drills"`
	Trainees []TraineeProgress `json:"trainees"`
}

// Board replays every trainee in the drill running (or, once ended, the last one started).
// The scenarios are the class's drills, decoded (LoadDrills).
func (c *Class) Board(drills []*scenarios.Scenario) (*Board, error) {
	st := c.State()
	b := &Board{State: st, Drills: make([]string, len(drills)), Trainees: []TraineeProgress{}}
	for i, sc := range drills {
		b.Drills[i] = sc.Name
	}
	d := st.Drill
	if d < 0 || d >= len(drills) {
		for _, t := range c.Trainees {
			b.Trainees = append(b.Trainees, TraineeProgress{ID: t.ID, Name: t.Name, Drill: -1, Last: []string{}})
		}
		return b, nil
	}
	typed := map[string]bool{}
	for _, cmd := range c.Commands {
		if cmd.Drill == d {
			typed[cmd.Trainee] = true
		}
	}
	var idle *TraineeProgress // the progress of every trainee who typed nothing: one replay
	for _, t := range c.Trainees {
		if !typed[t.ID] && idle != nil {
			p := *idle
			p.ID, p.Name = t.ID, t.Name
			b.Trainees = append(b.Trainees, p)
			continue
		}
		r, err := ReplayTrainee(drills[d], d, t, c.Commands, c.Events)
		if err != nil {
			return nil, err
		}
		if !typed[t.ID] {
			idle = &r.Progress
		}
		b.Trainees = append(b.Trainees, r.Progress)
	}
	return b, nil
}
