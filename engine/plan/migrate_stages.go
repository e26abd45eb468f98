package plan

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Estimated durations of a migration's manual work; the simulator gives the rest.
const (
	publishDuration   = 60 * time.Minute // Topology Builder: publish, then Setup on every server
	rerunDuration     = 45 * time.Minute // the cumulative update installer on every server of a pair
	cmsMoveDuration   = 30 * time.Minute // Move-CsManagementServer and replication to every replica
	movePer1000       = 10 * time.Minute // Move-CsUser, per thousand users (an estimate)
	branchDuration    = 20 * time.Minute // a branch appliance's backup registrar: publish and Setup
	unpairingDuration = 30 * time.Minute // removing a pairing: publish, Setup, Backup Service stops
)

// progress is how far a migration has got: what the topology shows at a stage.
type progress struct {
	cms      bool // the CMS is on the new pool
	moved    int  // users moved to the new pool
	samples  bool // the sample users moved
	edges    bool // the Edge next hops name the new pool
	branches bool // the branches' backup registrar is the new pool
	unpaired bool // the old pool's pairing is removed
}

// at returns the topology as it stands at progress pr: a copy of the target design with what
// has moved so far.
func (m *migration) at(pr progress) *topology.Topology {
	t := m.b.t
	c := *t
	c.Pools = append([]topology.Pool(nil), t.Pools...)
	c.Branches = append([]topology.Branch(nil), t.Branches...)
	for i := range c.Pools {
		p := &c.Pools[i]
		switch {
		case p.FQDN == m.old.FQDN:
			p.Users = max(p.Users-pr.moved, 0)
			if pr.samples {
				p.SampleUsers = nil
			}
			if pr.unpaired {
				p.BackupPool = ""
			}
		case p.FQDN == m.new.FQDN:
			p.Users += pr.moved
			if pr.samples {
				p.SampleUsers = append(append([]string(nil), p.SampleUsers...), m.old.SampleUsers...)
			}
		case pr.unpaired && strings.EqualFold(p.BackupPool, m.old.FQDN):
			p.BackupPool = ""
		case pr.edges && p.Role == topology.Edge && strings.EqualFold(p.NextHop, m.old.FQDN):
			p.NextHop = m.new.FQDN
		}
	}
	if pr.cms && strings.EqualFold(c.CMS.Pool, m.old.FQDN) {
		c.CMS.Pool = m.new.FQDN
	}
	for i := range c.Branches {
		if pr.branches && strings.EqualFold(c.Branches[i].BackupRegistrar, m.old.FQDN) {
			c.Branches[i].BackupRegistrar = m.new.FQDN
		}
	}
	return &c
}

// stage closes a stage begun at step index first: it tags its steps, records its preflight
// (the topology before it), its exposure (the topology after it) and the topology its steps
// are simulated on.
func (m *migration) stage(id, title string, first int, before, after progress, simOn progress) {
	b := m.b
	for i := first; i < len(b.steps); i++ {
		b.steps[i].Stage = id
	}
	ex := exposure(m.at(after))
	st := Stage{ID: id, Title: title, First: first + 1, Last: len(b.steps),
		Preflight: m.preflight(m.at(before)), Exposure: ex}
	for _, e := range ex {
		st.ExposedUsers = max(st.ExposedUsers, e.Users)
	}
	m.stages = append(m.stages, st)
	m.sims = append(m.sims, stageSim{t: m.at(simOn), first: first, last: len(b.steps)})
}

// preflight is what the deployment must show before a stage: the pairings of the old and the
// new pool, where the CMS is, the next hops of the Edge pools that pointed at the old pool and
// the backup registrar of its branches, as they stand in topology u.
func (m *migration) preflight(u *topology.Topology) []Assumption {
	t := m.b.t
	var as []Assumption
	for _, fqdn := range []string{m.old.FQDN, m.new.FQDN} {
		p := u.PoolByFQDN(fqdn)
		as = append(as, Assumption{Path: poolPath(u, fqdn) + ".backupPool", Subject: fqdn, Fact: FactBackupPool, Value: p.BackupPool})
	}
	as = append(as, Assumption{Path: "cms.pool", Subject: "cms", Fact: FactCMSPool, Value: u.CMS.Pool})
	for _, e := range m.b.edges {
		as = append(as, Assumption{Path: poolPath(u, e.FQDN) + ".nextHop", Subject: e.FQDN, Fact: FactNextHop, Value: u.PoolByFQDN(e.FQDN).NextHop})
	}
	for i := range t.Branches {
		if strings.EqualFold(t.Branches[i].BackupRegistrar, m.old.FQDN) {
			as = append(as, Assumption{Path: u.BranchPath(i) + ".backupRegistrar", Subject: u.Branches[i].FQDN, Fact: FactBackupRegistrar, Value: u.Branches[i].BackupRegistrar})
		}
	}
	return as
}

