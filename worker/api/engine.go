package api

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"failwright/engine/plan"
	"failwright/engine/render"
	"failwright/engine/topology"
	"failwright/scenarios"
)

// Engine is the part of failwright's engine the API serves. DefaultEngine is the real one;
// tests may substitute their own to reach error paths.
type Engine interface {
	// Validate decodes a topology from YAML or JSON source named name and validates it. It
	// returns every finding, sorted, and the topology's fingerprint when there is no error.
	Validate(name string, src []byte) (fingerprint string, fs topology.Findings)
	// Decode decodes a topology strictly, without validating the model, and returns the
	// decoding findings (syntax, unknown keys, wrong types, limits), sorted.
	Decode(name string, src []byte) topology.Findings
	// Run runs a scenario from its YAML or JSON source and returns the report as JSON. A
	// scenario that names its topology by path reads it from topo when topo is not nil, and
	// from failwright's embedded library otherwise. Findings with errors mean the scenario
	// could not be run at all; a scenario whose expectations do not hold still has a report.
	Run(name string, src, topo []byte) (report []byte, passed bool, fs topology.Findings, err error)
	// Plan builds a plan for the topology in src and renders it in req.Format. Findings with
	// errors mean the topology is invalid or the plan cannot be valid.
	Plan(name string, src []byte, req PlanRequest) (out []byte, fs topology.Findings, err error)
}

// PlanRequest is what to plan, as POST /api/plan carries it beside the topology.
type PlanRequest struct {
	// Pool is the FQDN of the pool to fail over.
	Pool string
	// Mode is "planned" or "disaster".
	Mode string
	// Failback adds the steps that bring the users home.
	Failback bool
	// Format is "ps1", "md" or "json".
	Format string
	// Setup is simulator lines that put the simulation in the failure state the plan starts
	// from, as "failwright plan --setup" takes them; empty means the default.
	Setup []string
	// Positions gives the plan's findings the positions of their paths in the source file, as
	// "failwright plan FILE" does; without it they have none, as the browser app's plans.
	Positions bool
}

// ErrTopology is what Engine.Plan returns when the topology does not decode: its findings
// say why.
var ErrTopology = errors.New("the topology does not decode")

// DefaultEngine returns the engine of failwright itself.
func DefaultEngine() Engine { return realEngine{} }

// realEngine wires the engine packages.
type realEngine struct{}

// Validate implements Engine with topology.DecodeDocument and Document.Validate, the same
// steps as "failwright validate".
func (realEngine) Validate(name string, src []byte) (string, topology.Findings) {
	doc, fs := topology.DecodeDocument(name, src)
	if doc == nil || fs.HasErrors() {
		fs.Sort()
		return "", fs
	}
	fs = append(fs, doc.Validate()...)
	fs.Sort()
	if fs.HasErrors() {
		return "", fs
	}
	return topology.Fingerprint(doc.Topology), fs
}

// Decode implements Engine with topology.DecodeDocument.
func (realEngine) Decode(name string, src []byte) topology.Findings {
	_, fs := topology.DecodeDocument(name, src)
	fs.Sort()
	return fs
}

// Run implements Engine with scenarios.Decode and scenarios.Run, the steps of
// "failwright run --json".
func (realEngine) Run(name string, src, topo []byte) ([]byte, bool, topology.Findings, error) {
	resolve := libraryResolver
	if topo != nil {
		resolve = func(string) ([]byte, error) { return topo, nil }
	}
	sc, fs := scenarios.Decode(name, src, resolve)
	fs.Sort()
	if sc == nil || fs.HasErrors() {
		return nil, false, fs, nil
	}
	rep, err := scenarios.Run(sc, scenarios.Options{})
	if err != nil {
		return nil, false, fs, err
	}
	return rep.JSON(), rep.Passed, fs, nil
}

// libraryResolver reads a scenario's topology from the embedded library, whose paths are
// relative to the repository's scenarios/ directory.
func libraryResolver(p string) ([]byte, error) {
	return scenarios.Resolve(strings.TrimPrefix(path.Clean(p), "scenarios/"))
}

// Plan implements Engine with the steps of "failwright plan": topology.DecodeDocument,
// plan.Build, with req.Positions the findings anchored to their positions in the source (the
// rendered JSON plan carries them too), and the renderer of req.Format. A topology that does
// not decode is ErrTopology, with its findings.
func (realEngine) Plan(name string, src []byte, req PlanRequest) ([]byte, topology.Findings, error) {
	doc, fs := topology.DecodeDocument(name, src)
	if doc == nil || fs.HasErrors() {
		fs.Sort()
		return nil, fs, ErrTopology
	}
	p, pfs := plan.Build(doc.Topology, plan.Request{Pool: req.Pool, Mode: plan.Mode(req.Mode), Failback: req.Failback, Setup: req.Setup})
	if req.Positions {
		doc.Source.Anchor(pfs)
	}
	if p == nil || pfs.HasErrors() {
		return nil, pfs, nil
	}
	out, err := Render(p, req.Format)
	return out, pfs, err
}

// Render renders a plan in one of PlanFormats' formats: "ps1", "md" or "json".
func Render(p *plan.Plan, format string) ([]byte, error) {
	switch format {
	case "ps1":
		return render.PowerShell(p)
	case "md":
		return render.Markdown(p)
	case "json":
		return render.JSON(p)
	}
	return nil, fmt.Errorf("unknown plan format %q", format)
}
