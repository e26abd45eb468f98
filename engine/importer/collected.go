package importer

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"failwright/engine/collector"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Collected is the kind of a collector file (failwright collect): its published topology
// completed from its other records.
const Collected Format = "collector"

// importCollected imports a collector file: the published topology it embeds, completed by
// a Completion built from its other records (docs/import.md, "Importing the collector's
// file"). The values of opt.Completion win over the file's. Positions of findings in the
// topology are in the embedded XML, named "<name> (topologyXml)".
func importCollected(name string, data []byte, opt Options) Result {
	f, err := collector.Parse(data, name)
	if err == nil && strings.TrimSpace(f.TopologyXML) == "" {
		err = errors.New(name + `:1:1: its "topologyXml" is empty (Get-CsTopology -AsXml failed: see its "errors")`)
	}
	if err != nil {
		return Result{Malformed: true, Findings: topology.Findings{collectorFinding(name, err.Error())}}
	}
	xmlName := name + " (topologyXml)"
	first := Import(xmlName, []byte(f.TopologyXML), Options{Set: opt.Set})
	if first.Malformed {
		return first
	}
	derived := Collect(f, first.Document.Topology)
	r := Import(xmlName, []byte(f.TopologyXML), Options{Set: opt.Set, Completion: Merge(opt.Completion, derived)})
	if !r.Malformed {
		r.Format = Collected
		r.Findings = append(r.Findings, collectorNotes(name, f)...)
		r.Findings.Sort()
	}
	return r
}

// collectorNotes reports what the file holds that the import does not use: the steps that
// failed (their questions stay open as gaps), and the mirror and Backup Service states, which
// are the deployment's state now rather than its topology.
func collectorNotes(name string, f *collector.File) topology.Findings {
	at := topology.Pos{File: name, Line: 1, Column: 1}
	var fs topology.Findings
	for _, e := range f.Errors {
		fs = append(fs, topology.Finding{Code: CodeNotModelled, Severity: topology.Info, Pos: at,
			Message: fmt.Sprintf("the collector's step %q failed (%s): what it reads is asked as a gap", e.Step, strings.TrimSpace(e.Message)),
			Fix:     "run the collector again where the step can succeed, or answer the gaps in a completion"})
	}
	if n, m := len(f.MirrorStates), len(f.BackupServiceStatus); n+m > 0 {
		fs = append(fs, topology.Finding{Code: CodeNotModelled, Severity: topology.Info, Pos: at,
			Message: fmt.Sprintf("%d mirror states and %d Backup Service statuses are the deployment's state now, not its topology: not imported", n, m),
			Fix:     "none needed; the simulator's Get-CsDatabaseMirrorState and Get-CsBackupServiceStatus show the modelled state"})
	}
	return fs
}

// collectorFinding turns collector.Parse's "name:line:col: message" into a finding at that
// position.
func collectorFinding(name, msg string) topology.Finding {
	pos := topology.Pos{File: name, Line: 1, Column: 1}
	rest := strings.TrimPrefix(msg, name+":")
	var line, col int
	if n, _ := sscanPos(rest, &line, &col); n > 0 {
		pos.Line, pos.Column = line, col
	}
	return topology.Finding{Code: CodeCollector, Severity: topology.Error, Pos: pos,
		Message: "the collector file cannot be read: " + msg,
		Fix:     "run the collector of this failwright again (failwright collect) and give its file unchanged"}
}

// sscanPos reads "line:col:" at the start of s; it returns the bytes read, 0 when s does
// not start so.
func sscanPos(s string, line, col *int) (int, bool) {
	num := func(i int) (int, int) {
		n, j := 0, i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 9 {
			n = n*10 + int(s[j]-'0')
			j++
		}
		return n, j
	}
	l, i := num(0)
	if i == 0 || i >= len(s) || s[i] != ':' {
		return 0, false
	}
	c, j := num(i + 1)
	if j == i+1 || j >= len(s) || s[j] != ':' {
		return 0, false
	}
	*line, *col = l, c
	return j + 1, true
}

