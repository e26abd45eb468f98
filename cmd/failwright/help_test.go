package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"failwright/internal/testkit"
)

// escapeSequence is a backslash escape a usage text shows literally when it was written in a
// raw string as if it were an interpreted one (\", \n, \t).
var escapeSequence = regexp.MustCompile(`\\["ntr\\]`)

// TestEveryCommandHelp runs every registered command with -h, --help and as "help COMMAND":
// each exits 0 and prints its usage, the same each way, on standard output only, without the
// flag package's noise or literal backslash escapes. The usage is kept in testdata/help, so a
// new command needs its golden (go test -update) to pass.
func TestEveryCommandHelp(t *testing.T) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			var first string
			for _, args := range [][]string{{name, "-h"}, {name, "--help"}, {name, "-help"}, {"help", name}} {
				var out, errb bytes.Buffer
				code := runMain(args, strings.NewReader(""), &out, &errb)
				assert.Equal(t, exitOK, code, "%v: stderr: %s", args, errb.String())
				assert.Empty(t, errb.String(), "%v writes to standard error", args)
				assert.True(t, strings.HasPrefix(out.String(), "usage: failwright "+name), "%v: %q", args, out.String())
				assert.NotContains(t, out.String(), "flag:", "%v", args)
				assert.NotRegexp(t, escapeSequence, out.String(), "%v shows a literal escape", args)
				if first == "" {
					first = out.String()
				}
				assert.Equal(t, first, out.String(), "%v prints another usage than -h", args)
			}
			testkit.Golden(t, filepath.Join("testdata", "help", name+".txt"), []byte(first))
		})
	}
}
