package report

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// Page is what every report shows, in the one layout HTML renders: a title, the summary of key
// figures and the verdict (the first page), then sections of text, lists and tables.
type Page struct {
	// Kind is the report's kind: "evidence", "drill" or "review" (the class report-KIND).
	Kind string `json:"kind"`
	// Title and Subtitle head the page.
	Title    string `json:"title"`
	Subtitle string `json:"subtitle,omitempty"`
	// Rehearsal, when set, is the banner that says the run was a rehearsal.
	Rehearsal string `json:"rehearsal,omitempty"`
	// Generated is when the report was made, as written on it; empty leaves it out.
	Generated string `json:"generated,omitempty"`
	// Verdict is the report's conclusion.
	Verdict Verdict `json:"verdict"`
	// Facts are the key figures of the summary.
	Facts []Fact `json:"facts"`
	// Sections follow the summary, in order.
	Sections []Section `json:"sections"`
}

// The states of a verdict, which are also the class verdict-STATE.
const (
	// StatePassed: everything held.
	StatePassed = "passed"
	// StateDeviations: it held, with deviations the reasons list.
	StateDeviations = "deviations"
	// StateFailed: it did not hold.
	StateFailed = "failed"
)

// Verdict is a report's conclusion: a state, a sentence, and the reasons for it.
type Verdict struct {
	// State is StatePassed, StateDeviations or StateFailed.
	State string `json:"state"`
	// Text is the verdict as a heading reads it ("Passed with deviations").
	Text string `json:"text"`
	// Reasons say why, most serious first.
	Reasons []string `json:"reasons"`
}

// Fact is one key figure of the summary; ID names it in the page (fact-ID, figure-ID).
type Fact struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Value string `json:"value"`
	// Note qualifies the value ("predicted; the log cannot measure it").
	Note string `json:"note,omitempty"`
}

// Section is one part of the report after the summary.
type Section struct {
	// ID is the section's id in the page.
	ID    string `json:"id"`
	Title string `json:"title"`
	// Break starts the section on a new printed page.
	Break bool `json:"break,omitempty"`
	// Text is paragraphs before the rest.
	Text []string `json:"text,omitempty"`
	// Items is a bulleted list.
	Items []string `json:"items,omitempty"`
	// Tables follow the list.
	Tables []Table `json:"tables,omitempty"`
	// Empty is what the section says when it has no items and no table rows.
	Empty string `json:"empty,omitempty"`
}

// Table is a table of text cells whose rows never split across printed pages.
type Table struct {
	// ID is the table's id in the page; empty gives none.
	ID      string   `json:"id,omitempty"`
	Caption string   `json:"caption,omitempty"`
	Head    []string `json:"head"`
	Rows    []Row    `json:"rows"`
}

// Row is one table row; Class marks it (row-failed, row-deviation, row-missing) for people,
// and its cells say the same in words, so that the page reads in black and white.
type Row struct {
	Class string   `json:"class,omitempty"`
	Cells []string `json:"cells"`
}

//go:embed page.css
var pageCSS string

