package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSiteLossUsersThroughDetection(t *testing.T) {
	s := newTestSim(t)
	s.st.faulting = true
	s.st.siteUp[0] = false
	s.recompute()
	s.st.faulting = false
	snap := s.Snapshot()
	require.Equal(t, HealthDown, snap.Pools[0].Health)
	assert.Equal(t, ModeSignedOut, snap.Pools[0].Mode)
	assert.False(t, snap.CMS.Available)
	s.Advance(119 * time.Second)
	assert.Equal(t, ModeSignedOut, s.Snapshot().Pools[0].Mode)
	s.Advance(time.Second)
	snap = s.Snapshot()
	assert.Equal(t, ModeResiliency, snap.Pools[0].Mode)
	assert.Equal(t, "dal-cs-001.litwareinc.com", snap.Pools[0].ServedBy)
	// The branch's backup registrar is down: the appliance serves its users in resiliency.
	assert.Equal(t, ModeResiliency, snap.Branches[0].Mode)
	r := s.Report()
	assert.Equal(t, []string{"atl-cs-001.litwareinc.com", "sba-01.litwareinc.com"}, r.Unrestored)
	assert.Equal(t, time.Duration(0), r.RTO["atl-cs-001.litwareinc.com"])
	// Site back: users return home after the failback detection interval.
	s.st.siteUp[0] = true
	s.recompute()
	assert.Equal(t, ModeResiliency, s.Snapshot().Pools[0].Mode)
	s.Advance(240 * time.Second)
	assert.Equal(t, ModeHome, s.Snapshot().Pools[0].Mode)
	r = s.Report()
	assert.Equal(t, 360*time.Second, r.RTO["atl-cs-001.litwareinc.com"])
	assert.Empty(t, r.Unrestored)
}

func TestBacklogWhileLinkCut(t *testing.T) {
	s := newTestSim(t)
	s.Advance(5 * time.Minute)
	d := s.x.pools[0].dirOut
	assert.Equal(t, BackupSteady, s.backupState(d))
	assert.Equal(t, 4*time.Minute, s.lastSyncView(d))
	s.st.cut[0*2+1], s.st.cut[1*2+0] = true, true
	s.recompute()
	s.Advance(10 * time.Minute)
	assert.Equal(t, BackupNonSteady, s.backupState(d))
	assert.Equal(t, 11*time.Minute, s.backlog(d))
	s.st.cut[1], s.st.cut[2] = false, false
	s.recompute()
	assert.Equal(t, BackupNonSteady, s.backupState(d))
	s.Advance(2 * time.Minute)
	assert.Equal(t, BackupSteady, s.backupState(d))
	assert.Equal(t, time.Minute, s.backlog(d), "changes since the catch-up sync at 00:16:00")
}

func TestCloneIsIndependent(t *testing.T) {
	s := newTestSim(t)
	c := s.Clone()
	c.st.siteUp[0] = false
	c.recompute()
	c.Advance(time.Hour)
	assert.Equal(t, HealthUp, s.Snapshot().Pools[0].Health)
	assert.Equal(t, time.Duration(0), s.Now())
	assert.Len(t, s.Report().Timeline, 1)
	assert.Greater(t, len(c.Report().Timeline), 1)
}

// TestExecAllStopsAtExit checks that a script's exit line ends it: nothing after it runs, and
// exit typed at the console only prints a notice.
func TestExecAllStopsAtExit(t *testing.T) {
	s := newTestSim(t)
	rs := s.ExecAll("Get-SimState\nexit\nStop-SimSite Atlanta\n")
	require.Len(t, rs, 1)
	assert.True(t, s.Snapshot().Sites[0].Up, "the line after exit did not run")
	r := s.Exec("exit")
	assert.False(t, r.Failed)
	require.Len(t, r.Lines, 1)
	assert.Equal(t, LineInfo, r.Lines[0].Kind)
}

func TestSuggestion(t *testing.T) {
	pools := []string{"atl-cs-001.litwareinc.com", "dfw-cs-001.litwareinc.com"}
	for _, tc := range []struct{ typed, want string }{
		{"atl-cs-01.litwareinc.com", " Did you mean atl-cs-001.litwareinc.com?"},
		{"Registrar:DFW-CS-001.litwareinc.co", " Did you mean dfw-cs-001.litwareinc.com?"},
		{"chi-pool-01.contoso.com", ""},
		{"", ""},
	} {
		assert.Equal(t, tc.want, suggestion(tc.typed, pools), tc.typed)
	}
}

// TestSnapshotSiteLossShowsWhatRuns checks that a snapshot shows the servers and back end of
// a lost site as down, and those of the surviving site as up.
func TestSnapshotSiteLossShowsWhatRuns(t *testing.T) {
	s, err := New(loadTopology(t, "../samples/litwareinc.yaml"), Options{})
	require.NoError(t, err)
	require.False(t, s.Exec("Stop-SimSite -Site Atlanta").Failed)
	for _, p := range s.Snapshot().Pools {
		lost := p.Site == "Atlanta"
		for i, up := range p.ServersUp {
			assert.Equal(t, !lost, up, "%s server %d", p.FQDN, i)
		}
		if p.Role == "FrontEndEnterprise" {
			assert.Equal(t, !lost, p.BackEndUp, p.FQDN)
		}
	}
}
