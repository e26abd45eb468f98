package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/analysis"
	"failwright/engine/plan"
	"failwright/engine/report"
	"failwright/engine/topology"
	"failwright/engine/units"
	"failwright/internal/evidencetest"
)

// planJSON builds litwareinc.yaml's plan for its first pool and returns it with its JSON.
func planJSON(t *testing.T, mode plan.Mode) (*plan.Plan, []byte) {
	t.Helper()
	doc := load(t, samples(t)["litwareinc.yaml"])
	res := app.Plan(doc, app.PlanRequest{Request: plan.Request{Pool: doc.Topology.Pools[0].FQDN, Mode: mode}, Format: app.FormatJSON})
	require.NotNil(t, res.Plan, "%v", res.Findings)
	return res.Plan, res.JSON
}

func TestEvidence(t *testing.T) {
	p, js := planJSON(t, plan.Planned)
	good := evidencetest.Log(p, evidencetest.Options{})
	fo := 0
	for _, st := range p.Steps {
		if st.ID == report.RestoringStep {
			fo = st.Number
		}
	}
	tampered := []byte(strings.Replace(string(good), `"outcome":"done"`, `"outcome":"failed"`, 1))
	tests := []struct {
		name     string
		plan     []byte
		log      []byte
		failedAt time.Time
		status   app.Status
		err      string
	}{
		{"passed, over the default target", js, good, time.Time{}, app.StatusFail, ""},
		{"failed failover", js, evidencetest.Log(p, evidencetest.Options{FailStep: fo}), time.Time{}, app.StatusFail, ""},
		{"plan not JSON", []byte("{\n  \"id\": 3\n}"), good, time.Time{}, app.StatusBadInput, "plan.json:2:"},
		{"tampered log", js, tampered, time.Time{}, app.StatusBadInput, "run.log:4: prev does not match"},
		{"failure after the start", js, good, time.Date(2026, 12, 6, 6, 0, 0, 0, time.UTC), app.StatusBadInput, "after the run started"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := app.Evidence(app.EvidenceRequest{Plan: app.Source{Name: "plan.json", Data: tt.plan}, Log: app.Source{Name: "run.log", Data: tt.log},
				FailedAt: tt.failedAt})
			assert.Equal(t, tt.status, res.Status, "%v", res.Err)
			if tt.err != "" {
				require.Error(t, res.Err)
				assert.Contains(t, res.Err.Error(), tt.err)
				assert.Nil(t, res.HTML, "a bad input gives no report")
				return
			}
			require.NotNil(t, res.Report)
			assert.Contains(t, string(res.HTML), `id="verdict"`)
		})
	}
}

func TestEvidencePassesWithinTheTargets(t *testing.T) {
	p, js := planJSON(t, plan.Planned)
	// Every step in a minute: the pool failover ends well within 20 minutes.
	mins := map[int]int{}
	for _, st := range p.Steps {
		mins[st.Number] = 1
	}
	res := app.Evidence(app.EvidenceRequest{Plan: app.Source{Name: "plan.json", Data: js},
		Log: app.Source{Name: "run.log", Data: evidencetest.Log(p, evidencetest.Options{Minutes: mins})}})
	assert.Equal(t, app.StatusOK, res.Status, "%v %v", res.Err, res.Report.Verdict.Reasons)
	assert.Equal(t, report.DefaultTargets(p), res.Report.Policy.Targets)
}

func TestParseFailedAt(t *testing.T) {
	want := time.Date(2026, 12, 6, 4, 52, 0, 0, time.UTC)
	for _, s := range []string{"2026-12-06T04:52:00Z", "2026-12-06T05:52:00+01:00", "2026-12-06 04:52:00", "2026-12-06 04:52"} {
		got, err := app.ParseFailedAt(s)
		require.NoError(t, err, s)
		assert.True(t, want.Equal(got), s)
	}
	_, err := app.ParseFailedAt("yesterday")
	assert.ErrorContains(t, err, `"yesterday" is not a time`)
}

func TestReviewAndTrainingReport(t *testing.T) {
	doc := load(t, samples(t)["litwareinc.yaml"])
	res := app.Review(app.Analyze(doc, app.AnalyzeRequest{Depth: 1, Workers: 1}), time.Time{})
	require.NotNil(t, res.Review)
	assert.Equal(t, app.StatusFail, res.Status)
	require.True(t, res.Review.PolicyJudged)
	// litwareinc.yaml promises Atlanta 30 minutes; its pool or site failing takes 00:31:05.
	require.Len(t, res.Review.Breaches, 2)
	assert.Equal(t, report.PolicyBreach{Failure: "pool atl-cs-001.litwareinc.com", Pool: "atl-cs-001.litwareinc.com", Figure: "rto",
		Target: "00:30:00", Achieved: "00:31:05", Clock: report.ClockDecision}, res.Review.Breaches[0])
	assert.Contains(t, string(res.HTML), `<dd id="figure-policy">2 breaches</dd>`)
	assert.NotContains(t, string(res.HTML), report.NoPolicyYet[:30])

	d, _, rr := app.StartDrill(app.RunRequest{Scenario: app.Source{Name: "training-beginner-planned-failover.yaml"}, Library: true})
	require.Equal(t, app.StatusOK, rr.Status)
	d.Input("Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com")
	score := d.Finish()
	tr := app.TrainingReport(d.Scenario, score, "Ana", time.Time{})
	assert.Equal(t, score.Points, tr.Points)
	assert.NotEmpty(t, tr.Expected)
	assert.Contains(t, string(tr.HTML()), "Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com")
}

