package ui

import (
	"encoding/json"
	"net/url"
	"path"
	"strings"

	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

// ShareStore is the state of the workspace's ways in and out: the "Start from" menu, the
// import dialog, the exports, and shared links (when the failwright Worker serves the page).
type ShareStore struct {
	*Session
	// lib lists the sample topologies.
	lib *ScenarioStore

	// MenuOpen is whether the "Start from" menu is open.
	MenuOpen bool

	// Import dialog.
	ImportOpen   bool
	ImportName   string
	ImportText   string
	ImportErrors []string
	// ImportGaps are the questions of the "complete the import" step of a Skype for Business
	// topology file, and ImportAnswers the user's answers; importFile is that file.
	ImportGaps    *proto.ImportGaps
	ImportAnswers map[string]string
	importFile    struct {
		name string
		data []byte
	}

	// Share (only when served by the failwright Worker).
	ShareAvailable bool
	// ShareURL is the last link made, absolute; ShareCopied says it was copied.
	ShareURL    string
	ShareStatus string
	ShareCopied bool
	// shareOpen is the ID of the shared workspace last opened (or being opened).
	shareOpen string
}

// OpenImport shows the import dialog.
func (sh *ShareStore) OpenImport() {
	sh.ImportOpen = true
	sh.ImportErrors = nil
	sh.focus = "import-file"
}

// CloseImport hides the import dialog.
func (sh *ShareStore) CloseImport() {
	if sh.ImportOpen {
		sh.focus = "import"
	}
	sh.ImportOpen = false
	sh.ImportErrors = nil
	sh.ImportText = ""
	sh.ImportGaps = nil
	sh.importFile.data = nil
}

// ImportKey closes the import dialog on Escape.
func (sh *ShareStore) ImportKey(key string) {
	if key == "Escape" {
		sh.CloseImport()
	}
}

// ImportData imports a file's contents (a topology in YAML or JSON, or an exported
// workspace); the engine worker decodes it. On failure the errors are shown with their
// positions and the current workspace is left exactly as it was.
func (sh *ShareStore) ImportData(name string, data []byte) {
	if name == "" {
		name = "pasted.yaml"
	}
	sh.ImportErrors = nil
	sh.ImportGaps = nil
	sh.ImportAnswers = map[string]string{}
	sh.importFile.name, sh.importFile.data = name, data
	sh.sendImport(nil)
}

// CompleteImport imports the file again with the answers of the "complete the import" step.
func (sh *ShareStore) CompleteImport() {
	sh.ImportErrors = nil
	sh.sendImport(sh.ImportAnswers)
}

// sendImport has the engine worker import the pending file, with the step's answers.
func (sh *ShareStore) sendImport(answers map[string]string) {
	name := sh.importFile.name
	sh.engine(proto.Request{Op: proto.OpImport, File: name, Data: sh.importFile.data, Answers: answers}, func(r proto.Response) {
		switch {
		case r.ImportGaps != nil:
			sh.ImportOpen = true
			sh.ImportGaps = r.ImportGaps
			sh.ImportErrors = r.ImportGaps.Other
		case r.Error != "":
			sh.ImportOpen = true
			sh.ImportErrors = []string{r.Error}
		case len(r.ImportErrors) > 0 || r.Workspace == nil:
			sh.ImportOpen = true
			sh.ImportErrors = r.ImportErrors
		default:
			sh.replace("import "+name, *r.Workspace)
			sh.CloseImport()
			sh.notify("info", "Imported %s (%s).", name, r.Workspace.Topology.Name)
		}
	})
}

// ImportPasted imports the text pasted into the dialog.
func (sh *ShareStore) ImportPasted() { sh.ImportData(sh.ImportName, []byte(sh.ImportText)) }

// ExportYAML downloads the topology as YAML.
func (sh *ShareStore) ExportYAML() {
	b, err := workspace.ExportYAML(sh.W())
	if err != nil {
		sh.notify("error", "Export failed: %v", err)
		return
	}
	sh.host.Download(workspace.FileName(sh.W())+".yaml", "application/yaml", b)
}

// ExportJSON downloads the topology as JSON.
func (sh *ShareStore) ExportJSON() {
	b, err := workspace.ExportTopologyJSON(sh.W())
	if err != nil {
		sh.notify("error", "Export failed: %v", err)
		return
	}
	sh.host.Download(workspace.FileName(sh.W())+".json", "application/json", b)
}

// ExportWorkspace downloads the whole workspace (topology, seed and shell log).
func (sh *ShareStore) ExportWorkspace() {
	sh.host.Download(workspace.FileName(sh.W())+".workspace.json", "application/json", sh.doc.ExportJSON())
}

// NewWorkspace starts an empty topology.
func (sh *ShareStore) NewWorkspace() { sh.LoadSample("empty") }

// Sample is a sample topology shipped with failwright.
type Sample struct {
	File string
	Name string
}

// Samples lists the built-in starter and the sample topologies of the scenario library (which
// the engine worker lists on first use).
func (sh *ShareStore) Samples() []Sample {
	out := []Sample{{File: "", Name: "Two-site pair (starter)"}}
	for _, n := range sh.lib.samples {
		out = append(out, Sample{File: n, Name: path.Base(n)})
	}
	return out
}

// LoadSample replaces the workspace with a sample topology (file "" is the starter, "empty"
// an empty topology); library samples are decoded by the engine worker.
func (sh *ShareStore) LoadSample(file string) {
	sh.MenuOpen = false
	if sh.HasWork() && !sh.host.Confirm("Replace the current workspace with this sample? (Undo brings it back.)") {
		return
	}
	switch file {
	case "":
		sh.loadWorkspace(starter())
	case "empty":
		sh.loadWorkspace(workspace.Empty())
	default:
		sh.engine(proto.Request{Op: proto.OpSample, File: file}, func(r proto.Response) {
			if r.Error != "" || r.Workspace == nil {
				sh.notify("error", "The sample %s could not be loaded: %s", file, r.Error)
				return
			}
			sh.loadWorkspace(*r.Workspace)
		})
	}
}

// probeShare asks the page's origin whether the failwright Worker serves it; only then are
// shared links offered and followed.
func (sh *ShareStore) probeShare() {
	sh.host.Fetch("GET", "api/health", nil, func(status int, body []byte, err error) {
		if err != nil || status != 200 {
			return
		}
		var h struct {
			Service string `json:"service"`
		}
		if json.Unmarshal(body, &h) != nil || h.Service != "failwright-worker" {
			return
		}
		sh.ShareAvailable = true
		if id := shareID(sh.host.Location()); id != "" {
			sh.loadShare(id)
		}
		if lh, ok := sh.host.(LinkHost); ok {
			lh.OnHashChange(sh.hashChanged)
		}
	})
}

// hashChanged opens a shared link pasted into the open tab: its fragment changed to another
// share's ID.
func (sh *ShareStore) hashChanged() {
	if id := shareID(sh.host.Location()); id != "" && id != sh.shareOpen {
		sh.loadShare(id)
	}
}

// shareID finds "share=<id>" in the fragment or the query.
func shareID(hash, query string) string {
	for _, s := range []string{strings.TrimPrefix(hash, "#"), strings.TrimPrefix(query, "?")} {
		if v, err := url.ParseQuery(s); err == nil {
			if id := v.Get("share"); id != "" && validShareID(id) {
				return id
			}
		}
	}
	return ""
}

func validShareID(id string) bool {
	if len(id) > 100 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
			return false
		}
	}
	return true
}

