package plan

import (
	"slices"
	"strconv"
	"strings"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// Migration is what a migration plan adds to a plan: its stages in order and the one that
// leaves the deployment most exposed.
type Migration struct {
	// From is the FQDN of the pool that is retired; To the pool that takes over.
	From string `json:"from"`
	To   string `json:"to"`
	// Stages are the stages in the order they are run.
	Stages []Stage `json:"stages"`
	// Riskiest is the ID of the riskiest stage; RiskiestWhy says why.
	Riskiest    string `json:"riskiest"`
	RiskiestWhy string `json:"riskiestWhy"`
}

// Stage is one stage of a migration plan: a run of consecutive steps, the deployment as it
// must stand before them (Preflight), and who would lose disaster recovery if a site failed
// once they are done (Exposure, an N-1 analysis of the topology as it then stands).
type Stage struct {
	// ID is a stable short name, for example "users-1".
	ID string `json:"id"`
	// Title says what the stage does.
	Title string `json:"title"`
	// First and Last are the numbers of the stage's first and last steps.
	First int `json:"first"`
	Last  int `json:"last"`
	// Preflight are the facts the deployment must show before the stage starts; the
	// PowerShell script checks them before running the stage's steps.
	Preflight []Assumption `json:"preflight"`
	// Exposure lists, per site whose loss would leave users without disaster recovery once
	// the stage is done, who they are; empty when every site can fail.
	Exposure []Exposure `json:"exposure"`
	// ExposedUsers is the most users one site's loss would leave without disaster recovery.
	ExposedUsers int `json:"exposedUsers"`
}

// Exposure is what losing one site would cost at a stage: the users left without a backup
// pool that can carry them.
type Exposure struct {
	// Site is the site lost.
	Site string `json:"site"`
	// Users is how many users would have no disaster recovery.
	Users int `json:"users"`
	// Pools are the pools whose users they are, each with why.
	Pools []string `json:"pools"`
}

// migration holds what one BuildMigration needs.
type migration struct {
	b        *builder
	old, new *topology.Pool
	partner  *topology.Pool // the new pool's backup pool
	batches  []int          // users moved by each batch
	stages   []Stage
	sims     []stageSim
}

// stageSim is the topology a stage's steps are simulated on.
type stageSim struct {
	t     *topology.Topology
	first int // index of the stage's first step
	last  int // index after its last step
}

// BuildMigration builds and validates the staged plan that moves pool req.Pool's users,
// services and pairing to pool req.MigrateTo on topology t, the target design holding both
// pools: the new pool's pairing (with the cumulative update re-run where
// topology.PairNeedsUpdateRerun says so), the Central Management store when the old pool
// holds it, the users in batches the new pool's backup pool can carry, the Edge next hops,
// the branch appliances' backup registrar, and the old pool's pairing removed last. Each
// stage's steps are run in the simulator on the topology as it stands at that stage, and each
// stage's exposure is the N-1 analysis of the topology once it is done. A migration that
// cannot keep the moved users covered is refused (codes PL030-PL035, docs/plans.md).
func BuildMigration(t *topology.Topology, req Request) (*Plan, topology.Findings) {
	b := &builder{t: t, req: req}
	m := &migration{b: b}
	if !m.resolve() {
		return nil, b.done()
	}
	if !b.validTopology() {
		return nil, b.done()
	}
	m.capacity()
	if b.fs.HasErrors() {
		return nil, b.done()
	}
	m.layout()
	m.simulate()
	if b.fs.HasErrors() {
		return nil, b.done()
	}
	p := &Plan{
		FormatVersion: FormatVersion,
		EngineVersion: EngineVersion,
		TopologyName:  t.Name,
		Request:       b.req,
		BackupPool:    m.partner.FQDN,
		Assumptions:   migrationAssumptions(t, b.req),
		Steps:         b.steps,
		Migration:     &Migration{From: m.old.FQDN, To: m.new.FQDN, Stages: m.stages},
	}
	p.Request.Setup = []string{}
	m.risk(p.Migration)
	p.Prediction = migrationPrediction(t, p)
	p.Findings = append(topology.Findings{}, b.done()...)
	p.Fingerprint = topology.Fingerprint(t)
	p.ID = ComputeID(p)
	return p, slices.Clone(p.Findings)
}

// resolve finds the two pools and the new pool's partner, and checks every value the plan
// can put into a command.
func (m *migration) resolve() bool {
	b, t := m.b, m.b.t
	if t == nil {
		b.errorf("PL001", "request.pool", "Give a topology.", "no topology to plan on")
		return false
	}
	b.req.Mode, b.req.Failback = Migrate, false
	m.old = t.PoolByFQDN(b.req.Pool)
	if m.old == nil {
		b.errorf("PL001", "request.pool", "Name the Front End pool to move away from with --migrate.",
			"pool \""+b.req.Pool+"\" is not in the topology")
	}
	m.new = t.PoolByFQDN(b.req.MigrateTo)
	if m.new == nil {
		b.errorf("PL001", "request.migrateTo", "Name the Front End pool to move to with --to; the topology is the target design and must hold it.",
			"pool \""+b.req.MigrateTo+"\" is not in the topology")
	}
	if m.old == nil || m.new == nil {
		return false
	}
	b.req.Pool, b.req.MigrateTo = m.old.FQDN, m.new.FQDN
	switch {
	case !m.old.Role.IsFrontEnd() || !m.new.Role.IsFrontEnd():
		b.errorf("PL030", "request.migrateTo", "Move users between Front End pools.",
			"a migration moves users from one Front End pool to another; "+m.old.FQDN+" is a "+string(m.old.Role)+" pool and "+m.new.FQDN+" a "+string(m.new.Role)+" pool")
		return false
	case m.old == m.new:
		b.errorf("PL030", "request.migrateTo", "Name another pool with --to.", "pool "+m.old.FQDN+" cannot be moved to itself")
		return false
	}
	m.partner = t.PoolByFQDN(m.new.BackupPool)
	path := poolPath(t, m.new.FQDN) + ".backupPool"
	switch {
	case m.partner == nil || !m.partner.Role.IsFrontEnd():
		b.errorf("PL031", path, "Pair "+m.new.FQDN+" with a Front End pool in another site in the target design: users moved to it must keep disaster recovery.",
			"the new pool "+m.new.FQDN+" has no backup pool: the users moved to it would have no disaster recovery")
		return false
	case m.partner == m.old:
		b.errorf("PL031", path, "Pair "+m.new.FQDN+" with a pool that stays: "+m.old.FQDN+"'s pairing is removed at the end of the move.",
			"the new pool's backup pool is the pool being retired")
		return false
	case !strings.EqualFold(m.partner.BackupPool, m.new.FQDN):
		b.errorf("PL004", poolPath(t, m.partner.FQDN)+".backupPool", "Pairing is 1:1 and reciprocal: set "+m.partner.FQDN+"'s backup pool to "+m.new.FQDN+".",
			"backup pool "+m.partner.FQDN+" does not name "+m.new.FQDN+" as its own backup pool")
	case strings.EqualFold(m.partner.Site, m.new.Site):
		b.errorf("PL031", path, "Pair "+m.new.FQDN+" with a pool in another site.",
			"the new pool "+m.new.FQDN+" and its backup pool "+m.partner.FQDN+" are both in "+m.new.Site+": losing the site loses both")
	}
	// The builder's safety checks cover the pool, its backup pool, the CMS pool and the Edge
	// pools of a failover plan; a migration names the old and the new pair, the Edge pools
	// whose next hop moves and the branches.
	b.pool, b.bk = m.old, t.PoolByFQDN(m.old.BackupPool)
	b.cms = t.PoolByFQDN(t.CMS.Pool)
	b.cmsBk = m.new
	for i := range t.Pools {
		if e := &t.Pools[i]; e.Role == topology.Edge && strings.EqualFold(e.NextHop, m.old.FQDN) {
			b.edges = append(b.edges, e)
		}
	}
	b.safety()
	m.safety()
	return !b.fs.HasErrors()
}

// safety checks the values only a migration puts into commands: the new pair's FQDNs, sites
// and sample users, and the branches' FQDNs.
func (m *migration) safety() {
	b, t := m.b, m.b.t
	keep := b.pool
	for _, p := range []*topology.Pool{m.new, m.partner} {
		b.pool = p
		b.safety()
	}
	b.pool = keep
	for i := range t.Branches {
		if br := &t.Branches[i]; strings.EqualFold(br.BackupRegistrar, m.old.FQDN) && !topology.ValidFQDN(br.FQDN) {
			b.errorf("PL005", t.BranchPath(i)+".fqdn", "Use an RFC 1123 host name.",
				"value "+strconv.Quote(br.FQDN)+" is not a valid FQDN; the plan would put it in a step")
		}
	}
	b.fs = dedupe(b.fs)
}

// dedupe drops findings repeated by checking a pool twice.
func dedupe(fs topology.Findings) topology.Findings {
	var out topology.Findings
	seen := map[string]bool{}
	for _, f := range fs {
		k := f.Code + "\x00" + f.Path + "\x00" + f.Message
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// capacity checks that the new pool and its backup pool can carry the moved users and sizes
// the batches: each at most one Front End Server's worth of users (topology.UsersPerServer),
// so that every batch is a step the operator can check before the next.
func (m *migration) capacity() {
	b, t := m.b, m.b.t
	moving := t.TotalUsers(m.old)
	after := t.TotalUsers(m.new) + moving
	if c := topology.Capacity(m.new); after > c {
		b.errorf("PL032", poolPath(t, m.new.FQDN)+".servers",
			"Add Front End Servers to "+m.new.FQDN+" (it needs "+strconv.Itoa(topology.ServersNeeded(after))+").",
			"the new pool "+m.new.FQDN+" can carry "+topology.Thousands(c)+" users but would home "+topology.Thousands(after)+" after the move")
	}
	if c := topology.FailoverCapacity(m.partner); after+t.TotalUsers(m.partner) > c {
		b.errorf("PL032", poolPath(t, m.partner.FQDN)+".servers",
			"Add Front End Servers to "+m.partner.FQDN+" (it needs "+strconv.Itoa(topology.ServersNeeded(after+t.TotalUsers(m.partner)))+" for both pools' users).",
			"the backup pool "+m.partner.FQDN+" can carry "+topology.Thousands(c)+" users but would serve "+topology.Thousands(after+t.TotalUsers(m.partner))+" if "+m.new.FQDN+" failed after the move")
	}
	if len(m.old.SampleUsers) == 0 {
		b.warnf("PL018", poolPath(t, m.old.FQDN)+".sampleUsers", "Add a sample user (sampleUsers) so the plan can check where one registers.",
			"pool "+m.old.FQDN+" has no sample user: the plan cannot verify a moved user's registrar with Get-CsUserPoolInfo")
	}
	users := max(m.old.Users, 0)
	if users == 0 {
		return
	}
	n := (users + topology.UsersPerServer - 1) / topology.UsersPerServer
	for i := range n {
		size := users / n
		if i < users%n {
			size++
		}
		m.batches = append(m.batches, size)
	}
}

// migrationAssumptions are the facts a migration relies on: those of a plan for the old pool
// and those of a plan for the new pool, each path once.
func migrationAssumptions(t *topology.Topology, req Request) []Assumption {
	as := Assumptions(t, req)
	seen := map[string]bool{}
	for _, a := range as {
		seen[a.Path] = true
	}
	for _, a := range Assumptions(t, Request{Pool: req.MigrateTo}) {
		if !seen[a.Path] {
			seen[a.Path] = true
			as = append(as, a)
		}
	}
	slices.SortFunc(as, func(a, b Assumption) int { return strings.Compare(a.Path, b.Path) })
	return as
}

// migrationPrediction is what a migration predicts: no outage and no data loss, the steps'
// durations added up, and the users by mode, every user at home throughout.
func migrationPrediction(t *topology.Topology, p *Plan) Prediction {
	pr := Prediction{Simulated: true}
	for _, s := range p.Steps {
		pr.Total += s.Duration
	}
	users := 0
	for i := range t.Pools {
		users += max(t.Pools[i].Users, 0)
	}
	pr.Timeline = []Point{{At: 0, Home: users}, {At: pr.Total, Home: users}}
	return pr
}

// simulate runs every stage's steps in a fresh simulation of the topology as it stands at
// that stage: checks and verifications must succeed, and show what they should.
func (m *migration) simulate() {
	b := m.b
	for _, ss := range m.sims {
		s, err := sim.New(ss.t, sim.Options{Seed: Seed})
		if err != nil {
			b.errorf("PL020", "topology", "Fix the topology (failwright validate).", "the simulator cannot run a stage of this migration: "+err.Error())
			return
		}
		p := &Plan{Steps: b.steps[ss.first:ss.last]}
		var fs topology.Findings
		runStage(p, s, &fs)
		b.fs = append(b.fs, fs...)
	}
}

// runStage runs a stage's steps on s: checks (their output must show what the step says),
// changes with their verifications, and the simulator lines that stand for manual steps.
func runStage(p *Plan, s *sim.Sim, fs *topology.Findings) {
	fail := func(st *Step, what string, r sim.Result) {
		*fs = append(*fs, topology.Finding{Code: "PL014", Severity: topology.Error,
			Path:    "steps[" + strconv.Itoa(st.Number-1) + "]",
			Message: "step " + strconv.Itoa(st.Number) + " (" + st.ID + ") " + what + " failed in the simulation: " + firstError(r),
			Fix:     "Fix what the error names in the topology, then plan again."})
	}
	exec := func(line string) sim.Result {
		r := s.ExecConfirmed(line)
		if r.ErrorID != "" {
			r.Failed = true
		}
		return r
	}
	for i := range p.Steps {
		st := &p.Steps[i]
		before := s.Now()
		for _, line := range st.Simulate {
			if r := exec(line); r.Failed {
				fail(st, "simulation line "+strconv.Quote(line), r)
			}
		}
		switch st.Kind {
		case KindCheck:
			if r := exec(st.Command); r.Failed {
				fail(st, "check", r)
			} else if st.Shows != "" && !shows(r, st.Shows) {
				r.Failed, r.ErrorID = true, ""
				r.Err = &sim.Error{Message: "its output does not show " + strconv.Quote(st.Shows)}
				fail(st, "check", r)
			}
		case KindChange:
			if r := exec(st.Command); r.Failed {
				fail(st, "command", r)
			}
			for _, v := range st.Verify {
				if r := exec(v.Line()); r.Failed {
					fail(st, "verification "+strconv.Quote(v.Line()), r)
				}
			}
		}
		if s.Now() == before {
			s.Advance(st.Duration.Std())
		}
	}
}
