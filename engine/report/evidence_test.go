package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/runlog"
	"failwright/engine/samples"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/engine/units"
	"failwright/internal/testkit"
)

// samplePlan is a plan of litwareinc.yaml's first pool.
func samplePlan(t testing.TB, mode plan.Mode) *plan.Plan {
	t.Helper()
	data, err := samples.Read("litwareinc.yaml")
	require.NoError(t, err)
	topo, fs := topofile.Decode("litwareinc.yaml", data)
	require.False(t, fs.HasErrors(), "%v", fs)
	p, fs := plan.Build(topo, plan.Request{Pool: topo.Pools[0].FQDN, Mode: mode})
	require.NotNil(t, p, "%v", fs)
	return p
}

// at is a time of the test runs: minute m after 05:00 UTC on 2026-12-06.
func at(m int) string { return fmt.Sprintf("2026-12-06T%02d:%02d:00.000Z", 5+m/60, m%60) }

// run describes a log to write: per step number, its outcome and minutes (0 means the
// predicted duration rounded up); steps past stopAt are not logged.
type run struct {
	outcomes  map[int]runlog.Outcome
	minutes   map[int]int
	shown     map[int]bool
	stopAt    int
	end       runlog.Outcome
	endErr    string
	rehearsal bool
	drift     []string
	machine   string
	// defaults judges on DefaultTargets instead of the test's policy (an hour, 30 minutes).
	defaults bool
}

// testTargets is the policy the tests judge on unless they ask for the defaults.
var testTargets = Targets{RTO: plan.Duration(time.Hour), RPO: plan.Duration(30 * time.Minute), Clock: ClockDecision,
	Source: "the test's policy"}

// writeLog writes the run log of p that r describes and reads it back.
func writeLog(t testing.TB, p *plan.Plan, r run) *runlog.Log {
	t.Helper()
	w := runlog.NewWriter()
	var data []byte
	add := func(e runlog.Entry) {
		b, err := w.Line(e)
		require.NoError(t, err)
		data = append(append(data, b...), '\n')
	}
	machine := r.machine
	if machine == "" {
		machine = "ATL-FE01"
	}
	add(runlog.Entry{Kind: runlog.KindStart, Time: at(0), Schema: runlog.Schema, PlanID: p.ID, Fingerprint: p.Fingerprint,
		Machine: machine, Account: `LITWARE\ops`, Host: "5.1.17763.1", Rehearsal: r.rehearsal})
	add(runlog.Entry{Kind: runlog.KindPreflight, Time: at(0), Drift: r.drift})
	m := 0
	for _, st := range p.Steps {
		if r.stopAt > 0 && st.Number > r.stopAt {
			break
		}
		out, ok := r.outcomes[st.Number]
		if !ok {
			out = runlog.OutcomeDone
			if r.rehearsal {
				out = runlog.OutcomeRehearsed
			}
		}
		if st.Alternative != "" && st.Number != firstOf(p, st.Alternative) {
			out = runlog.OutcomeSkipped
		}
		d := r.minutes[st.Number]
		if d == 0 && out != runlog.OutcomeSkipped {
			d = int((st.Duration.Std() + time.Minute - 1) / time.Minute)
		}
		e := runlog.Entry{Kind: runlog.KindStep, Time: at(m + d), Step: st.Number, StepID: st.ID, Start: at(m), End: at(m + d), Outcome: out}
		if st.Kind == plan.KindChange && out != runlog.OutcomeSkipped {
			e.Answers = []string{"Y"}
		}
		if st.Shows != "" {
			shown, ok := r.shown[st.Number]
			if !ok {
				shown = true
			}
			e.Shows, e.Shown = st.Shows, &shown
		}
		if out == runlog.OutcomeFailed {
			e.Error = "Invoke-CsPoolFailOver : The operation failed."
		}
		add(e)
		m += d
	}
	end := r.end
	if end == "" {
		end = runlog.OutcomeDone
	}
	add(runlog.Entry{Kind: runlog.KindEnd, Time: at(m), Outcome: end, Error: r.endErr})
	log, err := runlog.Read("run.log", data, p)
	require.NoError(t, err)
	return log
}

