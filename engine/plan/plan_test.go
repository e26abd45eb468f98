package plan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

const (
	atl = "atl-cs-001.litwareinc.com"
	dfw = "dfw-cs-001.litwareinc.com"
)

// load decodes a sample topology from engine/samples.
func load(t testing.TB, name string) *topology.Topology {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "topologies", name))
	require.NoError(t, err)
	topo, fs := topofile.Decode(name, data)
	require.False(t, fs.HasErrors(), "%v", fs)
	return topo
}

// requireSim skips a test while the simulator is the placeholder whose Exec answers nothing.
func requireSim(t testing.TB, topo *topology.Topology) {
	t.Helper()
	s, err := sim.New(topo, sim.Options{Seed: Seed})
	require.NoError(t, err)
	if len(s.Exec("Get-SimState").Lines) == 0 {
		t.Skip("the simulator is still the placeholder (Get-SimState prints nothing): plans cannot be validated by simulation yet")
	}
}

func build(t testing.TB, topo *topology.Topology, req Request) *Plan {
	t.Helper()
	p, fs := Build(topo, req)
	require.NotNil(t, p, "plan refused: %v", fs)
	require.False(t, fs.HasErrors(), "%v", fs)
	return p
}

func ids(p *Plan) []string {
	out := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.ID
	}
	return out
}

func step(t testing.TB, p *Plan, id string) Step {
	t.Helper()
	for _, s := range p.Steps {
		if s.ID == id {
			return s
		}
	}
	require.Failf(t, "no step", "step %q is not in the plan: %v", id, ids(p))
	return Step{}
}

// TestDisasterLitwareincOrder checks the acceptance case: a disaster on the pool that
// hosts the CMS and is the Atlanta Edge pool's next hop gives the official procedure's steps,
// in order, with the right cmdlets and parameters.
func TestDisasterLitwareincOrder(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	p := build(t, topo, Request{Pool: atl, Mode: Disaster})
	assert.Equal(t, []string{
		"cms-locate", "cms-backup-relationship", "cms-status", "cms-mirror-state",
		"cms-failover", "cms-failover-mirror", "cms-verify", "cms-replicas",
		"edge-next-hop-check-atl-edge-001.litwareinc.com", "edge-next-hop-atl-edge-001.litwareinc.com",
		"backup-relationship", "backup-status", "pool-failover",
		"dns-check-meet", "dns-check-dialin", "dns-admin", "rgs-import", "call-park", "announcements", "lis-restore",
		"federation-route",
		"verify-registration", "verify-im", "verify-presence", "verify-peer-calls", "verify-conferencing",
		"verify-meetings", "verify-dialin", "verify-pstn", "verify-federation",
	}, ids(p))
	for _, c := range []struct{ id, command string }{
		{"cms-locate", "Invoke-CsManagementServerFailover -WhatIf"},
		{"cms-backup-relationship", "Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com'"},
		{"cms-status", "Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus"},
		{"cms-mirror-state", "Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn 'dfw-cs-001.litwareinc.com'"},
		{"cms-failover", "Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'dfw-sql-01.litwareinc.com' -BackupSqlInstanceName 'rtc' -BackupMirrorSqlServerFqdn 'dfw-sql-02.litwareinc.com' -BackupMirrorSqlInstanceName 'rtc' -Force"},
		{"cms-failover-mirror", "Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'dfw-sql-02.litwareinc.com' -BackupSqlInstanceName 'rtc' -Force"},
		{"cms-verify", "Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus"},
		{"cms-replicas", "Get-CsManagementStoreReplicationStatus"},
		{"edge-next-hop-check-atl-edge-001.litwareinc.com", "Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com'"},
		{"edge-next-hop-atl-edge-001.litwareinc.com", "Set-CsEdgeServer -Identity 'EdgeServer:atl-edge-001.litwareinc.com' -Registrar 'Registrar:dfw-cs-001.litwareinc.com'"},
		{"backup-relationship", "Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com'"},
		{"backup-status", "Get-CsBackupServiceStatus -PoolFqdn 'dfw-cs-001.litwareinc.com' -Category UserData"},
		{"pool-failover", "Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -DisasterMode -Verbose"},
	} {
		assert.Equal(t, c.command, step(t, p, c.id).Command, c.id)
	}
	for id, want := range map[string]string{
		"cms-locate": atl, "cms-backup-relationship": dfw, "cms-verify": dfw, "backup-relationship": dfw,
		"edge-next-hop-check-atl-edge-001.litwareinc.com": "Registrar:" + atl,
	} {
		assert.Equal(t, want, step(t, p, id).Shows, id)
	}
	cms := step(t, p, "cms-failover")
	assert.Equal(t, "cms-failover", cms.Alternative)
	assert.Equal(t, "cms-failover", step(t, p, "cms-failover-mirror").Alternative)
	assert.Contains(t, cms.When, "StateOnPrimary")
	assert.Contains(t, step(t, p, "federation-route").Title, "to dfw-edge-001.litwareinc.com")
	fo := step(t, p, "pool-failover")
	assert.Equal(t, KindChange, fo.Kind)
	var verify []string
	for _, v := range fo.Verify {
		verify = append(verify, v.Line())
	}
	assert.Equal(t, []string{
		"Get-CsUserPoolInfo -Identity 'sip:kenmyer@litwareinc.com'",
		"Get-CsPoolFabricState -PoolFqdn 'dfw-cs-001.litwareinc.com'",
		"Get-CsBackupServiceStatus -PoolFqdn 'dfw-cs-001.litwareinc.com' -Category UserData",
	}, verify)
	for _, id := range []string{"federation-route", "lis-restore", "rgs-import", "call-park", "announcements"} {
		s := step(t, p, id)
		assert.Equal(t, KindManual, s.Kind, id)
		assert.NotEmpty(t, s.Instructions, id)
	}
	for i, s := range p.Steps {
		assert.Equal(t, i+1, s.Number)
		assert.NotEmpty(t, s.Reason, s.ID)
		assert.NotEmpty(t, s.Expect, s.ID)
	}
	assert.Equal(t, dfw, p.BackupPool)
	assert.Equal(t, FormatVersion, p.FormatVersion)
	assert.Equal(t, topology.Fingerprint(topo), p.Fingerprint)
}

