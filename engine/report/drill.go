package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"failwright/engine/units"
	"failwright/scenarios/result"
)

// DrillInput is what a training drill's report is made from: the score the trainer gave and
// the drill's trainee steps as the scenario states them.
type DrillInput struct {
	// Score is the drill's outcome (scenarios.Trainer.Finish).
	Score *result.Score
	// Expected are the scenario's trainee steps, in order.
	Expected []ExpectedStep
	// Trainee names the trainee; empty leaves it off.
	Trainee string
	// MaxRTO and MaxDataLoss are the scenario's goals; zero and nil mean none.
	MaxRTO      time.Duration
	MaxDataLoss *time.Duration
	// GeneratedAt is when the report is made; zero leaves it off the page.
	GeneratedAt time.Time
}

// ExpectedStep is one trainee step of a drill: what the trainee was asked, the goal, and the
// model answer.
type ExpectedStep struct {
	Prompt   string   `json:"prompt"`
	Goal     string   `json:"goal,omitempty"`
	Solution []string `json:"solution"`
}

// TypedCommand is one line the trainee typed, at its virtual time.
type TypedCommand struct {
	// Step is the trainee step (from 1) it was typed in.
	Step   int            `json:"step"`
	Clock  units.Duration `json:"clock"`
	Line   string         `json:"line"`
	Failed bool           `json:"failed,omitempty"`
	Error  string         `json:"error,omitempty"`
}

// PoolFigure is a pool's recovery time or data-loss window in the drill's simulation.
type PoolFigure struct {
	Pool     string          `json:"pool"`
	RTO      *units.Duration `json:"rto,omitempty"`
	DataLoss *units.Duration `json:"dataLoss,omitempty"`
	// Unrestored is true when the pool's users never got full service back.
	Unrestored bool `json:"unrestored,omitempty"`
}

// DrillReport is a trainee's result in a training drill: the score, what was typed and when,
// the hints and mistakes, the expected steps and the run's figures.
type DrillReport struct {
	Name        string             `json:"name"`
	File        string             `json:"file"`
	Trainee     string             `json:"trainee,omitempty"`
	Topology    string             `json:"topology,omitempty"`
	Fingerprint string             `json:"fingerprint,omitempty"`
	Points      int                `json:"points"`
	Max         int                `json:"max"`
	PassMark    int                `json:"passMark"`
	Passed      bool               `json:"passed"`
	StepsDone   int                `json:"stepsDone"`
	Steps       int                `json:"steps"`
	Commands    int                `json:"commands"`
	Hints       int                `json:"hints"`
	Mistakes    int                `json:"mistakes"`
	Deductions  []result.Deduction `json:"deductions"`
	Typed       []TypedCommand     `json:"typed"`
	Expected    []ExpectedStep     `json:"expected"`
	Figures     []PoolFigure       `json:"figures"`
	MaxRTO      *units.Duration    `json:"maxRTO,omitempty"`
	MaxDataLoss *units.Duration    `json:"maxDataLoss,omitempty"`
	// Clock is the virtual time when the drill ended.
	Clock     units.Duration `json:"clock"`
	Verdict   Verdict        `json:"verdict"`
	Generated string         `json:"generated,omitempty"`
}

