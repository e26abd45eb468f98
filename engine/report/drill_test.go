package report

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"failwright/internal/testkit"
	"failwright/scenarios/result"
)

// sampleScore is a drill's score as the trainer gives it: one hint, one failed command.
func sampleScore(passed bool) *result.Score {
	min := func(m int) result.Duration { return result.Duration(time.Duration(m) * time.Minute) }
	s := &result.Score{Name: "Planned failover <basics>", File: "training-beginner-planned-failover.yaml", Points: 85, Max: 100,
		Passed: passed, Commands: 3, Hints: 1, StepsDone: 2, Steps: 2,
		Deductions: []result.Deduction{
			{Rule: "hint", Points: 5, Reason: "asked for a hint", Clock: min(2)},
			{Rule: "error", Points: 10, Reason: "the command failed (CmdletNotFound)", Line: "Invoke-CsPoolFailOvr", Clock: min(3)},
		},
		Report: &result.Report{Topology: "Contoso", Fingerprint: "abc123", Clock: min(40),
			Steps: []result.StepReport{
				{Trainee: true, Commands: []result.CommandReport{
					{Line: "Invoke-CsPoolFailOvr", Clock: min(3), Failed: true, ErrorID: "CmdletNotFound"},
					{Line: "Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com", Clock: min(4)}}},
				{Note: "the trainer waits"},
				{Trainee: true, Commands: []result.CommandReport{{Line: "Invoke-CsPoolFailBack -PoolFqdn chi-pool-01.contoso.com", Clock: min(30)}}},
			},
			RTO:      map[string]result.Duration{"chi-pool-01.contoso.com": min(16)},
			DataLoss: map[string]result.Duration{"chi-pool-01.contoso.com": 0},
		}}
	if !passed {
		s.Points, s.StepsDone = 55, 1
	}
	return s
}

var sampleExpected = []ExpectedStep{
	{Prompt: "Fail the pool over.", Goal: "chi-pool-01's users are served by the backup pool", Solution: []string{"Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com"}},
	{Prompt: "Bring them home.", Solution: []string{"Invoke-CsPoolFailBack -PoolFqdn chi-pool-01.contoso.com"}},
}

func TestDrill(t *testing.T) {
	gen := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	r := Drill(DrillInput{Score: sampleScore(true), Expected: sampleExpected, Trainee: "Ana", MaxRTO: 20 * time.Minute, GeneratedAt: gen})
	assert.Equal(t, StateDeviations, r.Verdict.State)
	assert.Equal(t, 1, r.Mistakes, "a hint is not a mistake")
	assert.Len(t, r.Typed, 3)
	assert.Equal(t, 2, r.Typed[2].Step, "the trainer's step between does not count")
	html := r.HTML()
	checkSelfContained(t, html)
	assert.Contains(t, string(html), `<dd id="figure-score">85 / 100</dd>`)
	assert.Contains(t, string(html), "Planned failover &lt;basics&gt;")
	testkit.Golden(t, "testdata/drill-passed.html", html)

	failed := Drill(DrillInput{Score: sampleScore(false), Expected: sampleExpected, GeneratedAt: gen})
	assert.Equal(t, StateFailed, failed.Verdict.State)
	assert.Equal(t, "scored 55; 70 is needed", failed.Verdict.Reasons[0])
	testkit.Golden(t, "testdata/drill-not-passed.html", failed.HTML())
}

func TestDrillWithoutReport(t *testing.T) {
	s := sampleScore(true)
	s.Report, s.Deductions = nil, nil
	r := Drill(DrillInput{Score: s})
	assert.Equal(t, StatePassed, r.Verdict.State)
	assert.Contains(t, string(r.HTML()), "The trainee typed no command.")
}
