package sim

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// preflightProbe matches a runbook's preflight check: Test-FwFact ... -Probe { PROBE }.
var preflightProbe = regexp.MustCompile(`(?m)^Test-FwFact .* -Probe \{ (.*) \}$`)

// propertyRead matches a probe that reads one property: (Get-CsX ...).Property.
var propertyRead = regexp.MustCompile(`^\((.*)\)\.(\w+)$`)

// TestRunbookPreflightProbes runs every preflight probe of the PowerShell runbooks that
// engine/render produces (its golden files) in the simulated shell: each cmdlet must exist,
// bind and answer without an error, and a probe that reads a property must find it in the
// output, so that a trainer can rehearse a runbook's checks in the simulator.
func TestRunbookPreflightProbes(t *testing.T) {
	files, err := filepath.Glob("../render/testdata/*.ps1")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	domains := map[string]string{
		"litwareinc.com": "litwareinc.yaml", "contoso.com": "lync2013-pair.yaml",
		"northwindtraders.com": "sfb2019-16fe.yaml", "tailspintoys.com": "standard-pair.yaml",
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		src := string(data)
		topo := ""
		for d, file := range domains {
			if strings.Contains(src, d) {
				topo = file
			}
		}
		if topo == "" {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := New(loadTopology(t, "../samples/"+topo), Options{Seed: 1})
			require.NoError(t, err)
			probes := preflightProbe.FindAllStringSubmatch(src, -1)
			require.NotEmpty(t, probes)
			probes = append(probes, []string{"", "Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue"})
			for _, m := range probes {
				line, prop := m[1], ""
				if pm := propertyRead.FindStringSubmatch(line); pm != nil {
					line, prop = pm[1], pm[2]
				}
				r := s.Exec(line)
				assert.False(t, r.Failed, "%s: %s", line, r.ErrorID)
				var out []string
				for _, l := range r.Lines {
					out = append(out, l.Text)
				}
				text := strings.Join(out, "\n")
				assert.NotEmpty(t, strings.TrimSpace(text), line)
				if prop != "" {
					assert.Regexp(t, `(?m)^`+prop+` +: `, text, "%s has no %s", line, prop)
				}
			}
		})
	}
}
