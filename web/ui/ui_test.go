package ui

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"

	"failwright/engine/plan"
	"failwright/engine/sim"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/web/engine"
	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

// newTestApp starts the app on an in-memory host whose engine worker is the engine package
// itself, called in-process.
func newTestApp(t *testing.T) (*App, *MemHost) {
	t.Helper()
	h := NewMemHost()
	var srv engine.Server
	h.EngineFunc = srv.Handle
	return NewApp(h), h
}

// render renders the whole page as HTML with vugu's static renderer.
func render(t *testing.T, a *App) string {
	t.Helper()
	env, err := vugu.NewBuildEnv()
	require.NoError(t, err)
	env.SetWireFunc(a.Wire)
	root := &Root{}
	a.Wire(root)
	var buf bytes.Buffer
	require.NoError(t, staticrender.New(&buf).Render(env.RunBuild(root)))
	return buf.String()
}

func TestStarterRendersEveryTab(t *testing.T) {
	a, _ := newTestApp(t)
	for _, tc := range []struct{ tab, want string }{
		{TabTopology, `id="topo-name"`},
		{TabSimulate, `data-pool="sea-pool.contoso.com"`},
		{TabScenarios, `class="lib-item`},
		{TabPlans, `id="plan-build"`},
	} {
		a.SetTab(tc.tab)
		html := render(t, a)
		assert.Contains(t, html, tc.want, tc.tab)
		assert.Contains(t, html, `aria-selected="true"`, tc.tab)
	}
}

func TestValidationMessageNextToField(t *testing.T) {
	a, _ := newTestApp(t)
	a.OpenPool(0)
	a.SetPoolField(0, "fqdn", "not a name")
	html := render(t, a)
	i := strings.Index(html, `id="pool-fqdn-msgs"`)
	require.Positive(t, i)
	assert.Contains(t, html[i:i+600], "FW0105", "the FQDN finding is shown under the FQDN field")

	a.SetPoolField(0, "fqdn", "sea-pool.contoso.com")
	html = render(t, a)
	i = strings.Index(html, `id="pool-fqdn-msgs"`)
	assert.NotContains(t, html[i:i+200], "msg error")
}

func TestRenamingAPoolFollowsItsReferences(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetPoolField(0, "fqdn", "seattle.contoso.com")
	assert.Equal(t, "seattle.contoso.com", a.T().Pools[1].BackupPool)
	assert.Equal(t, "seattle.contoso.com", a.T().CMS.Pool)
	assert.False(t, a.Findings().HasErrors(), "%v", a.Findings())
}

func TestRenamingASiteMovesItsPoolsAndBranches(t *testing.T) {
	a, _ := newTestApp(t)
	a.AddBranch()
	require.Equal(t, "Seattle", a.T().Branches[0].Site)
	a.SetSiteName(0, "Seattle2")
	assert.Equal(t, "Seattle2", a.T().Pools[0].Site)
	assert.Equal(t, "Seattle2", a.T().Branches[0].Site, "the branch follows its site")
	assert.False(t, a.Findings().HasErrors(), "%v", a.Findings())
}

func TestPairingIsReciprocal(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetPoolField(0, "backupPool", "")
	assert.Empty(t, a.T().Pools[1].BackupPool, "unpairing frees the partner")
	a.SetPoolField(1, "backupPool", "sea-pool.contoso.com")
	assert.Equal(t, "den-pool.contoso.com", a.T().Pools[0].BackupPool)
}

func TestFaultButtonsRunShellVerbsAndTheDiagramFollows(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabSimulate)
	a.SelectPool("sea-pool.contoso.com")
	a.FailSite("Seattle")
	assert.Equal(t, []string{"Stop-SimSite -Site 'Seattle'"}, a.History())
	snap, ok := PoolSnap(a.Snapshot(), "sea-pool.contoso.com")
	require.True(t, ok)
	assert.Equal(t, sim.HealthDown, snap.Health)
	html := render(t, a)
	assert.Contains(t, html, `data-health="Down"`)
	assert.Contains(t, html, "SITE DOWN")
	assert.Contains(t, html, `id="inspector"`)
}

