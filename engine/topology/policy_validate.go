package topology

import (
	"time"

	"failwright/engine/units"
)

// Recovery-policy finding codes: area 13 of the codes (rules.go; docs/validation.md and
// docs/policy.md).
const (
	CodePolicyZero      = "FW1301"
	CodePolicyAbsurd    = "FW1302"
	CodePolicyClock     = "FW1303"
	CodePolicyTight     = "FW1304"
	CodePolicyNotFE     = "FW1305"
	CodePolicyTightFail = "FW1306"
)

// policyRules are the recovery-policy rules, appended to Rules.
var policyRules = []Rule{
	{CodePolicyZero, Error, false, "recovery target zero or negative"},
	{CodePolicyAbsurd, Error, false, "recovery target longer than a week"},
	{CodePolicyClock, Error, false, "unknown recovery-policy clock"},
	{CodePolicyTight, Warning, false, "recovery target tighter than the version's engineering target"},
	{CodePolicyNotFE, Warning, false, "recovery policy on a pool that is not a Front End pool"},
	{CodePolicyTightFail, Info, false, "engineering RTO judged on the failure clock"},
}

func init() { Rules = append(Rules, policyRules...) }

// MaxPolicyTarget is the longest target a policy may give: a week. Longer is not a recovery
// target but a typing mistake (a day count for an hour count).
const MaxPolicyTarget = 7 * 24 * time.Hour

// policies checks every recovery policy of the topology: its own values where it is written,
// then, per Front End pool, the targets that apply against the version's engineering target.
func (v *validator) policies() {
	t := v.t
	v.policyValues("recoveryPolicy", t.RecoveryPolicy)
	for i := range t.Sites {
		v.policyValues(v.x.sitePath(i)+".recoveryPolicy", t.Sites[i].RecoveryPolicy)
	}
	seen := map[string]bool{} // one finding per written value, not per pool that inherits it
	for i := range t.Pools {
		p := &t.Pools[i]
		path := v.x.poolPath(i) + ".recoveryPolicy"
		v.policyValues(path, p.RecoveryPolicy)
		if !p.Role.IsFrontEnd() {
			if p.RecoveryPolicy != nil {
				v.add(CodePolicyNotFE, path, "remove it: only Front End pools are failed over",
					"a %s pool is never failed over, so its recovery policy judges nothing", p.Role)
			}
			continue
		}
		v.policyTight(t, i, seen)
	}
}

// policyValues checks the values of one written policy at path.
func (v *validator) policyValues(path string, rp *RecoveryPolicy) {
	if rp == nil {
		return
	}
	for _, f := range []struct {
		key string
		d   units.Duration
	}{{"rto", rp.RTO}, {"rpo", rp.RPO}} {
		fp := path + "." + f.key
		_, written := v.opt.Source[fp]
		switch {
		case f.d < 0 || (f.d == 0 && written):
			v.add(CodePolicyZero, fp, `give a positive TimeSpan such as "00:20:00", or leave the key out to inherit`,
				"a recovery target of %s can never be met", f.d)
		case f.d.Std() > MaxPolicyTarget:
			v.add(CodePolicyAbsurd, fp, "give hours and minutes, such as \"04:00:00\"; a day count comes before a dot (\"1.00:00:00\")",
				"a recovery target of %s is longer than a week", f.d)
		}
	}
	switch rp.Clock {
	case "", ClockDecision, ClockFailure:
	default:
		v.add(CodePolicyClock, path+".clock", "write decision (Microsoft's clock, the default) or failure",
			"unknown clock %q", string(rp.Clock))
	}
}

// policyTight warns when the targets that apply to Front End pool i are tighter than its
// version's engineering target: the product is not designed to meet them (FACTS §9).
func (v *validator) policyTight(t *Topology, i int, seen map[string]bool) {
	p := &t.Pools[i]
	eff := EffectivePolicy(t, p)
	def := DefaultPolicy(p.Version)
	once := func(code, path string) bool {
		k := code + " " + path + " " + string(p.Version.Behaves())
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	if eff.From.RTO != PolicyFromDefault && eff.RTO < def.RTO {
		if path := v.policyPath(t, i, eff.From.RTO, "rto"); once(CodePolicyTight, path) {
			v.add(CodePolicyTight, path, "plan for the engineering target, or test a faster recovery in drills before you promise it",
				"RTO %s is tighter than the engineering target of %s for %s pools (counted from the decision to fail over): the product is not designed to meet it",
				eff.RTO, def.RTO, string(p.Version))
		}
	}
	if eff.From.RPO != PolicyFromDefault && eff.RPO < def.RPO {
		if path := v.policyPath(t, i, eff.From.RPO, "rpo"); once(CodePolicyTight, path) {
			v.add(CodePolicyTight, path, "plan for the engineering target: the Backup Service is not designed to lose less",
				"RPO %s is tighter than the engineering target of %s for %s pools: the product is not designed to meet it",
				eff.RPO, def.RPO, string(p.Version))
		}
	}
	if eff.Clock == ClockFailure && eff.RTO <= def.RTO && eff.From.Clock != PolicyFromDefault {
		if path := v.policyPath(t, i, eff.From.Clock, "clock"); once(CodePolicyTightFail, path) {
			v.add(CodePolicyTightFail, path, "allow for detection and decision time in the RTO, or judge on the decision clock",
				"RTO %s on the failure clock leaves no time to detect the failure and decide: Microsoft's target for %s pools alone is %s from the decision",
				eff.RTO, string(p.Version), def.RTO)
		}
	}
}

// policyPath is the model path of field key of the policy that from names, for pool i.
func (v *validator) policyPath(t *Topology, i int, from, key string) string {
	switch from {
	case PolicyFromPool:
		return v.x.poolPath(i) + ".recoveryPolicy." + key
	case PolicyFromSite:
		for s := range t.Sites {
			if t.Sites[s].Name == t.Pools[i].Site {
				return v.x.sitePath(s) + ".recoveryPolicy." + key
			}
		}
	}
	return "recoveryPolicy." + key
}
