package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ScriptCommand is one planned command found in a rendered script.
type ScriptCommand struct {
	// Step is the number of the step it belongs to.
	Step int
	// Verify is true for a verification command, false for the step's own command.
	Verify bool
	// Line is the command as planned, without the script's wrapper (the -WhatIf/-Confirm
	// suffix of a change, the Tee-Object and Out-Host of a read) and marker.
	Line string
}

// Commands extracts the planned commands of a script made by PowerShell: every line that
// ends with a "# fw:step N" or "# fw:verify N" marker, in order, with the wrapper suffix and
// the marker taken off. It is how tests (and a wary operator) check that a script runs
// exactly the plan's commands: parsed back with the shell's parser, each must be the planned
// cmdlet with exactly the planned parameters and values.
func Commands(script []byte) ([]ScriptCommand, error) {
	var out []ScriptCommand
	for i, raw := range strings.Split(string(script), "\n") {
		line := strings.TrimSpace(raw)
		m := markerRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[3])
		if err != nil || n <= 0 || strconv.Itoa(n) != m[3] {
			return nil, fmt.Errorf("line %d: malformed marker %q", i+1, line)
		}
		rest := m[1]
		for _, suffix := range []string{SuffixChange, SuffixShows, SuffixOutput} {
			if s, ok := strings.CutSuffix(rest, suffix); ok {
				rest = s
				break
			}
		}
		out = append(out, ScriptCommand{Step: n, Verify: m[2] == "verify", Line: rest})
	}
	return out, nil
}

// markerRE matches a marked command line: the command, two spaces, "# fw:step N" or
// "# fw:verify N" at the very end.
var markerRE = regexp.MustCompile(`^(.*\S)  # fw:(step|verify) ([0-9]+)$`)
