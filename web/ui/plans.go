package ui

import (
	"encoding/json"
	"time"

	"failwright/engine/plan"
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

// PlanStore is the Plans tab's store: the plan asked for and the last one built.
type PlanStore struct {
	*Session
	Plan PlanState
}

// PlanState is the Plans tab's state.
type PlanState struct {
	// Pool is the FQDN of the pool to fail over.
	Pool string
	// Mode is "planned" or "disaster".
	Mode string
	// Failback adds the failback steps.
	Failback bool
	// Result is the last plan built.
	Result *proto.PlanResult
	// Error says why no plan could be asked for.
	Error string
	// Preview is the rendering shown: "ps1", "md" or "json".
	Preview string
	// builtAt is the workspace's change count when Result was built.
	builtAt int
}

// PairedPools lists the Front End pools that have a backup pool: the ones a plan can fail over.
func (a *PlanStore) PairedPools() []string {
	var out []string
	for _, p := range a.T().Pools {
		if p.Role.IsFrontEnd() && p.BackupPool != "" && p.FQDN != "" {
			out = append(out, p.FQDN)
		}
	}
	return out
}

// PlanPool returns the pool chosen for the plan, defaulting to the first paired pool.
func (a *PlanStore) PlanPool() string {
	pools := a.PairedPools()
	for _, p := range pools {
		if p == a.Plan.Pool {
			return p
		}
	}
	if len(pools) > 0 {
		return pools[0]
	}
	return ""
}

// SetPlanPool chooses the pool.
func (a *PlanStore) SetPlanPool(v string) { a.Plan.Pool = v }

// SetPlanMode chooses planned or disaster.
func (a *PlanStore) SetPlanMode(v string) {
	if v == string(plan.Planned) || v == string(plan.Disaster) {
		a.Plan.Mode = v
	}
}

// SetPlanFailback includes or leaves out the failback steps.
func (a *PlanStore) SetPlanFailback(b bool) { a.Plan.Failback = b }

// BuildPlan asks the engine worker for the plan, validated by simulation, and its renderings.
func (a *PlanStore) BuildPlan() {
	pool := a.PlanPool()
	a.Plan.Error = ""
	if pool == "" {
		a.Plan.Error = "No pool can be failed over: pair two Front End pools on the Topology tab first."
		return
	}
	topo, err := json.Marshal(a.T())
	if err != nil {
		a.Plan.Error = err.Error()
		return
	}
	req := &plan.Request{Pool: pool, Mode: plan.Mode(a.Plan.Mode), Failback: a.Plan.Failback}
	changes := a.doc.Changes
	a.engine(proto.Request{Op: proto.OpPlan, Topology: topo, Plan: req}, func(r proto.Response) {
		if r.Error != "" {
			a.Plan.Error = r.Error
			return
		}
		a.Plan.Result = r.Plan
		a.Plan.builtAt = changes
		if a.Plan.Preview == "" {
			a.Plan.Preview = "ps1"
		}
	})
}

// PlanStale reports whether the topology changed since the plan was built.
func (a *PlanStore) PlanStale() bool { return a.Plan.Result != nil && a.Plan.builtAt != a.doc.Changes }

// PlanRefused reports whether the last request was refused.
func (a *PlanStore) PlanRefused() bool { return a.Plan.Result != nil && a.Plan.Result.Plan == nil }

// PlanFindings returns the findings of the last plan.
func (a *PlanStore) PlanFindings() topology.Findings {
	if a.Plan.Result == nil {
		return nil
	}
	return a.Plan.Result.Findings
}

// PlanSteps returns the plan's steps.
func (a *PlanStore) PlanSteps() []plan.Step {
	if a.Plan.Result == nil || a.Plan.Result.Plan == nil {
		return nil
	}
	return a.Plan.Result.Plan.Steps
}

// PlanPrediction returns the plan's predicted figures.
func (a *PlanStore) PlanPrediction() plan.Prediction {
	if a.Plan.Result == nil || a.Plan.Result.Plan == nil {
		return plan.Prediction{}
	}
	return a.Plan.Result.Plan.Prediction
}

// PlanChart draws the predicted timeline.
func (a *PlanStore) PlanChart() Chart {
	pr := a.PlanPrediction()
	var samples []sim.Sample
	for _, p := range pr.Timeline {
		samples = append(samples, sim.Sample{At: p.At.Std(), Users: map[sim.Mode]int{
			sim.ModeHome: p.Home, sim.ModeBackup: p.Backup, sim.ModeResiliency: p.Resiliency, sim.ModeSignedOut: p.SignedOut}})
	}
	end := time.Duration(0)
	if n := len(samples); n > 0 {
		end = samples[n-1].At + samples[n-1].At/10
	}
	return BuildChart(samples, end)
}

// PlanText returns the rendering shown in the preview.
func (a *PlanStore) PlanText(kind string) string {
	r := a.Plan.Result
	if r == nil {
		return ""
	}
	switch kind {
	case "md":
		return r.Markdown
	case "json":
		return r.JSON
	}
	return r.PS1
}

// SetPreview shows one rendering.
func (a *PlanStore) SetPreview(kind string) { a.Plan.Preview = kind }

// DownloadPlan downloads one rendering: "ps1", "md" or "json".
func (a *PlanStore) DownloadPlan(kind string) {
	text := a.PlanText(kind)
	if text == "" {
		return
	}
	mimeType := map[string]string{"ps1": "text/plain", "md": "text/markdown", "json": "application/json"}[kind]
	name := workspace.FileName(a.W()) + "-" + a.Plan.Result.Plan.Request.Pool + "-" + string(a.Plan.Result.Plan.Request.Mode)
	if kind == "json" {
		name += ".plan"
	}
	a.host.Download(name+"."+kind, mimeType, []byte(text))
}

// PlanFor opens the Plans tab for a pool: a disaster plan when the pool is down, a planned
// one otherwise.
func (a *PlanStore) PlanFor(fqdn string, disaster bool) {
	a.Plan.Pool = fqdn
	a.Plan.Mode = string(plan.Planned)
	if disaster {
		a.Plan.Mode = string(plan.Disaster)
	}
	a.SetTab(TabPlans)
	a.BuildPlan()
}