func TestEvidenceTargetsFromTheTopology(t *testing.T) {
	p, js := planJSON(t, plan.Planned)
	lit := samples(t)["litwareinc.yaml"].Data
	mins := map[int]int{}
	for _, st := range p.Steps {
		mins[st.Number] = 1
	}
	log := evidencetest.Log(p, evidencetest.Options{Minutes: mins})
	other := []byte(strings.Replace(string(lit), "users: 20000", "users: 19000", 1))
	tests := []struct {
		name   string
		topo   app.Source
		status app.Status
		rto    string
		from   string
		err    string
	}{
		{"no topology: Microsoft's defaults", app.Source{}, app.StatusOK, "00:20:00", "default", ""},
		{"the site's policy", app.Source{Name: "litwareinc.yaml", Data: lit}, app.StatusOK, "00:30:00", "site", ""},
		{"another topology", app.Source{Name: "other.yaml", Data: other}, app.StatusBadInput, "", "", "other.yaml is not the topology the plan was made from"},
		{"a topology that does not decode", app.Source{Name: "bad.yaml", Data: []byte("sites: [\n")}, app.StatusBadInput, "", "", "does not decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := app.Evidence(app.EvidenceRequest{Plan: app.Source{Name: "plan.json", Data: js}, Log: app.Source{Name: "run.log", Data: log}, Topology: tt.topo})
			assert.Equal(t, tt.status, res.Status, "%v", res.Err)
			if tt.err != "" {
				assert.Equal(t, app.InputTopology, res.Input)
				assert.ErrorContains(t, res.Err, tt.err)
				assert.Nil(t, res.Report)
				return
			}
			got := res.Report.Policy.Targets
			assert.Equal(t, tt.rto, got.RTO.String())
			assert.Equal(t, tt.from, got.From.RTO)
			assert.Equal(t, "SfB2015", got.Version)
			assert.Equal(t, tt.topo.Name, got.Topology)
			if tt.topo.Data != nil {
				assert.Contains(t, got.Source, "the recovery policy in litwareinc.yaml (RTO 00:30:00: its site's; RPO 00:05:00: the deployment's")
			} else {
				assert.Contains(t, got.Source, "no topology was given")
			}
		})
	}
}

func TestPolicyBreaches(t *testing.T) {
	judged, none := app.PolicyBreaches(nil)
	assert.False(t, judged)
	assert.Empty(t, none)
	pol := topology.Policy{RTO: units.Duration(20 * time.Minute), RPO: units.Duration(5 * time.Minute), Clock: topology.ClockFailure}
	judge := func(rto, loss time.Duration, restored bool) topology.Verdict {
		return topology.Judge("p.example.com", pol, topology.RecoveryFigures{FromFailure: rto, FromDecision: rto / 2, DataLoss: loss, Restored: restored})
	}
	r := &analysis.Report{Policy: analysis.PolicyReport{Breaks: []analysis.PolicyBreak{
		{Set: analysis.SetRef{Elements: []string{"pool p.example.com"}}, Verdict: judge(25*time.Minute, time.Minute, true)},
		{Set: analysis.SetRef{Elements: []string{"site A", "server x"}}, Verdict: judge(0, time.Minute, false)},
		{Set: analysis.SetRef{Elements: []string{"pool p.example.com"}}, Verdict: judge(10*time.Minute, 7*time.Minute, true)},
	}}}
	judged, got := app.PolicyBreaches(r)
	assert.True(t, judged)
	assert.Equal(t, []report.PolicyBreach{
		{Failure: "pool p.example.com", Pool: "p.example.com", Figure: "rto", Target: "00:20:00", Achieved: "00:25:00", Clock: report.ClockFailure},
		{Failure: "site A + server x", Pool: "p.example.com", Figure: "rto", Target: "00:20:00", Achieved: "not restored", Clock: report.ClockFailure},
		{Failure: "pool p.example.com", Pool: "p.example.com", Figure: "dataLoss", Target: "00:05:00", Achieved: "00:07:00", Clock: report.ClockFailure},
	}, got)
	judged, got = app.PolicyBreaches(&analysis.Report{})
	assert.True(t, judged, "a policy held is judged too")
	assert.Empty(t, got)
}
