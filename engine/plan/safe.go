package plan

import (
	"unicode"
	"unicode/utf8"
)

// validText reports whether s is free text (the topology's name) that the plan may print: 1
// to 128 characters of valid UTF-8 with no control characters, no invisible formatting
// characters (which can reorder what a reader sees) and no line or paragraph separators, so
// that it stays on one line. Quotes and other punctuation are allowed: the renderers write
// the text only inside single-quoted literals (shell.QuoteArg), and in comments only when it
// is plain (render's safeComment).
func validText(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 128 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
			return false
		}
	}
	return true
}
