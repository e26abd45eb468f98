package report

import (
	"failwright/engine/plan"
	"failwright/engine/topology"
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
	// From says where each of RTO, RPO and Clock came from: "pool", "site" or "topology" (the
	// recovery policy of the topology file), or "default" (Microsoft's engineering target
	// for Version).
	From topology.PolicyFrom `json:"from"`
	// Version is the pool's product version the defaults are Microsoft's targets for; empty
	// when neither the topology nor the plan records it.
	Version string `json:"version,omitempty"`
	// Topology names the topology file the policy was read from; empty when none was given
	// (the targets are then Microsoft's defaults).
	Topology string `json:"topology,omitempty"`
}

// DefaultTargets is the recovery policy a plan is judged on when its topology is not given:
// Microsoft's engineering targets for the version of the pool the plan fails over (FACTS §9),
// on the decision clock. The version is read from the plan's assumptions; a plan that does not
// record it is judged on the Skype for Business Server targets.
func DefaultTargets(p *plan.Plan) Targets {
	version := ""
	if p != nil {
		for _, a := range p.Assumptions {
			if a.Fact == plan.FactVersion && a.Subject == p.Request.Pool {
				version = a.Value
			}
		}
	}
	def := topology.DefaultPolicy(topology.Version(version))
	t := Targets{RTO: def.RTO, RPO: def.RPO, Clock: ClockDecision, Version: version,
		From: topology.PolicyFrom{RTO: topology.PolicyFromDefault, RPO: topology.PolicyFromDefault, Clock: topology.PolicyFromDefault}}
	const unread = "; no topology was given, so no recovery policy of its file was read"
	switch {
	case version == "":
		t.Source = "Microsoft's engineering targets for a Skype for Business Server pool failover (FACTS §9); the plan does not record the pool's version" + unread
	default:
		t.Source = defaultWords(topology.Version(version)) + unread
	}
	return t
}

// PolicyTargets are the targets of pol, the effective recovery policy (topology.EffectivePolicy)
// of a pool of version v in the topology file named file: each value with where it came from,
// the file's policy or Microsoft's default for the version.
func PolicyTargets(pol topology.Policy, v topology.Version, file string) Targets {
	t := Targets{RTO: pol.RTO, RPO: pol.RPO, Clock: Clock(pol.Clock), From: pol.From, Version: string(v), Topology: file}
	from := func(f string) string {
		switch f {
		case topology.PolicyFromPool:
			return "the pool's"
		case topology.PolicyFromSite:
			return "its site's"
		case topology.PolicyFromTopology:
			return "the deployment's"
		}
		return "Microsoft's default"
	}
	if pol.From.RTO == topology.PolicyFromDefault && pol.From.RPO == topology.PolicyFromDefault && pol.From.Clock == topology.PolicyFromDefault {
		t.Source = defaultWords(v) + "; " + file + " sets no recovery policy for this pool"
		return t
	}
	t.Source = "the recovery policy in " + file + " (RTO " + pol.RTO.String() + ": " + from(pol.From.RTO) + "; RPO " + pol.RPO.String() + ": " +
		from(pol.From.RPO) + "; " + string(pol.Clock) + " clock: " + from(pol.From.Clock) + ")"
	if pol.From.RTO == topology.PolicyFromDefault || pol.From.RPO == topology.PolicyFromDefault || pol.From.Clock == topology.PolicyFromDefault {
		t.Source += "; defaults: " + defaultWords(v)
	}
	return t
}

// defaultWords names Microsoft's engineering targets for version v, with their figures.
func defaultWords(v topology.Version) string {
	if v == topology.Lync2013 {
		return "Microsoft's engineering targets for a Lync Server 2013 pool failover (FACTS §9: 30 minutes, 30 minutes)"
	}
	return "Microsoft's engineering targets for a " + v.Name() + " pool failover (FACTS §9: 15-20 minutes, taken as 20, and 5 minutes)"
}
