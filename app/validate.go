package app

import (
	"bytes"
	"encoding/json"
	"fmt"

	"failwright/engine/topology"
	"failwright/engine/units"
	"failwright/scenarios"
)

// ValidateRequest is a file to validate: a topology or a scenario.
type ValidateRequest struct {
	File Source
	// Kind is scenarios.KindTopology or scenarios.KindScenario; empty tells them apart by the
	// file's top-level keys (a scenario has "steps").
	Kind string
	// Strict reports documented-but-unenforced rules as errors.
	Strict bool
	// Resolve reads the topology a scenario names by path.
	Resolve Resolver
	// AsOf is the day support lifecycles are judged on (the CLI's today or --as-of, the page's
	// and the Worker's date); the zero Date judges none.
	AsOf topology.Date
}

// ValidateResult is the report "failwright validate --json" prints and POST /api/validate
// answers, and how the validation ended: StatusBadInput when the file does not decode at all,
// StatusFail when it has errors.
type ValidateResult struct {
	Report scenarios.FileReport
	Status Status
}

// Validate checks a topology or scenario file against every rule in docs/validation.md.
func Validate(req ValidateRequest) ValidateResult {
	rep := scenarios.CheckFile(req.File.Name, req.File.Data, req.Resolve, scenarios.CheckOptions{Kind: req.Kind, Strict: req.Strict, AsOf: req.AsOf})
	st := StatusOK
	switch {
	case !rep.Readable:
		st = StatusBadInput
	case !rep.Valid:
		st = StatusFail
	}
	return ValidateResult{Report: rep, Status: st}
}

// JSON is the report as indented JSON without HTML escaping, with a final newline.
func (r ValidateResult) JSON() ([]byte, error) {
	return indentedJSON(r.Report)
}

// Unreadable says what the file could not be read as, for a report of StatusBadInput:
// "a scenario", or "a topology or a scenario" when its kind was not told.
func (r ValidateResult) Unreadable() string {
	if r.Report.Kind == scenarios.KindScenario {
		return "a scenario"
	}
	return "a topology or a scenario"
}

// Summary is the line the CLI ends a validation with: what the topology holds and the counts
// of findings ("a.yaml: 2 sites, 3 pools (...); 0 errors, 1 warning, 0 notes").
func (r ValidateResult) Summary() string {
	rep := r.Report
	counts := fmt.Sprintf("%s, %s, %s", units.Plural(rep.Errors, "error"), units.Plural(rep.Warnings, "warning"), units.Plural(rep.Infos, "note"))
	s := rep.Summary
	if s == nil {
		return fmt.Sprintf("%s: scenario; %s", rep.File, counts)
	}
	return fmt.Sprintf("%s: %s, %s (%s Front End), %s, %s, %s, %s; %s", rep.File,
		units.Plural(s.Sites, "site"), units.Plural(s.Pools, "pool"), units.Thousands(s.FrontEnds), units.Plural(s.Servers, "server"),
		units.Plural(s.Users, "user"), units.Plural(s.Pairs, "pair"), units.Plural(s.Branches, "branch"), counts)
}

// indentedJSON encodes v indented by two spaces, without HTML escaping, with a final newline:
// the JSON every surface prints.
func indentedJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
