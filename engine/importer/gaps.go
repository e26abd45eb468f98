package importer

import (
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// complete applies a completion to a built topology and reports every gap left open, and
// every name in the completion that the import does not have.
func complete(b *built, c *Completion) topology.Findings {
	if c == nil {
		c = &Completion{}
	}
	t := b.t
	var fs topology.Findings
	gap := func(code, path, fix, format string, args ...any) {
		fs = append(fs, topology.Finding{Code: code, Severity: topology.Error, Path: path, Pos: b.src.Lookup(path),
			Message: fmt.Sprintf(format, args...), Fix: fix})
	}
	unknown := func(path, what, name string) {
		fs = append(fs, topology.Finding{Code: CodeUnknownName, Severity: topology.Error, Path: path, Pos: c.posOf(path),
			Message: fmt.Sprintf("the completion names %s %q, which the imported topology does not have", what, name),
			Fix:     "use an FQDN from the imported file (failwright import lists them)"})
	}
	pools := map[string]int{}
	for i, p := range t.Pools {
		pools[strings.ToLower(p.FQDN)] = i
	}
	branches := map[string]int{}
	for i, br := range t.Branches {
		branches[strings.ToLower(br.FQDN)] = i
	}
	t.Name = t.SIPDomain
	if c.Name != "" {
		t.Name = c.Name
	}
	if c.CMS != "" {
		if _, ok := pools[strings.ToLower(c.CMS)]; !ok {
			unknown("cms", "the CMS pool", c.CMS)
		}
		t.CMS.Pool = c.CMS
	}
	answers := map[int]*PoolAnswer{}
	paired := map[int]bool{}
	for k := range c.Pools {
		a := &c.Pools[k]
		i, ok := pools[strings.ToLower(a.FQDN)]
		if !ok {
			unknown("pools["+a.FQDN+"]", "pool", a.FQDN)
			continue
		}
		answers[i] = a
		p := &t.Pools[i]
		if a.Users != nil {
			p.Users = *a.Users
		}
		if a.Version != "" {
			p.Version = a.Version
		}
		if a.NextHop != "" {
			p.NextHop = a.NextHop
		}
		if a.Build != "" {
			p.Build = a.Build
		}
		if a.Registrar.FailureDetectionSeconds != 0 {
			p.Registrar.FailureDetectionSeconds = a.Registrar.FailureDetectionSeconds
		}
		if a.Registrar.FailbackDetectionSeconds != 0 {
			p.Registrar.FailbackDetectionSeconds = a.Registrar.FailbackDetectionSeconds
		}
		if a.BackupPool != nil {
			p.BackupPool, paired[i] = *a.BackupPool, true
		}
	}
	// A pairing is reciprocal: the partner gets this pool unless the completion says otherwise.
	for i := range t.Pools {
		bp := t.Pools[i].BackupPool
		if !paired[i] || bp == "" {
			continue
		}
		j, ok := pools[strings.ToLower(bp)]
		if !ok {
			unknown("pools["+answers[i].FQDN+"].backupPool", "pool", bp)
			continue
		}
		if answers[j] == nil || answers[j].BackupPool == nil {
			t.Pools[j].BackupPool = t.Pools[i].FQDN
			paired[j] = true
		}
	}
	for i := range t.Pools {
		p := &t.Pools[i]
		a := answers[i]
		path := t.PoolPath(i)
		chosen := a != nil && a.Version != ""
		if b.choice[i] && !chosen && c.Version != "" {
			p.Version, chosen = c.Version, true
		}
		switch {
		case b.choice[i] && !chosen:
			gap(CodeVersionChoice, path+".version", "say which: version: SfB2019 or version: SfBSE in the completion (for every pool, or under pools: for this one)",
				"pool %s runs the 2019 code line (ServiceVersion 8): Skype for Business Server 2019 or Subscription Edition? The file cannot tell", p.FQDN)
		case b.unknown[i] != "" && !chosen:
			gap(CodeVersionUnknown, path+".version", "give the pool's version in the completion (Lync2013, SfB2015, SfB2019 or SfBSE)",
				"pool %s has service version %q, which the importer does not know", p.FQDN, b.unknown[i])
		}
		if p.Role.IsFrontEnd() {
			if a == nil || a.Users == nil {
				gap(CodeUsers, path+".users", "give users: N for this pool in the completion (Get-CsUser -Filter {RegistrarPool -eq '...'} | Measure-Object counts them)",
					"how many users are homed on pool %s? The file does not say", p.FQDN)
			}
			if !paired[i] {
				gap(CodeBackupPool, path+".backupPool", "give backupPool: FQDN (or backupPool: none) for this pool in the completion (Get-CsPoolBackupRelationship shows it)",
					"which pool is the backup of pool %s? Neither topology file format holds the pairing in a form the importer reads", p.FQDN)
			}
		}
		if p.Role == topology.Edge && p.NextHop == "" {
			gap(CodeNextHop, path+".nextHop", "give nextHop: FQDN for this Edge pool in the completion",
				"Edge pool %s depends on no registrar, so its next hop is unknown", p.FQDN)
		}
	}
	completeBranches(t, c, branches, gap, unknown)
	if t.CMS.Pool == "" {
		gap(CodeCMS, "cms", "give cms: FQDN of the Front End pool whose back end holds the CMS in the completion (Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus)",
			"the file has no active Central Management service on a Front End pool")
	}
	return fs
}

// completeBranches applies the branch answers and reports the branches' gaps.
func completeBranches(t *topology.Topology, c *Completion, branches map[string]int,
	gap func(code, path, fix, format string, args ...any), unknown func(path, what, name string)) {
	users := map[int]bool{}
	for _, a := range c.Branches {
		i, ok := branches[strings.ToLower(a.FQDN)]
		if !ok {
			unknown("branches["+a.FQDN+"]", "branch", a.FQDN)
			continue
		}
		if a.Users != nil {
			t.Branches[i].Users, users[i] = *a.Users, true
		}
		if a.BackupRegistrar != "" {
			t.Branches[i].BackupRegistrar = a.BackupRegistrar
		}
	}
	for i, br := range t.Branches {
		path := t.BranchPath(i)
		if !users[i] {
			gap(CodeUsers, path+".users", "give users: N for this branch in the completion",
				"how many users are homed on branch %s? The file does not say", br.FQDN)
		}
		if br.BackupRegistrar == "" {
			gap(CodeBackupRegistrar, path+".backupRegistrar", "give backupRegistrar: FQDN for this branch in the completion",
				"branch %s's registrar depends on no other registrar, so its backup registrar is unknown", br.FQDN)
		}
	}
}

// posOf is the position of a completion path, or of its nearest ancestor that has one.
func (c *Completion) posOf(path string) topology.Pos {
	for p := path; p != ""; p = topology.ParentPath(p) {
		if pos, ok := c.Pos[p]; ok {
			return pos
		}
	}
	return topology.Pos{}
}
