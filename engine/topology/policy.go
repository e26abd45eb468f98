package topology

import (
	"time"

	"failwright/engine/units"
)

// Clock says from which moment a recovery policy counts recovery time.
type Clock string

// The clocks a policy can judge.
const (
	// ClockDecision counts from the administrator's decision to fail over (the moment
	// Invoke-CsPoolFailOver is run): Microsoft's engineering targets are stated on this clock,
	// excluding detection and decision time (FACTS §9). It is the default.
	ClockDecision Clock = "decision"
	// ClockFailure counts from the moment the failure happens, so detection and decision time
	// count too: what the users live through.
	ClockFailure Clock = "failure"
)

// Clocks lists every known Clock, the default first.
var Clocks = []Clock{ClockDecision, ClockFailure}

// RecoveryPolicy is a recovery-time and data-loss target. The topology, a site and a pool may
// each give one; the most specific applies, field by field (EffectivePolicy): a pool's over
// its site's, a site's over the topology's, the topology's over the engineering target of the
// pool's version (DefaultPolicy).
type RecoveryPolicy struct {
	// RTO is the longest acceptable time until the users have full service again, written as
	// a TimeSpan ("00:20:00"). Zero means inherited.
	RTO units.Duration `json:"rto,omitempty"`
	// RPO is the longest acceptable window of changes lost, as a TimeSpan. Zero means
	// inherited.
	RPO units.Duration `json:"rpo,omitempty"`
	// Clock says from which moment RTO counts: decision (the default) or failure. Empty
	// means inherited.
	Clock Clock `json:"clock,omitempty"`
}

// Source of an effective policy value: where it was written, or the version's default.
const (
	PolicyFromPool     = "pool"
	PolicyFromSite     = "site"
	PolicyFromTopology = "topology"
	PolicyFromDefault  = "default"
)

// Policy is the recovery policy that applies to one pool, every field resolved.
type Policy struct {
	// RTO and RPO are the targets; Clock the clock RTO is judged on.
	RTO   units.Duration `json:"rto"`
	RPO   units.Duration `json:"rpo"`
	Clock Clock          `json:"clock"`
	// From says where RTO, RPO and Clock came from: pool, site, topology or default.
	From PolicyFrom `json:"from"`
}

// PolicyFrom says where each field of an effective policy came from.
type PolicyFrom struct {
	RTO   string `json:"rto"`
	RPO   string `json:"rpo"`
	Clock string `json:"clock"`
}

// Engineering targets for a pool failover (FACTS §9). Lync Server 2013: RTO 30 minutes, RPO 30
// minutes (L13: recovery-time-for-pool-failover-and-pool-failback). Skype for Business Server
// 2015 and 2019: RTO 15 to 20 minutes, RPO 5 minutes (SFB: disaster-recovery.md); failwright
// takes the 20-minute end, the figure Microsoft's design is engineered to stay within, so
// that a default never promises more than the product does. Subscription Edition behaves as
// 2019 (FACTS §23). Microsoft counts them from the administrator's decision, not the failure.
const (
	Lync2013TargetRTO = 30 * time.Minute
	Lync2013TargetRPO = 30 * time.Minute
	SfBTargetRTO      = 20 * time.Minute
	SfBTargetRPO      = 5 * time.Minute
)

// DefaultPolicy is Microsoft's engineering target for a pool failover on version v, on the
// decision clock. An unknown version gets the 2015/2019 target.
func DefaultPolicy(v Version) RecoveryPolicy {
	if v == Lync2013 {
		return RecoveryPolicy{RTO: units.Duration(Lync2013TargetRTO), RPO: units.Duration(Lync2013TargetRPO), Clock: ClockDecision}
	}
	return RecoveryPolicy{RTO: units.Duration(SfBTargetRTO), RPO: units.Duration(SfBTargetRPO), Clock: ClockDecision}
}

