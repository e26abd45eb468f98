package workspace

import (
	"errors"
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// ImportError is an import that failed: the file's problems, each with file:line:column.
type ImportError struct {
	Name     string
	Findings topology.Findings
	Message  string
}

// Error implements error.
func (e *ImportError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s could not be imported:", e.Name)
	for _, f := range e.Findings {
		if f.Severity == topology.Error {
			fmt.Fprintf(&b, "\n%s: %s", f.Pos, f.Message)
		}
	}
	return b.String()
}

// ExportYAML returns the topology as YAML, as the CLI reads it.
func ExportYAML(w *Workspace) ([]byte, error) {
	if w.Topology == nil {
		return nil, errors.New("no topology")
	}
	return topology.Encode(w.Topology)
}

// ExportTopologyJSON returns the topology as JSON.
func ExportTopologyJSON(w *Workspace) ([]byte, error) {
	if w.Topology == nil {
		return nil, errors.New("no topology")
	}
	return topology.EncodeJSON(w.Topology)
}

// FileName makes a file name from the topology's name: "Litware, Inc." -> "litware-inc".
func FileName(w *Workspace) string {
	name := ""
	if w.Topology != nil {
		name = w.Topology.Name
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		s = "topology"
	}
	return s
}

// ImportMessages lists an import error's problems, one line each with file:line:column.
func ImportMessages(err error) []string {
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Findings) == 0 {
		return []string{err.Error()}
	}
	var out []string
	for _, f := range ie.Findings {
		if f.Severity != topology.Error {
			continue
		}
		s := f.Pos.String() + ": " + f.Message
		if f.Fix != "" {
			s += " (" + f.Fix + ")"
		}
		out = append(out, s)
	}
	return out
}
