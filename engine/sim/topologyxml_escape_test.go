package sim

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// FuzzAttrMatchesEncodingXML holds the simulator's XML escaping equal to encoding/xml's
// EscapeText (with the double quote escaped too, as attributes need).
func FuzzAttrMatchesEncodingXML(f *testing.F) {
	for _, s := range []string{"", "plain", `a"b'c&d<e>f`, "tab\there\nnew\rline", "\x00\x01\uFFFE", "\xff\xfe bad", "O\u2019Hare (HQ)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		assert.Equal(t, strings.ReplaceAll(b.String(), `"`, "&#34;"), attr(s))
	})
}