// layout lays out the stages in order: pairing, CMS, user batches, Edge, branches, unpairing.
func (m *migration) layout() {
	b := m.b
	b.steps = make([]Step, 0, 32)
	var pr progress
	m.pairStage(pr)
	if strings.EqualFold(b.t.CMS.Pool, m.old.FQDN) {
		before := pr
		pr.cms = true
		first := len(b.steps)
		m.cmsSteps()
		m.stage("cms", "Move the Central Management store to "+m.new.FQDN, first, before, pr, before)
	}
	for i, n := range m.batches {
		before := pr
		pr.moved += n
		pr.samples = true
		first := len(b.steps)
		m.batchSteps(i, n, before.samples)
		simOn := pr
		if !before.samples && len(m.old.SampleUsers) > 0 {
			simOn = before // Move-CsUser moves the sample users in the simulation
		}
		m.stage("users-"+strconv.Itoa(i+1), "Move "+units.Plural(n, "user")+" to "+m.new.FQDN+" (batch "+strconv.Itoa(i+1)+" of "+strconv.Itoa(len(m.batches))+")",
			first, before, pr, simOn)
	}
	if len(b.edges) > 0 {
		before := pr
		pr.edges = true
		first := len(b.steps)
		m.edgeSteps()
		m.stage("edge", "Point the Edge next hop at "+m.new.FQDN, first, before, pr, before)
	}
	if m.branches() != nil {
		before := pr
		pr.branches = true
		first := len(b.steps)
		m.branchSteps()
		m.stage("branches", "Make "+m.new.FQDN+" the branches' backup registrar", first, before, pr, pr)
	}
	before := pr
	pr.unpaired = true
	first := len(b.steps)
	m.unpairSteps()
	m.stage("unpair", "Remove the pairing of "+m.old.FQDN, first, before, pr, pr)
}

// branches are the branch appliances whose backup registrar is the old pool.
func (m *migration) branches() []*topology.Branch {
	var out []*topology.Branch
	for i := range m.b.t.Branches {
		if br := &m.b.t.Branches[i]; strings.EqualFold(br.BackupRegistrar, m.old.FQDN) {
			out = append(out, br)
		}
	}
	return out
}

// serverList names a pool's servers for an instruction.
func serverList(p *topology.Pool) string {
	names := make([]string, len(p.Servers))
	for i, s := range p.Servers {
		names[i] = s.FQDN
	}
	return strings.Join(names, ", ")
}

// pairStage lays out the new pool and its pairing: Topology Builder, the cumulative update
// re-run where the support article (FACTS §23) needs it, and the checks of the Backup Service.
func (m *migration) pairStage(pr progress) {
	b, nw, pt := m.b, m.new, m.partner
	first := len(b.steps)
	pair := manualStep("pair-publish", "Deploy "+nw.FQDN+" and pair it with "+pt.FQDN,
		"In Topology Builder, define "+nw.FQDN+" in site "+nw.Site+" with its back end, set its associated backup pool to "+pt.FQDN+" (Resiliency: Automatic failover and failback for Voice), and publish the topology. Run Setup (Bootstrapper.exe) on every server of "+nw.FQDN+" and "+pt.FQDN+", then start the pool (Start-CsPool -PoolFqdn "+QuoteArg(nw.FQDN)+").",
		"Topology Builder publishes without error; Get-CsPoolBackupRelationship names "+pt.FQDN+" as the backup pool of "+nw.FQDN+".",
		"The users moved to "+nw.FQDN+" must have disaster recovery from the first batch on: the pool and its pairing come first (Topology Builder steps, by hand).", publishDuration)
	pair.Simulate = []string{sim.EnablePairing{Pool: nw.FQDN}.Line()}
	b.step(pair)
	if topology.PairNeedsUpdateRerun(topology.Pair{A: nw, B: pt}) {
		rerun := manualStep("pair-update-rerun", "Re-run the cumulative update installer on "+nw.FQDN+" and "+pt.FQDN,
			"Run the cumulative update installer (SkypeServerUpdateInstaller.exe) again on every server of both pools ("+serverList(nw)+"; "+serverList(pt)+"), then check the Backup Service: Get-CsWindowsService -Name LYNCBACKUP on each Front End Server shows Running.",
			"The Backup Service runs on every Front End Server of both pools; no event 4007 (LyncBackupService.exe crashed) in the Lync Server event log.",
			"Enabling the pairing installs the release build's Backup Service binaries; on servers that run a later cumulative update the Backup Service crashes until the update installer is run again (Microsoft support article, FACTS §23).", rerunDuration)
		rerun.Simulate = []string{sim.InstallUpdate{Pool: nw.FQDN}.Line(), sim.InstallUpdate{Pool: pt.FQDN}.Line()}
		b.step(rerun)
	}
	b.step(checkStep("pair-relationship", "Check the backup relationship of "+nw.FQDN,
		call("Get-CsPoolBackupRelationship", q("PoolFqdn", nw.FQDN)),
		"The backup pool of "+nw.FQDN+" is "+pt.FQDN+".",
		"The moved users fail over to the new pool's backup pool, and only if it has one.").showing(pt.FQDN))
	b.step(changeStep("pair-sync", "Copy "+nw.FQDN+"'s data to "+pt.FQDN+" now",
		call("Invoke-CsBackupServiceSync", q("PoolFqdn", nw.FQDN)),
		"The command completes without error.",
		"A first sync right after pairing, instead of waiting for the sync interval.", checkDuration))
	b.step(checkStep("pair-backup-status", "Check the Backup Service from "+nw.FQDN,
		call("Get-CsBackupServiceStatus", q("PoolFqdn", nw.FQDN), lit("Category", "UserData")),
		"The UserData modules of "+nw.FQDN+" are in SteadyState.",
		"ErrorState here after pairing is the Backup Service crash: re-run the cumulative update installer.").showing("SteadyState"))
	m.stage("pair", "Deploy "+nw.FQDN+" and pair it with "+pt.FQDN, first, pr, pr, pr)
	// Before this stage the new pool is not deployed, or not paired yet: nothing to check of it.
	st := &m.stages[len(m.stages)-1]
	st.Preflight = slices.DeleteFunc(st.Preflight, func(a Assumption) bool { return a.Subject == nw.FQDN })
}

