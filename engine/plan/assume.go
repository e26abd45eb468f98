package plan

import (
	"sort"
	"strings"

	"failwright/engine/topology"
)

// Assumptions lists the topology facts a plan for req relies on, sorted by path: the pool's
// and its backup pool's role, version, site and pairing; where the CMS is, the version and
// pairing of its pool and the SQL stores of its backup pool (or, when it has none, of the
// plan's backup pool, where a lost CMS is rebuilt); the internal next hop of every
// Edge pool; and the Survivable Branch Appliances that use the pool as their backup
// registrar. Check compares a saved plan's list with a topology's; the PowerShell renderer
// re-checks the list against the live deployment before anything runs.
func Assumptions(t *topology.Topology, req Request) []Assumption {
	var as []Assumption
	add := func(path, subject string, f Fact, v string) {
		as = append(as, Assumption{Path: path, Subject: subject, Fact: f, Value: v})
	}
	seen := map[string]bool{}
	pool := func(fqdn string) {
		p := t.PoolByFQDN(fqdn)
		if p == nil || seen[strings.ToLower(p.FQDN)] {
			return
		}
		seen[strings.ToLower(p.FQDN)] = true
		path := poolPath(t, p.FQDN)
		add(path+".role", p.FQDN, FactRole, string(p.Role))
		add(path+".version", p.FQDN, FactVersion, string(p.Version))
		add(path+".site", p.FQDN, FactSite, p.Site)
		add(path+".backupPool", p.FQDN, FactBackupPool, p.BackupPool)
	}
	p := t.PoolByFQDN(req.Pool)
	if p == nil {
		add(poolPath(t, req.Pool), req.Pool, FactRole, "")
		return as
	}
	pool(p.FQDN)
	if p.BackupPool != "" {
		pool(p.BackupPool)
	}
	store := func(cb *topology.Pool) {
		server, inst, mirror, minst := cmsStore(cb)
		path := poolPath(t, cb.FQDN)
		add(path+".backEnd.fqdn", cb.FQDN, FactBackEnd, server)
		add(path+".backEnd.instance", cb.FQDN, FactBackEndInstance, inst)
		add(path+".backEnd.mirror.fqdn", cb.FQDN, FactMirror, mirror)
		add(path+".backEnd.mirror.instance", cb.FQDN, FactMirrorInstance, minst)
	}
	add("cms.pool", "cms", FactCMSPool, t.CMS.Pool)
	if c := t.PoolByFQDN(t.CMS.Pool); c != nil {
		pool(c.FQDN)
		if cb := t.PoolByFQDN(c.BackupPool); cb != nil {
			pool(cb.FQDN)
			store(cb)
		} else if bk := t.PoolByFQDN(p.BackupPool); bk != nil && bk != c {
			// No standby: a lost CMS is rebuilt on the backup pool's store (cmsRebuild).
			store(bk)
		}
	}
	for i := range t.Pools {
		if e := &t.Pools[i]; e.Role == topology.Edge {
			add(poolPath(t, e.FQDN)+".nextHop", e.FQDN, FactNextHop, e.NextHop)
		}
	}
	for i := range t.Branches {
		if br := &t.Branches[i]; strings.EqualFold(br.BackupRegistrar, p.FQDN) {
			add(branchPath(t, br.FQDN)+".backupRegistrar", br.FQDN, FactBackupRegistrar, br.BackupRegistrar)
		}
	}
	sort.Slice(as, func(i, j int) bool { return as[i].Path < as[j].Path })
	return as
}

// factValue reads the fact a names from topology t as it is now; false when its subject (a
// pool or a branch) is gone.
func factValue(t *topology.Topology, a Assumption) (string, bool) {
	switch a.Fact {
	case FactCMSPool:
		return t.CMS.Pool, true
	case FactBackupRegistrar:
		for i := range t.Branches {
			if strings.EqualFold(t.Branches[i].FQDN, a.Subject) {
				return t.Branches[i].BackupRegistrar, true
			}
		}
		return "", false
	}
	p := t.PoolByFQDN(a.Subject)
	if p == nil {
		return "", false
	}
	server, inst, mirror, minst := cmsStore(p)
	switch a.Fact {
	case FactRole:
		return string(p.Role), true
	case FactVersion:
		return string(p.Version), true
	case FactSite:
		return p.Site, true
	case FactBackupPool:
		return p.BackupPool, true
	case FactNextHop:
		return p.NextHop, true
	case FactBackEnd:
		return server, true
	case FactBackEndInstance:
		return inst, true
	case FactMirror:
		return mirror, true
	case FactMirrorInstance:
		return minst, true
	}
	return "", false
}

// show writes an assumed value in a message, "(none)" when it is absent.
func show(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// short is the first 12 characters of a fingerprint, enough to tell two apart in a message.
func short(fp string) string {
	if len(fp) > 12 {
		return fp[:12]
	}
	return fp
}
