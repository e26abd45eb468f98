package sim

import (
	"container/heap"
	"fmt"
	"strings"
	"time"

	"failwright/engine/quorum"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// event is a timer in the queue: at virtual time At, re-derive the state. Seq orders events
// that fall due at the same time in the order they were scheduled.
type event struct {
	At   time.Duration
	Seq  uint64
	What string // what the timer is for, for debugging and the event log
}

// eventQueue is a min-heap of events by (At, Seq).
type eventQueue []event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if q[i].At != q[j].At {
		return q[i].At < q[j].At
	}
	return q[i].Seq < q[j].Seq
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(event)) }
func (q *eventQueue) Pop() any {
	old := *q
	n := len(old)
	ev := old[n-1]
	*q = old[:n-1]
	return ev
}

// failbackPhase says where a failback in progress has got to.
type failbackPhase int8

const (
	fbNone      failbackPhase = iota
	fbOnBackup                // users still served by the backup pool
	fbHydrating               // home pool hydrating: users in resiliency on the home pool
)

// never marks an unset time.
const never = time.Duration(-1)

// state is every mutable part of a simulation. Slices are indexed by the numbers in index.
type state struct {
	now   time.Duration
	seq   uint64
	seed  int64
	queue eventQueue

	serverUp []bool // flat, pool by pool (poolInfo.serverOff)
	placed   []bool // flat like serverUp: servers Windows Fabric placed replicas on at the last (re)start
	siteUp   []bool
	cut      []bool // nSites x nSites, symmetric
	branchUp []bool

	// Per pool, set by faults and cmdlets.
	beUp       []bool // principal back end (SQL Express on Standard Edition)
	mirrorUp   []bool
	onMirror   []bool          // the mirror is principal
	beLostAt   []time.Duration // when a witness-less mirrored back end stopped answering, or never
	stopped    []bool          // services stopped by a failover
	latched    []bool          // pool-level quorum lost: stays down until the start quorum runs again
	witnessed  []bool          // pool-level quorum held by half of the servers and the SQL witness (logged once)
	poolState  []PoolState
	regCfg     []bool // the pool's registrar configuration (PoolState) exists
	regSet     []regSettings
	regSite    []regSettings // per site; regSiteOn says which exist
	regSiteOn  []bool
	regGlobal  regSettings
	hydFail    []int // failbacks of the pool that fail hydration (Set-SimHydrationFailure)
	nextHop    []int // Edge pools: current next hop
	detect     []time.Duration
	failbackDt []time.Duration
	readOnly   []bool         // put read-only by a planned failover
	disasterFO []bool         // the pool's users were failed over in disaster mode
	rgsInit    []bool         // Invoke-CsRgsStoreReplicateData ran: the pool's RGS data is in the backup tables
	userMoved  map[string]int // sample users moved by Move-CsUser (lower-case URI -> pool); copied on write
	bsCrashed  []bool         // the Backup Service crashes: pairing installed release binaries over a later update (Enable-SimPairing)
	fbPhase    []failbackPhase
	hydrated   []int // routing groups hydrated by an interrupted failover or failback

	// Per pool, derived by recompute.
	health    []Health
	serving   []bool
	downAt    []time.Duration
	upAt      []time.Duration
	mode      []Mode
	servedBy  []int
	resReturn []bool // users wait for failback detection before going home
	rgLost    []int  // routing groups in quorum loss while the pool serves at home

	// Per branch, derived.
	bDownAt  []time.Duration
	bMode    []Mode
	bServed  []int
	bServing []bool

	// Per Backup Service direction.
	dWorking  []bool
	dLastSync []time.Duration
	dSince    []time.Duration
	dProdStop []time.Duration // when the source stopped producing changes, or never
	// dConfPending marks a direction whose conference content (ConfServices.DataConf) must be
	// copied back by hand after a failback (FACTS §6).
	dConfPending []bool

	// Edge pools: whether each carries remote access now (derived; Edge pools only), where the
	// federation route is, and whether remote access and federation work (derived).
	edgeOK   []bool
	media    []int  // Front End pools: the Edge pool associated for media, or -1
	mediaOK  []bool // Front End pools: that Edge pool works (derived)
	fedPool  int
	remoteOK bool
	fedOK    bool

	// Backup Service configuration (Set-CsBackupServiceConfiguration).
	syncEvery time.Duration
	bcfg      backupConfig

	// Per server: drained and stopped by Invoke-CsComputerFailOver (flat like serverUp).
	drained []bool

	// Central Management store.
	cmsPool         int
	cmsStandbyOK    bool          // the partner's standby copy is initialized (in backup mode)
	cmsStandbySince time.Duration // when the standby copy started initializing
	cmsFault        cmsFault      // what a failed or forced CMS move left behind (cmsfault.go)

	// Figures: outages are indexed pools first, then branches.
	outStart    []time.Duration
	outFault    []bool
	rto         []time.Duration
	rtoSet      []bool
	rtoDec      []time.Duration // rto on the decision clock (policy.go)
	decided     []time.Duration // pools: when the administrator decided to fail over, or never
	dataLoss    []time.Duration
	dataLossSet []bool
	timeline    []Sample
	events      []Event
	last        [4]int

	pending  *pending
	faulting bool // the change under way is a fault (or follows from one)

	// parts is the state of the parts a pool failover does not bring back (parts.go).
	parts parts
}