func TestShellStylesLinesByKindAndKeepsHistory(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabSimulate)
	a.ShellInput = "Invoke-CsPoolFailOver -PoolFqdn nosuch.contoso.com"
	a.SubmitShell()
	a.ShellInput = "Get-CsPool"
	a.SubmitShell()
	html := render(t, a)
	assert.Contains(t, html, `class="line error"`)
	assert.Contains(t, html, `class="line output"`)

	a.recall(+1, "")
	assert.Equal(t, "Get-CsPool", a.ShellInput)
	a.recall(+1, "")
	assert.Equal(t, "Invoke-CsPoolFailOver -PoolFqdn nosuch.contoso.com", a.ShellInput)
	a.recall(-1, "")
	a.recall(-1, "")
	assert.Equal(t, "", a.ShellInput, "down past the newest line gives back the draft")
}

func TestTabCompletion(t *testing.T) {
	a, _ := newTestApp(t)
	a.complete("Invoke-CsPoolFa")
	assert.True(t, strings.HasPrefix(a.ShellInput, "Invoke-CsPoolFail"), a.ShellInput)
	a.complete("Invoke-CsPoolFailOver -PoolFqdn sea")
	assert.Equal(t, "Invoke-CsPoolFailOver -PoolFqdn sea-pool.contoso.com ", a.ShellInput)
}

func TestReloadReplaysTheSimulationExactly(t *testing.T) {
	a, h := newTestApp(t)
	a.FailSite("Seattle")
	a.Exec("Wait-SimTime -Minutes 3")
	a.AfterRender() // saves
	before := a.Snapshot()
	b := NewApp(h)
	assert.Equal(t, before, b.Snapshot())
	assert.Equal(t, a.Console, b.Console)
}

func TestCorruptStorageIsReportedAndOffered(t *testing.T) {
	h := NewMemHost()
	h.Items[workspace.StorageKey] = `{"format":"failwright-workspace","version":1,"workspace":`
	a := NewApp(h)
	require.Len(t, a.Notices, 1)
	assert.Equal(t, "error", a.Notices[0].Kind)
	a.DownloadNotice(0)
	require.Len(t, h.Downloads, 1)
	assert.Equal(t, h.Items[workspace.StorageKey], string(h.Downloads[0].Data), "the damaged text is offered as it was")
	assert.Contains(t, render(t, a), "Download the saved text")
}

func TestBrokenImportKeepsTheWorkspace(t *testing.T) {
	a, _ := newTestApp(t)
	before, _ := json.Marshal(a.W())
	a.ImportData("broken.yaml", []byte("name: x\nsites: [\n"))
	after, _ := json.Marshal(a.W())
	assert.JSONEq(t, string(before), string(after))
	require.NotEmpty(t, a.ImportErrors)
	assert.Contains(t, a.ImportErrors[0], "broken.yaml:")
	assert.Contains(t, render(t, a), `id="import-errors"`)
}

func TestImportSampleAndUndo(t *testing.T) {
	a, h := newTestApp(t)
	h.Answer = true
	a.LoadSample("topologies/litwareinc.yaml")
	assert.Equal(t, "Litware, Inc.", a.T().Name)
	a.Undo()
	assert.Equal(t, "Contoso", a.T().Name)
	a.Redo()
	assert.Equal(t, "Litware, Inc.", a.T().Name)
}

func TestExportRoundTrips(t *testing.T) {
	a, h := newTestApp(t)
	a.ExportYAML()
	a.ExportJSON()
	require.Len(t, h.Downloads, 2)
	assert.Equal(t, "contoso.yaml", h.Downloads[0].Name)
	for _, d := range h.Downloads {
		got, fs := topofile.Decode(d.Name, d.Data)
		require.False(t, fs.HasErrors(), "%v", fs)
		assert.Equal(t, a.T(), got)
	}
}

