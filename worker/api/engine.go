package api

import (
	"errors"
	"path"
	"strings"
	"time"

	"failwright/app"
	"failwright/engine/topology"
	"failwright/scenarios"
)

// Engine is the part of failwright the API serves: the use cases of package app, with the
// Worker's inputs. DefaultEngine is the real one; tests may substitute their own to reach
// error paths.
type Engine interface {
	// Validate checks a topology or scenario file as "failwright validate --json" does.
	Validate(req app.ValidateRequest) app.ValidateResult
	// Decode decodes a topology strictly, without validating the model, and returns the
	// decoding findings (syntax, unknown keys, wrong types, limits), sorted.
	Decode(name string, src []byte) topology.Findings
	// Run runs a scenario from its YAML or JSON source and returns the report as JSON. A
	// scenario that names its topology by path reads it from topo when topo is not nil, and
	// from failwright's embedded library otherwise. Findings with errors mean the scenario
	// could not be run at all; a scenario whose expectations do not hold still has a report.
	Run(name string, src, topo []byte) (report []byte, passed bool, fs topology.Findings, err error)
	// Plan builds a plan for the topology in src and renders it in req.Format. Findings with
	// errors mean the topology is invalid or the plan cannot be valid; ErrNotInTopology, with
	// the findings, that the request names a pool the topology does not have.
	Plan(name string, src []byte, req PlanRequest) (out []byte, fs topology.Findings, err error)
	// Analyze analyzes the topology in src at req.Depth and returns the report as JSON, what
	// "failwright analyze --json" prints. A topology that does not decode or validate is
	// ErrTopology, with its findings.
	Analyze(name string, src []byte, req app.AnalyzeRequest) (report []byte, fs topology.Findings, err error)
	// Evidence makes the evidence report of a run from its plan, its run log and optionally
	// the topology the plan was made from, as "failwright evidence" does (app.Evidence).
	Evidence(req app.EvidenceRequest) app.EvidenceResult
	// Review analyzes the topology in src at req.Depth and makes its design review, with
	// generatedAt printed on it, as "failwright analyze --report html" does (app.Review). A
	// topology that does not decode or validate is ErrTopology, with its findings.
	Review(name string, src []byte, req app.AnalyzeRequest, generatedAt time.Time) (app.ReviewResult, topology.Findings, error)
}

// PlanRequest is what to plan, as POST /api/plan carries it beside the topology.
type PlanRequest = app.PlanRequest

// ValidationReport is the answer to POST /api/validate: the JSON that
// "failwright validate --json" prints.
type ValidationReport = scenarios.FileReport

// ErrTopology is what Engine.Plan and Engine.Analyze return when the topology does not
// decode (or, for an analysis, does not validate): its findings say why.
var ErrTopology = errors.New("the topology does not decode")

// ErrNotInTopology is what Engine.Plan returns when the request names a pool that is not in
// the topology (app.StatusBadInput, the CLI's exit 2): its findings say which.
var ErrNotInTopology = errors.New("the request names a pool that is not in the topology")

// DefaultEngine returns the engine of failwright itself.
func DefaultEngine() Engine { return realEngine{} }

// realEngine calls package app.
type realEngine struct{}

// Validate implements Engine with app.Validate.
func (realEngine) Validate(req app.ValidateRequest) app.ValidateResult { return app.Validate(req) }

// Decode implements Engine with app.LoadTopology.
func (realEngine) Decode(name string, src []byte) topology.Findings {
	_, fs, _ := app.LoadTopology(app.Source{Name: name, Data: src})
	fs.Sort()
	return fs
}

// Run implements Engine with app.Run, the steps of "failwright run FILE --json" for one
// scenario.
func (realEngine) Run(name string, src, topo []byte) ([]byte, bool, topology.Findings, error) {
	res := app.Run(app.RunRequest{Scenario: app.Source{Name: name, Data: src}, Resolve: resolverFor(topo)})
	if res.Err != nil {
		return nil, false, res.Findings, res.Err
	}
	if res.Report == nil {
		return nil, false, res.Findings, nil
	}
	return res.Report.JSON(), res.Report.Passed, res.Findings, nil
}

// resolverFor reads a scenario's topology: topo, the one the request carries, when it is not
// nil, and otherwise the file the scenario names in the embedded library.
func resolverFor(topo []byte) app.Resolver {
	if topo != nil {
		return func(string) ([]byte, error) { return topo, nil }
	}
	return libraryResolver
}

// libraryResolver reads a scenario's topology from the embedded library, whose paths are
// relative to the repository's scenarios/ directory.
func libraryResolver(p string) ([]byte, error) {
	return scenarios.Resolve(strings.TrimPrefix(path.Clean(p), "scenarios/"))
}

// Plan implements Engine with app.LoadTopology and app.Plan, the steps of "failwright plan".
// A topology that does not decode is ErrTopology, with its findings.
func (realEngine) Plan(name string, src []byte, req PlanRequest) ([]byte, topology.Findings, error) {
	doc, fs, _ := app.LoadTopology(app.Source{Name: name, Data: src})
	if doc == nil {
		return nil, fs, ErrTopology
	}
	res := app.Plan(doc, req)
	switch res.Status {
	case app.StatusBadInput:
		return nil, res.Findings, ErrNotInTopology
	case app.StatusFail:
		return nil, res.Findings, nil
	}
	out, err := res.Text(req.Format)
	return out, res.Findings, err
}

// Analyze implements Engine with app.LoadTopology and app.Analyze, the steps of
// "failwright analyze --json".
func (realEngine) Analyze(name string, src []byte, req app.AnalyzeRequest) ([]byte, topology.Findings, error) {
	doc, fs, _ := app.LoadTopology(app.Source{Name: name, Data: src})
	if doc == nil {
		return nil, fs, ErrTopology
	}
	res := app.Analyze(doc, req)
	switch {
	case res.Err != nil:
		return nil, nil, res.Err
	case res.Report == nil:
		return nil, res.Findings, ErrTopology
	}
	return res.Report.JSON(), nil, nil
}

// Evidence implements Engine with app.Evidence.
func (realEngine) Evidence(req app.EvidenceRequest) app.EvidenceResult { return app.Evidence(req) }

// Review implements Engine with app.LoadTopology, app.Analyze and app.Review.
func (realEngine) Review(name string, src []byte, req app.AnalyzeRequest, generatedAt time.Time) (app.ReviewResult, topology.Findings, error) {
	doc, fs, _ := app.LoadTopology(app.Source{Name: name, Data: src})
	if doc == nil {
		return app.ReviewResult{}, fs, ErrTopology
	}
	res := app.Review(app.Analyze(doc, req), generatedAt)
	switch {
	case res.Err != nil:
		return res, nil, res.Err
	case res.Review == nil && len(res.Findings) > 0:
		return res, res.Findings, ErrTopology
	case res.Review == nil:
		return res, nil, errNoReview
	}
	return res, nil, nil
}
