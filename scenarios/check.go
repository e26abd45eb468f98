package scenarios

import (
	"slices"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// FileReport is the result of validating one failwright file, a topology or a scenario: what
// "failwright validate --json" prints and what the Worker's POST /api/validate answers.
type FileReport struct {
	File   string `json:"file"`
	Kind   string `json:"kind"`
	Strict bool   `json:"strict"`
	// AsOf is the day support lifecycles were judged on (YYYY-MM-DD), when one was given.
	AsOf        string            `json:"asOf,omitempty"`
	Valid       bool              `json:"valid"`
	Errors      int               `json:"errors"`
	Warnings    int               `json:"warnings"`
	Infos       int               `json:"infos"`
	Fingerprint string            `json:"fingerprint,omitempty"`
	Summary     *topology.Summary `json:"summary,omitempty"`
	Findings    topology.Findings `json:"findings"`
	// Readable is false when the file could not be decoded at all, as a topology or a
	// scenario: the CLI exits 2 then, not 1.
	Readable bool `json:"-"`
}

// The kinds of file CheckFile tells apart.
const (
	KindTopology = "topology"
	KindScenario = "scenario"
)

// CheckOptions tune CheckFile.
type CheckOptions struct {
	// Kind is KindTopology, KindScenario, or "" to tell them apart by the top-level keys (a
	// scenario has "steps").
	Kind string
	// Strict reports documented-but-unenforced rules as errors.
	Strict bool
	// AsOf is the day a topology's support lifecycles are judged on; the zero Date judges none.
	AsOf topology.Date
}

// CheckFile validates one file. A scenario's topology path is read through resolve. A valid
// topology's report carries its fingerprint; any decoded topology's carries its summary.
func CheckFile(name string, data []byte, resolve Resolver, opt CheckOptions) FileReport {
	kind, strict := opt.Kind, opt.Strict
	if kind == "" {
		kind = KindTopology
		keys, fs := topofile.TopLevelKeys(name, data)
		if fs.HasErrors() {
			return newFileReport(name, kind, strict, fs, false)
		}
		if slices.Contains(keys, "steps") {
			kind = KindScenario
		}
	}
	if kind == KindScenario {
		decode := Decode
		if strict {
			decode = DecodeStrict
		}
		sc, fs := decode(name, data, resolve)
		fs.Sort()
		return newFileReport(name, kind, strict, fs, sc != nil)
	}
	doc, fs := topofile.DecodeDocument(name, data)
	if doc == nil {
		return newFileReport(name, kind, strict, fs, false)
	}
	if !fs.HasErrors() {
		fs = append(fs, doc.Check(topology.Options{Strict: strict, AsOf: opt.AsOf})...)
		fs.Sort()
	}
	rep := newFileReport(name, kind, strict, fs, true)
	if !opt.AsOf.IsZero() {
		rep.AsOf = opt.AsOf.String()
	}
	if rep.Valid {
		rep.Fingerprint = topology.Fingerprint(doc.Topology)
	}
	sum := topology.Summarize(doc.Topology)
	rep.Summary = &sum
	return rep
}

// newFileReport counts the findings of a validation.
func newFileReport(name, kind string, strict bool, fs topology.Findings, readable bool) FileReport {
	if fs == nil {
		fs = topology.Findings{}
	}
	return FileReport{File: name, Kind: kind, Strict: strict, Valid: !fs.HasErrors(),
		Errors: fs.Count(topology.Error), Warnings: fs.Count(topology.Warning), Infos: fs.Count(topology.Info),
		Findings: fs, Readable: readable}
}
