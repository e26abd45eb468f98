package scenarios

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// fakeEngine is a tiny stand-in for the simulator: enough behaviour to test the runner, the
// report and the trainer without depending on the simulator's details.
type fakeEngine struct {
	t      *topology.Topology
	now    time.Duration
	down   map[string]bool
	state  map[string]sim.PoolState
	cmsAt  string
	failAt map[string]time.Duration
	rto    map[string]time.Duration
	lost   map[string]time.Duration
}

func newFake(t *topology.Topology, _ int64) (Engine, error) {
	return &fakeEngine{t: t, down: map[string]bool{}, state: map[string]sim.PoolState{}, cmsAt: t.CMS.Pool,
		failAt: map[string]time.Duration{}, rto: map[string]time.Duration{}, lost: map[string]time.Duration{}}, nil
}

func (f *fakeEngine) Advance(d time.Duration) { f.now += d }
func (f *fakeEngine) Now() time.Duration      { return f.now }

func (f *fakeEngine) Exec(line string) sim.Result {
	sts, err := shell.Parse(line)
	if err != nil || len(sts) == 0 {
		return sim.Result{Failed: true, ErrorID: "ParseError", Lines: []sim.Line{{Kind: sim.LineError, Text: fmt.Sprint(err)}}}
	}
	// The fake reads commands leniently: every parameter is optional.
	c, e := patternCatalog().Bind(sts[0], "")
	if e != nil {
		return sim.Result{Failed: true, ErrorID: e.ID, Lines: []sim.Line{{Kind: sim.LineError, Text: sts[0].Name + " : " + e.Message}}}
	}
	p := f.t.PoolByFQDN(c.Str("PoolFqdn"))
	fail := func(id, msg string) sim.Result {
		return sim.Result{Failed: true, ErrorID: id, Lines: []sim.Line{{Kind: sim.LineError, Text: c.Cmdlet + " : " + msg}}}
	}
	switch strings.ToLower(c.Cmdlet) {
	case "stop-simpool":
		if p == nil {
			return fail("PoolNotFound", "no such pool")
		}
		f.down[p.FQDN] = true
		f.failAt[p.FQDN] = f.now
		return sim.Result{Changed: true, Lines: []sim.Line{{Kind: sim.LineInfo, Text: "pool " + p.FQDN + " stopped"}}}
	case "start-simpool":
		if p == nil {
			return fail("PoolNotFound", "no such pool")
		}
		delete(f.down, p.FQDN)
		return sim.Result{Changed: true}
	case "wait-simtime":
		m, _ := c.Int("Minutes")
		f.now += time.Duration(m) * time.Minute
		return sim.Result{Lines: []sim.Line{{Kind: sim.LineInfo, Text: "time advanced"}}}
	case "invoke-csmanagementserverfailover":
		if c.Switch("WhatIf") {
			return sim.Result{Lines: []sim.Line{{Kind: sim.LineOutput, Text: "What if: CMS on " + f.cmsAt}}}
		}
		home := f.t.PoolByFQDN(f.cmsAt)
		f.cmsAt = home.BackupPool
		return sim.Result{Changed: true, Lines: []sim.Line{{Kind: sim.LineOutput, Text: "CMS moved to " + f.cmsAt}}}
	case "invoke-cspoolfailover":
		if p == nil {
			return fail("PoolNotFound", "no such pool")
		}
		if p.BackupPool == "" {
			return fail("NoBackupPool", "the pool has no backup pool")
		}
		disaster := c.Switch("DisasterMode")
		if f.down[p.FQDN] && !disaster {
			return fail("PoolUnreachable", "the pool cannot be reached; use -DisasterMode")
		}
		if f.down[f.cmsAt] {
			return fail("CmsUnavailable", "the Central Management store is not available")
		}
		if c.Switch("WhatIf") {
			return sim.Result{Lines: []sim.Line{{Kind: sim.LineOutput, Text: "What if: failing over " + p.FQDN}}}
		}
		f.now += 15 * time.Minute
		f.state[p.FQDN] = sim.StateFailedOver
		if at, ok := f.failAt[p.FQDN]; ok {
			f.rto[p.FQDN] = f.now - at
			f.lost[p.FQDN] = 2 * time.Minute
		}
		return sim.Result{Changed: true, Lines: []sim.Line{{Kind: sim.LineVerbose, Text: "VERBOSE: Hydrating Routing Groups Owned by " + p.FQDN}}}
	case "invoke-cspoolfailback":
		if p == nil {
			return fail("PoolNotFound", "no such pool")
		}
		if f.down[p.FQDN] {
			return fail("HomePoolDown", "the home pool is not running")
		}
		f.now += 10 * time.Minute
		f.state[p.FQDN] = sim.StateActive
		return sim.Result{Changed: true}
	case "get-simstate":
		return sim.Result{Lines: []sim.Line{{Kind: sim.LineOutput, Text: "state"}}}
	}
	return fail("CommandNotFoundException", "The term '"+c.Cmdlet+"' is not recognized")
}

