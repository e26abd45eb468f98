package topology

import (
	"fmt"
	"io"
	"sort"
)

// Severity ranks a finding.
type Severity string

// The severities, from most to least serious.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// rank orders severities: errors first.
func (s Severity) rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	default:
		return 2
	}
}

// Pos is a position in a source file. Line and Column start at 1; the zero Pos means unknown.
type Pos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// IsValid reports whether the position names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:column, omitting what is unknown.
func (p Pos) String() string {
	switch {
	case !p.IsValid() && p.File == "":
		return "-"
	case !p.IsValid():
		return p.File
	case p.Column > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	default:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
}

// Finding is one problem or remark about a model: a topology, a scenario or a plan. It is
// anchored to a model path such as "pools[atl-cs-001.litwareinc.com].backupPool" and, when the
// model came from a file, to a position in that file.
type Finding struct {
	// Code is stable across releases, for example "FW0107"; docs/validation.md lists them all.
	Code string `json:"code"`
	// Severity is error, warning or info.
	Severity Severity `json:"severity"`
	// Path is the model path the finding concerns.
	Path string `json:"path"`
	// Pos is where Path is in the source file, when known.
	Pos Pos `json:"pos,omitzero"`
	// Message says what is wrong.
	Message string `json:"message"`
	// Fix says how to put it right.
	Fix string `json:"fix,omitempty"`
}

// String formats the finding on one line: position, severity, code, path and message. The
// position is left out when it is unknown (a finding about a request, or a model built in
// code), and the path when the finding concerns the whole file.
func (f Finding) String() string {
	s := string(f.Severity) + " " + f.Code
	if f.Path != "" {
		s += " " + f.Path
	}
	s += ": " + f.Message
	if f.Pos == (Pos{}) {
		return s
	}
	return f.Pos.String() + ": " + s
}

// Findings is a list of findings, in the manner of go/scanner's ErrorList.
type Findings []Finding

// Sort orders the findings by position, then path, then severity and code, so that output is
// stable.
func (fs Findings) Sort() {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() < b.Severity.rank()
		}
		return a.Code < b.Code
	})
}

// Count returns how many findings have the given severity.
func (fs Findings) Count(s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool { return fs.Count(Error) > 0 }

// Err returns the findings as an error when there are errors, and nil otherwise.
func (fs Findings) Err() error {
	if !fs.HasErrors() {
		return nil
	}
	return fs
}

// Error implements error: the first error finding, and how many more there are.
func (fs Findings) Error() string {
	var first *Finding
	for i := range fs {
		if fs[i].Severity == Error {
			first = &fs[i]
			break
		}
	}
	if first == nil {
		return "no errors"
	}
	if n := fs.Count(Error); n > 1 {
		return fmt.Sprintf("%s (and %d more errors)", first, n-1)
	}
	return first.String()
}

// PrintFindings writes the findings to w one per line, each followed by its fix indented by
// two spaces, in the manner of go/scanner's PrintError: the one way the CLI prints findings.
// It keeps the order it is given (Sort first for a stable one).
func PrintFindings(w io.Writer, fs Findings) {
	for _, f := range fs {
		fmt.Fprintln(w, f.String())
		if f.Fix != "" {
			fmt.Fprintln(w, "  fix: "+f.Fix)
		}
	}
}
