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
	// Validate checks a topology or scenario file as "failwright validate --json" does and
	// returns its report.
	Validate(name string, src []byte, opts ValidateOptions) ValidationReport
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

// ValidateOptions tune Engine.Validate.
type ValidateOptions struct {
	// Strict reports documented-but-unenforced rules as errors ("failwright validate --strict").
	Strict bool
	// Kind is "topology" or "scenario"; empty means: a scenario when the file's top level has
	// "steps", as the CLI decides.
	Kind string
	// Topology is the topology a scenario names by path, when the request carries it.
	Topology []byte
}

// ValidationReport is the answer to POST /api/validate: the JSON that
// "failwright validate --json" prints.
type ValidationReport = scenarios.FileReport

// ErrTopology is what Engine.Plan returns when the topology does not decode: its findings
// say why.
var ErrTopology = errors.New("the topology does not decode")

// DefaultEngine returns the engine of failwright itself.
func DefaultEngine() Engine { return realEngine{} }

// realEngine wires the engine packages.
type realEngine struct{}

// Validate implements Engine with scenarios.CheckFile, the steps of
// "failwright validate --json".
func (realEngine) Validate(name string, src []byte, opts ValidateOptions) ValidationReport {
	return scenarios.CheckFile(name, src, opts.Kind, resolverFor(opts.Topology), opts.Strict)
}

// Decode implements Engine with topology.DecodeDocument.
func (realEngine) Decode(name string, src []byte) topology.Findings {
	_, fs := topology.DecodeDocument(name, src)
	fs.Sort()
	return fs
}

// Run implements Engine with scenarios.Decode and scenarios.Run, the steps of
// "failwright run FILE --json" for one scenario.
func (realEngine) Run(name string, src, topo []byte) ([]byte, bool, topology.Findings, error) {
	sc, fs := scenarios.Decode(name, src, resolverFor(topo))
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

// resolverFor reads a scenario's topology: topo, the one the request carries, when it is not
// nil, and otherwise the file the scenario names in the embedded library.
func resolverFor(topo []byte) scenarios.Resolver {
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
