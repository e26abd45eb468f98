package report

import (
	"strings"
	"time"

	"failwright/engine/plan"
	"failwright/engine/runlog"
	"failwright/engine/units"
)

// steps pairs every plan step with its log entry and finds the steps' deviations.
func (ev *evidence) steps() {
	byNumber := map[int]*runlog.Entry{}
	last := 0
	for i := range ev.log.Steps {
		e := &ev.log.Steps[i]
		byNumber[e.Step] = e
		last = max(last, e.Step)
	}
	taken := takenAlternatives(ev.p.Steps, byNumber)
	var cum time.Duration
	for _, st := range ev.p.Steps {
		sr := StepResult{Number: st.Number, ID: st.ID, Title: st.Title, Kind: st.Kind, Alternative: st.Alternative,
			Predicted: st.Duration, Restores: st.ID == RestoringStep && !ev.hasEarlierRestoring(st.Number)}
		if st.Alternative == "" || taken[st.Alternative] == st.Number {
			cum += st.Duration.Std()
			sr.PredictedEnd = dur(cum)
		}
		if e := byNumber[st.Number]; e != nil {
			ev.logged(&sr, st, e)
		} else {
			ev.unlogged(&sr, st, last, taken)
		}
		ev.r.Steps = append(ev.r.Steps, sr)
	}
	ev.notReached()
}

// notReached records the steps the run never reached as one deviation.
func (ev *evidence) notReached() {
	var ns []StepResult
	for _, sr := range ev.r.Steps {
		if sr.Status == StatusNotReached {
			ns = append(ns, sr)
		}
	}
	switch len(ns) {
	case 0:
	case 1:
		ev.add("not-reached", SeverityDeviation, ns[0].Number, "step %d (%s) was not reached: the run ended before it", ns[0].Number, ns[0].ID)
	default:
		ev.add("not-reached", SeverityDeviation, ns[0].Number, "steps %d to %d were not reached: the run ended before them", ns[0].Number, ns[len(ns)-1].Number)
	}
}

// hasEarlierRestoring reports whether a step before n is already the restoring step (a plan
// has one pool failover; the first counts should one ever have two).
func (ev *evidence) hasEarlierRestoring(n int) bool {
	for _, st := range ev.p.Steps[:n-1] {
		if st.ID == RestoringStep {
			return true
		}
	}
	return false
}

// takenAlternatives maps each alternative group to the step that counts for it: the one the
// log shows run (not skipped), or else the group's first.
func takenAlternatives(steps []plan.Step, byNumber map[int]*runlog.Entry) map[string]int {
	taken := map[string]int{}
	for _, st := range steps {
		if st.Alternative == "" {
			continue
		}
		if e := byNumber[st.Number]; e != nil && e.Outcome != runlog.OutcomeSkipped {
			taken[st.Alternative] = st.Number
		} else if _, ok := taken[st.Alternative]; !ok {
			taken[st.Alternative] = -st.Number // the first, until one that ran is found
		}
	}
	for g, n := range taken {
		taken[g] = max(n, -n)
	}
	return taken
}