// TestCMSElsewhereKeepsOfficialOrder: when the CMS answers from another pool, the Edge next
// hop comes first (procedure step 0) and there is no CMS failover.
func TestCMSElsewhereKeepsOfficialOrder(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	p := build(t, topo, Request{Pool: dfw, Mode: Disaster})
	assert.Equal(t, []string{
		"edge-next-hop-check-dfw-edge-001.litwareinc.com", "edge-next-hop-dfw-edge-001.litwareinc.com",
		"cms-locate", "cms-backup-relationship", "cms-status",
		"backup-relationship", "backup-status", "pool-failover",
		"dns-check-meet", "dns-check-dialin", "call-park",
		"verify-registration", "verify-im", "verify-presence", "verify-peer-calls", "verify-conferencing",
		"verify-meetings", "verify-dialin", "verify-pstn", "verify-federation",
	}, ids(p))
	assert.Equal(t, "Set-CsEdgeServer -Identity 'EdgeServer:dfw-edge-001.litwareinc.com' -Registrar 'Registrar:atl-cs-001.litwareinc.com'",
		step(t, p, "edge-next-hop-dfw-edge-001.litwareinc.com").Command)
	assert.Contains(t, step(t, p, "cms-status").Expect, "stays where it is")
}

// TestPlannedFailover: the pool still runs, so no -DisasterMode, the CMS moves with the Normal
// parameter set, Response Groups are exported before the pool goes read-only, and the final
// state of the Backup Service is verified.
func TestPlannedFailover(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	p := build(t, topo, Request{Pool: atl, Mode: Planned})
	assert.Equal(t, []string{
		"edge-next-hop-check-atl-edge-001.litwareinc.com", "edge-next-hop-atl-edge-001.litwareinc.com",
		"cms-locate", "cms-backup-relationship", "cms-status", "cms-failover", "cms-replicas",
		"backup-relationship", "backup-status", "rgs-export", "pool-failover",
		"dns-check-meet", "dns-check-dialin", "dns-admin", "rgs-import", "call-park", "announcements", "lis-restore",
		"verify-registration", "verify-im", "verify-presence", "verify-peer-calls", "verify-conferencing",
		"verify-meetings", "verify-dialin", "verify-pstn", "verify-federation",
	}, ids(p))
	assert.Equal(t, "Invoke-CsManagementServerFailover", step(t, p, "cms-failover").Command)
	assert.Equal(t, "Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -Verbose", step(t, p, "pool-failover").Command)
	assert.Equal(t, "Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData", step(t, p, "backup-status").Command)
	fo := step(t, p, "pool-failover")
	assert.Equal(t, "Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData", fo.Verify[len(fo.Verify)-1].Line())
	assert.Contains(t, fo.Expect, "FinalState")
	assert.Contains(t, step(t, p, "backup-status").Expect, "SteadyState")
}