// firstOf is the number of the first step of an alternative group.
func firstOf(p *plan.Plan, group string) int {
	for _, st := range p.Steps {
		if st.Alternative == group {
			return st.Number
		}
	}
	return 0
}

func evidenceOf(t testing.TB, p *plan.Plan, r run, failedAt time.Time) *EvidenceReport {
	log := writeLog(t, p, r)
	targets := testTargets
	if r.defaults {
		targets = DefaultTargets(p)
	}
	return Evidence(EvidenceInput{Plan: p, Log: log, PlanFile: "plan.json", LogFile: "run.log", FailedAt: failedAt,
		GeneratedAt: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC), Targets: targets})
}

func stepNumber(p *plan.Plan, id string) int {
	for _, st := range p.Steps {
		if st.ID == id {
			return st.Number
		}
	}
	return 0
}

func TestEvidenceVerdicts(t *testing.T) {
	planned := samplePlan(t, plan.Planned)
	disaster := samplePlan(t, plan.Disaster)
	fo := stepNumber(planned, RestoringStep)
	dfo := stepNumber(disaster, RestoringStep)
	failedAt := time.Date(2026, 12, 6, 4, 50, 0, 0, time.UTC)
	tests := []struct {
		name   string
		p      *plan.Plan
		r      run
		state  string
		reason string
	}{
		{"planned, as predicted", planned, run{}, StatePassed, ""},
		{"a slow step", planned, run{minutes: map[int]int{1: 9}}, StateDeviations, "step 1 (" + planned.Steps[0].ID + ") took 00:09:00; 00:01:00 was predicted"},
		{"a check that did not see", planned, run{shown: map[int]bool{1: false}}, StateDeviations, "the output did not show"},
		{"drift", planned, run{drift: []string{"pools[x].backupPool"}}, StateDeviations, "drift: the deployment contradicts the plan at pools[x].backupPool"},
		{"failover failed", planned, run{outcomes: map[int]runlog.Outcome{fo: runlog.OutcomeFailed}, stopAt: fo, end: runlog.OutcomeFailed}, StateFailed, "did not complete (failed)"},
		{"stopped early", planned, run{stopAt: 2, end: runlog.OutcomeStopped}, StateFailed, "the operator stopped the run"},
		{"disaster over the default target", disaster, run{defaults: true}, StateFailed, "the recovery time on the decision clock"},
		{"rehearsal", planned, run{rehearsal: true}, StatePassed, ""},
		{"skipped step", planned, run{outcomes: map[int]runlog.Outcome{1: runlog.OutcomeSkipped}}, StateDeviations, "was skipped, though it is not an alternative"},
		{"disaster, pool failover slow", disaster, run{minutes: map[int]int{dfo: 60}}, StateFailed, "the recovery time on the decision clock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := evidenceOf(t, tt.p, tt.r, failedAt)
			assert.Equal(t, tt.state, r.Verdict.State, "%v", r.Verdict.Reasons)
			if tt.reason != "" {
				assert.Contains(t, strings.Join(r.Verdict.Reasons, "\n"), tt.reason)
			}
			if r.Recovery.Decision != nil {
				assert.NotNil(t, r.Recovery.Failure, "a failure time gives the failure clock")
			}
		})
	}
}

func TestEvidenceRecoveryTime(t *testing.T) {
	p := samplePlan(t, plan.Planned)
	r := evidenceOf(t, p, run{}, time.Time{})
	fo := stepNumber(p, RestoringStep)
	require.NotZero(t, fo)
	assert.Equal(t, fo, r.Recovery.Step)
	require.NotNil(t, r.Recovery.Decision)
	assert.Equal(t, *r.Steps[fo-1].AchievedEnd, *r.Recovery.Decision, "the decision clock ends with the pool failover")
	assert.Nil(t, r.Recovery.Failure, "no failure time, no failure clock")
	assert.Contains(t, r.Recovery.Note, "the failure time was not given")
	assert.Contains(t, string(r.HTML()), `<dd id="figure-recovery-time-failure">not given</dd>`)
}

