// Package plan builds failwright's execution plans: the ordered runbook that fails a Front End
// pool over to its backup pool (and, optionally, back) the way the official procedure orders
// it, validated by running it through the simulator. A Plan is plain data; engine/render turns
// it into a PowerShell script, a Markdown runbook or JSON. Computing a plan is kept apart from
// rendering it, in the manner of Terraform's saved plans: a plan carries the fingerprint of the
// topology it was computed from and the facts it relies on, and Check tells whether it still
// fits a topology.
//
// The package is pure: no I/O, no clock. The same topology and request give the same plan,
// byte for byte, with the same ID.
package plan

import (
	"strconv"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// FormatVersion is the version of the plan format (docs/plan-format.md). It changes only when
// a field changes meaning or a required field is added. Version 2 added engineVersion and
// wrote durations of a day or more as "d.hh:mm:ss".
const FormatVersion = 2

// EngineVersion is the version of the failwright engine that builds plans; a plan records it
// (Plan.EngineVersion), so that a plan says which failwright made it. It changes with every
// release, whether or not the plan format changes.
const EngineVersion = "0.1.0-dev"

// VersionMessage is what failwright says of a plan made by another format version:
// "the plan was made by failwright format 1; this is format 2: rebuild it (failwright plan)".
func VersionMessage(version int) string {
	return "the plan was made by failwright format " + strconv.Itoa(version) + "; this is format " +
		strconv.Itoa(FormatVersion) + ": rebuild it (failwright plan)"
}

// Mode is whether a failover is planned (the pool still runs) or a disaster (it is lost).
type Mode string

// The failover modes.
const (
	// Planned fails over a pool that still runs, for maintenance or an upgrade: the pool goes
	// read-only and the Backup Service reaches its final state, so no data is lost.
	Planned Mode = "planned"
	// Disaster fails over a pool that is no longer reachable (-DisasterMode): changes not yet
	// copied to the backup pool are lost.
	Disaster Mode = "disaster"
	// Migrate moves a pool's users, services and pairing to another pool, stage by stage
	// (BuildMigration); Request.Pool is the old pool and Request.MigrateTo the new one.
	Migrate Mode = "migrate"
)

// Request says what to plan.
type Request struct {
	// Pool is the FQDN of the pool to fail over (the pool whose users are affected).
	Pool string `json:"pool"`
	// Mode is Planned or Disaster.
	Mode Mode `json:"mode"`
	// Failback adds the steps that bring the users home once the pool is back.
	Failback bool `json:"failback"`
	// Setup is simulator lines (Stop-SimSite, Stop-SimPool, ...) that put the simulation in the
	// failure state the plan starts from. Empty means: for a disaster, the pool's whole site is
	// lost (Stop-SimSite); for a planned failover, everything runs.
	Setup []string `json:"setup"`
	// MigrateTo is, in Migrate mode, the FQDN of the pool that takes over from Pool; empty
	// otherwise.
	MigrateTo string `json:"migrateTo,omitempty"`
}

// Kind is what an operator does with a step.
type Kind string

// The step kinds.
const (
	// KindCheck runs a read-only command and compares its output with Expect.
	KindCheck Kind = "check"
	// KindChange runs a command that changes the deployment; Verify lists what to run after it.
	KindChange Kind = "change"
	// KindManual is work the operator does by hand (outside the shell or with site-specific
	// values) and acknowledges.
	KindManual Kind = "manual"
	// KindWait is a pause until a condition outside the operator's hands holds (the home pool is
	// repaired); the operator acknowledges it.
	KindWait Kind = "wait"
)

// Param is one parameter of a planned command, in the order it is written.
type Param struct {
	// Name is the parameter name without the dash, for example "PoolFqdn".
	Name string `json:"name"`
	// Value is the value; empty for a switch.
	Value string `json:"value,omitempty"`
	// Switch marks a switch parameter such as -DisasterMode.
	Switch bool `json:"switch,omitempty"`
	// Quoted marks a value that comes from the topology: it is always written as a
	// single-quoted PowerShell literal.
	Quoted bool `json:"quoted,omitempty"`
}

// Call is a planned command: a cmdlet and its parameters. Its Line is the shell line.
type Call struct {
	// Cmdlet is the cmdlet name, for example "Invoke-CsPoolFailOver".
	Cmdlet string `json:"cmdlet"`
	// Params are the parameters in the order they are written.
	Params []Param `json:"params,omitempty"`
}

// Step is one numbered step of a plan.
type Step struct {
	// Number is the step's position, from 1.
	Number int `json:"number"`
	// ID is a stable short name for the step, for example "pool-failover".
	ID string `json:"id"`
	// Title says what the step does, in a few words.
	Title string `json:"title"`
	// Kind is check, change, manual or wait.
	Kind Kind `json:"kind"`
	// When is the condition under which the step applies, for alternative steps the operator
	// picks by what an earlier check showed; empty when the step always applies.
	When string `json:"when,omitempty"`
	// Alternative groups steps of which exactly one is run; empty for ordinary steps.
	Alternative string `json:"alternative,omitempty"`
	// Command is the shell line to run, for check and change steps.
	Command string `json:"command,omitempty"`
	// Call is Command as a cmdlet and parameters.
	Call *Call `json:"call,omitempty"`
	// Instructions tell the operator what to do, for manual and wait steps.
	Instructions string `json:"instructions,omitempty"`
	// Expect is what the operator should see.
	Expect string `json:"expect"`
	// Shows is a text the output of a check contains when all is as planned (a pool FQDN,
	// a state); the simulation and the script check it. Empty when there is none to check.
	Shows string `json:"shows,omitempty"`
	// Verify lists the read-only commands to run after a change.
	Verify []Call `json:"verify,omitempty"`
	// Duration is the predicted duration of the step.
	Duration Duration `json:"duration"`
	// Reason says which step of the official procedure this is and why it is here.
	Reason string `json:"reason"`
	// Simulate holds simulator lines that stand for a wait or manual step in the simulation
	// (the repair of the home pool, a DNS record changed by hand, a backup imported from a
	// file the operator names); never part of a rendered script. Each must succeed.
	Simulate []string `json:"simulate,omitempty"`
	// Stage is the ID of the migration stage the step belongs to; empty in failover plans.
	Stage string `json:"stage,omitempty"`
	// Group is the ID of the group of the whole recovery the step belongs to (GroupCMS,
	// GroupPool, GroupDNS ...; Groups lists them in order); empty in migration plans and in
	// plans made before groups existed.
	Group string `json:"group,omitempty"`
}

// Fact names one kind of topology fact a plan relies on.
type Fact string

// The facts a plan can assume.
const (
	FactRole            Fact = "role"
	FactVersion         Fact = "version"
	FactSite            Fact = "site"
	FactBackupPool      Fact = "backupPool"
	FactBackEnd         Fact = "backEnd"
	FactBackEndInstance Fact = "backEndInstance"
	FactMirror          Fact = "mirror"
	FactMirrorInstance  Fact = "mirrorInstance"
	FactCMSPool         Fact = "cmsPool"
	FactNextHop         Fact = "nextHop"
	FactBackupRegistrar Fact = "backupRegistrar"
)

// Assumption is one topology fact the plan relies on, anchored to its model path.
type Assumption struct {
	// Path is the model path, for example "pools[atl-cs-001.litwareinc.com].backupPool".
	Path string `json:"path"`
	// Subject is the pool, branch or "cms" the fact is about.
	Subject string `json:"subject"`
	// Fact is which fact it is.
	Fact Fact `json:"fact"`
	// Value is what the plan assumed ("" when absent).
	Value string `json:"value"`
}

// Point is the users of the whole deployment by service mode at one moment.
type Point struct {
	At         Duration `json:"at"`
	Home       int      `json:"home"`
	Backup     int      `json:"backup"`
	Resiliency int      `json:"resiliency"`
	SignedOut  int      `json:"signedOut"`
}

// Prediction is what the simulation of the plan predicts.
type Prediction struct {
	// Simulated is false for a plan composed without a simulation (ComposeFor, ComposeSnapshot); the figures are
	// then the documented targets (FACTS §9). Build always simulates.
	Simulated bool `json:"simulated"`
	// RTO is the time from the failure until the pool's users had full service again.
	RTO Duration `json:"rto"`
	// DataLoss is the window of changes lost (zero for a planned failover).
	DataLoss Duration `json:"dataLoss"`
	// Total is the predicted time from the plan's first step to its last.
	Total Duration `json:"total"`
	// Timeline is the users by mode at every change.
	Timeline []Point `json:"timeline"`
	// Features are, for each feature the failed pool's users lost in the simulation, the time
	// from the failure until they had it again (zero when the plan does not bring it back, and
	// a finding PL026 says so), in topology.Features order; empty when no simulation ran.
	Features []FeatureRTO `json:"features,omitempty"`
}

// FeatureRTO is the recovery time of one feature for the failed pool's users.
type FeatureRTO struct {
	// Feature is the feature's identifier (topology.Feature), for example "meetings".
	Feature topology.Feature `json:"feature"`
	// RTO is the time from the failure until the users had the feature again; zero when the
	// plan does not bring it back.
	RTO Duration `json:"rto"`
	// Restored is false when the users still lack the feature after the last step.
	Restored bool `json:"restored"`
}

// Plan is a validated execution plan.
type Plan struct {
	// FormatVersion is the plan format version (FormatVersion).
	FormatVersion int `json:"formatVersion"`
	// EngineVersion is the version of the failwright engine that made the plan (EngineVersion).
	EngineVersion string `json:"engineVersion"`
	// ID is a name-based UUID (version 5) of the plan's canonical content.
	ID string `json:"id"`
	// TopologyName is the topology's name.
	TopologyName string `json:"topologyName"`
	// Fingerprint is topology.Fingerprint of the topology the plan was computed from.
	Fingerprint string `json:"fingerprint"`
	// Request is what was asked for.
	Request Request `json:"request"`
	// BackupPool is the FQDN of the pool the users are failed over to.
	BackupPool string `json:"backupPool"`
	// Assumptions are the topology facts the plan relies on, sorted by path.
	Assumptions []Assumption `json:"assumptions"`
	// Steps are the numbered steps in order.
	Steps []Step `json:"steps"`
	// Prediction is what the simulation predicts.
	Prediction Prediction `json:"prediction"`
	// Findings are the warnings and remarks about the plan (a refused plan is never built).
	Findings topology.Findings `json:"findings"`
	// Migration holds the stages of a migration plan (Mode Migrate); nil for failover plans.
	Migration *Migration `json:"migration,omitempty"`
}

// Duration is a span of time written as PowerShell writes a TimeSpan (units.Duration):
// "hh:mm:ss", with "d." from a day on, in JSON too.
type Duration = units.Duration

// ParseDuration reads a duration as Duration writes it (units.ParseDuration).
func ParseDuration(s string) (Duration, error) { return units.ParseDuration(s) }
