package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"

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

// Library lists the embedded scenarios sorted by file name. It reads only each file's own
// keys (not its topology), once, so listing is cheap in the browser; the library's tests make
// sure every file also decodes and runs.
func Library() []Entry {
	libraryOnce.Do(func() {
		names, _ := fs.Glob(library, "*.yaml")
		sort.Strings(names)
		for _, n := range names {
			data, _ := fs.ReadFile(library, n)
			libraryEntries = append(libraryEntries, entryOf(n, data))
		}
	})
	return append([]Entry(nil), libraryEntries...)
}

var (
	libraryOnce    sync.Once
	libraryEntries []Entry
)

// entryOf reads a scenario's name, description, audience and level, and whether it has
// trainee steps, without decoding its topology.
func entryOf(file string, data []byte) Entry {
	e := Entry{File: file}
	f, err := parseBytes(data)
	if err != nil || len(f.Docs) == 0 || f.Docs[0] == nil {
		return e
	}
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return e
	}
	for _, mv := range m.Values {
		k, _ := scalarText(mv.Key)
		v, _ := scalarText(mv.Value)
		switch k {
		case "name":
			e.Name = v
		case "description":
			e.Description = strings.TrimSpace(v)
		case "audience":
			e.Audience = Audience(strings.ToLower(v))
		case "level":
			e.Level = Level(strings.ToLower(v))
		case "steps":
			if seq, ok := mv.Value.(*ast.SequenceNode); ok {
				for _, st := range seq.Values {
					if sm, ok := st.(*ast.MappingNode); ok {
						for _, kv := range sm.Values {
							if k, _ := scalarText(kv.Key); k == "trainee" {
								e.Training = true
							}
						}
					}
				}
			}
		}
	}
	return e
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