// cmsSteps lays out the move of the Central Management store to the new pool: a new store on
// the new pool's back end, Move-CsManagementServer run on one of its Front End Servers, local
// setup where the cmdlet lists, and the checks.
func (m *migration) cmsSteps() {
	b, old, nw := m.b, m.old, m.new
	where := call("Get-CsService", sw("CentralManagement"))
	server, inst, _, _ := cmsStore(nw)
	install := call("Install-CsDatabase", sw("CentralManagementDatabase"), q("SqlServerFqdn", server))
	if inst != "" {
		install.Params = append(install.Params, q("SqlInstanceName", inst))
	}
	b.step(changeStep("cms-database", "Create the Central Management store on "+nw.FQDN+"'s back end", install,
		"The command completes: the xds and lis databases exist on "+server+".",
		"Move-CsManagementServer moves the store into a database prepared on the pool it moves to.", 15*time.Minute))
	b.step(changeStep("cms-move", "Move the Central Management store to "+nw.FQDN,
		call("Move-CsManagementServer"),
		"The Proposed State names "+nw.FQDN+"; the command lists the computers where local setup must run.",
		"Run on a Front End Server of "+nw.FQDN+": the CMS must not stay on the pool being retired, and its standby follows the new pool's pairing.",
		cmsMoveDuration, where))
	b.step(manualStep("cms-setup", "Run local setup where Move-CsManagementServer lists",
		"Run local setup (Bootstrapper.exe) on the servers of "+old.FQDN+" ("+serverList(old)+"), which removes the inactive Central Management service, and on the other Front End Servers of "+nw.FQDN+".",
		"Setup completes on every listed server.",
		"The move is finished only when local setup has run on the computers the cmdlet lists.", 20*time.Minute))
	b.step(checkStep("cms-where", "Check where the Central Management store is", where,
		"The active Central Management service is on "+nw.FQDN+".",
		"The store answers from the new pool.").showing(nw.FQDN))
	b.step(checkStep("cms-replicas", "Check that every replica is up to date",
		call("Get-CsManagementStoreReplicationStatus"),
		"Every replica reports UpToDate True.", "The next stages change the topology: every server must have the moved store."))
}

