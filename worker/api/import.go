package api

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"failwright/app"
	"failwright/engine/topology"
)

// importRequest is the body of POST /api/import: the file Skype for Business Server wrote,
// as text (file) or, for a UTF-16 file, as base64 of its bytes (fileBase64), its name, the
// values of a .ps1 here-string's $variables, the completion's text, and the rendering wanted.
type importRequest struct {
	File       *string           `json:"file"`
	FileBase64 *string           `json:"fileBase64"`
	Name       string            `json:"name"`
	Set        map[string]string `json:"set"`
	Completion *string           `json:"completion"`
	Format     string            `json:"format"`
}

// importAnswer is the answer of POST /api/import: the topology rendered in the format asked,
// byte for byte what "failwright import" writes, and the findings (gaps and notes). Complete
// is false while gaps are open.
type importAnswer struct {
	Complete bool              `json:"complete"`
	Kind     string            `json:"kind"`
	Format   string            `json:"format"`
	Topology string            `json:"topology"`
	Findings topology.Findings `json:"findings"`
}

// Bounds of an import request beside the body's.
const (
	maxSetEntries    = 64
	maxSetValueBytes = 1024
)

// importTopology answers an import: 200 with the topology and its findings when the file
// imports (complete or with gaps), 422 invalid-topology with the findings when the file or
// the completion cannot be used.
func (s *server) importTopology(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var req importRequest
	if !s.decodeJSONBody(w, r, &req) {
		return
	}
	ir, p := checkImportRequest(req)
	if p != nil {
		writeProblem(w, p)
		return
	}
	res := app.Import(ir)
	if res.Output == nil {
		field := "file"
		if ir.Completion != nil && firstErrorIn(res.Findings, ir.Completion.Name) {
			field = "completion"
		}
		p := newProblem(ProblemInvalidTopology, field, fmt.Sprintf("the %s cannot be imported: %s", field, res.Findings.Error()))
		p.Findings = res.Findings
		writeProblem(w, p)
		return
	}
	format, _ := app.ParseTopologyFormat(string(ir.Format))
	findings := res.Findings
	if findings == nil {
		findings = topology.Findings{}
	}
	writeJSON(w, http.StatusOK, importAnswer{Complete: res.Status == app.StatusOK, Kind: string(res.Kind), Format: string(format), Topology: string(res.Output), Findings: findings})
}

// checkImportRequest checks an import request and makes the use case's request of it.
func checkImportRequest(req importRequest) (app.ImportRequest, *Problem) {
	var ir app.ImportRequest
	switch {
	case req.File != nil && req.FileBase64 != nil:
		return ir, newProblem(ProblemInvalidField, "fileBase64", `give "file" or "fileBase64", not both`)
	case req.File != nil:
		ir.File.Data = []byte(*req.File)
	case req.FileBase64 != nil:
		data, err := base64.StdEncoding.DecodeString(*req.FileBase64)
		if err != nil {
			return ir, newProblem(ProblemInvalidField, "fileBase64", fmt.Sprintf(`"fileBase64" is not base64: %v`, err))
		}
		ir.File.Data = data
	default:
		return ir, newProblem(ProblemInvalidField, "file", `"file" (or "fileBase64") is required`)
	}
	if len(ir.File.Data) == 0 {
		return ir, newProblem(ProblemInvalidField, "file", `"file" is empty`)
	}
	ir.File.Name = "topology.xml"
	if req.Name != "" {
		if p := checkName(req.Name); p != nil {
			return ir, p
		}
		ir.File.Name = req.Name
	}
	if len(req.Set) > maxSetEntries {
		p := newProblem(ProblemLimitExceeded, "set", fmt.Sprintf(`"set" has more than %d variables`, maxSetEntries))
		p.Limit = maxSetEntries
		return ir, p
	}
	if len(req.Set) > 0 {
		ir.Set = map[string]string{}
		for k, v := range req.Set {
			name := strings.TrimPrefix(k, "$")
			if name == "" || len(k) > maxNameBytes || len(v) > maxSetValueBytes {
				return ir, newProblem(ProblemInvalidField, "set", fmt.Sprintf(`"set" member %q must be a variable name with a value of at most %d bytes`, truncate(k, 40), maxSetValueBytes))
			}
			ir.Set[name] = v
		}
	}
	if req.Completion != nil {
		ir.Completion = &app.Source{Name: "completion.yaml", Data: []byte(*req.Completion)}
	}
	if _, err := app.ParseTopologyFormat(req.Format); err != nil {
		return ir, newProblem(ProblemInvalidField, "format", `"format" `+err.Error())
	}
	ir.Format = app.TopologyFormat(req.Format)
	return ir, nil
}

// firstErrorIn reports whether the first error finding is positioned in the file named name.
func firstErrorIn(fs topology.Findings, name string) bool {
	for _, f := range fs {
		if f.Severity == topology.Error {
			return f.Pos.File == name
		}
	}
	return false
}