// Drill makes the report of a trainee's drill.
func Drill(in DrillInput) *DrillReport {
	s := in.Score
	r := &DrillReport{Name: s.Name, File: s.File, Trainee: in.Trainee, Points: s.Points, Max: s.Max, PassMark: result.PassMark,
		Passed: s.Passed, StepsDone: s.StepsDone, Steps: s.Steps, Commands: s.Commands, Hints: s.Hints,
		Deductions: append([]result.Deduction{}, s.Deductions...), Typed: []TypedCommand{},
		Expected: append([]ExpectedStep{}, in.Expected...), Figures: []PoolFigure{}, Generated: utc(in.GeneratedAt)}
	for _, d := range s.Deductions {
		if d.Rule != "hint" {
			r.Mistakes++
		}
	}
	if in.MaxRTO > 0 {
		r.MaxRTO = dur(in.MaxRTO)
	}
	if in.MaxDataLoss != nil {
		r.MaxDataLoss = dur(*in.MaxDataLoss)
	}
	if rep := s.Report; rep != nil {
		r.Topology, r.Fingerprint, r.Clock = rep.Topology, rep.Fingerprint, units.Duration(rep.Clock)
		r.Typed = typedCommands(rep)
		r.Figures = poolFigures(rep)
	}
	r.Verdict = drillVerdict(r)
	return r
}

// typedCommands lists what the trainee typed, step by step.
func typedCommands(rep *result.Report) []TypedCommand {
	out := []TypedCommand{}
	n := 0
	for _, st := range rep.Steps {
		if !st.Trainee {
			continue
		}
		n++
		for _, c := range st.Commands {
			out = append(out, TypedCommand{Step: n, Clock: units.Duration(c.Clock), Line: c.Line, Failed: c.Failed, Error: c.ErrorID})
		}
	}
	return out
}

// poolFigures is the simulation's recovery time and data-loss window per pool, sorted.
func poolFigures(rep *result.Report) []PoolFigure {
	pools := map[string]*PoolFigure{}
	get := func(p string) *PoolFigure {
		if pools[p] == nil {
			pools[p] = &PoolFigure{Pool: p}
		}
		return pools[p]
	}
	for p, d := range rep.RTO {
		get(p).RTO = dur(time.Duration(d))
	}
	for p, d := range rep.DataLoss {
		get(p).DataLoss = dur(time.Duration(d))
	}
	for _, p := range rep.Unrestored {
		get(p).Unrestored = true
	}
	out := make([]PoolFigure, 0, len(pools))
	for _, f := range pools {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pool < out[j].Pool })
	return out
}

// drillVerdict is passed (no deduction), passed with deductions, or not passed.
func drillVerdict(r *DrillReport) Verdict {
	v := Verdict{State: StatePassed, Text: "Passed", Reasons: []string{}}
	for _, d := range r.Deductions {
		v.Reasons = append(v.Reasons, "-"+strconv.Itoa(d.Points)+" "+d.Rule+": "+d.Reason)
	}
	switch {
	case !r.Passed:
		v.State, v.Text = StateFailed, "Not passed"
		if r.StepsDone < r.Steps {
			v.Reasons = append([]string{units.Plural(r.Steps-r.StepsDone, "step") + " of " + strconv.Itoa(r.Steps) + " not completed"}, v.Reasons...)
		}
		if r.Points < r.PassMark {
			v.Reasons = append([]string{"scored " + strconv.Itoa(r.Points) + "; " + strconv.Itoa(r.PassMark) + " is needed"}, v.Reasons...)
		}
	case len(r.Deductions) > 0:
		v.State, v.Text = StateDeviations, "Passed, with points deducted"
	}
	return v
}

// HTML renders the report as its printable page.
func (r *DrillReport) HTML() []byte { return r.Page().HTML() }

