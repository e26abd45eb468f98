package plan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// validText reports whether s is free text (the topology's name) that the plan may print in a
// script header and a literal: 1 to 128 characters of letters, digits, spaces and . , _ - ( )
// &, without leading or trailing space. Quotes of any kind, backticks, dollar signs,
// semicolons, control and formatting characters and line separators are refused, even though
// the renderers quote the name anyway, so that it can never end a comment or a literal early.
func validText(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 128 || !utf8.ValidString(s) ||
		s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case r == ' ' || strings.ContainsRune(".,_-()&", r):
		default:
			return false
		}
	}
	return true
}
