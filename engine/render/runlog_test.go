//go:build !js

package render

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/runlog"
	"failwright/internal/testkit"
	"failwright/internal/testkit/runbook"
)

// operator is the harness's operator of these tests, on a given day.
func operator() runbook.Operator {
	return runbook.Operator{Machine: "DFW-FE01", Account: `LITWARE\ops`, Host: "5.1.17763.1",
		Start: time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC)}
}

// walk runs the harness over p's runbook and reads the log back against p.
func walk(t *testing.T, p *plan.Plan, op runbook.Operator) *runlog.Log {
	t.Helper()
	ps1, err := PowerShell(p)
	require.NoError(t, err)
	data, err := runbook.Walk(ps1, op)
	require.NoError(t, err)
	log, err := runlog.Read("run.log", data, p)
	require.NoError(t, err, "%s", data)
	return log
}

// firstOf returns the number of the first step of p for which ok holds, 0 when none does.
func firstOf(p *plan.Plan, ok func(plan.Step) bool) int {
	for _, st := range p.Steps {
		if ok(st) {
			return st.Number
		}
	}
	return 0
}

// checkRuns walks p's runbook as a whole run, a rehearsal, a run without confirmations, a run
// stopped at its first change, and a run whose first change fails, and checks each log.
func checkRuns(t *testing.T, p *plan.Plan) {
	whole := walk(t, p, operator())
	assert.Equal(t, runlog.OutcomeDone, whole.End.Outcome)
	require.Len(t, whole.Steps, len(p.Steps), "a whole run logs every step")
	alts := map[string]bool{}
	for i, e := range whole.Steps {
		st := p.Steps[i]
		want := runlog.OutcomeDone
		if st.Alternative != "" && alts[st.Alternative] {
			want = runlog.OutcomeSkipped // the first alternative of the group ran
		}
		if st.Alternative != "" {
			alts[st.Alternative] = true
		}
		assert.Equal(t, want, e.Outcome, "step %d %s", st.Number, st.ID)
		if st.Shows != "" {
			assert.Equal(t, st.Shows, e.Shows)
			require.NotNil(t, e.Shown)
			assert.True(t, *e.Shown)
		}
	}

	op := operator()
	op.Rehearse = true
	rehearsal := walk(t, p, op)
	assert.True(t, rehearsal.Start.Rehearsal)
	for _, e := range rehearsal.Steps {
		assert.Contains(t, []runlog.Outcome{runlog.OutcomeRehearsed, runlog.OutcomeSkipped}, e.Outcome)
	}

	op = operator()
	op.NoConfirm = true
	assert.Equal(t, runlog.OutcomeDone, walk(t, p, op).End.Outcome)

	change := firstOf(p, func(st plan.Step) bool { return st.Kind == plan.KindChange })
	if change == 0 {
		return
	}
	op = operator()
	op.StopAt = change
	stopped := walk(t, p, op)
	assert.Equal(t, runlog.OutcomeStopped, stopped.End.Outcome)
	require.Len(t, stopped.Steps, change)
	assert.Equal(t, runlog.OutcomeStopped, stopped.Steps[change-1].Outcome)
	assert.Equal(t, "N", stopped.Steps[change-1].Answers[len(stopped.Steps[change-1].Answers)-1])

	op = operator()
	op.FailAt = change
	failed := walk(t, p, op)
	assert.Equal(t, runlog.OutcomeFailed, failed.End.Outcome)
	require.Len(t, failed.Steps, change)
	assert.Equal(t, runlog.OutcomeFailed, failed.Steps[change-1].Outcome)
	assert.Equal(t, failed.End.Error, failed.Steps[change-1].Error)
}

