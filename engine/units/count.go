package units

import (
	"strconv"
	"strings"
)

// Thousands formats n with comma separators, as failwright writes counts: "38,400",
// "-1,200", "999".
func Thousands[T ~int | ~int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Plural writes n (with thousands separators) and the noun, in the plural unless n is 1:
// "1 user", "0 users", "38,400 users", "2 branches". A noun that ends in s, x, z, ch or sh
// takes "es".
func Plural[T ~int | ~int64](n T, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	suffix := "s"
	for _, end := range []string{"s", "x", "z", "ch", "sh"} {
		if strings.HasSuffix(noun, end) {
			suffix = "es"
			break
		}
	}
	return Thousands(n) + " " + noun + suffix
}
