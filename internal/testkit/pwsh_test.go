//go:build !js

package testkit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPowerShellCheckCanFail proves the grammar check finds what it must: an unterminated
// string, a missing brace, and a value outside a single-quoted literal (bare, in a
// double-quoted string, as a variable); and passes what is safe: the value in a literal, in its
// escaped form, in a here-string and in a comment.
func TestPowerShellCheckCanFail(t *testing.T) {
	fqdn := "atl-cs-001.litwareinc.com"
	reports, err := ParsePowerShell([]Script{
		{Name: "good", Values: []string{fqdn, "O'Brien", "Dallas"}, Text: "" +
			"# fails over " + fqdn + "\n" +
			"Invoke-CsPoolFailOver -PoolFqdn '" + fqdn + "' -Confirm:$false\n" +
			"$name = 'O''Brien'\n" +
			"Write-Host @'\nDallas\n'@\n"},
		{Name: "unterminated", Text: "Write-Host 'abc\n"},
		{Name: "brace", Text: "if ($true) {\n  Write-Host 'x'\n"},
		{Name: "unquoted", Values: []string{fqdn}, Text: "" +
			"Invoke-CsPoolFailOver -PoolFqdn " + fqdn + "\n" +
			"Write-Host \"pool " + fqdn + "\"\n" +
			"Write-Host '" + fqdn + "'\n"},
	})
	require.NoError(t, err)
	require.Len(t, reports, 4)
	assert.Equal(t, PowerShellReport{Name: "good", Errors: []PowerShellSpot{}, Unquoted: []PowerShellSpot{}, PS7: []PowerShellSpot{}}, reports[0])
	assert.NotEmpty(t, reports[1].Errors, "an unterminated string")
	assert.NotEmpty(t, reports[2].Errors, "a missing brace")
	assert.Contains(t, reports[2].Errors, PowerShellSpot{Line: 2, Column: 17, Message: "missing }"})
	assert.Empty(t, reports[3].Errors)
	assert.Equal(t, []PowerShellSpot{{Line: 1, Column: 33, Value: fqdn}, {Line: 2, Column: 18, Value: fqdn}}, reports[3].Unquoted)

	r := &recorder{TB: t}
	CheckPowerShell(r, []Script{{Name: "s.ps1", Values: []string{"x.com"}, Text: "Get-CsPool x.com\n"}})
	assert.Equal(t, []string{`s.ps1:1:12: the topology value "x.com" is outside a single-quoted string literal`}, r.failures)
}

// TestPowerShell7ConstructsRefused proves the check refuses each construct only PowerShell 7
// has, seeded in code, and passes the same text in strings and comments, the Where-Object
// alias ? and a ? in a regular expression literal.
func TestPowerShell7ConstructsRefused(t *testing.T) {
	bad := map[string]string{
		"??":          "$a = $b ?? 'x'\n",
		"??=":         "$a ??= 1\n",
		"?.":          "$a?.Name\n",
		"?[":          "${a}?[0]\n",
		"ternary ? :": "$x = $a ? 1 : 2\n",
		"&&":          "Get-Item 'x' && Write-Host 'y'\n",
		"||":          "Get-Item 'x' || Write-Host 'y'\n",
		"-Parallel":   "1..3 | ForEach-Object -Parallel { $_ }\n",
		"clean {}":    "function f { process { 1 } clean { 2 } }\n",
	}
	var scripts []Script
	for name, text := range bad {
		scripts = append(scripts, Script{Name: name, Text: text})
	}
	scripts = append(scripts, Script{Name: "good", Text: "" +
		"# a ?? b, a?.b, a ? b : c, a && b || c, clean { }\n" +
		"Write-Host 'a ?? b && c || d ?. e ?[ f ? g : h -Parallel clean {}'\n" +
		"Write-Host \"x ?? y\"\n" +
		"Get-ChildItem | ? { $_.Length -gt 0 } | Out-Null\n" +
		"if ($a -and $b -or -not $c) { 'ok' -match '^a?b$' }\n" +
		"$h = @'\n?? && ||\n'@\n"})
	reports, err := ParsePowerShell(scripts)
	require.NoError(t, err)
	for _, r := range reports {
		if r.Name == "good" {
			assert.Empty(t, r.PS7, "good")
			assert.Empty(t, r.Errors, "good")
			continue
		}
		require.NotEmpty(t, r.PS7, r.Name)
		want := r.Name
		if want == "??=" {
			want = "??"
		}
		assert.Equal(t, want, r.PS7[0].Construct, r.Name)
	}
	rec := &recorder{TB: t}
	CheckPowerShell(rec, []Script{{Name: "s.ps1", Text: "$x = $a ?? 1\n"}})
	assert.Contains(t, rec.failures, "s.ps1:1:9: ?? is PowerShell 7 only; the script must run on Windows PowerShell 3.0")
}
