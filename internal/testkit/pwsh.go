//go:build !js

package testkit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Script is a PowerShell script for [CheckPowerShell], with the values taken from a topology
// (names, FQDNs, sites) that it may hold only inside single-quoted string literals.
type Script struct {
	Name   string   `json:"name"`
	Text   string   `json:"text"`
	Values []string `json:"values"`
}

// PowerShellReport is what the independent grammar found in one script.
type PowerShellReport struct {
	Name     string           `json:"name"`
	Errors   []PowerShellSpot `json:"errors"`   // ERROR and MISSING nodes
	Unquoted []PowerShellSpot `json:"unquoted"` // values in code outside a single-quoted literal
	PS7      []PowerShellSpot `json:"ps7"`      // constructs only PowerShell 7 has
}

// PowerShellSpot is a place in a script (line and column from 1, the column in characters)
// and what is there: a syntax error's message, or the value found outside a literal.
type PowerShellSpot struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message,omitempty"`
	Value   string `json:"value,omitempty"`
	// Construct is the PowerShell 7 construct found there (PS7).
	Construct string `json:"construct,omitempty"`
}

// pwshDir is the folder of the grammar's npm packages and check.mjs, from the module root.
const pwshDir = "internal/testkit/pwsh"

// CheckPowerShell parses every script with an independent PowerShell grammar
// (tree-sitter-powershell, under node) and fails t for each syntax error and each value found
// in code outside a single-quoted string literal, and for each construct that only PowerShell 7
// has (failwright's scripts run on Windows PowerShell 3.0 and later: `&&`, `||`, `??`, `?.`,
// `?[`, the ternary operator, -Parallel, clean blocks). Node starts once for all the scripts. It
// fails, and never skips, when node or the grammar's packages are missing (make deps-npm).
func CheckPowerShell(t testing.TB, scripts []Script) {
	t.Helper()
	reports, err := ParsePowerShell(scripts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		for _, e := range r.Errors {
			t.Errorf("%s:%d:%d: %s", r.Name, e.Line, e.Column, e.Message)
		}
		for _, u := range r.Unquoted {
			t.Errorf("%s:%d:%d: the topology value %q is outside a single-quoted string literal", r.Name, u.Line, u.Column, u.Value)
		}
		for _, c := range r.PS7 {
			t.Errorf("%s:%d:%d: %s is PowerShell 7 only; the script must run on Windows PowerShell 3.0", r.Name, c.Line, c.Column, c.Construct)
		}
	}
}

// ParsePowerShell runs the grammar check of [CheckPowerShell] and returns one report per
// script, in order.
func ParsePowerShell(scripts []Script) ([]PowerShellReport, error) {
	dir, err := grammarDir()
	if err != nil {
		return nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("the PowerShell grammar check needs node: %v (install node, then run make deps-npm)", err)
	}
	in, err := json.Marshal(scripts)
	if err != nil {
		return nil, err
	}
	var out, errb bytes.Buffer
	// Liftoff only: V8 otherwise optimises the 1 MB grammar in the background and waits for
	// that at exit, about 10 s of CPU for a check that takes a fraction of a second.
	cmd := exec.Command(node, "--liftoff-only", filepath.Join(dir, "check.mjs"))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s/check.mjs: %v\n%s", pwshDir, err, errb.String())
	}
	var reports []PowerShellReport
	if err := json.Unmarshal(out.Bytes(), &reports); err != nil {
		return nil, fmt.Errorf("%s/check.mjs answered what is not its report: %v", pwshDir, err)
	}
	if len(reports) != len(scripts) {
		return nil, fmt.Errorf("%s/check.mjs answered %d reports for %d scripts", pwshDir, len(reports), len(scripts))
	}
	return reports, nil
}

// grammarDir finds the grammar's folder from the module root above the working directory
// (a test runs in its package's folder) and requires its installed packages.
func grammarDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			dir := filepath.Join(d, filepath.FromSlash(pwshDir))
			if _, err := os.Stat(filepath.Join(dir, "node_modules", "tree-sitter-powershell", "tree-sitter-powershell.wasm")); err != nil {
				return "", fmt.Errorf("the PowerShell grammar is not installed in %s: run make deps-npm", pwshDir)
			}
			return dir, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no go.mod above " + wd + ": the PowerShell grammar check runs inside the failwright module")
		}
	}
}
