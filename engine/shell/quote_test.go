package shell

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// quoteSlow is QuoteArg rune by rune, without the fast path: every single quote (typographic
// ones too) doubled, every other byte kept, the whole in single quotes.
func quoteSlow(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\'', '\u2018', '\u2019', '\u201A', '\u201B':
			b.WriteString(s[i : i+w])
		}
		b.WriteString(s[i : i+w])
		i += w
	}
	b.WriteByte('\'')
	return b.String()
}

// TestQuoteArgQuotes checks the single quotes QuoteArg doubles, the typographic ones included,
// and what it leaves alone.
func TestQuoteArgQuotes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "''"},
		{"atl-fe-01.litwareinc.com", "'atl-fe-01.litwareinc.com'"},
		{"O'Hare DC", "'O''Hare DC'"},
		{"\u2018a\u2019", "'\u2018\u2018a\u2019\u2019'"},
		{"\u201Ax\u201B", "'\u201A\u201Ax\u201B\u201B'"},
		{"\u201Cdouble\u201D \u2026", "'\u201Cdouble\u201D \u2026'"}, // 0xE2 but no single quote
		{"\"$x`", "'\"$x`'"},
		{"bad\xe2\x80", "'bad\xe2\x80'"}, // a cut quote is not one
	} {
		assert.Equal(t, c.want, QuoteArg(c.in), "%q", c.in)
		assert.Equal(t, c.want, quoteSlow(c.in), "%q", c.in)
	}
}

// FuzzQuoteArgFastPath holds QuoteArg (and its fast path) to the rune-by-rune form.
func FuzzQuoteArgFastPath(f *testing.F) {
	for _, s := range []string{"", "atl-fe-01.litwareinc.com", "O'Hare DC", "O\u2019Hare", "\u201Bx\u201A", "\u2018",
		"caf\u00e9", "\u201C\u2026", "bad\xe2\x80", "\xe2\x80\x98", "\xe2", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, quoteSlow(s), QuoteArg(s))
	})
}
