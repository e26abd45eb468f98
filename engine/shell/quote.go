package shell

import (
	"strings"
	"unicode/utf8"
)

// QuoteArg returns s as a PowerShell single-quoted literal that parses back to exactly s:
// every single-quote character (including the typographic ones PowerShell also accepts,
// U+2018 to U+201B) is doubled; every other byte is kept as it is.
func QuoteArg(s string) string {
	// Nothing to double without an apostrophe or a byte 0xE2, with which U+2018 to U+201B
	// begin in UTF-8: the common case (FQDNs, site names) costs one concatenation.
	if strings.IndexByte(s, '\'') < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return "'" + s + "'"
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	b.WriteByte('\'')
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if isSingleQuote(r) {
			b.WriteString(s[i : i+w])
		}
		b.WriteString(s[i : i+w])
		i += w
	}
	b.WriteByte('\'')
	return b.String()
}
