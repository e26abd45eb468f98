package report

import (
	"strconv"
	"strings"

	"failwright/engine/plan"
	"failwright/engine/units"
)

// notGiven is what the report says of a figure it could not measure.
const notGiven = "not measured"

// HTML renders the report as its printable page.
func (r *EvidenceReport) HTML() []byte { return r.Page().HTML() }

// Page lays the report out: the verdict and the key figures first, then the policy, the steps,
// the deviations, the run and how the figures are measured.
func (r *EvidenceReport) Page() *Page {
	title := "Evidence of a run: " + r.Title
	pg := &Page{Kind: "evidence", Title: title, Subtitle: "Topology " + r.Topology + ", plan " + r.PlanID,
		Generated: r.Generated, Verdict: r.Verdict}
	if r.Rehearsal {
		pg.Title = "Evidence of a rehearsal: " + r.Title
		pg.Rehearsal = "REHEARSAL: this run was a rehearsal (-Rehearse). Its changes ran with -WhatIf or not at all; " +
			"its times show the procedure, not a recovery."
	}
	pg.Facts = r.facts()
	pg.Sections = []Section{r.policySection(), r.stepsSection(), r.deviationsSection(), r.runSection(), methodSection()}
	return pg
}

// facts are the summary's key figures.
func (r *EvidenceReport) facts() []Fact {
	rec := r.Recovery
	decision := Fact{ID: "recovery-time", Label: "Recovery time, decision clock (from the run's start)", Value: optDur(rec.Decision),
		Note: "predicted " + rec.Predicted.String() + "; target " + r.Policy.Targets.RTO.String()}
	if rec.Step == 0 || rec.Decision == nil {
		decision.Note = rec.Note
	}
	failure := Fact{ID: "recovery-time-failure", Label: "Recovery time, failure clock (from the failure)", Value: optDur(rec.Failure),
		Note: "predicted " + rec.PredictedFromFailure.String() + " by the simulation"}
	if rec.FailedAt == "" {
		failure.Value, failure.Note = "not given", "give the failure time (--failed-at) to measure it"
	} else {
		failure.Note += "; failure at " + rec.FailedAt
	}
	outcome := string(r.Outcome)
	if r.RunError != "" {
		outcome += ": " + r.RunError
	}
	return []Fact{
		{ID: "plan", Label: "Plan", Value: r.Title},
		{ID: "plan-id", Label: "Plan ID", Value: r.PlanID},
		{ID: "fingerprint", Label: "Topology fingerprint", Value: r.Fingerprint, Note: "topology " + r.Topology},
		{ID: "ran-by", Label: "Run by", Value: r.Account + " on " + r.Machine, Note: "Windows PowerShell " + r.Host},
		{ID: "started", Label: "Started (UTC)", Value: r.Started},
		{ID: "ended", Label: "Ended (UTC)", Value: r.Ended, Note: "run outcome: " + outcome},
		{ID: "elapsed", Label: "Elapsed", Value: r.Elapsed.String(), Note: "predicted " + r.PredictedTotal.String() + " for the whole plan"},
		decision,
		failure,
		{ID: "data-loss", Label: "Data-loss window", Value: r.DataLoss.Predicted.String() + " (predicted)", Note: "target " + r.Policy.Targets.RPO.String() + "; the log cannot measure it"},
		{ID: "deviations", Label: "Deviations", Value: strconv.Itoa(countSeverity(r.Deviations, SeverityFailure, SeverityDeviation)),
			Note: units.Plural(countSeverity(r.Deviations, SeverityNote), "note")},
	}
}