// Page lays the drill's report out: the verdict and the score first, then the deductions, the
// commands typed, the expected steps and the simulation's figures.
func (r *DrillReport) Page() *Page {
	sub := "Scenario " + r.File
	if r.Trainee != "" {
		sub = "Trainee " + r.Trainee + ", scenario " + r.File
	}
	pg := &Page{Kind: "drill", Title: "Training drill: " + r.Name, Subtitle: sub, Generated: r.Generated, Verdict: r.Verdict}
	pg.Facts = []Fact{
		{ID: "score", Label: "Score", Value: strconv.Itoa(r.Points) + " / " + strconv.Itoa(r.Max), Note: strconv.Itoa(r.PassMark) + " and every step done are needed to pass"},
		{ID: "steps-done", Label: "Steps done", Value: strconv.Itoa(r.StepsDone) + " of " + strconv.Itoa(r.Steps)},
		{ID: "commands", Label: "Commands typed", Value: strconv.Itoa(r.Commands)},
		{ID: "hints", Label: "Hints used", Value: strconv.Itoa(r.Hints)},
		{ID: "mistakes", Label: "Mistakes", Value: strconv.Itoa(r.Mistakes), Note: "deductions other than hints"},
		{ID: "clock", Label: "Drill time (virtual)", Value: r.Clock.String()},
		{ID: "fingerprint", Label: "Topology fingerprint", Value: orDash(r.Fingerprint), Note: "topology " + orDash(r.Topology)},
	}
	pg.Sections = []Section{r.deductionsSection(), r.typedSection(), r.expectedSection(), r.figuresSection()}
	return pg
}

func (r *DrillReport) deductionsSection() Section {
	rows := make([]Row, 0, len(r.Deductions))
	for _, d := range r.Deductions {
		reason := d.Reason
		if d.Line != "" && !strings.Contains(reason, d.Line) {
			reason += " (" + d.Line + ")"
		}
		rows = append(rows, Row{Cells: []string{units.Duration(d.Clock).String(), d.Rule, "-" + strconv.Itoa(d.Points), reason}})
	}
	return Section{ID: "deductions", Title: "Deductions", Empty: "No points were deducted.",
		Tables: tableIf(Table{ID: "deductions-table", Head: []string{"Time", "Rule", "Points", "Why"}, Rows: rows})}
}

func (r *DrillReport) typedSection() Section {
	rows := make([]Row, 0, len(r.Typed))
	for _, c := range r.Typed {
		res, class := "ran", ""
		if c.Failed {
			res, class = "failed ("+orNone(c.Error)+")", "row-failed"
		}
		rows = append(rows, Row{Class: class, Cells: []string{strconv.Itoa(c.Step), c.Clock.String(), c.Line, res}})
	}
	return Section{ID: "typed", Title: "What the trainee typed", Break: true, Empty: "The trainee typed no command.",
		Tables: tableIf(Table{ID: "typed-table", Head: []string{"Step", "Time", "Command", "Result"}, Rows: rows})}
}

func (r *DrillReport) expectedSection() Section {
	rows := make([]Row, 0, len(r.Expected))
	for i, e := range r.Expected {
		done := "not completed"
		if i < r.StepsDone {
			done = "completed"
		}
		rows = append(rows, Row{Cells: []string{strconv.Itoa(i + 1), e.Prompt, orDash(e.Goal), strings.Join(e.Solution, "\n"), done}})
	}
	return Section{ID: "expected", Title: "The expected steps", Empty: "The drill has no trainee steps.",
		Tables: tableIf(Table{ID: "expected-table", Head: []string{"Step", "Asked", "Goal", "Model answer", "Trainee"}, Rows: rows})}
}

func (r *DrillReport) figuresSection() Section {
	rows := make([]Row, 0, len(r.Figures))
	for _, f := range r.Figures {
		rto := optDur(f.RTO)
		if f.Unrestored {
			rto = "not restored"
		}
		rows = append(rows, Row{Cells: []string{f.Pool, rto, optDur(f.DataLoss)}})
	}
	var text []string
	if r.MaxRTO != nil {
		text = append(text, "Goal: every pool's users get full service back within "+r.MaxRTO.String()+".")
	}
	if r.MaxDataLoss != nil {
		text = append(text, "Goal: a data-loss window of at most "+r.MaxDataLoss.String()+".")
	}
	return Section{ID: "figures", Title: "Recovery in the simulation", Text: text, Empty: "No pool lost service in the simulation.",
		Tables: tableIf(Table{ID: "figures-table", Head: []string{"Pool", "Recovery time", "Data-loss window"}, Rows: rows})}
}
