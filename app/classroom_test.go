package app_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
)

const expertDrill = "training-expert-site-loss.yaml"

// expertSolution is the model answer of the expert site-loss drill.
var expertSolution = []string{
	"Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force",
	"Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com",
	"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode",
}

// newClass builds a class of the expert drill whose trainees typed the lines given, one
// command per line in order, after a start event; extra events follow at their seq.
func newClass(t *testing.T, typed map[string][]string, events ...app.ClassEvent) *app.Class {
	t.Helper()
	src, err := app.LibraryDrill(expertDrill)
	require.NoError(t, err)
	c := &app.Class{Drills: []app.Source{src}, Events: []app.ClassEvent{{Seq: 1, Kind: app.EventStart, Drill: 0, At: 1000}}}
	c.Events = append(c.Events, events...)
	seq := int64(10)
	for _, name := range []string{"ann", "bob", "cyd"} {
		lines, ok := typed[name]
		if !ok {
			continue
		}
		c.Trainees = append(c.Trainees, app.ClassTrainee{ID: "id-" + name, Name: name})
		for i, l := range lines {
			c.Commands = append(c.Commands, app.ClassCommand{Seq: seq, Trainee: "id-" + name, Drill: 0, At: 1000 + int64(i+1)*60_000, Line: l})
			seq += 10
		}
	}
	return c
}

func TestClassBoard(t *testing.T) {
	tests := []struct {
		name      string
		typed     []string
		events    []app.ClassEvent
		step      int
		stepsDone int
		points    int
		hints     int
		failed    int
		finished  bool
		timeMs    int64
	}{
		{name: "nothing typed", typed: nil, step: 1, points: 20},
		{name: "model answer", typed: expertSolution, stepsDone: 1, points: 100, finished: true, timeMs: 180_000},
		{name: "a hint and a wrong pool", typed: []string{"hint", "Invoke-CsPoolFailOver -PoolFqdn dfw-cs-001.litwareinc.com"}, step: 1, hints: 1, failed: 1, timeMs: 120_000},
		{name: "paused a minute", typed: expertSolution,
			events:    []app.ClassEvent{{Seq: 12, Kind: app.EventPause, At: 70_000}, {Seq: 13, Kind: app.EventResume, At: 130_000}},
			stepsDone: 1, points: 100, finished: true, timeMs: 120_000},
		{name: "ended before the rest", typed: expertSolution,
			events: []app.ClassEvent{{Seq: 15, Kind: app.EventEnd, At: 90_000}}, step: 1, points: 35, timeMs: 60_000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			typed := map[string][]string{"ann": tc.typed}
			c := newClass(t, typed, tc.events...)
			drills, err := c.LoadDrills(nil)
			require.NoError(t, err)
			b, err := c.Board(drills)
			require.NoError(t, err)
			require.Len(t, b.Trainees, 1)
			p := b.Trainees[0]
			assert.Equal(t, tc.step, p.Step, "step")
			assert.Equal(t, tc.stepsDone, p.StepsDone, "steps done")
			assert.Equal(t, tc.hints, p.Hints, "hints")
			assert.Equal(t, tc.failed, p.Failed, "failed")
			assert.Equal(t, tc.finished, p.Finished, "finished")
			if tc.points != 0 {
				assert.Equal(t, tc.points, p.Points, "points")
			}
			if tc.typed != nil {
				assert.Equal(t, tc.timeMs, p.TimeMs, "time")
			}
			assert.LessOrEqual(t, len(p.Last), app.LastCommands)
		})
	}
}

func TestClassInjectReachesEveryTrainee(t *testing.T) {
	// Both typed the first command; then the trainer cuts the WAN link between the sites; the
	// replay plays it between their commands, at its place.
	first := expertSolution[:1]
	inject := app.ClassEvent{Seq: 25, Kind: app.EventInject, Verb: "Stop-SimSite -Site Dallas", At: 100_000}
	with := newClass(t, map[string][]string{"ann": expertSolution, "bob": first}, inject)
	without := newClass(t, map[string][]string{"ann": expertSolution, "bob": first})
	drills, err := with.LoadDrills(nil)
	require.NoError(t, err)
	bw, err := with.Board(drills)
	require.NoError(t, err)
	bo, err := without.Board(drills)
	require.NoError(t, err)
	// With Dallas gone too, ann's failover to Dallas cannot complete the step.
	assert.True(t, bo.Trainees[0].Finished)
	assert.False(t, bw.Trainees[0].Finished)
	assert.Greater(t, bw.Trainees[0].Failed, bo.Trainees[0].Failed)
}

