package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"failwright/engine/topology"
	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

var errNoNetwork = errors.New("no network")

// The tabs of the page.
const (
	TabTopology  = "topology"
	TabSimulate  = "simulate"
	TabScenarios = "scenarios"
	TabPlans     = "plans"
	TabAnalysis  = "analysis"
)

// Notice is a message shown at the top of the page until dismissed.
type Notice struct {
	// Kind is "info", "warning" or "error".
	Kind string
	Text string
	// Born is the render count when the notice was posted; info notices fade after a while.
	Born int
	// Download, when set, offers the text the notice concerns (a damaged stored workspace).
	DownloadName string
	DownloadData string
}

// Session is what every tab shares: the workspace (with its undo history and its storage),
// the findings of its topology, the visible tab, the notices and the engine worker's
// bookkeeping. Each tab's store embeds it; the stores hear of its changes through the hooks
// NewApp registers.
type Session struct {
	host Host
	doc  *workspace.Doc

	// Tab is the visible tab.
	Tab string
	// Notices are shown at the top of the page.
	Notices []Notice

	// findings of the current topology and an index by path.
	findings    topology.Findings
	byPath      map[string][]topology.Finding
	findingsGen int
	// validating is true while a validation is scheduled after an edit.
	validating bool

	// Renders counts renders, for tests and measurements.
	Renders int
	dirty   bool
	saving  bool
	// saveErr is the last storage error, reported once.
	saveErr string
	focus   string

	// Busy counts engine requests in flight.
	Busy      int
	engineSeq int
	// engine sends a request to the engine worker (App.callEngine).
	engine func(proto.Request, func(proto.Response))

	// What the stores do when the shared state changes (NewApp registers them).
	onChange  []func()                // the topology or the log changed
	onReplace []func()                // a new workspace replaced the old one
	onReload  []func()                // rebuild what was computed from the workspace at once
	onTab     []func(from, to string) // the visible tab changes from one tab to another
}

func (a *Session) restore() {
	stored, ok := a.host.Load(workspace.StorageKey)
	if !ok || strings.TrimSpace(stored) == "" {
		a.doc = workspace.New(starter())
		return
	}
	doc, p := workspace.Restore(stored)
	if p != nil {
		n := Notice{Kind: "warning", Text: p.Message, DownloadName: "failwright-workspace-saved.json", DownloadData: p.Raw}
		if doc == nil {
			n.Kind = "error"
			n.Text += " The app started with a new workspace; download the saved text to keep it."
		}
		a.Notices = append(a.Notices, n)
	}
	if doc == nil {
		doc = workspace.New(starter())
		a.dirty = false // keep the damaged text in storage until the user changes something
	}
	a.doc = doc
}

// Doc returns the workspace document.
func (a *Session) Doc() *workspace.Doc { return a.doc }

// W returns the current workspace.
func (a *Session) W() *workspace.Workspace { return a.doc.Current() }

// T returns the topology being edited.
func (a *Session) T() *topology.Topology { return a.doc.Current().Topology }

// afterChange revalidates and marks the workspace for saving; the stores hear of the change
// (the simulation is rebuilt when next needed, since the topology or its log changed).
func (a *Session) afterChange(save bool) {
	a.validate()
	if save {
		a.dirty = true
	}
	a.changed()
}

// changed tells the stores that the topology or the log changed.
func (a *Session) changed() {
	for _, f := range a.onChange {
		f()
	}
}

// reload rebuilds at once what the stores compute from the workspace (the simulation, replayed
// from the log).
func (a *Session) reload() {
	for _, f := range a.onReload {
		f()
	}
}

// afterEdit is afterChange for typing: the page shows the edit at once, and the validation
// (which takes a few milliseconds on a large topology) follows right after that frame.
func (a *Session) afterEdit() {
	a.dirty = true
	a.changed()
	if a.validating {
		return
	}
	a.validating = true
	a.host.Defer(func() {
		a.validating = false
		a.validate()
	}, true)
}

// Validating reports whether the findings shown are about to be refreshed.
func (a *Session) Validating() bool { return a.validating }

func (a *Session) validate() {
	a.findings = topology.Validate(a.T())
	a.findings.Sort()
	a.byPath = map[string][]topology.Finding{}
	for _, f := range a.findings {
		a.byPath[f.Path] = append(a.byPath[f.Path], f)
	}
	a.findingsGen++
}

// save writes the workspace to storage now, if it changed.
func (a *Session) save() {
	if !a.dirty {
		return
	}
	a.dirty = false
	if err := a.host.Store(workspace.StorageKey, string(a.doc.MarshalLimit(storageBudget))); err != nil {
		if a.saveErr != err.Error() {
			a.saveErr = err.Error()
			a.Notices = append(a.Notices, Notice{Kind: "error", Text: "The workspace could not be saved in this browser: " + err.Error() + ". Export it to keep your work."})
		}
	} else {
		a.saveErr = ""
	}
}

// storageBudget caps the stored workspace (localStorage holds about 5 MB per origin); the
// oldest undo steps are dropped first.
const storageBudget = 1 << 20

// Findings returns every finding of the current topology, sorted.
func (a *Session) Findings() topology.Findings { return a.findings }

// Count returns how many findings have severity s.
func (a *Session) Count(s topology.Severity) int { return a.findings.Count(s) }

// At returns the findings anchored exactly at one of the paths.
func (a *Session) At(paths ...string) []topology.Finding {
	var out []topology.Finding
	for _, p := range paths {
		out = append(out, a.byPath[p]...)
	}
	return out
}

