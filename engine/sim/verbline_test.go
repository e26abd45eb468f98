package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerbLineRoundTrip: every verb value writes the line the simulator has always been given,
// and that line, read back through the shell's parser and binder, is the same value.
func TestVerbLineRoundTrip(t *testing.T) {
	const pool = "atl-cs-001.litwareinc.com"
	tests := []struct {
		v    Verb
		line string
	}{
		{StopServer{"atl-fe01.litwareinc.com"}, "Stop-SimServer -Fqdn 'atl-fe01.litwareinc.com'"},
		{StartServer{"atl-fe01.litwareinc.com"}, "Start-SimServer -Fqdn 'atl-fe01.litwareinc.com'"},
		{StopPool{pool}, "Stop-SimPool -PoolFqdn '" + pool + "'"},
		{StartPool{pool}, "Start-SimPool -PoolFqdn '" + pool + "'"},
		{StopEdgePool{"atl-edge-001.litwareinc.com"}, "Stop-SimEdgePool -PoolFqdn 'atl-edge-001.litwareinc.com'"},
		{StartEdgePool{"atl-edge-001.litwareinc.com"}, "Start-SimEdgePool -PoolFqdn 'atl-edge-001.litwareinc.com'"},
		{StopSite{"Atlanta"}, "Stop-SimSite -Site 'Atlanta'"},
		{StartSite{"New York"}, "Start-SimSite -Site 'New York'"},
		{StopSite{"O'Hare"}, "Stop-SimSite -Site 'O''Hare'"},
		{StopSite{"Lisboa \u2019s"}, "Stop-SimSite -Site 'Lisboa \u2019\u2019s'"},
		{StopBackEnd{Pool: pool}, "Stop-SimBackEnd -PoolFqdn '" + pool + "'"},
		{StopBackEnd{Pool: pool, Mirror: true}, "Stop-SimBackEnd -PoolFqdn '" + pool + "' -Mirror"},
		{StartBackEnd{Pool: pool}, "Start-SimBackEnd -PoolFqdn '" + pool + "'"},
		{StartBackEnd{Pool: pool, Mirror: true}, "Start-SimBackEnd -PoolFqdn '" + pool + "' -Mirror"},
		{CutLink{"Atlanta", "Dallas"}, "Disconnect-SimSite -Site 'Atlanta' -To 'Dallas'"},
		{RestoreLink{"Atlanta", "Dallas"}, "Connect-SimSite -Site 'Atlanta' -To 'Dallas'"},
		{StopBranch{"sba-01.litwareinc.com"}, "Stop-SimBranch -Fqdn 'sba-01.litwareinc.com'"},
		{StartBranch{"sba-01.litwareinc.com"}, "Start-SimBranch -Fqdn 'sba-01.litwareinc.com'"},
		{MoveFederationRoute{"dal-edge-001.litwareinc.com"}, "Move-SimFederationRoute -PoolFqdn 'dal-edge-001.litwareinc.com'"},
		{Wait{119 * time.Second}, "Wait-SimTime -Duration 00:01:59"},
		{Wait{3*time.Hour - time.Second}, "Wait-SimTime -Duration 02:59:59"},
		{Wait{0}, "Wait-SimTime -Duration 00:00:00"},
		{Wait{50 * time.Hour}, "Wait-SimTime -Duration 2.02:00:00"},
		{GetState{}, "Get-SimState"},
		{StopLoadBalancer{"atl-hlb"}, "Stop-SimLoadBalancer -Name 'atl-hlb'"},
		{StartLoadBalancer{"atl-hlb"}, "Start-SimLoadBalancer -Name 'atl-hlb'"},
		{StopDNSProvider{"Litware GeoDNS"}, "Stop-SimDnsProvider -Name 'Litware GeoDNS'"},
		{StartDNSProvider{"Litware GeoDNS"}, "Start-SimDnsProvider -Name 'Litware GeoDNS'"},
		{StopGateway{"gw1.litwareinc.com"}, "Stop-SimGateway -Fqdn 'gw1.litwareinc.com'"},
		{StartGateway{"gw1.litwareinc.com"}, "Start-SimGateway -Fqdn 'gw1.litwareinc.com'"},
		{StopPersistentChat{"pc.litwareinc.com", ""}, "Stop-SimPersistentChat -Fqdn 'pc.litwareinc.com'"},
		{StopPersistentChat{"pc.litwareinc.com", "Atlanta"}, "Stop-SimPersistentChat -Fqdn 'pc.litwareinc.com' -Site 'Atlanta'"},
		{StartPersistentChat{"pc.litwareinc.com", "Atlanta"}, "Start-SimPersistentChat -Fqdn 'pc.litwareinc.com' -Site 'Atlanta'"},
		{SetPersistentChatNextHop{"pc.litwareinc.com", pool}, "Set-SimPersistentChatNextHop -Fqdn 'pc.litwareinc.com' -PoolFqdn '" + pool + "'"},
		{SetDNSRecord{"meet.litwareinc.com", pool}, "Set-SimDnsRecord -Name 'meet.litwareinc.com' -Target '" + pool + "'"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			assert.Equal(t, tt.line, tt.v.Line())
			back, err := ParseVerb(tt.v.Line())
			require.NoError(t, err)
			assert.Equal(t, tt.v, back)
		})
	}
}