// TestFailback: the failback steps follow the failover in the order of §6.
func TestFailback(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	p := build(t, topo, Request{Pool: atl, Mode: Disaster, Failback: true})
	got := ids(p)
	i := 0
	for j, id := range got {
		if id == "home-ready" {
			i = j
		}
	}
	require.NotZero(t, i)
	assert.Equal(t, []string{
		"home-ready", "failback-relationship", "rgs-export-back", "pool-failback", "conference-content",
		"dns-check-back-meet", "dns-check-back-dialin", "dns-back-admin",
		"rgs-back", "call-park-back", "announcements-back", "lis-back", "federation-route-back", "edge-next-hop-back-atl-edge-001.litwareinc.com",
		"failback-verify-registration", "failback-verify-im", "failback-verify-presence", "failback-verify-peer-calls",
		"failback-verify-conferencing", "failback-verify-meetings", "failback-verify-dialin", "failback-verify-pstn",
		"failback-verify-federation",
	}, got[i:])
	assert.Equal(t, "Invoke-CsPoolFailBack -PoolFqdn 'atl-cs-001.litwareinc.com' -Verbose", step(t, p, "pool-failback").Command)
	assert.Equal(t, "Invoke-CsBackupServiceSync -PoolFqdn 'dfw-cs-001.litwareinc.com' -BackupModule ConfServices.DataConf", step(t, p, "conference-content").Command)
	assert.Equal(t, "Set-CsEdgeServer -Identity 'EdgeServer:atl-edge-001.litwareinc.com' -Registrar 'Registrar:atl-cs-001.litwareinc.com'",
		step(t, p, "edge-next-hop-back-atl-edge-001.litwareinc.com").Command)
	wait := step(t, p, "home-ready")
	assert.Equal(t, KindWait, wait.Kind)
	assert.Equal(t, []string{"Start-SimSite -Site 'Atlanta'"}, wait.Simulate)
}

// TestLync2013Parameters: a Lync Server 2013 plan uses no parameter that only 2015 and 2019
// have, and names the CMS database the 2013 way.
func TestLync2013Parameters(t *testing.T) {
	topo := load(t, "lync2013-pair.yaml")
	p := build(t, topo, Request{Pool: "red-pool-01.contoso.com", Mode: Disaster, Failback: true})
	for _, s := range p.Steps {
		for _, bad := range []string{"DatabaseCommandTimeoutInSeconds", "ServicesStopDelayMins", "SkipDataVerification", "CentralMgmt"} {
			assert.NotContains(t, s.Command, bad, s.ID)
		}
	}
	assert.Equal(t, "Get-CsDatabaseMirrorState -DatabaseType CMS -PoolFqdn 'chi-pool-01.contoso.com'", step(t, p, "cms-mirror-state").Command)
	assert.Equal(t, "Invoke-CsPoolFailOver -PoolFqdn 'red-pool-01.contoso.com' -DisasterMode -Verbose", step(t, p, "pool-failover").Command)
}

// TestStandardEditionCMS: the CMS of a Standard Edition pair lives in the server's local
// SQL Express, so the disaster-recovery CMS failover names the partner server and rtc, with
// no mirror alternative.
func TestStandardEditionCMS(t *testing.T) {
	topo := load(t, "standard-pair.yaml")
	p := build(t, topo, Request{Pool: "sea-se-01.tailspintoys.com", Mode: Disaster})
	assert.Equal(t, "Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'pdx-se-01.tailspintoys.com' -BackupSqlInstanceName 'rtc' -Force",
		step(t, p, "cms-failover").Command)
	for _, s := range p.Steps {
		assert.NotEqual(t, "cms-failover-mirror", s.ID)
		assert.Empty(t, s.Alternative)
	}
}

