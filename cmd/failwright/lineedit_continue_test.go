package main

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
)

// continuationKeys types a statement over n+1 lines: the cmdlet, then n continuation lines.
func continuationKeys(n int) (keys, want string) {
	lines := []string{"Get-SimState `"}
	for range n {
		lines = append(lines, "  `")
	}
	lines = append(lines, "")
	return strings.Join(lines, "\r") + "\r", strings.Join(lines, "\n")
}

// TestReadStatementAssemblesContinuations: a statement of many continuation lines comes back
// whole, within and past shell.MaxLineBytes, and nothing after it is read.
func TestReadStatementAssemblesContinuations(t *testing.T) {
	for _, n := range []int{0, 1, 100, 10000} {
		keys, want := continuationKeys(n)
		ed, out, _ := fakeTerminal(keys + "after\r")
		first, err := ed.readLine("PS> ")
		require.NoError(t, err)
		got, err := ed.readStatement(first, shell.Incomplete)
		require.NoError(t, err)
		assert.Equal(t, want, got, "%d lines", n)
		assert.Equal(t, n+1, strings.Count(out.String(), "\r\n>> "), "one continuation prompt a line")
		next, err := ed.readLine("PS> ")
		require.NoError(t, err)
		assert.Equal(t, "after", next)
	}
}

// TestReadStatementStopsAtTheEndOfInput: Ctrl-D (or the end of input) in a continuation returns
// what was typed with the error.
func TestReadStatementStopsAtTheEndOfInput(t *testing.T) {
	ed, _, _ := fakeTerminal("  -Foo `\r")
	got, err := ed.readStatement("Get-SimState `", shell.Incomplete)
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, "Get-SimState `\n  -Foo `", got)
}

// TestShellLongContinuationIsOneRefusal: 10,000 continuation lines typed at the prompt are one
// statement, refused whole (FW-LINE-TOO-LONG), not thousands of commands; one within the bound
// runs.
func TestShellLongContinuationIsOneRefusal(t *testing.T) {
	for _, tc := range []struct {
		n       int
		errorID string
	}{{100, ""}, {10000, shell.ErrLineTooLong}} {
		s, _ := startShell(shellOptions{file: topologies + "lync2013-pair.yaml", seed: 1}, io.Discard)
		require.NotNil(t, s)
		keys, _ := continuationKeys(tc.n)
		ed, out, _ := fakeTerminal(keys + "exit\r")
		sh := &shellSession{sim: s, out: out, names: s.Names}
		sh.interactive(ed)
		got := out.String()
		assert.Len(t, ed.history, 1, "one statement")
		if tc.errorID == "" {
			assert.NotContains(t, got, "FullyQualifiedErrorId")
			assert.Contains(t, got, "Virtual time")
			continue
		}
		assert.Equal(t, 1, strings.Count(got, "FullyQualifiedErrorId"), "one error record")
		assert.Contains(t, got, "FullyQualifiedErrorId : "+tc.errorID)
	}
}

// BenchmarkContinuationLines measures assembling a statement of 10,000 continuation lines
// (42 seconds before: every line re-parsed all the text before it).
func BenchmarkContinuationLines(b *testing.B) {
	keys, _ := continuationKeys(10000)
	for b.Loop() {
		ed, _, _ := fakeTerminal(keys)
		first, _ := ed.readLine("PS> ")
		if _, err := ed.readStatement(first, shell.Incomplete); err != nil {
			b.Fatal(err)
		}
	}
}
