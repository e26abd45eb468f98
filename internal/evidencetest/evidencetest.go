// Package evidencetest writes run logs for the tests of the evidence report on every surface:
// a plan run step by step, each step taking its predicted duration (rounded up to the minute)
// from 05:00 UTC on 2026-12-06, through runlog.Writer so that runlog.Read accepts the log.
// The runbook harness's example log (internal/testkit) is the real thing; this is a small
// stand-in that tests can bend (a failed step, a stop).
package evidencetest

import (
	"fmt"
	"time"

	"failwright/engine/plan"
	"failwright/engine/runlog"
)

// Options bend the run: FailStep fails that step and ends the run there; Minutes overrides a
// step's duration in minutes.
type Options struct {
	FailStep int
	Minutes  map[int]int
}

// At is minute m of the test runs, as a run log writes times.
func At(m int) string { return fmt.Sprintf("2026-12-06T%02d:%02d:00.000Z", 5+m/60, m%60) }

// Log writes the run log of p that o describes, lines ending in "\n".
func Log(p *plan.Plan, o Options) []byte {
	w := runlog.NewWriter()
	var data []byte
	add := func(e runlog.Entry) {
		b, err := w.Line(e)
		if err != nil {
			panic(err) // an Entry always marshals
		}
		data = append(append(data, b...), '\n')
	}
	add(runlog.Entry{Kind: runlog.KindStart, Time: At(0), Schema: runlog.Schema, PlanID: p.ID, Fingerprint: p.Fingerprint,
		Machine: "ATL-FE01", Account: `LITWARE\ops`, Host: "5.1.17763.1"})
	add(runlog.Entry{Kind: runlog.KindPreflight, Time: At(0)})
	m, end := 0, runlog.OutcomeDone
	taken := map[string]bool{}
	for _, st := range p.Steps {
		out := runlog.OutcomeDone
		if st.Alternative != "" {
			if taken[st.Alternative] {
				out = runlog.OutcomeSkipped
			}
			taken[st.Alternative] = true
		}
		d := o.Minutes[st.Number]
		if d == 0 && out != runlog.OutcomeSkipped {
			d = int((st.Duration.Std() + time.Minute - 1) / time.Minute)
		}
		e := runlog.Entry{Kind: runlog.KindStep, Time: At(m + d), Step: st.Number, StepID: st.ID, Start: At(m), End: At(m + d), Outcome: out}
		if st.Number == o.FailStep {
			e.Outcome, e.Error = runlog.OutcomeFailed, "the command failed"
		}
		add(e)
		m += d
		if st.Number == o.FailStep {
			end = runlog.OutcomeFailed
			break
		}
	}
	add(runlog.Entry{Kind: runlog.KindEnd, Time: At(m), Outcome: end})
	return data
}
