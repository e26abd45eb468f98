package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// WorkspaceFormat and WorkspaceVersion are the "format" and "version" of the only body
// POST /api/shares accepts: the envelope the page's workspace export writes
// (web/workspace.Doc.ExportJSON).
const (
	WorkspaceFormat  = "failwright-workspace"
	WorkspaceVersion = 1
)

// shareEnvelope is the body of POST /api/shares.
type shareEnvelope struct {
	Format    string           `json:"format"`
	Version   int              `json:"version"`
	Workspace *sharedWorkspace `json:"workspace"`
}

// sharedWorkspace is the workspace a share holds: the page replays Log on a fresh simulation
// of Topology seeded with Seed.
type sharedWorkspace struct {
	Topology json.RawMessage `json:"topology"`
	Seed     int64           `json:"seed"`
	Log      []string        `json:"log"`
	Origin   string          `json:"origin"`
}

// members is the object shape a JSON value must have: the member names allowed, exactly as
// written (no other letter case), each with the shape of its value. A nil *members allows any
// names; duplicates are refused everywhere.
type members map[string]*members

// shareShape is the shape of shareEnvelope. The topology's own members are checked by the
// strict topology decoder, which matches names exactly.
var shareShape = &members{
	"format":  nil,
	"version": nil,
	"workspace": &members{
		"topology": nil,
		"seed":     nil,
		"log":      nil,
		"origin":   nil,
	},
}

// maxShareDepth bounds how deeply a share's JSON may nest; a topology nests 4 levels deep.
const maxShareDepth = 64

// checkMembers reads data as one JSON value and refuses, naming the field, a member that
// appears twice in one object, a member not in shape (names match case-exactly), and nesting
// deeper than maxShareDepth. encoding/json alone would match names in any letter case and
// keep the last of duplicates; its Decoder.Token walks a 1 MiB body of small tokens in
// seconds, so a scan of the (already validated) bytes does it instead.
func checkMembers(data []byte, shape *members) *Problem {
	if !json.Valid(data) {
		var v json.RawMessage
		if p := decodeStrict(data, &v); p != nil {
			return p
		}
	}
	sc := &memberScan{data: data}
	return sc.value(shape, 0)
}

// memberScan walks JSON that json.Valid accepted.
type memberScan struct {
	data []byte
	i    int
	// path holds the members and indexes from the top down to the value being read: a field
	// path is only built for a problem.
	path []any
}

// field renders path, with name appended when it is not empty: "workspace.log[3]".
func (s *memberScan) field(name string) string {
	var b strings.Builder
	for _, seg := range append(s.path, name) {
		switch seg := seg.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(seg) + "]")
		case string:
			if seg == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(truncate(seg, 100))
		}
	}
	return b.String()
}

// space skips white space.
func (s *memberScan) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// str reads the string at s.i and returns its value.
func (s *memberScan) str() string {
	start := s.i
	escaped := false
	for s.i++; s.data[s.i] != '"'; s.i++ {
		if s.data[s.i] == '\\' {
			escaped = true
			s.i++
		}
	}
	s.i++
	if !escaped {
		return string(s.data[start+1 : s.i-1])
	}
	var v string
	_ = json.Unmarshal(s.data[start:s.i], &v) // valid JSON: cannot fail
	return v
}

// value reads one value at s.path, whose objects must have shape (nil: any names).
func (s *memberScan) value(shape *members, depth int) *Problem {
	s.space()
	switch s.data[s.i] {
	case '"':
		s.str()
		return nil
	case '{', '[':
	default: // a number, true, false or null
		for s.i < len(s.data) && !strings.ContainsRune(",]} \t\n\r", rune(s.data[s.i])) {
			s.i++
		}
		return nil
	}
	if depth >= maxShareDepth {
		return newProblem(ProblemInvalidField, "", fmt.Sprintf("%s: the JSON nests deeper than %d levels", lineCol(s.data, int64(s.i)), maxShareDepth))
	}
	open := s.data[s.i]
	s.i++
	var seen map[string]bool
	if open == '{' {
		seen = map[string]bool{}
	}
	for n := 0; ; n++ {
		s.space()
		if c := s.data[s.i]; c == ']' || c == '}' {
			s.i++
			return nil
		}
		if c := s.data[s.i]; c == ',' {
			s.i++
			s.space()
		}
		if open == '[' {
			s.path = append(s.path, n)
			if p := s.value(nil, depth+1); p != nil {
				return p
			}
			s.path = s.path[:len(s.path)-1]
			continue
		}
		at := int64(s.i)
		name := s.str()
		if seen[name] {
			return newProblem(ProblemDuplicateField, s.field(name), fmt.Sprintf("%s: %q appears twice in one object", lineCol(s.data, at), truncate(name, 100)))
		}
		seen[name] = true
		var child *members
		if shape != nil {
			var known bool
			if child, known = (*shape)[name]; !known {
				return newProblem(ProblemUnknownField, s.field(name), fmt.Sprintf("%s: unknown field %q (names are case-sensitive)", lineCol(s.data, at), truncate(name, 100)))
			}
		}
		s.space()
		s.i++ // the colon
		s.path = append(s.path, name)
		if p := s.value(child, depth+1); p != nil {
			return p
		}
		s.path = s.path[:len(s.path)-1]
	}
}

