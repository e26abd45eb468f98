package sim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
	"failwright/internal/testkit"
)

// drillScript is a whole disaster as a trainer runs it on litwareinc.yaml: site loss, CMS
// failover, Edge next hop, pool failover, repair and failback.
const drillScript = `Wait-SimTime 00:59:10
Stop-SimSite -Site Atlanta
Wait-SimTime 00:03:00
Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force
Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com
Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode -Verbose
Get-SimState
Start-SimSite -Site Atlanta
Wait-SimTime 00:10:00
Invoke-CsPoolFailBack -PoolFqdn atl-cs-001.litwareinc.com -Verbose
Get-SimState`

// runOutput runs a script and returns every console line, the snapshot and the report as one
// byte string.
func runOutput(t testing.TB, topoFile, script string) []byte {
	s, err := New(loadTopology(t, topoFile), Options{Seed: 7})
	require.NoError(t, err)
	var b strings.Builder
	for _, r := range s.ExecAll(script) {
		for _, l := range r.Lines {
			b.WriteString(string(l.Kind) + "\t" + l.Text + "\n")
		}
	}
	snap, err := json.Marshal(s.Snapshot())
	require.NoError(t, err)
	rep, err := json.Marshal(s.Report())
	require.NoError(t, err)
	b.Write(snap)
	b.WriteString("\n")
	b.Write(rep)
	b.WriteString("\n")
	return []byte(b.String())
}

const litware = "../samples/litwareinc.yaml"

// TestDeterminism runs the same drill twice, and on a clone, and requires byte-identical output.
func TestDeterminism(t *testing.T) {
	a := runOutput(t, litware, drillScript)
	b := runOutput(t, litware, drillScript)
	require.Equal(t, string(a), string(b))
}

// TestDrillGolden compares the drill's whole output (lines with their kinds, snapshot and report
// as JSON) with a committed golden file, so that native and WebAssembly runs are proven to
// produce the same bytes. Run with -update to rewrite it.
func TestDrillGolden(t *testing.T) {
	got := runOutput(t, litware, drillScript)
	testkit.Golden(t, filepath.Join("testdata", "drill.golden"), got)
}

// TestDrillReport checks the figures of the drill: RTO from the site loss to full service on
// the backup pool, the data lost by the disaster failover, and a timeline that ends with every
// user home.
func TestDrillReport(t *testing.T) {
	s, err := New(loadTopology(t, litware), Options{Seed: 1})
	require.NoError(t, err)
	for _, r := range s.ExecAll(drillScript) {
		require.False(t, r.Failed, "%v", r.Lines)
	}
	rep := s.Report()
	// Site lost at 00:59:10; PoolState FailedOver (full service on Dallas) at 01:19:15.
	assert.Equal(t, 20*time.Minute+5*time.Second, rep.RTO["atl-cs-001.litwareinc.com"])
	// Last sync 00:58:00, failure 00:59:10: 70 seconds of changes lost.
	assert.Equal(t, 70*time.Second, rep.DataLoss["atl-cs-001.litwareinc.com"])
	assert.Empty(t, rep.Unrestored)
	last := rep.Timeline[len(rep.Timeline)-1]
	assert.Equal(t, 38400, last.Users[ModeHome])
	// The timeline passes through signed out, resiliency and backup.
	seen := map[Mode]bool{}
	for _, smp := range rep.Timeline {
		for m, n := range smp.Users {
			if n > 0 {
				seen[m] = true
			}
		}
	}
	assert.True(t, seen[ModeSignedOut] && seen[ModeResiliency] && seen[ModeBackup])
	for i := 1; i < len(rep.Timeline); i++ {
		assert.Less(t, rep.Timeline[i-1].At, rep.Timeline[i].At, "timeline in time order")
	}
	for i := 1; i < len(rep.Events); i++ {
		assert.LessOrEqual(t, rep.Events[i-1].At, rep.Events[i].At, "events in time order")
	}
	// The branch's users have no DR: they were in resiliency until the failback.
	assert.Contains(t, rep.RTO, "sav-sba-01.litwareinc.com")
}