// Under returns the findings at a path or below it.
func (a *Session) Under(paths ...string) []topology.Finding {
	var out []topology.Finding
	for _, f := range a.findings {
		for _, p := range paths {
			if f.Path == p || strings.HasPrefix(f.Path, p+".") || strings.HasPrefix(f.Path, p+"[") {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// Dismiss removes notice i.
func (a *Session) Dismiss(i int) {
	if i >= 0 && i < len(a.Notices) {
		a.Notices = append(a.Notices[:i], a.Notices[i+1:]...)
	}
}

// DownloadNotice offers the text attached to notice i.
func (a *Session) DownloadNotice(i int) {
	if i >= 0 && i < len(a.Notices) && a.Notices[i].DownloadData != "" {
		a.host.Download(a.Notices[i].DownloadName, "application/json", []byte(a.Notices[i].DownloadData))
	}
}

func (a *Session) notify(kind, format string, args ...any) {
	a.Notices = append(a.Notices, Notice{Kind: kind, Text: fmt.Sprintf(format, args...), Born: a.Renders})
	if len(a.Notices) > 5 {
		a.Notices = a.Notices[len(a.Notices)-5:]
	}
}

// tabs lists the tabs in order, for arrow-key navigation.
var tabs = []string{TabTopology, TabSimulate, TabScenarios, TabPlans, TabAnalysis}

var tabLabels = map[string]string{TabTopology: "Topology", TabSimulate: "Simulate", TabScenarios: "Scenarios", TabPlans: "Plans", TabAnalysis: "Analysis"}

// TabInfo is a tab button: its id (after "tab-"), its label and an optional badge.
type TabInfo struct {
	ID, Label, Badge, BadgeClass string
}

// Tabs returns the tab buttons: the topology's error count and a running analysis's progress
// (an, when not nil) show as badges.
func (a *Session) Tabs(an *AnalysisState) []TabInfo {
	out := make([]TabInfo, len(tabs))
	for i, t := range tabs {
		out[i] = TabInfo{ID: t, Label: tabLabels[t]}
	}
	if n := a.Count("error"); n > 0 {
		out[0].Badge, out[0].BadgeClass = Itoa(n), "bad"
	}
	if an != nil && an.Running {
		out[4].Badge, out[4].BadgeClass = Itoa(an.Percent())+"%", "warn"
	}
	return out
}

// TabKey moves between tabs with the arrow, Home and End keys, as the WAI-ARIA tabs pattern
// does, and keeps the focus on the tab shown.
func (a *Session) TabKey(key string) {
	i := 0
	for j, t := range tabs {
		if t == a.Tab {
			i = j
		}
	}
	switch key {
	case "ArrowRight":
		i = (i + 1) % len(tabs)
	case "ArrowLeft":
		i = (i + len(tabs) - 1) % len(tabs)
	case "Home":
		i = 0
	case "End":
		i = len(tabs) - 1
	default:
		return
	}
	a.SetTab(tabs[i])
	a.focus = "tab-" + tabs[i]
}

// TabIndex is the tabindex of a tab button: only the selected tab is in the Tab order.
func (a *Session) TabIndex(tab string) string {
	if a.Tab == tab {
		return "0"
	}
	return "-1"
}

// SetTab shows a tab.
func (a *Session) SetTab(tab string) {
	from := a.Tab
	a.Tab = tab
	for _, f := range a.onTab {
		f(from, tab)
	}
}

// edit applies one undoable change to the topology; key coalesces typing in one field.
func (a *Session) edit(label, key string, f func(t *topology.Topology)) {
	a.doc.Edit(label, key, func(w *workspace.Workspace) {
		f(w.Topology)
		w.Log = nil
	})
	a.afterEdit()
}

// Undo reverts the last change.
func (a *Session) Undo() {
	if a.doc.Undo() {
		a.afterChange(true)
		a.reload()
	}
}

// Redo reapplies the last undone change.
func (a *Session) Redo() {
	if a.doc.Redo() {
		a.afterChange(true)
		a.reload()
	}
}

// UndoLabel and RedoLabel name what Undo and Redo would do ("" when nothing).
func (a *Session) UndoLabel() string { l, _ := a.doc.CanUndo(); return l }

// RedoLabel names what Redo would do.
func (a *Session) RedoLabel() string { l, _ := a.doc.CanRedo(); return l }

// CanUndo reports whether there is something to undo.
func (a *Session) CanUndo() bool { _, ok := a.doc.CanUndo(); return ok }

// CanRedo reports whether there is something to redo.
func (a *Session) CanRedo() bool { _, ok := a.doc.CanRedo(); return ok }

// replace swaps in a new workspace as one undoable step called label; the stores forget
// what they showed of the old one.
func (a *Session) replace(label string, w workspace.Workspace) {
	a.doc.Replace(label, w)
	for _, f := range a.onReplace {
		f()
	}
	a.afterChange(true)
	a.reload()
}

// loadWorkspace replaces the workspace with a loaded one (a sample, a scenario's topology).
func (a *Session) loadWorkspace(w workspace.Workspace) {
	a.replace("load "+w.Origin, w)
	a.notify("info", "Loaded the topology %q.", w.Topology.Name)
}

// expireNotices drops info notices once the user has moved on (a few renders later).
func (a *Session) expireNotices() {
	kept := a.Notices[:0]
	for _, n := range a.Notices {
		if n.Kind == "info" && a.Renders-n.Born > 12 {
			continue
		}
		kept = append(kept, n)
	}
	a.Notices = kept
}

// HasWork reports whether the workspace holds work of the user's that replacing it would set
// aside: anything other than the untouched starter or an empty topology.
func (a *Session) HasWork() bool {
	cur, err := json.Marshal(a.W())
	if err != nil {
		return true
	}
	for _, w := range []workspace.Workspace{starter(), workspace.Empty()} {
		if b, _ := json.Marshal(w); bytes.Equal(b, cur) {
			return false
		}
	}
	return true
}
