package app

import (
	"fmt"
	"slices"
	"strings"

	"failwright/engine/plan"
	"failwright/engine/render"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/scenarios"
)

// PlanRequest is what to plan: the engine's request (pool, mode, failback, setup lines), the
// rendering wanted, and whether findings get the topology file's positions.
type PlanRequest struct {
	plan.Request
	// Format is the one rendering wanted; empty renders all three (the page shows each).
	Format Format
	// Positions gives the findings about the topology their position in its file, as
	// "failwright plan FILE" does; without it they have none, as the page's plans.
	Positions bool
	// AsOf is the day the pools' support lifecycles are judged on; their findings join the
	// result's, not the plan's own (a plan's ID must not change with the day it is made).
	AsOf topology.Date
}

// PlanResult is a built plan, its renderings and its findings, or the findings that refused
// it. Status is StatusFail when no valid plan can be built, StatusBadInput when the request
// names a pool that is not in the topology.
type PlanResult struct {
	Status   Status
	Plan     *plan.Plan
	Findings topology.Findings
	// PS1, Markdown and JSON are the renderings asked for.
	PS1, Markdown, JSON []byte
	// RenderErrors holds the renderings that failed, by format.
	RenderErrors map[Format]error
}

// Plan builds and validates the plan req asks for on the topology of doc, anchors its
// findings to doc's file (once, here) and renders it.
func Plan(doc *topofile.Document, req PlanRequest) *PlanResult {
	p, fs := plan.Build(doc.Topology, req.Request)
	fs = slices.Clone(fs)
	if req.Positions {
		anchorTopologyFindings(doc, fs)
	}
	if p != nil {
		src := topology.Source{}
		if req.Positions {
			src = doc.Source
		}
		fs = append(fs, topology.LifecycleFindings(doc.Topology, req.AsOf, src)...)
	}
	res := &PlanResult{Plan: p, Findings: fs}
	switch {
	case doc.Topology == nil || doc.Topology.PoolByFQDN(req.Pool) == nil:
		res.Status = StatusBadInput // plan.Build refused it (PL001)
	case p == nil || fs.HasErrors():
		res.Status = StatusFail
	}
	if p == nil {
		return res
	}
	formats := Formats
	if req.Format != "" {
		formats = []Format{req.Format}
	}
	for _, f := range formats {
		b, err := Render(p, f)
		if err != nil {
			if res.RenderErrors == nil {
				res.RenderErrors = map[Format]error{}
			}
			res.RenderErrors[f] = err
			continue
		}
		*res.text(f) = b
	}
	return res
}

// text is where the rendering in f is kept.
func (r *PlanResult) text(f Format) *[]byte {
	switch f {
	case FormatPS1:
		return &r.PS1
	case FormatJSON:
		return &r.JSON
	}
	return &r.Markdown
}

// Text returns the rendering in f, or why it failed.
func (r *PlanResult) Text(f Format) ([]byte, error) {
	if err := r.RenderErrors[f]; err != nil {
		return nil, err
	}
	return *r.text(f), nil
}

// AllFindings returns the findings followed by one PL000 error per failed rendering, in the
// order of Formats: what the page lists.
func (r *PlanResult) AllFindings() topology.Findings {
	fs := r.Findings
	for _, f := range Formats {
		if err := r.RenderErrors[f]; err != nil {
			fs = append(fs, topology.Finding{Code: "PL000", Severity: topology.Error, Path: "render", Message: err.Error()})
		}
	}
	return fs
}

// topologyPaths are the model paths of findings about the topology file; the others concern
// the request (PL001, PL013, PL103) or the plan's steps and have no position in it.
var topologyPaths = []string{"pools[", "branches[", "sites[", "cms.", "name"}

// anchorTopologyFindings gives the findings about the topology their position in its file.
func anchorTopologyFindings(doc *topofile.Document, fs topology.Findings) {
	for i := range fs {
		f := &fs[i]
		if f.Pos.IsValid() {
			continue
		}
		for _, prefix := range topologyPaths {
			if strings.HasPrefix(f.Path, prefix) {
				f.Pos = doc.Source.Lookup(f.Path)
				break
			}
		}
	}
}

// PlanCheckResult tells whether a saved plan still fits a topology: StatusFail when it no
// longer does, StatusBadInput when the plan does not parse.
type PlanCheckResult struct {
	Status   Status
	Plan     *plan.Plan
	Findings topology.Findings
	// Err says why the plan does not parse ("line:column: what").
	Err error
}

// CheckPlan checks a saved JSON plan against the topology of doc, with the findings anchored
// to doc's file.
func CheckPlan(doc *topofile.Document, saved Source) PlanCheckResult {
	p, err := render.ParseJSON(saved.Data)
	if err != nil {
		return PlanCheckResult{Status: StatusBadInput, Err: err}
	}
	fs := plan.Check(p, doc.Topology)
	anchorTopologyFindings(doc, fs)
	st := StatusOK
	if fs.HasErrors() {
		st = StatusFail
	}
	return PlanCheckResult{Status: st, Plan: p, Findings: fs}
}

// ScenarioSetup reads a scenario and returns its leading simulator steps as setup lines for
// a plan: the failure it injects before any real cmdlet runs, with Wait-SimTime lines for the
// time between its steps. otherTopology is true when the scenario was written for another
// topology than t.
func ScenarioSetup(src Source, resolve Resolver, t *topology.Topology) (setup []string, otherTopology bool, err error) {
	if keys, _ := topofile.TopLevelKeys(src.Name, src.Data); len(keys) > 0 && !slices.Contains(keys, "steps") {
		return nil, false, fmt.Errorf("%s is not a scenario (it has no steps); --scenario takes a scenario file, see docs/scenarios.md", src.Name)
	}
	sc, fs := scenarios.Decode(src.Name, src.Data, resolve)
	if sc == nil || fs.HasErrors() {
		return nil, false, fmt.Errorf("scenario %s: %v", src.Name, fs.Err())
	}
	var steps []plan.TimedLine
	for _, st := range sc.Steps {
		if st.Run != "" {
			steps = append(steps, plan.TimedLine{At: st.At, Line: st.Run})
		}
	}
	other := sc.Topology != nil && t != nil && topology.Fingerprint(sc.Topology) != topology.Fingerprint(t)
	return plan.SetupFromSteps(steps), other, nil
}

// MaxPlanBytes is the largest saved plan CheckPlan reads.
const MaxPlanBytes = render.MaxPlanBytes