// Collect builds the Completion a collector file's records give for a topology imported
// from its published XML: users per registrar pool, pairing from the backup relationships,
// the CMS pool, Edge next hops, branch appliances' backup registrars from the registrar
// services, and each pool's build, which tells Subscription Edition (at or past its release
// build 7.0.2046.820) from 2019 for pools of the 2019 code line. A record a failed step left
// out leaves its question open.
func Collect(f *collector.File, t *topology.Topology) *Completion {
	c := &Completion{Pos: map[string]topology.Pos{}}
	failed := func(step string) bool {
		for _, e := range f.Errors {
			if strings.HasPrefix(e.Step, step) {
				return true
			}
		}
		return false
	}
	poolOf := map[string]string{} // lower-case server or pool FQDN -> pool FQDN
	for _, p := range t.Pools {
		poolOf[strings.ToLower(p.FQDN)] = p.FQDN
		for _, s := range p.Servers {
			poolOf[strings.ToLower(s.FQDN)] = p.FQDN
		}
	}
	users := map[string]int{}
	for _, u := range f.UsersPerRegistrarPool {
		users[strings.ToLower(u.RegistrarPool)] += u.Users
	}
	backup := map[string]string{}
	for _, b := range f.BackupRelationships {
		backup[strings.ToLower(b.PoolFqdn)] = b.BackupPoolFqdn
	}
	usersKnown := !failed("Get-CsUser")
	for _, p := range t.Pools {
		a := PoolAnswer{FQDN: p.FQDN, Build: poolBuild(f, p)}
		key := strings.ToLower(p.FQDN)
		if p.Role.IsFrontEnd() {
			if n, ok := users[key]; ok || usersKnown {
				a.Users = &n
			}
			if b, ok := backup[key]; ok {
				b = orSelf(poolOf, b)
				a.BackupPool = &b
			} else if !failed("Get-CsPool") && !failed("Get-CsPoolBackupRelationship -PoolFqdn "+p.FQDN) {
				none := ""
				a.BackupPool = &none
			}
		}
		if p.Version == topology.SfB2019 {
			a.Version = codeLine2019(a.Build)
		}
		for _, r := range f.Registrars {
			if strings.EqualFold(r.PoolFqdn, p.FQDN) {
				a.Registrar = registrarTimers(r)
			}
		}
		c.Pools = append(c.Pools, a)
	}
	for _, e := range f.EdgeNextHops {
		for i := range c.Pools {
			if strings.EqualFold(c.Pools[i].FQDN, e.EdgePoolFqdn) && e.NextHopPool() != "" {
				c.Pools[i].NextHop = orSelf(poolOf, e.NextHopPool())
			}
		}
	}
	for _, br := range t.Branches {
		a := BranchAnswer{FQDN: br.FQDN}
		if n, ok := users[strings.ToLower(br.FQDN)]; ok || usersKnown {
			a.Users = &n
		}
		for _, r := range f.Registrars {
			if strings.EqualFold(r.PoolFqdn, br.FQDN) && r.BackupRegistrarPool() != "" {
				a.BackupRegistrar = orSelf(poolOf, r.BackupRegistrarPool())
			}
		}
		c.Branches = append(c.Branches, a)
	}
	c.CMS = cmsPool(f, poolOf)
	return c
}

// registrarTimers reads a registrar's failure and failback detection intervals, keeping
// those that are not the defaults (a zero field is the default, or unreadable).
func registrarTimers(r collector.RegistrarService) topology.Registrar {
	secs := func(s string, def int) int {
		d, err := units.ParseDuration(strings.TrimSpace(s))
		if n := int(d.Std() / time.Second); err == nil && n != def {
			return n
		}
		return 0
	}
	return topology.Registrar{
		FailureDetectionSeconds:  secs(r.FailureDetectionInterval, topology.DefaultFailureDetectionSeconds),
		FailbackDetectionSeconds: secs(r.FailbackDetectionInterval, topology.DefaultFailbackDetectionSeconds),
	}
}

// orSelf is the pool FQDN of a server or pool FQDN, or fqdn itself when the topology has
// neither.
func orSelf(poolOf map[string]string, fqdn string) string {
	if p, ok := poolOf[strings.ToLower(fqdn)]; ok {
		return p
	}
	return fqdn
}

