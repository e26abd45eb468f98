package ui

import (
	"html"
	"strconv"
	"strings"

	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
)

// The analysis report is written as HTML text here and set with vg-html, rather than as vugu
// markup: vugu compiles every element of a template into Go code, and the report's tables
// would have added more than 100 KB (gzip) to the page's wasm. Its buttons carry their
// failure set in their value; one click handler on the container (ReportClick) reads it.

type htmlBuf struct{ strings.Builder }

func (b *htmlBuf) raw(s ...string) {
	for _, x := range s {
		b.WriteString(x)
	}
}

func (b *htmlBuf) text(s string) { b.WriteString(html.EscapeString(s)) }

// tag writes <name attrs>escaped text</name>.
func (b *htmlBuf) tag(name, attrs, text string) {
	b.raw("<", name)
	if attrs != "" {
		b.raw(" ", attrs)
	}
	b.raw(">")
	b.text(text)
	b.raw("</", name, ">")
}

func attr(name, value string) string { return name + `="` + html.EscapeString(value) + `"` }

// setButton writes a "fail to" button for set, identified by key.
func (b *htmlBuf) setButton(key string, s proto.AnalysisSet) {
	b.raw(`<button type="button" class="link fail-to" `, attr("value", key), " ", attr("title", "Fail the simulator to it: "+strings.Join(s.Setup, "; ")), ">")
	b.text(SetLabel(s))
	b.raw("</button> ")
}

// ReportHTML is the report's upper part: the score, the worst cases and the matrix.
func (a *App) ReportHTML() vugu.HTML {
	r := a.An.Result
	if r == nil {
		return ""
	}
	if a.reportFor == r && a.reportTop != "" {
		return vugu.HTML(a.reportTop)
	}
	var b htmlBuf
	b.raw(`<section class="card" id="analysis-report" `, attr("data-job", Itoa(r.Job)), `><div class="score-row"><div class="score"><span class="fig-label">Resilience score</span>`)
	b.tag("span", `class="score-value" id="analysis-score"`, ScoreText(r.Score))
	b.raw(`<span class="hint">/ 100</span></div><div class="score-text"><p>`)
	b.tag("strong", "", r.Topology)
	b.text(" · " + DepthName(r.Depth) + " · " + thousands(int(r.Sets)) + " failure sets · " + thousands(r.Users) + " users on Front End pools")
	b.raw("</p>")
	b.tag("p", `class="hint"`, r.Elements)
	b.tag("p", `class="hint"`, r.Baseline)
	b.raw(`<p class="hint" id="analysis-definition"><strong>Definition:</strong> `)
	b.text(r.Definition + " (" + KeptText(r.Kept) + ").")
	b.raw("</p></div></div></section>")

	b.raw(`<section class="card" id="analysis-worst"><h2>Worst cases</h2>`)
	for li, l := range r.Levels {
		b.tag("h3", "", DepthName(l.Depth)+": "+thousands(int(l.Sets))+" sets, "+thousands(int(l.SetsUnserved))+" leave users without full service")
		b.raw(`<table class="worst"><thead><tr><th>Figure</th><th>Worst</th><th>Sets</th><th>First failure sets (click one to fail the simulator to it)</th></tr></thead><tbody>`)
		for wi, w := range l.Worst {
			b.raw("<tr ", attr("data-figure", w.Figure), ">")
			b.tag("td", "", FigureName(w.Figure))
			b.tag("td", `class="num"`, w.Value)
			b.tag("td", `class="num"`, thousands(int(w.Count)))
			b.raw("<td>")
			for si, s := range w.Sets {
				b.setButton("level:"+Itoa(li)+":"+Itoa(wi)+":"+Itoa(si), s)
			}
			b.raw("</td></tr>")
		}
		b.raw("</tbody></table>")
	}
	b.raw("</section>")

	v := a.Matrix()
	b.raw(`<section class="card" id="analysis-matrix-card"><h2>Failure pairs</h2>`)
	b.tag("p", `class="hint" id="matrix-caption"`, a.MatrixCaption())
	b.raw(`<div class="matrix-wrap"><svg xmlns="http://www.w3.org/2000/svg" id="analysis-matrix" class="matrix" role="img" aria-label="Matrix of failure pairs coloured by users at risk" `,
		attr("viewBox", "0 0 "+Itoa(v.W)+" "+Itoa(v.H)), " ", attr("width", Itoa(v.W)), " ", attr("height", Itoa(v.H)), " ",
		attr("data-n", Itoa(v.N)), " ", attr("data-cell", Itoa(v.Cell)), " ", attr("data-left", Itoa(v.Left)), " ", attr("data-top", Itoa(v.Top)), " ", attr("data-by", r.Matrix.By), ">")
	for _, p := range v.Paths {
		b.raw(`<path class="cells b`, Itoa(p.Bucket), `" d="`, p.D, `"></path>`)
	}
	for _, l := range v.Labels {
		b.raw(`<text class="mlabel" text-anchor="end" `, attr("x", Itoa(l.X)), " ", attr("y", Itoa(l.Y)))
		if t := l.Transform(); t != "" {
			b.raw(" ", attr("transform", t))
		}
		b.raw(">")
		b.text(l.Text)
		b.raw("</text>")
	}
	b.raw(`</svg><ul class="legend" id="matrix-legend">`)
	for _, l := range a.Legend() {
		b.raw(`<li><span class="swatch b`, Itoa(l.Bucket), `"></span>`)
		b.tag("span", "", l.Text)
		b.raw("</li>")
	}
	b.raw("</ul></div></section>")
	a.reportFor, a.reportTop = r, b.String()
	return vugu.HTML(a.reportTop)
}

