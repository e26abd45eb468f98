package app

import (
	"errors"
	"fmt"
	"time"

	"failwright/engine/plan"
	"failwright/engine/render"
	"failwright/engine/report"
	"failwright/engine/runlog"
)

// EvidenceRequest is a run to report on: the JSON plan the runbook was rendered from, the run
// log it wrote, and optionally when the failure happened and when the report is made.
type EvidenceRequest struct {
	Plan Source
	Log  Source
	// FailedAt is when the failure happened (the failure clock); zero when not given.
	FailedAt time.Time
	// GeneratedAt is when the report is made, printed on it; zero leaves it off.
	GeneratedAt time.Time
}

// EvidenceResult is the evidence report: StatusOK when its verdict passed (with or without
// deviations), StatusFail when it failed, StatusBadInput (with Err naming file:line:column)
// when the plan or the log cannot be used.
type EvidenceResult struct {
	Status Status
	Report *report.EvidenceReport
	// HTML is the report's printable page.
	HTML []byte
	Err  error
}

// Evidence reads a plan and its run log, verifies the log against the plan (whole, unedited,
// of this plan) and makes the evidence report, judged on the recovery policy's targets.
func Evidence(req EvidenceRequest) EvidenceResult {
	p, err := render.ParseJSON(req.Plan.Data)
	if err != nil {
		return EvidenceResult{Status: StatusBadInput, Err: fmt.Errorf("%s:%w", req.Plan.Name, positioned(err))}
	}
	log, err := runlog.Read(req.Log.Name, req.Log.Data, p)
	if err != nil {
		return EvidenceResult{Status: StatusBadInput, Err: err}
	}
	if !req.FailedAt.IsZero() {
		if start, _ := runlog.ParseTime(log.Start.Time); req.FailedAt.After(start) {
			return EvidenceResult{Status: StatusBadInput, Err: fmt.Errorf("the failure time %s is after the run started (%s): the failure comes first",
				req.FailedAt.UTC().Format(time.RFC3339), log.Start.Time)}
		}
	}
	r := report.Evidence(report.EvidenceInput{Plan: p, Log: log, PlanFile: req.Plan.Name, LogFile: req.Log.Name,
		FailedAt: req.FailedAt, GeneratedAt: req.GeneratedAt, Targets: RecoveryTargets(p)})
	st := StatusOK
	if r.Verdict.State == report.StateFailed {
		st = StatusFail
	}
	return EvidenceResult{Status: st, Report: r, HTML: r.HTML()}
}

// RecoveryTargets is the recovery policy a plan's run is judged on. Until topologies carry
// recovery policies it is Microsoft's engineering targets for the pool's version on the
// decision clock (report.DefaultTargets, FACTS §9); this is the one function to point at the
// policy when it lands.
func RecoveryTargets(p *plan.Plan) report.Targets { return report.DefaultTargets(p) }

// positioned writes a plan parsing error after the file name: " line:column: what" when the
// error starts with a position, ": what" otherwise.
func positioned(err error) error {
	msg := err.Error()
	if len(msg) > 0 && msg[0] >= '0' && msg[0] <= '9' {
		return errors.New(msg)
	}
	return errors.New(" " + msg)
}

// ParseFailedAt reads a failure time as operators give it: RFC 3339 with a zone
// ("2026-12-06T04:52:00Z", "2026-12-06T05:52:00+01:00"), or "2026-12-06 04:52:00" meaning UTC.
func ParseFailedAt(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time such as 2026-12-06T04:52:00Z (RFC 3339; without a zone it is read as UTC)", s)
}
