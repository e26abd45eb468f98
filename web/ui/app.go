package ui

import (
	"fmt"

	"failwright/engine/topology"
	"failwright/web/workspace"
)

// App is the whole page's state: the session every tab shares and one store per tab. Each
// component is wired (Wire) to the stores it uses; the event handlers, which vugu runs with
// the render lock held, call their methods.
type App struct {
	*Session
	*EditorStore
	*SimStore
	*ScenarioStore
	*PlanStore
	*AnalysisStore
	*ShareStore
	// Class is the classroom's store (a named field: its methods are its own).
	Class  *ClassStore
	warmed bool
	// savedView is the view last stored; pendingPlan asks for the restored plan to be built
	// again once the page is interactive.
	savedView   string
	pendingPlan bool
}

// NewApp starts the app on host: it restores the stored workspace (reporting any problem),
// then looks for a share link and for the Worker's API.
func NewApp(host Host) *App {
	ses := &Session{host: host, Tab: TabTopology}
	sims := &SimStore{Session: ses, JumpMinutes: 5}
	lib := &ScenarioStore{Session: ses}
	a := &App{
		Session:       ses,
		EditorStore:   &EditorStore{Session: ses, EditPool: -1, simStore: sims},
		SimStore:      sims,
		ScenarioStore: lib,
		PlanStore:     &PlanStore{Session: ses, Plan: PlanState{Mode: "planned"}, sims: sims},
		AnalysisStore: &AnalysisStore{Session: ses, An: AnalysisState{Depth: 2}, simStore: sims},
		ShareStore:    &ShareStore{Session: ses, lib: lib},
		Class:         &ClassStore{Session: ses, lib: lib},
	}
	ses.engine = a.callEngine
	ses.onChange = []func(){sims.stale, a.EditorStore.clamp}
	ses.onReplace = []func(){a.EditorStore.deselect}
	ses.onReload = []func(){sims.replay}
	ses.onTab = []func(from, to string){a.AnalysisStore.tabChanged, sims.tabChanged, a.PlanStore.tabChanged}
	ses.restore()
	a.restoreView()
	ses.afterChange(false)
	ses.reload()
	a.probeShare()
	a.listenDrops()
	a.Class.start()
	return a
}

// AfterRender is called by the render loop after each render: it warms the engine worker up,
// moves the focus, shows a new analysis report, scrolls what grew, and saves the workspace
// when it changed.
func (a *App) AfterRender() {
	if !a.warmed {
		// Warm the engine worker up in the background once the page is interactive: the
		// samples menu, imports, scenarios and plans need it.
		a.warmed = true
		a.host.Defer(func() { a.Library(); a.warmAnalysis() }, true)
		if a.pendingPlan {
			a.pendingPlan = false
			a.host.Defer(a.BuildPlan, true)
		}
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
	a.saveView()
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