// cmsPool is the pool of the active Central Management service, else of the active master.
func cmsPool(f *collector.File, poolOf map[string]string) string {
	for _, s := range f.CentralManagement.Services {
		if strings.EqualFold(s.Active, "True") {
			if p, ok := poolOf[strings.ToLower(s.PoolFqdn)]; ok {
				return p
			}
		}
	}
	if p, ok := poolOf[strings.ToLower(f.CentralManagement.ActiveMasterFqdn)]; ok {
		return p
	}
	return ""
}

// poolBuild is the build of the pool's first server the file gives one for, "" when none.
func poolBuild(f *collector.File, p topology.Pool) string {
	for _, s := range p.Servers {
		for _, b := range f.Builds {
			if strings.EqualFold(b.Fqdn, s.FQDN) {
				if v, ok := topology.ParseBuild(strings.TrimSpace(b.ProductVersion)); ok {
					return v.String()
				}
			}
		}
	}
	return ""
}

// codeLine2019 tells Subscription Edition from 2019 by build: at or past SE's release build
// it is SE, below it 2019, and "" (the question stays open) when the build is unknown or not
// of the 2019 code line.
func codeLine2019(build string) topology.Version {
	b, ok := topology.ParseBuild(build)
	se, _ := topology.ReleaseBuild(topology.SfBSE)
	if !ok || b[0] != se[0] {
		return ""
	}
	if b.Compare(se) >= 0 {
		return topology.SfBSE
	}
	return topology.SfB2019
}

// Merge returns the completion whose answers are explicit's where it gives them and
// derived's elsewhere: what the user wrote wins over what a file says.
func Merge(explicit, derived *Completion) *Completion {
	if explicit == nil {
		return derived
	}
	if derived == nil {
		return explicit
	}
	m := *derived
	m.Pos = explicit.Pos
	if explicit.Name != "" {
		m.Name = explicit.Name
	}
	m.Pools = derived.Pools
	if explicit.Version != "" {
		// The user's version for every pool wins over the versions the builds tell.
		m.Version = explicit.Version
		m.Pools = append([]PoolAnswer(nil), derived.Pools...)
		for i := range m.Pools {
			m.Pools[i].Version = ""
		}
	}
	if explicit.CMS != "" {
		m.CMS = explicit.CMS
	}
	m.Pools = mergePools(explicit.Pools, m.Pools)
	m.Branches = mergeBranches(explicit.Branches, derived.Branches)
	return &m
}

func mergePools(explicit, derived []PoolAnswer) []PoolAnswer {
	out := append([]PoolAnswer(nil), derived...)
	for _, e := range explicit {
		i := indexFold(len(out), func(i int) string { return out[i].FQDN }, e.FQDN)
		if i < 0 {
			out = append(out, e)
			continue
		}
		d := &out[i]
		if e.Users != nil {
			d.Users = e.Users
		}
		if e.BackupPool != nil {
			d.BackupPool = e.BackupPool
		}
		if e.Version != "" {
			d.Version = e.Version
		}
		if e.NextHop != "" {
			d.NextHop = e.NextHop
		}
		if e.Build != "" {
			d.Build = e.Build
		}
		if e.Registrar != (topology.Registrar{}) {
			d.Registrar = e.Registrar
		}
	}
	return out
}

func mergeBranches(explicit, derived []BranchAnswer) []BranchAnswer {
	out := append([]BranchAnswer(nil), derived...)
	for _, e := range explicit {
		i := indexFold(len(out), func(i int) string { return out[i].FQDN }, e.FQDN)
		if i < 0 {
			out = append(out, e)
			continue
		}
		if e.Users != nil {
			out[i].Users = e.Users
		}
		if e.BackupRegistrar != "" {
			out[i].BackupRegistrar = e.BackupRegistrar
		}
	}
	return out
}

// indexFold is the index of the first of n names equal to name ignoring case, or -1.
func indexFold(n int, nameOf func(int) string, name string) int {
	for i := range n {
		if strings.EqualFold(nameOf(i), name) {
			return i
		}
	}
	return -1
}