// TestPlannedFailoverLosesNothing checks that a planned failover's final sync leaves no data
// behind, and that -WaitTime too short for it does.
func TestPlannedFailoverLosesNothing(t *testing.T) {
	for _, tc := range []struct {
		extra string
		loss  time.Duration
	}{
		{"", 0},
		{" -WaitTime 00:00:30 -Force", 65 * time.Second},
		{" -WaitTime 00:02:00 -FlushStorageService", 0},
	} {
		s, err := New(loadTopology(t, litware), Options{Seed: 1})
		require.NoError(t, err)
		s.Advance(10 * time.Minute)
		s.ExecAll("Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com\n" +
			"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com" + tc.extra)
		rep := s.Report()
		assert.Equal(t, tc.loss, rep.DataLoss["atl-cs-001.litwareinc.com"], tc.extra)
		assert.Empty(t, rep.RTO, "a planned failover is not an outage")
		assert.Equal(t, ModeBackup, s.Snapshot().Pools[0].Mode)
	}
}

// TestCloneDeep checks that a clone shares nothing mutable with its original.
func TestCloneDeep(t *testing.T) {
	s, err := New(loadTopology(t, litware), Options{Seed: 1})
	require.NoError(t, err)
	s.Exec("Stop-SimServer -Fqdn atl-fe-01.litwareinc.com")
	before := runState(s)
	c := s.Clone()
	c.ExecAll(drillScript)
	assert.Equal(t, before, runState(s))
	// And the other way round.
	c2 := s.Clone()
	s.ExecAll(drillScript)
	assert.Equal(t, before, runState(c2))
}

func runState(s *Sim) string {
	snap, _ := json.Marshal(s.Snapshot())
	rep, _ := json.Marshal(s.Report())
	return string(snap) + string(rep)
}

// TestExecResultFlags checks Failed, ErrorID, Prompt and Changed.
func TestExecResultFlags(t *testing.T) {
	s, err := New(loadTopology(t, litware), Options{Seed: 1})
	require.NoError(t, err)
	r := s.Exec("Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com")
	assert.True(t, r.Failed)
	assert.Equal(t, "FW-EDGE-NEXT-HOP", r.ErrorID)
	assert.False(t, r.Changed)
	assert.Equal(t, LineError, r.Lines[0].Kind)
	r = s.Exec("Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com")
	assert.False(t, r.Failed)
	assert.True(t, r.Changed)
	r = s.Exec("Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -Confirm")
	assert.True(t, r.Prompt)
	assert.Equal(t, LinePrompt, r.Lines[len(r.Lines)-1].Kind)
	assert.Equal(t, time.Duration(0), s.Now())
	r = s.Exec("y")
	assert.False(t, r.Prompt)
	assert.True(t, r.Changed)
	assert.Equal(t, StateFailedOver, s.Snapshot().Pools[0].PoolState)
	r = s.Exec("Get-Nothing")
	assert.Equal(t, "CommandNotFoundException", r.ErrorID)
	r = s.Exec("   ")
	assert.Empty(t, r.Lines)
	assert.False(t, r.Failed)
}

// TestErrorIDsDocumented checks that every error ID the simulator can write is in docs/errors.md.
func TestErrorIDsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/errors.md")
	require.NoError(t, err)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	re := regexp.MustCompile(`"(FW-[A-Z0-9-]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			n++
			assert.Contains(t, string(doc), "`"+m[1]+"`", "%s: %s is not in docs/errors.md", f, m[1])
		}
	}
	assert.Greater(t, n, 30)
}

// TestEveryCatalogCmdletHasBehaviour checks that no cmdlet the shell knows falls through to
// FW-NOT-MODELLED.
func TestEveryCatalogCmdletHasBehaviour(t *testing.T) {
	for _, c := range shell.Default.Cmdlets("") {
		_, ok := handlers[c.Name]
		assert.True(t, ok, "%s has no behaviour in the simulator", c.Name)
	}
}