// TestParseVerbForms: other spellings the simulator accepts read as the same value, and lines
// that are not one simulator verb are refused.
func TestParseVerbForms(t *testing.T) {
	for line, want := range map[string]Verb{
		"stop-simsite atlanta":                              StopSite{"atlanta"},
		"Wait-SimTime -Minutes 2 -Seconds 5":                Wait{125 * time.Second},
		"Wait-SimTime 00:05:00":                             Wait{5 * time.Minute},
		`Stop-SimBackEnd -PoolFqdn "a.example.com" -Mirror`: StopBackEnd{"a.example.com", true},
	} {
		got, err := ParseVerb(line)
		require.NoError(t, err, line)
		assert.Equal(t, want, got, line)
	}
	for _, line := range []string{"", "Get-CsPool", "Stop-SimSite -Site A; Stop-SimSite -Site B",
		"Stop-SimSite -Nope A", "Stop-SimSite -Site 'A"} {
		_, err := ParseVerb(line)
		assert.Error(t, err, line)
	}
}

// TestResultErr: the first error comes back as a value that agrees with ErrorID and with the
// console's first line of the record.
func TestResultErr(t *testing.T) {
	tests := []struct {
		line, id, cmdlet, first string
	}{
		{"Stop-SimSite -Site Nowhere", "FW-SITE-NOT-FOUND", "Stop-SimSite",
			`Stop-SimSite : Cannot find site "Nowhere". The sites are: Atlanta, Dallas.`},
		{"Stop-SimSite -Nope x", "NamedParameterNotFound", "Stop-SimSite",
			"Stop-SimSite : A parameter cannot be found that matches parameter name 'Nope'."},
		{"Stop-SimSite -Site 'x", "TerminatorExpectedAtEndOfString", "", ""},
	}
	for _, tt := range tests {
		s, err := New(testTopology(), Options{Seed: 1})
		require.NoError(t, err)
		r := s.Exec(tt.line)
		require.True(t, r.Failed, tt.line)
		require.NotNil(t, r.Err, tt.line)
		assert.Equal(t, tt.id, r.Err.ID, tt.line)
		assert.Equal(t, r.ErrorID, r.Err.ID, tt.line)
		assert.Equal(t, tt.cmdlet, r.Err.Cmdlet, tt.line)
		if tt.first != "" {
			assert.Equal(t, tt.first, r.Err.Error(), tt.line)
			assert.Equal(t, tt.first, r.Lines[0].Text, tt.line)
		}
	}
	s, err := New(testTopology(), Options{Seed: 1})
	require.NoError(t, err)
	r := s.Exec("Get-SimState")
	assert.False(t, r.Failed)
	assert.Nil(t, r.Err)
}
