package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"failwright/app"
	"failwright/engine/runlog"
)

// DefaultMaxEvidenceBytes bounds the body of POST /api/evidence unless Config says otherwise:
// room for a plan and a run log each at the run log's own bound (runlog.MaxBytes), escaped in
// JSON strings, and a topology.
const DefaultMaxEvidenceBytes = 3 * runlog.MaxBytes

// VerdictHeader is the answer header of the report routes that carries the report's verdict:
// passed, deviations or failed (the state of its verdict).
const VerdictHeader = "Failwright-Verdict"

// evidenceRequest is the body of POST /api/evidence.
type evidenceRequest struct {
	// Plan is the JSON plan the runbook was rendered from, as an object or as its text.
	Plan json.RawMessage `json:"plan"`
	// Log is the run log's text.
	Log *string `json:"log"`
	// Topology is the topology file the plan was made from, optional: its recovery policy
	// gives the targets.
	Topology json.RawMessage `json:"topology"`
	// PlanName, LogName and TopologyName name the files in errors and on the report.
	PlanName     string `json:"planName"`
	LogName      string `json:"logName"`
	TopologyName string `json:"topologyName"`
	// FailedAt is when the failure happened; GeneratedAt the time printed on the report.
	FailedAt    *string `json:"failedAt"`
	GeneratedAt *string `json:"generatedAt"`
}

// evidence answers the evidence report of a run: the plan and its run log, checked against
// each other, as JSON (the typed report) or, for Accept: text/html, the printable page. A plan
// or a log that cannot be used is a 422 problem naming the line, never a report.
func (s *server) evidence(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	if p := requireJSON(r); p != nil {
		writeProblem(w, p)
		return
	}
	body, p := readBody(w, r, s.maxEvidenceBytes())
	if p != nil {
		writeProblem(w, p)
		return
	}
	var req evidenceRequest
	if p := decodeStrict(body, &req); p != nil {
		writeProblem(w, p)
		return
	}
	er, p := s.checkEvidenceRequest(req)
	if p != nil {
		writeProblem(w, p)
		return
	}
	res := s.cfg.Engine.Evidence(er)
	if res.Err != nil || res.Report == nil {
		writeProblem(w, evidenceProblem(res))
		return
	}
	writeReport(w, r, res.Report.Verdict.State, res.HTML, res.Report.JSON())
}

// maxEvidenceBytes is the body bound of POST /api/evidence.
func (s *server) maxEvidenceBytes() int64 {
	if s.cfg.MaxEvidenceBytes > 0 {
		return s.cfg.MaxEvidenceBytes
	}
	return DefaultMaxEvidenceBytes
}

// checkEvidenceRequest checks every member of an evidence request and bounds each file.
func (s *server) checkEvidenceRequest(req evidenceRequest) (app.EvidenceRequest, *Problem) {
	var er app.EvidenceRequest
	if req.Plan == nil || isNull(req.Plan) {
		return er, newProblem(ProblemInvalidField, "plan", `"plan" is required: the JSON plan the runbook was rendered from`)
	}
	if req.Log == nil || strings.TrimSpace(*req.Log) == "" {
		return er, newProblem(ProblemInvalidField, "log", `"log" is required: the run log's text`)
	}
	plan, p := sourceOf(req.Plan, "plan")
	if p != nil {
		return er, p
	}
	names := []struct {
		field, value, def string
		out               *string
	}{
		{"planName", req.PlanName, "plan.json", &er.Plan.Name},
		{"logName", req.LogName, "run.log", &er.Log.Name},
		{"topologyName", req.TopologyName, "topology.yaml", &er.Topology.Name},
	}
	for _, n := range names {
		*n.out = n.def
		if n.value != "" {
			if p := checkFileName(n.field, n.value); p != nil {
				return er, p
			}
			*n.out = n.value
		}
	}
	er.Plan.Data, er.Log.Data = plan, []byte(*req.Log)
	for _, f := range []struct {
		field string
		n     int
		limit int64
	}{{"plan", len(plan), runlog.MaxBytes}, {"log", len(*req.Log), runlog.MaxBytes}} {
		if int64(f.n) > f.limit {
			return er, overLimit(f.field, f.n, f.limit)
		}
	}
	if req.Topology != nil && !isNull(req.Topology) {
		if er.Topology.Data, p = sourceOf(req.Topology, "topology"); p != nil {
			return er, p
		}
		if int64(len(er.Topology.Data)) > s.cfg.MaxBodyBytes {
			return er, overLimit("topology", len(er.Topology.Data), s.cfg.MaxBodyBytes)
		}
	} else if req.TopologyName != "" {
		return er, newProblem(ProblemInvalidField, "topologyName", `"topologyName" goes with "topology"`)
	}
	var err error
	if req.FailedAt != nil {
		if er.FailedAt, err = app.ParseFailedAt(*req.FailedAt); err != nil {
			return er, newProblem(ProblemInvalidField, "failedAt", fmt.Sprintf(`"failedAt": %v`, err))
		}
	}
	if er.GeneratedAt, p = s.generatedAt(req.GeneratedAt); p != nil {
		return er, p
	}
	return er, nil
}