func (f *fakeEngine) Snapshot() sim.Snapshot {
	s := sim.Snapshot{Now: f.now, CMS: sim.CMSSnapshot{ActivePool: f.cmsAt, Available: !f.down[f.cmsAt]}}
	for _, p := range f.t.Pools {
		ps := sim.PoolSnapshot{FQDN: p.FQDN, Health: sim.HealthUp, PoolState: sim.StateActive, BackEndUp: true}
		if st, ok := f.state[p.FQDN]; ok {
			ps.PoolState = st
		}
		for range p.Servers {
			ps.ServersUp = append(ps.ServersUp, !f.down[p.FQDN])
		}
		if f.down[p.FQDN] {
			ps.Health, ps.BackEndUp = sim.HealthDown, false
		}
		if p.Role.IsFrontEnd() {
			mode, by := sim.ModeHome, p.FQDN
			switch {
			case ps.PoolState == sim.StateFailedOver:
				mode, by = sim.ModeBackup, p.BackupPool
			case f.down[p.FQDN] && p.BackupPool != "":
				mode, by = sim.ModeResiliency, p.BackupPool
			case f.down[p.FQDN]:
				mode, by = sim.ModeSignedOut, ""
			}
			ps.Users = map[sim.Mode]int{mode: p.Users}
			ps.ServedBy = by
			if p.BackupPool != "" {
				s.Backup = append(s.Backup, sim.BackupSnapshot{From: p.FQDN, To: p.BackupPool, State: sim.BackupSteady})
			}
		}
		ps.NextHop = p.NextHop
		s.Pools = append(s.Pools, ps)
	}
	for _, site := range f.t.Sites {
		s.Sites = append(s.Sites, sim.SiteSnapshot{Name: site.Name, Up: true})
	}
	for _, b := range f.t.Branches {
		s.Branches = append(s.Branches, sim.BranchSnapshot{FQDN: b.FQDN, Up: true, Users: map[sim.Mode]int{sim.ModeHome: b.Users}})
	}
	return s
}

func (f *fakeEngine) Report() sim.Report {
	r := sim.Report{RTO: map[string]time.Duration{}, DataLoss: map[string]time.Duration{}}
	for k, v := range f.rto {
		r.RTO[k] = v
	}
	for k, v := range f.lost {
		r.DataLoss[k] = v
	}
	for p := range f.failAt {
		if _, ok := f.rto[p]; !ok {
			r.Unrestored = append(r.Unrestored, p)
		}
	}
	sort.Strings(r.Unrestored)
	total := 0
	for _, p := range f.t.Pools {
		total += p.Users
	}
	r.Timeline = []sim.Sample{{At: 0, Users: map[sim.Mode]int{sim.ModeHome: total}}}
	return r
}
