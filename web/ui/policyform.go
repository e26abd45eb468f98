package ui

import (
	"strings"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// policyForm describes the deployment's recovery-policy fields: key, element id, label and
// placeholder (a table, which costs the page's wasm less than three struct literals).
var policyForm = [3][4]string{
	{"policyRTO", "policy-rto", "Recovery time target, RTO (hh:mm:ss)", "default 00:20:00 (Lync 2013: 00:30:00)"},
	{"policyRPO", "policy-rpo", "Data-loss target, RPO (hh:mm:ss)", "default 00:05:00 (Lync 2013: 00:30:00)"},
	{"policyClock", "policy-clock", "RTO counted from", ""},
}

// clockOptions are the clock field's choices.
var clockOptions = []Option{{"", "the decision to fail over (default)"}, {string(topology.ClockFailure), "the failure"}}

// policyFields are the deployment's recovery-policy fields (docs/policy.md): RTO and RPO as
// TimeSpans, and the clock. Empty means Microsoft's engineering target for each pool's version.
func (ed *EditorStore) policyFields() []Field {
	var rp topology.RecoveryPolicy
	if p := ed.T().RecoveryPolicy; p != nil {
		rp = *p
	}
	values := [3]string{spanText(rp.RTO), spanText(rp.RPO), string(rp.Clock)}
	out := make([]Field, 3)
	for i, f := range policyForm {
		out[i] = Field{Key: f[0], ID: f[1], Label: f[2], Placeholder: f[3], Value: values[i], Type: "text", Change: true,
			Findings: ed.At("recoveryPolicy." + strings.ToLower(f[0][6:]))}
	}
	out[0].Findings = append(ed.At("recoveryPolicy"), out[0].Findings...)
	out[2].Options = clockOptions
	return out
}

// setPolicyField sets a deployment recovery-policy field and reports whether key is one. A
// duration that is not hh:mm:ss changes nothing (the field shows the model's value again);
// an empty policy is removed.
func (ed *EditorStore) setPolicyField(key, v string) bool {
	if key != "policyRTO" && key != "policyRPO" && key != "policyClock" {
		return false
	}
	v = strings.TrimSpace(v)
	var d units.Duration
	if key != "policyClock" && v != "" {
		var err error
		if d, err = units.ParseDuration(v); err != nil {
			return true
		}
	}
	ed.edit("edit recovery policy", key, func(t *topology.Topology) {
		var rp topology.RecoveryPolicy
		if t.RecoveryPolicy != nil {
			rp = *t.RecoveryPolicy
		}
		switch key {
		case "policyRTO":
			rp.RTO = d
		case "policyRPO":
			rp.RPO = d
		default:
			rp.Clock = topology.Clock(v)
		}
		t.RecoveryPolicy = nil
		if rp != (topology.RecoveryPolicy{}) {
			t.RecoveryPolicy = &rp
		}
	})
	return true
}

// spanText is a duration field's text: empty for zero (inherited).
func spanText(d units.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}
