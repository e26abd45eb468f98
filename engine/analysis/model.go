package analysis

import (
	"sync"
	"time"

	"failwright/engine/plan"
	"failwright/engine/quorum"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// Documented targets of the recovery steps (FACTS §9). The model no longer uses them for its
// figures (it computes what failwright's plan takes in the simulator, see recoveryTime); they
// stay for callers that show the documented figures next to the computed ones.
const (
	// FailoverSfB is a pool failover on Skype for Business Server 2015 and 2019 (the upper
	// end of the documented 15-20 minutes).
	FailoverSfB = 20 * time.Minute
	// FailoverLync2013 is a pool failover on Lync Server 2013 (documented 30 minutes).
	FailoverLync2013 = 30 * time.Minute
	// CMSFailover is a Central Management store failover (documented 5 minutes); a plan that
	// needs it runs it before the pool failover.
	CMSFailover = 5 * time.Minute
	// BackEndFailover is a back-end database failover to the mirror (documented 5 minutes).
	BackEndFailover = 5 * time.Minute
	// BackEndGrace is how long the Front Ends of a pool whose SQL mirroring has no witness
	// keep their sessions after the principal stops, before the pool goes down: the
	// simulator's grace (sim.BackEndGrace, about 30 minutes, FACTS §9).
	BackEndGrace = sim.BackEndGrace
	// EdgeRepoint is moving an Edge pool's internal next hop off the failed pool, which the
	// failover needs first.
	EdgeRepoint = 5 * time.Minute
	// RPOSfB and RPOLync2013 are the documented data-loss targets of a disaster-mode pool
	// failover (5 and 30 minutes).
	RPOSfB      = 5 * time.Minute
	RPOLync2013 = 30 * time.Minute
)

// The durations of failwright's disaster plan as the simulator runs it (plan.Simulate on
// engine/sim): a check or a step the simulator does not time takes the plan's estimate; a
// cmdlet takes the simulated time of its steps, read from the simulator's timing table
// (sim.DurCMSFailover, sim.HydrationTime, ...). TestModelMatchesSimulator and
// TestModelMatchesPlan hold these to the simulator and the plan builder.
const (
	// planCheck is a read-only check step of the plan.
	planCheck = time.Minute
	// planEdgeMove is the plan's Set-CsEdgeServer step (the simulator gives it no time).
	planEdgeMove = 5 * time.Minute
	// EdgeNextHopMove is what moving one Edge pool's next hop adds to a failover: the check of
	// the next hop and the Set-CsEdgeServer step.
	EdgeNextHopMove = planCheck + planEdgeMove
)

// hydrationTime is how long the simulator's Invoke-CsPoolFailOver takes to load a pool's
// routing groups on the backup pool: sim.HydrationTime split evenly over its routing groups in
// whole seconds, as the simulator waits one share per routing group.
func hydrationTime(v topology.Version, users, groups int) time.Duration {
	total := sim.HydrationTime(v, users, groups)
	if groups <= 0 {
		return total
	}
	return (total / time.Duration(groups)).Truncate(time.Second) * time.Duration(groups)
}

// recoveryTime is the RTO of a disaster-mode failover of pool p, from the failure until its
// users have full service on the backup pool, without a CMS failover (cmsFailoverTime adds
// that): the plan's next-hop moves for every Edge pool that names p, its three CMS checks and
// two backup checks, then Invoke-CsPoolFailOver: a CMS replication, PoolState FailingOver, the
// hydration and, on 2015/2019, the data verification, until PoolState FailedOver.
func recoveryTime(p *topology.Pool, v topology.Version, users, edges int) time.Duration {
	d := time.Duration(edges)*EdgeNextHopMove + 5*planCheck + sim.DurCMSReplication + sim.DurSetState +
		hydrationTime(v, users, topology.RoutingGroupCount(p))
	if v != topology.Lync2013 {
		d += sim.DurVerify
	}
	return d
}

// cmsFailoverTime is what a CMS failover adds to a pool's recovery when the CMS is lost or
// its pool is down: the mirror-state check (2013 and 2015 standby pools), the
// disaster-recovery Invoke-CsManagementServerFailover and the two checks after it.
func cmsFailoverTime(standby topology.Version) time.Duration {
	d := sim.DurCMSFailover + 2*planCheck
	if standby == topology.Lync2013 || standby == topology.SfB2015 {
		d += planCheck
	}
	return d
}

// cmsRebuildTime is what rebuilding a lost CMS without a standby on a backup pool of the
// given number of servers adds to a recovery: the exports copied, Install-CsDatabase,
// Move-CsManagementServer -Force, three checks, and Bootstrapper on the other servers.
func cmsRebuildTime(servers int) time.Duration {
	return 4*planCheck + sim.DurCMSReplication + sim.DurCMSFailover + time.Duration(max(servers-1, 0))*plan.BootstrapperPerServer
}

// strikeTime is when the analysis lets the failure strike: one second before the Backup
// Service's first sync, the worst case for data loss (as the plan builder's default disaster).
// A disaster-mode failover then loses everything since the last sync: strikeTime itself.
func strikeTime(sync time.Duration) time.Duration { return max(sync-time.Second, 0) }

// Model is failwright's analytic model of a failure and its recovery, an Evaluator. It
// follows the rules the simulator and the plan builder apply (quorum, back ends, the CMS, the
// Edge next hop, pairing, capacity), computed directly instead of by running cmdlets.
type Model struct {
	x       *index
	posOnce sync.Once
	pos     map[Element]int // made on the first Evaluate
	all     []int           // every Front End pool
}

// NewModel returns the model evaluator for t.
func NewModel(t *topology.Topology) (*Model, error) {
	x, err := newIndex(t)
	if err != nil {
		return nil, err
	}
	return newModel(x), nil
}

func newModel(x *index) *Model {
	m := &Model{x: x, all: make([]int, len(x.pools))}
	for i := range m.all {
		m.all[i] = i
	}
	return m
}

// Evaluate implements Evaluator. Elements not in the topology are ignored.
func (m *Model) Evaluate(set FailureSet) Outcome {
	m.posOnce.Do(func() {
		m.pos = make(map[Element]int, len(m.x.elems))
		for i, e := range m.x.elems {
			m.pos[e] = i
		}
	})
	idx := make([]int, 0, len(set))
	for _, e := range set {
		if i, ok := m.pos[e]; ok {
			idx = append(idx, i)
		}
	}
	return m.eval(idx)
}

// scratch is the working memory of one evaluation, kept between evaluations so that the
// analysis allocates little. It is not shared between goroutines.
type scratch struct {
	siteDown []bool
	poolDown []bool // pool element
	srvUp    []bool // every Front End server, pool by pool (index.srvOff)
	// srvDown and srvDownFirst count, per pool, its servers down and those among the first
	// servers its quorum rule counts.
	srvDown, srvDownFirst []int32
	beDown                bool // CMS pool principal back end
	mirrorDown            bool
	// grace is true while evaluating when the CMS pool, whose store nothing fails over (no
	// high availability, or mirroring without a witness), lost it but would otherwise run: it
	// goes down only when the grace runs out.
	grace    bool
	edgeDown []bool
	cut      []bool

	up, dbUp, carries []bool
	serves            []bool // listed pools: their users have full service (home or backup)
	upServers         []int
	listed            []bool // pools of a restricted evaluation
	edgeSet           []int  // Edge pools the failure set fails, or fails the site of, or of their Director
	edgeDelta         int    // restricted evaluations: Edge pools working less those at baseline

	// Buffers of the analyzer's local evaluations.
	unitBuf  []int32
	poolBuf  []int
	setBuf   []int
	worseBuf []poolVal
	slab     []poolVal // where keep copies lists that outlive the evaluation
}

// keep returns a copy of list carved from a shared slab, so that the many short lists the
// analysis keeps cost one allocation per few thousand entries rather than one each (nil for
// an empty list).
func (s *scratch) keep(list []poolVal) []poolVal {
	n := len(list)
	if n == 0 {
		return nil
	}
	if cap(s.slab)-len(s.slab) < n {
		s.slab = make([]poolVal, 0, max(1024, n))
	}
	k := len(s.slab)
	s.slab = append(s.slab, list...)
	return s.slab[k : k+n : k+n]
}

func newScratch(x *index) *scratch {
	n := len(x.pools)
	sc := &scratch{
		siteDown: make([]bool, len(x.sites)), poolDown: make([]bool, n), srvUp: make([]bool, x.nServers),
		edgeDown: make([]bool, len(x.edges)), cut: make([]bool, len(x.links)),
		up: make([]bool, n), dbUp: make([]bool, n), carries: make([]bool, n),
		upServers: make([]int, n), listed: make([]bool, n), serves: make([]bool, n),
		srvDown: make([]int32, n), srvDownFirst: make([]int32, n),
	}
	for i := range sc.srvUp {
		sc.srvUp[i] = true
	}
	return sc
}

// eval computes the outcome of the failure set given as element indices.
func (m *Model) eval(set []int) Outcome {
	var out Outcome
	m.evalInto(set, newScratch(m.x), &out)
	return out
}

// evalInto computes the outcome of the failure set into out, reusing sc and out's memory.
func (m *Model) evalInto(set []int, sc *scratch, out *Outcome) {
	m.evalPools(set, sc, out, m.all, nil)
}

// localBase is what a restricted evaluation reads of the baseline for what it does not
// evaluate: per pool whether its users have full service, and per Edge pool whether it gives
// remote access.
type localBase struct {
	serves []bool
	edges  []bool
	nEdges int // Edge pools giving remote access
	// cms is what became of the CMS, and cmsUp whether the CMS pool is up, for evaluations
	// that do not list the CMS pool (their elements cannot change it).
	cms   CMSState
	cmsUp bool
}

// evalPools is evalInto restricted to the Front End pools listed (which must include the CMS
// pool's unit): only their entries of out.Pools are written. Edge pools whose state can
// differ from the baseline's (their next hop is listed, or the set fails them, their site or
// their Director's site) are evaluated; the others are copied from lb. With every pool
// listed, lb is not read. The scratch is left as it was found: every element up.
func (m *Model) evalPools(set []int, sc *scratch, out *Outcome, pools []int, lb *localBase) {
	x := m.x
	sc.edgeSet = sc.edgeSet[:0]
	for _, ei := range set {
		m.apply(sc, ei, true)
	}
	restricted := len(pools) < len(x.pools)
	if restricted {
		for _, i := range pools {
			sc.listed[i] = true
		}
	}
	m.recover(sc, out, pools, lb)
	if restricted {
		for _, i := range pools {
			sc.listed[i] = false
		}
	}
	for _, ei := range set {
		m.apply(sc, ei, false)
	}
}

// apply fails element ei in sc (down) or puts it back up, noting the Edge pools it can change.
func (m *Model) apply(sc *scratch, ei int, down bool) {
	x := m.x
	t := &x.targets[ei]
	switch x.elems[ei].Kind {
	case KindServer:
		if t.server >= 0 && sc.srvUp[t.server] == down {
			sc.srvUp[t.server] = !down
			d := int32(1)
			if !down {
				d = -1
			}
			sc.srvDown[t.pool] += d
			if t.server-x.srvOff[t.pool] < x.pools[t.pool].rule.AmongFirst {
				sc.srvDownFirst[t.pool] += d
			}
		}
	case KindPool:
		if t.pool >= 0 {
			sc.poolDown[t.pool] = down
		}
	case KindSite:
		if t.site >= 0 {
			sc.siteDown[t.site] = down
			if down {
				sc.edgeSet = append(sc.edgeSet, x.siteEdges[t.site]...)
			}
		}
	case KindEdge:
		if t.edge >= 0 {
			sc.edgeDown[t.edge] = down
			if down {
				sc.edgeSet = append(sc.edgeSet, t.edge)
			}
		}
	case KindBackEnd:
		sc.beDown = down
	case KindMirror:
		sc.mirrorDown = down
	case KindLink:
		if t.link >= 0 {
			sc.cut[t.link] = down
		}
	}
}

// siteUp reports whether site k runs; pools in no known site run unless failed themselves.
func (s *scratch) siteUp(k int) bool { return k < 0 || !s.siteDown[k] }

// recover applies the recovery failwright plans to the failed state and writes the outcome.
func (m *Model) recover(s *scratch, out *Outcome, pools []int, lb *localBase) {
	x := m.x
	n := len(x.pools)
	m.poolsUp(s, pools)
	if cap(out.Pools) < n {
		out.Pools = make([]PoolOutcome, n)
	}
	out.Pools = out.Pools[:n]
	for _, i := range pools {
		// Field by field: zeroing the whole struct, which holds a string, costs a call with
		// write barriers in Go's WebAssembly code. Service is set below.
		o := &out.Pools[i]
		o.ServedBy, o.Unserved, o.NoDR, o.Served, o.Capacity, o.Overflow = 0, 0, 0, 0, 0, 0
		o.RTO, o.DataLoss = 0, 0
	}
	if out.Edges == nil || cap(out.Edges) < len(x.edges) {
		out.Edges = make([]bool, len(x.edges))
	}
	out.Edges = out.Edges[:len(x.edges)]
	s.edgeDelta = 0
	cmsUp := m.cms(s, out, pools, lb)
	m.serve(s, out, pools, cmsUp)
	m.loads(s, out, pools)

	// Remote access through each Edge pool.
	if len(pools) < n {
		copy(out.Edges, lb.edges)
		for _, i := range pools {
			for _, k := range x.pools[i].edgesHop {
				m.setEdge(s, out, k, lb)
			}
		}
		for _, k := range s.edgeSet {
			m.setEdge(s, out, k, lb)
		}
		return
	}
	for k := range x.edges {
		out.Edges[k] = m.edgeWorks(s, k, nil)
	}
}

// poolsUp works out, for each listed pool, whether it runs, its servers running, whether its
// store answers, and whether the CMS pool is in its back end's grace.
func (m *Model) poolsUp(s *scratch, pools []int) {
	x := m.x
	up, upServers, dbUp, carries := s.up, s.upServers, s.dbUp, s.carries
	s.grace = false
	for _, i := range pools {
		carries[i] = false
		p := &x.pools[i]
		nsrv := len(p.servers)
		alive := s.siteUp(p.site) && !s.poolDown[i]
		upServers[i] = 0
		if alive {
			upServers[i] = nsrv - int(s.srvDown[i])
		}
		db := alive
		if p.standard {
			db = alive && nsrv > 0 && s.srvUp[x.srvOff[i]]
		} else if p.hasBE && i == x.cms {
			principal := !s.beDown
			// With a witness (or AlwaysOn, clustering) the mirror takes over at once. Without
			// one nothing fails the store over by itself, but failwright's plan does
			// (Invoke-CsDatabaseFailover) within the Front Ends' grace, so the users keep
			// their service. Only when the mirror is lost too does the pool stop once the
			// grace runs out, and the plan fails it over.
			mirror := p.hasMirror && !s.mirrorDown
			db = alive && (principal || mirror)
		}
		dbUp[i] = db
		// The quorum rule (quorum.Rule.SatisfiedWitness) from the counts of servers down: where
		// the rule asks for exactly half of the servers it counts, that half holds only while
		// the primary SQL database runs as the witness (not when the store runs on the mirror).
		running := min(nsrv, p.rule.AmongFirst) - int(s.srvDownFirst[i])
		quorate := nsrv > 0 && p.rule.Servers > 0 && running >= p.rule.Running &&
			(!p.witness || running > p.rule.Running || s.witnessUp(x, i))
		up[i] = alive && db && quorate
		if i == x.cms && (p.manualBE || p.noHA) && alive && !db && quorate {
			s.grace = true
		}
	}
}

// witnessUp reports whether pool i's primary SQL database runs as its witness (sim.witnessUp):
// the only back end the analysis fails is the CMS pool's principal.
func (s *scratch) witnessUp(x *index, i int) bool { return i != x.cms || !s.beDown }

// stranded is how many of pool i's users, the pool running at home, are in routing groups that
// lost two of their three replicas (quorum.LostGroups, quorum.StrandedUsers): they have limited
// functionality while the others keep full service. Only two or more servers down can strand
// users, which keeps the cost off nearly every evaluation.
func (s *scratch) stranded(x *index, i int) int {
	p := &x.pools[i]
	if p.rgAt == nil || s.srvDown[i] < 2 {
		return 0
	}
	off := x.srvOff[i]
	lost := quorum.LostGroups(p.rgAt, s.srvUp[off:off+len(p.servers)], s.witnessUp(x, i))
	return quorum.StrandedUsers(p.users, lost, p.groups)
}

// cms writes what became of the Central Management store and returns whether its pool is up
// (both from lb when the evaluation does not list the CMS pool).
func (m *Model) cms(s *scratch, out *Outcome, pools []int, lb *localBase) (cmsUp bool) {
	x := m.x
	up := s.up
	cmsListed := x.cms < 0 || len(pools) == len(x.pools) || s.listed[x.cms]
	if !cmsListed {
		out.CMS = lb.cms
		return lb.cmsUp
	}
	switch c := x.cms; {
	case c < 0:
		out.CMS = CMSLost
	case s.dbUp[c] && s.upServers[c] > 0: // the store, and a Front End to run its master service
		out.CMS = CMSAvailable
	case x.pools[c].partner >= 0 && up[x.pools[c].partner]:
		out.CMS = CMSFailedOver
	default:
		out.CMS = CMSLost
	}
	return x.cms >= 0 && up[x.cms]
}

// serve writes the service of each listed pool's users after recovery, with its RTO and data
// loss when the plan fails it over.
func (m *Model) serve(s *scratch, out *Outcome, pools []int, cmsUp bool) {
	x := m.x
	up := s.up
	for _, i := range pools {
		p := &x.pools[i]
		o := &out.Pools[i]
		o.ServedBy = -1
		s.serves[i] = true
		if up[i] {
			o.Service, o.ServedBy = ServiceHome, i
			o.Unserved = s.stranded(x, i)
			continue
		}
		b := p.partner
		// A lost CMS is rebuilt on the backup pool's store when that answers (plan.cmsRebuild).
		rebuild := out.CMS == CMSLost && x.cms >= 0 && b >= 0 && b != x.cms && s.dbUp[b]
		if b >= 0 && up[b] && p.sameVer && (out.CMS != CMSLost || rebuild) {
			o.Service, o.ServedBy = ServiceBackup, b
			s.carries[b] = true
			if p.users > 0 { // a pool without users has no outage to measure
				o.RTO = p.recovery
				if rebuild {
					o.RTO += cmsRebuildTime(len(x.pools[b].servers))
				} else if x.cms >= 0 && (out.CMS != CMSAvailable || !cmsUp) {
					o.RTO += x.cmsFailover // the plan fails the CMS over first
				}
			}
			o.DataLoss = x.strike
			if i == x.cms && s.grace {
				o.DataLoss = m.graceLoss(s, i)
			}
			continue
		}
		s.serves[i] = false
		if b >= 0 && up[b] || i == x.cms && s.grace {
			// The backup registrar, or, for a pool down only because its back end stayed
			// unavailable beyond the threshold, the pool's own Front Ends (sim.backEndSurvival).
			o.Service = ServiceResiliency
		} else {
			o.Service = ServiceSignedOut
		}
		o.Unserved = p.users
	}
}

// loads writes, for each listed pool, the users left without disaster recovery, and the load
// and capacity of those that run.
func (m *Model) loads(s *scratch, out *Outcome, pools []int) {
	x := m.x
	up := s.up
	for _, i := range pools {
		p := &x.pools[i]
		o := &out.Pools[i]
		b := p.partner
		protected := up[i] && b >= 0 && up[b] && p.sameVer && !m.cutBetween(s, p.site, x.pools[b].site)
		if !protected {
			o.NoDR = p.users
		}
		if !up[i] {
			continue
		}
		o.Served, o.Capacity = servedCapacity(x, i, s.upServers[i], s.carries[i])
		o.Overflow = max(0, o.Served-o.Capacity)
	}
}

// cutBetween reports whether the link between two different known sites is cut.
func (m *Model) cutBetween(s *scratch, a, b int) bool {
	if a < 0 || b < 0 || a == b {
		return false
	}
	l := m.x.linkOf(a, b)
	return l >= 0 && s.cut[l]
}

// graceLoss is the data-loss window of CMS pool i when it went down only at the end of its
// back end's grace: the Backup Service went on copying its changes meanwhile, unless the link
// to its backup pool's site is cut, so the window runs from the last sync before the pool
// stopped.
func (m *Model) graceLoss(s *scratch, i int) time.Duration {
	x := m.x
	end := x.strike + BackEndGrace
	if b := x.pools[i].partner; b >= 0 {
		a, c := x.pools[i].site, x.pools[b].site
		if a >= 0 && c >= 0 && a != c {
			if l := x.linkOf(a, c); l >= 0 && s.cut[l] {
				return end
			}
		}
	}
	if x.sync > 0 {
		return end % x.sync
	}
	return end
}

// setEdge evaluates Edge pool k into out.Edges in a restricted evaluation, counting in
// s.edgeDelta how the number of Edge pools giving remote access moves from the baseline's.
func (m *Model) setEdge(s *scratch, out *Outcome, k int, lb *localBase) {
	w := m.edgeWorks(s, k, lb)
	if w != out.Edges[k] {
		if w {
			s.edgeDelta++
		} else {
			s.edgeDelta--
		}
		out.Edges[k] = w
	}
}

// edgeWorks reports whether Edge pool k gives remote access: it runs, and its next hop serves
// (a Front End pool whose users have full service, or a Director whose site runs). In a
// restricted evaluation (lb not nil) an unlisted next hop serves as at baseline.
func (m *Model) edgeWorks(s *scratch, k int, lb *localBase) bool {
	x := m.x
	e := &x.edges[k]
	if s.edgeDown[k] || !s.siteUp(e.site) {
		return false
	}
	switch {
	case e.nextFE >= 0:
		if lb != nil && !s.listed[e.nextFE] {
			return lb.serves[e.nextFE]
		}
		return s.serves[e.nextFE]
	case e.nextDir >= 0:
		return s.siteUp(e.nextDir)
	}
	return false
}

// servedCapacity returns the users Front End pool i carries and its capacity, with upServers
// servers running and, when carries, its partner's users failed over to it: an Enterprise pool
// carries topology.UsersPerServer per running server up to the version's maximum; a Standard
// Edition server topology.StandardEditionUsers, or StandardEditionFailoverUsers while it
// carries its partner.
func servedCapacity(x *index, i, upServers int, carries bool) (served, capacity int) {
	p := &x.pools[i]
	served = p.total
	if carries && p.partner >= 0 {
		served += x.pools[p.partner].total
	}
	switch {
	case p.standard && carries:
		capacity = topology.StandardEditionFailoverUsers
	case p.standard:
		capacity = topology.StandardEditionUsers
	default:
		capacity = min(upServers*topology.UsersPerServer, p.maxUsers)
	}
	return served, capacity
}
