package render

import (
	"strconv"

	"failwright/engine/plan"
	"failwright/engine/topology"
)

// stages writes a migration plan's stages: what each does, which steps it holds, who would
// lose disaster recovery if a site failed once it is done, and the riskiest stage.
func (w *md) stages(p *plan.Plan) {
	if p.Migration == nil {
		return
	}
	mg := p.Migration
	w.ln("## Stages")
	w.ln()
	w.ln("Each stage was run in the simulator on the deployment as it stands at that stage, and analysed for the loss of each site once it is done (N-1).")
	w.ln()
	w.ln("| Stage | Steps | If a site fails after it |")
	w.ln("|---|---|---|")
	for _, st := range mg.Stages {
		exp := "every user keeps disaster recovery"
		if len(st.Exposure) > 0 {
			exp = ""
			for i, e := range st.Exposure {
				if i > 0 {
					exp += "; "
				}
				exp += "losing " + e.Site + " leaves " + topology.Thousands(e.Users) + " users without disaster recovery"
			}
		}
		w.ln("| ", code(st.ID), " ", cell(st.Title), " | ", strconv.Itoa(st.First), "-", strconv.Itoa(st.Last), " | ", cell(exp), " |")
	}
	w.ln()
	w.ln("**Riskiest stage:** ", code(mg.Riskiest), ": ", esc(mg.RiskiestWhy), ".")
	w.ln()
}

// stageHeading writes, before a stage's first step, its heading and the facts the deployment
// must show before it starts.
func (w *md) stageHeading(p *plan.Plan, st plan.Step) {
	if p.Migration == nil {
		return
	}
	for i, sg := range p.Migration.Stages {
		if sg.First != st.Number {
			continue
		}
		w.ln("## Stage ", strconv.Itoa(i+1), ": ", esc(sg.Title))
		w.ln()
		w.ln("Before it starts, the deployment shows:")
		w.ln()
		for _, a := range sg.Preflight {
			w.ln("- ", code(a.Path), ": ", esc(show(a.Value)))
		}
		w.ln()
	}
}
