package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEdgeSnapshot checks what the browser and the scenarios read about Edge pools: which work,
// whether remote access and federation work, which Front End pools lost external media, and
// that a clone does not share any of it.
func TestEdgeSnapshot(t *testing.T) {
	s, err := New(loadTopology(t, litware), Options{Seed: 1})
	require.NoError(t, err)
	edge := func(s *Sim) *EdgeSnapshot {
		snap := s.Snapshot()
		require.NotNil(t, snap.Edge)
		return snap.Edge
	}
	pool := func(s *Sim, fqdn string) PoolSnapshot {
		for _, p := range s.Snapshot().Pools {
			if p.FQDN == fqdn {
				return p
			}
		}
		t.Fatalf("no pool %s", fqdn)
		return PoolSnapshot{}
	}
	e := edge(s)
	assert.True(t, e.RemoteAccess)
	assert.True(t, e.Federation)
	assert.Equal(t, "atl-edge-001.litwareinc.com", e.FederationPool)
	assert.Equal(t, []string{"atl-edge-001.litwareinc.com", "dfw-edge-001.litwareinc.com"}, e.Working)
	assert.Empty(t, e.MediaStopped)
	assert.Equal(t, "atl-edge-001.litwareinc.com", pool(s, "atl-cs-001.litwareinc.com").MediaEdge)
	assert.True(t, pool(s, "atl-edge-001.litwareinc.com").FederationRoute)

	c := s.Clone()
	for _, line := range []string{
		"Stop-SimEdgePool atl-edge-001.litwareinc.com",
		"Invoke-CsComputerFailOver -ComputerName dfw-fe-04.litwareinc.com -Force",
		"Set-CsBackupServiceConfiguration -SyncInterval 00:05:00",
	} {
		r := c.Exec(line)
		require.False(t, r.Failed, "%s: %v", line, r.Lines)
	}
	e = edge(c)
	assert.True(t, e.RemoteAccess, "the Dallas Edge pool still works")
	assert.False(t, e.Federation)
	assert.Equal(t, []string{"dfw-edge-001.litwareinc.com"}, e.Working)
	assert.Equal(t, []string{"atl-cs-001.litwareinc.com"}, e.MediaStopped)
	assert.False(t, pool(c, "atl-edge-001.litwareinc.com").ExternalAccess)
	assert.Equal(t, []bool{false, false, false, true}, pool(c, "dfw-cs-001.litwareinc.com").ServersDrained)
	assert.Equal(t, 5*60*1e9, float64(c.Snapshot().SyncInterval))

	// The original is untouched by the clone's changes.
	e = edge(s)
	assert.True(t, e.Federation)
	assert.Empty(t, e.MediaStopped)
	assert.Nil(t, pool(s, "dfw-cs-001.litwareinc.com").ServersDrained)
	assert.Equal(t, 2*60*1e9, float64(s.Snapshot().SyncInterval))

	require.False(t, c.Exec("Move-SimFederationRoute dfw-edge-001.litwareinc.com").Failed)
	require.False(t, c.Exec("Set-CsRegistrar -Identity Registrar:atl-cs-001.litwareinc.com -EdgeServer EdgeServer:dfw-edge-001.litwareinc.com").Failed)
	e = edge(c)
	assert.True(t, e.Federation)
	assert.Equal(t, "dfw-edge-001.litwareinc.com", e.FederationPool)
	assert.Empty(t, e.MediaStopped)
}
