package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMinify(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"siblings lose their indentation", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n", "<ul> <li>a</li><li>b</li> </ul>\n"},
		{"a first child stays one space", "<div>\n  <p vg-if='x'>y</p>\n</div>\n", "<div> <p vg-if='x'>y</p> </div>\n"},
		{"spaces on one line stay", "<p><b>a</b> <i>b</i></p>\n", "<p><b>a</b> <i>b</i></p>\n"},
		{"self-closed tags are closing", "<g>\n  <line/>\n  <line/>\n</g>\n", "<g> <line/><line/> </g>\n"},
		{"text is untouched", "<p>\n  some text\n</p>\n", "<p>\n  some text\n</p>\n"},
		{"the script is untouched", "<div></div>\n\n<script type=\"application/x-go\">\nfunc f() {\n\tx := 1 > 0\n}\n</script>\n",
			"<div></div>\n\n<script type=\"application/x-go\">\nfunc f() {\n\tx := 1 > 0\n}\n</script>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, string(Minify([]byte(tc.in)))) })
	}
}

// FuzzMinify checks that minifying never panics, is idempotent, and keeps every non-space
// character in order.
func FuzzMinify(f *testing.F) {
	f.Add("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
	f.Add("<div vg-if='a > b'>\n <p/>\n</div>")
	f.Add("<script type=\"application/x-go\">\n<a>\n <b>\n</script>")
	f.Add(">\n<")
	f.Fuzz(func(t *testing.T, in string) {
		once := string(Minify([]byte(in)))
		assert.Equal(t, once, string(Minify([]byte(once))), "idempotent")
		strip := func(s string) string {
			out := []rune{}
			for _, r := range s {
				if r != ' ' && r != '\n' && r != '\t' && r != '\r' {
					out = append(out, r)
				}
			}
			return string(out)
		}
		assert.Equal(t, strip(in), strip(once), "only whitespace changes")
	})
}
