// Package runbook is the test harness of failwright's PowerShell runbooks, since PowerShell is
// not installable where failwright is built: it reads a rendered runbook's text (never the
// plan it came from), finds its steps by their helper calls (Write-FwStep, Confirm-FwStep,
// Test-FwShows, Select-FwAlternative, Wait-FwAcknowledge, Complete-FwStep, the marked command
// lines), walks them as an operator would, and writes the run log the runbook would write,
// with engine/runlog's Go writer (whose Entry the schema table runlog.Fields is tested against,
// as the runbook's Write-FwLog is generated from it). runlog.Read then verifies the log against
// the plan.
//
// It models what the runbook's helpers do with the log, not the shell: every command
// succeeds, except the one the Operator fails, and every check shows what it should, except
// the one the Operator says does not.
package runbook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"failwright/engine/runlog"
)

// Operator is how the harness answers the runbook and what the deployment does.
type Operator struct {
	// Rehearse and NoConfirm are the runbook's switches.
	Rehearse, NoConfirm bool
	// StopAt is the step at whose first prompt the operator stops the plan (answers N); at a
	// manual or wait step, which waits for DONE, the operator presses Ctrl+C. 0: never.
	StopAt int
	// FailAt is the step whose command throws. 0: none.
	FailAt int
	// NotShown is the check step whose output does not show its text; the operator types GO.
	NotShown int
	// Decline lists alternative steps the operator answers N to ("does not apply").
	Decline []int
	// Drift makes the preflight find its first fact drifted (the run stops there).
	Drift bool
	// Machine, Account and Host are what the start entry records.
	Machine, Account, Host string
	// Start is when the run starts.
	Start time.Time
}

// TimeFormat is how the runbook writes times (Get-FwTime).
const TimeFormat = "2006-01-02T15:04:05.000Z"

// Walk reads the runbook script, runs it as op says, and returns the run log it would write:
// one line per entry, each ended with CRLF as Windows PowerShell writes them. An error says
// where the runbook's text is not what the harness understands.
func Walk(script []byte, op Operator) ([]byte, error) {
	w := &walker{op: op, lines: strings.Split(string(script), "\n"), now: op.Start.UTC(), log: runlog.NewWriter(),
		done: map[string]bool{}}
	if err := w.run(); err != nil {
		return nil, err
	}
	return []byte(w.out.String()), nil
}

// stop ends the run: the operator stopped it (stopped), or a command failed.
type stop struct {
	stopped bool
	msg     string
}

// walker is the state of one walk.
type walker struct {
	op    Operator
	lines []string
	i     int
	now   time.Time
	log   *runlog.Writer
	out   strings.Builder
	// planID, fingerprint and schema are read from the script.
	planID, fingerprint string
	schema              int
	started             bool
	// open is the step entry being written; nil between steps.
	open     *runlog.Entry
	duration time.Duration
	answers  []string
	facts    []string
	done     map[string]bool
	end      *stop
}

var (
	reNumber   = regexp.MustCompile(`-Number ([0-9]+)`)
	reLiteral  = `('(?:[^'\x{2018}\x{2019}\x{201a}\x{201b}]|['\x{2018}\x{2019}\x{201a}\x{201b}]{2})*')`
	reAssign   = regexp.MustCompile(`^\$(FwPlanId|FwFingerprint) = ` + reLiteral + `$`)
	reSchema   = regexp.MustCompile(`-Kind 'start' -Schema ([0-9]+) `)
	reID       = regexp.MustCompile(`-Id ` + reLiteral)
	reDuration = regexp.MustCompile(`-Duration '([0-9.:]+)'`)
	reShows    = regexp.MustCompile(`-Shows ` + reLiteral + `$`)
	reStage    = regexp.MustCompile(`-Stage ` + reLiteral + `$`)
	rePath     = regexp.MustCompile(`^Test-FwFact -Path ` + reLiteral)
	reAltVar   = regexp.MustCompile(`\$FwAlt_(\w+)`)
	reMarked   = regexp.MustCompile(`  # fw:step ([0-9]+)$`)
)

