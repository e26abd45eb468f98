package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = "# topology: x.yaml\n# seed: 7\nPS> Get-A\na1\n\nPS> Get-B\nPS> Get-C\nc1\n"

func TestParseTranscript(t *testing.T) {
	tr := ParseTranscript(sample, "PS> ")
	assert.Equal(t, "# topology: x.yaml\n# seed: 7\n", tr.Header)
	assert.Equal(t, "x.yaml", tr.HeaderValue("topology"))
	assert.Equal(t, "7", tr.HeaderValue("seed"))
	assert.Empty(t, tr.HeaderValue("nothing"))
	assert.Equal(t, []string{"Get-A", "Get-B", "Get-C"}, tr.Commands())
	assert.Equal(t, []Step{{3, "Get-A", "a1\n\n"}, {6, "Get-B", ""}, {7, "Get-C", "c1\n"}}, tr.Steps)
}

// echo answers each command with its name in lower case, Get-B with nothing.
func echo(cmd string) string {
	if cmd == "Get-B" {
		return ""
	}
	return strings.ToLower(strings.TrimPrefix(cmd, "Get-")) + "1\n"
}

func TestReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.txt")
	require.NoError(t, os.WriteFile(path, []byte(sample), 0o644))

	r := &recorder{TB: t}
	ReadTranscript(t, path, "PS> ").Replay(r, Session{Run: echo})
	require.Len(t, r.failures, 1, "Get-A's blank line is missing")
	assert.Contains(t, r.failures[0], "@@ line 2 @@\n  # seed: 7\n  PS> Get-A\n  a1\n- \n  PS> Get-B\n")

	withUpdate(t, func() { ReadTranscript(t, path, "PS> ").Replay(t, Session{Run: echo}) })
	r = &recorder{TB: t}
	ReadTranscript(t, path, "PS> ").Replay(r, Session{Run: echo})
	assert.Empty(t, r.failures, "-update recorded the session")

	n := 0
	withUpdate(t, func() {
		ReadTranscript(t, path, "PS> ").Replay(t, Session{
			Start: func() string { return "hello\n" },
			Run:   func(string) string { n++; return "" },
			End:   func() string { return "bye\n" },
		})
	})
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "hello\nPS> Get-A\nPS> Get-B\nPS> Get-C\nbye\n", string(data), "Start replaces the header; End closes")
	assert.Equal(t, 3, n)
}
