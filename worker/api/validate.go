package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"failwright/app"
	"failwright/engine/topology"
)

// modelRequest is the JSON form of /api/run: the scenario as an object or as source text, an
// optional file name that prefixes the positions of findings and, for a scenario that names
// its topology by path, that topology.
type modelRequest struct {
	Topology json.RawMessage `json:"topology"`
	Scenario json.RawMessage `json:"scenario"`
	Name     string          `json:"name"`
}

// maxNameBytes bounds the file name a request may give.
const maxNameBytes = 256

// modelSource reads the body of /api/run: either a YAML document (the file itself) or a JSON
// object whose member field holds the model. It returns the source text, the
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

// validateRequest is the JSON form of POST /api/validate.
type validateRequest struct {
	Topology json.RawMessage `json:"topology"`
	Scenario json.RawMessage `json:"scenario"`
	Name     string          `json:"name"`
	Strict   bool            `json:"strict"`
	// AsOf is the day support lifecycles are judged on (YYYY-MM-DD); the Worker's date when
	// absent.
	AsOf *string `json:"asOf"`
}

// asOf reads a request's asOf, or takes the Worker's own date (UTC) when it has none: the
// engine reads no clock.
func (s *server) asOf(v *string) (topology.Date, *Problem) {
	if v == nil {
		return topology.DateOf(s.cfg.Now().UTC()), nil
	}
	d, err := topology.ParseDate(*v)
	if err != nil {
		return d, newProblem(ProblemInvalidField, "asOf", fmt.Sprintf(`"asOf" must be a date written YYYY-MM-DD, not %q`, truncate(*v, 40)))
	}
	return d, nil
}

// validate answers the report "failwright validate --json" prints for the same file: every
// finding of a topology (or of a scenario), counted, with the topology's fingerprint and
// summary. An invalid model is not an error of the request: the answer is 200 with valid false.
func (s *server) validate(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	mt, p := mediaType(r)
	if p != nil {
		writeProblem(w, p)
		return
	}
	if !isJSON(mt) && !isYAML(mt) {
		writeProblem(w, newProblem(ProblemUnsupportedMedia, "", fmt.Sprintf(`send the file as application/yaml, or as application/json {"topology": ...} (got %s)`, orNone(mt))))
		return
	}
	var (
		name = "topology.yaml"
		src  []byte
		opts app.ValidateRequest
		topo []byte
	)
	if isYAML(mt) {
		q := r.URL.Query()
		for k := range q {
			if k != "name" && k != "strict" && k != "asOf" {
				writeProblem(w, newProblem(ProblemUnknownField, k, fmt.Sprintf("unknown query parameter %q: use name, strict and asOf", k)))
				return
			}
		}
		var asOf *string
		if q.Has("asOf") {
			v := q.Get("asOf")
			asOf = &v
		}
		if opts.AsOf, p = s.asOf(asOf); p != nil {
			writeProblem(w, p)
			return
		}
		if v := q.Get("name"); v != "" {
			if p := checkName(v); p != nil {
				writeProblem(w, p)
				return
			}
			name = v
		}
		switch q.Get("strict") {
		case "", "false":
		case "true":
			opts.Strict = true
		default:
			writeProblem(w, newProblem(ProblemInvalidField, "strict", `"strict" must be true or false`))
			return
		}
	}
	body, p := readBody(w, r, s.cfg.MaxBodyBytes)
	if p != nil {
		writeProblem(w, p)
		return
	}
	if isYAML(mt) {
		src = body
	} else {
		var req validateRequest
		if p := decodeStrict(body, &req); p != nil {
			writeProblem(w, p)
			return
		}
		opts.Strict = req.Strict
		if opts.AsOf, p = s.asOf(req.AsOf); p != nil {
			writeProblem(w, p)
			return
		}
		field := "topology"
		raw := req.Topology
		if req.Scenario != nil && !isNull(req.Scenario) {
			field, raw, name, opts.Kind = "scenario", req.Scenario, "scenario.yaml", "scenario"
			if req.Topology != nil && !isNull(req.Topology) {
				if topo, p = sourceOf(req.Topology, "topology"); p != nil {
					writeProblem(w, p)
					return
				}
			}
		} else {
			opts.Kind = "topology"
		}
		if raw == nil || isNull(raw) {
			writeProblem(w, newProblem(ProblemInvalidField, "topology", `"topology" (or "scenario") is required`))
			return
		}
		if src, p = sourceOf(raw, field); p != nil {
			writeProblem(w, p)
			return
		}
		if req.Name != "" {
			if p := checkName(req.Name); p != nil {
				writeProblem(w, p)
				return
			}
			name = req.Name
		}
	}
	opts.File = app.Source{Name: name, Data: src}
	opts.Resolve = resolverFor(topo)
	out, err := s.cfg.Engine.Validate(opts).JSON()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeBytes(w, http.StatusOK, "application/json", out)
}
