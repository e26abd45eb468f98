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
	assert.Equal(t, PowerShellReport{Name: "good", Errors: []PowerShellSpot{}, Unquoted: []PowerShellSpot{}}, reports[0])
	assert.NotEmpty(t, reports[1].Errors, "an unterminated string")
	assert.NotEmpty(t, reports[2].Errors, "a missing brace")
	assert.Contains(t, reports[2].Errors, PowerShellSpot{Line: 2, Column: 17, Message: "missing }"})
	assert.Empty(t, reports[3].Errors)
	assert.Equal(t, []PowerShellSpot{{Line: 1, Column: 33, Value: fqdn}, {Line: 2, Column: 18, Value: fqdn}}, reports[3].Unquoted)

	r := &recorder{TB: t}
	CheckPowerShell(r, []Script{{Name: "s.ps1", Values: []string{"x.com"}, Text: "Get-CsPool x.com\n"}})
	assert.Equal(t, []string{`s.ps1:1:12: the topology value "x.com" is outside a single-quoted string literal`}, r.failures)
}
