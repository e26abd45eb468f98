package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/shell"
	"failwright/engine/topofile"
)

// preflightCall matches one preflight check of a script and captures its path, its accepted
// values, its options and its probe.
var preflightCall = regexp.MustCompile(`(?m)^Test-FwFact -Path ('(?:[^']|'')*') -Expected ((?:'(?:[^']|'')*',?)+)( -Exact)?( -Where '\w+' -Property '\w+')? -Probe \{ (.*) \}$`)

// singleQuoted matches one single-quoted PowerShell literal.
var singleQuoted = regexp.MustCompile(`'(?:[^']|'')*'`)

// preflightScript renders the disaster plan for Atlanta on litwareinc as a script.
func preflightScript(t *testing.T) (*plan.Plan, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "topologies", "litwareinc.yaml"))
	require.NoError(t, err)
	topo, fs := topofile.Decode("litwareinc.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	p, fs := plan.Build(topo, plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: plan.Disaster})
	require.NotNil(t, p, "%v", fs)
	script, err := PowerShell(p)
	require.NoError(t, err)
	return p, string(script)
}

// fwFact is the body of the script's Test-FwFact function.
func fwFact(t *testing.T, script string) string {
	t.Helper()
	start := strings.Index(script, "function Test-FwFact {")
	require.GreaterOrEqual(t, start, 0)
	end := strings.Index(script[start:], "\n}\n")
	require.Greater(t, end, 0)
	return script[start : start+end]
}

// TestPreflightComparesWholeValues: the preflight compares each value it reads with the
// accepted values as a whole, with -contains (case-insensitive, as the product compares FQDNs
// and site names) or -ccontains (-Exact); never with a substring operator, a wildcard or a
// regular expression, so that a deployment showing Dallas-DR is drift for a plan that assumed
// Dallas.
func TestPreflightComparesWholeValues(t *testing.T) {
	_, script := preflightScript(t)
	body := fwFact(t, script)
	for _, op := range []string{"-match", "-imatch", "-cmatch", "-like", "-ilike", "-clike", ".Contains(", "IndexOf", "-in ", "Out-String"} {
		assert.NotContains(t, body, op, "Test-FwFact must not compare with %s", op)
	}
	assert.Contains(t, body, "$seen -contains $value")
	assert.Contains(t, body, "$seen -ccontains $value")
}

// contains is PowerShell's -contains on strings (-ccontains when exact): one element equal
// to the value, case-insensitively unless exact.
func contains(seen []string, value string, exact bool) bool {
	for _, s := range seen {
		if s == value || !exact && strings.EqualFold(s, value) {
			return true
		}
	}
	return false
}

// TestPreflightSiteDallasDR reads the preflight's site check of the Dallas pool and applies
// its comparison to what a deployment may show: Site:Dallas (in any case) passes; Dallas-DR,
// Site:Dallas-DR and Dallas2 are drift.
func TestPreflightSiteDallasDR(t *testing.T) {
	_, script := preflightScript(t)
	var accept []string
	exact := false
	for _, m := range preflightCall.FindAllStringSubmatch(script, -1) {
		if m[1] == "'pools[dfw-cs-001.litwareinc.com].site'" {
			for _, q := range singleQuoted.FindAllString(m[2], -1) {
				accept = append(accept, strings.ReplaceAll(q[1:len(q)-1], "''", "'"))
			}
			exact = m[3] != ""
			assert.Equal(t, "(Get-CsPool -Identity 'dfw-cs-001.litwareinc.com').Site", m[5])
		}
	}
	require.Equal(t, []string{"Site:Dallas", "Dallas"}, accept)
	shows := func(seen string) bool {
		for _, v := range accept {
			if contains([]string{seen}, v, exact) {
				return true
			}
		}
		return false
	}
	for seen, ok := range map[string]bool{
		"Site:Dallas": true, "site:dallas": true, "Dallas": true,
		"Site:Dallas-DR": false, "Dallas-DR": false, "Dallas2": false, "Site:Dallas Backup": false, "": false,
	} {
		assert.Equal(t, ok, shows(seen), "the deployment shows %q", seen)
	}
}

// TestPreflightLinesAreQuoted: every preflight check writes its path, accepted values and
// options as single-quoted literals (shell.QuoteArg) and its probe as one planned cmdlet
// whose values are quoted too; every assumption that can be read has its check.
func TestPreflightLinesAreQuoted(t *testing.T) {
	p, script := preflightScript(t)
	var lines []string
	for _, l := range strings.Split(script, "\n") {
		if strings.HasPrefix(l, "Test-FwFact ") {
			lines = append(lines, l)
		}
	}
	matched := preflightCall.FindAllStringSubmatch(script, -1)
	require.Len(t, matched, len(lines), "every Test-FwFact line has the documented shape")
	checkable := 0
	for _, a := range p.Assumptions {
		if factProbe(a).probe != "" {
			checkable++
		}
	}
	assert.Equal(t, checkable, len(lines))
	for _, m := range matched {
		for _, q := range singleQuoted.FindAllString(m[2], -1) {
			v := strings.ReplaceAll(q[1:len(q)-1], "''", "'")
			assert.Equal(t, shell.QuoteArg(v), q)
		}
		probe := strings.TrimSuffix(strings.TrimPrefix(m[5], "("), ")")
		if i := strings.LastIndex(m[5], ")."); i > 0 && strings.HasPrefix(m[5], "(") {
			probe = m[5][1:i]
		}
		stmts, err := shell.Parse(probe)
		require.NoError(t, err, probe)
		require.Len(t, stmts, 1, probe)
	}
}
