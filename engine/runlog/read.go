package runlog

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"

	"failwright/engine/digest"
	"failwright/engine/plan"
)

// Bounds on what Read accepts, so that a hostile file costs at most linear work in a small
// size: a plan has tens of steps, and a real log is a few kilobytes.
const (
	// MaxBytes is the largest log Read reads.
	MaxBytes = 4 << 20
	// MaxLine is the longest line Read reads.
	MaxLine = 64 << 10
)

// Error is a problem with a run log, at a line (from 1) and a column (from 1, 0 when the
// whole line is meant). Its text is "file:line:column: message", as every failwright error.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

// Error formats the problem with its position.
func (e *Error) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			pos += ":" + strconv.Itoa(e.Column)
		}
	}
	return pos + ": " + e.Msg
}

// Log is a run log that Read verified against its plan.
type Log struct {
	// Start is the start entry.
	Start Entry
	// Preflight is the preflight entry, nil when the runbook wrote none.
	Preflight *Entry
	// Stages are the preflight entries of a migration plan's stages (each with its Stage), in
	// order; a stage the run never reached has none.
	Stages []Entry
	// Steps are the step entries in order; a plan step the run never reached has none.
	Steps []Entry
	// End is the end entry.
	End Entry
	// Lines is the number of entries.
	Lines int
	// ClockSteps are the lines at which the machine's clock read earlier than at the line
	// before, or a step ended before it started: a clock corrected during the run (NTP). Read
	// accepts them, since the chain, not the times, proves the order; durations across them
	// are as the clock read them.
	ClockSteps []int
}

// Read parses the run log data (named name in errors) and verifies that it is whole, unedited
// and from plan p: the hash chain, the sequence, the plan ID and fingerprint, each step's number
// and ID. The first problem is returned as an *Error naming its line.
func Read(name string, data []byte, p *plan.Plan) (*Log, error) {
	r := reader{name: name, plan: p, prev: GenesisPrev}
	if p == nil {
		return nil, r.fail(0, 0, "no plan to check the log against")
	}
	if len(data) > MaxBytes {
		return nil, r.fail(0, 0, fmt.Sprintf("the log is %d bytes; a run log is at most %d", len(data), MaxBytes))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Windows PowerShell's UTF-8 writes a BOM
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte{'\n'})
		data = rest
		r.line++
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.TrimSpace(line)) == 0 {
			if len(bytes.TrimSpace(data)) == 0 {
				break // blank lines at the end of the file
			}
			return nil, r.fail(r.line, 0, "a blank line inside the log: lines were removed or the file was edited")
		}
		if err := r.entry(line); err != nil {
			return nil, err
		}
	}
	return r.finish()
}

// reader is the state of one Read.
type reader struct {
	name    string
	plan    *plan.Plan
	line    int
	prev    string
	last    time.Time
	lastStp int
	log     Log
	ended   bool
}

func (r *reader) fail(line, col int, msg string) *Error {
	return &Error{File: r.name, Line: line, Column: col, Msg: msg}
}

// entry reads and checks one line.
func (r *reader) entry(line []byte) error {
	if len(line) > MaxLine {
		return r.fail(r.line, 0, fmt.Sprintf("the line is %d bytes; a run-log line is at most %d", len(line), MaxLine))
	}
	if r.ended {
		return r.fail(r.line, 0, "a line after the end entry: the log was appended to")
	}
	var e Entry
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return r.jsonError(line, err)
	}
	if dec.More() {
		return r.fail(r.line, int(dec.InputOffset())+1, "more than one JSON value on the line")
	}
	if e.Seq != r.line {
		return r.fail(r.line, 0, fmt.Sprintf("seq is %d; line %d should be %d: lines were removed, added or reordered", e.Seq, r.line, r.line))
	}
	if e.Prev != r.prev {
		return r.fail(r.line, 0, "prev does not match the hash of the line before: the log was edited here or just before")
	}
	sum := digest.SHA256(line)
	r.prev = hex.EncodeToString(sum[:])
	at, err := ParseTime(e.Time)
	if err != nil {
		return r.fail(r.line, 0, "time: "+err.Error())
	}
	if at.Before(r.last) {
		r.log.ClockSteps = append(r.log.ClockSteps, r.line)
	}
	r.last = at
	r.log.Lines++
	if r.line == 1 && e.Kind != KindStart {
		return r.fail(r.line, 0, "the first line is a "+strconv.Quote(string(e.Kind))+" entry; a run log starts with a start entry")
	}
	if err := r.fields(e); err != nil {
		return err
	}
	switch e.Kind {
	case KindStart:
		return r.start(e)
	case KindPreflight:
		return r.preflight(e)
	case KindStep:
		return r.step(e)
	case KindEnd:
		return r.end(e)
	}
	return r.fail(r.line, 0, "unknown kind "+strconv.Quote(string(e.Kind))+"; one of start, preflight, step, end")
}

// start checks the start entry against the plan.
func (r *reader) start(e Entry) error {
	if r.line != 1 {
		return r.fail(r.line, 0, "a second start entry: two logs were joined")
	}
	switch {
	case e.Schema != Schema:
		return r.fail(r.line, 0, fmt.Sprintf("run-log schema %d; this failwright reads schema %d", e.Schema, Schema))
	case e.PlanID != r.plan.ID:
		return r.fail(r.line, 0, "the log is of plan "+strconv.Quote(e.PlanID)+", not of plan "+strconv.Quote(r.plan.ID)+": give the plan the runbook was rendered from")
	case e.Fingerprint != r.plan.Fingerprint:
		return r.fail(r.line, 0, "the log's topology fingerprint "+strconv.Quote(e.Fingerprint)+" is not the plan's "+strconv.Quote(r.plan.Fingerprint))
	}
	r.log.Start = e
	return nil
}

