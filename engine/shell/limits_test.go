package shell

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseLimits: an input over MaxLineBytes or MaxStatements is refused whole with one
// error; one at the bound parses.
func TestParseLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src, id string
		stmts         int
	}{
		{"at the statement bound", strings.Repeat("a;", MaxStatements), "", MaxStatements},
		{"one statement more", strings.Repeat("a;", MaxStatements+1), ErrTooManyStatements, 0},
		{"newlines count as separators", strings.Repeat("a\n", MaxStatements+1), ErrTooManyStatements, 0},
		{"at the byte bound", "a " + strings.Repeat("x", MaxLineBytes-2), "", 1},
		{"one byte more", "a " + strings.Repeat("x", MaxLineBytes-1), ErrLineTooLong, 0},
		{"4,000 statements", strings.Repeat("Foo-Bar -X 1;", 4000), ErrLineTooLong, 0},
		{"a long continuation", strings.Repeat("Foo `\n", 4000), ErrLineTooLong, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := Parse(tc.src)
			if tc.id == "" {
				require.NoError(t, err)
				assert.Len(t, stmts, tc.stmts)
				return
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.id, pe.ID)
			assert.Nil(t, stmts)
			lines := pe.Console().Format(tc.src)
			assert.Contains(t, lines[len(lines)-1], tc.id)
			for _, l := range lines {
				assert.LessOrEqual(t, utf8.RuneCountInString(l), maxMessage+8, "every line of the record is short")
			}
		})
	}
}

// TestFormatShortensLongLines: a line of at most maxShownLine characters is shown whole (as
// before); a longer one as a window around the error with "..." where text is left out, the
// marker under the error.
func TestFormatShortensLongLines(t *testing.T) {
	long := strings.Repeat("x", 500)
	for _, tc := range []struct {
		name     string
		src      string
		off, end int
		text     string
		marker   string
	}{
		{"short line whole", "Foo-Bar -X 1", 8, 10, "Foo-Bar -X 1", "        ~~"},
		{"at the bound whole", "a " + strings.Repeat("y", maxShownLine-2), 0, 1,
			"a " + strings.Repeat("y", maxShownLine-2), "~"},
		{"error at the start", "Foo " + long, 0, 3, "Foo " + strings.Repeat("x", maxShownLine-4) + " ...", "~~~"},
		{"error at the end", long + " -Bad", 501, 505,
			"... " + strings.Repeat("x", maxShownContext-1) + " -Bad", strings.Repeat(" ", 4+maxShownContext) + "~~~~"},
		{"error in the middle", long + " -Bad " + long, 501, 505,
			"... " + strings.Repeat("x", maxShownContext-1) + " -Bad " + strings.Repeat("x", maxShownLine-maxShownContext-5) + " ...",
			strings.Repeat(" ", 4+maxShownContext) + "~~~~"},
		{"a whole-statement marker is cut at the window", "Foo " + long, 0, 504,
			"Foo " + strings.Repeat("x", maxShownLine-4) + " ...", strings.Repeat("~", maxShownLine)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &Error{Cmdlet: "Foo-Bar", ID: "X", Category: "InvalidArgument", Message: "m", Offset: tc.off, End: tc.end, Positioned: true}
			lines := e.Format(tc.src)
			require.Len(t, lines, 6)
			assert.Equal(t, "+ "+tc.text, lines[2])
			assert.Equal(t, "+ "+tc.marker, lines[3])
		})
	}
}

// TestFormatEscapesFormatCharacters: a bidirectional override or other format character in
// the line or the message is shown as \uXXXX, and the marker stays under the error.
func TestFormatEscapesFormatCharacters(t *testing.T) {
	for _, r := range []rune{'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
		'\u200E', '\u200F', '\u061C', '\u200B', '\u200D', '\uFEFF', '\u00AD'} {
		t.Run(EscapeFormat(string(r)), func(t *testing.T) {
			name := "Foo" + string(r) + "-Bar"
			src := name + " -Bad"
			e := &Error{Cmdlet: name, ID: "X", Category: "InvalidArgument", Message: "bad '" + string(r) + "'",
				Target: string(r), Offset: len(name) + 1, End: len(src), Positioned: true}
			lines := e.Format(src)
			esc := EscapeFormat(string(r))
			require.Len(t, esc, 6)
			for _, l := range lines {
				assert.NotContains(t, l, string(r))
			}
			assert.Equal(t, "Foo"+esc+"-Bar : bad '"+esc+"'", lines[0])
			assert.Equal(t, "+ Foo"+esc+"-Bar -Bad", lines[2])
			assert.Equal(t, "+ "+strings.Repeat(" ", 3+6+5)+"~~~~", lines[3])
			assert.Contains(t, lines[4], "("+esc+":)")
		})
	}
	assert.Equal(t, "plain ASCII é", EscapeFormat("plain ASCII é"), "text without format characters is kept")
}

// TestFormatBoundsMessages: a message quoting a huge argument is cut.
func TestFormatBoundsMessages(t *testing.T) {
	arg := strings.Repeat("z", MaxLineBytes)
	e := &Error{Cmdlet: "Foo-Bar", ID: "X", Category: "InvalidArgument", Message: "bad '" + arg + "'", Target: arg}
	total := 0
	for _, l := range e.Format("Foo-Bar " + arg) {
		total += len(l)
	}
	assert.Less(t, total, 3*maxMessage)
}

// TestParseLineColLinear: statements' lines and columns are those LineCol gives.
func TestParseLineColLinear(t *testing.T) {
	src := "a; b\n  c é; d\n\ne `\n f"
	stmts, err := Parse(src)
	require.NoError(t, err)
	for _, st := range stmts {
		l, c := LineCol(src, st.Offset)
		assert.Equal(t, [2]int{l, c}, [2]int{st.Line, st.Col}, st.Name)
	}
}