// PoolsHTML is the pool table and the findings.
func (a *App) PoolsHTML() vugu.HTML {
	r := a.An.Result
	if r == nil {
		return ""
	}
	var b htmlBuf
	b.raw(`<table class="worst" id="analysis-pool-table"><thead><tr><th>Pool</th><th>Site</th><th>Users</th><th>Backup pool</th><th>Worst cases</th></tr></thead><tbody>`)
	for pi, p := range a.An.Pools {
		b.raw("<tr ", attr("data-pool", p.Pool), ">")
		b.tag("td", "", p.Pool)
		b.tag("td", "", p.Site)
		b.tag("td", `class="num"`, thousands(p.Users))
		partner := p.Partner
		if partner == "" {
			partner = "(none)"
		}
		b.tag("td", "", partner)
		b.raw("<td>")
		if len(p.Worst) == 0 {
			b.tag("span", `class="hint"`, "no failure set makes it worse")
		}
		for wi, w := range p.Worst {
			b.raw(`<div class="pool-worst">`)
			b.tag("span", "", DepthName(w.Depth)+" "+FigureName(w.Figure)+": "+w.Value)
			b.raw(" ")
			for si, s := range w.Sets {
				b.setButton("pool:"+Itoa(pi)+":"+Itoa(wi)+":"+Itoa(si), s)
			}
			b.raw("</div>")
		}
		b.raw("</td></tr>")
	}
	b.raw("</tbody></table>")
	if len(a.An.Pools) < r.PoolsTotal {
		b.tag("p", `class="hint"`, "Showing "+Itoa(len(a.An.Pools))+" of "+Itoa(r.PoolsTotal)+" pools: filter to find one.")
	}
	b.raw(`<section id="analysis-findings"><h2>`)
	b.text("Findings (" + Itoa(r.FindingsTotal) + ")")
	b.raw(`</h2><ul class="findings">`)
	for _, f := range r.Findings {
		b.raw("<li ", attr("class", "msg "+string(f.Severity)), ">")
		b.tag("strong", "", f.Code)
		b.raw(" ")
		b.text(f.Path + ": " + f.Message)
		if f.Fix != "" {
			b.tag("span", `class="fix"`, " Fix: "+f.Fix)
		}
		b.raw("</li>")
	}
	b.raw("</ul>")
	if n := r.FindingsTotal - len(r.Findings); n > 0 {
		b.tag("p", `class="hint"`, Itoa(n)+" more findings: failwright analyze lists them all.")
	}
	b.raw("</section>")
	return vugu.HTML(b.String())
}

// ReportClick handles a click in the report: a "fail to" button (its value names the set) or
// a matrix cell.
func (a *App) ReportClick(event vugu.DOMEvent) {
	if strings.EqualFold(event.PropString("target", "tagName"), "path") {
		a.MatrixClick(event)
		return
	}
	if set, ok := a.setByKey(event.PropString("target", "value")); ok {
		a.FailToSet(set)
	}
}

// setByKey finds the failure set a button's value names: "level:L:W:S" (worst case W of
// level L, set S) or "pool:P:W:S" (pool P of the list shown).
func (a *App) setByKey(key string) (proto.AnalysisSet, bool) {
	r := a.An.Result
	parts := strings.Split(key, ":")
	if r == nil || len(parts) != 4 {
		return proto.AnalysisSet{}, false
	}
	n := make([]int, 3)
	for i := range n {
		v, err := strconv.Atoi(parts[i+1])
		if err != nil || v < 0 {
			return proto.AnalysisSet{}, false
		}
		n[i] = v
	}
	var worst []proto.AnalysisWorst
	switch parts[0] {
	case "level":
		if n[0] < len(r.Levels) {
			worst = r.Levels[n[0]].Worst
		}
	case "pool":
		if n[0] < len(a.An.Pools) {
			worst = a.An.Pools[n[0]].Worst
		}
	}
	if n[1] >= len(worst) || n[2] >= len(worst[n[1]].Sets) {
		return proto.AnalysisSet{}, false
	}
	return worst[n[1]].Sets[n[2]], true
}
