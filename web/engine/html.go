package engine

import (
	"html"
	"strconv"
	"strings"

	"failwright/engine/units"
	"failwright/web/engine/proto"
)

// The analysis report is written as HTML text here, in the engine worker, and the page sets
// it with vg-html: as vugu markup (or as Go code in the page) the report's tables and matrix
// would have added tens of KB (gzip) to the page's wasm, which is at its budget. Its "fail
// to" buttons carry their failure set's setup lines in their value, one a line, and its name
// as their text; one click handler on the page's container reads them.

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
func (b *htmlBuf) setButton(s AnalysisSet) {
	b.raw(`<button type="button" class="link fail-to" `, attr("value", strings.Join(s.Setup, "\n")), " ", attr("title", "Fail the simulator to it: "+strings.Join(s.Setup, "; ")), ">")
	b.text(strings.Join(s.Names, " + "))
	b.raw("</button> ")
}

// figureNames are the worst-case figures as the report's tables name them.
var figureNames = map[string]string{
	"unserved":     "Users without full service",
	"noDR":         "Users without disaster recovery",
	"load":         "Worst load on a surviving pool",
	"rto":          "Longest recovery time (RTO)",
	"dataLoss":     "Longest data-loss window",
	"cms":          "Central Management store",
	"remoteAccess": "Remote access",
	"atRisk":       "Users at risk",
	"unservedNew":  "Unserved only together (pair effect)",
}

func figureName(f string) string {
	if n, ok := figureNames[f]; ok {
		return n
	}
	return f
}

func depthName(d int) string { return "N-" + strconv.Itoa(d) }

func itoa(n int) string { return strconv.Itoa(n) }

func keptText(kept []float64) string {
	var parts []string
	for i, k := range kept {
		parts = append(parts, "S"+itoa(i+1)+" = "+strconv.FormatFloat(k, 'f', 4, 64))
	}
	return strings.Join(parts, ", ")
}

// scoreWords says what the score means in words, and why a design that loses everyone to
// some pair of failures (a two-site pair losing both sites) cannot score above 66.7 at N-2.
func scoreWords(depth int, kept []float64) string {
	s := "100 means that no single failure"
	if depth > 1 {
		s += " and no pair of failures"
	}
	s += " leaves any user without full service or on a pool beyond its capacity, once failwright's recovery has run. Each point lost is a hundredth of the users the worst case puts at risk"
	if depth > 1 {
		s += "; the worst single failure weighs twice, the worst pair once"
	}
	s += "."
	if depth > 1 && len(kept) > 1 && kept[1] == 0 {
		s += " Here some pair of failures puts every user at risk (a two-site design losing both sites, or both pools of a pair): no recovery can serve anyone after it, so the pair counts 0 and the score cannot exceed 66.7 (2 × 100 + 0, over 3). A design scores above 66.7 at N-2 only with a third place to recover to; compare designs at N-1, where a sound pair scores 100."
	}
	return s
}

// pageView is what the page gets of a finished analysis.
func pageView(v *View) *proto.Analysis {
	m := buildMatrix(v.Matrix)
	cells := make([]int, len(v.Matrix.Cells))
	for k, c := range v.Matrix.Cells {
		cells[k] = c.AtRisk
		if c.I < 0 {
			cells[k] = -1
		}
	}
	return &proto.Analysis{Job: v.Job, Depth: v.Depth, Score: v.Score, HTML: reportHTML(v, m), PoolsHTML: poolsHTML(v),
		PoolsTotal: v.PoolsTotal, Matrix: m.Geometry, Groups: v.Matrix.Groups, Cells: cells, MemoryBytes: v.MemoryBytes, Millis: v.Millis}
}