// TestSfB2019 leaves out the mirror-state check (no mirroring on 2019) and asks the operator
// to check the Response Group copy instead of importing it.
func TestSfB2019(t *testing.T) {
	topo := load(t, "sfb2019-16fe.yaml")
	p := build(t, topo, Request{Pool: "fra-pool-01.northwindtraders.com", Mode: Disaster})
	for _, s := range p.Steps {
		assert.NotEqual(t, "cms-mirror-state", s.ID)
		assert.NotEqual(t, "rgs-import", s.ID)
	}
	step(t, p, "rgs-check")
}

// TestRefused lists the plans that cannot succeed: Build returns no plan and findings that
// say why and what to change.
func TestRefused(t *testing.T) {
	litware := func(change func(*topology.Topology)) *topology.Topology {
		topo := load(t, "litwareinc.yaml")
		change(topo)
		return topo
	}
	cases := []struct {
		name string
		topo *topology.Topology
		req  Request
		code string
		path string
	}{
		{"unknown pool", load(t, "litwareinc.yaml"), Request{Pool: "nope.litwareinc.com", Mode: Disaster}, "PL001", "request.pool"},
		{"edge pool", load(t, "litwareinc.yaml"), Request{Pool: "atl-edge-001.litwareinc.com", Mode: Disaster}, "PL002", "pools[atl-edge-001.litwareinc.com].role"},
		{"no backup pool", load(t, "unpaired.yaml"), Request{Pool: "lon-pool-01.fabrikam.com", Mode: Disaster}, "PL003", "pools[lon-pool-01.fabrikam.com].backupPool"},
		{"mixed versions in disaster mode", load(t, "mixed-version.yaml"), Request{Pool: "nyc-pool-01.woodgrovebank.com", Mode: Disaster}, "PL007", "pools[nyc-pool-01.woodgrovebank.com].version"},
		{"backup pool in the failed site", litware(func(t *topology.Topology) { t.PoolByFQDN(dfw).Site = "Atlanta" }),
			Request{Pool: atl, Mode: Disaster}, "PL008", "pools[atl-cs-001.litwareinc.com].backupPool"},
		{"planned failover of a lost pool", load(t, "litwareinc.yaml"),
			Request{Pool: atl, Mode: Planned, Setup: []string{"Stop-SimSite -Site Atlanta"}}, "PL012", "request.mode"},
		{"planned failover across a cut link", load(t, "litwareinc.yaml"),
			Request{Pool: atl, Mode: Planned, Setup: []string{"Disconnect-SimSite -Site Atlanta -To Dallas"}}, "PL023", "request.mode"},
		{"setup is not a simulator verb", load(t, "litwareinc.yaml"),
			Request{Pool: atl, Mode: Disaster, Setup: []string{"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com"}}, "PL013", "request.setup[0]"},
		{"two lines in one setup line", load(t, "litwareinc.yaml"),
			Request{Pool: atl, Mode: Disaster, Setup: []string{"Stop-SimSite -Site Atlanta\nInvoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com"}}, "PL013", "request.setup[0]"},
		{"a real cmdlet after a semicolon", load(t, "litwareinc.yaml"),
			Request{Pool: atl, Mode: Disaster, Setup: []string{"Stop-SimSite -Site Atlanta; Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode"}}, "PL013", "request.setup[0]"},
		{"unknown mode", load(t, "litwareinc.yaml"), Request{Pool: atl, Mode: "maybe"}, "PL022", "request.mode"},
		{"quote in a pool name", litware(func(t *topology.Topology) { rename(t, dfw, "dfw-cs-001'.litwareinc.com") }),
			Request{Pool: atl, Mode: Disaster}, "PL005", "pools[dfw-cs-001'.litwareinc.com].fqdn"},
		{"semicolon in a pool name", litware(func(t *topology.Topology) { rename(t, atl, "atl;Remove-CsPool.litwareinc.com") }),
			Request{Pool: "atl;Remove-CsPool.litwareinc.com", Mode: Disaster}, "PL005", "pools[atl;Remove-CsPool.litwareinc.com].fqdn"},
		{"subexpression in a pool name", litware(func(t *topology.Topology) { rename(t, dfw, "$(Stop-Computer).litwareinc.com") }),
			Request{Pool: atl, Mode: Disaster}, "PL005", "pools[$(Stop-Computer).litwareinc.com].fqdn"},
		{"terminal escape in a pool name", litware(func(t *topology.Topology) { rename(t, dfw, "dfw\x1b]0;owned\x07.litwareinc.com") }),
			Request{Pool: atl, Mode: Disaster}, "PL005", "pools[1].fqdn"},
		{"subexpression in a back end", litware(func(t *topology.Topology) { t.PoolByFQDN(dfw).BackEnd.FQDN = "$(Stop-Computer).litwareinc.com" }),
			Request{Pool: atl, Mode: Disaster}, "PL005", "pools[dfw-cs-001.litwareinc.com].backEnd.fqdn"},
		{"newline in the topology name", litware(func(t *topology.Topology) { t.Name = "Litware\nRemove-Item C:\\" }),
			Request{Pool: atl, Mode: Disaster}, "PL005", "name"},
		{"backtick in a sample user", litware(func(t *topology.Topology) { t.PoolByFQDN(atl).SampleUsers[0] = "sip:ken`$x@litwareinc.com" }),
			Request{Pool: atl, Mode: Disaster}, "PL006", "pools[atl-cs-001.litwareinc.com].sampleUsers[0]"},
		{"look-alike quote in a site", litware(func(t *topology.Topology) { t.PoolByFQDN(atl).Site = "Atlanta\u2019" }),
			Request{Pool: atl, Mode: Disaster}, "PL006", "pools[atl-cs-001.litwareinc.com].site"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, fs := Build(c.topo, c.req)
			assert.Nil(t, p)
			require.True(t, fs.HasErrors(), "%v", fs)
			found := false
			for _, f := range fs {
				if f.Code == c.code && f.Path == c.path && f.Severity == topology.Error {
					found = true
					assert.NotEmpty(t, f.Fix, "every refusal says what to change")
				}
			}
			assert.True(t, found, "want %s at %s, got %v", c.code, c.path, fs)
		})
	}
}

