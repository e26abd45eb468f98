package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"

	"failwright/engine/topology"
)

// library holds the scenarios shipped with failwright and the sample topologies they use.
//
//go:embed *.yaml topologies/*.yaml
var library embed.FS

// FS returns the embedded library: the scenarios (*.yaml) and the sample topologies
// (topologies/*.yaml), read-only.
func FS() fs.FS { return library }

// Resolve reads a file of the embedded library; it is the Resolver for library scenarios.
func Resolve(p string) ([]byte, error) { return fs.ReadFile(library, path.Clean(p)) }

// Entry describes one scenario of the library.
type Entry struct {
	// File is the scenario's file name in the library, for example "planned-failover.yaml".
	File        string   `json:"file"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Audience    Audience `json:"audience"`
	Level       Level    `json:"level"`
	Training    bool     `json:"training"`
}

// Library lists the embedded scenarios sorted by file name. A scenario that does not decode
// is listed with its file name only (the library's tests keep that from happening).
func Library() []Entry {
	names, _ := fs.Glob(library, "*.yaml")
	sort.Strings(names)
	out := make([]Entry, 0, len(names))
	for _, n := range names {
		e := Entry{File: n}
		if sc, fs := Load(n); sc != nil && !fs.HasErrors() {
			e.Name, e.Description, e.Audience, e.Level, e.Training = sc.Name, sc.Description, sc.Audience, sc.Level, sc.Training()
		}
		out = append(out, e)
	}
	return out
}

// Load decodes a scenario of the embedded library by file name.
func Load(file string) (*Scenario, topology.Findings) {
	file = strings.TrimPrefix(path.Clean(file), "scenarios/")
	data, err := fs.ReadFile(library, file)
	if err != nil {
		return nil, topology.Findings{{Code: CodeTopology, Severity: topology.Error, Path: file,
			Message: "no scenario " + file + " in the library", Fix: "list the library to see the scenario files"}}
	}
	return Decode(file, data, Resolve)
}
