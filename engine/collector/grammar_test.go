//go:build !js

package collector

import (
	"testing"

	"failwright/internal/testkit"
)

// TestScriptGrammar parses the collector with the independent PowerShell grammar, as every
// runbook is (needs make deps-npm).
func TestScriptGrammar(t *testing.T) {
	testkit.CheckPowerShell(t, []testkit.Script{{Name: "collect.ps1", Text: Script()}})
}
