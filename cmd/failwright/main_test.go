package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMainUsage: the top-level usage, unknown commands, "help COMMAND" and version, with the
// exit codes every command shares.
func TestMainUsage(t *testing.T) {
	cases := []struct {
		name      string
		args      []string
		code      int
		out, errs string
	}{
		{"no arguments", nil, exitUsage, "Usage: failwright COMMAND", ""},
		{"help", []string{"help"}, exitOK, "Exit codes: 0 success", ""},
		{"help for a command", []string{"help", "plan"}, exitOK, "usage: failwright plan TOPOLOGY", ""},
		{"help for version", []string{"help", "version"}, exitOK, "usage: failwright version", ""},
		{"unknown command", []string{"plot"}, exitUsage, "", `unknown command "plot"`},
		{"version", []string{"version"}, exitOK, "failwright " + version + " (go", ""},
		{"version with an argument", []string{"version", "x"}, exitUsage, "", "usage: failwright version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runMain(c.args, strings.NewReader(""), &out, &errb)
			assert.Equal(t, c.code, code, "stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
			assert.Contains(t, out.String(), c.out)
			assert.Contains(t, errb.String(), c.errs)
		})
	}
}