// EffectivePolicy is the policy that applies to pool p of t: each of RTO, RPO and Clock from
// the pool's recoveryPolicy, else its site's, else the topology's, else DefaultPolicy of the
// pool's version.
func EffectivePolicy(t *Topology, p *Pool) Policy {
	def := DefaultPolicy(p.Version)
	out := Policy{RTO: def.RTO, RPO: def.RPO, Clock: def.Clock,
		From: PolicyFrom{RTO: PolicyFromDefault, RPO: PolicyFromDefault, Clock: PolicyFromDefault}}
	layers := [3]struct {
		p    *RecoveryPolicy
		from string
	}{{t.RecoveryPolicy, PolicyFromTopology}, {nil, PolicyFromSite}, {p.RecoveryPolicy, PolicyFromPool}}
	for i := range t.Sites {
		if t.Sites[i].Name == p.Site {
			layers[1].p = t.Sites[i].RecoveryPolicy
			break
		}
	}
	for _, l := range layers {
		if l.p == nil {
			continue
		}
		if l.p.RTO > 0 {
			out.RTO, out.From.RTO = l.p.RTO, l.from
		}
		if l.p.RPO > 0 {
			out.RPO, out.From.RPO = l.p.RPO, l.from
		}
		if l.p.Clock != "" {
			out.Clock, out.From.Clock = l.p.Clock, l.from
		}
	}
	return out
}

// RecoveryFigures are the figures of one recovery that a verdict judges.
type RecoveryFigures struct {
	// FromFailure is the time from the failure until full service; FromDecision the time from
	// the administrator's decision to fail over until full service.
	FromFailure, FromDecision time.Duration
	// DataLoss is the window of changes lost.
	DataLoss time.Duration
	// Restored is false when the users never got full service back.
	Restored bool
}

// Verdict is a policy's judgement of one pool's recovery.
type Verdict struct {
	// Pool is the pool's FQDN.
	Pool string `json:"pool"`
	// Policy is the policy judged against.
	Policy Policy `json:"policy"`
	// RTOFromFailure and RTOFromDecision are the recovery time on both clocks; the one the
	// policy's Clock names is judged.
	RTOFromFailure  units.Duration `json:"rtoFromFailure"`
	RTOFromDecision units.Duration `json:"rtoFromDecision"`
	// DataLoss is the window of changes lost.
	DataLoss units.Duration `json:"dataLoss"`
	// Restored is false when the users never got full service back (the RTO is then broken).
	Restored bool `json:"restored"`
	// RTOMet and RPOMet say whether each target held; Met is both.
	RTOMet bool `json:"rtoMet"`
	RPOMet bool `json:"rpoMet"`
	Met    bool `json:"met"`
	// RTOOver and RPOOver are by how much each target was exceeded (zero when met, and RTOOver
	// zero when not restored).
	RTOOver units.Duration `json:"rtoOver,omitempty"`
	RPOOver units.Duration `json:"rpoOver,omitempty"`
}

// Judge judges figures f of pool against policy p.
func Judge(pool string, p Policy, f RecoveryFigures) Verdict {
	v := Verdict{Pool: pool, Policy: p, RTOFromFailure: units.Duration(f.FromFailure),
		RTOFromDecision: units.Duration(f.FromDecision), DataLoss: units.Duration(f.DataLoss), Restored: f.Restored}
	rto := f.FromDecision
	if p.Clock == ClockFailure {
		rto = f.FromFailure
	}
	v.RTOMet = f.Restored && rto <= p.RTO.Std()
	if f.Restored && !v.RTOMet {
		v.RTOOver = units.Duration(rto - p.RTO.Std())
	}
	v.RPOMet = f.DataLoss <= p.RPO.Std()
	if !v.RPOMet {
		v.RPOOver = units.Duration(f.DataLoss - p.RPO.Std())
	}
	v.Met = v.RTOMet && v.RPOMet
	return v
}

// Judged is the recovery time the verdict's policy judges: on its clock.
func (v Verdict) Judged() units.Duration {
	if v.Policy.Clock == ClockFailure {
		return v.RTOFromFailure
	}
	return v.RTOFromDecision
}

// String says the verdict in one line: met or broken, by how much, on which clock, with both
// figures.
func (v Verdict) String() string {
	s := "met"
	if !v.Met {
		s = "BROKEN"
	}
	rto := "RTO " + v.Judged().String() + " of " + v.Policy.RTO.String()
	switch {
	case !v.Restored:
		rto = "RTO not restored (target " + v.Policy.RTO.String() + ")"
	case !v.RTOMet:
		rto += " (over by " + v.RTOOver.String() + ")"
	}
	rpo := "data loss " + v.DataLoss.String() + " of " + v.Policy.RPO.String()
	if !v.RPOMet {
		rpo += " (over by " + v.RPOOver.String() + ")"
	}
	return s + ": " + rto + " on the " + string(v.Policy.Clock) + " clock, " + rpo +
		"; from failure " + v.RTOFromFailure.String() + ", from decision " + v.RTOFromDecision.String()
}
