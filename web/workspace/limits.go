package workspace

import (
	"encoding/json"
	"fmt"

	"failwright/engine/shell"
)

// The bounds on a workspace's log, checked before a stored or shared workspace is kept or
// replayed (docs/security.md). Replaying the log runs every line on a fresh simulation, so a
// log over these bounds could hang the page that opens it.
const (
	// MaxLogLines is the most lines a log may hold.
	MaxLogLines = 5000
	// MaxLogLineBytes is the longest line a log may hold: four times the shell's own bound
	// (shell.MaxLineBytes), so that a line the shell refused, which is logged like any other
	// and replays as the same cheap refusal, does not make the workspace unreadable.
	MaxLogLineBytes = 4 * shell.MaxLineBytes
	// MaxLogBytes bounds the log's lines together.
	MaxLogBytes = 512 << 10
	// MaxLogStatements bounds the statements of all the log's lines together (a line may
	// hold up to shell.MaxStatements).
	MaxLogStatements = 20000
)

// LogError says why a log is over the bounds.
type LogError struct {
	// Line is the 1-based line of the log at fault (0 for the log as a whole).
	Line int
	// Message says what is over which bound.
	Message string
}

func (e *LogError) Error() string { return e.Message }

// CheckLog reports whether log is within the bounds: MaxLogLines lines, none longer than
// MaxLogLineBytes, MaxLogBytes and MaxLogStatements in all. It parses each line (without
// running it), in time proportional to the log's size.
func CheckLog(log []string) *LogError {
	if len(log) > MaxLogLines {
		return &LogError{Message: fmt.Sprintf("The workspace's shell log has %d lines; failwright replays at most %d.", len(log), MaxLogLines)}
	}
	total, stmts := 0, 0
	for i, l := range log {
		if len(l) > MaxLogLineBytes {
			return &LogError{Line: i + 1, Message: fmt.Sprintf("Line %d of the workspace's shell log is %d bytes long; failwright replays lines of at most %d bytes.", i+1, len(l), MaxLogLineBytes)}
		}
		total += len(l)
		if total > MaxLogBytes {
			return &LogError{Line: i + 1, Message: fmt.Sprintf("The workspace's shell log is over %d KiB (at line %d); failwright replays at most %d KiB.", MaxLogBytes>>10, i+1, MaxLogBytes>>10)}
		}
		n, err := shell.Parse(l)
		stmts += max(len(n), 1)
		if err != nil {
			stmts++ // a refused line still costs its error record
		}
		if stmts > MaxLogStatements {
			return &LogError{Line: i + 1, Message: fmt.Sprintf("The workspace's shell log holds more than %d statements (at line %d); failwright replays at most %d.", MaxLogStatements, i+1, MaxLogStatements)}
		}
	}
	return nil
}

// checkHistory checks the log of the current state and of every undo and redo step (undo
// restores a step's log and replays it), and the number of steps.
func checkHistory(cur []string, undo, redo []entry) *LogError {
	if err := CheckLog(cur); err != nil {
		return err
	}
	if len(undo) > MaxUndo || len(redo) > MaxUndo {
		return &LogError{Message: fmt.Sprintf("The workspace's undo history has %d steps; failwright keeps at most %d.", max(len(undo), len(redo)), MaxUndo)}
	}
	lines := append([]string(nil), cur...)
	for _, list := range [][]entry{undo, redo} {
		for _, e := range list {
			if e.Line != nil {
				lines = append(lines, *e.Line)
				continue
			}
			var st struct {
				Log []string `json:"log"`
			}
			if err := json.Unmarshal(e.State, &st); err != nil {
				return &LogError{Message: "The workspace's undo history is damaged (" + err.Error() + ")."}
			}
			if err := CheckLog(st.Log); err != nil {
				err.Message = "In the undo history: " + err.Message
				return err
			}
		}
	}
	// Redoing every logged line appends them all to the current log.
	if err := CheckLog(lines); err != nil {
		err.Message = "With its undo history: " + err.Message
		return err
	}
	return nil
}
