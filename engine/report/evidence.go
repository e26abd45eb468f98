package report

import (
	"fmt"
	"time"

	"failwright/engine/plan"
	"failwright/engine/runlog"
	"failwright/engine/units"
)

// RestoringStep is the ID of the plan step after which the failed-over users have service
// again: the pool failover (Invoke-CsPoolFailOver). The recovery time ends when it ends.
const RestoringStep = "pool-failover"

// A step is slower than predicted, a deviation, when it took more than half again its
// predicted duration and at least SlowMinimum more (wait steps, which last until something
// outside the operator's hands holds, are never slow).
const (
	SlowFactor  = 1.5
	SlowMinimum = time.Minute
)

// EvidenceInput is what an evidence report is made from.
type EvidenceInput struct {
	// Plan is the plan the runbook was rendered from; Log its run log, read by runlog.Read
	// against it (so that the log is whole, unedited and of this plan).
	Plan *plan.Plan
	Log  *runlog.Log
	// PlanFile and LogFile name the files, as the report prints them.
	PlanFile, LogFile string
	// FailedAt is when the failure happened, for the failure clock; zero when not given.
	FailedAt time.Time
	// GeneratedAt is when the report is made; zero leaves it off the page.
	GeneratedAt time.Time
	// Targets are the recovery policy's targets (DefaultTargets until policies land).
	Targets Targets
}

// Severity is how much a deviation weighs in the verdict.
type Severity string

// The severities.
const (
	// SeverityFailure fails the run.
	SeverityFailure Severity = "failure"
	// SeverityDeviation passes it with deviations.
	SeverityDeviation Severity = "deviation"
	// SeverityNote is said and does not weigh (an alternative not taken, a rehearsal).
	SeverityNote Severity = "note"
)

// Deviation is one way the run differed from the plan.
type Deviation struct {
	// Kind is failed, stopped, run-failed, not-restored, not-reached, missing, skipped, slow,
	// check, drift, unchecked, alternative, rehearsal, rto or data-loss.
	Kind     string   `json:"kind"`
	Severity Severity `json:"severity"`
	// Step is the plan step it concerns; 0 for the run as a whole.
	Step int    `json:"step,omitempty"`
	Text string `json:"text"`
}

// Step statuses beyond the log's outcomes: a step the log lacks.
const (
	// StatusNotReached is a step after the last the run logged, in a run that stopped or failed.
	StatusNotReached = "not reached"
	// StatusMissing is a step the log lacks although the run went past it.
	StatusMissing = "missing"
	// StatusNotTaken is an alternative step the log lacks because another of its group ran.
	StatusNotTaken = "not taken"
)

// StepResult is one plan step, predicted against achieved.
type StepResult struct {
	Number      int       `json:"number"`
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Kind        plan.Kind `json:"kind"`
	Alternative string    `json:"alternative,omitempty"`
	// Predicted is the plan's duration; PredictedEnd the predicted time from the run's start
	// to the step's end, nil for an alternative not counted (one of each group counts: the one
	// that ran, or the first).
	Predicted    units.Duration  `json:"predicted"`
	PredictedEnd *units.Duration `json:"predictedEnd,omitempty"`
	// Status is the log's outcome, or StatusNotReached, StatusMissing or StatusNotTaken.
	Status string `json:"status"`
	// Start and End are from the log (UTC); Achieved the step's duration and AchievedEnd the
	// time from the run's start to its end, nil when the log has no entry.
	Start       string          `json:"start,omitempty"`
	End         string          `json:"end,omitempty"`
	Achieved    *units.Duration `json:"achieved,omitempty"`
	AchievedEnd *units.Duration `json:"achievedEnd,omitempty"`
	Answers     []string        `json:"answers,omitempty"`
	Shows       string          `json:"shows,omitempty"`
	Shown       *bool           `json:"shown,omitempty"`
	Error       string          `json:"error,omitempty"`
	// Restores marks the step that restores service (RestoringStep).
	Restores bool `json:"restores,omitempty"`
}

// Recovery is the recovery time, predicted and achieved, on both clocks.
type Recovery struct {
	// Step is the number of the step that restores service; 0 when the plan has none (a
	// migration), and then nothing is measured.
	Step int `json:"step,omitempty"`
	// Predicted is the plan's predicted time from the run's start to that step's end (the
	// decision clock); PredictedFromFailure the simulation's RTO, from the failure.
	Predicted            units.Duration `json:"predicted"`
	PredictedFromFailure units.Duration `json:"predictedFromFailure"`
	// Decision is the achieved time from the run's start to the step's end; Failure from
	// FailedAt. Nil when not measured (the step did not complete, or no failure time).
	Decision *units.Duration `json:"decision,omitempty"`
	Failure  *units.Duration `json:"failure,omitempty"`
	// FailedAt is the failure time given (UTC), empty when not given.
	FailedAt string `json:"failedAt,omitempty"`
	// Note says what was not measured and why.
	Note string `json:"note,omitempty"`
}

// DataLoss is the data-loss window: predicted only, for the log cannot measure it.
type DataLoss struct {
	Predicted units.Duration `json:"predicted"`
	Note      string         `json:"note"`
}

// PolicyResult is the run judged against the recovery policy's targets.
type PolicyResult struct {
	Targets Targets `json:"targets"`
	// RTOMet tells whether the recovery time on the policy's clock met the target; nil when it
	// could not be judged (not measured, or no failure time for the failure clock).
	RTOMet *bool `json:"rtoMet,omitempty"`
	// RPOMet tells whether the predicted data-loss window is within the target.
	RPOMet *bool `json:"rpoMet,omitempty"`
}

