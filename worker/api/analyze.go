package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"failwright/app"
)

// analyzeRequest is the body of POST /api/analyze.
type analyzeRequest struct {
	Topology json.RawMessage `json:"topology"`
	Name     string          `json:"name"`
	Depth    *int            `json:"depth"`
}

// analyze answers the failure analysis of a topology, byte for byte what
// "failwright analyze --json" prints for the same file and depth. A design that loses users
// is not an error of the request: the answer is 200 and the report says so.
func (s *server) analyze(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var req analyzeRequest
	if !s.decodeJSONBody(w, r, &req) {
		return
	}
	src, name, ar, p := checkAnalyzeRequest(req)
	if p != nil {
		writeProblem(w, p)
		return
	}
	out, fs, err := s.cfg.Engine.Analyze(name, src, ar)
	switch {
	case errors.Is(err, ErrTopology):
		p := newProblem(ProblemInvalidTopology, fieldOf("topology", fs), fmt.Sprintf("the topology cannot be analyzed: %s", fs.Error()))
		p.Findings = fs
		writeProblem(w, p)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	writeBytes(w, http.StatusOK, "application/json", out)
}

// checkAnalyzeRequest checks an analysis request and fills in the CLI's defaults: depth 2, the
// file name topology.yaml. The analysis runs on one goroutine, as it does in a Worker.
func checkAnalyzeRequest(req analyzeRequest) ([]byte, string, app.AnalyzeRequest, *Problem) {
	ar := app.AnalyzeRequest{Depth: app.MaxDepth, Workers: 1}
	if req.Topology == nil || isNull(req.Topology) {
		return nil, "", ar, newProblem(ProblemInvalidField, "topology", `"topology" is required`)
	}
	src, p := sourceOf(req.Topology, "topology")
	if p != nil {
		return nil, "", ar, p
	}
	name := "topology.yaml"
	if req.Name != "" {
		if p := checkName(req.Name); p != nil {
			return nil, "", ar, p
		}
		name = req.Name
	}
	if req.Depth != nil {
		if *req.Depth < app.MinDepth || *req.Depth > app.MaxDepth {
			return nil, "", ar, newProblem(ProblemInvalidField, "depth", fmt.Sprintf(`"depth" must be 1 or 2, not %d`, *req.Depth))
		}
		ar.Depth = *req.Depth
	}
	return src, name, ar, nil
}