// policySection is the recovery policy's targets against the predicted and achieved figures.
func (r *EvidenceReport) policySection() Section {
	t, rec := r.Policy.Targets, r.Recovery
	judged := func(c Clock, met *bool) string {
		if c != t.Clock {
			return "not judged: the policy judges the " + string(t.Clock) + " clock"
		}
		return metText(met)
	}
	target := func(c Clock) string {
		if c != t.Clock {
			return "—"
		}
		return t.RTO.String()
	}
	failure := optDur(rec.Failure)
	if rec.FailedAt == "" {
		failure = "not given"
	}
	rows := []Row{
		{Cells: []string{"Recovery time, decision clock (from the run's start)", target(ClockDecision), rec.Predicted.String(), optDur(rec.Decision), judged(ClockDecision, r.Policy.RTOMet)}},
		{Cells: []string{"Recovery time, failure clock (from the failure)", target(ClockFailure), rec.PredictedFromFailure.String(), failure, judged(ClockFailure, r.Policy.RTOMet)}},
		{Cells: []string{"Data-loss window", t.RPO.String(), r.DataLoss.Predicted.String(), "cannot be measured from a run log", metText(r.Policy.RPOMet) + " (on the prediction)"}},
	}
	for i := range rows {
		if strings.HasPrefix(rows[i].Cells[4], "not met") {
			rows[i].Class = "row-failed"
		}
	}
	text := []string{"Targets: " + t.Source + ". The recovery time is judged on the " + string(t.Clock) + " clock."}
	if rec.Step > 0 {
		text = append(text, "The recovery time ends when step "+strconv.Itoa(rec.Step)+" ("+RestoringStep+", the pool failover) ends: from then the failed-over users have service on "+r.BackupPool+".")
	}
	if rec.Note != "" {
		text = append(text, capitalize(rec.Note)+".")
	}
	text = append(text, capitalize(r.DataLoss.Note)+".")
	return Section{ID: "policy", Title: "Recovery policy", Text: text,
		Tables: []Table{{ID: "policy-table", Head: []string{"Measure", "Target", "Predicted", "Achieved", "Judged"}, Rows: rows}}}
}

// stepsSection is every step, predicted against achieved.
func (r *EvidenceReport) stepsSection() Section {
	rows := make([]Row, 0, len(r.Steps))
	for _, s := range r.Steps {
		title := s.Title
		if s.Restores {
			title += " (restores service)"
		}
		if s.Alternative != "" {
			title += " [alternative " + s.Alternative + "]"
		}
		status := s.Status
		if s.Status == "rehearsed" {
			status = "rehearsed (-WhatIf)"
		}
		predicted := s.Predicted.String() + " (not counted)"
		if s.PredictedEnd != nil {
			predicted = s.Predicted.String() + " (" + s.PredictedEnd.String() + ")"
		}
		row := Row{Class: stepClass(s), Cells: []string{strconv.Itoa(s.Number), s.ID + ": " + title, string(s.Kind),
			predicted, times(s),
			optDur(s.Achieved) + " (" + optDur(s.AchievedEnd) + ")", status, seen(s)}}
		rows = append(rows, row)
	}
	return Section{ID: "steps", Title: "Steps: predicted against achieved", Break: true,
		Text: []string{"Durations as hh:mm:ss; in brackets, the time from the run's start to the step's end. " +
			"Of each group of alternatives one is counted in the predicted timeline: the one that ran, or else the first."},
		Tables: []Table{{ID: "steps-table", Head: []string{"#", "Step", "Kind", "Predicted", "Start – end (UTC)", "Achieved", "Outcome", "Answers and checks"}, Rows: rows}}}
}

// deviationsSection lists every deviation and note.
func (r *EvidenceReport) deviationsSection() Section {
	var items []string
	for _, sev := range []Severity{SeverityFailure, SeverityDeviation, SeverityNote} {
		for _, d := range r.Deviations {
			if d.Severity == sev {
				items = append(items, string(sev)+": "+d.Text)
			}
		}
	}
	return Section{ID: "deviations", Title: "Deviations", Items: items, Empty: "The run followed the plan: no deviations."}
}

