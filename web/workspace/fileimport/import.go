// Package fileimport reads a file the user imports into the page's workspace: a workspace
// exported as JSON, or a topology in YAML or JSON. The engine worker calls it; it is apart
// from package workspace because decoding a topology file takes the YAML library, which the
// page (app.wasm) does not carry.
package fileimport

import (
	"bytes"
	"path"

	"failwright/engine/topofile"
	"failwright/web/workspace"
)

// Import reads a file the user chose: a workspace exported as JSON, or a topology in YAML or
// JSON. A file that does not decode is refused with every problem and its position; the
// caller keeps the current workspace. A topology that decodes but does not validate is
// accepted: the editor shows its findings.
func Import(name string, data []byte) (workspace.Workspace, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return workspace.Workspace{}, &workspace.ImportError{Name: name, Message: name + " is empty."}
	}
	if trimmed[0] == '{' && bytes.Contains(trimmed, []byte(`"`+workspace.Format+`"`)) {
		w, err := workspace.ParseShared(data)
		if err != nil {
			return workspace.Workspace{}, &workspace.ImportError{Name: name, Message: name + ": " + err.Error()}
		}
		w.Origin = "import " + path.Base(name)
		return w, nil
	}
	t, fs := topofile.Decode(path.Base(name), data)
	if t == nil || fs.HasErrors() {
		if len(fs) == 0 {
			return workspace.Workspace{}, &workspace.ImportError{Name: name, Message: name + " holds no topology."}
		}
		return workspace.Workspace{}, &workspace.ImportError{Name: name, Findings: fs}
	}
	return workspace.Workspace{Topology: t, Seed: 1, Origin: "import " + path.Base(name)}, nil
}
