package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// reviewRequest is the body of POST /api/review: an analysis request and the time printed on
// the review.
type reviewRequest struct {
	Topology    json.RawMessage `json:"topology"`
	Name        string          `json:"name"`
	Depth       *int            `json:"depth"`
	GeneratedAt *string         `json:"generatedAt"`
}

// review answers the design review of a topology (what "failwright analyze --report html"
// writes): its page for Accept: text/html, its typed data as JSON otherwise. A design that does
// not hold is not an error of the request: the answer is 200 and the verdict says so.
func (s *server) review(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var req reviewRequest
	if !s.decodeJSONBody(w, r, &req) {
		return
	}
	src, name, ar, p := checkAnalyzeRequest(analyzeRequest{Topology: req.Topology, Name: req.Name, Depth: req.Depth})
	if p != nil {
		writeProblem(w, p)
		return
	}
	gen, p := s.generatedAt(req.GeneratedAt)
	if p != nil {
		writeProblem(w, p)
		return
	}
	res, fs, err := s.cfg.Engine.Review(name, src, ar, gen)
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
	writeReport(w, r, res.Review.Verdict.State, res.HTML, res.Review.JSON())
}
