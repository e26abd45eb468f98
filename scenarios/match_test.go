package scenarios

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

func litware(t testing.TB) *topology.Topology {
	t.Helper()
	data, err := os.ReadFile("topologies/litwareinc.yaml")
	require.NoError(t, err)
	topo, fs := topofile.Decode("litwareinc.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	return topo
}

// TestPatternMatching pins what a typed line must carry to match a pattern: matching follows
// the shell's binder, so whatever the simulator reads as the same command matches.
func TestPatternMatching(t *testing.T) {
	m := newMatcher(litware(t))
	const fo = "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode"
	tests := []struct {
		name, pattern, line string
		want                bool
	}{
		{"the same command", fo, fo, true},
		{"extra parameters", fo, fo + " -Verbose -Confirm:$false", true},
		{"other letter case", fo, "invoke-cspoolfailover -poolfqdn ATL-CS-001.litwareinc.com -disastermode", true},
		{"unique prefixes", fo, "Invoke-CsPoolFailOver -Pool atl-cs-001.litwareinc.com -Disas", true},
		{"the colon form and quotes", fo, "Invoke-CsPoolFailOver -PoolFqdn:'atl-cs-001.litwareinc.com' -DisasterMode:$true", true},
		{"a positional value the cmdlet does not take", fo, "Invoke-CsPoolFailOver atl-cs-001.litwareinc.com -DisasterMode", false},
		{"module-qualified cmdlet", fo, `SkypeForBusiness\Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode`, true},
		{"typographic dash and quotes", fo, "Invoke-CsPoolFailOver –PoolFqdn ‘atl-cs-001.litwareinc.com’ –DisasterMode", true},
		{"a switch set to $false is absent", fo, "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode:$false", false},
		{"a missing switch", fo, "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com", false},
		{"another pool", fo, "Invoke-CsPoolFailOver -PoolFqdn dfw-cs-001.litwareinc.com -DisasterMode", false},
		{"another cmdlet", fo, "Invoke-CsPoolFailBack -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode", false},
		{"an ambiguous prefix binds nothing", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -W 00:05:00", false},
		{"an unknown parameter binds nothing", fo, fo + " -Bogus", false},
		{"a comment is not a parameter", fo, fo + " # -Force", true},
		{"one statement of several", fo, "Get-CsPool; " + fo, true},
		{"a pattern switch set to $false", "Invoke-CsPoolFailOver -DisasterMode:$false", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com", true},
		{"... refuses the switch", "Invoke-CsPoolFailOver -DisasterMode:$false", fo, false},
		{"aliases", "Invoke-CsManagementServerFailover -WhatIf", "Invoke-CsManagementServerFailover -wi", true},
		{"a TimeSpan by value", "Invoke-CsPoolFailOver -WaitTime 00:05:00", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -WaitTime 0:5:0", true},
		{"... another TimeSpan", "Invoke-CsPoolFailOver -WaitTime 00:05:00", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -WaitTime 00:10:00", false},
		{"a Boolean by value", "Set-CsBackupServiceConfiguration -EnableRgsBackupService $true", "Set-CsBackupServiceConfiguration -EnableRgsBackupService 1", false},
		{"a simulator verb, positional", "Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com", "stop-simpool atl-cs-001.litwareinc.com", true},
		{"an enumeration in canonical case", "Get-CsBackupServiceStatus -Category UserData", "Get-CsBackupServiceStatus -PoolFqdn atl-cs-001.litwareinc.com -Category userdata", true},
		{"a line that does not parse", fo, fo + ` "unterminated`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePattern(tt.pattern)
			require.NoError(t, err)
			cmds := m.b.bind(tt.line, "atl-cs-001.litwareinc.com")
			assert.Equal(t, tt.want, m.matchesAny(cmds, tt.pattern))
		})
	}
}

// TestBindFollowsTheSimulatorsVersion checks that a line binds against the product version of
// the pool it names, as in the simulator: a 2015-only parameter matches on a 2015 pool and
// binds nothing on a Lync Server 2013 pool.
func TestBindFollowsTheSimulatorsVersion(t *testing.T) {
	sc, fs := Load("mixed-version-pair.yaml")
	require.False(t, fs.HasErrors(), "%v", fs)
	b := newBinder(sc.Topology)
	var v2013, v2015 string
	for _, p := range sc.Topology.Pools {
		switch p.Version {
		case topology.Lync2013:
			v2013 = p.FQDN
		case topology.SfB2015:
			v2015 = p.FQDN
		}
	}
	require.NotEmpty(t, v2013)
	require.NotEmpty(t, v2015)
	line := "Invoke-CsPoolFailOver -PoolFqdn %s -SkipDataVerification"
	assert.Len(t, b.bind(fmt.Sprintf(line, v2015), ""), 1)
	assert.Empty(t, b.bind(fmt.Sprintf(line, v2013), ""))
	assert.Len(t, b.bind(fmt.Sprintf("Invoke-CsPoolFailOver -PoolFqdn Registrar:%s -SkipDataVerification", v2015), ""), 1, "an identity prefix names the pool too")
}

func TestPatternErrors(t *testing.T) {
	for _, s := range []string{"", "hint", "Invoke-CsPoolFailOver -Bogus", "Get-CsPool; Get-CsPool", "Invoke-CsPoolFailOver -PoolFqdn $pool"} {
		_, err := parsePattern(s)
		assert.Error(t, err, "%q", s)
	}
}

// FuzzMatch feeds patterns and lines to the parser and binder: they never panic.
func FuzzMatch(f *testing.F) {
	f.Add("Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode", "invoke-cspoolfailover -pool atl-cs-001.litwareinc.com -d")
	f.Add("Stop-SimPool x", "Stop-SimPool -PoolFqdn:x; Get-SimState")
	f.Add("Wait-SimTime 00:05:00", "Wait-SimTime -Minutes 5")
	m := newMatcher(litware(f))
	f.Fuzz(func(t *testing.T, pat, line string) {
		_, _ = parsePattern(pat)
		_ = m.matchesAny(m.b.bind(line, "atl-cs-001.litwareinc.com"), pat)
		_ = cmdletNames(line)
	})
}

// TestMatchingIgnoresCaseProperty types every accepted model answer of the library with random
// letter case: PowerShell reads it as the same command, and so does the matcher.
func TestMatchingIgnoresCaseProperty(t *testing.T) {
	type answer struct {
		m      *matcher
		line   string
		accept []string
	}
	var answers []answer
	for _, e := range Library() {
		sc, fs := Load(e.File)
		require.False(t, fs.HasErrors(), "%v", fs)
		m := newMatcher(sc.Topology)
		for _, st := range sc.Steps {
			if st.Trainee == nil {
				continue
			}
			for _, l := range st.Trainee.Solution {
				if m.matchesAny(m.b.bind(l, sc.Topology.CMS.Pool), st.Trainee.Accept...) {
					answers = append(answers, answer{m, l, st.Trainee.Accept})
				}
			}
		}
	}
	require.NotEmpty(t, answers)
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SampledFrom(answers).Draw(t, "answer")
		flips := rapid.SliceOfN(rapid.Bool(), len(a.line), len(a.line)).Draw(t, "upper")
		var b strings.Builder
		for i, r := range a.line {
			if flips[i] {
				b.WriteString(strings.ToUpper(string(r)))
			} else {
				b.WriteString(strings.ToLower(string(r)))
			}
		}
		if !a.m.matchesAny(a.m.b.bind(b.String(), ""), a.accept...) {
			t.Fatalf("%q no longer matches %q", b.String(), a.accept)
		}
	})
}