// fields checks that e holds only the fields of its kind (Fields).
func (r *reader) fields(e Entry) error {
	switch e.Kind {
	case KindStart, KindPreflight, KindStep, KindEnd:
	default:
		return nil // refused by the caller
	}
	v := reflect.ValueOf(e)
	for _, f := range Fields {
		if !f.Belongs(e.Kind) && !v.FieldByName(f.Go).IsZero() {
			return r.fail(r.line, 0, "field "+strconv.Quote(f.JSON)+" does not belong in a "+string(e.Kind)+" entry")
		}
	}
	return nil
}

// preflight checks a preflight entry: the plan's, right after the start entry, or in a
// migration plan a stage's, right before the stage's first step.
func (r *reader) preflight(e Entry) error {
	if e.Stage == "" {
		if r.line != 2 {
			return r.fail(r.line, 0, "a preflight entry comes right after the start entry")
		}
		r.log.Preflight = &e
		return nil
	}
	if r.plan.Migration == nil {
		return r.fail(r.line, 0, "a stage's preflight ("+strconv.Quote(e.Stage)+") in a plan without stages")
	}
	for _, sg := range r.plan.Migration.Stages {
		if sg.ID != e.Stage {
			continue
		}
		if r.lastStp != sg.First-1 {
			return r.fail(r.line, 0, fmt.Sprintf("the preflight of stage %q comes after step %d, right before its first step %d", e.Stage, r.lastStp, sg.First))
		}
		r.log.Stages = append(r.log.Stages, e)
		return nil
	}
	return r.fail(r.line, 0, "stage "+strconv.Quote(e.Stage)+" is not in the plan")
}

// step checks a step entry against the plan's step of that number.
func (r *reader) step(e Entry) error {
	if e.Step < 1 || e.Step > len(r.plan.Steps) {
		return r.fail(r.line, 0, fmt.Sprintf("step %d is not in the plan, which has %d steps", e.Step, len(r.plan.Steps)))
	}
	if e.Step <= r.lastStp {
		return r.fail(r.line, 0, fmt.Sprintf("step %d comes after step %d: the log is out of order", e.Step, r.lastStp))
	}
	if e.Step != r.lastStp+1 {
		// The runbook writes an entry for every step it reaches, skipped alternatives included.
		return r.fail(r.line, 0, fmt.Sprintf("step %d comes after step %d: the entry of step %d is missing", e.Step, r.lastStp, r.lastStp+1))
	}
	if want := r.plan.Steps[e.Step-1].ID; e.StepID != want {
		return r.fail(r.line, 0, fmt.Sprintf("step %d is %q in the plan, not %q", e.Step, want, e.StepID))
	}
	if !slices.Contains(Outcomes, e.Outcome) {
		return r.fail(r.line, 0, "step outcome "+strconv.Quote(string(e.Outcome))+" is not one of done, failed, skipped, stopped, rehearsed")
	}
	start, err := ParseTime(e.Start)
	if err != nil {
		return r.fail(r.line, 0, "start: "+err.Error())
	}
	end, err := ParseTime(e.End)
	if err != nil {
		return r.fail(r.line, 0, "end: "+err.Error())
	}
	if end.Before(start) && !slices.Contains(r.log.ClockSteps, r.line) {
		r.log.ClockSteps = append(r.log.ClockSteps, r.line)
	}
	r.lastStp = e.Step
	r.log.Steps = append(r.log.Steps, e)
	return nil
}

// end checks the end entry.
func (r *reader) end(e Entry) error {
	switch e.Outcome {
	case OutcomeDone, OutcomeFailed, OutcomeStopped:
	default:
		return r.fail(r.line, 0, "run outcome "+strconv.Quote(string(e.Outcome))+" is not one of done, failed, stopped")
	}
	r.ended = true
	r.log.End = e
	return nil
}

// finish checks that the log was whole.
func (r *reader) finish() (*Log, error) {
	if r.line == 0 {
		return nil, r.fail(0, 0, "the log is empty")
	}
	if !r.ended {
		return nil, r.fail(r.line, 0, "the log ends without its end entry: it was truncated, or the run was cut off before it could close the log")
	}
	return &r.log, nil
}

// jsonError turns a decoding error into an *Error at its column.
func (r *reader) jsonError(line []byte, err error) *Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return r.fail(r.line, int(syn.Offset), "not a JSON object: "+syn.Error())
	case errors.As(err, &typ):
		return r.fail(r.line, int(typ.Offset), "field "+typ.Field+": "+typ.Value+" where a "+typ.Type.String()+" belongs")
	}
	return r.fail(r.line, 0, err.Error()) // unknown field, or the line ended early
}

// ParseTime reads a UTC time as run logs write it (RFC 3339 with a Z, optional fraction).
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a UTC time such as 2026-12-06T05:00:00.000Z", s)
	}
	if _, off := t.Zone(); off != 0 {
		return time.Time{}, fmt.Errorf("%q is not in UTC (end it with Z)", s)
	}
	return t, nil
}