// reportHTML is the report's upper part: the score, the worst cases and the matrix.
func reportHTML(r *View, v matrixView) string {
	var b htmlBuf
	b.raw(`<section class="card" id="analysis-report" `, attr("data-job", itoa(r.Job)), `><div class="score-row"><div class="score"><span class="fig-label">Resilience score</span>`)
	b.tag("span", `class="score-value" id="analysis-score"`, strconv.FormatFloat(r.Score, 'f', 1, 64))
	b.raw(`<span class="hint">/ 100</span></div><div class="score-text"><p>`)
	b.tag("strong", "", r.Topology)
	b.text(" · " + depthName(r.Depth) + " · " + units.Thousands(int(r.Sets)) + " failure sets · " + units.Thousands(r.Users) + " users on Front End pools")
	b.raw("</p>")
	b.tag("p", `class="hint"`, r.Elements)
	b.tag("p", `class="hint"`, r.Baseline)
	b.tag("p", `id="analysis-meaning"`, scoreWords(r.Depth, r.Kept))
	b.raw(`<p class="hint" id="analysis-definition"><strong>Definition:</strong> `)
	b.text(r.Definition + " (" + keptText(r.Kept) + ").")
	b.raw("</p></div></div></section>")

	b.raw(proto.WorstMarker, `<section class="card" id="analysis-worst"><h2>Worst cases</h2>`)
	for _, l := range r.Levels {
		b.tag("h3", "", depthName(l.Depth)+": "+units.Thousands(int(l.Sets))+" sets, "+units.Thousands(int(l.SetsUnserved))+" leave users without full service")
		b.raw(`<table class="worst"><thead><tr><th>Figure</th><th>Worst</th><th>Sets</th><th>First failure sets (click one to fail the simulator to it)</th></tr></thead><tbody>`)
		for _, w := range l.Worst {
			b.raw("<tr ", attr("data-figure", w.Figure), ">")
			b.tag("td", "", figureName(w.Figure))
			b.tag("td", `class="num"`, w.Value)
			b.tag("td", `class="num"`, units.Thousands(int(w.Count)))
			b.raw("<td>")
			for _, s := range w.Sets {
				b.setButton(s)
			}
			b.raw("</td></tr>")
		}
		b.raw("</tbody></table>")
	}
	b.policyHTML(r.Policy)
	b.raw("</section>")

	b.raw(proto.MatrixMarker, `<section class="card" id="analysis-matrix-card"><h2>Failure pairs</h2>`)
	b.tag("p", `class="hint" id="matrix-caption"`, matrixCaption(r.Matrix.By, r.Depth))
	b.raw(`<div class="matrix-wrap"><svg xmlns="http://www.w3.org/2000/svg" id="analysis-matrix" class="matrix" tabindex="0" role="group" aria-label="Matrix of failure pairs coloured by users at risk: the arrow keys move between cells, Enter fails the simulator to one" `,
		attr("viewBox", "0 0 "+itoa(v.W)+" "+itoa(v.H)), " ", attr("width", itoa(v.W)), " ", attr("height", itoa(v.H)), " ",
		attr("data-n", itoa(v.N)), " ", attr("data-cell", itoa(v.Cell)), " ", attr("data-left", itoa(v.Left)), " ", attr("data-top", itoa(v.Top)), " ", attr("data-by", r.Matrix.By), ">")
	leg := legend(r.Matrix.Scale)
	for _, p := range v.paths {
		// The tooltip of every cell of a colour: what the colour means.
		b.raw(`<path class="cells b`, itoa(p.bucket), `" d="`, p.d, `"><title>`)
		if p.bucket < len(leg) {
			b.text("Users at risk: " + leg[p.bucket] + ". Click to fail the simulator to the cell's worst case.")
		}
		b.raw(`</title></path>`)
	}
	for _, l := range v.labels {
		b.raw(`<text class="mlabel" text-anchor="end" `, attr("x", itoa(l.x)), " ", attr("y", itoa(l.y)))
		if t := l.transform(); t != "" {
			b.raw(" ", attr("transform", t))
		}
		b.raw(">")
		b.text(l.text)
		b.raw("</text>")
	}
	b.raw(`<g id="matrix-cursor"></g></svg><ul class="legend" id="matrix-legend">`)
	for k, l := range legend(r.Matrix.Scale) {
		b.raw(`<li><span class="swatch b`, itoa(k), `"></span>`)
		b.tag("span", "", l)
		b.raw("</li>")
	}
	b.raw("</ul></div></section>")
	return b.String()
}

// poolsHTML is the pool table and the findings.
func poolsHTML(r *View) string {
	var b htmlBuf
	b.raw(`<h2>Pools, worst first</h2><table class="worst" id="analysis-pool-table"><thead><tr><th>Pool</th><th>Site</th><th>Users</th><th>Backup pool</th><th>Worst cases</th></tr></thead><tbody>`)
	for _, p := range r.Pools {
		b.raw("<tr ", attr("data-pool", p.Pool), ">")
		b.tag("td", "", p.Pool)
		b.tag("td", "", p.Site)
		b.tag("td", `class="num"`, units.Thousands(p.Users))
		partner := p.Partner
		if partner == "" {
			partner = "(none)"
		}
		b.tag("td", "", partner)
		b.raw("<td>")
		if len(p.Worst) == 0 {
			b.tag("span", `class="hint"`, "no failure set makes it worse")
		}
		for _, w := range p.Worst {
			b.raw(`<div class="pool-worst">`)
			b.tag("span", "", depthName(w.Depth)+" "+figureName(w.Figure)+": "+w.Value)
			b.raw(" ")
			for _, s := range w.Sets {
				b.setButton(s)
			}
			b.raw("</div>")
		}
		b.raw("</td></tr>")
	}
	b.raw("</tbody></table>")
	if len(r.Pools) < r.PoolsTotal {
		b.tag("p", `class="hint"`, "Showing "+itoa(len(r.Pools))+" of "+itoa(r.PoolsTotal)+" pools: filter to find one.")
	}
	b.raw(`<section id="analysis-findings"><h2>`)
	b.text("Findings (" + itoa(r.FindingsTotal) + ")")
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
		b.tag("p", `class="hint"`, itoa(n)+" more findings: failwright analyze lists them all.")
	}
	b.raw("</section>")
	return b.String()
}