func TestEvidenceNotReachedAndAlternatives(t *testing.T) {
	p := samplePlan(t, plan.Disaster)
	r := evidenceOf(t, p, run{stopAt: 3, end: runlog.OutcomeStopped, endErr: "stopped by the operator"}, time.Time{})
	assert.Equal(t, StateFailed, r.Verdict.State)
	assert.Equal(t, StatusNotReached, r.Steps[len(r.Steps)-1].Status)
	assert.Contains(t, strings.Join(r.Verdict.Reasons, "\n"), fmt.Sprintf("steps 4 to %d were not reached", len(p.Steps)))
	full := evidenceOf(t, p, run{}, time.Time{})
	var notes []string
	for _, d := range full.Deviations {
		if d.Kind == "alternative" {
			notes = append(notes, d.Text)
		}
	}
	assert.NotEmpty(t, notes, "the disaster plan has alternatives; those not taken are noted")
	assert.Equal(t, p.Prediction.Total, sumCounted(full), "the predicted timeline counts one step of each alternative group")
}

func sumCounted(r *EvidenceReport) plan.Duration {
	var last plan.Duration
	for _, s := range r.Steps {
		if s.PredictedEnd != nil {
			last = *s.PredictedEnd
		}
	}
	return last
}

func TestEvidenceGolden(t *testing.T) {
	planned := samplePlan(t, plan.Planned)
	disaster := samplePlan(t, plan.Disaster)
	failedAt := time.Date(2026, 12, 6, 4, 52, 0, 0, time.UTC)
	tests := []struct {
		name string
		p    *plan.Plan
		r    run
		at   time.Time
	}{
		{"evidence-planned-passed", planned, run{}, time.Time{}},
		{"evidence-disaster-default-policy", disaster, run{defaults: true}, failedAt},
		{"evidence-disaster-deviations", disaster, run{minutes: map[int]int{1: 9}, shown: map[int]bool{2: false}, drift: []string{"pools[dfw-cs-001.litwareinc.com].backupPool"}}, failedAt},
		{"evidence-stopped", planned, run{stopAt: 3, end: runlog.OutcomeStopped, endErr: "stopped by the operator"}, time.Time{}},
		{"evidence-rehearsal", planned, run{rehearsal: true}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := evidenceOf(t, tt.p, tt.r, tt.at)
			html := r.HTML()
			testkit.Golden(t, "testdata/"+tt.name+".html", html)
			assert.Equal(t, html, evidenceOf(t, tt.p, tt.r, tt.at).HTML(), "the same inputs give the same bytes")
			checkSelfContained(t, html)
		})
	}
}

// checkSelfContained fails when a page reaches outside itself or runs a script.
func checkSelfContained(t *testing.T, html []byte) {
	t.Helper()
	s := strings.ToLower(string(html))
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "http://", "https://"} {
		assert.NotContains(t, s, bad)
	}
	for _, want := range []string{"@media print", "@page", "break-before: page", "break-inside: avoid", `id="summary"`, `id="verdict"`, `id="verdict-text"`} {
		assert.Contains(t, s, want)
	}
	assert.Less(t, strings.Index(s, `id="verdict"`), strings.Index(s, `class="section`), "the verdict comes before the first section")
}

