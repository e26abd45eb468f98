// Package samples holds the sample deployments failwright ships (Litware, Fabrikam, Contoso,
// a worldwide large.yaml and the version pairs) as topology files. The engine owns them: its
// tests read them here, and the scenario library (scenarios/topologies, a link to this folder
// for users' paths) serves them to every surface.
package samples

import (
	"embed"
	"io/fs"
	"path"
	"slices"
)

//go:embed *.yaml
var files embed.FS

// FS returns the sample topology files, read-only, at its root (litwareinc.yaml, ...).
func FS() fs.FS { return files }

// Read returns the sample topology file name ("litwareinc.yaml").
func Read(name string) ([]byte, error) { return fs.ReadFile(files, path.Clean(name)) }

// Names lists the sample topology files, sorted.
func Names() []string {
	names, _ := fs.Glob(files, "*.yaml") // the pattern is valid: no error
	slices.Sort(names)
	return names
}
