package runlog

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/samples"
	"failwright/engine/topofile"
)

// samplePlan is the disaster plan of litwareinc.yaml's first pool.
func samplePlan(t testing.TB) *plan.Plan {
	t.Helper()
	data, err := samples.Read("litwareinc.yaml")
	require.NoError(t, err)
	topo, fs := topofile.Decode("litwareinc.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	p, fs := plan.Build(topo, plan.Request{Pool: topo.Pools[0].FQDN, Mode: plan.Disaster})
	require.NotNil(t, p, "%v", fs)
	return p
}

// sampleLog writes a whole log of p: start, preflight, every step done a minute apart, end.
func sampleLog(t testing.TB, p *plan.Plan) [][]byte {
	t.Helper()
	w := NewWriter()
	at := func(m int) string { return fmt.Sprintf("2026-12-06T%02d:%02d:00.000Z", 5+m/60, m%60) }
	var lines [][]byte
	add := func(e Entry) {
		b, err := w.Line(e)
		require.NoError(t, err)
		lines = append(lines, b)
	}
	add(Entry{Kind: KindStart, Time: at(0), Schema: Schema, PlanID: p.ID, Fingerprint: p.Fingerprint,
		Machine: "ATL-FE01", Account: `LITWARE\ops`, Host: "5.1.17763.1"})
	add(Entry{Kind: KindPreflight, Time: at(1)})
	for i, st := range p.Steps {
		add(Entry{Kind: KindStep, Time: at(i + 3), Step: st.Number, StepID: st.ID, Start: at(i + 2), End: at(i + 3),
			Outcome: OutcomeDone, Answers: []string{"Y"}})
	}
	add(Entry{Kind: KindEnd, Time: at(len(p.Steps) + 3), Outcome: OutcomeDone})
	return lines
}

func join(lines [][]byte, eol string) []byte {
	var b bytes.Buffer
	for _, l := range lines {
		b.Write(l)
		b.WriteString(eol)
	}
	return b.Bytes()
}

func TestReadWholeLog(t *testing.T) {
	p := samplePlan(t)
	lines := sampleLog(t, p)
	for _, eol := range []string{"\n", "\r\n"} {
		data := append([]byte("\xef\xbb\xbf"), join(lines, eol)...)
		log, err := Read("run.log", data, p)
		require.NoError(t, err)
		assert.Equal(t, len(p.Steps), len(log.Steps))
		assert.Equal(t, `LITWARE\ops`, log.Start.Account)
		assert.NotNil(t, log.Preflight)
		assert.Equal(t, OutcomeDone, log.End.Outcome)
		assert.Equal(t, len(lines), log.Lines)
	}
}

func TestReadRefuses(t *testing.T) {
	p := samplePlan(t)
	lines := sampleLog(t, p)
	n := len(lines)
	edit := func(i int, from, to string) [][]byte {
		out := append([][]byte(nil), lines...)
		out[i] = []byte(strings.Replace(string(out[i]), from, to, 1))
		return out
	}
	other := *p
	other.ID = "00000000-0000-5000-8000-000000000000"
	tests := []struct {
		name  string
		lines [][]byte
		plan  *plan.Plan
		want  string
	}{
		{"truncated", lines[:n-1], p, fmt.Sprintf("run.log:%d: the log ends without its end entry", n-1)},
		{"line cut in half", append(append([][]byte(nil), lines[:n-1]...), lines[n-1][:20]), p, fmt.Sprintf("run.log:%d:", n)},
		{"edited outcome", edit(3, `"done"`, `"failed"`), p, "run.log:5: prev does not match"},
		{"removed line", append(append([][]byte(nil), lines[:3]...), lines[4:]...), p, "run.log:4: seq is 5"},
		{"other plan", lines, &other, "run.log:1: the log is of plan"},
		{"appended", append(append([][]byte(nil), lines...), lines[2]), p, fmt.Sprintf("run.log:%d: a line after the end entry", n+1)},
		{"unknown field", edit(0, `"seq"`, `"sequence"`), p, "run.log:1: json: unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("run.log", join(tt.lines, "\n"), tt.plan)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func FuzzRead(f *testing.F) {
	p := samplePlan(f)
	f.Add(join(sampleLog(f, p), "\n"))
	f.Add([]byte(`{"seq":1}`))
	f.Add([]byte("\xef\xbb\xbf\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		log, err := Read("fuzz.log", data, p)
		if err == nil {
			require.NotNil(t, log)
			require.Equal(t, p.ID, log.Start.PlanID)
			return
		}
		require.True(t, strings.HasPrefix(err.Error(), "fuzz.log"), "error without a position: %v", err)
	})
}

// TestReadAcceptsAClockStep: a genuine log whose machine clock was corrected back during the
// run (NTP) is read, and the lines where the clock stepped back are named for the report.
func TestReadAcceptsAClockStep(t *testing.T) {
	p := samplePlan(t)
	w := NewWriter()
	var lines [][]byte
	add := func(e Entry) {
		b, err := w.Line(e)
		require.NoError(t, err)
		lines = append(lines, b)
	}
	add(Entry{Kind: KindStart, Time: "2026-12-06T05:00:00.000Z", Schema: Schema, PlanID: p.ID, Fingerprint: p.Fingerprint})
	add(Entry{Kind: KindStep, Time: "2026-12-06T05:10:00.000Z", Step: 1, StepID: p.Steps[0].ID,
		Start: "2026-12-06T05:01:00.000Z", End: "2026-12-06T05:10:00.000Z", Outcome: OutcomeDone})
	// The clock is set back two minutes between the steps, and again inside step 3.
	add(Entry{Kind: KindStep, Time: "2026-12-06T05:09:00.000Z", Step: 2, StepID: p.Steps[1].ID,
		Start: "2026-12-06T05:08:00.000Z", End: "2026-12-06T05:09:00.000Z", Outcome: OutcomeDone})
	add(Entry{Kind: KindStep, Time: "2026-12-06T05:09:30.000Z", Step: 3, StepID: p.Steps[2].ID,
		Start: "2026-12-06T05:09:40.000Z", End: "2026-12-06T05:09:30.000Z", Outcome: OutcomeStopped})
	add(Entry{Kind: KindEnd, Time: "2026-12-06T05:09:31.000Z", Outcome: OutcomeStopped})
	log, err := Read("run.log", join(lines, "\n"), p)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 4}, log.ClockSteps)
}