// rename gives a pool a new FQDN everywhere the topology refers to it.
func rename(t *topology.Topology, from, to string) {
	for i := range t.Pools {
		p := &t.Pools[i]
		if p.FQDN == from {
			p.FQDN = to
		}
		if p.BackupPool == from {
			p.BackupPool = to
		}
		if p.NextHop == from {
			p.NextHop = to
		}
	}
	for i := range t.Branches {
		if t.Branches[i].BackupRegistrar == from {
			t.Branches[i].BackupRegistrar = to
		}
	}
	if t.CMS.Pool == from {
		t.CMS.Pool = to
	}
}

// composeSim lays out the plan for req from the failure state its effective setup leaves in
// a simulation, as the analysis does (EffectiveSetup, then ComposeSnapshot).
func composeSim(t *testing.T, topo *topology.Topology, req Request) (*Plan, topology.Findings) {
	t.Helper()
	s, err := sim.New(topo, sim.Options{Seed: Seed})
	require.NoError(t, err)
	for _, line := range EffectiveSetup(topo, req) {
		s.ExecConfirmed(line)
	}
	return ComposeSnapshot(topo, req, s.Snapshot())
}

func hasCode(fs topology.Findings, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// TestWarnings: capacity short of both pools' users is a warning; branches that depend on the
// pool are remarked; the plan is still built.
// TestSetupErrorsSayWhatIsWrong: a setup line that does not parse is refused with the
// PowerShell message itself, not its "At line:1 char:20" decoration.
func TestSetupErrorsSayWhatIsWrong(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	requireSim(t, topo)
	_, fs := Build(topo, Request{Pool: atl, Mode: Disaster, Setup: []string{`Stop-SimSite -Site "Atlanta`}})
	i := slices.IndexFunc(fs, func(f topology.Finding) bool { return f.Code == "PL013" })
	require.GreaterOrEqual(t, i, 0, "%v", fs)
	assert.Contains(t, fs[i].Message, "The string is missing the terminator")
	assert.NotContains(t, fs[i].Message, "At line:")
}

// TestPlanAndValidateAgreeOnNames: a topology name is refused by the plan (PL005) exactly
// when validation reports it (FW0102), so that a topology that validates can be planned.
func TestPlanAndValidateAgreeOnNames(t *testing.T) {
	for _, name := range []string{"Litware, Inc.", strings.Repeat("é", topology.MaxNameLen), strings.Repeat("x", topology.MaxNameLen+1),
		"Tail'spin \"Toys\"; $(x) `n", "Litware\u202egnp.exe", "Lit\u200bware", "Litware\nRemove-Item"} {
		topo := load(t, "litwareinc.yaml")
		topo.Name = name
		validateRefuses := slices.ContainsFunc(topology.Validate(topo), func(f topology.Finding) bool { return f.Code == "FW0102" })
		_, fs := composeSim(t, topo, Request{Pool: atl, Mode: Disaster})
		assert.Equal(t, validateRefuses, hasCode(fs, "PL005"), "%q", name)
	}
}

func TestWarnings(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	p := build(t, topo, Request{Pool: atl, Mode: Disaster})
	assert.True(t, hasCode(p.Findings, "PL009"))
	i := slices.IndexFunc(p.Findings, func(f topology.Finding) bool { return f.Code == "PL009" })
	assert.Equal(t, "backup pool dfw-cs-001.litwareinc.com can carry 26,640 users but would serve 38,400 after the failover", p.Findings[i].Message)
	assert.True(t, hasCode(p.Findings, "PL017"))
	topo.PoolByFQDN(atl).SampleUsers = nil
	p = build(t, topo, Request{Pool: atl, Mode: Disaster})
	assert.True(t, hasCode(p.Findings, "PL018"))
	for _, v := range step(t, p, "pool-failover").Verify {
		assert.NotEqual(t, "Get-CsUserPoolInfo", v.Cmdlet)
	}
}

// TestIDIsNameBased: the same topology and request give the same plan ID (a version 5 UUID of
// the content); any change of content changes it.
func TestIDIsNameBased(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	a := build(t, topo, Request{Pool: atl, Mode: Disaster})
	b := build(t, load(t, "litwareinc.yaml"), Request{Pool: "ATL-CS-001.litwareinc.com", Mode: Disaster})
	assert.Equal(t, a.ID, b.ID, "the pool's spelling in the request does not matter")
	u, err := uuid.Parse(a.ID)
	require.NoError(t, err)
	assert.Equal(t, uuid.Version(5), u.Version())
	assert.Equal(t, a.ID, ComputeID(a))
	c := build(t, topo, Request{Pool: atl, Mode: Disaster, Failback: true})
	assert.NotEqual(t, a.ID, c.ID)
	a.Steps[0].Title += "!"
	assert.NotEqual(t, a.ID, ComputeID(a))
}

// TestCheck: a saved plan fits its own topology; a changed backup pool is reported exactly;
// a change elsewhere is only a warning; an edited plan is caught.
func TestCheck(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	p := build(t, topo, Request{Pool: atl, Mode: Disaster})
	assert.Empty(t, Check(p, topo))

	moved := load(t, "litwareinc.yaml")
	moved.PoolByFQDN(atl).BackupPool = "xyz-cs-001.litwareinc.com"
	fs := Check(p, moved)
	require.True(t, fs.HasErrors())
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Code+" "+f.Path+": "+f.Message)
	}
	assert.Contains(t, msgs, "PL101 pools[atl-cs-001.litwareinc.com].backupPool: plan assumed dfw-cs-001.litwareinc.com, topology now says xyz-cs-001.litwareinc.com")

	// One more user in the same ten routing groups: the hydration (19 min per 40,000 users,
	// truncated to the second) and so the plan are unchanged.
	more := load(t, "litwareinc.yaml")
	more.PoolByFQDN(atl).Users++
	more.PoolByFQDN(atl).RoutingGroups = 10
	fs = Check(p, more)
	assert.False(t, fs.HasErrors(), "%v", fs)
	require.Len(t, fs, 1)
	assert.Equal(t, "PL103", fs[0].Code)

	edited := *p
	edited.Steps = append([]Step(nil), p.Steps...)
	edited.Steps[0].Command = "Remove-CsPool"
	fs = Check(&edited, topo)
	assert.True(t, hasCode(fs, "PL104"), "%v", fs)

	gone := load(t, "litwareinc.yaml")
	gone.Pools = gone.Pools[:3] // drop dfw-edge-001
	fs = Check(p, gone)
	assert.True(t, hasCode(fs, "PL102"), "%v", fs)
}