// generatedAt reads a request's generatedAt, or takes the Worker's clock (UTC, to the second)
// when it has none, read once here: the engine reads no clock.
func (s *server) generatedAt(v *string) (time.Time, *Problem) {
	if v == nil {
		return s.cfg.Now().UTC().Truncate(time.Second), nil
	}
	t, err := app.ParseFailedAt(*v)
	if err != nil {
		return t, newProblem(ProblemInvalidField, "generatedAt", fmt.Sprintf(`"generatedAt": %v`, err))
	}
	return t, nil
}

// checkFileName refuses a file name member that is long or holds control characters.
func checkFileName(field, name string) *Problem {
	if p := checkName(name); p != nil {
		p.Field, p.Detail = field, strings.Replace(p.Detail, `"name"`, strconv.Quote(field), 1)
		return p
	}
	return nil
}

// overLimit is the problem of a request member over its bound.
func overLimit(field string, n int, limit int64) *Problem {
	p := newProblem(ProblemLimitExceeded, field, fmt.Sprintf("%q is %d bytes; at most %d are read", field, n, limit))
	p.Limit = limit
	return p
}

// evidenceProblem is the problem of an evidence request whose inputs cannot be used: the plan,
// the log, the topology or the failure time, named as the app's error names it.
func evidenceProblem(res app.EvidenceResult) *Problem {
	if res.Err == nil {
		return newProblem(ProblemInternal, "", "the server failed to answer this request")
	}
	switch res.Input {
	case app.InputPlan:
		return newProblem(ProblemInvalidPlan, "plan", res.Err.Error())
	case app.InputLog:
		return newProblem(ProblemInvalidRunLog, "log", res.Err.Error())
	case app.InputTopology:
		p := newProblem(ProblemInvalidTopology, fieldOf("topology", res.Findings), res.Err.Error())
		p.Findings = res.Findings
		return p
	}
	return newProblem(ProblemInvalidField, res.Input, res.Err.Error())
}

// writeReport answers a printable report: its page when the client prefers text/html, its
// typed data as JSON otherwise, with the verdict's state in VerdictHeader either way.
func writeReport(w http.ResponseWriter, r *http.Request, state string, html, js []byte) {
	w.Header().Set(VerdictHeader, state)
	w.Header().Add("Vary", "Accept")
	if wantsHTML(r.Header.Get("Accept")) {
		// The page has no script; its one inline style sheet is all the policy lets in.
		w.Header().Set("Content-Security-Policy", ResultsContentSecurityPolicy)
		writeBytes(w, http.StatusOK, "text/html; charset=utf-8", html)
		return
	}
	writeBytes(w, http.StatusOK, "application/json", js)
}

// wantsHTML reports whether an Accept header prefers text/html to JSON: text/html is listed
// with a weight above zero and at least application/json's. Anything else gets JSON.
func wantsHTML(accept string) bool {
	weight := map[string]float64{}
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if old, ok := weight[mt]; !ok || q > old {
			weight[mt] = q
		}
	}
	html, ok := weight["text/html"]
	if !ok || html <= 0 {
		return false
	}
	js, ok := weight["application/json"]
	return !ok || html >= js
}

// errNoReview is what Engine.Review returns when the analysis failed without findings.
var errNoReview = errors.New("the analysis made no report")
