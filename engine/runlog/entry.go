package runlog

// Schema is the version of the run-log format; the start entry records it, and Read refuses
// another.
const Schema = 1

// GenesisPrev is the prev of a log's first line: 64 zeros, for no line before it.
const GenesisPrev = "0000000000000000000000000000000000000000000000000000000000000000"

// Kind is what an entry records.
type Kind string

// The entry kinds, in the order a log holds them: one start, at most one preflight, the steps,
// one end.
const (
	// KindStart opens the log: the plan, the machine, the account, the switches.
	KindStart Kind = "start"
	// KindPreflight records the drift check of the plan's assumptions before any step.
	KindPreflight Kind = "preflight"
	// KindStep records one step of the plan.
	KindStep Kind = "step"
	// KindEnd closes the log, whether the plan completed or stopped.
	KindEnd Kind = "end"
)

// Outcome is how a step, or the whole run, ended.
type Outcome string

// The outcomes.
const (
	// OutcomeDone is a step that ran (a change or check that succeeded, a manual or wait step
	// the operator acknowledged), or a run that completed every step.
	OutcomeDone Outcome = "done"
	// OutcomeFailed is a step whose command threw, or a run that ended on an error.
	OutcomeFailed Outcome = "failed"
	// OutcomeSkipped is an alternative step the operator did not pick, or one not needed
	// because another alternative of its group ran.
	OutcomeSkipped Outcome = "skipped"
	// OutcomeStopped is a step at which the operator stopped the plan, or a run so stopped.
	OutcomeStopped Outcome = "stopped"
	// OutcomeRehearsed is a step of a rehearsal (-Rehearse): its change ran with -WhatIf, or
	// not at all.
	OutcomeRehearsed Outcome = "rehearsed"
)

// Outcomes lists every Outcome.
var Outcomes = []Outcome{OutcomeDone, OutcomeFailed, OutcomeSkipped, OutcomeStopped, OutcomeRehearsed}

// Entry is one line of a run log. Which fields an entry holds depends on its Kind; the others
// are empty and left out of the line.
type Entry struct {
	// Seq is the line's position, from 1.
	Seq int `json:"seq"`
	// Prev is the SHA-256 of the line before (GenesisPrev on the first line).
	Prev string `json:"prev"`
	// Kind is what the entry records.
	Kind Kind `json:"kind"`
	// Time is when the entry was written, in UTC (RFC 3339, "2026-12-06T05:00:00.000Z").
	Time string `json:"time"`

	// Schema is the run-log format version (start).
	Schema int `json:"schema,omitempty"`
	// PlanID is the ID of the plan the runbook was rendered from (start).
	PlanID string `json:"planId,omitempty"`
	// Fingerprint is the topology fingerprint the plan was computed from (start).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Machine is the computer the runbook ran on (start).
	Machine string `json:"machine,omitempty"`
	// Account is the Windows account that ran it, DOMAIN\user (start).
	Account string `json:"account,omitempty"`
	// Host is the PowerShell version that ran it, for example "5.1.17763.1" (start).
	Host string `json:"host,omitempty"`
	// Rehearsal is true when the runbook ran with -Rehearse (start).
	Rehearsal bool `json:"rehearsal,omitempty"`
	// NoConfirm is true when it ran with -NoConfirm (start).
	NoConfirm bool `json:"noConfirm,omitempty"`

	// Stage is, in a migration plan, the ID of the stage whose preflight this is; empty for
	// the preflight before the first step (preflight).
	Stage string `json:"stage,omitempty"`
	// Drift lists the model paths of assumptions the deployment contradicted (preflight).
	Drift []string `json:"drift,omitempty"`
	// Unchecked lists the model paths of assumptions that could not be read (preflight).
	Unchecked []string `json:"unchecked,omitempty"`

	// Step is the step's number in the plan (step).
	Step int `json:"step,omitempty"`
	// StepID is the step's ID in the plan, for example "pool-failover" (step).
	StepID string `json:"stepId,omitempty"`
	// Start is when the step began, in UTC (step).
	Start string `json:"start,omitempty"`
	// End is when the step ended, in UTC (step).
	End string `json:"end,omitempty"`
	// Outcome is how the step (step) or the run (end) ended.
	Outcome Outcome `json:"outcome,omitempty"`
	// Answers are what the operator typed at the step's prompts, in order (step), or at the
	// preflight's (preflight).
	Answers []string `json:"answers,omitempty"`
	// Shows is the text the step's check looked for in the output (step).
	Shows string `json:"shows,omitempty"`
	// Shown tells whether the output showed it (step, when Shows is set).
	Shown *bool `json:"shown,omitempty"`
	// Error is the message of the error that failed or stopped the step (step) or the run (end).
	Error string `json:"error,omitempty"`
}