func filled[T any](n int, v T) []T {
	s := make([]T, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func newState(x *index, seed int64) state {
	np, nb, ns, nd := len(x.pools), len(x.branches), len(x.sites), len(x.dirs)
	st := state{
		seed:     seed,
		serverUp: filled(x.nServers, true),
		placed:   filled(x.nServers, true),
		siteUp:   filled(ns, true),
		cut:      make([]bool, ns*ns),
		branchUp: filled(nb, true),

		beUp: filled(np, true), mirrorUp: filled(np, true), onMirror: make([]bool, np), beLostAt: filled(np, never),
		stopped: make([]bool, np), latched: make([]bool, np), witnessed: make([]bool, np), poolState: filled(np, StateActive),
		regCfg: make([]bool, np), regSet: filled(np, defaultRegSettings), regSite: filled(ns, defaultRegSettings),
		regSiteOn: make([]bool, ns), regGlobal: defaultRegSettings, hydFail: make([]int, np), nextHop: make([]int, np), detect: make([]time.Duration, np),
		failbackDt: make([]time.Duration, np), readOnly: make([]bool, np),
		fbPhase: make([]failbackPhase, np), hydrated: make([]int, np),

		health: filled(np, HealthUp), serving: filled(np, true), downAt: filled(np, never),
		upAt: make([]time.Duration, np), mode: filled(np, ModeHome), servedBy: make([]int, np),
		resReturn: make([]bool, np), rgLost: make([]int, np),

		bDownAt: filled(nb, never), bMode: filled(nb, ModeHome), bServed: filled(nb, -1),
		bServing: filled(nb, true),

		dWorking: filled(nd, true), dLastSync: make([]time.Duration, nd), dSince: make([]time.Duration, nd),
		dProdStop: filled(nd, never), dConfPending: make([]bool, nd),
		disasterFO: make([]bool, np), rgsInit: make([]bool, np), bsCrashed: make([]bool, np),

		cmsPool: x.cmsPool, cmsStandbyOK: true, cmsFault: noCMSFault,
		edgeOK: make([]bool, np), media: make([]int, np), mediaOK: make([]bool, np), fedPool: x.fedPool, syncEvery: x.syncEvery, bcfg: defaultBackupConfig,
		drained: make([]bool, x.nServers),

		outStart: filled(np+nb, never), outFault: make([]bool, np+nb),
		rto: make([]time.Duration, np+nb), rtoSet: make([]bool, np+nb),
		rtoDec: make([]time.Duration, np+nb), decided: filled(np, never),
		dataLoss: make([]time.Duration, np), dataLossSet: make([]bool, np),
	}
	st.parts = newParts(x)
	for p, pi := range x.pools {
		st.nextHop[p] = pi.nextHop
		st.detect[p] = pi.detect
		st.failbackDt[p] = pi.failback
		st.servedBy[p] = p
	}
	for _, e := range x.edges {
		st.edgeOK[e] = st.nextHop[e] >= 0
		st.remoteOK = st.remoteOK || st.edgeOK[e]
	}
	for p, pi := range x.pools {
		st.media[p] = pi.mediaEdge
		st.mediaOK[p] = pi.mediaEdge >= 0 && st.edgeOK[pi.mediaEdge]
	}
	st.fedOK = st.fedPool >= 0 && st.edgeOK[st.fedPool]
	return st
}

func cp[T any](s []T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	copy(out, s)
	return out
}

// appendOnly returns s with its capacity cut to its length, so that an append on either of two
// clones copies instead of writing into the shared array.
func appendOnly[T any](s []T) []T { return s[:len(s):len(s)] }

func (st *state) clone() state {
	c := *st
	c.queue = cp(st.queue)
	c.serverUp, c.siteUp, c.cut, c.branchUp = cp(st.serverUp), cp(st.siteUp), cp(st.cut), cp(st.branchUp)
	c.placed = cp(st.placed)
	c.beUp, c.mirrorUp, c.onMirror, c.beLostAt = cp(st.beUp), cp(st.mirrorUp), cp(st.onMirror), cp(st.beLostAt)
	c.stopped, c.latched, c.poolState, c.regCfg = cp(st.stopped), cp(st.latched), cp(st.poolState), cp(st.regCfg)
	c.witnessed = cp(st.witnessed)
	c.nextHop, c.detect, c.failbackDt, c.readOnly = cp(st.nextHop), cp(st.detect), cp(st.failbackDt), cp(st.readOnly)
	c.fbPhase, c.hydrated = cp(st.fbPhase), cp(st.hydrated)
	c.regSet, c.regSite, c.regSiteOn, c.hydFail = cp(st.regSet), cp(st.regSite), cp(st.regSiteOn), cp(st.hydFail)
	c.edgeOK, c.drained, c.media, c.mediaOK = cp(st.edgeOK), cp(st.drained), cp(st.media), cp(st.mediaOK)
	c.dConfPending, c.disasterFO, c.rgsInit = cp(st.dConfPending), cp(st.disasterFO), cp(st.rgsInit)
	c.bsCrashed = cp(st.bsCrashed)
	c.health, c.serving, c.downAt, c.upAt = cp(st.health), cp(st.serving), cp(st.downAt), cp(st.upAt)
	c.mode, c.servedBy, c.resReturn, c.rgLost = cp(st.mode), cp(st.servedBy), cp(st.resReturn), cp(st.rgLost)
	c.bDownAt, c.bMode, c.bServed, c.bServing = cp(st.bDownAt), cp(st.bMode), cp(st.bServed), cp(st.bServing)
	c.dWorking, c.dLastSync, c.dSince, c.dProdStop = cp(st.dWorking), cp(st.dLastSync), cp(st.dSince), cp(st.dProdStop)
	c.outStart, c.outFault, c.rto, c.rtoSet = cp(st.outStart), cp(st.outFault), cp(st.rto), cp(st.rtoSet)
	c.dataLoss, c.dataLossSet = cp(st.dataLoss), cp(st.dataLossSet)
	c.rtoDec, c.decided = cp(st.rtoDec), cp(st.decided)
	c.timeline, c.events = appendOnly(st.timeline), appendOnly(st.events)
	c.parts = st.parts.clone()
	return c
}

// schedule adds a timer.
func (s *Sim) schedule(at time.Duration, what string) {
	if at < s.st.now {
		at = s.st.now
	}
	s.st.seq++
	heap.Push(&s.st.queue, event{At: at, Seq: s.st.seq, What: what})
}

// handle runs one due timer: every timer just re-derives the state at its time. The end of a
// back end's grace (mirroring without a witness) counts as a fault for the RTO figures: the
// outage it starts follows from the back end's failure.
func (s *Sim) handle(ev event) {
	if strings.HasPrefix(ev.What, graceEvent) {
		s.st.faulting = true
		defer func() { s.st.faulting = false }()
	}
	s.recompute()
}

// logf appends an event to the run's log and, while a simulator verb or Wait-SimTime runs,
// prints it as a notice.
func (s *Sim) logf(format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	s.st.events = append(s.st.events, Event{At: s.st.now, Text: text})
	if s.noticeEvents {
		s.out = append(s.out, Line{Kind: LineInfo, Text: "[" + FormatDuration(s.st.now) + "] " + text})
	}
}

// serversOf returns pool p's slice of the server flags (shared with the state: do not keep).
func (s *Sim) serversOf(p int) []bool {
	pi := &s.x.pools[p]
	return s.st.serverUp[pi.serverOff : pi.serverOff+len(pi.servers)]
}

func (s *Sim) runningServers(p int) int {
	n := 0
	for _, u := range s.serversOf(p) {
		if u {
			n++
		}
	}
	return n
}

// linkOK reports whether two sites can reach each other.
func (s *Sim) linkOK(a, b int) bool {
	if a == b {
		return true
	}
	return !s.st.cut[a*len(s.x.sites)+b]
}

// backEndUsable reports whether pool p's store answers: the principal, or the mirror once it
// has become principal. It does not change anything; settleBackEnd does the automatic failover.
func (s *Sim) backEndUsable(p int) bool {
	pi := &s.x.pools[p]
	st := &s.st
	if !pi.hasBE {
		if pi.role.IsFrontEnd() && len(pi.servers) > 0 {
			return st.beUp[p] // Standard Edition: local SQL Express
		}
		return true
	}
	if st.onMirror[p] {
		return st.mirrorUp[p]
	}
	return st.beUp[p]
}

// settleBackEnd fails pool p's store over to the mirror, or back to the principal, as SQL
// mirroring with a witness, AlwaysOn or clustering does on its own (FACTS §9): when the
// principal in use stops and the other copy runs.
func (s *Sim) settleBackEnd(p int) {
	pi := &s.x.pools[p]
	st := &s.st
	if !pi.hasBE || !pi.hasMirror || pi.manualBE {
		return
	}
	switch {
	case st.onMirror[p] && !st.mirrorUp[p] && st.beUp[p]:
		st.onMirror[p] = false
		s.logf("Back end of %s failed back to the principal %s.", pi.fqdn, pi.beFQDN)
	case !st.onMirror[p] && !st.beUp[p] && st.mirrorUp[p]:
		st.onMirror[p] = true
		s.logf("Back end of %s failed over to the mirror %s.", pi.fqdn, pi.mirror)
	}
}

// hardwareHealth derives pool p's health from its site, servers, back end and quorum, and
// updates the quorum latch.
func (s *Sim) hardwareHealth(p int) Health {
	pi := &s.x.pools[p]
	st := &s.st
	up := s.serversOf(p)
	running := s.runningServers(p)
	s.settleBackEnd(p)
	if pi.role.IsFrontEnd() {
		rule := quorum.MinRunning(len(up), pi.version)
		witness := s.witnessUp(p)
		if !rule.SatisfiedWitness(up, witness) {
			if !st.latched[p] && st.siteUp[pi.site] && len(up) > 0 {
				if rule.Satisfied(up) {
					s.logf("Pool %s lost pool-level quorum (%d of %d servers running, half of the pool, and its primary SQL database%s, the witness of an even-sized pool, is not available; it needs %d).",
						pi.fqdn, running, len(up), s.witnessName(p), rule.Running+1)
				} else {
					s.logf("Pool %s lost pool-level quorum (%d of %d servers running; it needs %s).",
						pi.fqdn, running, len(up), rule)
				}
			}
			st.latched[p] = true
		} else if st.latched[p] && quorum.CanStart(up, pi.version) {
			st.latched[p] = false
			s.replace(p)
			s.logf("Pool %s started: %d of %d servers running meet the start quorum of %d.",
				pi.fqdn, running, len(up), quorum.StartQuorum(len(up), pi.version))
		}
		s.noteWitness(p, rule, witness)
	}
	beOK := s.backEndUsable(p)
	if pi.manualBE || pi.noHA {
		beOK = s.backEndGrace(p, beOK)
	}
	switch {
	case !st.siteUp[pi.site], len(up) == 0, running == 0:
		return HealthDown
	case pi.role.IsFrontEnd() && (st.latched[p] || !beOK):
		return HealthDown
	case running == len(up):
		return HealthUp
	default:
		return HealthDegraded
	}
}

// witnessUp reports whether pool p's witness for the even-sized pool rule answers: its primary
// SQL database, the back end's principal while it is principal (not the mirror, nor a
// failed-over secondary), in a site that runs. A pool without a separate back end in the
// topology counts its store. A Standard Edition server has no such rule (its one server never
// makes half of the pool), nor does a pool of one server.
func (s *Sim) witnessUp(p int) bool {
	pi := &s.x.pools[p]
	st := &s.st
	if !pi.role.IsFrontEnd() || len(pi.servers) <= 1 {
		return true
	}
	return st.siteUp[pi.site] && st.beUp[p] && !st.onMirror[p]
}

// noteWitness logs, once each time it starts, that pool p keeps pool-level quorum only because
// its primary SQL database is the witness: exactly half of the servers its rule counts run
// (quorum.Rule.WitnessDecides).
func (s *Sim) noteWitness(p int, rule quorum.Rule, witness bool) {
	st := &s.st
	pi := &s.x.pools[p]
	up := s.serversOf(p)
	held := !st.latched[p] && witness && rule.WitnessDecides() && rule.Satisfied(up) &&
		!(quorum.Rule{Running: rule.Running + 1, AmongFirst: rule.AmongFirst, Servers: rule.Servers}).Satisfied(up)
	if held && !st.witnessed[p] {
		s.logf("Pool %s keeps pool-level quorum with %d of %d servers running, half of the pool: its primary SQL database%s is the witness.",
			pi.fqdn, s.runningServers(p), len(up), s.witnessName(p))
	}
	st.witnessed[p] = held
}

// witnessName is " " and the FQDN of pool p's primary SQL server, or "" when the topology
// names none.
func (s *Sim) witnessName(p int) string {
	if n := s.x.pools[p].beFQDN; n != "" {
		return " " + n
	}
	return ""
}

// backEndGrace follows pool p's back end when nothing fails it over (no high availability, or
// mirroring without a witness) and returns whether the pool may still count it as answering:
// the Front Ends keep their users' sessions for the registrar configuration's
// BackupStoreUnavailableThreshold (30 minutes by default), then put the users in resiliency
// mode (FACTS §9, §23) unless an administrator runs Invoke-CsDatabaseFailover.
func (s *Sim) backEndGrace(p int, beOK bool) bool {
	pi := &s.x.pools[p]
	st := &s.st
	limit := s.backupStoreThreshold(p)
	switch {
	case beOK:
		st.beLostAt[p] = never
	case st.beLostAt[p] == never && st.siteUp[pi.site]:
		st.beLostAt[p] = st.now
		s.schedule(st.now+limit, graceEvent+pi.fqdn)
		if pi.noHA {
			s.logf("Back end %s of %s does not answer and has no high availability: the Front Ends keep their users' sessions for %s (BackupStoreUnavailableThreshold), then put them in resiliency mode.",
				s.principalName(p), pi.fqdn, FormatDuration(limit))
		} else {
			s.logf("Back end %s of %s does not answer and has no witness to fail it over: the Front Ends keep their sessions for %s; run Invoke-CsDatabaseFailover -PoolFqdn %s -DatabaseType User -NewPrincipal %s.",
				s.principalName(p), pi.fqdn, FormatDuration(limit), pi.fqdn, map[bool]string{true: "Primary", false: "Mirror"}[st.onMirror[p]])
		}
	}
	return beOK || (st.beLostAt[p] != never && st.now < st.beLostAt[p]+limit && st.siteUp[pi.site])
}

// backEndSurvival reports whether pool p is down only because its back end, which nothing
// fails over, stayed unavailable beyond BackupStoreUnavailableThreshold: its Front Ends still
// run and keep the users registered in resiliency (survivability) mode [DOC] FACTS §23.
func (s *Sim) backEndSurvival(p int) bool {
	pi := &s.x.pools[p]
	st := &s.st
	return (pi.manualBE || pi.noHA) && st.beLostAt[p] != never && st.siteUp[pi.site] &&
		!st.latched[p] && !st.stopped[p] && s.runningServers(p) > 0 && !s.backEndUsable(p)
}

// replace records that Windows Fabric placed pool p's replicas on the servers running now, as
// it does when the pool starts or recovers from quorum loss.
// A server drained by Invoke-CsComputerFailOver gets no replicas.
func (s *Sim) replace(p int) {
	pi := &s.x.pools[p]
	for i := range pi.servers {
		k := pi.serverOff + i
		s.st.placed[k] = s.st.serverUp[k] && !s.st.drained[k]
	}
}

// cmsAvailable reports whether the active master of the Central Management store answers: its
// pool's site is up, its store answers and one of its servers runs.
func (s *Sim) cmsAvailable() bool {
	c := s.st.cmsPool
	if c < 0 {
		return false
	}
	pi := &s.x.pools[c]
	return s.st.siteUp[pi.site] && s.backEndUsable(c) && s.runningServers(c) > 0 && !s.st.cmsFault.blank
}

// isFull reports whether a mode is full service.
func isFull(m Mode) bool { return m == ModeHome || m == ModeBackup }

// poolMode derives where pool p's users are served and how.
func (s *Sim) poolMode(p int) (Mode, int) {
	st := &s.st
	b := s.x.pools[p].partner
	bOK := b >= 0 && st.serving[b]
	switch st.poolState[p] {
	case StateFailedOver:
		if bOK {
			return ModeBackup, b
		}
		return ModeSignedOut, -1
	case StateFailingOver:
		if st.serving[p] {
			return ModeHome, p
		}
		// The administrator started the failover: the backup registrar accepts the users in
		// resiliency mode without waiting for the detection interval (FACTS §8a).
		if bOK {
			return ModeResiliency, b
		}
		return ModeSignedOut, -1
	case StateFailingBack:
		if st.fbPhase[p] == fbOnBackup && bOK {
			return ModeBackup, b
		}
		if st.fbPhase[p] == fbHydrating && st.serving[p] {
			return ModeResiliency, p
		}
		return ModeSignedOut, -1
	}
	if st.serving[p] {
		if st.resReturn[p] && st.now < st.upAt[p]+st.failbackDt[p] && bOK {
			return ModeResiliency, b
		}
		return ModeHome, p
	}
	if s.backEndSurvival(p) {
		return ModeResiliency, p
	}
	if bOK && st.downAt[p] != never && st.now >= st.downAt[p]+st.detect[p] {
		return ModeResiliency, b
	}
	return ModeSignedOut, -1
}

// branchMode derives where branch i's users are served and how. Branch users get no pool
// disaster recovery: while their backup registrar pool is not serving (even after that pool
// was failed over) they stay in resiliency mode on the appliance (FACTS §7).
func (s *Sim) branchMode(i int) (Mode, int) {
	st := &s.st
	bp := s.x.branches[i].backup
	poolOK := bp < 0 || (st.serving[bp] && st.poolState[bp] == StateActive)
	if st.branchUp[i] {
		if poolOK {
			return ModeHome, -1
		}
		return ModeResiliency, -1
	}
	if bp >= 0 && st.serving[bp] && st.bDownAt[i] != never && st.now >= st.bDownAt[i]+st.detect[bp] {
		return ModeResiliency, bp
	}
	return ModeSignedOut, -1
}

// producing reports whether pool p writes new data that its Backup Service must copy.
// A pool whose users are failed over, or that is failing back, writes nothing of its own.
func (s *Sim) producing(p int) bool {
	ps := s.st.poolState[p]
	return s.st.serving[p] && !s.st.readOnly[p] && (ps == StateActive || ps == StateFailingOver)
}

// recompute re-derives everything that follows from the state at the current time, records
// transitions, schedules the timers they start and samples the timeline.
func (s *Sim) recompute() {
	st := &s.st
	x := s.x
	now := st.now
	for p := range x.pools {
		h := s.hardwareHealth(p)
		if h != st.health[p] {
			s.logf("Pool %s is %s.", x.pools[p].fqdn, h)
			st.health[p] = h
		}
		serving := h != HealthDown && !st.stopped[p]
		if serving != st.serving[p] {
			st.serving[p] = serving
			if serving {
				st.upAt[p] = now
				st.downAt[p] = never
				if st.mode[p] == ModeResiliency && st.poolState[p] == StateActive {
					st.resReturn[p] = true
					s.schedule(now+st.failbackDt[p], "failback detection "+x.pools[p].fqdn)
				}
			} else {
				st.downAt[p] = now
				st.resReturn[p] = false
				if x.isFE(p) {
					s.schedule(now+st.detect[p], "failure detection "+x.pools[p].fqdn)
				}
			}
		}
	}
	s.edgeStatus()
	// Backup Service directions.
	for d, di := range x.dirs {
		working := st.serving[di.from] && st.serving[di.to] && st.siteUp[x.pools[di.from].site] &&
			s.linkOK(x.pools[di.from].site, x.pools[di.to].site) && !st.bsCrashed[di.from] && !st.bsCrashed[di.to]
		if working != st.dWorking[d] {
			if working {
				st.dSince[d] = now
				s.schedule(s.nextTick(now), "backup catch-up")
			} else {
				st.dLastSync[d] = s.lastSyncView(d)
			}
			st.dWorking[d] = working
		}
		prod := s.producing(di.from)
		if prod && st.dProdStop[d] != never {
			st.dProdStop[d] = never
		} else if !prod && st.dProdStop[d] == never {
			st.dProdStop[d] = now
		}
	}
	// The standby CMS copy is initialized once the Backup Service has copied the active master
	// to the partner (cmsfault.go).
	s.cmsStandbyTick()
	// Users.
	for p := range x.pools {
		if !x.isFE(p) {
			continue
		}
		if st.resReturn[p] && st.serving[p] && now >= st.upAt[p]+st.failbackDt[p] {
			st.resReturn[p] = false
		}
		m, by := s.poolMode(p)
		lost := 0
		if m == ModeHome && s.runningServers(p) < len(x.pools[p].servers) {
			lost = s.lostRoutingGroups(p)
		}
		if lost != st.rgLost[p] {
			if lost > 0 {
				s.logf("Routing-group quorum loss in %s: %d of %d routing groups have lost two of their three replicas; their %d users have limited functionality (resiliency mode).",
					x.pools[p].fqdn, lost, topology.RoutingGroupCount(x.pools[p].pool), s.stranded(p, lost))
			} else if m == ModeHome {
				s.logf("Every routing group of %s has its replica quorum again.", x.pools[p].fqdn)
			}
			st.rgLost[p] = lost
		}
		if m != st.mode[p] || by != st.servedBy[p] {
			st.mode[p], st.servedBy[p] = m, by
			if x.pools[p].users > 0 {
				s.logf("Users of %s (%s): %s%s.", x.pools[p].fqdn, units.Thousands(x.pools[p].users), modeText(m), s.servedText(by))
			}
		}
	}
	for i, b := range x.branches {
		up := st.branchUp[i]
		if up != st.bServing[i] {
			st.bServing[i] = up
			if up {
				st.bDownAt[i] = never
			} else {
				st.bDownAt[i] = now
				if b.backup >= 0 {
					s.schedule(now+st.detect[b.backup], "failure detection "+b.fqdn)
				}
			}
		}
		m, by := s.branchMode(i)
		if m != st.bMode[i] || by != st.bServed[i] {
			st.bMode[i], st.bServed[i] = m, by
			if b.users > 0 {
				s.logf("Users of branch %s (%s): %s%s.", b.fqdn, units.Thousands(b.users), modeText(m), s.servedText(by))
			}
		}
	}
	s.measure()
}

// servedText names the pool serving a group of users, or "" for none.
func (s *Sim) servedText(by int) string {
	if by < 0 {
		return ""
	}
	return " (served by " + s.x.pools[by].fqdn + ")"
}

func modeText(m Mode) string {
	switch m {
	case ModeHome:
		return "full service at home"
	case ModeBackup:
		return "full service on the backup pool"
	case ModeResiliency:
		return "resiliency mode"
	default:
		return "signed out"
	}
}

// lostRoutingGroups counts pool p's routing groups in quorum loss.
func (s *Sim) lostRoutingGroups(p int) int {
	lost := 0
	for i := range topology.RoutingGroupCount(s.x.pools[p].pool) {
		if alive, placed := s.replicasRunning(p, i); !s.groupQuorate(p, alive, placed) {
			lost++
		}
	}
	return lost
}

// replicasRunning returns how many of routing group i's replicas run and how many were placed.
func (s *Sim) replicasRunning(p, i int) (alive, placed int) {
	up := s.serversOf(p)
	reps := s.replicas(p, i)
	for _, r := range reps {
		if up[r] {
			alive++
		}
	}
	return alive, len(reps)
}

// groupQuorate reports whether a routing group of pool p with alive of its placed replicas
// running keeps its quorum (quorum.GroupQuorate): two of three; with two replicas (a two-server
// pool) one and the pool's primary SQL database as witness.
func (s *Sim) groupQuorate(p, alive, placed int) bool {
	return quorum.GroupQuorate(alive, placed, s.witnessUp(p))
}

// stranded is how many of pool p's users are in its lost routing groups: users are spread
// evenly over the routing groups (quorum.StrandedUsers).
func (s *Sim) stranded(p, lost int) int {
	pi := &s.x.pools[p]
	return quorum.StrandedUsers(pi.users, lost, topology.RoutingGroupCount(pi.pool))
}

// measure updates outages, RTOs and the timeline.
func (s *Sim) measure() {
	st := &s.st
	x := s.x
	np := len(x.pools)
	track := func(k int, users int, m Mode, name string) {
		if users == 0 {
			return
		}
		full := isFull(m)
		switch {
		case !full && st.outStart[k] == never:
			st.outStart[k] = st.now
			st.outFault[k] = st.faulting
		case !full && st.faulting:
			st.outFault[k] = true
		case full && st.outStart[k] != never:
			d := st.now - st.outStart[k]
			if st.outFault[k] {
				if !st.rtoSet[k] || d > st.rto[k] {
					st.rto[k], st.rtoDec[k] = d, s.fromDecision(k, d)
				}
				st.rtoSet[k] = true
			}
			st.outStart[k] = never
			s.logf("Users of %s have full service again after %s.", name, FormatDuration(d))
		}
	}
	var counts [4]int
	for p := range x.pools {
		if !x.isFE(p) {
			continue
		}
		m := st.mode[p]
		if k := s.stranded(p, st.rgLost[p]); k > 0 {
			counts[modeIndex(ModeResiliency)] += k
			counts[modeIndex(m)] += x.pools[p].users - k
			m = ModeResiliency
		} else {
			counts[modeIndex(m)] += x.pools[p].users
		}
		track(p, x.pools[p].users, m, x.pools[p].fqdn)
	}
	for i, b := range x.branches {
		counts[modeIndex(st.bMode[i])] += b.users
		track(np+i, b.users, st.bMode[i], b.fqdn)
	}
	changed := s.measureFeatures()
	if counts != st.last || changed {
		st.last = counts
		sm := Sample{At: st.now, Users: countsToMap(counts), Without: s.withoutMap()}
		if n := len(st.timeline); n > 0 && st.timeline[n-1].At == st.now {
			st.timeline = append(st.timeline[:n-1:n-1], sm)
		} else {
			st.timeline = append(st.timeline, sm)
		}
	}
}

func modeIndex(m Mode) int {
	switch m {
	case ModeHome:
		return 0
	case ModeBackup:
		return 1
	case ModeResiliency:
		return 2
	default:
		return 3
	}
}

func countsToMap(c [4]int) map[Mode]int {
	m := make(map[Mode]int, 4)
	for i, mode := range Modes {
		m[mode] = c[i]
	}
	return m
}

func (s *Sim) countsMap() map[Mode]int { return countsToMap(s.st.last) }

// nextTick is the first Backup Service sync tick strictly after t.
func (s *Sim) nextTick(t time.Duration) time.Duration {
	iv := s.st.syncEvery
	return (t/iv + 1) * iv
}

// lastSyncView is the time of direction d's last completed sync at the current time. Syncs
// happen on a grid of the sync interval; after replication resumes, the first tick catches up.
func (s *Sim) lastSyncView(d int) time.Duration {
	st := &s.st
	if !st.dWorking[d] {
		return st.dLastSync[d]
	}
	iv := s.st.syncEvery
	tick := st.now / iv * iv
	if tick >= st.dSince[d] && tick > st.dLastSync[d] {
		return tick
	}
	return st.dLastSync[d]
}

// backlog is how much of direction d's source changes have not reached the target, as a span
// of time.
func (s *Sim) backlog(d int) time.Duration {
	st := &s.st
	end := st.now
	if st.dProdStop[d] != never && st.dProdStop[d] < end {
		end = st.dProdStop[d]
	}
	b := end - s.lastSyncView(d)
	if b < 0 {
		return 0
	}
	return b
}

// backupState is direction d's export state now.
func (s *Sim) backupState(d int) BackupState {
	st := &s.st
	di := s.x.dirs[d]
	bl := s.backlog(d)
	caughtUp := s.lastSyncView(d) >= st.dSince[d]
	switch {
	case st.bsCrashed[di.from] || st.bsCrashed[di.to]:
		return BackupError // LyncBackupService.exe crashes on one end (FACTS §23)
	case !st.serving[di.from] && !st.stopped[di.from]:
		// The source pool failed (site, servers, quorum or back end): its Backup Service
		// cannot export, whatever it had copied before. A pool whose services a planned
		// failover stopped is not failed: it reports its final state.
		return BackupError
	case st.dProdStop[d] != never && bl == 0 && (caughtUp || !st.dWorking[d]):
		return BackupFinal
	case !st.dWorking[d] && !st.serving[di.from]:
		return BackupError
	case !st.dWorking[d]:
		return BackupNonSteady
	case !caughtUp:
		return BackupNonSteady
	default:
		return BackupSteady
	}
}

// forceSync completes a sync of direction d now, when it can run.
func (s *Sim) forceSync(d int) bool {
	if !s.st.dWorking[d] {
		return false
	}
	s.st.dLastSync[d] = s.st.now
	s.st.dSince[d] = min(s.st.dSince[d], s.st.now)
	return true
}
