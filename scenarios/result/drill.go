package result

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Turn is what one call to Start or Input produced, in order: the trainee's command and its
// output, then the trainer's events that followed, then the next prompt.
type Turn struct {
	// Command is the trainee's command and what it printed, when the input was a command.
	Command *CommandReport `json:"command,omitempty"`
	// Hint is the hint given, when the input asked for one.
	Hint string `json:"hint,omitempty"`
	// Feedback is what the trainer says about the input (a deduction, a step completed).
	Feedback []string `json:"feedback,omitempty"`
	// Events are the trainer's steps played after the input.
	Events []StepReport `json:"events,omitempty"`
	// Prompt is the trainee step now waiting for input; nil when the drill is over.
	Prompt *Prompt `json:"prompt,omitempty"`
	// NewStep is true when Prompt is a step that has just begun.
	NewStep bool `json:"newStep,omitempty"`
	// Finished is true when every step has been played.
	Finished bool `json:"finished,omitempty"`
}

// Prompt is a trainee step waiting for input.
type Prompt struct {
	Step   int      `json:"step"`
	Text   string   `json:"text"`
	Goal   string   `json:"goal,omitempty"`
	Hints  int      `json:"hints"` // how many hints are left
	Clock  Duration `json:"clock"`
	Number int      `json:"number"` // 1 for the first trainee step, and so on
	Of     int      `json:"of"`     // how many trainee steps the drill has
}

// Deduction is points taken off a drill's score, with the reason a trainee reads.
type Deduction struct {
	// Rule is a stable name: wrong-pool, cms-first, failback-early, force, disaster-on-healthy,
	// error, hint, skipped, unfinished, rto, data-loss, required, order, forbidden.
	Rule   string   `json:"rule"`
	Points int      `json:"points"`
	Reason string   `json:"reason"`
	Line   string   `json:"line,omitempty"`
	Clock  Duration `json:"clock"`
}

// Score is the outcome of a drill.
type Score struct {
	Name       string      `json:"name"`
	File       string      `json:"file"`
	Points     int         `json:"points"`
	Max        int         `json:"max"`
	Passed     bool        `json:"passed"`
	Deductions []Deduction `json:"deductions,omitempty"`
	Commands   int         `json:"commands"`
	Hints      int         `json:"hints"`
	// StepsDone and Steps count the trainee steps completed and in the drill.
	StepsDone int `json:"stepsDone"`
	Steps     int `json:"steps"`
	// Report is the run as it happened.
	Report *Report `json:"report"`
}

// PassMark is the score a drill needs to pass (with every trainee step completed).
const PassMark = 70

// Text renders the score for people: the total, each deduction with its reason, and the
// figures of the run.
func (s *Score) Text() []byte {
	var b strings.Builder
	verdict := "not passed"
	if s.Passed {
		verdict = "passed"
	}
	fmt.Fprintf(&b, "== Drill: %s\n", s.Name)
	fmt.Fprintf(&b, "Score: %d/%d (%s; %d needed and every step done)\n", s.Points, s.Max, verdict, PassMark)
	fmt.Fprintf(&b, "Steps done: %d of %d, commands typed: %d, hints: %d\n", s.StepsDone, s.Steps, s.Commands, s.Hints)
	if len(s.Deductions) == 0 {
		b.WriteString("No deductions.\n")
	} else {
		b.WriteString("Deductions:\n")
		for _, d := range s.Deductions {
			fmt.Fprintf(&b, "  -%-3d %-20s %s  %s\n", d.Points, d.Rule, d.Clock.Clock(), d.Reason)
			if d.Line != "" && !strings.Contains(d.Reason, d.Line) {
				fmt.Fprintf(&b, "       %-20s           > %s\n", "", d.Line)
			}
		}
	}
	if s.Report != nil {
		b.WriteString(figure("RTO", s.Report.RTO, s.Report.Unrestored))
		b.WriteString(figure("Data loss", s.Report.DataLoss, nil))
		b.WriteString(PolicyText(s.Report.Policy))
	}
	return []byte(b.String())
}

// JSON renders the score as indented JSON with stable bytes.
func (s *Score) JSON() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic("result: encoding a score: " + err.Error())
	}
	return b.Bytes()
}

// Text renders a turn for a console: the command's output, feedback, the trainer's events,
// and the next prompt.
func (t Turn) Text() []byte {
	var b strings.Builder
	if t.Command != nil {
		for _, l := range t.Command.Lines {
			b.WriteString(l.Text + "\n")
		}
	}
	if t.Hint != "" {
		b.WriteString("Hint: " + t.Hint + "\n")
	}
	for _, f := range t.Feedback {
		b.WriteString(">> " + f + "\n")
	}
	for _, e := range t.Events {
		if e.Note != "" {
			fmt.Fprintf(&b, "[%s] # %s\n", e.Clock.Clock(), oneLine(e.Note))
		}
		for _, c := range e.Commands {
			fmt.Fprintf(&b, "[%s] trainer PS> %s\n", c.Clock.Clock(), c.Line)
			for _, l := range c.Lines {
				b.WriteString(l.Text + "\n")
			}
		}
	}
	if p := t.Prompt; p != nil && t.NewStep {
		fmt.Fprintf(&b, "\n[%s] Step %d of %d: %s\n", p.Clock.Clock(), p.Number, p.Of, oneLine(p.Text))
		if p.Goal != "" {
			fmt.Fprintf(&b, "Goal: %s\n", oneLine(p.Goal))
		}
	}
	if t.Finished {
		b.WriteString("\nThe drill is over.\n")
	}
	return []byte(b.String())
}
