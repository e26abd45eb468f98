package app

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"

	"failwright/engine/shell"
	"failwright/scenarios"
)

// ClassResults are a class's results: the ranking over every drill started, each trainee's
// lines, and the mistakes most trainees made.
type ClassResults struct {
	Title  string       `json:"title"`
	Drills []string     `json:"drills"`
	State  ClassState   `json:"state"`
	Rows   []ResultRow  `json:"rows"`
	Common []MistakeRow `json:"common"`
}

// ResultRow is one trainee's result in one drill, with their rank in the class.
type ResultRow struct {
	Rank int `json:"rank"`
	TraineeProgress
	// Total is the trainee's points over every drill started; the ranking orders by it.
	Total int         `json:"total"`
	Lines []TypedLine `json:"lines"`
}

// MistakeRow is one mistake and how many trainees made it.
type MistakeRow struct {
	// Kind is "error" (a failed command's error ID), "cmdlet" (a cmdlet that failed or cost
	// points) or "deduction" (a scoring rule).
	Kind     string `json:"kind"`
	What     string `json:"what"`
	Trainees int    `json:"trainees"`
	Times    int    `json:"times"`
}

// MaxMistakes is how many common mistakes the results list.
const MaxMistakes = 10

// Results replays every trainee in every drill the class started and ranks them by total
// points, then by less time, then by name.
func (c *Class) Results(title string, drills []*scenarios.Scenario) (*ClassResults, error) {
	res := &ClassResults{Title: title, State: c.State(), Rows: []ResultRow{}, Common: []MistakeRow{}}
	for _, sc := range drills {
		res.Drills = append(res.Drills, sc.Name)
	}
	started := map[int]bool{}
	for _, e := range c.Events {
		if e.Kind == EventStart && e.Drill >= 0 && e.Drill < len(drills) {
			started[e.Drill] = true
		}
	}
	total := map[string]int{}
	time := map[string]int64{}
	tally := newTally()
	for d := range drills {
		if !started[d] {
			continue
		}
		for _, t := range c.Trainees {
			r, err := ReplayTrainee(drills[d], d, t, c.Commands, c.Events)
			if err != nil {
				return nil, err
			}
			total[t.ID] += r.Progress.Points
			time[t.ID] += r.Progress.TimeMs
			tally.add(t.ID, r)
			res.Rows = append(res.Rows, ResultRow{TraineeProgress: r.Progress, Lines: append([]TypedLine{}, r.Lines...)})
		}
	}
	for i := range res.Rows {
		res.Rows[i].Total = total[res.Rows[i].ID]
	}
	sort.SliceStable(res.Rows, func(i, j int) bool {
		a, b := res.Rows[i], res.Rows[j]
		switch {
		case total[a.ID] != total[b.ID]:
			return total[a.ID] > total[b.ID]
		case time[a.ID] != time[b.ID]:
			return time[a.ID] < time[b.ID]
		case a.Name != b.Name:
			return a.Name < b.Name
		case a.ID != b.ID:
			return a.ID < b.ID
		}
		return a.Drill < b.Drill
	})
	rank, prev := 0, ""
	for i := range res.Rows {
		if res.Rows[i].ID != prev {
			rank++
			prev = res.Rows[i].ID
		}
		res.Rows[i].Rank = rank
	}
	res.Common = tally.top(MaxMistakes)
	return res, nil
}

// tally counts mistakes by trainee.
type tally struct {
	who   map[MistakeRow]map[string]bool
	times map[MistakeRow]int
}

func newTally() *tally {
	return &tally{who: map[MistakeRow]map[string]bool{}, times: map[MistakeRow]int{}}
}

func (t *tally) note(kind, what, trainee string) {
	k := MistakeRow{Kind: kind, What: what}
	if t.who[k] == nil {
		t.who[k] = map[string]bool{}
	}
	t.who[k][trainee] = true
	t.times[k]++
}

func (t *tally) add(trainee string, r *TraineeReplay) {
	for _, l := range r.Lines {
		if !l.Failed {
			continue
		}
		if l.ErrorID != "" {
			t.note("error", l.ErrorID, trainee)
		}
		if c := cmdletOf(l.Line); c != "" {
			t.note("cmdlet", c, trainee)
		}
	}
	for _, d := range r.Score.Deductions {
		if d.Rule == "unfinished" {
			continue
		}
		t.note("deduction", d.Rule, trainee)
		if c := cmdletOf(d.Line); c != "" && d.Rule != "error" {
			t.note("cmdlet", c, trainee)
		}
	}
}

// top returns the mistakes most trainees made, then the most frequent, at most n.
func (t *tally) top(n int) []MistakeRow {
	out := make([]MistakeRow, 0, len(t.times))
	for k, times := range t.times {
		k.Trainees, k.Times = len(t.who[k]), times
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Trainees != b.Trainees {
			return a.Trainees > b.Trainees
		}
		if a.Times != b.Times {
			return a.Times > b.Times
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.What < b.What
	})
	return out[:min(n, len(out))]
}

// cmdletOf is the first cmdlet of a line, as the shell parses it, or "".
func cmdletOf(line string) string {
	stmts, err := shell.Parse(line)
	if err != nil || len(stmts) == 0 {
		return ""
	}
	cmd, berr := shell.Bind(stmts[0], "")
	if berr != nil {
		return ""
	}
	return cmd.Cmdlet
}

