package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
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
// keep the last of duplicates.
func checkMembers(data []byte, shape *members) *Problem {
	if !json.Valid(data) {
		var v json.RawMessage
		if p := decodeStrict(data, &v); p != nil {
			return p
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if p := walk(dec, data, shape, "", 0); p != nil {
		return p
	}
	if _, err := dec.Token(); err != io.EOF {
		return newProblem(ProblemMalformedJSON, "", fmt.Sprintf("%s: unexpected data after the JSON value", lineCol(data, dec.InputOffset())))
	}
	return nil
}

// walk reads one value at path, whose objects must have shape (nil: any names).
func walk(dec *json.Decoder, data []byte, shape *members, path string, depth int) *Problem {
	tok, err := dec.Token()
	if err != nil {
		return jsonProblem(data, err)
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	if depth >= maxShareDepth {
		return newProblem(ProblemInvalidField, "", fmt.Sprintf("%s: the JSON nests deeper than %d levels", lineCol(data, dec.InputOffset()), maxShareDepth))
	}
	switch delim {
	case '[':
		for i := 0; dec.More(); i++ {
			if p := walk(dec, data, nil, path+"["+strconv.Itoa(i)+"]", depth+1); p != nil {
				return p
			}
		}
	case '{':
		seen := map[string]bool{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return jsonProblem(data, err)
			}
			name, _ := tok.(string)
			field := truncate(name, 100)
			if path != "" {
				field = path + "." + field
			}
			if seen[name] {
				return newProblem(ProblemDuplicateField, field, fmt.Sprintf("%s: %q appears twice in one object", lineCol(data, dec.InputOffset()), truncate(name, 100)))
			}
			seen[name] = true
			var child *members
			if shape != nil {
				var known bool
				if child, known = (*shape)[name]; !known {
					return newProblem(ProblemUnknownField, field, fmt.Sprintf("%s: unknown field %q (names are case-sensitive)", lineCol(data, dec.InputOffset()), truncate(name, 100)))
				}
			}
			if p := walk(dec, data, child, field, depth+1); p != nil {
				return p
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return jsonProblem(data, err)
	}
	return nil
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
