package app

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"sort"
	"strconv"
	"strings"

	"failwright/engine/report"
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
// print styles, engine/report's one printable layout: the ranking, the common mistakes, and
// each trainee's lines.
func (r *ClassResults) HTML() []byte { return r.Page().HTML() }

// Page is the results as a printable report page.
func (r *ClassResults) Page() *report.Page {
	passed := 0
	for _, row := range r.Rows {
		if row.Passed {
			passed++
		}
	}
	v := report.Verdict{State: report.StatePassed, Text: "Every drill started was passed"}
	switch {
	case len(r.Rows) == 0:
		v = report.Verdict{State: report.StateDeviations, Text: "No drill was started"}
	case passed == 0:
		v = report.Verdict{State: report.StateFailed, Text: "No drill started was passed"}
	case passed < len(r.Rows):
		v = report.Verdict{State: report.StateDeviations, Text: fmt.Sprintf("%d of %d drills started were passed", passed, len(r.Rows))}
	}
	return &report.Page{Kind: "class", Title: "Class results: " + r.Title, Verdict: v,
		Facts: []report.Fact{{ID: "state", Label: "State", Value: r.State.Status},
			{ID: "drills", Label: "Drills", Value: strings.Join(r.Drills, "; ")},
			{ID: "results", Label: "Results", Value: strconv.Itoa(len(r.Rows))}},
		Sections: []report.Section{r.rankingSection(), r.mistakesSection(), r.commandsSection()}}
}

func (r *ClassResults) rankingSection() report.Section {
	t := report.Table{ID: "ranking-table", Head: []string{"Rank", "Trainee", "Total", "Drill", "Points", "Passed", "Steps", "Hints", "Commands", "Failed", "Time (s)"}}
	for _, row := range r.Rows {
		yes := "no"
		if row.Passed {
			yes = "yes"
		}
		t.Rows = append(t.Rows, report.Row{Cells: []string{strconv.Itoa(row.Rank), row.Name, strconv.Itoa(row.Total), r.drillName(row.Drill),
			strconv.Itoa(row.Points), yes, strconv.Itoa(row.StepsDone) + "/" + strconv.Itoa(row.Of), strconv.Itoa(row.Hints),
			strconv.Itoa(row.Commands), strconv.Itoa(row.Failed), seconds(row.TimeMs)}})
	}
	s := report.Section{ID: "ranking", Title: "Ranking", Empty: "No drill was started."}
	if len(t.Rows) > 0 {
		s.Tables = []report.Table{t}
	}
	return s
}

func (r *ClassResults) mistakesSection() report.Section {
	s := report.Section{ID: "mistakes", Title: "Common mistakes", Empty: "None."}
	if len(r.Common) == 0 {
		return s
	}
	t := report.Table{ID: "mistakes-table", Head: []string{"Kind", "Mistake", "Trainees", "Times"}}
	for _, m := range r.Common {
		t.Rows = append(t.Rows, report.Row{Cells: []string{m.Kind, m.What, strconv.Itoa(m.Trainees), strconv.Itoa(m.Times)}})
	}
	s.Tables = []report.Table{t}
	return s
}

// commandsSection lists each trainee's lines, one table a trainee, on pages of their own.
func (r *ClassResults) commandsSection() report.Section {
	s := report.Section{ID: "commands", Title: "Commands", Break: true, Empty: "No drill was started."}
	for _, row := range r.Rows {
		t := report.Table{Caption: strconv.Itoa(row.Rank) + ". " + row.Name + " (" + r.drillName(row.Drill) + ")", Head: []string{"Clock", "Line", "Error"}}
		for _, l := range row.Lines {
			class := ""
			if l.Failed {
				class = "row-failed"
			}
			t.Rows = append(t.Rows, report.Row{Class: class, Cells: []string{l.Clock.Clock(), l.Line, l.ErrorID}})
		}
		if len(t.Rows) == 0 {
			t.Rows = []report.Row{{Cells: []string{"", "No commands.", ""}}}
		}
		s.Tables = append(s.Tables, t)
	}
	return s
}
