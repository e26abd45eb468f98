package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"failwright/engine/topology"
)

// modelRequest is the JSON form of /api/validate and /api/run: the model as an object or as
// source text, an optional file name that prefixes the positions of findings and, for a
// scenario that names its topology by path, that topology.
type modelRequest struct {
	Topology json.RawMessage `json:"topology"`
	Scenario json.RawMessage `json:"scenario"`
	Name     string          `json:"name"`
}

// validation is the answer to POST /api/validate.
type validation struct {
	// Valid is true when no finding is an error.
	Valid bool `json:"valid"`
	// Errors and Warnings count the findings by severity.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Fingerprint is the topology's fingerprint (topology.Fingerprint) when it is valid.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Findings are every finding, sorted.
	Findings topology.Findings `json:"findings"`
}

// maxNameBytes bounds the file name a request may give.
const maxNameBytes = 256

// modelSource reads the body of /api/validate or /api/run: either a YAML document (the file
// itself) or a JSON object whose member field holds the model. It returns the source text, the
// name to report positions with and, for a scenario, the topology the request carries beside
// it (nil when none).
func (s *server) modelSource(w http.ResponseWriter, r *http.Request, field, defaultName string) (src []byte, name string, topo []byte, p *Problem) {
	mt, p := mediaType(r)
	if p != nil {
		return nil, "", nil, p
	}
	if !isJSON(mt) && !isYAML(mt) {
		return nil, "", nil, newProblem(ProblemUnsupportedMedia, "", fmt.Sprintf("send the %s as application/yaml, or as application/json {%q: ...} (got %s)", field, field, orNone(mt)))
	}
	body, p := readBody(w, r, s.cfg.MaxBodyBytes)
	if p != nil {
		return nil, "", nil, p
	}
	if isYAML(mt) {
		return body, defaultName, nil, nil
	}
	var req modelRequest
	if p := decodeStrict(body, &req); p != nil {
		return nil, "", nil, p
	}
	raw := req.Topology
	if field == "scenario" {
		raw = req.Scenario
		if req.Topology != nil && !isNull(req.Topology) {
			if topo, p = sourceOf(req.Topology, "topology"); p != nil {
				return nil, "", nil, p
			}
		}
	} else if req.Scenario != nil {
		return nil, "", nil, newProblem(ProblemUnknownField, "scenario", `unknown field "scenario": this route takes "topology"`)
	}
	if raw == nil || isNull(raw) {
		return nil, "", nil, newProblem(ProblemInvalidField, field, fmt.Sprintf("%q is required", field))
	}
	if src, p = sourceOf(raw, field); p != nil {
		return nil, "", nil, p
	}
	name = defaultName
	if req.Name != "" {
		if p := checkName(req.Name); p != nil {
			return nil, "", nil, p
		}
		name = req.Name
	}
	return src, name, topo, nil
}

// checkName refuses file names that are long or hold control characters.
func checkName(name string) *Problem {
	if len(name) > maxNameBytes {
		return newProblem(ProblemInvalidField, "name", fmt.Sprintf("\"name\" is longer than %d bytes", maxNameBytes))
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f {
			return newProblem(ProblemInvalidField, "name", "\"name\" holds a control character")
		}
	}
	return nil
}

// validate answers the findings of a topology. An invalid topology is not an error of the
// request: the answer is 200 with valid false.
func (s *server) validate(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	src, name, _, p := s.modelSource(w, r, "topology", "topology.yaml")
	if p != nil {
		writeProblem(w, p)
		return
	}
	fp, fs := s.cfg.Engine.Validate(name, src)
	if fs == nil {
		fs = topology.Findings{}
	}
	writeJSON(w, http.StatusOK, validation{
		Valid:       !fs.HasErrors(),
		Errors:      fs.Count(topology.Error),
		Warnings:    fs.Count(topology.Warning),
		Fingerprint: fp,
		Findings:    fs,
	})
}
