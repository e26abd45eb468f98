package app

import (
	"fmt"

	"failwright/engine/topology"
	"failwright/scenarios"
)

// Source is a file a user gave: the name its findings' positions carry, and its bytes.
type Source struct {
	Name string
	Data []byte
}

// Resolver reads a file a scenario names by path (its topology): the CLI reads the file
// system, the Worker the request's topology or the embedded library, the page the library.
type Resolver = scenarios.Resolver

// Status is how a use case ended, which every surface maps the same way: the CLI to its exit
// code, the Worker to its HTTP status.
type Status int

// The statuses.
const (
	// StatusOK: the thing checked holds (a valid file, a plan, a passed scenario).
	StatusOK Status = iota
	// StatusFail: the thing checked does not hold (errors in a valid-looking file, no valid
	// plan, a failed expectation, a design that loses users).
	StatusFail
	// StatusBadInput: the input cannot be used at all (it does not decode, names something
	// that is not there).
	StatusBadInput
)

// ExitCode is the CLI's exit code for the status: 0, 1 or 2.
func (s Status) ExitCode() int { return int(s) }

// String names the status.
func (s Status) String() string {
	switch s {
	case StatusOK:
		return "ok"
	case StatusFail:
		return "fail"
	case StatusBadInput:
		return "bad input"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// LoadTopology decodes a topology file strictly (without validating the model). A file that
// does not decode is StatusBadInput with the decoder's findings, sorted. A Skype for Business
// topology file (published XML, .tbxml, .ps1) is imported without a completion, as
// LoadTopologyWith does.
func LoadTopology(src Source) (*topology.Document, topology.Findings, Status) {
	return LoadTopologyWith(src, ImportInputs{})
}

// loadYAML decodes a YAML or JSON topology file strictly.
func loadYAML(src Source) (*topology.Document, topology.Findings, Status) {
	doc, fs := topology.DecodeDocument(src.Name, src.Data)
	if doc == nil || doc.Topology == nil || fs.HasErrors() {
		fs.Sort()
		return nil, fs, StatusBadInput
	}
	return doc, fs, StatusOK
}

// Model wraps a topology built in code or decoded from JSON by the page: a document without
// positions, so its findings carry none.
func Model(t *topology.Topology) *topology.Document { return &topology.Document{Topology: t} }
