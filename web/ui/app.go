package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/scenarios"
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

// App is the state of the whole page: the workspace, the simulation and what the user is
// looking at. Components hold a pointer to it and call its methods from event handlers, which
// vugu runs with the render lock held.
type App struct {
	host Host
	doc  *workspace.Doc

	// Tab is the visible tab.
	Tab string
	// MenuOpen is whether the "Start from" menu is open.
	MenuOpen bool
	// Notices are shown at the top of the page.
	Notices []Notice

	// findings of the current topology and an index by path.
	findings topology.Findings
	byPath   map[string][]topology.Finding

	// The simulation, rebuilt lazily from the workspace (topology, seed, log).
	sim      *sim.Sim
	simStale bool
	simErr   string
	// Console is the shell transcript.
	Console []ConsoleEntry

	// Shell input state.
	ShellInput  string
	histPos     int
	Completions []string

	// SelectedPool is the FQDN of the pool the diagram inspects (and the editor edits).
	SelectedPool string
	// EditPool is the index of the pool whose form the editor shows (-1 for none).
	EditPool int
	// PoolFilter narrows the pool list.
	PoolFilter     string
	hiddenPools    int
	hiddenSites    int
	hiddenBranches int

	// Timeline playback.
	Playing     bool
	stopPlay    func()
	JumpMinutes int

	histDraft     string
	scrollConsole bool

	// Import dialog.
	ImportOpen   bool
	ImportName   string
	ImportText   string
	ImportErrors []string

	// Share (only when served by the failwright Worker).
	ShareAvailable bool
	ShareURL       string
	ShareStatus    string

	// Renders counts renders, for tests and measurements.
	Renders int
	dirty   bool
	// saveErr is the last storage error, reported once.
	saveErr string

	Scen ScenarioState
	Plan PlanState
	An   AnalysisState

	snap   *sim.Snapshot
	report *sim.Report
	// validating is true while a validation is scheduled after an edit.
	validating bool
	saving     bool

	// Busy counts engine requests in flight.
	Busy         int
	engineSeq    int
	library      []scenarios.Entry
	samples      []string
	libraryAsked bool
	scrollTrain  bool
	warmed       bool
	focus        string
	findingsGen  int
}

// NewApp starts the app on host: it restores the stored workspace (reporting any problem),
// then looks for a share link and for the Worker's API.
func NewApp(host Host) *App {
	a := &App{host: host, Tab: TabTopology, EditPool: -1, JumpMinutes: 5, Plan: PlanState{Mode: "planned"}, An: AnalysisState{Depth: 2}}
	a.restore()
	a.afterChange(false)
	a.replay()
	a.probeShare()
	return a
}

