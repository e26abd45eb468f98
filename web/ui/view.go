package ui

import (
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/web/workspace"
)

// view returns what a reload should put back on screen: the open tab, and the plan shown when
// it was built from the workspace as it is now.
func (a *App) view() workspace.View {
	v := workspace.View{Tab: a.Tab}
	pl := a.PlanStore.Plan
	if pl.Result != nil && !a.PlanStale() {
		r := pl.builtFor
		v.Plan = &workspace.ViewPlan{Pool: r.Pool, Mode: string(r.Mode), Failback: r.Failback, Preview: pl.Preview}
	}
	return v
}

// restoreView reads the stored view: the open tab now, and the plan to build again once the
// engine worker is asked for anything (pendingPlan). A view that cannot be read is dropped
// quietly: it holds nothing of the user's work.
func (a *App) restoreView() {
	stored, ok := a.host.Load(workspace.ViewKey)
	if !ok {
		return
	}
	v, err := workspace.RestoreView(stored)
	if err != nil {
		return
	}
	for _, t := range tabs {
		if t == v.Tab {
			a.Tab = t
		}
	}
	a.savedView = workspace.MarshalView(v)
	if v.Plan != nil {
		a.PlanStore.Plan.Pool, a.PlanStore.Plan.Mode, a.PlanStore.Plan.Failback = v.Plan.Pool, v.Plan.Mode, v.Plan.Failback
		a.PlanStore.Plan.Preview = v.Plan.Preview
		a.pendingPlan = true
	}
}

// saveView stores the view when it changed since it was last stored.
func (a *App) saveView() {
	s := workspace.MarshalView(a.view())
	if s == a.savedView {
		return
	}
	if a.host.Store(workspace.ViewKey, s) == nil {
		a.savedView = s
	}
}

// tabChanged opens the Plans tab on the failover the simulation shows, when it shows one: the
// plan is built for that pool, in disaster mode when the pool is down, unless the plan shown
// is already that one.
func (pl *PlanStore) tabChanged(_, to string) {
	if to != TabPlans || pl.sims == nil {
		return
	}
	pool, disaster, ok := SimFailover(pl.sims.Snapshot())
	if !ok {
		return
	}
	mode := "planned"
	if disaster {
		mode = "disaster"
	}
	if r := pl.Plan.builtFor; pl.Plan.Result != nil && !pl.PlanStale() && r.Pool == pool && string(r.Mode) == mode {
		return
	}
	pl.Plan.Pool, pl.Plan.Mode = pool, mode
	pl.BuildPlan()
}

// SimFailover finds the failover a simulation shows: the first paired Front End pool failed
// over (or failing over), else the first paired Front End pool that is down; disaster is
// whether that pool is down. ok is false when the simulation shows neither.
func SimFailover(s sim.Snapshot) (pool string, disaster, ok bool) {
	var down string
	for _, p := range s.Pools {
		if p.BackupPool == "" || !topology.Role(p.Role).IsFrontEnd() {
			continue
		}
		if p.PoolState == sim.StateFailedOver || p.PoolState == sim.StateFailingOver {
			return p.FQDN, p.Health == sim.HealthDown, true
		}
		if p.Health == sim.HealthDown && down == "" {
			down = p.FQDN
		}
	}
	if down != "" {
		return down, true, true
	}
	return "", false, false
}
