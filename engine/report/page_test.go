package report

import (
	"bytes"
	"html"
	"html/template"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

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

// templatePage renders pg with the html/template the hand-written HTML replaced
// (testdata/page.html.tmpl), the yardstick of its escaping.
func templatePage(t testing.TB, pg *Page) []byte {
	src, err := os.ReadFile("testdata/page.html.tmpl")
	require.NoError(t, err)
	tm := template.Must(template.New("page").Funcs(template.FuncMap{
		"css": func() template.CSS { return template.CSS(pageCSS) },
	}).Parse(string(src)))
	var b bytes.Buffer
	require.NoError(t, tm.Execute(&b, pg))
	return b.Bytes()
}

// FuzzPageAsTemplate holds Page.HTML to html/template byte for byte, whatever the values.
func FuzzPageAsTemplate(f *testing.F) {
	f.Add("Evidence", "<b>x</b> + y", "step 1 & 2", `ATL\ops "q" 'a'`, true)
	f.Add("", "</style><script>", "\x00\xff\xfe", "{{.}}", false)
	f.Fuzz(func(t *testing.T, title, value, cell, reason string, brk bool) {
		pg := &Page{Kind: "evidence", Title: title, Subtitle: value, Generated: cell, Rehearsal: reason,
			Verdict: Verdict{State: StateFailed, Text: title, Reasons: []string{reason, value}},
			Facts:   []Fact{{ID: cell, Label: title, Value: value, Note: reason}, {ID: "y", Label: "y", Value: ""}},
			Sections: []Section{
				{ID: value, Title: cell, Break: brk, Text: []string{reason}, Items: []string{title},
					Tables: []Table{{ID: reason, Caption: title, Head: []string{cell}, Rows: []Row{{Class: value, Cells: []string{cell, value}}}}}},
				{ID: "e", Title: "empty", Empty: cell},
			}}
		out := pg.HTML()
		require.True(t, utf8.Valid(out), "the page is UTF-8 whatever the values")
		for _, v := range []string{title, value, cell, reason} {
			if !utf8.ValidString(v) {
				return // html/template passes bytes that are not UTF-8 through; HTML replaces them
			}
		}
		require.Equal(t, string(templatePage(t, pg)), string(out))
	})
}

// TestPagesAsTemplate holds every golden page's model to html/template too.
func TestPagesAsTemplate(t *testing.T) {
	pg := &Page{Kind: "review", Title: "T", Verdict: Verdict{State: StatePassed, Text: "Passed"},
		Sections: []Section{{ID: "s", Title: "S", Empty: "nothing"}, {ID: "t", Title: "T", Items: []string{"a"}, Empty: "x"}}}
	assert.Equal(t, string(templatePage(t, pg)), string(pg.HTML()))
}