func (a *App) restore() {
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
func (a *App) Doc() *workspace.Doc { return a.doc }

// W returns the current workspace.
func (a *App) W() *workspace.Workspace { return a.doc.Current() }

// T returns the topology being edited.
func (a *App) T() *topology.Topology { return a.doc.Current().Topology }

// afterChange revalidates and marks the workspace for saving; the simulation is rebuilt when
// next needed, since the topology or its log changed.
func (a *App) afterChange(save bool) {
	a.validate()
	a.simStale = true
	a.simChanged()
	if save {
		a.dirty = true
	}
	if a.EditPool >= len(a.T().Pools) {
		a.EditPool = len(a.T().Pools) - 1
	}
}

// afterEdit is afterChange for typing: the page shows the edit at once, and the validation
// (which takes a few milliseconds on a large topology) follows right after that frame.
func (a *App) afterEdit() {
	a.simStale = true
	a.simChanged()
	a.dirty = true
	if a.EditPool >= len(a.T().Pools) {
		a.EditPool = len(a.T().Pools) - 1
	}
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
func (a *App) Validating() bool { return a.validating }

func (a *App) validate() {
	a.findings = topology.Validate(a.T())
	a.findings.Sort()
	a.byPath = map[string][]topology.Finding{}
	for _, f := range a.findings {
		a.byPath[f.Path] = append(a.byPath[f.Path], f)
	}
	a.findingsGen++
}

// AfterRender is called by the render loop after each render: it saves the workspace when it
// changed.
func (a *App) AfterRender() {
	if !a.warmed {
		// Warm the engine worker up in the background once the page is interactive: the
		// samples menu, imports, scenarios and plans need it.
		a.warmed = true
		a.host.Defer(func() { a.Library() }, true)
	}
	if a.focus != "" {
		a.host.Focus(a.focus)
		a.focus = ""
	}
	a.showReport()
	if a.scrollConsole {
		a.scrollConsole = false
		a.host.ScrollToEnd("console")
	}
	if a.scrollTrain {
		a.scrollTrain = false
		a.host.ScrollToEnd("train-log")
	}
	a.expireNotices()
	if !a.dirty || a.saving {
		return
	}
	// Save after the browser has painted the frame, so that typing stays fluid.
	a.saving = true
	a.host.Defer(func() {
		a.saving = false
		a.save()
	}, false)
}

// save writes the workspace to storage now, if it changed.
func (a *App) save() {
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
func (a *App) Findings() topology.Findings { return a.findings }

// Count returns how many findings have severity s.
func (a *App) Count(s topology.Severity) int { return a.findings.Count(s) }

// At returns the findings anchored exactly at one of the paths.
func (a *App) At(paths ...string) []topology.Finding {
	var out []topology.Finding
	for _, p := range paths {
		out = append(out, a.byPath[p]...)
	}
	return out
}

// Under returns the findings at a path or below it.
func (a *App) Under(paths ...string) []topology.Finding {
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
func (a *App) Dismiss(i int) {
	if i >= 0 && i < len(a.Notices) {
		a.Notices = append(a.Notices[:i], a.Notices[i+1:]...)
	}
}

// DownloadNotice offers the text attached to notice i.
func (a *App) DownloadNotice(i int) {
	if i >= 0 && i < len(a.Notices) && a.Notices[i].DownloadData != "" {
		a.host.Download(a.Notices[i].DownloadName, "application/json", []byte(a.Notices[i].DownloadData))
	}
}

func (a *App) notify(kind, format string, args ...any) {
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
// show as badges.
func (a *App) Tabs() []TabInfo {
	out := make([]TabInfo, len(tabs))
	for i, t := range tabs {
		out[i] = TabInfo{ID: t, Label: tabLabels[t]}
	}
	if n := a.Count("error"); n > 0 {
		out[0].Badge, out[0].BadgeClass = Itoa(n), "bad"
	}
	if a.An.Running {
		out[4].Badge, out[4].BadgeClass = Itoa(a.An.Percent())+"%", "warn"
	}
	return out
}

// TabKey moves between tabs with the arrow, Home and End keys, as the WAI-ARIA tabs pattern
// does, and keeps the focus on the tab shown.
func (a *App) TabKey(key string) {
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
func (a *App) TabIndex(tab string) string {
	if a.Tab == tab {
		return "0"
	}
	return "-1"
}

// SetTab shows a tab.
func (a *App) SetTab(tab string) {
	if a.Tab == TabAnalysis && tab != TabAnalysis {
		// Empty the report's elements before the next render: vugu may reuse them for the
		// new tab's elements, and would not remove children it did not create.
		for _, id := range []string{"analysis-report-html", "analysis-worst-html", "analysis-matrix-html", "analysis-pools-html"} {
			a.host.SetHTML(id, "", "")
		}
		a.An.shown = ""
	}
	a.Tab = tab
	if tab != TabSimulate {
		a.Pause()
	}
}

// edit applies one undoable change to the topology; key coalesces typing in one field.
func (a *App) edit(label, key string, f func(t *topology.Topology)) {
	a.doc.Edit(label, key, func(w *workspace.Workspace) {
		f(w.Topology)
		w.Log = nil
	})
	a.afterEdit()
}

// Undo reverts the last change.
func (a *App) Undo() {
	if a.doc.Undo() {
		a.afterChange(true)
		a.replay()
	}
}

// Redo reapplies the last undone change.
func (a *App) Redo() {
	if a.doc.Redo() {
		a.afterChange(true)
		a.replay()
	}
}

// UndoLabel and RedoLabel name what Undo and Redo would do ("" when nothing).
func (a *App) UndoLabel() string { l, _ := a.doc.CanUndo(); return l }

// RedoLabel names what Redo would do.
func (a *App) RedoLabel() string { l, _ := a.doc.CanRedo(); return l }

// CanUndo reports whether there is something to undo.
func (a *App) CanUndo() bool { _, ok := a.doc.CanUndo(); return ok }

// CanRedo reports whether there is something to redo.
func (a *App) CanRedo() bool { _, ok := a.doc.CanRedo(); return ok }

// Sample is a sample topology shipped with failwright.
type Sample struct {
	File string
	Name string
}

// Samples lists the built-in starter and the sample topologies of the scenario library (which
// the engine worker lists on first use).
func (a *App) Samples() []Sample {
	out := []Sample{{File: "", Name: "Two-site pair (starter)"}}
	for _, n := range a.samples {
		out = append(out, Sample{File: n, Name: path.Base(n)})
	}
	return out
}

// LoadSample replaces the workspace with a sample topology (file "" is the starter, "empty"
// an empty topology); library samples are decoded by the engine worker.
func (a *App) LoadSample(file string) {
	a.MenuOpen = false
	if a.HasWork() && !a.host.Confirm("Replace the current workspace with this sample? (Undo brings it back.)") {
		return
	}
	switch file {
	case "":
		a.replaceWorkspace(starter())
	case "empty":
		a.replaceWorkspace(workspace.Empty())
	default:
		a.callEngine(proto.Request{Op: proto.OpSample, File: file}, func(r proto.Response) {
			if r.Error != "" || r.Workspace == nil {
				a.notify("error", "The sample %s could not be loaded: %s", file, r.Error)
				return
			}
			a.replaceWorkspace(*r.Workspace)
		})
	}
}

// replaceWorkspace swaps in a new workspace as one undoable step.
func (a *App) replaceWorkspace(w workspace.Workspace) {
	a.doc.Replace("load "+w.Origin, w)
	a.EditPool = -1
	a.SelectedPool = ""
	a.afterChange(true)
	a.replay()
	a.notify("info", "Loaded the topology %q.", w.Topology.Name)
}

// starter is the built-in two-site pair a new user starts from.
func starter() workspace.Workspace {
	t := &topology.Topology{
		Name:      "Contoso",
		SIPDomain: "contoso.com",
		Sites:     []topology.Site{{Name: "Seattle", Region: "NorthAmerica"}, {Name: "Denver", Region: "NorthAmerica"}},
	}
	for _, p := range []struct{ fqdn, site, peer, prefix string }{
		{"sea-pool.contoso.com", "Seattle", "den-pool.contoso.com", "sea"},
		{"den-pool.contoso.com", "Denver", "sea-pool.contoso.com", "den"},
	} {
		pool := topology.Pool{FQDN: p.fqdn, Site: p.site, Role: topology.FrontEndEnterprise, Version: topology.SfB2019,
			Users: 5000, BackupPool: p.peer, BackEnd: &topology.BackEnd{FQDN: p.prefix + "-sql.contoso.com"}}
		for i := 1; i <= 3; i++ {
			pool.Servers = append(pool.Servers, topology.Server{FQDN: fmt.Sprintf("%s-fe%d.contoso.com", p.prefix, i)})
		}
		t.Pools = append(t.Pools, pool)
	}
	t.CMS.Pool = "sea-pool.contoso.com"
	return workspace.Workspace{Topology: t, Seed: 1, Origin: "starter"}
}

// expireNotices drops info notices once the user has moved on (a few renders later).
func (a *App) expireNotices() {
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
func (a *App) HasWork() bool {
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