func TestClassState(t *testing.T) {
	tests := []struct {
		name    string
		events  []app.ClassEvent
		status  string
		cmdErr  error
		next    app.ClassEvent
		nextErr string
	}{
		{name: "new", status: app.ClassWaiting, cmdErr: app.ErrClassNotStarted,
			next: app.ClassEvent{Kind: app.EventPause}, nextErr: "not started"},
		{name: "start a drill that is not there", status: app.ClassWaiting, cmdErr: app.ErrClassNotStarted,
			next: app.ClassEvent{Kind: app.EventStart, Drill: 3}, nextErr: "no such drill"},
		{name: "running", events: []app.ClassEvent{{Seq: 1, Kind: app.EventStart}}, status: app.ClassRunning,
			next: app.ClassEvent{Kind: app.EventInject, Verb: "Disconnect-SimSite -Site Atlanta -To Dallas"}},
		{name: "a wait is no fault", events: []app.ClassEvent{{Seq: 1, Kind: app.EventStart}}, status: app.ClassRunning,
			next: app.ClassEvent{Kind: app.EventInject, Verb: "Wait-SimTime -Minutes 5"}, nextErr: "simulator verb"},
		{name: "a cmdlet is no fault", events: []app.ClassEvent{{Seq: 1, Kind: app.EventStart}}, status: app.ClassRunning,
			next: app.ClassEvent{Kind: app.EventInject, Verb: "Get-CsPool"}, nextErr: "not a simulator verb"},
		{name: "unknown kind", events: []app.ClassEvent{{Seq: 1, Kind: app.EventStart}}, status: app.ClassRunning,
			next: app.ClassEvent{Kind: "explode"}, nextErr: "unknown class event"},
		{name: "paused", events: []app.ClassEvent{{Seq: 2, Kind: app.EventPause}, {Seq: 1, Kind: app.EventStart}}, status: app.ClassPaused,
			cmdErr: app.ErrClassPaused, next: app.ClassEvent{Kind: app.EventResume}},
		{name: "ended", events: []app.ClassEvent{{Seq: 1, Kind: app.EventStart}, {Seq: 2, Kind: app.EventEnd}, {Seq: 3, Kind: app.EventStart}},
			status: app.ClassEnded, cmdErr: app.ErrClassEnded, next: app.ClassEvent{Kind: app.EventStart}, nextErr: "ended"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &app.Class{Events: tc.events}
			st := c.State()
			assert.Equal(t, tc.status, st.Status)
			assert.ErrorIs(t, st.CheckCommand(), tc.cmdErr)
			err := st.CheckEvent(tc.next, 1)
			if tc.nextErr == "" {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.nextErr)
			}
		})
	}
}

func TestClassResults(t *testing.T) {
	c := newClass(t, map[string][]string{
		"ann": expertSolution,
		"bob": {"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode", "=HYPERLINK(\"x\")"},
		"cyd": {"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode", "hint"},
	})
	drills, err := c.LoadDrills(nil)
	require.NoError(t, err)
	res, err := c.Results("Tuesday <class>", drills)
	require.NoError(t, err)
	require.Len(t, res.Rows, 3)
	assert.Equal(t, "ann", res.Rows[0].Name)
	assert.Equal(t, 1, res.Rows[0].Rank)
	assert.Equal(t, []int{1, 2, 3}, []int{res.Rows[0].Rank, res.Rows[1].Rank, res.Rows[2].Rank})
	require.NotEmpty(t, res.Common)
	assert.Equal(t, 2, res.Common[0].Trainees, "bob and cyd both failed the pool failover first: %+v", res.Common)

	page := string(res.HTML())
	assert.Contains(t, page, "Tuesday &lt;class&gt;")
	assert.Contains(t, page, "@media print")
	assert.NotContains(t, page, "<script")
	assert.NotContains(t, page, "src=")

	rows, err := csv.NewReader(strings.NewReader(string(res.CSV()))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, "rank", rows[0][0])
	assert.True(t, strings.HasSuffix(string(res.CSV()), "\r\n"))
	var injected bool
	for _, r := range rows[1:] {
		for _, cell := range r {
			if cell != "" {
				assert.NotContains(t, "=+-@", cell[:1], "a cell starts with a formula character: %q", cell)
			}
		}
		injected = injected || r[14] == "'=HYPERLINK(\"x\")"
	}
	assert.True(t, injected, "the formula line is kept, quoted")
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"plain", "plain"}, {"=1+1", "'=1+1"}, {"+1", "'+1"}, {"-Force", "'-Force"},
		{"@SUM(A1)", "'@SUM(A1)"}, {"\tx", "'\tx"}, {"a=b", "a=b"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, app.CSVCell(tc.in), tc.in)
	}
}

func TestLoadDrillsRefusesNonTraining(t *testing.T) {
	src, err := app.LibraryDrill("site-loss.yaml")
	require.NoError(t, err)
	_, err = (&app.Class{Drills: []app.Source{src}}).LoadDrills(nil)
	require.ErrorIs(t, err, app.ErrNotTraining)
	_, err = app.LibraryDrill("nothing.yaml")
	require.Error(t, err)
}
