package ui

import (
	"fmt"
	"strconv"
	"strings"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// Field is one form field of a Fields grid.
type Field struct {
	// Key names the field for the setter; ID is the element's id.
	Key, ID, Label string
	Value          string
	// Type is the input's type ("text" or "number"); Placeholder its hint.
	Type, Placeholder string
	// Options, when set, make the field a select.
	Options []Option
	// Change, for a text field, applies the value when the field is left (or Enter is
	// pressed) rather than at each keystroke: for references, such as a backup pool typed
	// on a large topology, that should not follow every prefix.
	Change bool
	// Findings are shown under the field.
	Findings []topology.Finding
}

// Option is one choice of a select.
type Option struct{ Value, Label string }

func numText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// atoiField reads a number field: empty (or not a number) is 0, which means the default.
func atoiField(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0
	}
	return n
}

// choices makes select options of names, with a first "none" option; nil when there are
// more than limit (the field is then typed: every option is an element on the page, and the
// branch list repeats these selects).
func choices(none string, names []string, limit int) []Option {
	if len(names) > limit {
		return nil
	}
	out := []Option{{"", none}}
	for _, n := range names {
		out = append(out, Option{n, n})
	}
	return out
}

// TopFields are the deployment-wide fields: the Backup Service's sync interval and the
// recovery policy.
func (ed *EditorStore) TopFields() []Field {
	t := ed.T()
	return append([]Field{{Key: "syncInterval", ID: "backup-sync", Label: "Backup Service sync interval (seconds)", Type: "number",
		Value: numText(t.BackupService.SyncIntervalSeconds), Placeholder: "120 (default)",
		Findings: ed.At("backupService", "backupService.syncIntervalSeconds")}}, ed.policyFields()...)
}

// SetTopField sets a deployment-wide field.
func (ed *EditorStore) SetTopField(key, v string) {
	if ed.setPolicyField(key, v) {
		return
	}
	if key == "syncInterval" {
		ed.edit("edit Backup Service sync interval", "sync", func(t *topology.Topology) { t.BackupService.SyncIntervalSeconds = atoiField(v) })
	}
}

// haKinds are the back-end HA choices.
var haKinds = []Option{{"", "None"}, {string(topology.HAMirroring), "Mirroring"}, {string(topology.HAAlwaysOn), "AlwaysOn"}, {string(topology.HAFailoverCluster), "FailoverCluster"}}

// poolExtraKeys are the pool fields the Fields grid shows, with the model paths (below the
// pool's) whose findings each shows.
var poolExtraKeys = map[string][]string{
	"registrar.failureDetectionSeconds":  {"registrar", "registrar.failureDetectionSeconds"},
	"registrar.failbackDetectionSeconds": {"registrar.failbackDetectionSeconds"},
	"backEnd.instance":                   {"backEnd.instance"},
	"backEnd.ha":                         {"backEnd.ha"},
	"backEnd.mirror":                     {"backEnd.mirror", "backEnd.mirror.fqdn"},
	"backEnd.mirror.instance":            {"backEnd.mirror.instance"},
	"backEnd.witness":                    {"backEnd.witness"},
	"sampleUsers":                        {"sampleUsers", "sampleUsers[0]"},
	"build":                              {"build"},
	"webServices.internal":               {"webServices", "webServices.internal"},
	"webServices.external":               {"webServices.external"},
	"webServices.loadBalancer":           {"webServices.loadBalancer"},
	"locationDatabase":                   {"locationDatabase"},
	"responseGroups":                     {"responseGroups"},
	"callPark":                           {"callPark"},
	"announcements":                      {"announcements"},
}

// yesNo are the choices of a pool's on/off recovery fields.
var yesNo = []Option{{"", "No"}, {"true", "Yes"}}