func (sh *ShareStore) loadShare(id string) {
	sh.shareOpen = id
	sh.ShareStatus = "Loading the shared workspace…"
	sh.host.Fetch("GET", "api/shares/"+id, nil, func(status int, body []byte, err error) {
		sh.ShareStatus = ""
		if err != nil || status != 200 {
			sh.notify("error", "The shared workspace %s could not be loaded: %s", id, problemText(status, body, err))
			return
		}
		w, perr := workspace.ParseShared(body)
		if perr != nil {
			sh.notify("error", "The shared workspace %s is not readable: %v", id, perr)
			return
		}
		// The link has been answered: a reload now restores the workspace as saved, rather
		// than asking to open the link again.
		defer sh.clearHash()
		if sh.HasWork() && !sh.host.Confirm("Open the shared workspace "+id+"? It replaces your current workspace (Undo brings it back).") {
			return
		}
		w.Origin = "shared " + id
		sh.replace("open shared workspace", w)
		sh.notify("info", "Opened the shared workspace %s.", id)
	})
}

// clearHash removes "#share=..." from the address and forgets the link, so that pasting it
// again opens it again.
func (sh *ShareStore) clearHash() {
	sh.shareOpen = ""
	if lh, ok := sh.host.(LinkHost); ok {
		if hash, _ := sh.host.Location(); shareID(hash, "") != "" {
			lh.ClearHash()
		}
	}
}