// logged fills a step the log has and records its deviations.
func (ev *evidence) logged(sr *StepResult, st plan.Step, e *runlog.Entry) {
	start, end := parse(e.Start), parse(e.End)
	sr.Status, sr.Start, sr.End = string(e.Outcome), utc(start), utc(end)
	sr.Achieved, sr.AchievedEnd = dur(end.Sub(start)), dur(end.Sub(ev.start))
	sr.Answers, sr.Shows, sr.Shown, sr.Error = e.Answers, e.Shows, e.Shown, e.Error
	n := st.Number
	switch e.Outcome {
	case runlog.OutcomeFailed:
		ev.add("failed", SeverityFailure, n, "step %d (%s) failed: %s", n, st.ID, orNone(e.Error))
		return
	case runlog.OutcomeStopped:
		ev.add("stopped", SeverityFailure, n, "the operator stopped the plan at step %d (%s)%s", n, st.ID, colon(e.Error))
		return
	case runlog.OutcomeSkipped:
		if st.Alternative != "" {
			ev.add("alternative", SeverityNote, n, "step %d (%s) is an alternative not taken%s", n, st.ID, when(st.When))
		} else {
			ev.add("skipped", SeverityDeviation, n, "step %d (%s) was skipped, though it is not an alternative", n, st.ID)
		}
		return
	}
	if e.Shown != nil && !*e.Shown {
		ev.add("check", SeverityDeviation, n, "step %d (%s): the output did not show %q", n, st.ID, e.Shows)
	}
	took, want := end.Sub(start), st.Duration.Std()
	if st.Kind != plan.KindWait && float64(took) > SlowFactor*float64(want) && took-want >= SlowMinimum {
		ev.add("slow", SeverityDeviation, n, "step %d (%s) took %s; %s was predicted", n, st.ID,
			units.Duration(took.Round(time.Second)), st.Duration)
	}
}

// unlogged fills a step the log lacks: not reached, an alternative not taken, or missing.
func (ev *evidence) unlogged(sr *StepResult, st plan.Step, last int, taken map[string]int) {
	n := st.Number
	switch {
	case st.Alternative != "" && taken[st.Alternative] != n:
		sr.Status = StatusNotTaken
		ev.add("alternative", SeverityNote, n, "step %d (%s) is an alternative not taken%s", n, st.ID, when(st.When))
	case n > last && ev.log.End.Outcome != runlog.OutcomeDone:
		sr.Status = StatusNotReached // notReached records them together
	default:
		sr.Status = StatusMissing
		ev.add("missing", SeverityDeviation, n, "step %d (%s) is not in the log, though the run went past it: there is no record that it ran", n, st.ID)
	}
}

// recovery measures the recovery time on both clocks.
func (ev *evidence) recovery(failedAt time.Time) {
	rec := &ev.r.Recovery
	rec.PredictedFromFailure = ev.p.Prediction.RTO
	rec.FailedAt = utc(failedAt)
	var restoring *StepResult
	for i := range ev.r.Steps {
		if ev.r.Steps[i].Restores {
			restoring = &ev.r.Steps[i]
		}
	}
	if restoring == nil {
		rec.Note = "the plan has no pool failover step, so no recovery time is measured"
		return
	}
	rec.Step = restoring.Number
	if restoring.PredictedEnd != nil {
		rec.Predicted = *restoring.PredictedEnd
	}
	if restoring.Status != string(runlog.OutcomeDone) && restoring.Status != string(runlog.OutcomeRehearsed) {
		rec.Note = "the pool failover (step " + itoa(rec.Step) + ") did not complete (" + restoring.Status + "): service was not restored by this run"
		ev.add("not-restored", SeverityFailure, rec.Step, "%s", rec.Note)
		return
	}
	rec.Decision = restoring.AchievedEnd
	end := parse(ev.log.Steps[indexOf(ev.log.Steps, rec.Step)].End)
	if failedAt.IsZero() {
		rec.Note = "the failure time was not given, so the recovery time from the failure is not measured"
	} else {
		rec.Failure = dur(end.Sub(failedAt))
	}
	if ev.r.Rehearsal {
		rec.Note = strings.TrimPrefix(rec.Note+"; ", "; ") + "a rehearsal: the changes ran with -WhatIf, so this is the time of the rehearsal, not of a recovery"
	}
}

// indexOf is the index in entries of the entry of step n (which exists).
func indexOf(entries []runlog.Entry, n int) int {
	for i, e := range entries {
		if e.Step == n {
			return i
		}
	}
	return 0
}