// TestEveryPlanPassesItsSimulation: a built plan, run again on a fresh simulation of the same
// failure, succeeds and gives the predicted figures.
func TestEveryPlanPassesItsSimulation(t *testing.T) {
	for _, c := range []struct {
		file string
		req  Request
	}{
		{"litwareinc.yaml", Request{Pool: atl, Mode: Disaster, Failback: true}},
		{"litwareinc.yaml", Request{Pool: atl, Mode: Planned, Failback: true}},
		{"litwareinc.yaml", Request{Pool: dfw, Mode: Disaster}},
		{"litwareinc.yaml", Request{Pool: atl, Mode: Disaster, Setup: []string{"Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com"}}},
		{"lync2013-pair.yaml", Request{Pool: "red-pool-01.contoso.com", Mode: Disaster, Failback: true}},
		{"standard-pair.yaml", Request{Pool: "sea-se-01.tailspintoys.com", Mode: Disaster, Failback: true}},
		{"sfb2019-16fe.yaml", Request{Pool: "fra-pool-01.northwindtraders.com", Mode: Planned, Failback: true}},
	} {
		t.Run(c.file+"/"+c.req.Pool+"/"+string(c.req.Mode), func(t *testing.T) {
			topo := load(t, c.file)
			requireSim(t, topo)
			p := build(t, topo, c.req)
			assert.True(t, p.Prediction.Simulated)
			assert.NotEmpty(t, p.Prediction.Timeline)
			s, err := sim.New(topo, sim.Options{Seed: Seed})
			require.NoError(t, err)
			for _, line := range EffectiveSetup(topo, p.Request) {
				require.False(t, s.Exec(line).Failed, line)
			}
			o := Simulate(p, s)
			assert.True(t, o.OK, "step %d: %s %s", o.Step, o.ErrorID, o.Message)
			assert.Equal(t, p.Prediction.RTO.Std(), o.RTO.Round(time.Second))
			assert.Equal(t, p.Prediction.DataLoss.Std(), o.DataLoss.Round(time.Second))
			assert.Equal(t, p.Prediction.Total.Std(), o.Elapsed.Round(time.Second))
		})
	}
}

