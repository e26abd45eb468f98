package plan

import (
	"strconv"
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// The durations of the recovery's manual steps, exported because the failure analysis assumes
// the same recovery and counts the same time (engine/analysis: the feature waits). They are
// failwright's estimates of the work by hand, not Microsoft's figures.
const (
	// RGSExportDuration is exporting a pool's Response Groups (Export-CsRgsConfiguration).
	RGSExportDuration = 5 * time.Minute
	// RGSDuration is importing them into the other pool and the agents signing in again.
	RGSDuration = 20 * time.Minute
	// CallParkDuration and AnnouncementDuration are pointing the Call Park orbits and the
	// unassigned numbers at the other pool (Set-CsCallParkOrbit, Set-CsUnassignedNumber).
	CallParkDuration     = 10 * time.Minute
	AnnouncementDuration = 10 * time.Minute
	// LISDuration is restoring and publishing the location database (Import- and
	// Publish-CsLisConfiguration).
	LISDuration = 15 * time.Minute
)

// Estimated step durations, used when a step takes no simulated time (a person reading
// output, typing, or working by hand) and as the prediction when no simulation ran.
const (
	checkDuration    = time.Minute
	edgeDuration     = 5 * time.Minute
	cmsDuration      = 5 * time.Minute  // CMS failover RTO (FACTS §9)
	failoverSfB      = 20 * time.Minute // pool failover RTO, 2015/2019 (FACTS §9: 15-20 min)
	failover2013     = 30 * time.Minute // pool failover RTO, Lync 2013 (FACTS §9)
	confSyncDuration = 10 * time.Minute
	failbackPer20k   = sim.FailbackPer20k // FACTS §6: up to 60 min for 20,000 users (the simulator's figure)
	minFailback      = 10 * time.Minute
	rpoSfB           = 5 * time.Minute  // FACTS §9
	rpo2013          = 30 * time.Minute // FACTS §9
)

// failure is the failure state a plan starts from: which pools are down and whether the
// Central Management store answers.
type failure struct {
	// down lists the FQDNs of the pools that are down (compared case-insensitively).
	down []string
	// cmsDown is true when the CMS's active master does not answer.
	cmsDown bool
	// cmsPool is the pool hosting the active master, when known ("" means the topology's).
	cmsPool string
	// backup is the Backup Service state of each direction, when known (from a simulation).
	backup []sim.BackupSnapshot
	// dbFailover lists the pools whose principal SQL Server is down while their mirror,
	// without a witness, can take over: the plan fails their databases over first, and the
	// rest of the failure state is the one that remains after that.
	dbFailover []string
	// returning is true when the plan's pool was down before its database failover (the
	// Front Ends' grace ran out): its users come back from resiliency mode only after the
	// registrar's failback detection interval.
	returning bool
}

// backupState returns the state of the Backup Service direction from one pool to another,
// or "" when unknown.
func (f *failure) backupState(from, to string) sim.BackupState {
	for _, b := range f.backup {
		if strings.EqualFold(b.From, from) && strings.EqualFold(b.To, to) {
			return b.State
		}
	}
	return ""
}

// isDown reports whether the pool with the given FQDN is down in the failure state.
func (f *failure) isDown(fqdn string) bool {
	for _, d := range f.down {
		if strings.EqualFold(d, fqdn) {
			return true
		}
	}
	return false
}

// builder holds what one Build needs.
type builder struct {
	t     *topology.Topology
	req   Request
	pool  *topology.Pool // the pool failed over
	bk    *topology.Pool // its backup pool
	cms   *topology.Pool // the pool hosting the CMS
	cmsBk *topology.Pool // the CMS pool's backup pool
	edges []*topology.Pool
	st    failure
	cmsFO bool // the plan fails the CMS over
	// cmsMove is true when the CMS must move but cannot be failed over (no standby): the plan
	// rebuilds it on the backup pool's back end instead (cmsRebuild).
	cmsMove bool
	steps   []Step
	fs      topology.Findings
	// grp is the group the steps laid out now belong to (Step.Group).
	grp string
	// modelled is true when the topology models any part a pool failover does not bring back
	// (recoveryModelled): steps then follow the model.
	modelled bool
}

// add records a finding.
func (b *builder) add(f topology.Finding) { b.fs = append(b.fs, f) }

// errorf records an error: the plan is refused.
func (b *builder) errorf(code, path, fix, msg string) {
	b.add(topology.Finding{Code: code, Severity: topology.Error, Path: path, Message: msg, Fix: fix})
}

// warnf records a warning, which the plan carries.
func (b *builder) warnf(code, path, fix, msg string) {
	b.add(topology.Finding{Code: code, Severity: topology.Warning, Path: path, Message: msg, Fix: fix})
}

// infof records a remark, which the plan carries.
func (b *builder) infof(code, path, msg string) {
	b.add(topology.Finding{Code: code, Severity: topology.Info, Path: path, Message: msg})
}

// poolPath is the model path of t's pool with the given FQDN (topology.PoolPath), so that a
// path names that pool alone and never shows a hostile name's hidden characters.
func poolPath(t *topology.Topology, fqdn string) string {
	for i := range t.Pools {
		if t.Pools[i].FQDN == fqdn {
			return t.PoolPath(i)
		}
	}
	return "pools[" + fqdn + "]"
}

// branchPath is poolPath for branches (topology.BranchPath).
func branchPath(t *topology.Topology, fqdn string) string {
	for i := range t.Branches {
		if t.Branches[i].FQDN == fqdn {
			return t.BranchPath(i)
		}
	}
	return "branches[" + fqdn + "]"
}

// ComposeFor builds a plan's steps, assumptions and findings for t and req without simulating
// it, from the failure state given: which pools are down and where the CMS is (ComposeSnapshot
// reads them from a simulation). req.Setup is kept in the plan as given but not interpreted.
// The plan has no ID and its Prediction holds the documented targets. It is the cheap half of
// Build: analysis code that already holds a failed simulation composes, then runs Simulate.
func ComposeFor(t *topology.Topology, req Request, down []string, cmsPool string, cmsAvailable bool) (*Plan, topology.Findings) {
	b := &builder{t: t, req: req}
	if !b.resolve() {
		return nil, b.done()
	}
	b.st = failure{down: down, cmsDown: !cmsAvailable, cmsPool: cmsPool}
	return b.compose()
}

// compose runs the checks that need the failure state, then lays out the steps.
func (b *builder) compose() (*Plan, topology.Findings) {
	b.checkState()
	if b.fs.HasErrors() {
		return nil, b.done()
	}
	b.modelled = recoveryModelled(b.t)
	b.layout()
	p := &Plan{
		FormatVersion: FormatVersion,
		EngineVersion: EngineVersion,
		TopologyName:  b.t.Name,
		Request:       b.req,
		BackupPool:    b.bk.FQDN,
		Assumptions:   Assumptions(b.t, b.req),
		Steps:         b.steps,
	}
	if p.Request.Setup == nil {
		p.Request.Setup = []string{} // written as [] rather than null
	}
	p.Prediction = staticPrediction(b.t, p, b.pool)
	fs := b.done()
	p.Findings = append(topology.Findings{}, fs...)
	return p, fs
}

// done returns the findings, sorted.
func (b *builder) done() topology.Findings {
	b.fs.Sort()
	return b.fs
}

// resolve finds the pools the plan is about and checks every topology value that can end up
// in a command, before anything is built. It reports whether planning can go on.
func (b *builder) resolve() bool {
	t, req := b.t, b.req
	if t == nil {
		b.errorf("PL001", "request.pool", "Give a topology.", "no topology to plan on")
		return false
	}
	if req.Mode != Planned && req.Mode != Disaster {
		b.errorf("PL022", "request.mode", "Use planned or disaster.", "unknown failover mode \""+string(req.Mode)+"\"")
	}
	b.pool = t.PoolByFQDN(req.Pool)
	if b.pool == nil {
		b.errorf("PL001", "request.pool", "Name a Front End pool of the topology with --pool.",
			"pool \""+req.Pool+"\" is not in the topology")
		return false
	}
	b.req.Pool = b.pool.FQDN // the topology's spelling
	path := poolPath(b.t, b.pool.FQDN)
	if !b.pool.Role.IsFrontEnd() {
		b.errorf("PL002", path+".role", "Fail over the Front End pool this "+string(b.pool.Role)+" pool serves instead.",
			"pool "+b.pool.FQDN+" is a "+string(b.pool.Role)+" pool; only Front End pools are failed over")
		return false
	}
	if b.pool.BackupPool == "" {
		b.errorf("PL003", path+".backupPool", "Pair the pool with a Front End pool in another site in Topology Builder and publish.",
			"pool "+b.pool.FQDN+" has no backup pool: Invoke-CsPoolFailOver cannot fail it over")
		return false
	}
	b.bk = t.PoolByFQDN(b.pool.BackupPool)
	if b.bk == nil || !b.bk.Role.IsFrontEnd() {
		b.errorf("PL004", path+".backupPool", "Pair the pool with an existing Front End pool.",
			"backup pool \""+b.pool.BackupPool+"\" is not a Front End pool of the topology")
		return false
	}
	if !strings.EqualFold(b.bk.BackupPool, b.pool.FQDN) {
		b.errorf("PL004", poolPath(b.t, b.bk.FQDN)+".backupPool", "Pairing is 1:1 and reciprocal: set "+b.bk.FQDN+"'s backup pool to "+b.pool.FQDN+".",
			"backup pool "+b.bk.FQDN+" does not name "+b.pool.FQDN+" as its own backup pool")
	}
	b.cms = t.PoolByFQDN(t.CMS.Pool)
	if b.cms == nil || !b.cms.Role.IsFrontEnd() {
		b.errorf("PL010", "cms.pool", "Name the Front End pool whose back end hosts the Central Management store.",
			"the CMS pool \""+t.CMS.Pool+"\" is not a Front End pool of the topology")
	} else if b.cms.BackupPool != "" {
		b.cmsBk = t.PoolByFQDN(b.cms.BackupPool)
	}
	for i := range t.Pools {
		e := &t.Pools[i]
		if e.Role == topology.Edge && strings.EqualFold(e.NextHop, b.pool.FQDN) {
			b.edges = append(b.edges, e)
		}
	}
	b.safety()
	return !b.fs.HasErrors()
}

// safety checks every topology value the plan can put into a command or a script, so that a
// hostile name is refused before any script exists.
func (b *builder) safety() {
	t := b.t
	if !validText(t.Name, topology.MaxNameLen) {
		b.errorf("PL005", "name", "Keep the name on one line: 1 to "+strconv.Itoa(topology.MaxNameLen)+" characters, no control or invisible formatting characters.",
			"the topology name "+strconv.Quote(t.Name)+" cannot be printed safely in a script")
	}
	fqdn := func(path, v string) {
		if !topology.ValidFQDN(v) {
			b.errorf("PL005", path, "Use an RFC 1123 host name: letters, digits and hyphens in dot-separated labels.",
				"value "+strconv.Quote(v)+" is not a valid FQDN; the plan would put it in a command")
		}
	}
	site := func(path, v string) {
		if !topology.ValidSiteName(v) {
			b.errorf("PL006", path, "Use 1 to 64 letters, digits, spaces, hyphens, underscores or dots.",
				"site name "+strconv.Quote(v)+" cannot be put in a command safely")
		}
	}
	instance := func(path, v string) {
		if v != "" && !topology.ValidInstanceName(v) {
			b.errorf("PL006", path, "Use 1 to 16 letters, digits or underscores, starting with a letter or underscore.",
				"SQL instance name "+strconv.Quote(v)+" cannot be put in a command safely")
		}
	}
	pool := func(p *topology.Pool) {
		if p == nil {
			return
		}
		path := poolPath(b.t, p.FQDN)
		fqdn(path+".fqdn", p.FQDN)
		site(path+".site", p.Site)
		for i, u := range p.SampleUsers {
			if !topology.ValidSIPAddress(u) {
				b.errorf("PL006", path+".sampleUsers["+strconv.Itoa(i)+"]", "Use sip:user@domain with letters, digits and . _ - + in the user part.",
					"sample user "+strconv.Quote(u)+" cannot be put in a command safely")
			}
		}
		if be := p.BackEnd; be != nil {
			fqdn(path+".backEnd.fqdn", be.FQDN)
			instance(path+".backEnd.instance", be.Instance)
			if be.Mirror != nil {
				fqdn(path+".backEnd.mirror.fqdn", be.Mirror.FQDN)
				instance(path+".backEnd.mirror.instance", be.Mirror.Instance)
			}
		}
		for i, s := range p.Servers {
			fqdn(path+".servers["+strconv.Itoa(i)+"].fqdn", s.FQDN)
		}
	}
	pool(b.pool)
	if b.bk != b.pool {
		pool(b.bk)
	}
	if b.cms != b.pool && b.cms != b.bk {
		pool(b.cms)
	}
	if b.cmsBk != b.pool && b.cmsBk != b.bk && b.cmsBk != b.cms {
		pool(b.cmsBk)
	}
	for _, e := range b.edges {
		fqdn(poolPath(b.t, e.FQDN)+".fqdn", e.FQDN)
		site(poolPath(b.t, e.FQDN)+".site", e.Site)
	}
	for i := range t.Pools {
		if p := &t.Pools[i]; p.Role == topology.Director || p.Role == topology.Edge {
			fqdn(poolPath(b.t, p.FQDN)+".fqdn", p.FQDN)
			site(poolPath(b.t, p.FQDN)+".site", p.Site)
		}
	}
	b.recoverySafety(fqdn, site)
}

// recoverySafety checks the values of the whole recovery's parts that the plan can put into
// a command, a simulation line or an instruction: simple URLs, web services, Persistent Chat
// pools and XMPP gateways.
func (b *builder) recoverySafety(fqdn, site func(path, v string)) {
	t := b.t
	for i := range t.SimpleURLs {
		if u := t.SimpleURLs[i]; !topology.ValidSimpleURL(u.URL) {
			b.errorf("PL005", t.SimpleURLPath(i)+".url", "Use https:// and a host name, with an optional path of letters, digits and - _ . /.",
				"simple URL "+strconv.Quote(u.URL)+" cannot be put in a command safely")
		}
	}
	for _, p := range []*topology.Pool{b.pool, b.bk} {
		if w := p.WebServices; w != nil {
			if w.Internal != "" {
				fqdn(poolPath(t, p.FQDN)+".webServices.internal", w.Internal)
			}
			if w.External != "" {
				fqdn(poolPath(t, p.FQDN)+".webServices.external", w.External)
			}
		}
	}
	for i := range t.PersistentChat {
		c := &t.PersistentChat[i]
		fqdn(t.PersistentChatPath(i)+".fqdn", c.FQDN)
		site(t.PersistentChatPath(i)+".site", c.Site)
		if c.BackupSite != "" {
			site(t.PersistentChatPath(i)+".backupSite", c.BackupSite)
		}
	}
	for i := range t.XMPPGateways {
		fqdn(t.XMPPGatewayPath(i)+".domain", t.XMPPGateways[i].Domain)
		fqdn(t.XMPPGatewayPath(i)+".edgePool", t.XMPPGateways[i].EdgePool)
	}
}

// checkState runs the checks that need the failure state: whether the pools can take part
// as asked, where the CMS is and whether it must move, and the remarks the plan carries.
func (b *builder) checkState() {
	b.checkPools()
	b.resolveCMS()
	b.remarks()
}

// checkPools checks the pool and its backup pool against the mode and the failure state.
func (b *builder) checkPools() {
	p, bk := b.pool, b.bk
	if b.req.Mode == Disaster && p.Version.Behaves() != bk.Version.Behaves() {
		b.errorf("PL007", poolPath(b.t, p.FQDN)+".version",
			"Upgrade "+bk.FQDN+" to "+string(p.Version)+" (or fail over in planned mode while "+p.FQDN+" still runs).",
			"disaster-mode failover is not supported between pools of different versions ("+string(p.Version)+" and "+string(bk.Version)+")")
	}
	if b.st.isDown(bk.FQDN) {
		why := "is down in the failure state"
		if strings.EqualFold(bk.Site, p.Site) {
			why = "is in the same site (" + p.Site + ") and is lost with it"
		}
		b.errorf("PL008", poolPath(b.t, p.FQDN)+".backupPool",
			"Pair "+p.FQDN+" with a pool in another site, or bring "+bk.FQDN+" back first.",
			"backup pool "+bk.FQDN+" "+why+": nothing can take the users")
	}
	if b.req.Mode == Planned && b.st.isDown(p.FQDN) {
		b.errorf("PL012", "request.mode", "Plan a disaster failover (--disaster): a planned failover needs the pool running.",
			"pool "+p.FQDN+" is down; a planned failover cannot make it read-only and copy its last changes")
	} else if st := b.st.backupState(p.FQDN, bk.FQDN); b.req.Mode == Planned && st != "" && st != sim.BackupSteady && st != sim.BackupFinal {
		b.errorf("PL023", "request.mode", "Restore what stops the Backup Service (a cut link between the sites, a stopped back end), or plan a disaster failover.",
			"the Backup Service from "+p.FQDN+" to "+bk.FQDN+" is in "+string(st)+": a planned failover would wait for a final state that does not come")
	}
	if b.healedByDatabase() {
		b.infof("PL024", "request.mode",
			"the database failover to the mirror of "+p.FQDN+"'s back end brings the pool back: the plan does not fail it over to "+bk.FQDN)
	} else if b.req.Mode == Disaster && !b.st.isDown(p.FQDN) {
		b.warnf("PL021", "request.mode", "Plan a planned failover (--planned) while the pool runs: it loses no data.",
			"pool "+p.FQDN+" is not down in the failure state: a disaster failover would discard changes not yet copied to "+bk.FQDN)
	}
	total := b.t.TotalUsers(p) + b.t.TotalUsers(bk)
	if c := topology.FailoverCapacity(bk); total > c && !b.healedByDatabase() {
		b.warnf("PL009", poolPath(b.t, bk.FQDN)+".servers",
			"Add Front End Servers to "+bk.FQDN+" (it needs "+strconv.Itoa(topology.ServersNeeded(total))+" for both pools' users).",
			"backup pool "+bk.FQDN+" can carry "+topology.Thousands(c)+" users but would serve "+topology.Thousands(total)+" after the failover")
	}
}

// resolveCMS finds where the CMS is in the failure state (it may have moved in an earlier
// failover) and whether the plan must fail it over first: when it lives on the failed pool or
// does not answer. A planned failover of the CMS pool moves the CMS too (its services stop),
// with the Normal parameter set while the CMS still answers.
func (b *builder) resolveCMS() {
	p := b.pool
	if b.cms != nil {
		lost := b.st.cmsDown || b.st.isDown(b.cms.FQDN) || b.cms == p
		if b.st.cmsPool != "" && !strings.EqualFold(b.st.cmsPool, b.cms.FQDN) {
			// The CMS already moved (an earlier failover): plan on where it is now.
			if c := b.t.PoolByFQDN(b.st.cmsPool); c != nil {
				b.cms = c
				b.cmsBk = b.t.PoolByFQDN(c.BackupPool)
				lost = b.st.cmsDown || b.st.isDown(c.FQDN)
			}
		}
		b.cmsFO = lost
		if lost {
			b.cmsNoStandby()
		}
		b.sePairWarning()
	}
}

// cmsNoStandby handles a lost CMS that cannot be failed over: its pool has no backup pool
// (PL010), or that pool is lost too (PL011). Where the backup pool of the failed pool runs,
// the plan takes the official procedure's other route (procedure step 6, FACTS §14): a new
// store on that pool's back end and Move-CsManagementServer -Force, and the codes are
// warnings that say so; otherwise nothing can take the CMS and they refuse the plan.
func (b *builder) cmsNoStandby() {
	cms := b.cms
	path := poolPath(b.t, cms.FQDN) + ".backupPool"
	var why string
	switch {
	case b.cmsBk == nil:
		why = "its pool has no backup pool"
	case b.st.isDown(b.cmsBk.FQDN):
		why = "so is its backup pool " + b.cmsBk.FQDN
	default:
		return // the standby answers: the CMS is failed over
	}
	code := "PL010"
	if b.cmsBk != nil {
		code = "PL011"
	}
	if b.st.isDown(b.bk.FQDN) || b.bk == cms {
		// Nowhere to rebuild it: the pool failover is refused anyway (PL008).
		fix := "Pair " + cms.FQDN + " with a pool in another site so the CMS has a standby, or move the CMS (Move-CsManagementServer) before the disaster."
		if code == "PL011" {
			fix = "Bring " + b.cmsBk.FQDN + " back, or rebuild the CMS with Move-CsManagementServer from a configuration export."
		}
		b.errorf(code, path, fix, "the Central Management store on "+cms.FQDN+" is lost and "+why+": it cannot be failed over")
		return
	}
	b.cmsMove = true
	b.warnf(code, path,
		"Pair "+cms.FQDN+" with a pool in another site so the CMS has a standby, and keep regular Export-CsConfiguration and Export-CsLisConfiguration backups.",
		"the Central Management store on "+cms.FQDN+" is lost and "+why+", so it cannot be failed over: the plan rebuilds it on the back end of "+b.bk.FQDN+
			" (Install-CsDatabase -CentralManagementDatabase, Move-CsManagementServer -Force from your latest configuration exports, then Bootstrapper on the other Front Ends), the official procedure's route; changes made after the last export are lost")
}

// sePairWarning warns of a planned CMS failover between the two servers of a Standard Edition
// pair of Skype for Business Server 2015 or later (PL025): Vale Consulting (September 2015)
// saw it report success and leave the CMS active on both servers, with replication stopped.
func (b *builder) sePairWarning() {
	cms, to := b.cms, b.cmsBk
	if !b.cmsFO || b.cmsMove || to == nil || b.req.Mode != Planned || b.st.cmsDown || b.st.isDown(cms.FQDN) {
		return
	}
	if cms.Role != topology.FrontEndStandard || to.Role != topology.FrontEndStandard || cms.Version.Behaves() == topology.Lync2013 {
		return
	}
	b.warnf("PL025", poolPath(b.t, cms.FQDN)+".role",
		"After the CMS failover, run Get-CsService -CentralManagement; if both servers show Active True, run Invoke-CsManagementServerFailover -Restore on "+to.FQDN+" (the store Get-CsManagementConnection names), then check that every replica is up to date.",
		"the planned CMS failover from "+cms.FQDN+" to "+to.FQDN+", a Standard Edition pair of "+cms.Version.Name()+
			", can report success and leave the CMS active on both servers, with replication stopped (Vale Consulting, September 2015): -Restore on "+to.FQDN+" sets it right")
}

// remarks records what the plan cannot change but the operator must know: branch users
// without pool failover, federation that stays down, no sample user to verify with.
func (b *builder) remarks() {
	p := b.pool
	for i := range b.t.Branches {
		br := &b.t.Branches[i]
		if strings.EqualFold(br.BackupRegistrar, p.FQDN) {
			b.infof("PL017", branchPath(b.t, br.FQDN)+".backupRegistrar",
				"branch "+br.FQDN+" ("+topology.Thousands(br.Users)+" users) uses "+p.FQDN+
					" as its backup registrar: if the branch fails too, its users get no pool failover")
		}
	}
	if b.req.Mode == Disaster {
		for i := range b.t.Pools {
			e := &b.t.Pools[i]
			if e.Role == topology.Edge && e.FederationRoute && b.st.isDown(e.FQDN) {
				if from, _ := b.federationMove(); from == nil {
					b.warnf("PL016", poolPath(b.t, e.FQDN)+".federationRoute", "Deploy an Edge pool in another site that can take over federation.",
						"the federation Edge pool "+e.FQDN+" is lost and no other Edge pool runs: federation stays down until it is back")
				}
			}
		}
	}
	if len(p.SampleUsers) == 0 {
		b.warnf("PL018", poolPath(b.t, p.FQDN)+".sampleUsers", "Add a sample user (sampleUsers) so the plan can check where one registers.",
			"pool "+p.FQDN+" has no sample user: the plan cannot verify a user's registrar with Get-CsUserPoolInfo")
	}
}
