package app

import (
	"errors"
	"fmt"
	"time"

	"failwright/engine/plan"
	"failwright/engine/render"
	"failwright/engine/report"
	"failwright/engine/runlog"
	"failwright/engine/topology"
)

// EvidenceRequest is a run to report on: the JSON plan the runbook was rendered from, the run
// log it wrote, and optionally when the failure happened and when the report is made.
type EvidenceRequest struct {
	Plan Source
	Log  Source
	// Topology is the topology file the plan was made from, optional: its recovery policy
	// gives the targets (RecoveryTargets). Without it (no Data), the targets are Microsoft's
	// defaults for the pool's version, and the report says so.
	Topology Source
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
	// Input names the input at fault when Status is StatusBadInput: InputPlan, InputLog,
	// InputTopology or InputFailedAt.
	Input string
	// Findings are the topology's findings when it does not decode.
	Findings topology.Findings
}

// The inputs of an evidence request, as EvidenceResult.Input names the one at fault.
const (
	InputPlan     = "plan"
	InputLog      = "log"
	InputTopology = "topology"
	InputFailedAt = "failedAt"
)

// Evidence reads a plan and its run log, verifies the log against the plan (whole, unedited,
// of this plan) and makes the evidence report, judged on the recovery policy's targets: the
// topology's, when the request gives the topology the plan was made from.
func Evidence(req EvidenceRequest) EvidenceResult {
	bad := func(input string, err error) EvidenceResult {
		return EvidenceResult{Status: StatusBadInput, Err: err, Input: input}
	}
	p, err := render.ParseJSON(req.Plan.Data)
	if err != nil {
		return bad(InputPlan, fmt.Errorf("%s:%w", req.Plan.Name, positioned(err)))
	}
	log, err := runlog.Read(req.Log.Name, req.Log.Data, p)
	if err != nil {
		return bad(InputLog, err)
	}
	if !req.FailedAt.IsZero() {
		if start, _ := runlog.ParseTime(log.Start.Time); req.FailedAt.After(start) {
			return bad(InputFailedAt, fmt.Errorf("the failure time %s is after the run started (%s): the failure comes first",
				req.FailedAt.UTC().Format(time.RFC3339), log.Start.Time))
		}
	}
	var topo *topology.Topology
	if len(req.Topology.Data) > 0 {
		doc, fs, _ := LoadTopology(req.Topology)
		if doc == nil {
			res := bad(InputTopology, fmt.Errorf("the topology does not decode: %s", fs.Error()))
			res.Findings = fs
			return res
		}
		if err := samePlanTopology(p, doc.Topology, req.Topology.Name); err != nil {
			return bad(InputTopology, err)
		}
		topo = doc.Topology
	}
	r := report.Evidence(report.EvidenceInput{Plan: p, Log: log, PlanFile: req.Plan.Name, LogFile: req.Log.Name,
		FailedAt: req.FailedAt, GeneratedAt: req.GeneratedAt, Targets: RecoveryTargets(p, topo, req.Topology.Name)})
	st := StatusOK
	if r.Verdict.State == report.StateFailed {
		st = StatusFail
	}
	return EvidenceResult{Status: st, Report: r, HTML: r.HTML()}
}

// samePlanTopology refuses a topology the plan was not made from: its fingerprint must be the
// plan's, so that the policy read is the one of the deployment the run recovered. (The policy
// itself is outside the fingerprint: a file whose targets changed since is still the plan's.)
func samePlanTopology(p *plan.Plan, t *topology.Topology, name string) error {
	if fp := topology.Fingerprint(t); fp != p.Fingerprint {
		return fmt.Errorf("%s is not the topology the plan was made from: its fingerprint is %s, the plan's %s (give the file the plan was made from, or none to judge on Microsoft's defaults)",
			name, fp, p.Fingerprint)
	}
	if t.PoolByFQDN(p.Request.Pool) == nil {
		return fmt.Errorf("%s has no pool %s, the pool the plan fails over", name, p.Request.Pool)
	}
	return nil
}

// RecoveryTargets is the recovery policy a plan's run is judged on: the effective policy of
// the plan's pool in topology t, read from the file named file (topology.EffectivePolicy: the
// pool's, its site's or the deployment's recoveryPolicy, field by field, else Microsoft's
// engineering target for the pool's version, FACTS §9). Without the topology (t nil) it is
// Microsoft's targets for the version the plan records, and the targets say so.
func RecoveryTargets(p *plan.Plan, t *topology.Topology, file string) report.Targets {
	if t == nil {
		return report.DefaultTargets(p)
	}
	pool := t.PoolByFQDN(p.Request.Pool)
	if pool == nil {
		return report.DefaultTargets(p)
	}
	return report.PolicyTargets(topology.EffectivePolicy(t, pool), pool.Version, file)
}

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
