package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

func poolBox(t *testing.T, l Layout, fqdn string) PoolBox {
	t.Helper()
	for _, p := range l.Pools {
		if p.FQDN == fqdn {
			return p
		}
	}
	t.Fatalf("no pool %s in the diagram", fqdn)
	return PoolBox{}
}

func TestDiagramMovesTheCMSMarkerOnCMSFailover(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabSimulate)
	a.Exec("Stop-SimPool -PoolFqdn sea-pool.contoso.com")
	res := a.Exec("Invoke-CsManagementServerFailover -BackupSqlServerFqdn den-sql.contoso.com -Force")
	require.False(t, res.Failed, "%v", res.Lines)
	l := a.Diagram()
	assert.False(t, poolBox(t, l, "sea-pool.contoso.com").CMS, "the CMS left the failed pool")
	assert.True(t, poolBox(t, l, "den-pool.contoso.com").CMS)
}

func TestDiagramShowsOverload(t *testing.T) {
	a, _ := newTestApp(t)
	a.edit("users", "", func(t *topology.Topology) { t.Pools[1].Users = 28590 })
	a.SetTab(TabSimulate)
	den := poolBox(t, a.Diagram(), "den-pool.contoso.com")
	require.True(t, den.Overloaded(), "load %v", den.Load)
	assert.Equal(t, "Up", den.Health)
	assert.NotEqual(t, poolFill(PoolBox{Health: "Up"}), poolFill(den), "an overloaded pool is not drawn green")
	html := render(t, a)
	assert.Contains(t, html, "OVERLOADED 143%")
	assert.Contains(t, html, `class="pool health-up overloaded"`)
	for _, legend := range []string{"Overloaded", "Backup pairing", "Site link", "Edge next hop"} {
		assert.Contains(t, html, legend, "the legend names every mark")
	}
}

func TestDiagramDrawsBranchAppliances(t *testing.T) {
	a, _ := litware(t)
	a.SetTab(TabSimulate)
	l := a.Diagram()
	require.NotEmpty(t, a.T().Branches)
	require.Len(t, l.Branches, len(a.T().Branches))
	b := a.T().Branches[0]
	a.Exec("Stop-SimSite -Site '" + b.Site + "'")
	html := render(t, a)
	assert.Contains(t, html, `data-branch="`+b.FQDN+`"`)
	for _, f := range Figures(a.Report()) {
		if strings.Contains(f.Label, b.FQDN) {
			assert.Contains(t, html, `data-branch="`+b.FQDN+`"`, "every RTO card names something drawn")
		}
	}
}

func TestInspectorDisablesActionsThatCannotApply(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabSimulate)
	a.SelectPool("sea-pool.contoso.com")
	html := render(t, a)
	for _, id := range []string{"repair-pool", "repair-site", "failback", "restore-link"} {
		assert.Contains(t, html, `id="`+id+`" disabled="disabled"`, id)
	}
	for _, id := range []string{"fail-pool", "fail-site", "failover", "cut-link"} {
		assert.NotContains(t, html, `id="`+id+`" disabled="disabled"`, id)
	}
	a.FailSite("Seattle")
	a.CutLink("Seattle", "Denver")
	html = render(t, a)
	for _, id := range []string{"fail-pool", "fail-site", "cut-link"} {
		assert.Contains(t, html, `id="`+id+`" disabled="disabled"`, id)
	}
}

func TestShellHintNamesTheTopologysOwnSite(t *testing.T) {
	a, _ := litware(t)
	a.SetTab(TabSimulate)
	html := render(t, a)
	assert.NotContains(t, html, "Seattle")
	assert.Contains(t, html, "Stop-SimSite -Site &#39;"+a.T().Sites[0].Name+"&#39;")
}

func TestTopologyEditReplaysTheSessionAndNamesWhatNoLongerApplies(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabSimulate)
	a.Exec("Stop-SimServer -Fqdn sea-fe1.contoso.com")
	a.Exec("Wait-SimTime -Minutes 5")
	a.edit("rename a server", "", func(t *topology.Topology) { t.Pools[0].Servers[0].FQDN = "sea-fe9.contoso.com" })
	assert.Equal(t, []string{"Stop-SimServer -Fqdn sea-fe1.contoso.com", "Wait-SimTime -Minutes 5"}, a.W().Log, "the session is kept")
	require.NotNil(t, a.Sim())
	assert.Equal(t, "00:05:00", a.Clock(), "the replay ran the lines that still apply")
	require.NotEmpty(t, a.Notices)
	last := a.Notices[len(a.Notices)-1]
	assert.Equal(t, "warning", last.Kind)
	assert.Contains(t, last.Text, "1 shell line no longer applies: Stop-SimServer -Fqdn sea-fe1.contoso.com.")

	a.edit("users", "", func(t *topology.Topology) { t.Pools[0].Users = 4000 })
	a.Sim()
	assert.Equal(t, last, a.Notices[len(a.Notices)-1], "a line that already failed is not reported again")
	a.Undo()
	a.Undo()
	a.Sim()
	_, ok := PoolSnap(a.Snapshot(), "sea-pool.contoso.com")
	require.True(t, ok)
	assert.Equal(t, "Degraded", string(a.Snapshot().Pools[0].Health), "undo brings back the topology the line applied to")
}