// TestSimulateReportsTheFailingStep: a plan run on a state it was not made for names the step
// that fails.
func TestSimulateReportsTheFailingStep(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	requireSim(t, topo)
	p := build(t, topo, Request{Pool: dfw, Mode: Disaster})
	s, err := sim.New(topo, sim.Options{Seed: Seed})
	require.NoError(t, err)
	require.False(t, s.Exec("Stop-SimSite -Site Dallas").Failed)
	require.False(t, s.Exec("Stop-SimSite -Site Atlanta").Failed)
	o := Simulate(p, s)
	assert.False(t, o.OK)
	assert.NotZero(t, o.Step)
	assert.NotEmpty(t, o.Message)
}

// TestComposeSnapshotMatchesBuild: the analysis path (compose from a failed simulation's
// snapshot) lays out the same steps as Build.
func TestComposeSnapshotMatchesBuild(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	requireSim(t, topo)
	req := Request{Pool: atl, Mode: Disaster}
	p := build(t, topo, req)
	s, err := sim.New(topo, sim.Options{Seed: Seed})
	require.NoError(t, err)
	s.Exec("Stop-SimSite -Site Atlanta")
	q, fs := ComposeSnapshot(topo, req, s.Snapshot())
	require.NotNil(t, q, "%v", fs)
	assert.Equal(t, ids(p), ids(q))
	o := Simulate(q, s.Clone())
	assert.True(t, o.OK)
	assert.Equal(t, p.Prediction.RTO.Std(), o.RTO.Round(time.Second))
}

// TestSetupFromSteps keeps the leading simulator steps of a scenario, with the waits between.
func TestSetupFromSteps(t *testing.T) {
	got := SetupFromSteps([]TimedLine{
		{At: 0, Line: "Stop-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com"},
		{At: 90e9, Line: " Stop-SimSite -Site Atlanta "},
		{At: 120e9, Line: "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode"},
		{At: 180e9, Line: "Start-SimSite -Site Atlanta"},
	})
	assert.Equal(t, []string{
		"Stop-SimBackEnd -PoolFqdn atl-cs-001.litwareinc.com",
		"Wait-SimTime -Duration 00:01:30",
		"Stop-SimSite -Site Atlanta",
	}, got)
}