func yesText(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func (ed *EditorStore) poolExtraFindings(i int, key string) []topology.Finding {
	var paths []string
	for _, p := range poolExtraKeys[key] {
		paths = append(paths, ed.PoolPaths(i, p)...)
	}
	return ed.At(paths...)
}

// PoolFields are pool i's form fields: FQDN, site, role, version, then what the role has
// (users and backup pool, Edge next hop, SQL back end) and PoolExtraFields.
func (ed *EditorStore) PoolFields(i int) []Field {
	t := ed.T()
	if i < 0 || i >= len(t.Pools) {
		return nil
	}
	p := t.Pools[i]
	var sites []string
	for _, s := range t.Sites {
		sites = append(sites, s.Name)
	}
	var roles, versions []Option
	for _, r := range topology.Roles {
		roles = append(roles, Option{string(r), string(r)})
	}
	for _, v := range topology.Versions {
		versions = append(versions, Option{string(v), string(v)})
	}
	var out []Field
	f := func(key, id, label, value, typ, ph string, opts []Option) {
		out = append(out, Field{Key: key, ID: id, Label: label, Value: value, Type: typ, Placeholder: ph, Options: opts,
			Change: opts == nil && (key == "backupPool" || key == "nextHop"), Findings: ed.PoolFieldFindings(i, key)})
	}
	f("fqdn", "pool-fqdn", "Pool FQDN", p.FQDN, "text", "pool.example.com", nil)
	f("site", "pool-site", "Site", p.Site, "", "", choices("(none)", sites, len(sites)))
	f("role", "pool-role", "Role", string(p.Role), "", "", roles)
	f("version", "pool-version", "Version", string(p.Version), "", "", versions)
	if p.Role.IsFrontEnd() {
		f("users", "pool-users", "Users homed", Itoa(p.Users), "number", "", nil)
		f("backupPool", "pool-backup", "Backup pool (paired)", p.BackupPool, "text", "FQDN of the paired pool", choices("(not paired)", ed.FrontEndPools(i), maxOptions))
		// The pool's own recovery policy (docs/policy.md): empty inherits its site's.
		out = append(out, ed.policyFieldsOf(p.RecoveryPolicy, "pool-policy", ed.PoolPaths(i, "recoveryPolicy"))...)
	}
	if p.Role == topology.Edge {
		f("nextHop", "pool-nexthop", "Internal next hop", p.NextHop, "text", "FQDN of the next hop", choices("(none)", ed.NextHopPools(), maxOptions))
	}
	if p.Role == topology.FrontEndEnterprise {
		f("backEnd", "pool-backend", "SQL back end FQDN", backEndFQDN(p), "text", "sql.example.com", nil)
	}
	return append(out, ed.PoolExtraFields(i)...)
}

// PoolExtraFields are pool i's registrar timers (Front End pools) and back-end details
// (Enterprise pools).
func (ed *EditorStore) PoolExtraFields(i int) []Field {
	t := ed.T()
	if i < 0 || i >= len(t.Pools) {
		return nil
	}
	p := t.Pools[i]
	var out []Field
	f := func(key, id, label, value, typ, ph string, opts []Option) {
		out = append(out, Field{Key: key, ID: id, Label: label, Value: value, Type: typ, Placeholder: ph, Options: opts, Findings: ed.poolExtraFindings(i, key)})
	}
	if p.Role.IsFrontEnd() {
		f("registrar.failureDetectionSeconds", "pool-failure-detection", "Registrar failure detection (seconds)", numText(p.Registrar.FailureDetectionSeconds), "number",
			strconv.Itoa(topology.DefaultFailureDetectionSeconds)+" (default)", nil)
		f("registrar.failbackDetectionSeconds", "pool-failback-detection", "Registrar failback detection (seconds)", numText(p.Registrar.FailbackDetectionSeconds), "number",
			strconv.Itoa(topology.DefaultFailbackDetectionSeconds)+" (default)", nil)
		// A plan checks where this user registers after the failover (Get-CsUserPoolInfo).
		f("sampleUsers", "pool-sample-user", "Sample user (a plan checks where it registers)", firstOf(p.SampleUsers), "text", "sip:user@"+orDefault(t.SIPDomain, "example.com"), nil)
	}
	if p.Role.IsFrontEnd() || p.Role == topology.Director {
		// What a failover does not move (docs/recovery.md): the web services' names and load
		// balancer, which the simple URLs resolve to.
		ws := p.WebServices
		if ws == nil {
			ws = &topology.WebServices{}
		}
		f("webServices.internal", "pool-web-internal", "Internal web services FQDN", ws.Internal, "text", "webint.example.com", nil)
		f("webServices.external", "pool-web-external", "External web services FQDN", ws.External, "text", "webext.example.com", nil)
		f("webServices.loadBalancer", "pool-web-lb", "Web services load balancer", ws.LoadBalancer, "text", "load balancer name", ed.partOptions("lb"))
	}
	if p.Role.IsFrontEnd() {
		f("locationDatabase", "pool-lis", "Holds the location database (E9-1-1)", yesText(p.LocationDatabase), "", "", yesNo)
		f("responseGroups", "pool-rgs", "Response Group workflows", numText(p.ResponseGroups), "number", "0", nil)
		f("callPark", "pool-callpark", "Call Park orbits", yesText(p.CallPark), "", "", yesNo)
		f("announcements", "pool-announcements", "Unassigned-number announcements", yesText(p.Announcements), "", "", yesNo)
	}
	// The build the servers run: the 2019/SE pairing checks compare it (docs/versions.md).
	f("build", "pool-build", "Build (cumulative update)", p.Build, "text", "7.0.2046.820", nil)
	if p.Role == topology.FrontEndEnterprise {
		be := p.BackEnd
		if be == nil {
			be = &topology.BackEnd{}
		}
		mirror := be.Mirror
		if mirror == nil {
			mirror = &topology.SQLStore{}
		}
		f("backEnd.instance", "pool-backend-instance", "SQL instance", be.Instance, "text", "default instance", nil)
		f("backEnd.ha", "pool-backend-ha", "Back-end high availability", string(be.HA), "", "", haKinds)
		f("backEnd.mirror", "pool-backend-mirror", "Mirror (or secondary) SQL server FQDN", mirror.FQDN, "text", "sql2.example.com", nil)
		f("backEnd.mirror.instance", "pool-backend-mirror-instance", "Mirror SQL instance", mirror.Instance, "text", "default instance", nil)
		f("backEnd.witness", "pool-backend-witness", "Mirroring witness FQDN", be.Witness, "text", "witness.example.com", nil)
	}
	return out
}

func firstOf(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// setPoolExtra applies one of PoolExtraFields to pool p; it reports whether key was one.
func setPoolExtra(p *topology.Pool, key, v string) bool {
	v = strings.TrimSpace(v)
	switch key {
	case "registrar.failureDetectionSeconds":
		p.Registrar.FailureDetectionSeconds = atoiField(v)
		return true
	case "registrar.failbackDetectionSeconds":
		p.Registrar.FailbackDetectionSeconds = atoiField(v)
		return true
	case "build":
		p.Build = v
		return true
	case "locationDatabase":
		p.LocationDatabase = v == "true"
		return true
	case "responseGroups":
		p.ResponseGroups = atoiField(v)
		return true
	case "callPark":
		p.CallPark = v == "true"
		return true
	case "announcements":
		p.Announcements = v == "true"
		return true
	case "sampleUsers":
		// The form edits the first sample user; the others (from a file) are kept.
		switch {
		case v == "" && len(p.SampleUsers) > 0:
			p.SampleUsers = p.SampleUsers[1:]
		case v != "" && len(p.SampleUsers) > 0:
			p.SampleUsers[0] = v
		case v != "":
			p.SampleUsers = []string{v}
		}
		if len(p.SampleUsers) == 0 {
			p.SampleUsers = nil
		}
		return true
	}
	if strings.HasPrefix(key, "webServices.") {
		setWebServices(p, key, v)
		return true
	}
	if !strings.HasPrefix(key, "backEnd.") {
		return false
	}
	if p.BackEnd == nil {
		p.BackEnd = &topology.BackEnd{}
	}
	be := p.BackEnd
	switch key {
	case "backEnd.instance":
		be.Instance = v
	case "backEnd.ha":
		be.HA = topology.BackEndHA(v)
	case "backEnd.witness":
		be.Witness = v
	case "backEnd.mirror", "backEnd.mirror.instance":
		if be.Mirror == nil {
			be.Mirror = &topology.SQLStore{}
		}
		if key == "backEnd.mirror" {
			be.Mirror.FQDN = v
		} else {
			be.Mirror.Instance = v
		}
		if be.Mirror.FQDN == "" && be.Mirror.Instance == "" {
			be.Mirror = nil
		}
	default:
		return false
	}
	return true
}

// setWebServices sets one of a pool's web services fields; the pool has none once all are
// empty.
func setWebServices(p *topology.Pool, key, v string) {
	if p.WebServices == nil {
		p.WebServices = &topology.WebServices{}
	}
	w := p.WebServices
	switch key {
	case "webServices.internal":
		w.Internal = v
	case "webServices.external":
		w.External = v
	case "webServices.loadBalancer":
		w.LoadBalancer = v
	}
	if *w == (topology.WebServices{}) {
		p.WebServices = nil
	}
}

// BranchPaths returns the model paths of branch j's field (field "" for the branch).
func (ed *EditorStore) BranchPaths(j int, field string) []string {
	t := ed.T()
	if j < 0 || j >= len(t.Branches) {
		return nil
	}
	byName, byIndex := t.BranchPath(j), fmt.Sprintf("branches[%d]", j)
	if field == "" {
		return uniq(byName, byIndex)
	}
	return uniq(byName+"."+field, byIndex+"."+field)
}

// BranchFields are branch j's fields: FQDN, site, users and backup registrar.
func (ed *EditorStore) BranchFields(j int) []Field {
	t := ed.T()
	if j < 0 || j >= len(t.Branches) {
		return nil
	}
	b := t.Branches[j]
	var sites []string
	for _, s := range t.Sites {
		sites = append(sites, s.Name)
	}
	id := "branch-" + strconv.Itoa(j) + "-"
	return []Field{
		{Key: "fqdn", ID: id + "fqdn", Label: "Appliance FQDN", Value: b.FQDN, Type: "text", Placeholder: "sba.example.com",
			Findings: ed.At(append(ed.BranchPaths(j, ""), ed.BranchPaths(j, "fqdn")...)...)},
		{Key: "site", ID: id + "site", Label: "Central site", Value: b.Site, Type: "text", Placeholder: "site name",
			Options: choices("(none)", sites, maxBranchOptions), Findings: ed.At(ed.BranchPaths(j, "site")...)},
		{Key: "users", ID: id + "users", Label: "Users homed", Value: numText(b.Users), Type: "number", Placeholder: "0",
			Findings: ed.At(ed.BranchPaths(j, "users")...)},
		{Key: "backupRegistrar", ID: id + "registrar", Label: "Backup registrar (Front End pool)", Value: b.BackupRegistrar, Type: "text", Placeholder: "pool FQDN",
			Options: choices("(none)", ed.FrontEndPools(-1), maxBranchOptions), Findings: ed.At(ed.BranchPaths(j, "backupRegistrar")...)},
	}
}

// SetBranchField sets one field of branch j.
func (ed *EditorStore) SetBranchField(j int, key, v string) {
	ed.edit("edit branch "+key, fmt.Sprintf("branch%d.%s", j, key), func(t *topology.Topology) {
		if j < 0 || j >= len(t.Branches) {
			return
		}
		b := &t.Branches[j]
		switch key {
		case "fqdn":
			b.FQDN = strings.TrimSpace(v)
		case "site":
			b.Site = v
		case "users":
			b.Users = atoiField(v)
		case "backupRegistrar":
			b.BackupRegistrar = strings.TrimSpace(v)
		}
	})
}

// AddBranch appends a branch in the first site, homed on the first Front End pool.
func (ed *EditorStore) AddBranch() {
	ed.edit("add branch", "", func(t *topology.Topology) {
		b := topology.Branch{FQDN: fmt.Sprintf("sba%02d.%s", len(t.Branches)+1, orDefault(t.SIPDomain, "example.com"))}
		if len(t.Sites) > 0 {
			b.Site = t.Sites[0].Name
		}
		for _, p := range t.Pools {
			if p.Role.IsFrontEnd() && p.FQDN != "" {
				b.BackupRegistrar = p.FQDN
				break
			}
		}
		t.Branches = append(t.Branches, b)
	})
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// RemoveBranch deletes branch j.
func (ed *EditorStore) RemoveBranch(j int) {
	ed.edit("remove branch", "", func(t *topology.Topology) {
		if j >= 0 && j < len(t.Branches) {
			t.Branches = append(t.Branches[:j], t.Branches[j+1:]...)
		}
	})
}

// maxBranchRows is how many branches the editor shows before it asks for a filter (on a large
// topology, where each edit re-renders the editor, none until a filter is typed, then a few);
// maxBranchOptions how many
// choices a branch's site or registrar select offers before it becomes a text field.
const (
	maxBranchRows      = 10
	maxBranchRowsLarge = 4
	maxBranchOptions   = 12
)

// VisibleBranches returns the indices of the branches shown: those matching the filter (FQDN,
// site or backup registrar), at most maxBranchRows.
func (ed *EditorStore) VisibleBranches() []int {
	f := strings.ToLower(strings.TrimSpace(ed.PoolFilter))
	var out []int
	ed.hiddenBranches = 0
	limit := maxBranchRows
	if ed.Large() {
		limit = maxBranchRowsLarge
		if f == "" {
			limit = 0 // each edit re-renders the editor: branches wait for a filter
		}
	}
	for j, b := range ed.T().Branches {
		match := f == "" || strings.Contains(strings.ToLower(b.FQDN), f) || strings.Contains(strings.ToLower(b.Site), f) ||
			strings.Contains(strings.ToLower(b.BackupRegistrar), f)
		if match && len(out) < limit {
			out = append(out, j)
		} else {
			ed.hiddenBranches++
		}
	}
	return out
}

// HiddenBranches returns how many branches the last VisibleBranches left out.
func (ed *EditorStore) HiddenBranches() int { return ed.hiddenBranches }

// BranchTitle names branch j in its list.
func (ed *EditorStore) BranchTitle(j int) string {
	b := ed.T().Branches[j]
	name := b.FQDN
	if name == "" {
		name = "(unnamed branch)"
	}
	n := len(ed.Under(ed.BranchPaths(j, "")...))
	if n > 0 {
		return name + " · " + units.Plural(n, "finding")
	}
	return name
}