// HTML renders the page as one self-contained HTML document: inline CSS, no script, no
// external resource. The same page gives the same bytes. It is written by hand rather than by
// html/template, which would add about half a megabyte to the page's engine worker; every
// value is escaped as html/template escapes text and quoted attributes (escape), and a test
// holds the output to the template it replaced (testdata/page.html.tmpl), byte for byte.
func (p *Page) HTML() []byte {
	w := &pageWriter{}
	w.put("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"failwright\">\n")
	w.put("<title>", p.Title, "</title>\n<style>")
	w.b.WriteString(pageCSS)
	w.put("</style>\n</head>\n<body>\n")
	w.put(`<main id="report" class="report report-`, p.Kind, `" data-kind="`, p.Kind, `" data-verdict="`, p.Verdict.State, "\">\n")
	w.put("<header id=\"title\">\n<h1>", p.Title, "</h1>")
	if p.Subtitle != "" {
		w.put("\n<p class=\"subtitle\">", p.Subtitle, "</p>")
	}
	if p.Generated != "" {
		w.put("\n<p class=\"generated\">Generated ", p.Generated, " by failwright</p>")
	}
	w.put("\n</header>")
	if p.Rehearsal != "" {
		w.put("\n<p id=\"rehearsal\" class=\"banner\">", p.Rehearsal, "</p>")
	}
	w.put(`
<section id="verdict" class="verdict verdict-`, p.Verdict.State, "\">\n<h2>Verdict</h2>\n<p id=\"verdict-text\">", p.Verdict.Text, "</p>")
	w.list(` id="verdict-reasons"`, p.Verdict.Reasons)
	w.put("\n</section>\n<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"facts\">")
	for _, f := range p.Facts {
		w.put(`
<div class="fact" id="fact-`, f.ID, `"><dt>`, f.Label, `</dt><dd id="figure-`, f.ID, `">`, f.Value, "</dd>")
		if f.Note != "" {
			w.put(`<dd class="note">`, f.Note, "</dd>")
		}
		w.put("</div>")
	}
	w.put("\n</dl>\n</section>")
	for i := range p.Sections {
		w.section(&p.Sections[i])
	}
	w.put("\n<footer id=\"footer\"><p>Made by failwright from the inputs named above; the same inputs give the same report.</p></footer>\n</main>\n</body>\n</html>\n")
	return []byte(w.b.String())
}

// section writes one section of the page.
func (w *pageWriter) section(s *Section) {
	brk := ""
	if s.Break {
		brk = " break"
	}
	w.put(`
<section id="`, s.ID, `" class="section`)
	w.b.WriteString(brk)
	w.put("\">\n<h2>", s.Title, "</h2>")
	for _, t := range s.Text {
		w.put("\n<p>", t, "</p>")
	}
	w.list("", s.Items)
	for i := range s.Tables {
		t := &s.Tables[i]
		w.b.WriteString("\n<table")
		if t.ID != "" {
			w.put(` id="`, t.ID, `"`)
		}
		w.b.WriteString(">")
		if t.Caption != "" {
			w.put("\n<caption>", t.Caption, "</caption>")
		}
		w.b.WriteString("\n<thead><tr>")
		for _, h := range t.Head {
			w.put(`<th scope="col">`, h, "</th>")
		}
		w.b.WriteString("</tr></thead>\n<tbody>")
		for _, r := range t.Rows {
			w.b.WriteString("\n<tr")
			if r.Class != "" {
				w.put(` class="`, r.Class, `"`)
			}
			w.b.WriteString(">")
			for _, c := range r.Cells {
				w.put("<td>", c, "</td>")
			}
			w.b.WriteString("</tr>")
		}
		w.b.WriteString("\n</tbody>\n</table>")
	}
	if s.Empty != "" && len(s.Items) == 0 && len(s.Tables) == 0 {
		w.put("\n<p class=\"empty\">", s.Empty, "</p>")
	}
	w.b.WriteString("\n</section>")
}

// list writes a bulleted list with the given attributes, nothing when it is empty.
func (w *pageWriter) list(attrs string, items []string) {
	if len(items) == 0 {
		return
	}
	w.b.WriteString("\n<ul" + attrs + ">")
	for _, it := range items {
		w.put("\n<li>", it, "</li>")
	}
	w.b.WriteString("\n</ul>")
}

// pageWriter writes a page: markup as it is, values escaped.
type pageWriter struct{ b strings.Builder }

// put writes its arguments, markup and values in turn: the first, third, ... are markup
// written as they are, the second, fourth, ... values written escaped.
func (w *pageWriter) put(parts ...string) {
	for i, s := range parts {
		if i%2 == 0 {
			w.b.WriteString(s)
		} else {
			escape(&w.b, s)
		}
	}
}

// escape writes s as html/template escapes a value in text and in a quoted attribute: the
// five HTML specials and '+' as entities, NUL as U+FFFD. Unlike html/template, which passes
// them through, each byte that is not UTF-8 becomes U+FFFD too: the page is always UTF-8.
func escape(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case 0, utf8.RuneError:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
}
