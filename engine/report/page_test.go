package report

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPageEscapesEveryValue(t *testing.T) {
	evil := `<script>alert(1)</script>"'&`
	pg := &Page{Kind: evil, Title: evil, Subtitle: evil, Rehearsal: evil, Generated: evil,
		Verdict:  Verdict{State: evil, Text: evil, Reasons: []string{evil}},
		Facts:    []Fact{{ID: evil, Label: evil, Value: evil, Note: evil}},
		Sections: []Section{{ID: evil, Title: evil, Text: []string{evil}, Items: []string{evil}, Empty: evil, Tables: []Table{{ID: evil, Caption: evil, Head: []string{evil}, Rows: []Row{{Class: evil, Cells: []string{evil}}}}}}}}
	out := string(pg.HTML())
	assert.NotContains(t, out, "<script")
	assert.NotContains(t, out, "</script")
	assert.Contains(t, out, "&lt;script&gt;alert(1)&lt;/script&gt;")
}

// tag matches an HTML tag name after "<" or "</".
var tag = regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9]*)`)

// allowedTags are the only elements a report may hold.
var allowedTags = map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "main": true,
	"header": true, "h1": true, "h2": true, "p": true, "section": true, "ul": true, "li": true, "dl": true, "div": true, "dt": true,
	"dd": true, "table": true, "caption": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "footer": true}

func FuzzPageHTML(f *testing.F) {
	f.Add("Evidence", "<b>x</b>", "step 1 & 2", "ATL\\ops")
	f.Add("", "</style><script>", "\x00\xff", "{{.}}")
	f.Fuzz(func(t *testing.T, title, value, cell, reason string) {
		pg := &Page{Kind: "evidence", Title: title, Verdict: Verdict{State: StateFailed, Text: "Failed", Reasons: []string{reason}},
			Facts:    []Fact{{ID: "x", Label: "x", Value: value}},
			Sections: []Section{{ID: "s", Title: cell, Tables: []Table{{Head: []string{cell}, Rows: []Row{{Cells: []string{cell, value}}}}}}}}
		out := pg.HTML()
		require.Equal(t, out, pg.HTML(), "the same page gives the same bytes")
		body := string(out)
		i := strings.Index(body, "</style>")
		require.Positive(t, i)
		for _, m := range tag.FindAllStringSubmatch(body[i:], -1) {
			require.True(t, allowedTags[strings.ToLower(m[1])], "a value made the tag %q", m[0])
		}
		if !strings.ContainsAny(value, "<>&'\"\x00") && value != "" && strings.ToValidUTF8(value, "") == value {
			assert.Contains(t, body, html.EscapeString(value))
		}
	})
}
