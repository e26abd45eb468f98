package app

import (
	"fmt"
	"strings"

	"failwright/engine/importer"
	"failwright/engine/topology"
)

// TopologyFormat is how an imported topology is rendered: YAML (the default) or JSON.
type TopologyFormat string

// The topology renderings.
const (
	TopologyYAML TopologyFormat = "yaml"
	TopologyJSON TopologyFormat = "json"
)

// ParseTopologyFormat reads a rendering's name; empty means YAML. Its error says which names
// there are, for the surface to prefix with where the name came from.
func ParseTopologyFormat(s string) (TopologyFormat, error) {
	switch TopologyFormat(s) {
	case "", TopologyYAML:
		return TopologyYAML, nil
	case TopologyJSON:
		return TopologyJSON, nil
	}
	return "", fmt.Errorf("must be yaml or json, not %q", s)
}

// ImportInputs are what an import file needs besides itself: the values of a .ps1
// here-string's $variables (--set NAME=VALUE) and the completion file that answers the gaps.
type ImportInputs struct {
	Set        map[string]string
	Completion *Source
}

// ImportRequest is "failwright import FILE [--set NAME=VALUE]... [--completion FILE]
// [--format yaml|json]", POST /api/import and the page's Import.
type ImportRequest struct {
	// File is the published topology (Get-CsTopology -AsXml), the .tbxml, or the .ps1.
	File Source
	ImportInputs
	// Format is the rendering of Output; empty means YAML.
	Format TopologyFormat
}

// ImportResult is an import: the topology and its rendering, the findings (malformed input,
// gaps, notes) sorted, and the status: StatusBadInput when the file or the completion cannot
// be used, StatusFail while gaps are open (the topology and its rendering are there, for the
// page's "complete the import" step), StatusOK when the topology is complete.
type ImportResult struct {
	// Document is the imported topology with the positions of its parts in the file; nil
	// for StatusBadInput.
	Document *topology.Document
	// Kind is the kind of file read: importer.Published or importer.TopologyBuilder.
	Kind importer.Format
	// Output is the topology rendered in the requested format; nil for StatusBadInput.
	Output   []byte
	Findings topology.Findings
	Status   Status
}

// Gaps are the findings a completion answers (the page's "complete the import" step).
func (r ImportResult) Gaps() topology.Findings {
	var out topology.Findings
	for _, f := range r.Findings {
		if f.Severity == topology.Error {
			out = append(out, f)
		}
	}
	return out
}

// Import reads a topology file Skype for Business Server wrote and maps it to failwright's
// model, applying the completion (docs/import.md).
func Import(req ImportRequest) ImportResult {
	format, err := ParseTopologyFormat(string(req.Format))
	if err != nil {
		return ImportResult{Status: StatusBadInput, Findings: topology.Findings{{Code: importer.CodeBadValue, Severity: topology.Error,
			Message: "the output format " + err.Error(), Fix: "ask for yaml or json"}}}
	}
	r, st := runImport(req.File, req.ImportInputs)
	res := ImportResult{Document: r.Document, Kind: r.Format, Findings: r.Findings, Status: st}
	if r.Document == nil {
		return res
	}
	if format == TopologyJSON {
		res.Output, err = topology.EncodeJSON(r.Document.Topology)
	} else {
		res.Output, err = topology.Encode(r.Document.Topology)
	}
	if err != nil {
		res.Output, res.Status = nil, StatusBadInput
		res.Findings = append(res.Findings, topology.Finding{Code: importer.CodeBadValue, Severity: topology.Error,
			Message: "the imported topology cannot be rendered: " + err.Error(), Fix: "report it as a failwright bug"})
	}
	return res
}

// runImport decodes the completion and imports the file.
func runImport(file Source, in ImportInputs) (importer.Result, Status) {
	opt := importer.Options{Set: in.Set}
	if in.Completion != nil {
		c, fs := importer.DecodeCompletion(in.Completion.Name, in.Completion.Data)
		if len(fs) > 0 {
			fs.Sort()
			return importer.Result{Findings: fs, Malformed: true}, StatusBadInput
		}
		opt.Completion = c
	}
	r := importer.Import(file.Name, file.Data, opt)
	switch {
	case r.Malformed:
		return r, StatusBadInput
	case r.Gaps():
		return r, StatusFail
	}
	return r, StatusOK
}

// IsImportFile reports whether a file is a Skype for Business topology file (XML, .tbxml or
// .ps1) rather than a failwright YAML or JSON topology.
func IsImportFile(src Source) bool { return importer.IsImport(src.Name, src.Data) }

// LoadTopologyWith is LoadTopology for every file a topology is accepted as: a YAML or JSON
// topology is decoded exactly as LoadTopology does; an import file (IsImportFile) is
// imported with in. An import with open gaps returns its document, the gaps and notes, and
// StatusFail: the surface shows the gaps (and may go on with the incomplete topology).
func LoadTopologyWith(src Source, in ImportInputs) (*topology.Document, topology.Findings, Status) {
	if !IsImportFile(src) {
		return loadYAML(src)
	}
	r, st := runImport(src, in)
	return r.Document, r.Findings, st
}

// ParseSet reads --set NAME=VALUE arguments into the map ImportInputs.Set takes. A name may
// be written with its $ ("$PoolFqdn=..."); the value may be empty and may hold '='. Its error
// names the argument, for the surface to prefix with where it came from.
func ParseSet(args []string) (map[string]string, error) {
	set := map[string]string{}
	for _, a := range args {
		name, value, ok := strings.Cut(a, "=")
		name = strings.TrimPrefix(name, "$")
		if !ok || name == "" {
			return nil, fmt.Errorf("%q is not NAME=VALUE", a)
		}
		set[name] = value
	}
	return set, nil
}
