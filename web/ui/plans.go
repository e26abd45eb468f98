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
	// sims is the simulation the Plans tab opens on (tabChanged).
	sims *SimStore
}

// PlanState is the Plans tab's state.
type PlanState struct {
	// Pool is the FQDN of the pool to fail over.
	Pool string
	// Mode is "planned", "disaster" or "migrate".
	Mode string
	// MigrateTo is, in mode "migrate", the pool the users move to.
	MigrateTo string
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
	// builtFor is the request Result answers.
	builtFor plan.Request
	// Ev is the evidence of a run (reports.go).
	Ev EvidenceState
}

// PairedPools lists the Front End pools that have a backup pool: the ones a plan can fail over.
func (pl *PlanStore) PairedPools() []string {
	var out []string
	for _, p := range pl.T().Pools {
		if p.Role.IsFrontEnd() && p.BackupPool != "" && p.FQDN != "" {
			out = append(out, p.FQDN)
		}
	}
	return out
}

// PlanPool returns the pool chosen for the plan, defaulting to the first paired pool.
func (pl *PlanStore) PlanPool() string {
	pools := pl.PairedPools()
	for _, p := range pools {
		if p == pl.Plan.Pool {
			return p
		}
	}
	if len(pools) > 0 {
		return pools[0]
	}
	return ""
}

// SetPlanPool chooses the pool.
func (pl *PlanStore) SetPlanPool(v string) { pl.Plan.Pool = v }

// SetPlanMode chooses planned or disaster.
func (pl *PlanStore) SetPlanMode(v string) {
	if v == string(plan.Planned) || v == string(plan.Disaster) || v == string(plan.Migrate) {
		pl.Plan.Mode = v
	}
}

// MigrationTargets lists the Front End pools a migration from the chosen pool can move to: the
// other paired Front End pools (the plan refuses those that cannot carry the users).
func (pl *PlanStore) MigrationTargets() []string {
	var out []string
	for _, p := range pl.PairedPools() {
		if p != pl.PlanPool() {
			out = append(out, p)
		}
	}
	return out
}

// PlanMigrateTo returns the pool chosen to move to, defaulting to the first target.
func (pl *PlanStore) PlanMigrateTo() string {
	ts := pl.MigrationTargets()
	for _, p := range ts {
		if p == pl.Plan.MigrateTo {
			return p
		}
	}
	if len(ts) > 0 {
		return ts[0]
	}
	return ""
}

// SetPlanMigrateTo chooses the pool to move to.
func (pl *PlanStore) SetPlanMigrateTo(v string) { pl.Plan.MigrateTo = v }

// SetPlanFailback includes or leaves out the failback steps.
func (pl *PlanStore) SetPlanFailback(b bool) { pl.Plan.Failback = b }

// BuildPlan asks the engine worker for the plan, validated by simulation, and its renderings.
func (pl *PlanStore) BuildPlan() {
	pool := pl.PlanPool()
	pl.Plan.Error = ""
	if pool == "" {
		pl.Plan.Error = "No pool can be failed over: pair two Front End pools on the Topology tab first."
		return
	}
	topo, err := json.Marshal(pl.T())
	if err != nil {
		pl.Plan.Error = err.Error()
		return
	}
	req := &plan.Request{Pool: pool, Mode: plan.Mode(pl.Plan.Mode), Failback: pl.Plan.Failback}
	if req.Mode == plan.Migrate {
		req.Failback, req.MigrateTo = false, pl.PlanMigrateTo()
		if req.MigrateTo == "" {
			pl.Plan.Error = "No pool to move to: add a paired Front End pool on the Topology tab first."
			return
		}
	}
	changes := pl.doc.Changes
	pl.engine(proto.Request{Op: proto.OpPlan, Topology: topo, Plan: req}, func(r proto.Response) {
		if r.Error != "" {
			pl.Plan.Error = r.Error
			return
		}
		pl.Plan.Result = r.Plan
		pl.Plan.builtAt = changes
		pl.Plan.builtFor = *req
		if pl.Plan.Preview == "" {
			pl.Plan.Preview = "ps1"
		}
	})
}

// PlanStale reports whether the topology changed since the plan was built.
func (pl *PlanStore) PlanStale() bool {
	return pl.Plan.Result != nil && pl.Plan.builtAt != pl.doc.Changes
}

// PlanRefused reports whether the last request was refused.
func (pl *PlanStore) PlanRefused() bool { return pl.Plan.Result != nil && pl.Plan.Result.Plan == nil }

// PlanFindings returns the findings of the last plan.
func (pl *PlanStore) PlanFindings() topology.Findings {
	if pl.Plan.Result == nil {
		return nil
	}
	return pl.Plan.Result.Findings
}

// PlanSteps returns the plan's steps.
func (pl *PlanStore) PlanSteps() []plan.Step {
	if pl.Plan.Result == nil || pl.Plan.Result.Plan == nil {
		return nil
	}
	return pl.Plan.Result.Plan.Steps
}

// PlanPrediction returns the plan's predicted figures.
func (pl *PlanStore) PlanPrediction() plan.Prediction {
	if pl.Plan.Result == nil || pl.Plan.Result.Plan == nil {
		return plan.Prediction{}
	}
	return pl.Plan.Result.Plan.Prediction
}

// PlanChart draws the predicted timeline.
func (pl *PlanStore) PlanChart() Chart {
	pr := pl.PlanPrediction()
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
func (pl *PlanStore) PlanText(kind string) string {
	r := pl.Plan.Result
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
func (pl *PlanStore) SetPreview(kind string) { pl.Plan.Preview = kind }

// DownloadPlan downloads one rendering: "ps1", "md" or "json".
func (pl *PlanStore) DownloadPlan(kind string) {
	text := pl.PlanText(kind)
	if text == "" {
		return
	}
	mimeType := map[string]string{"ps1": "text/plain", "md": "text/markdown", "json": "application/json"}[kind]
	rq := pl.Plan.Result.Plan.Request
	name := workspace.FileName(pl.W()) + "-" + rq.Pool + "-" + string(rq.Mode)
	if rq.MigrateTo != "" {
		name += "-to-" + rq.MigrateTo
	}
	if kind == "json" {
		name += ".plan"
	}
	pl.host.Download(name+"."+kind, mimeType, []byte(text))
}

// PlanFor opens the Plans tab for a pool: a disaster plan when the pool is down, a planned
// one otherwise.
func (pl *PlanStore) PlanFor(fqdn string, disaster bool) {
	pl.Plan.Pool = fqdn
	pl.Plan.Mode = string(plan.Planned)
	if disaster {
		pl.Plan.Mode = string(plan.Disaster)
	}
	pl.SetTab(TabPlans)
	pl.BuildPlan()
}