func TestPlanAndDownload(t *testing.T) {
	a, h := newTestApp(t)
	a.SetTab(TabPlans)
	a.SetPlanPool("den-pool.contoso.com")
	a.BuildPlan()
	require.NotNil(t, a.Plan.Result)
	require.False(t, a.PlanRefused(), "%v", a.PlanFindings())
	a.DownloadPlan("ps1")
	require.Len(t, h.Downloads, 1)
	assert.Contains(t, string(h.Downloads[0].Data), "Invoke-CsPoolFailOver")
	assert.Contains(t, render(t, a), `id="plan-preview"`)
	a.SetName("Renamed")
	assert.True(t, a.PlanStale())
}

// TestMigrationMode: in mode Migration the tab asks for a migration to the pool chosen, without
// failback; the Contoso pair's pools are each other's partner, so the plan is refused (PL031).
func TestMigrationMode(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabPlans)
	a.SetPlanPool("den-pool.contoso.com")
	a.SetPlanFailback(true)
	a.SetPlanMode("migrate")
	require.NotEmpty(t, a.MigrationTargets())
	assert.NotContains(t, a.MigrationTargets(), "den-pool.contoso.com", "not to itself")
	a.BuildPlan()
	require.NotNil(t, a.Plan.Result)
	assert.Equal(t, plan.Migrate, a.Plan.builtFor.Mode)
	assert.False(t, a.Plan.builtFor.Failback)
	assert.Equal(t, a.PlanMigrateTo(), a.Plan.builtFor.MigrateTo)
	assert.True(t, a.PlanRefused())
	assert.Contains(t, render(t, a), `id="plan-migrate-to"`)
}

func TestShareLinkLoadsAfterConfirmation(t *testing.T) {
	h := NewMemHost()
	h.Hash = "#share=abc-123"
	shared := workspace.New(workspace.Workspace{Topology: &topology.Topology{Name: "Shared one"}, Seed: 1})
	var posted []byte
	h.FetchFunc = func(method, url string, body []byte) (int, []byte, error) {
		switch {
		case url == "api/health":
			return 200, []byte(`{"service":"failwright-worker"}`), nil
		case method == "GET" && url == "api/shares/abc-123":
			return 200, shared.ExportJSON(), nil
		case method == "POST" && url == "api/shares":
			posted = body
			return 201, []byte(`{"id":"new-1","url":"https://example.test/#share=new-1"}`), nil
		}
		return 404, nil, nil
	}
	a := NewApp(h)
	assert.True(t, a.ShareAvailable)
	assert.Equal(t, "Shared one", a.T().Name, "an untouched workspace opens the link without asking")
	a.Share()
	assert.Equal(t, "https://example.test/#share=new-1", a.ShareURL)
	_, err := workspace.ParseShared(posted)
	assert.NoError(t, err, "the posted body is a workspace")
}

func TestNoShareWithoutWorker(t *testing.T) {
	h := NewMemHost()
	h.FetchFunc = func(method, url string, body []byte) (int, []byte, error) {
		return 200, []byte(`{"service":"failwright-serve"}`), nil
	}
	a := NewApp(h)
	assert.False(t, a.ShareAvailable)
	assert.NotContains(t, render(t, a), `id="share"`)
}

func TestLargeTopologyRendersAFilteredEditorAndAnOverview(t *testing.T) {
	data, err := os.ReadFile("../../scenarios/topologies/large.yaml")
	require.NoError(t, err)
	a, _ := newTestApp(t)
	a.ImportData("large.yaml", data)
	require.Len(t, a.T().Pools, 280)
	html := render(t, a)
	assert.Contains(t, html, `id="pool-filter"`)
	assert.Equal(t, maxPoolRows, strings.Count(html, `class="pool-open"`))
	a.PoolFilter = "eu-dc03"
	html = render(t, a)
	assert.Less(t, strings.Count(html, `class="pool-open"`), maxPoolRows)
	a.SetTab(TabSimulate)
	assert.True(t, a.Diagram().Overview)
	assert.Contains(t, render(t, a), "Overview of a large deployment")
}