// runSection says who ran the plan, where and with what.
func (r *EvidenceReport) runSection() Section {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	rows := []Row{
		{Cells: []string{"Machine", r.Machine}},
		{Cells: []string{"Account", r.Account}},
		{Cells: []string{"Windows PowerShell", r.Host}},
		{Cells: []string{"Rehearsal (-Rehearse)", yes(r.Rehearsal)}},
		{Cells: []string{"Without confirmations (-NoConfirm)", yes(r.NoConfirm)}},
		{Cells: []string{"Mode", string(r.Mode)}},
		{Cells: []string{"Pool → backup pool", r.Pool + " → " + r.BackupPool}},
		{Cells: []string{"Plan file", orDash(r.PlanFile)}},
		{Cells: []string{"Run log", orDash(r.LogFile)}},
		{Cells: []string{"Plan made by", "failwright " + r.EngineVersion}},
	}
	pre := "The log has no preflight entry: the plan's assumptions were not checked against the deployment before the first step."
	if pf := r.Preflight; pf != nil {
		pre = "The preflight at " + utc(parse(pf.Time)) + " found " + units.Plural(len(pf.Drift), "drifted assumption") +
			" and could not read " + units.Plural(len(pf.Unchecked), "assumption") + "."
	}
	return Section{ID: "run", Title: "The run", Break: true, Text: []string{pre},
		Tables: []Table{{ID: "run-table", Head: []string{"", ""}, Rows: rows}}}
}

// methodSection says how the figures are measured, and what a run log cannot prove.
func methodSection() Section {
	return Section{ID: "method", Title: "How this report measures", Items: []string{
		"The run log is read against the plan: its hash chain, sequence, plan ID, topology fingerprint, step numbers and times are checked before anything is reported. The chain shows edits and truncation; it cannot prove that nobody rewrote the whole log.",
		"Recovery time, decision clock: from the run's start (the log's first entry) to the end of the pool failover step. Microsoft's targets count from the administrator's decision to fail over (FACTS §9).",
		"Recovery time, failure clock: from the failure time the operator gives to the end of the pool failover step. The log does not know when the failure happened.",
		"Data-loss window: the plan's prediction. The log records when steps ran, not which changes reached the backup pool, so it cannot measure data loss.",
		"A step is slower than predicted when it took more than " + strconv.FormatFloat(SlowFactor, 'f', -1, 64) + " times its predicted duration and at least " + units.Duration(SlowMinimum).String() + " more; wait steps are not judged.",
		"Verdict: failed when a step failed, the run stopped or failed, service was not restored, or a target is missed; passed with deviations when a step was slow, skipped, missing or not reached, a check did not see what it looked for, or the preflight found drift; passed otherwise.",
	}}
}

// stepClass marks a step's row for people.
func stepClass(s StepResult) string {
	switch s.Status {
	case "failed", "stopped":
		return "row-failed"
	case StatusMissing, StatusNotReached:
		return "row-missing"
	}
	if s.Achieved != nil && s.Kind != plan.KindWait && float64(*s.Achieved) > SlowFactor*float64(s.Predicted) &&
		s.Achieved.Std()-s.Predicted.Std() >= SlowMinimum {
		return "row-deviation"
	}
	if s.Shown != nil && !*s.Shown {
		return "row-deviation"
	}
	return ""
}

// times is a step's start and end from the log.
func times(s StepResult) string {
	if s.Start == "" {
		return "—"
	}
	return strings.TrimSuffix(s.Start, " UTC") + " – " + strings.TrimSuffix(s.End, " UTC")
}

// seen is what the operator answered and what the step's check saw.
func seen(s StepResult) string {
	var parts []string
	if len(s.Answers) > 0 {
		parts = append(parts, "answered "+strings.Join(quoteAll(s.Answers), ", "))
	}
	if s.Shows != "" && s.Shown != nil {
		if *s.Shown {
			parts = append(parts, "showed "+strconv.Quote(s.Shows))
		} else {
			parts = append(parts, "did NOT show "+strconv.Quote(s.Shows))
		}
	}
	if s.Error != "" {
		parts = append(parts, "error: "+s.Error)
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func optDur(d *units.Duration) string {
	if d == nil {
		return notGiven
	}
	return d.String()
}

func metText(met *bool) string {
	switch {
	case met == nil:
		return "not judged"
	case *met:
		return "met"
	}
	return "not met"
}

func countSeverity(devs []Deviation, sevs ...Severity) int {
	n := 0
	for _, d := range devs {
		for _, s := range sevs {
			if d.Severity == s {
				n++
			}
		}
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