func TestEvidenceEscapesTheLog(t *testing.T) {
	p := samplePlan(t, plan.Planned)
	r := evidenceOf(t, p, run{machine: `<script>alert("x")</script>`}, time.Time{})
	r.Topology = "<b>topo</b>"
	html := string(r.HTML())
	assert.NotContains(t, html, "<script>")
	assert.NotContains(t, html, "<b>topo")
	assert.Contains(t, html, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;")
}

func TestDefaultTargets(t *testing.T) {
	p := samplePlan(t, plan.Planned)
	got := DefaultTargets(p)
	assert.Equal(t, plan.Duration(20*time.Minute), got.RTO, "SfB2015: 15-20 minutes (FACTS §9)")
	assert.Equal(t, plan.Duration(5*time.Minute), got.RPO)
	assert.Equal(t, ClockDecision, got.Clock)
	lync := *p
	lync.Assumptions = []plan.Assumption{{Subject: p.Request.Pool, Fact: plan.FactVersion, Value: "Lync2013"}}
	got = DefaultTargets(&lync)
	assert.Equal(t, plan.Duration(30*time.Minute), got.RTO)
	assert.Equal(t, plan.Duration(30*time.Minute), got.RPO)
	assert.Contains(t, DefaultTargets(&plan.Plan{}).Source, "does not record the pool's version")
}

// TestEvidenceClockStep: a log whose machine clock stepped back is reported with a deviation
// naming the line, not refused and not judged as if its times were exact.
func TestEvidenceClockStep(t *testing.T) {
	p := samplePlan(t, plan.Planned)
	log := writeLog(t, p, run{})
	log.ClockSteps = []int{4}
	r := Evidence(EvidenceInput{Plan: p, Log: log, PlanFile: "plan.json", LogFile: "run.log", Targets: testTargets})
	var texts []string
	for _, d := range r.Deviations {
		if d.Kind == "clock" {
			texts = append(texts, d.Text)
		}
	}
	require.Len(t, texts, 1)
	assert.Contains(t, texts[0], "stepped back at line 4")
	assert.Equal(t, StateDeviations, r.Verdict.State)
}

func TestPolicyTargets(t *testing.T) {
	min := func(m int) units.Duration { return units.Duration(time.Duration(m) * time.Minute) }
	def := topology.PolicyFrom{RTO: topology.PolicyFromDefault, RPO: topology.PolicyFromDefault, Clock: topology.PolicyFromDefault}
	tests := []struct {
		name    string
		pol     topology.Policy
		version topology.Version
		source  string
	}{
		{"all defaults", topology.Policy{RTO: min(20), RPO: min(5), Clock: topology.ClockDecision, From: def}, topology.SfB2019,
			"Microsoft's engineering targets for a Skype for Business Server 2019 pool failover (FACTS §9: 15-20 minutes, taken as 20, and 5 minutes); t.yaml sets no recovery policy for this pool"},
		{"the file's, with a default", topology.Policy{RTO: min(30), RPO: min(5), Clock: topology.ClockDecision,
			From: topology.PolicyFrom{RTO: topology.PolicyFromSite, RPO: topology.PolicyFromTopology, Clock: topology.PolicyFromDefault}}, topology.SfB2015,
			"the recovery policy in t.yaml (RTO 00:30:00: its site's; RPO 00:05:00: the deployment's; decision clock: Microsoft's default); defaults: Microsoft's engineering targets for a Skype for Business Server 2015 pool failover"},
		{"the pool's, whole", topology.Policy{RTO: min(60), RPO: min(30), Clock: topology.ClockFailure,
			From: topology.PolicyFrom{RTO: topology.PolicyFromPool, RPO: topology.PolicyFromPool, Clock: topology.PolicyFromPool}}, topology.Lync2013,
			"the recovery policy in t.yaml (RTO 01:00:00: the pool's; RPO 00:30:00: the pool's; failure clock: the pool's)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PolicyTargets(tt.pol, tt.version, "t.yaml")
			assert.Equal(t, tt.pol.RTO, got.RTO)
			assert.Equal(t, tt.pol.RPO, got.RPO)
			assert.Equal(t, Clock(tt.pol.Clock), got.Clock)
			assert.Equal(t, tt.pol.From, got.From)
			assert.Equal(t, string(tt.version), got.Version)
			assert.Equal(t, "t.yaml", got.Topology)
			assert.True(t, strings.HasPrefix(got.Source, tt.source), got.Source)
		})
	}
}