// EvidenceReport is the evidence of one run of a plan: the plan, who ran it and when, every
// step predicted against achieved, the recovery time and data-loss window against the policy,
// the deviations and the verdict.
type EvidenceReport struct {
	PlanID        string    `json:"planId"`
	Fingerprint   string    `json:"fingerprint"`
	Topology      string    `json:"topology"`
	Title         string    `json:"title"`
	Mode          plan.Mode `json:"mode"`
	Failback      bool      `json:"failback,omitempty"`
	Pool          string    `json:"pool"`
	BackupPool    string    `json:"backupPool"`
	EngineVersion string    `json:"engineVersion"`
	PlanFile      string    `json:"planFile,omitempty"`
	LogFile       string    `json:"logFile,omitempty"`

	Machine   string `json:"machine"`
	Account   string `json:"account"`
	Host      string `json:"host"`
	Rehearsal bool   `json:"rehearsal,omitempty"`
	NoConfirm bool   `json:"noConfirm,omitempty"`
	// Started and Ended are the log's first and last entries' times (UTC).
	Started string `json:"started"`
	Ended   string `json:"ended"`
	// Elapsed is Ended - Started; PredictedTotal the plan's predicted total.
	Elapsed        units.Duration `json:"elapsed"`
	PredictedTotal units.Duration `json:"predictedTotal"`
	// Outcome is how the run ended; RunError the error it ended on.
	Outcome  runlog.Outcome `json:"outcome"`
	RunError string         `json:"runError,omitempty"`
	// Preflight is the drift check; nil when the log has none.
	Preflight *runlog.Entry `json:"preflight,omitempty"`

	Steps      []StepResult `json:"steps"`
	Recovery   Recovery     `json:"recovery"`
	DataLoss   DataLoss     `json:"dataLoss"`
	Policy     PolicyResult `json:"policy"`
	Deviations []Deviation  `json:"deviations"`
	Verdict    Verdict      `json:"verdict"`
	// Generated is when the report was made (UTC), empty when not given.
	Generated string `json:"generated,omitempty"`
}

// Evidence makes the evidence report of a run: in.Log read against in.Plan. It never fails:
// what the log lacks is reported, not guessed.
func Evidence(in EvidenceInput) *EvidenceReport {
	p, log := in.Plan, in.Log
	r := &EvidenceReport{
		PlanID: p.ID, Fingerprint: p.Fingerprint, Topology: p.TopologyName, Title: planTitle(p),
		Mode: p.Request.Mode, Failback: p.Request.Failback, Pool: p.Request.Pool, BackupPool: p.BackupPool,
		EngineVersion: p.EngineVersion, PlanFile: in.PlanFile, LogFile: in.LogFile,
		Machine: log.Start.Machine, Account: log.Start.Account, Host: log.Start.Host,
		Rehearsal: log.Start.Rehearsal, NoConfirm: log.Start.NoConfirm,
		Started: utc(parse(log.Start.Time)), Ended: utc(parse(log.End.Time)),
		Elapsed:        units.Duration(parse(log.End.Time).Sub(parse(log.Start.Time))),
		PredictedTotal: p.Prediction.Total,
		Outcome:        log.End.Outcome, RunError: log.End.Error, Preflight: log.Preflight,
		Generated: utc(in.GeneratedAt),
	}
	ev := &evidence{r: r, p: p, log: log, start: parse(log.Start.Time)}
	ev.steps()
	ev.recovery(in.FailedAt)
	ev.policy(in.Targets)
	ev.runDeviations()
	for _, line := range log.ClockSteps {
		ev.add("clock", SeverityDeviation, 0, "the clock of %s stepped back at line %d of the log (corrected during the run): times there are as it read them, and durations across the step are not exact", log.Start.Machine, line)
	}
	r.Verdict = verdictOf(r.Deviations, r.Rehearsal)
	return r
}

// evidence is the state of one Evidence call.
type evidence struct {
	r     *EvidenceReport
	p     *plan.Plan
	log   *runlog.Log
	start time.Time
}

func (ev *evidence) add(kind string, sev Severity, step int, format string, args ...any) {
	ev.r.Deviations = append(ev.r.Deviations, Deviation{Kind: kind, Severity: sev, Step: step, Text: fmt.Sprintf(format, args...)})
}

// planTitle says what the plan does, in a line.
func planTitle(p *plan.Plan) string {
	switch p.Request.Mode {
	case plan.Migrate:
		return "Migration of " + p.Request.Pool + " to " + p.Request.MigrateTo
	case plan.Disaster:
		t := "Disaster failover of " + p.Request.Pool + " to " + p.BackupPool
		if p.Request.Failback {
			t += ", and failback"
		}
		return t
	}
	t := "Planned failover of " + p.Request.Pool + " to " + p.BackupPool
	if p.Request.Failback {
		t += ", and failback"
	}
	return t
}

// parse reads a time runlog.Read has already checked; a bad one is the zero time.
func parse(s string) time.Time {
	t, err := runlog.ParseTime(s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// utc writes a time as the report prints it: "2026-12-06 05:00:00 UTC"; the zero time is "".
func utc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// dur returns a pointer to d as a units.Duration, rounded to the second.
func dur(d time.Duration) *units.Duration {
	u := units.Duration(d.Round(time.Second))
	return &u
}

// JSON renders the report's data as indented JSON with stable bytes.
func (r *EvidenceReport) JSON() []byte { return marshal(r) }
