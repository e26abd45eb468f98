package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/decode"
	"failwright/engine/samples"
	"failwright/engine/topology"
)

// scenarioFiles holds the scenarios shipped with failwright. The sample topologies they use
// are the engine's (engine/samples); the library serves them under topologies/.
//
//go:embed *.yaml
var scenarioFiles embed.FS

// library is the scenarios at its root and the sample topologies under topologies/, as the
// scenarios' relative topology paths name them.
var library fs.FS = libraryFS{}

// libraryFS overlays engine/samples on the embedded scenarios under topologies/.
type libraryFS struct{}

// Open opens a scenario, or a sample topology under topologies/ (topologies itself is the
// samples' directory).
func (libraryFS) Open(name string) (fs.File, error) {
	switch {
	case name == "topologies":
		return samples.FS().Open(".")
	case strings.HasPrefix(name, "topologies/"):
		return samples.FS().Open(strings.TrimPrefix(name, "topologies/"))
	}
	return scenarioFiles.Open(name)
}

// FS returns the embedded library: the scenarios (*.yaml) and the sample topologies
// (topologies/*.yaml), read-only.
func FS() fs.FS { return library }

// Resolve reads a file of the embedded library; it is the Resolver for library scenarios.
func Resolve(p string) ([]byte, error) { return fs.ReadFile(library, path.Clean(p)) }

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
	docs, p := decode.Parse(data, limits)
	if p != nil || len(docs) == 0 {
		return e
	}
	entries, _ := decode.Entries(docs[0])
	for _, kv := range entries {
		k, _ := decode.Scalar(kv.Key)
		v, _ := decode.Scalar(kv.Value)
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
			e.Training = hasTraineeStep(kv.Value)
		}
	}
	return e
}

// hasTraineeStep reports whether a list of steps holds a trainee step.
func hasTraineeStep(steps *yaml.Node) bool {
	items, _ := decode.Items(steps)
	for _, st := range items {
		entries, _ := decode.Entries(st)
		for _, kv := range entries {
			if k, _ := decode.Scalar(kv.Key); k == "trainee" {
				return true
			}
		}
	}
	return false
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
