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

func (ses *Session) restore() {
	stored, ok := ses.host.Load(workspace.StorageKey)
	if !ok || strings.TrimSpace(stored) == "" {
		ses.doc = workspace.New(starter())
		return
	}
	doc, p := workspace.Restore(stored)
	if p != nil {
		n := Notice{Kind: "warning", Text: p.Message, DownloadName: "failwright-workspace-saved.json", DownloadData: p.Raw}
		if doc == nil {
			n.Kind = "error"
			n.Text += " The app started with a new workspace; download the saved text to keep it."
		}
		ses.Notices = append(ses.Notices, n)
	}
	if doc == nil {
		doc = workspace.New(starter())
		ses.dirty = false // keep the damaged text in storage until the user changes something
	}
	ses.doc = doc
}

// Doc returns the workspace document.
func (ses *Session) Doc() *workspace.Doc { return ses.doc }

// W returns the current workspace.
func (ses *Session) W() *workspace.Workspace { return ses.doc.Current() }

// T returns the topology being edited.
func (ses *Session) T() *topology.Topology { return ses.doc.Current().Topology }

// afterChange revalidates and marks the workspace for saving; the stores hear of the change
// (the simulation is rebuilt when next needed, since the topology or its log changed).
func (ses *Session) afterChange(save bool) {
	ses.validate()
	if save {
		ses.dirty = true
	}
	ses.changed()
}

// changed tells the stores that the topology or the log changed.
func (ses *Session) changed() {
	for _, f := range ses.onChange {
		f()
	}
}

// reload rebuilds at once what the stores compute from the workspace (the simulation, replayed
// from the log).
func (ses *Session) reload() {
	for _, f := range ses.onReload {
		f()
	}
}

// afterEdit is afterChange for typing: the page shows the edit at once, and the validation
// (which takes a few milliseconds on a large topology) follows right after that frame.
func (ses *Session) afterEdit() {
	ses.dirty = true
	ses.changed()
	if ses.validating {
		return
	}
	ses.validating = true
	ses.host.Defer(func() {
		ses.validating = false
		ses.validate()
	}, true)
}

// Validating reports whether the findings shown are about to be refreshed.
func (ses *Session) Validating() bool { return ses.validating }

func (ses *Session) validate() {
	var opt topology.Options
	if h, ok := ses.host.(DayHost); ok {
		opt.AsOf = h.Today()
	}
	ses.findings = topology.Check(ses.T(), opt)
	ses.findings.Sort()
	ses.byPath = map[string][]topology.Finding{}
	for _, f := range ses.findings {
		ses.byPath[f.Path] = append(ses.byPath[f.Path], f)
	}
	ses.findingsGen++
}

// save writes the workspace to storage now, if it changed.
func (ses *Session) save() {
	if !ses.dirty {
		return
	}
	ses.dirty = false
	if err := ses.host.Store(workspace.StorageKey, string(ses.doc.MarshalLimit(storageBudget))); err != nil {
		if ses.saveErr != err.Error() {
			ses.saveErr = err.Error()
			ses.Notices = append(ses.Notices, Notice{Kind: "error", Text: "The workspace could not be saved in this browser: " + err.Error() + ". Export it to keep your work."})
		}
	} else {
		ses.saveErr = ""
	}
}

// storageBudget caps the stored workspace (localStorage holds about 5 MB per origin); the
// oldest undo steps are dropped first.
const storageBudget = 1 << 20

// Findings returns every finding of the current topology, sorted.
func (ses *Session) Findings() topology.Findings { return ses.findings }

// Count returns how many findings have severity s.
func (ses *Session) Count(s topology.Severity) int { return ses.findings.Count(s) }

// At returns the findings anchored exactly at one of the paths.
func (ses *Session) At(paths ...string) []topology.Finding {
	var out []topology.Finding
	for _, p := range paths {
		out = append(out, ses.byPath[p]...)
	}
	return out
}

