package ui

import (
	"strings"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// policyForm describes the recovery-policy fields: key, element id suffix, label and
// placeholder (a table, which costs the page's wasm less than three struct literals).
var policyForm = [3][4]string{
	{"policyRTO", "-rto", "Recovery time target, RTO (hh:mm:ss)", "default 00:20:00 (Lync 2013: 00:30:00)"},
	{"policyRPO", "-rpo", "Data-loss target, RPO (hh:mm:ss)", "default 00:05:00 (Lync 2013: 00:30:00)"},
	{"policyClock", "-clock", "RTO counted from", ""},
}

// clockOptions are the deployment clock field's choices; inheritOptions a site's or pool's.
var (
	clockOptions   = []Option{{"", "the decision to fail over (default)"}, {string(topology.ClockFailure), "the failure"}}
	inheritOptions = []Option{{"", "inherit"}, {string(topology.ClockDecision), "the decision to fail over"}, {string(topology.ClockFailure), "the failure"}}
)

// policyFields are the deployment's recovery-policy fields (docs/policy.md): RTO and RPO as
// TimeSpans, and the clock. Empty means Microsoft's engineering target for each pool's version.
func (ed *EditorStore) policyFields() []Field {
	return ed.policyFieldsOf(ed.T().RecoveryPolicy, "policy", []string{"recoveryPolicy"})
}

// policyFieldsOf are the fields of the recovery policy rp (nil for none) whose model paths
// are paths (by name, then by index), with element ids starting with id. Each field shows
// the findings about its key; the first also those about the policy itself. A duration typed
// that is not a TimeSpan is shown as typed, with the finding that refuses it.
func (ed *EditorStore) policyFieldsOf(rp *topology.RecoveryPolicy, id string, paths []string) []Field {
	var p topology.RecoveryPolicy
	if rp != nil {
		p = *rp
	}
	values := [3]string{spanText(p.RTO), spanText(p.RPO), string(p.Clock)}
	out := make([]Field, 3)
	for i, f := range policyForm {
		key := strings.ToLower(f[0][6:])
		var fps []string
		for _, q := range paths {
			fps = append(fps, q+"."+key)
		}
		out[i] = Field{Key: f[0], ID: id + f[1], Label: f[2], Placeholder: f[3], Value: values[i], Type: "text", Change: true,
			Findings: ed.At(fps...)}
		if typed, ok := ed.drafts[fps[0]]; ok {
			_, err := units.ParseDuration(typed)
			out[i].Value = typed
			out[i].Findings = append([]topology.Finding{{Code: topology.CodeWrongType, Severity: topology.Error, Path: fps[0],
				Message: err.Error()}}, out[i].Findings...)
		}
	}
	out[0].Findings = append(ed.At(paths...), out[0].Findings...)
	out[2].Options = clockOptions
	if id != "policy" {
		out[2].Options = inheritOptions
		out[0].Placeholder, out[1].Placeholder = "inherit", "inherit"
	}
	return out
}

// setPolicyField sets a deployment recovery-policy field and reports whether key is one.
func (ed *EditorStore) setPolicyField(key, v string) bool {
	return ed.setPolicy("recoveryPolicy", key, v, 't', 0)
}

// setPolicy sets field key of the recovery policy at model path path, the topology's (level
// 't'), site i's ('s') or pool i's ('p'), and reports whether key is a policy field. A duration that
// is not hh:mm:ss is kept as typed, with a finding, and changes nothing in the model; an
// empty value inherits; a policy left empty is removed.
func (ed *EditorStore) setPolicy(path, key, v string, level byte, i int) bool {
	if key != "policyRTO" && key != "policyRPO" && key != "policyClock" {
		return false
	}
	v = strings.TrimSpace(v)
	fp := path + "." + strings.ToLower(key[6:])
	delete(ed.drafts, fp)
	var d units.Duration
	if key != "policyClock" && v != "" {
		var err error
		if d, err = units.ParseDuration(v); err != nil {
			if ed.drafts == nil {
				ed.drafts = map[string]string{}
			}
			ed.drafts[fp] = v
			return true
		}
	}
	ed.edit("edit recovery policy", fp, func(t *topology.Topology) {
		pp := &t.RecoveryPolicy
		switch {
		case level == 's' && i < len(t.Sites):
			pp = &t.Sites[i].RecoveryPolicy
		case level == 'p' && i < len(t.Pools):
			pp = &t.Pools[i].RecoveryPolicy
		case level != 't':
			return
		}
		var rp topology.RecoveryPolicy
		if *pp != nil {
			rp = **pp
		}
		switch key {
		case "policyRTO":
			rp.RTO = d
		case "policyRPO":
			rp.RPO = d
		default:
			rp.Clock = topology.Clock(v)
		}
		*pp = nil
		if rp != (topology.RecoveryPolicy{}) {
			*pp = &rp
		}
	})
	return true
}

// SitePolicyFields are site i's recovery-policy fields: empty inherits the deployment's.
func (ed *EditorStore) SitePolicyFields(i int) []Field {
	t := ed.T()
	if i < 0 || i >= len(t.Sites) {
		return nil
	}
	return ed.policyFieldsOf(t.Sites[i].RecoveryPolicy, "site-"+Itoa(i)+"-policy", ed.SitePaths(i, "recoveryPolicy"))
}

// SetSitePolicyField sets one of site i's recovery-policy fields.
func (ed *EditorStore) SetSitePolicyField(i int, key, v string) {
	ps := ed.SitePaths(i, "recoveryPolicy")
	if len(ps) == 0 {
		return
	}
	ed.setPolicy(ps[0], key, v, 's', i)
}

// SitePolicyOpen reports whether site i's policy fields start unfolded: when it has a
// policy, or a finding or a refused value to show.
func (ed *EditorStore) SitePolicyOpen(i int) bool {
	for _, f := range ed.SitePolicyFields(i) {
		if f.Value != "" || len(f.Findings) > 0 {
			return true
		}
	}
	return false
}

// SiteNameFindings are the findings about site i shown under its name: all but its recovery
// policy's, which its policy fields show.
func (ed *EditorStore) SiteNameFindings(i int) []topology.Finding {
	var out []topology.Finding
	for _, f := range ed.Under(ed.SitePaths(i, "")...) {
		if !strings.Contains(f.Path, "].recoveryPolicy") {
			out = append(out, f)
		}
	}
	return out
}

// setPoolPolicy sets one of pool i's recovery-policy fields and reports whether key is one.
func (ed *EditorStore) setPoolPolicy(i int, key, v string) bool {
	ps := ed.PoolPaths(i, "recoveryPolicy")
	if len(ps) == 0 {
		return false
	}
	return ed.setPolicy(ps[0], key, v, 'p', i)
}

// spanText is a duration field's text: empty for zero (inherited).
func spanText(d units.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}
