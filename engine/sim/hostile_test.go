package sim

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
)

// hostileLines are inputs that once cost the square of their length in output (every failing
// statement printed the whole line) or echoed text-reordering characters. They are also
// FuzzExec seeds.
var hostileLines = []string{
	strings.Repeat("Foo-Bar -X 1;", 1000),
	strings.Repeat("Foo-Bar -X 1;", 4000),
	strings.Repeat("a;", shell.MaxStatements+1),
	strings.Repeat("Get-CsPool -Identity nope;", 600),
	"Get-CsPool -Identity " + strings.Repeat("x", shell.MaxLineBytes-100),
	strings.Repeat("Invoke-CsPoolFailOver `\n", 2000),
	"Get-CsPool -Identity 'atl\u202Eexe.moc'",
	"Stop-SimServer \u2066evil\u2069; Foo\u202D-Bar",
}

// TestHostileLinesCostLittle: a line of many failing statements prints each error with a
// shortened line, so the output grows with the line, not with its square; an over-limit line is
// one error; format characters are shown escaped.
func TestHostileLinesCostLittle(t *testing.T) {
	for i, line := range hostileLines {
		s, err := New(loadTopology(t, litware), Options{Seed: 1})
		require.NoError(t, err)
		res := s.Exec(line)
		total := 0
		for _, l := range res.Lines {
			total += len(l.Text)
			for _, r := range l.Text {
				require.False(t, shell.IsReorderingFormat(r), "input %d: %q", i, l.Text)
			}
		}
		assert.True(t, res.Failed, "input %d", i)
		assert.Less(t, total, 1<<20, "input %d: output of one line is bounded", i)
		if len(line) > shell.MaxLineBytes {
			assert.Equal(t, shell.ErrLineTooLong, res.ErrorID)
			assert.Less(t, total, 4096, "an over-long line is one short error")
		}
	}
}

// TestExecBoundsOutput: the statements of a line stop once their output passes MaxOutput
// (1,000 Get-CsComputer on 280 pools made 246 MB and took 16 s); a line under it runs whole.
func TestExecBoundsOutput(t *testing.T) {
	large := loadTopology(t, "../../scenarios/topologies/large.yaml")
	for _, tc := range []struct {
		line    string
		errorID string
	}{
		{"Get-CsComputer; Get-CsComputer", ""},
		{strings.Repeat("Get-CsComputer;", 1000), ErrOutputTooLong},
	} {
		s, err := New(large, Options{Seed: 1})
		require.NoError(t, err)
		res := s.Exec(tc.line)
		total := 0
		for _, l := range res.Lines {
			total += len(l.Text)
		}
		assert.Equal(t, tc.errorID, res.ErrorID)
		assert.Less(t, total, MaxOutput+(300<<10))
		if tc.errorID != "" {
			assert.Contains(t, res.Lines[len(res.Lines)-1].Text, "statements were not run")
		}
	}
}

// TestExecEscapesOutput: an argument echoed in ordinary output is escaped too.
func TestExecEscapesOutput(t *testing.T) {
	s, err := New(loadTopology(t, litware), Options{Seed: 1})
	require.NoError(t, err)
	res := s.Exec("Get-CsPool -Identity 'a\u202Eb'")
	joined := ""
	for _, l := range res.Lines {
		joined += l.Text + "\n"
	}
	assert.Contains(t, joined, `a\u202Eb`)
	assert.NotContains(t, joined, "\u202E")
	require.NotNil(t, res.Err)
	assert.Contains(t, res.Err.Error(), `a\u202Eb`, "the error value reads as the console line")
}