// TestDuration round-trips hh:mm:ss and refuses anything else.
func TestDuration(t *testing.T) {
	for _, s := range []string{"00:00:00", "00:19:10", "01:03:00", "4.04:00:01"} {
		d, err := ParseDuration(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, d.String())
	}
	for _, s := range []string{"", "0:00:00", "00:60:00", "00:00:60", "00:00", "-00:00:01", "00:00:0x", "000:00:00", "00:00:00 "} {
		_, err := ParseDuration(s)
		assert.Error(t, err, s)
	}
}

// TestCallLine writes topology values quoted and the plan's constants bare.
func TestCallLine(t *testing.T) {
	c := call("Get-CsBackupServiceStatus", q("PoolFqdn", "it's.example.com"), lit("Category", "UserData"), sw("Force"))
	assert.Equal(t, "Get-CsBackupServiceStatus -PoolFqdn 'it''s.example.com' -Category UserData -Force", c.Line())
	assert.True(t, c.Changing() == false || strings.HasPrefix(c.Cmdlet, "Get-") == false)
	assert.False(t, call("Invoke-CsManagementServerFailover", sw("WhatIf")).Changing())
	assert.True(t, call("Invoke-CsPoolFailOver", q("PoolFqdn", atl)).Changing())
}

// TestEveryPoolOfTheSamples builds the plan of every Front End pool of every sample topology
// (every tenth of large.yaml), planned and disaster, with failback: each is either built and
// passes its simulation, or refused for a documented reason about the topology, never
// because a planned step fails in the simulation.
func TestEveryPoolOfTheSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "topologies", "*.yaml"))
	require.NoError(t, err)
	refusals := map[string]bool{"PL003": true, "PL007": true, "PL008": true, "PL010": true, "PL011": true}
	built := 0
	for _, f := range files {
		topo := load(t, filepath.Base(f))
		requireSim(t, topo)
		n := 0
		for _, pool := range topo.Pools {
			if !pool.Role.IsFrontEnd() {
				continue
			}
			n++
			if len(topo.Pools) > 50 && n%10 != 1 {
				continue
			}
			for _, mode := range []Mode{Planned, Disaster} {
				p, fs := Build(topo, Request{Pool: pool.FQDN, Mode: mode, Failback: true})
				if p != nil {
					built++
					assert.True(t, p.Prediction.Simulated)
					continue
				}
				for _, finding := range fs {
					if finding.Severity == topology.Error {
						assert.True(t, refusals[finding.Code], "%s %s %s: %v", filepath.Base(f), pool.FQDN, mode, finding)
					}
				}
			}
		}
	}
	assert.Greater(t, built, 20)
}

// TestStepsRunTheirRenderedLines: what the simulator validates is what the runbook prints:
// every step's command is its Call's rendered line, and every simulator line of a wait step
// is one simulator verb, read back through the shell's parser.
func TestStepsRunTheirRenderedLines(t *testing.T) {
	topo := load(t, "litwareinc.yaml")
	simLines := 0
	for _, req := range []Request{
		{Pool: atl, Mode: Disaster},
		{Pool: atl, Mode: Disaster, Failback: true},
		{Pool: atl, Mode: Planned, Failback: true},
	} {
		p := build(t, topo, req)
		for _, st := range p.Steps {
			if st.Call != nil {
				assert.Equal(t, st.Call.Line(), st.Command, st.ID)
			}
			for _, line := range st.Simulate {
				simLines++
				if st.Kind == KindManual && !isSimVerb(line) {
					// A manual step stands in for the operator's own command: one product
					// cmdlet the shell knows.
					stmts, err := shell.Parse(line)
					require.NoError(t, err, "%s: %q", st.ID, line)
					assert.Len(t, stmts, 1, "%s: %q", st.ID, line)
					continue
				}
				_, err := sim.ParseVerb(line)
				assert.NoError(t, err, "%s: %q", st.ID, line)
			}
		}
	}
	assert.Positive(t, simLines, "the failback plans repair the failure in the simulation")
}
