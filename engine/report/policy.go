package report

import (
	"time"

	"failwright/engine/plan"
	"failwright/engine/units"
)

// Clock is where a recovery time is counted from.
type Clock string

// The clocks a recovery time is counted on.
const (
	// ClockDecision counts from the administrator's decision to fail over, that is from the
	// start of the run: the clock of Microsoft's engineering targets (FACTS §9: "RTO counts
	// only from the moment the admin starts the procedure").
	ClockDecision Clock = "decision"
	// ClockFailure counts from the failure itself, which only the operator can say (the
	// failedAt input): what users lived through.
	ClockFailure Clock = "failure"
)

// Targets is a recovery policy's targets for the pool a plan fails over: its recovery time
// (RTO) and data-loss window (RPO), the clock the RTO is judged on, and where they come from.
type Targets struct {
	RTO   units.Duration `json:"rto"`
	RPO   units.Duration `json:"rpo"`
	Clock Clock          `json:"clock"`
	// Source says where the targets come from, as the report prints it.
	Source string `json:"source"`
}

// Microsoft's engineering targets for a pool failover (FACTS §9): 30 minutes and 30 minutes
// for Lync Server 2013; 15-20 minutes and 5 minutes for Skype for Business Server 2015 and
// later (the upper bound is the target: 20 minutes).
const (
	rto2013 = 30 * time.Minute
	rpo2013 = 30 * time.Minute
	rtoSfB  = 20 * time.Minute
	rpoSfB  = 5 * time.Minute
)

// DefaultTargets is the recovery policy a plan is judged on until topologies carry their own:
// Microsoft's engineering targets for the version of the pool the plan fails over (FACTS §9),
// on the decision clock. The version is read from the plan's assumptions; a plan that does not
// record it is judged on the Skype for Business Server targets.
//
// This is the one place the evidence report learns its targets: when recovery policies land
// (per pool, site or deployment), the use case passes the policy's targets instead.
func DefaultTargets(p *plan.Plan) Targets {
	version := ""
	if p != nil {
		for _, a := range p.Assumptions {
			if a.Fact == plan.FactVersion && a.Subject == p.Request.Pool {
				version = a.Value
			}
		}
	}
	if version == "Lync2013" {
		return Targets{RTO: units.Duration(rto2013), RPO: units.Duration(rpo2013), Clock: ClockDecision,
			Source: "Microsoft's engineering targets for a Lync Server 2013 pool failover (FACTS §9); no recovery policy is set"}
	}
	src := "Microsoft's engineering targets for a Skype for Business Server pool failover (FACTS §9: 15-20 minutes, 5 minutes); no recovery policy is set"
	if version == "" {
		src = "Microsoft's engineering targets for a Skype for Business Server pool failover (FACTS §9); the plan does not record the pool's version; no recovery policy is set"
	}
	return Targets{RTO: units.Duration(rtoSfB), RPO: units.Duration(rpoSfB), Clock: ClockDecision, Source: src}
}