// CSV renders the results as CSV (RFC 4180: CRLF line ends, quoted where needed), one row per
// trainee, drill and line typed. A cell that a spreadsheet would read as a formula (starting
// with =, +, -, @, a tab or a carriage return) starts with a single quote instead.
func (r *ClassResults) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	row := func(cells ...string) {
		for i, c := range cells {
			cells[i] = CSVCell(c)
		}
		_ = w.Write(cells) // writing to a bytes.Buffer does not fail
	}
	row("rank", "trainee", "total", "drill", "points", "passed", "steps done", "steps", "hints", "commands", "failed", "time (s)", "seq", "clock", "line", "error")
	for _, x := range r.Rows {
		base := []string{strconv.Itoa(x.Rank), x.Name, strconv.Itoa(x.Total), r.drillName(x.Drill), strconv.Itoa(x.Points),
			strconv.FormatBool(x.Passed), strconv.Itoa(x.StepsDone), strconv.Itoa(x.Of), strconv.Itoa(x.Hints),
			strconv.Itoa(x.Commands), strconv.Itoa(x.Failed), seconds(x.TimeMs)}
		if len(x.Lines) == 0 {
			row(append(base, "", "", "", "")...)
		}
		for _, l := range x.Lines {
			row(append(append([]string{}, base...), strconv.FormatInt(l.Seq, 10), l.Clock.Clock(), l.Line, l.ErrorID)...)
		}
	}
	w.Flush()
	return b.Bytes()
}

// CSVCell guards one cell against formula injection: a cell starting with =, +, -, @, a tab
// or a carriage return gets a leading single quote, so that a spreadsheet shows it as text.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func seconds(ms int64) string { return strconv.FormatFloat(float64(ms)/1000, 'f', 1, 64) }

func (r *ClassResults) drillName(d int) string {
	if d >= 0 && d < len(r.Drills) {
		return r.Drills[d]
	}
	return fmt.Sprint(d)
}

// HTML renders the results as one self-contained page (no script, no outside resource) with
// print styles: the ranking, the common mistakes, and each trainee's lines.
func (r *ClassResults) HTML() []byte {
	var b bytes.Buffer
	if err := resultsPage().Execute(&b, r); err != nil {
		panic("app: rendering class results: " + err.Error()) // the template and its data are fixed
	}
	return b.Bytes()
}

// resultsPage parses the page's template on first use, not at package initialisation: the
// Worker starts a fresh runtime for every request, and most never render results.
var resultsPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("results").Funcs(template.FuncMap{
		"drill":   func(r *ClassResults, d int) string { return r.drillName(d) },
		"seconds": seconds,
	}).Parse(resultsHTML))
})

const resultsHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class results: {{.Title}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
code { font: 12px/1.3 ui-monospace, monospace; white-space: pre-wrap; }
.failed { color: #a00; }
section.trainee { break-inside: avoid; }
@media print {
  body { margin: 0; font-size: 11pt; }
  th { background: none; }
  section.trainee { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
}
</style>
</head>
<body>
<h1>Class results: {{.Title}}</h1>
<p>State: {{.State.Status}}. Drills: {{range $i, $d := .Drills}}{{if $i}}; {{end}}{{$d}}{{end}}.</p>
<h2>Ranking</h2>
<table>
<thead><tr><th>Rank</th><th>Trainee</th><th>Total</th><th>Drill</th><th>Points</th><th>Passed</th><th>Steps</th><th>Hints</th><th>Commands</th><th>Failed</th><th>Time (s)</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td class="n">{{.Rank}}</td><td>{{.Name}}</td><td class="n">{{.Total}}</td><td>{{drill $ .Drill}}</td><td class="n">{{.Points}}</td><td>{{if .Passed}}yes{{else}}no{{end}}</td><td class="n">{{.StepsDone}}/{{.Of}}</td><td class="n">{{.Hints}}</td><td class="n">{{.Commands}}</td><td class="n">{{.Failed}}</td><td class="n">{{seconds .TimeMs}}</td></tr>
{{else}}<tr><td colspan="11">No drill was started.</td></tr>
{{end}}</tbody>
</table>
<h2>Common mistakes</h2>
{{if .Common}}<table>
<thead><tr><th>Kind</th><th>Mistake</th><th>Trainees</th><th>Times</th></tr></thead>
<tbody>
{{range .Common}}<tr><td>{{.Kind}}</td><td><code>{{.What}}</code></td><td class="n">{{.Trainees}}</td><td class="n">{{.Times}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>None.</p>{{end}}
<h2>Commands</h2>
{{range .Rows}}<section class="trainee">
<h3>{{.Rank}}. {{.Name}} ({{drill $ .Drill}})</h3>
{{if .Lines}}<table>
<thead><tr><th>Clock</th><th>Line</th><th>Error</th></tr></thead>
<tbody>
{{range .Lines}}<tr{{if .Failed}} class="failed"{{end}}><td>{{.Clock.Clock}}</td><td><code>{{.Line}}</code></td><td>{{.ErrorID}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>No commands.</p>{{end}}
</section>
{{end}}</body>
</html>
`