// problemText says why the API refused a request: the title and detail of its
// problem+json answer (RFC 9457), else what statusText says.
func problemText(status int, body []byte, err error) string {
	var pr struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	if err == nil && json.Unmarshal(body, &pr) == nil && (pr.Title != "" || pr.Detail != "") {
		switch {
		case pr.Title == "":
			return pr.Detail + "."
		case pr.Detail == "":
			return pr.Title + "."
		}
		return pr.Title + ": " + pr.Detail + "."
	}
	return statusText(status, err) + "."
}

func statusText(status int, err error) string {
	if err != nil {
		return err.Error()
	}
	if status == 404 {
		return "not found or expired"
	}
	return "HTTP " + Itoa(status)
}

// Share stores the workspace on the Worker and shows its link.
func (sh *ShareStore) Share() {
	if !sh.ShareAvailable {
		return
	}
	sh.ShareStatus = "Sharing…"
	sh.host.Fetch("POST", "api/shares", sh.doc.ExportJSON(), func(status int, body []byte, err error) {
		sh.ShareStatus = ""
		if err != nil || (status != 200 && status != 201) {
			sh.notify("error", "Sharing failed: %s", problemText(status, body, err))
			return
		}
		var r struct {
			ID  string `json:"id"`
			URL string `json:"url"`
		}
		if json.Unmarshal(body, &r) != nil || r.ID == "" {
			sh.notify("error", "Sharing failed: the server's answer was not understood.")
			return
		}
		link := r.URL
		if link == "" {
			link = "#share=" + r.ID
		}
		sh.ShareURL, sh.ShareCopied = sh.absolute(link), false
		sh.shareOpen = r.ID // this workspace is that share: following the link reopens nothing
	})
}

// absolute resolves a link the API gave ("/#share=ID") against the page's address, so that
// the link shown can be pasted anywhere. (String work, not net/url's resolver: this is all
// the page needs, and the resolver costs the page's wasm kilobytes.)
func (sh *ShareStore) absolute(link string) string {
	lh, ok := sh.host.(LinkHost)
	if !ok || strings.Contains(link, "://") {
		return link
	}
	page := lh.PageURL()
	switch {
	case strings.HasPrefix(link, "#"):
		return page + link
	case strings.HasPrefix(link, "/"):
		// The origin ends at the first "/" after the scheme's "//".
		if i := strings.Index(page, "//"); i >= 0 {
			if j := strings.IndexByte(page[i+2:], '/'); j >= 0 {
				return page[:i+2+j] + link
			}
			return page + link
		}
	}
	return link
}

// CanCopy reports whether the page can copy the link.
func (sh *ShareStore) CanCopy() bool { _, ok := sh.host.(LinkHost); return ok }

// CopyShare copies the link shown to the clipboard.
func (sh *ShareStore) CopyShare() {
	lh, ok := sh.host.(LinkHost)
	if !ok || sh.ShareURL == "" {
		return
	}
	link := sh.ShareURL
	lh.Copy(link, func(err error) {
		if err != nil {
			sh.notify("error", "The link could not be copied (%v): select it and copy it by hand.", err)
			return
		}
		sh.ShareCopied = sh.ShareURL == link
	})
}

// ReadImportFile imports the file chosen in the import dialog.
func (sh *ShareStore) ReadImportFile(event vugu.DOMEvent) {
	sh.host.ReadFile(event, func(name string, data []byte, err error) {
		if err != nil {
			sh.ImportErrors = []string{"The file could not be read: " + err.Error()}
			return
		}
		sh.ImportData(name, data)
	})
}

// ImportAnswer records an answer of the "complete the import" step under its field's id
// (proto.ImportGaps).
func (sh *ShareStore) ImportAnswer(event vugu.DOMEvent) {
	sh.ImportAnswers[event.PropString("target", "id")] = event.PropString("target", "value")
}
