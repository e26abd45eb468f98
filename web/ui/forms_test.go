package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// msgsOf returns the HTML of the messages under the field with the given id.
func msgsOf(t *testing.T, html, id string) string {
	t.Helper()
	i := strings.Index(html, `id="`+id+`-msgs"`)
	require.Positive(t, i, "no field %s", id)
	j := strings.Index(html[i:], "</div>")
	return html[i : i+j]
}

func TestRegistrarAndBackEndFields(t *testing.T) {
	a, _ := newTestApp(t)
	a.OpenPool(0)
	html := render(t, a)
	for _, id := range []string{"pool-failure-detection", "pool-failback-detection", "pool-backend-instance", "pool-backend-ha", "pool-backend-mirror", "pool-backend-witness"} {
		assert.Contains(t, html, `id="`+id+`"`)
	}
	assert.Contains(t, html, `placeholder="120 (default)"`)

	// Validation as you type, next to the field.
	a.SetPoolField(0, "registrar.failureDetectionSeconds", "10")
	assert.Equal(t, 10, a.T().Pools[0].Registrar.FailureDetectionSeconds)
	assert.Contains(t, msgsOf(t, render(t, a), "pool-failure-detection"), topology.CodeRegistrarRange)
	a.SetPoolField(0, "registrar.failureDetectionSeconds", "")
	assert.Zero(t, a.T().Pools[0].Registrar.FailureDetectionSeconds, "empty is the default")
	assert.NotContains(t, msgsOf(t, render(t, a), "pool-failure-detection"), `class="msg`)
	a.SetPoolField(0, "registrar.failbackDetectionSeconds", "300")
	assert.Equal(t, 300, a.T().Pools[0].Registrar.FailbackDetectionSeconds)

	// Mirroring is not supported on 2019: the HA select says so.
	a.SetPoolField(0, "backEnd.ha", "Mirroring")
	html = render(t, a)
	assert.Contains(t, msgsOf(t, html, "pool-backend-ha"), topology.CodeMirroring2019)
	assert.Contains(t, msgsOf(t, html, "pool-backend-mirror"), topology.CodeNoMirror)
	a.SetPoolField(0, "backEnd.mirror", "sea-sql2.contoso.com")
	a.SetPoolField(0, "backEnd.witness", "sea-wit.contoso.com")
	a.SetPoolField(0, "backEnd.instance", "rtc")
	be := a.T().Pools[0].BackEnd
	require.NotNil(t, be.Mirror)
	assert.Equal(t, "sea-sql2.contoso.com", be.Mirror.FQDN)
	assert.Equal(t, "sea-wit.contoso.com", be.Witness)
	assert.Equal(t, "rtc", be.Instance)
	assert.NotContains(t, msgsOf(t, render(t, a), "pool-backend-mirror"), `class="msg`)
	a.SetPoolField(0, "backEnd.mirror", "")
	assert.Nil(t, a.T().Pools[0].BackEnd.Mirror, "clearing the mirror removes it")
	a.SetPoolField(0, "backEnd.ha", "AlwaysOn")
	assert.NotContains(t, msgsOf(t, render(t, a), "pool-backend-ha"), `class="msg`)

	// Nothing is listed twice: the pool's other findings leave out what the fields show.
	a.SetPoolField(0, "registrar.failureDetectionSeconds", "10")
	for _, f := range a.PoolOtherFindings(0) {
		assert.NotEqual(t, topology.CodeRegistrarRange, f.Code)
	}
	a.Undo()
	assert.Zero(t, a.T().Pools[0].Registrar.FailureDetectionSeconds, "undo")
}

func TestBackupServiceField(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTopField("syncInterval", "3")
	assert.Equal(t, 3, a.T().BackupService.SyncIntervalSeconds)
	html := render(t, a)
	assert.Contains(t, msgsOf(t, html, "backup-sync"), topology.CodeSyncRange)
	for _, f := range a.GlobalFindings() {
		assert.NotEqual(t, topology.CodeSyncRange, f.Code, "shown once, under the field")
	}
	a.SetTopField("syncInterval", "300")
	assert.Contains(t, msgsOf(t, render(t, a), "backup-sync"), topology.CodeSyncChanged)
	a.SetTopField("syncInterval", "")
	assert.Zero(t, a.T().BackupService.SyncIntervalSeconds)
	assert.NotContains(t, msgsOf(t, render(t, a), "backup-sync"), `class="msg`)
}

func TestBranchForm(t *testing.T) {
	a, _ := newTestApp(t)
	a.AddBranch()
	require.Len(t, a.T().Branches, 1)
	b := a.T().Branches[0]
	assert.Equal(t, "sba01.contoso.com", b.FQDN)
	assert.Equal(t, "Seattle", b.Site)
	assert.Equal(t, "sea-pool.contoso.com", b.BackupRegistrar)
	html := render(t, a)
	assert.Contains(t, html, `id="branch-0-fqdn"`)
	assert.Contains(t, html, `<option value="den-pool.contoso.com">den-pool.contoso.com</option>`, "the registrar is chosen among Front End pools")

	a.SetBranchField(0, "fqdn", "sba")
	assert.Contains(t, msgsOf(t, render(t, a), "branch-0-fqdn"), topology.CodeBadFQDN)
	a.SetBranchField(0, "fqdn", "sba1.contoso.com")
	a.SetBranchField(0, "site", "Denver")
	a.SetBranchField(0, "users", "250")
	a.SetBranchField(0, "backupRegistrar", "nowhere.contoso.com")
	b = a.T().Branches[0]
	assert.Equal(t, "Denver", b.Site)
	assert.Equal(t, 250, b.Users)
	html = render(t, a)
	assert.Contains(t, msgsOf(t, html, "branch-0-registrar"), topology.CodeDangling)
	assert.Contains(t, a.BranchTitle(0), "finding")
	a.SetBranchField(0, "backupRegistrar", "den-pool.contoso.com")
	assert.Contains(t, msgsOf(t, render(t, a), "branch-0-registrar"), topology.CodeBranchNoDR, "branch users get no pool DR: a note")
	for _, f := range a.GlobalFindings() {
		assert.False(t, strings.HasPrefix(f.Path, "branches["), "branch findings are shown under the branch: %s", f.Path)
	}

	// Renaming a pool follows into the branch's registrar; removing the branch empties the list.
	a.SetPoolField(1, "fqdn", "denver.contoso.com")
	assert.Equal(t, "denver.contoso.com", a.T().Branches[0].BackupRegistrar)
	a.RemoveBranch(0)
	assert.Empty(t, a.T().Branches)
	assert.NotContains(t, render(t, a), `id="branch-0-fqdn"`)
}

func TestBranchesOfALargeTopologyAreFiltered(t *testing.T) {
	a, _ := newTestApp(t)
	a.LoadSample("topologies/large.yaml")
	require.Greater(t, len(a.T().Branches), maxBranchRowsLarge)
	assert.Empty(t, a.VisibleBranches(), "no filter: no branch rows on a large topology")
	assert.Equal(t, len(a.T().Branches), a.HiddenBranches())
	a.PoolFilter = "fabrikam"
	assert.Len(t, a.VisibleBranches(), maxBranchRowsLarge)
	assert.Empty(t, a.BranchFields(0)[1].Options, "40 sites: the site is typed")
	a.PoolFilter = "Europe DC03"
	vis := a.VisibleBranches()
	require.NotEmpty(t, vis)
	for _, j := range vis {
		assert.Equal(t, "Europe DC03", a.T().Branches[j].Site)
	}
}
