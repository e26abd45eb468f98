package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/sim"
	"failwright/web/engine"
	"failwright/web/workspace"
)

// reopen starts a second app on the storage of h, as a reload does, and runs its first render
// hook (which builds the restored plan again).
func reopen(h *MemHost) *App {
	h2 := NewMemHost()
	h2.Items = h.Items
	var srv engine.Server
	h2.EngineFunc = srv.Handle
	b := NewApp(h2)
	b.AfterRender()
	return b
}

func TestReloadRestoresTabAndPlan(t *testing.T) {
	a, h := newTestApp(t)
	a.SetTab(TabSimulate)
	a.FailSite("Denver")
	a.SetTab(TabPlans)
	require.NotNil(t, a.Plan.Result, "the Plans tab builds the failover the simulation shows")
	a.SetPreview("md")
	a.AfterRender()

	b := reopen(h)
	assert.Equal(t, TabPlans, b.Tab)
	require.NotNil(t, b.Plan.Result)
	assert.Equal(t, "den-pool.contoso.com", b.Plan.builtFor.Pool)
	assert.Equal(t, "disaster", string(b.Plan.builtFor.Mode))
	assert.Equal(t, "md", b.Plan.Preview)
	assert.Equal(t, a.Plan.Result.PS1, b.Plan.Result.PS1, "the same plan, byte for byte")
}

func TestStalePlanIsNotRestored(t *testing.T) {
	a, h := newTestApp(t)
	a.SetTab(TabPlans)
	a.BuildPlan()
	require.NotNil(t, a.Plan.Result)
	a.SetTopField("syncInterval", "300")
	require.True(t, a.PlanStale())
	a.AfterRender()

	b := reopen(h)
	assert.Equal(t, TabPlans, b.Tab)
	assert.Nil(t, b.Plan.Result)
}

func TestDamagedViewIsIgnored(t *testing.T) {
	for _, stored := range []string{`{`, `{"version":9,"tab":"plans"}`, `{"version":1,"tab":"nosuch"}`} {
		h := NewMemHost()
		h.Items[workspace.ViewKey] = stored
		a := NewApp(h)
		assert.Equal(t, TabTopology, a.Tab, stored)
		assert.Empty(t, a.Notices, stored)
	}
}

func TestPlansTabPlansTheSimulatedFailover(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    []string
		pool     string
		mode     string
		untested bool
	}{
		{name: "nothing happened: the tab keeps its choice", mode: "planned", untested: true},
		{name: "a site lost", lines: []string{"Stop-SimSite -Site Denver"}, pool: "den-pool.contoso.com", mode: "disaster"},
		{name: "failed over after a site loss", lines: []string{"Stop-SimSite -Site Denver", "Invoke-CsPoolFailOver -PoolFqdn den-pool.contoso.com -DisasterMode"},
			pool: "den-pool.contoso.com", mode: "disaster"},
		{name: "a planned failover", lines: []string{"Invoke-CsPoolFailOver -PoolFqdn sea-pool.contoso.com -Confirm:$false", "Wait-SimTime -Minutes 30"},
			pool: "sea-pool.contoso.com", mode: "planned"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			a.SetTab(TabSimulate)
			for _, l := range tc.lines {
				a.Exec(l)
			}
			a.SetTab(TabPlans)
			assert.Equal(t, tc.mode, a.Plan.Mode)
			if tc.untested {
				assert.Nil(t, a.Plan.Result)
				return
			}
			assert.Equal(t, tc.pool, a.PlanPool())
			require.NotNil(t, a.Plan.Result)
			assert.Contains(t, a.Plan.Result.PS1, tc.pool)
		})
	}
}

func TestSimFailoverIgnoresUnpairedPools(t *testing.T) {
	_, _, ok := SimFailover(sim.Snapshot{Pools: []sim.PoolSnapshot{{FQDN: "a", Role: "FrontEndEnterprise", Health: sim.HealthDown}}})
	assert.False(t, ok)
	pool, disaster, ok := SimFailover(sim.Snapshot{Pools: []sim.PoolSnapshot{
		{FQDN: "edge", Role: "Edge", BackupPool: "x", Health: sim.HealthDown},
		{FQDN: "b", Role: "FrontEndEnterprise", BackupPool: "c", Health: sim.HealthDown},
		{FQDN: "c", Role: "FrontEndEnterprise", BackupPool: "b", Health: sim.HealthUp, PoolState: sim.StateFailedOver},
	}})
	assert.True(t, ok)
	assert.Equal(t, "c", pool, "a failover shown wins over a pool merely down")
	assert.False(t, disaster)
}

func TestSelectSiteSelectsItsPool(t *testing.T) {
	a, _ := newTestApp(t)
	a.SelectSite("Denver")
	assert.Equal(t, "den-pool.contoso.com", a.SelectedPool)
	html := renderTab(t, a, TabSimulate)
	assert.Contains(t, html, ">Fail site Denver<")
	a.SelectSite("Denver")
	assert.Equal(t, "den-pool.contoso.com", a.SelectedPool, "clicking the site again keeps it selected")
	a.SelectSite("Nowhere")
	assert.Equal(t, "den-pool.contoso.com", a.SelectedPool)
}

func renderTab(t *testing.T, a *App, tab string) string {
	t.Helper()
	a.SetTab(tab)
	return render(t, a)
}
