package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/topology"
)

// planRequest is the body of POST /api/plan.
type planRequest struct {
	Topology json.RawMessage `json:"topology"`
	Name     string          `json:"name"`
	Pool     *string         `json:"pool"`
	Mode     *string         `json:"mode"`
	Failback *bool           `json:"failback"`
	// MigrateTo is, with mode "migrate", the pool that takes over from Pool (--to).
	MigrateTo *string  `json:"migrateTo"`
	Format    *string  `json:"format"`
	Setup     []string `json:"setup"`
	// AsOf is the day support lifecycles are judged on (YYYY-MM-DD); the Worker's date when
	// absent.
	AsOf *string `json:"asOf"`
}

// Limits on a plan request's setup lines.
const (
	maxSetupLines     = 64
	maxSetupLineBytes = 1024
)

// PlanFormats maps each plan format to the media type of its answer.
var PlanFormats = func() map[string]string {
	m := map[string]string{}
	for _, f := range app.Formats {
		m[string(f)] = f.MediaType()
	}
	return m
}()

// planModes are the failover modes a plan request may name.
var planModes = []plan.Mode{plan.Planned, plan.Disaster, plan.Migrate}

// plan builds a plan and answers it rendered, byte for byte what "failwright plan" writes for
// the same topology and options.
func (s *server) plan(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var req planRequest
	if !s.decodeJSONBody(w, r, &req) {
		return
	}
	pr, src, name, p := checkPlanRequest(req)
	if p != nil {
		writeProblem(w, p)
		return
	}
	if pr.AsOf, p = s.asOf(req.AsOf); p != nil {
		writeProblem(w, p)
		return
	}
	out, fs, err := s.cfg.Engine.Plan(name, src, pr)
	switch {
	case errors.Is(err, ErrTopology):
		p := newProblem(ProblemInvalidTopology, fieldOf("topology", fs), fmt.Sprintf("the topology does not decode: %s", fs.Error()))
		p.Findings = fs
		writeProblem(w, p)
		return
	case errors.Is(err, ErrNotInTopology):
		field := "pool"
		if slices.ContainsFunc(fs, func(f topology.Finding) bool { return f.Path == "request.migrateTo" && f.Severity == topology.Error }) {
			field = "migrateTo"
		}
		p := newProblem(ProblemInvalidField, field, fmt.Sprintf(`%q names no pool of the topology: %s`, field, fs.Error()))
		p.Findings = fs
		writeProblem(w, p)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	case fs.HasErrors():
		p := newProblem(ProblemPlanInvalid, "topology", fmt.Sprintf("no valid plan: %s", fs.Error()))
		p.Findings = fs
		writeProblem(w, p)
		return
	}
	writeBytes(w, http.StatusOK, pr.Format.MediaType(), out)
}

// checkPlanRequest checks every member of a plan request and fills in the defaults the CLI
// has: mode planned, no failback, format md, the default failure state.
func checkPlanRequest(req planRequest) (PlanRequest, []byte, string, *Problem) {
	var pr PlanRequest
	if req.Topology == nil || isNull(req.Topology) {
		return pr, nil, "", newProblem(ProblemInvalidField, "topology", `"topology" is required`)
	}
	src, p := sourceOf(req.Topology, "topology")
	if p != nil {
		return pr, nil, "", p
	}
	name := "topology.yaml"
	if req.Name != "" {
		if p := checkName(req.Name); p != nil {
			return pr, nil, "", p
		}
		name = req.Name
		pr.Positions = true
	}
	if req.Pool == nil || strings.TrimSpace(*req.Pool) == "" {
		return pr, nil, "", newProblem(ProblemInvalidField, "pool", `"pool" is required: the FQDN of the pool to fail over`)
	}
	pr.Pool = *req.Pool
	pr.Mode = plan.Planned
	if req.Mode != nil {
		if !slices.Contains(planModes, plan.Mode(*req.Mode)) {
			return pr, nil, "", newProblem(ProblemInvalidField, "mode", fmt.Sprintf(`"mode" must be "planned", "disaster" or "migrate", not %q`, truncate(*req.Mode, 40)))
		}
		pr.Mode = plan.Mode(*req.Mode)
	}
	if req.Failback != nil {
		pr.Failback = *req.Failback
	}
	if p := checkMigrate(req, &pr); p != nil {
		return pr, nil, "", p
	}
	if len(req.Setup) > maxSetupLines {
		return pr, nil, "", newProblem(ProblemInvalidField, "setup", fmt.Sprintf(`"setup" has %d lines; at most %d are allowed`, len(req.Setup), maxSetupLines))
	}
	for i, line := range req.Setup {
		field := fmt.Sprintf("setup[%d]", i)
		if strings.TrimSpace(line) == "" || len(line) > maxSetupLineBytes || strings.ContainsAny(line, "\r\n") {
			return pr, nil, "", newProblem(ProblemInvalidField, field, fmt.Sprintf("%q must be one non-empty simulator line of at most %d bytes", field, maxSetupLineBytes))
		}
	}
	pr.Setup = req.Setup
	pr.Format = app.FormatMarkdown
	if req.Format != nil {
		f, err := app.ParseFormat(*req.Format)
		if err != nil {
			return pr, nil, "", newProblem(ProblemInvalidField, "format", fmt.Sprintf(`"format" must be "ps1", "md" or "json", not %q`, truncate(*req.Format, 40)))
		}
		pr.Format = f
	}
	return pr, src, name, nil
}

// checkMigrate checks the members of a migration request: mode "migrate" needs "migrateTo"
// and takes no failback or setup; "migrateTo" goes with mode "migrate" only.
func checkMigrate(req planRequest, pr *PlanRequest) *Problem {
	if pr.Mode != plan.Migrate {
		if req.MigrateTo != nil {
			return newProblem(ProblemInvalidField, "migrateTo", `"migrateTo" goes with "mode": "migrate"`)
		}
		return nil
	}
	switch {
	case req.MigrateTo == nil || strings.TrimSpace(*req.MigrateTo) == "":
		return newProblem(ProblemInvalidField, "migrateTo", `"migrateTo" is required with "mode": "migrate": the FQDN of the pool the users move to`)
	case pr.Failback:
		return newProblem(ProblemInvalidField, "failback", `a migration has no failback`)
	case len(req.Setup) > 0:
		return newProblem(ProblemInvalidField, "setup", `a migration starts from the running deployment: it takes no "setup"`)
	}
	pr.MigrateTo = *req.MigrateTo
	return nil
}