// batchSteps lays out one batch of user moves: the sample users with the first batch, the
// rest by hand, and the check that the sample users are served by the new pair.
func (m *migration) batchSteps(i, n int, samplesMoved bool) {
	b, old, nw := m.b, m.old, m.new
	id := "users-" + strconv.Itoa(i+1)
	if !samplesMoved {
		for j, u := range old.SampleUsers {
			info := call("Get-CsUserPoolInfo", q("Identity", u))
			b.step(changeStep(id+"-sample-"+strconv.Itoa(j+1), "Move "+u+" to "+nw.FQDN,
				call("Move-CsUser", q("Identity", u), q("Target", nw.FQDN)),
				"The command completes; Get-CsUserPoolInfo shows "+nw.FQDN+" as the user's primary pool.",
				"A sample user moves first, so that the batch can be checked by name.", checkDuration, info))
		}
	}
	b.step(manualStep(id+"-move", "Move "+units.Plural(n, "user")+" of "+old.FQDN+" to "+nw.FQDN,
		"Move "+topology.Thousands(n)+" users homed on "+old.FQDN+": Get-CsUser -Filter {RegistrarPool -eq "+QuoteArg(old.FQDN)+"} -ResultSize "+strconv.Itoa(n)+" | Move-CsUser -Target "+QuoteArg(nw.FQDN)+" -Confirm:$false. Do not use -Force: it discards the users' contacts and meetings.",
		topology.Thousands(n)+" more users are homed on "+nw.FQDN+"; none of the moves reported an error.",
		"Batches of at most one Front End Server's worth of users ("+topology.Thousands(topology.UsersPerServer)+"), so that "+m.partner.FQDN+" can carry "+nw.FQDN+"'s users at every batch and each batch can be checked before the next.",
		time.Duration((n+999)/1000)*movePer1000))
	for _, u := range old.SampleUsers {
		b.step(checkStep(id+"-check", "Check where "+u+" registers",
			call("Get-CsUserPoolInfo", q("Identity", u)),
			"PrimaryPoolFqdn is "+nw.FQDN+" and BackupPoolFqdn is "+m.partner.FQDN+".",
			"The moved users are served by the new pool and backed up by its partner.").showing(m.partner.FQDN))
		break // one sample user is enough to check a batch
	}
}

// edgeSteps points every Edge pool whose next hop is the old pool at the new pool.
func (m *migration) edgeSteps() {
	b, old, nw := m.b, m.old, m.new
	for _, e := range b.edges {
		look := call("Get-CsService", sw("EdgeServer"), q("PoolFqdn", e.FQDN))
		b.step(checkStep("edge-next-hop-check-"+e.FQDN, "Check the next hop of Edge pool "+e.FQDN, look,
			"The Edge service of "+e.FQDN+" lists Registrar:"+old.FQDN+" as its next hop.",
			"The pool being retired must not stay an Edge pool's next hop.").showing("Registrar:" + old.FQDN))
		b.step(changeStep("edge-next-hop-"+e.FQDN, "Point Edge pool "+e.FQDN+" at "+nw.FQDN,
			call("Set-CsEdgeServer", q("Identity", "EdgeServer:"+e.FQDN), q("Registrar", "Registrar:"+nw.FQDN)),
			"The Edge service now lists Registrar:"+nw.FQDN+".",
			"Remote and federated traffic reaches the users through the new pool (Topology Builder's Next Hop, or Set-CsEdgeServer).", edgeDuration, look))
	}
}

// branchSteps makes the new pool the backup registrar of the old pool's branches.
func (m *migration) branchSteps() {
	b, nw := m.b, m.new
	for _, br := range m.branches() {
		b.step(manualStep("branch-"+br.FQDN, "Make "+nw.FQDN+" the backup registrar of "+br.FQDN,
			"In Topology Builder, edit the branch site of "+br.FQDN+": set its Resiliency backup registrar to "+nw.FQDN+", publish the topology and run Setup on the appliance.",
			"Get-CsService -Registrar lists "+br.FQDN+" with "+nw.FQDN+" as its backup registrar.",
			"The branch's "+units.Plural(br.Users, "user")+" must fall back to a pool that stays.", branchDuration))
	}
	b.step(checkStep("branch-check", "Check the registrars", call("Get-CsService", sw("Registrar")),
		"Each branch appliance lists "+nw.FQDN+" as its backup registrar.", "The branches fall back to the new pool.").showing(nw.FQDN))
}

// unpairSteps removes the old pool's pairing, last, once nothing depends on it.
func (m *migration) unpairSteps() {
	b, old, nw := m.b, m.old, m.new
	instr := "In Topology Builder, clear the associated backup pool of " + old.FQDN + ", publish the topology and run Setup on its servers."
	if bk := m.b.t.PoolByFQDN(old.BackupPool); bk != nil {
		instr = "In Topology Builder, clear the associated backup pool of " + old.FQDN + " (and so of " + bk.FQDN + "), publish the topology and run Setup on the servers of both pools."
	}
	b.step(manualStep("unpair-publish", "Remove the pairing of "+old.FQDN, instr,
		"Get-CsPoolBackupRelationship -PoolFqdn "+QuoteArg(old.FQDN)+" names no backup pool.",
		"Last: only once "+old.FQDN+" homes no users, holds no CMS and serves no Edge or branch does its pairing go.", unpairingDuration))
	b.step(checkStep("unpair-new-pair", "Check the backup relationship of "+nw.FQDN,
		call("Get-CsPoolBackupRelationship", q("PoolFqdn", nw.FQDN)),
		"The backup pool of "+nw.FQDN+" is still "+m.partner.FQDN+".",
		"The new pairing carries the moved users from here on.").showing(m.partner.FQDN))
}