// decodeShare reads and checks the body of POST /api/shares: the shape and member names of
// the envelope, every bound of limits, and the topology through the strict topology decoder.
// A topology with validation errors (a design in progress) is accepted; one that does not
// decode is not.
func (s *server) decodeShare(body []byte) *Problem {
	if p := checkMembers(body, shareShape); p != nil {
		return p
	}
	var env shareEnvelope
	if p := decodeStrict(body, &env); p != nil {
		return p
	}
	switch {
	case env.Format != WorkspaceFormat:
		return newProblem(ProblemInvalidField, "format", fmt.Sprintf("a share is a failwright workspace: \"format\" must be %q", WorkspaceFormat))
	case env.Version != WorkspaceVersion:
		return newProblem(ProblemInvalidField, "version", fmt.Sprintf("\"version\" must be %d, the workspace format this server stores", WorkspaceVersion))
	case env.Workspace == nil:
		return newProblem(ProblemInvalidField, "workspace", `"workspace" must be an object`)
	}
	ws := env.Workspace
	if top := bytes.TrimSpace(ws.Topology); len(top) == 0 || top[0] != '{' {
		return newProblem(ProblemInvalidField, "workspace.topology", `"workspace.topology" must be an object`)
	}
	if p := s.checkLog(ws); p != nil {
		return p
	}
	if fs := s.cfg.Engine.Decode("workspace.topology", ws.Topology); fs.HasErrors() {
		p := newProblem(ProblemInvalidTopology, fieldOf("workspace.topology", fs), fmt.Sprintf("the workspace's topology does not decode: %s", fs.Error()))
		p.Findings = fs
		return p
	}
	return nil
}

// checkLog checks the workspace's shell log and origin against the limits: the page replays
// every line of the log when it opens the share, and keeps it in the browser's storage.
func (s *server) checkLog(ws *sharedWorkspace) *Problem {
	l := s.limits
	over := func(field string, limit int, detail string) *Problem {
		p := newProblem(ProblemLimitExceeded, field, detail)
		p.Limit = int64(limit)
		return p
	}
	if len(ws.Origin) > l.OriginBytes {
		return over("workspace.origin", l.OriginBytes, fmt.Sprintf("\"workspace.origin\" is %d bytes long, over the limit of %d", len(ws.Origin), l.OriginBytes))
	}
	if len(ws.Log) > l.LogLines {
		return over("workspace.log", l.LogLines, fmt.Sprintf("the log has %d lines, over the limit of %d", len(ws.Log), l.LogLines))
	}
	total := 0
	for i, line := range ws.Log {
		field := "workspace.log[" + strconv.Itoa(i) + "]"
		if len(line) > l.LogLineBytes {
			return over(field, l.LogLineBytes, fmt.Sprintf("line %d of the log is %d bytes long, over the limit of %d", i+1, len(line), l.LogLineBytes))
		}
		if total += len(line); total > l.LogBytes {
			return over(field, l.LogBytes, fmt.Sprintf("the log's lines up to line %d hold %d bytes, over the limit of %d", i+1, total, l.LogBytes))
		}
		for _, r := range line {
			if r < 0x20 && r != '\t' || r == 0x7f {
				return newProblem(ProblemInvalidField, field, fmt.Sprintf("line %d of the log holds the control character %U: a shell line is one line of text", i+1, r))
			}
		}
	}
	return nil
}
