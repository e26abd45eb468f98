package engine

import (
	"strings"

	"failwright/engine/analysis"
	"failwright/engine/units"
)

// maxPolicyBreaks is how many failures that break the recovery policy the page lists.
const maxPolicyBreaks = 10

// PolicyView is the analysis judged against the recovery policy (docs/policy.md), trimmed for
// the page: whether it holds after every single failure, and the first failures that break it.
type PolicyView struct {
	Met    bool              `json:"met"`
	Count  int               `json:"count"`
	Breaks []PolicyBreakView `json:"breaks,omitempty"`
}

// PolicyBreakView is one single failure that breaks a pool's policy, and the verdict in words.
type PolicyBreakView struct {
	Set     AnalysisSet `json:"set"`
	Pool    string      `json:"pool"`
	Verdict string      `json:"verdict"`
}

// policyView trims the report's policy verdict.
func policyView(r *analysis.Report) PolicyView {
	v := PolicyView{Met: r.Policy.Met, Count: r.Policy.Count}
	for k, b := range r.Policy.Breaks {
		if k == maxPolicyBreaks {
			break
		}
		v.Breaks = append(v.Breaks, PolicyBreakView{Set: AnalysisSet{Names: b.Set.Elements, Setup: b.Set.Setup},
			Pool: b.Verdict.Pool, Verdict: b.Verdict.String()})
	}
	return v
}

// policyHTML writes the recovery-policy verdict of the report.
func (b *htmlBuf) policyHTML(p PolicyView) {
	b.raw(`<div id="analysis-policy">`)
	b.tag("h3", "", "Recovery policy")
	if p.Met {
		b.tag("p", `class="policy-met"`, "No single failure breaks a pool's recovery policy (docs/policy.md).")
		b.raw("</div>")
		return
	}
	b.tag("p", `class="policy-broken"`, "Single failures break the recovery policy "+units.Plural(p.Count, "time")+
		" (docs/policy.md): the analysis fails.")
	b.raw(`<ul class="policy-breaks">`)
	for _, br := range p.Breaks {
		b.raw("<li>")
		b.setButton(br.Set)
		b.text("→ " + br.Pool + ": " + strings.TrimSpace(br.Verdict))
		b.raw("</li>")
	}
	b.raw("</ul></div>")
}