// unquote reads a single-quoted PowerShell literal: every doubled quote is one.
func unquote(lit string) string {
	r := []rune(lit[1 : len(lit)-1])
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		b.WriteRune(r[i])
		if strings.ContainsRune("'\u2018\u2019\u201a\u201b", r[i]) {
			i++ // the doubled quote
		}
	}
	return b.String()
}

// tick advances the clock by d and returns the time as the runbook writes it.
func (w *walker) tick(d time.Duration) string {
	w.now = w.now.Add(d)
	return w.now.Format(TimeFormat)
}

// write appends an entry to the log at the current time.
func (w *walker) write(e runlog.Entry) error {
	e.Time = w.tick(10 * time.Millisecond)
	b, err := w.log.Line(e)
	if err != nil {
		return err
	}
	w.out.Write(b)
	w.out.WriteString("\r\n")
	return nil
}

// answer records what the operator types at a prompt.
func (w *walker) answer(a string) {
	w.tick(3 * time.Second)
	w.answers = append(w.answers, a)
}

// number reads the -Number of a helper call, which must be the open step's.
func (w *walker) number(line string) (int, error) {
	m := reNumber.FindStringSubmatch(line)
	if m == nil {
		return 0, w.errorf("no -Number")
	}
	n, _ := strconv.Atoi(m[1])
	if w.open == nil || w.open.Step != n {
		return 0, w.errorf("step %d's helper outside its step", n)
	}
	return n, nil
}

func (w *walker) errorf(format string, args ...any) error {
	return fmt.Errorf("runbook line %d: %s: %q", w.i+1, fmt.Sprintf(format, args...), strings.TrimSpace(w.lines[w.i]))
}

// skipBlock moves to the line that closes the block opened at the current line: the next line
// that is the opening line's indentation and "}".
func (w *walker) skipBlock() error {
	line := w.lines[w.i]
	closing := line[:len(line)-len(strings.TrimLeft(line, " "))] + "}"
	for j := w.i + 1; j < len(w.lines); j++ {
		if w.lines[j] == closing {
			w.i = j
			return nil
		}
	}
	return w.errorf("no closing brace")
}

// run walks the script's lines, then closes the log as Close-FwLog does.
func (w *walker) run() error {
	for ; w.i < len(w.lines) && w.end == nil; w.i++ {
		line := strings.TrimRight(w.lines[w.i], "\r")
		if line == "} catch {" {
			break // the script's own catch: the plan completed
		}
		if err := w.line(line); err != nil {
			return err
		}
	}
	return w.close()
}

// close writes the open step, if any, and the end entry.
func (w *walker) close() error {
	if !w.started {
		return fmt.Errorf("runbook: no Write-FwLogStart line: the runbook writes no run log")
	}
	outcome, msg := runlog.OutcomeDone, ""
	if w.end != nil {
		outcome, msg = runlog.OutcomeFailed, w.end.msg
		if w.end.stopped {
			outcome = runlog.OutcomeStopped
		}
	}
	if w.open != nil {
		w.open.Outcome, w.open.Error = outcome, msg
		if err := w.closeStep(); err != nil {
			return err
		}
	}
	return w.write(runlog.Entry{Kind: runlog.KindEnd, Outcome: outcome, Error: msg})
}

// closeStep writes the open step's entry.
func (w *walker) closeStep() error {
	e := w.open
	// A step that ran takes its predicted time; a skipped one only its prompt.
	if start, _ := time.Parse(TimeFormat, e.Start); e.Outcome != runlog.OutcomeSkipped && w.now.Before(start.Add(w.duration)) {
		w.now = start.Add(w.duration)
	}
	e.End = w.tick(0)
	if e.Outcome == "" {
		e.Outcome = runlog.OutcomeDone
		if w.op.Rehearse {
			e.Outcome = runlog.OutcomeRehearsed
		}
	}
	e.Answers, w.answers, w.open = w.answers, nil, nil
	return w.write(*e)
}