// TestRunLogOfEverySample walks the runbook of every plan of every sample topology (as the
// grammar check renders them) with the harness, in every way an operator runs it, and
// verifies each log with runlog.Read.
func TestRunLogOfEverySample(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "topologies", "*.yaml"))
	require.NoError(t, err)
	plans := 0
	for _, f := range files {
		topo := load(t, filepath.Base(f))
		for _, pool := range poolsToCheck(topo, filepath.Base(f)) {
			reqs := []plan.Request{}
			for _, mode := range []plan.Mode{plan.Planned, plan.Disaster} {
				for _, failback := range []bool{false, true} {
					reqs = append(reqs, plan.Request{Pool: pool.FQDN, Mode: mode, Failback: failback})
				}
			}
			for _, to := range topo.Pools {
				reqs = append(reqs, plan.Request{Pool: pool.FQDN, Mode: plan.Migrate, MigrateTo: to.FQDN})
			}
			for _, req := range reqs {
				p, _ := plan.Build(topo, req)
				if p == nil {
					continue
				}
				plans++
				t.Run(fmt.Sprintf("%s/%s/%s/%s/%v", filepath.Base(f), pool.FQDN, req.Mode, req.MigrateTo, req.Failback), func(t *testing.T) {
					checkRuns(t, p)
				})
			}
		}
	}
	require.Greater(t, plans, 20)
}

// TestRunLogAlternatives: the operator declines the first alternative of the CMS failover
// (the principal is on the mirror), so the second runs; with -NoConfirm, the first fails and
// the second runs.
func TestRunLogAlternatives(t *testing.T) {
	_, p := build(t, variants[2]) // disaster-cms-on-pool: two alternatives
	first := firstOf(p, func(st plan.Step) bool { return st.Alternative != "" })
	require.NotZero(t, first)
	op := operator()
	op.Decline = []int{first}
	log := walk(t, p, op)
	assert.Equal(t, runlog.OutcomeSkipped, log.Steps[first-1].Outcome)
	assert.Equal(t, []string{"N"}, log.Steps[first-1].Answers)
	assert.Equal(t, runlog.OutcomeDone, log.Steps[first].Outcome)
	assert.Equal(t, []string{"Y", "Y"}, log.Steps[first].Answers)

	op = operator()
	op.NoConfirm, op.FailAt = true, first
	log = walk(t, p, op)
	assert.Equal(t, runlog.OutcomeFailed, log.Steps[first-1].Outcome)
	assert.Equal(t, "The harness failed step "+itoa(first)+".", log.Steps[first-1].Error)
	assert.Equal(t, runlog.OutcomeDone, log.Steps[first].Outcome)
	assert.Equal(t, runlog.OutcomeDone, log.End.Outcome)

	op = operator()
	op.Drift = true
	log = walk(t, p, op)
	assert.Equal(t, runlog.OutcomeStopped, log.End.Outcome)
	assert.NotEmpty(t, log.Preflight.Drift)
	assert.Empty(t, log.Steps)

	op = operator()
	op.NotShown = firstOf(p, func(st plan.Step) bool { return st.Shows != "" })
	log = walk(t, p, op)
	e := log.Steps[op.NotShown-1]
	assert.False(t, *e.Shown)
	assert.Equal(t, "GO", e.Answers[0])
}

// TestRunLogExample writes the example of docs/plan-format.md: the disaster plan of
// litwareinc.yaml's Atlanta pool (with failback), run whole by the harness, and its plan.
func TestRunLogExample(t *testing.T) {
	_, p := build(t, variants[6])
	js, err := JSON(p)
	require.NoError(t, err)
	ps1, err := PowerShell(p)
	require.NoError(t, err)
	op := operator()
	op.Decline = []int{firstOf(p, func(st plan.Step) bool { return st.Alternative != "" })}
	data, err := runbook.Walk(ps1, op)
	require.NoError(t, err)
	_, err = runlog.Read("example", data, p)
	require.NoError(t, err)
	dir := filepath.Join("..", "..", "docs", "examples")
	testkit.Golden(t, filepath.Join(dir, "litwareinc-disaster.json"), js)
	testkit.Golden(t, filepath.Join(dir, "litwareinc-disaster.runlog.jsonl"), data)
}