var _ = proto.OpPlan

func TestTabsWithTheKeyboard(t *testing.T) {
	a, _ := newTestApp(t)
	a.TabKey("ArrowRight")
	assert.Equal(t, TabSimulate, a.Tab)
	a.TabKey("ArrowLeft")
	a.TabKey("ArrowLeft")
	assert.Equal(t, TabAnalysis, a.Tab, "arrows wrap around")
	a.TabKey("Home")
	assert.Equal(t, TabTopology, a.Tab)
	html := render(t, a)
	assert.Regexp(t, `id="tab-topology"[^>]*tabindex="0"`, html)
	assert.Regexp(t, `id="tab-plans"[^>]*tabindex="-1"`, html)
}

func TestResetSimulationIsUndoable(t *testing.T) {
	a, _ := newTestApp(t)
	a.FailSite("Seattle")
	a.ResetSimulation()
	assert.Empty(t, a.History())
	assert.Equal(t, sim.HealthUp, a.Snapshot().Pools[0].Health)
	a.Undo()
	assert.Equal(t, []string{"Stop-SimSite -Site 'Seattle'"}, a.History())
	assert.Equal(t, sim.HealthDown, a.Snapshot().Pools[0].Health)
}

func TestShareLinkAsksBeforeReplacingWork(t *testing.T) {
	h := NewMemHost()
	d := workspace.New(workspace.Workspace{Topology: &topology.Topology{Name: "Mine"}, Seed: 1})
	h.Items[workspace.StorageKey] = string(d.Marshal())
	h.Hash = "#share=x1"
	shared := workspace.New(workspace.Workspace{Topology: &topology.Topology{Name: "Theirs"}, Seed: 1})
	h.FetchFunc = func(method, url string, body []byte) (int, []byte, error) {
		if url == "api/health" {
			return 200, []byte(`{"service":"failwright-worker"}`), nil
		}
		return 200, shared.ExportJSON(), nil
	}
	h.Answer = false
	a := NewApp(h)
	assert.Equal(t, "Mine", a.T().Name, "declining keeps the user's work")
	assert.Empty(t, h.Hash, "and a reload does not ask again")
	h.Hash, h.Answer = "#share=x1", true // the link opened again
	b := NewApp(h)
	assert.Equal(t, "Theirs", b.T().Name)
	b.Undo()
	assert.Equal(t, "Mine", b.T().Name, "and Undo brings it back")
}

// TestFaultButtonsQuoteEveryName: the page's fault buttons run typed simulator verbs whose
// names are quoted, so a name being edited (not yet valid) cannot add a statement of its own
// to the line (before, a server FQDN went into the line bare).
func TestFaultButtonsQuoteEveryName(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabSimulate)
	a.FailServer("x; Stop-SimSite -Site Denver")
	assert.Equal(t, []string{"Stop-SimServer -Fqdn 'x; Stop-SimSite -Site Denver'"}, a.History())
	for _, s := range a.Snapshot().Sites {
		assert.True(t, s.Up, "site %s is still up", s.Name)
	}
}

// TestLifecycleJudgedOnThePagesDay: the page judges support lifecycles on its host's day (the
// browser's date), and on none when the host gives none.
func TestLifecycleJudgedOnThePagesDay(t *testing.T) {
	has1001 := func(a *App) bool {
		for _, f := range a.Findings() {
			if f.Code == topology.CodeEndOfSupport {
				return true
			}
		}
		return false
	}
	a, _ := newTestApp(t)
	assert.False(t, has1001(a), "no day, no lifecycle finding")

	h := NewMemHost()
	h.Day = topology.Date{Year: 2026, Month: 12, Day: 6}
	var srv engine.Server
	h.EngineFunc = srv.Handle
	b := NewApp(h)
	b.SetPoolField(0, "version", string(topology.SfB2015))
	assert.True(t, has1001(b), "a 2015 pool is out of support on 2026-12-06: %v", b.Findings())
}
