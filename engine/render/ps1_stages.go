package render

import (
	"strconv"

	"failwright/engine/plan"
)

// stagePreflight writes, before the first step of each stage of a migration plan, the check
// of the deployment as it must stand before that stage: the facts of the stage's Preflight,
// with the same probes as a failover plan's preflight, stopping on drift.
func stagePreflight(w *ps, p *plan.Plan, st *plan.Step) {
	if p.Migration == nil {
		return
	}
	for i, sg := range p.Migration.Stages {
		if sg.First != st.Number {
			continue
		}
		n := strconv.Itoa(i + 1)
		w.line()
		w.line("# ---- Stage ", n, ": the deployment must stand as the plan expects before it.")
		w.line("Write-Host ''")
		w.line("Write-Host ", lit("=== Stage "+n+" of "+strconv.Itoa(len(p.Migration.Stages))+": "+sg.Title), " -ForegroundColor Cyan")
		if p.Migration.Riskiest == sg.ID {
			w.line("Write-Warning ", lit("The riskiest stage: "+p.Migration.RiskiestWhy+"."))
		}
		w.line("$FwDrift.Clear()")
		w.line("$FwUnchecked.Clear()")
		factChecks(w, sg.Preflight, sg.ID)
		w.line("Write-Host ", lit("    Stage "+n+" preflight passed."), " -ForegroundColor Green")
	}
}