// Under returns the findings at a path or below it.
func (ses *Session) Under(paths ...string) []topology.Finding {
	var out []topology.Finding
	for _, f := range ses.findings {
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
func (ses *Session) Dismiss(i int) {
	if i >= 0 && i < len(ses.Notices) {
		ses.Notices = append(ses.Notices[:i], ses.Notices[i+1:]...)
	}
}

// DownloadNotice offers the text attached to notice i.
func (ses *Session) DownloadNotice(i int) {
	if i >= 0 && i < len(ses.Notices) && ses.Notices[i].DownloadData != "" {
		ses.host.Download(ses.Notices[i].DownloadName, "application/json", []byte(ses.Notices[i].DownloadData))
	}
}

func (ses *Session) notify(kind, format string, args ...any) {
	ses.Notices = append(ses.Notices, Notice{Kind: kind, Text: fmt.Sprintf(format, args...), Born: ses.Renders})
	if len(ses.Notices) > 5 {
		ses.Notices = ses.Notices[len(ses.Notices)-5:]
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
func (ses *Session) Tabs(an *AnalysisState) []TabInfo {
	out := make([]TabInfo, len(tabs))
	for i, t := range tabs {
		out[i] = TabInfo{ID: t, Label: tabLabels[t]}
	}
	if n := ses.Count("error"); n > 0 {
		out[0].Badge, out[0].BadgeClass = Itoa(n), "bad"
	}
	if an != nil && an.Running {
		out[4].Badge, out[4].BadgeClass = Itoa(an.Percent())+"%", "warn"
	}
	return out
}

// TabKey moves between tabs with the arrow, Home and End keys, as the WAI-ARIA tabs pattern
// does, and keeps the focus on the tab shown.
func (ses *Session) TabKey(key string) {
	i := 0
	for j, t := range tabs {
		if t == ses.Tab {
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
	ses.SetTab(tabs[i])
	ses.focus = "tab-" + tabs[i]
}

// TabIndex is the tabindex of a tab button: only the selected tab is in the Tab order.
func (ses *Session) TabIndex(tab string) string {
	if ses.Tab == tab {
		return "0"
	}
	return "-1"
}

// SetTab shows a tab.
func (ses *Session) SetTab(tab string) {
	from := ses.Tab
	ses.Tab = tab
	for _, f := range ses.onTab {
		f(from, tab)
	}
}

// edit applies one undoable change to the topology; key coalesces typing in one field. The
// shell log stays: the simulation replays it on the edited topology and says which lines no
// longer apply (SimStore.replay), rather than silently dropping the session.
func (ses *Session) edit(label, key string, f func(t *topology.Topology)) {
	ses.doc.Edit(label, key, func(w *workspace.Workspace) { f(w.Topology) })
	ses.afterEdit()
}

// Undo reverts the last change.
func (ses *Session) Undo() {
	if ses.doc.Undo() {
		ses.afterChange(true)
		ses.reload()
	}
}

// Redo reapplies the last undone change.
func (ses *Session) Redo() {
	if ses.doc.Redo() {
		ses.afterChange(true)
		ses.reload()
	}
}

// UndoLabel and RedoLabel name what Undo and Redo would do ("" when nothing).
func (ses *Session) UndoLabel() string { l, _ := ses.doc.CanUndo(); return l }

// RedoLabel names what Redo would do.
func (ses *Session) RedoLabel() string { l, _ := ses.doc.CanRedo(); return l }

// CanUndo reports whether there is something to undo.
func (ses *Session) CanUndo() bool { _, ok := ses.doc.CanUndo(); return ok }

// CanRedo reports whether there is something to redo.
func (ses *Session) CanRedo() bool { _, ok := ses.doc.CanRedo(); return ok }

// replace swaps in a new workspace as one undoable step called label; the stores forget
// what they showed of the old one.
func (ses *Session) replace(label string, w workspace.Workspace) {
	ses.doc.Replace(label, w)
	for _, f := range ses.onReplace {
		f()
	}
	ses.afterChange(true)
	ses.reload()
}

// loadWorkspace replaces the workspace with a loaded one (a sample, a scenario's topology).
func (ses *Session) loadWorkspace(w workspace.Workspace) {
	ses.replace("load "+w.Origin, w)
	ses.notify("info", "Loaded the topology %q.", w.Topology.Name)
}

// expireNotices drops info notices once the user has moved on (a few renders later).
func (ses *Session) expireNotices() {
	kept := ses.Notices[:0]
	for _, n := range ses.Notices {
		if n.Kind == "info" && ses.Renders-n.Born > 12 {
			continue
		}
		kept = append(kept, n)
	}
	ses.Notices = kept
}

// HasWork reports whether the workspace holds work of the user's that replacing it would set
// aside: anything other than the untouched starter or an empty topology.
func (ses *Session) HasWork() bool {
	cur, err := json.Marshal(ses.W())
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