// policy judges the recovery time and the predicted data-loss window against the targets.
func (ev *evidence) policy(t Targets) {
	r := ev.r
	r.Policy.Targets = t
	r.DataLoss = DataLoss{Predicted: ev.p.Prediction.DataLoss,
		Note: "predicted by the plan's simulation; a run log cannot measure it (it records when steps ran, not which changes reached the backup pool)"}
	if r.Mode == plan.Planned {
		r.DataLoss.Note = "a planned failover loses no data: the Backup Service reaches its final state first (FACTS §4); " + r.DataLoss.Note
	}
	if r.Recovery.Step == 0 {
		return
	}
	achieved := r.Recovery.Decision
	if t.Clock == ClockFailure {
		achieved = r.Recovery.Failure
	}
	if achieved != nil {
		met := *achieved <= t.RTO
		r.Policy.RTOMet = &met
		if !met {
			ev.add("rto", SeverityFailure, r.Recovery.Step, "the recovery time on the %s clock, %s, is over the target of %s", t.Clock, *achieved, t.RTO)
		}
	}
	met := r.DataLoss.Predicted <= t.RPO
	r.Policy.RPOMet = &met
	if !met {
		ev.add("data-loss", SeverityFailure, 0, "the predicted data-loss window, %s, is over the target of %s", r.DataLoss.Predicted, t.RPO)
	}
}

// runDeviations records what concerns the run as a whole: how it ended, drift, a rehearsal.
func (ev *evidence) runDeviations() {
	r := ev.r
	stepSaid := func(kind string) bool {
		for _, d := range r.Deviations {
			if d.Kind == kind && d.Step > 0 {
				return true
			}
		}
		return false
	}
	switch {
	case r.Outcome == runlog.OutcomeFailed && !stepSaid("failed"):
		ev.add("run-failed", SeverityFailure, 0, "the run ended on an error%s", colon(r.RunError))
	case r.Outcome == runlog.OutcomeStopped && !stepSaid("stopped"):
		ev.add("stopped", SeverityFailure, 0, "the operator stopped the run before its end%s", colon(r.RunError))
	}
	if pf := r.Preflight; pf != nil {
		for _, d := range pf.Drift {
			ev.add("drift", SeverityDeviation, 0, "the preflight found drift: the deployment contradicts the plan at %s", d)
		}
		for _, u := range pf.Unchecked {
			ev.add("unchecked", SeverityNote, 0, "the preflight could not read %s", u)
		}
	} else {
		ev.add("unchecked", SeverityNote, 0, "the log has no preflight entry: the plan's assumptions were not checked against the deployment")
	}
	if r.Rehearsal {
		ev.add("rehearsal", SeverityNote, 0, "this run was a rehearsal (-Rehearse): its changes ran with -WhatIf or not at all")
	}
}

// verdictOf weighs the deviations: any failure fails; any deviation passes with deviations.
// The reasons are the failures, then the deviations; notes are not reasons.
func verdictOf(devs []Deviation, rehearsal bool) Verdict {
	v := Verdict{State: StatePassed, Text: "Passed", Reasons: []string{}}
	for _, sev := range []Severity{SeverityFailure, SeverityDeviation} {
		for _, d := range devs {
			if d.Severity == sev {
				v.Reasons = append(v.Reasons, d.Text)
			}
		}
	}
	for _, d := range devs {
		switch {
		case d.Severity == SeverityFailure:
			v.State, v.Text = StateFailed, "Failed"
		case d.Severity == SeverityDeviation && v.State == StatePassed:
			v.State, v.Text = StateDeviations, "Passed with deviations"
		}
	}
	if rehearsal {
		v.Text = "Rehearsal: " + strings.ToLower(v.Text[:1]) + v.Text[1:]
	}
	return v
}

func orNone(s string) string {
	if s == "" {
		return "no error recorded"
	}
	return s
}

func colon(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

func when(s string) string {
	if s == "" {
		return ""
	}
	return " (it applies when " + s + ")"
}

func itoa(n int) string { return units.Thousands(n) }
