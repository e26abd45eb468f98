package plan

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// cmsElsewhere is litwareinc.yaml with the CMS on a third pool in Atlanta, lost with the
// site: unpaired, or (paired) paired with a fourth pool in Atlanta.
func cmsElsewhere(t *testing.T, paired bool) *topology.Topology {
	topo := load(t, "litwareinc.yaml")
	add := func(fqdn, backup, prefix string) {
		c := *topo.PoolByFQDN(dfw)
		c.FQDN, c.Site, c.BackupPool, c.SampleUsers = fqdn, "Atlanta", backup, nil
		c.Servers = []topology.Server{{FQDN: prefix + "fe-01.litwareinc.com"}, {FQDN: prefix + "fe-02.litwareinc.com"}, {FQDN: prefix + "fe-03.litwareinc.com"}}
		c.BackEnd = &topology.BackEnd{FQDN: prefix + "sql-01.litwareinc.com", Instance: "rtc"}
		topo.Pools = append(topo.Pools, c)
	}
	if paired {
		add("atl-cms-001.litwareinc.com", "atl-cms-002.litwareinc.com", "atl-cms")
		add("atl-cms-002.litwareinc.com", "atl-cms-001.litwareinc.com", "atl-cmt")
	} else {
		add("atl-cms-001.litwareinc.com", "", "atl-cms")
	}
	topo.CMS.Pool = "atl-cms-001.litwareinc.com"
	return topo
}

// TestCMSWithoutStandby: a CMS that must move but cannot be failed over (its pool has no
// backup pool, PL010, or that pool is lost too, PL011) is rebuilt on the back end of the
// failed pool's backup pool, the official procedure's route, and the codes are warnings;
// when nothing can take the CMS they still refuse the plan.
func TestCMSWithoutStandby(t *testing.T) {
	route := []string{"cms-locate", "cms-backup-relationship", "cms-status", "cms-exports",
		"cms-install-database", "cms-move", "cms-verify", "cms-service", "cms-replicas", "cms-bootstrapper"}
	for _, c := range []struct {
		name   string
		paired bool
		code   string
	}{{"unpaired", false, "PL010"}, {"backup lost", true, "PL011"}} {
		t.Run(c.name, func(t *testing.T) {
			topo := cmsElsewhere(t, c.paired)
			requireSim(t, topo)
			p, fs := Build(topo, Request{Pool: atl, Mode: Disaster, Failback: true})
			require.NotNil(t, p, "%v", fs)
			f := finding(fs, c.code)
			require.NotNil(t, f, "%v", fs)
			assert.Equal(t, topology.Warning, f.Severity)
			assert.Contains(t, f.Message, "Move-CsManagementServer -Force")
			assert.Equal(t, route, ids(p)[:len(route)])
			st := stepByID(p, "cms-install-database")
			assert.Equal(t, "Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn 'dfw-sql-01.litwareinc.com' -SqlInstanceName 'rtc'", st.Command)
			st = stepByID(p, "cms-move")
			assert.Equal(t, `Move-CsManagementServer -ConfigurationFileName 'C:\CsConfigurationFile.zip' -LisConfigurationFileName 'C:\CsLisConfigurationFile.zip' -TargetFqdn 'dfw-cs-001.litwareinc.com' -Force`, st.Command)
			assert.Equal(t, "Get-CsService -CentralManagement", stepByID(p, "cms-locate").Command, "-WhatIf refuses without a standby")
			boot := stepByID(p, "cms-bootstrapper")
			assert.Equal(t, KindManual, boot.Kind)
			assert.Contains(t, boot.Instructions, "except dfw-fe-01.litwareinc.com, run Bootstrapper /Setup: dfw-fe-02.litwareinc.com, dfw-fe-03.litwareinc.com, dfw-fe-04.litwareinc.com.",
				"every server but the one the move ran on")
			assert.Nil(t, stepByID(p, "cms-failover"))
			assert.True(t, p.Prediction.Simulated)
		})
	}

	// The CMS on the failed pool, whose backup pool is lost with it: nothing takes the CMS.
	topo := load(t, "litwareinc.yaml")
	topo.PoolByFQDN(dfw).Site = "Atlanta"
	_, fs := composeSim(t, topo, Request{Pool: atl, Mode: Disaster})
	f := finding(fs, "PL011")
	require.NotNil(t, f, "%v", fs)
	assert.Equal(t, topology.Error, f.Severity)
}

// TestStandardPairCMSWarning: a planned CMS failover between the servers of a Standard
// Edition pair of 2015 or later is warned of (PL025), naming the active-on-both outcome and
// -Restore; a disaster failover (the DisasterRecovery parameter set) and Lync 2013 are not.
func TestStandardPairCMSWarning(t *testing.T) {
	const sea = "sea-se-01.tailspintoys.com"
	topo := load(t, "standard-pair.yaml")
	requireSim(t, topo)
	p, fs := Build(topo, Request{Pool: sea, Mode: Planned})
	require.NotNil(t, p, "%v", fs)
	f := finding(fs, "PL025")
	require.NotNil(t, f, "%v", fs)
	assert.Equal(t, topology.Warning, f.Severity)
	assert.Contains(t, f.Message, "active on both servers")
	assert.Contains(t, f.Message, "Vale Consulting, September 2015")
	assert.Contains(t, f.Fix, "Invoke-CsManagementServerFailover -Restore on pdx-se-01.tailspintoys.com")

	_, fs = Build(topo, Request{Pool: sea, Mode: Disaster})
	assert.Nil(t, finding(fs, "PL025"), "a disaster failover uses the DisasterRecovery set")
	for i := range topo.Pools {
		topo.Pools[i].Version = topology.Lync2013
	}
	_, fs = Build(topo, Request{Pool: sea, Mode: Planned})
	assert.Nil(t, finding(fs, "PL025"), "Vale Consulting did not see it on Lync Server 2013")
}

// finding returns the first finding with the code, or nil.
func finding(fs topology.Findings, code string) *topology.Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

// stepByID returns the plan's step with the ID, or nil.
func stepByID(p *Plan, id string) *Step {
	for i := range p.Steps {
		if strings.EqualFold(p.Steps[i].ID, id) {
			return &p.Steps[i]
		}
	}
	return nil
}
