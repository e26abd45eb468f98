package report

import (
	"bytes"
	_ "embed"
	"html/template"
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

//go:embed page.html.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

// tmpl is the page template; every value goes through html/template's escaping.
var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"css": func() template.CSS { return template.CSS(pageCSS) },
}).Parse(pageTemplate))

// HTML renders the page as one self-contained HTML document: inline CSS, no script, no
// external resource. The same page gives the same bytes.
func (p *Page) HTML() []byte {
	var b bytes.Buffer
	if err := tmpl.Execute(&b, p); err != nil {
		// Only a broken template fails, and the tests execute it: a report is never half a page.
		panic("report: rendering the page: " + err.Error())
	}
	return b.Bytes()
}
