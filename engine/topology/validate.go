package topology

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"failwright/engine/units"
)

// Options tune Check.
type Options struct {
	// Strict reports the documented-but-unenforced rules (unsupported pairings, sizing) as
	// errors instead of warnings; Rule.Strict marks them.
	Strict bool
	// Source, when set, gives each finding the position of its path in the file.
	Source Source
	// AsOf is the day support lifecycles are judged on (FW1001 to FW1003); the zero Date
	// means no lifecycle findings. Callers pass today's date or the one asked for: the
	// engine reads no clock.
	AsOf Date
}

// Validate checks t against every rule failwright knows (see Rules and docs/validation.md)
// and returns all findings at once, sorted. Documented-but-unenforced rules are warnings, as
// Topology Builder would not stop them either.
func Validate(t *Topology) Findings { return Check(t, Options{}) }

// ValidateStrict is Validate with the warnings of documented-but-unenforced rules reported as
// errors.
func ValidateStrict(t *Topology) Findings { return Check(t, Options{Strict: true}) }

// Check validates t with the given options.
func Check(t *Topology, opt Options) Findings {
	if t == nil {
		t = &Topology{}
	}
	v := &validator{t: t, x: newIndex(t), opt: opt}
	v.run()
	opt.Source.Anchor(v.fs)
	v.fs.Sort()
	return v.fs
}

// Limits on free-text fields, in characters.
const (
	// MaxNameLen is the longest topology name.
	MaxNameLen = 200
	// MaxDescriptionLen is the longest description of a topology or a site.
	MaxDescriptionLen = 2000
)

type validator struct {
	t   *Topology
	x   *index
	opt Options
	fs  Findings
}

// add records a finding with the rule's severity (an error in strict mode for strict rules).
func (v *validator) add(code, path, fix, format string, args ...any) {
	r, ok := RuleFor(code)
	if !ok {
		panic("topology: finding with an undocumented code " + code)
	}
	for i, a := range args {
		if n, ok := a.(int); ok {
			args[i] = count(n)
		}
	}
	sev := r.Severity
	if v.opt.Strict && r.Strict {
		sev = Error
	}
	v.fs = append(v.fs, Finding{Code: code, Severity: sev, Path: path, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// run applies every rule, in the order of the model.
func (v *validator) run() {
	t := v.t
	v.topLevel()
	v.sites()
	for i := range t.Pools {
		v.pool(i)
	}
	v.uniqueness()
	v.pairs()
	v.cms()
	v.edges()
	for i := range t.Branches {
		v.branch(i)
	}
	v.backupService()
	v.recovery()
	v.policies()
}

// text checks a free-text field for hidden characters and length.
func (v *validator) text(path, s string, limit int) {
	if r, bad := hiddenRune(s); bad {
		v.add(CodeBadText, path, "keep it on one line, without tabs, control or invisible formatting characters",
			"text contains a control or invisible character (U+%04X); values end up in runbooks and reports", r)
		return
	}
	if n := utf8.RuneCountInString(s); n > limit {
		v.add(CodeBadText, path, fmt.Sprintf("shorten it to %d characters or fewer", limit), "text is %d characters long; the limit is %d", n, limit)
	}
}

// ValidText reports whether s is text failwright may print into runbooks and reports: at most
// limit characters of valid UTF-8 on one line, without control characters, invisible
// formatting characters (which can reorder what a reader sees) or line and paragraph
// separators. Quotes and other punctuation are allowed: printers quote the text.
func ValidText(s string, limit int) bool {
	_, bad := hiddenRune(s)
	return utf8.ValidString(s) && !bad && utf8.RuneCountInString(s) <= limit
}

// hiddenRune returns the first character of s that ValidText refuses.
func hiddenRune(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			return r, true
		}
	}
	return 0, false
}

// fqdn checks a value that must be an FQDN; it reports a missing value when required.
func (v *validator) fqdn(path, s string, required bool, what string) bool {
	if s == "" {
		if required {
			v.add(CodeMissing, path, "give the "+what+"'s fully qualified domain name", "%s has no FQDN", what)
		}
		return false
	}
	if !ValidFQDN(s) {
		v.add(CodeBadFQDN, path, "use letters, digits and hyphens in at least two dot-separated labels, such as atl-cs-001.litwareinc.com",
			"%q is not a valid FQDN", s)
		return false
	}
	return true
}

// poolRef resolves a reference to a pool by FQDN, reporting an invalid FQDN or a pool that
// does not exist; it returns nil when there is nothing more to check.
func (v *validator) poolRef(path, fqdn, what, fix string) *Pool {
	if !v.fqdn(path, fqdn, false, what) {
		return nil
	}
	p := v.x.pool(fqdn)
	if p == nil {
		v.add(CodeDangling, path, fix, "%s %q does not exist", what, fqdn)
	}
	return p
}

// name checks a name made of letters, digits, spaces, hyphens, underscores and dots.
func (v *validator) name(path, s, what string) {
	if s != "" && !ValidSiteName(s) {
		v.add(CodeBadName, path, "use 1 to 64 letters, digits, spaces, hyphens, underscores or dots",
			"%q is not a valid %s", s, what)
	}
}

// topLevel checks the name, the description, the SIP domain and that there is something to validate.
func (v *validator) topLevel() {
	t := v.t
	if strings.TrimSpace(t.Name) == "" {
		v.add(CodeNoName, "name", "add a name such as \"Litware, Inc.\"", "the topology has no name")
	}
	v.text("name", t.Name, MaxNameLen)
	v.text("description", t.Description, MaxDescriptionLen)
	if t.SIPDomain != "" {
		v.fqdn("sipDomain", t.SIPDomain, false, "SIP domain")
	}
	if len(t.Sites) == 0 {
		v.add(CodeEmptyTopology, "sites", "add at least one site", "the topology has no sites")
	}
	fe := slices.ContainsFunc(t.Pools, func(p Pool) bool { return p.Role.IsFrontEnd() })
	if !fe {
		v.add(CodeEmptyTopology, "pools", "add at least one Front End pool (FrontEndEnterprise or FrontEndStandard)",
			"the topology has no Front End pool")
	}
}

// sites checks every site's name (present, valid, unique), description and region.
func (v *validator) sites() {
	t := v.t
	seen := map[string]int{}
	for i, s := range t.Sites {
		path := v.x.sitePath(i)
		if s.Name == "" {
			v.add(CodeMissing, path+".name", "give the site a name such as Atlanta", "site %d has no name", i+1)
		} else if !ValidSiteName(s.Name) {
			v.add(CodeBadName, path+".name", "use 1 to 64 letters, digits, spaces, hyphens, underscores or dots",
				"%q is not a valid site name", s.Name)
		} else if j, dup := seen[strings.ToLower(s.Name)]; dup {
			v.add(CodeDuplicate, indexPath("sites", i)+".name", "give each site a different name",
				"site %q is defined twice (also site %d)", s.Name, j+1)
		} else {
			seen[strings.ToLower(s.Name)] = i
		}
		v.text(path+".description", s.Description, MaxDescriptionLen)
		v.name(path+".region", s.Region, "region name")
		if k := strings.ToLower(s.Name); s.Name != "" && v.x.sitePools[k] == 0 && v.x.siteBranches[k] == 0 {
			v.add(CodeEmptySite, path, "add pools to the site or remove it", "site %q has no pools or branches", s.Name)
		}
	}
}

// pool checks the i-th pool's own fields and the rules of its role.
func (v *validator) pool(i int) {
	t := v.t
	p := &t.Pools[i]
	path := v.x.poolPath(i)
	v.fqdn(path+".fqdn", p.FQDN, true, "pool")
	if p.Site == "" {
		v.add(CodeMissing, path+".site", "name the site the pool is in", "the pool has no site")
	} else if v.x.site(p.Site) == nil {
		v.add(CodeDangling, path+".site", "add the site under sites, or correct the name", "site %q does not exist", p.Site)
	}
	roleOK := slices.Contains(Roles, p.Role)
	switch {
	case p.Role == "":
		v.add(CodeMissing, path+".role", "set role to FrontEndEnterprise, FrontEndStandard, Edge or Director", "the pool has no role")
	case !roleOK:
		v.add(CodeBadEnum, path+".role", "use FrontEndEnterprise, FrontEndStandard, Edge or Director", "unknown role %q", p.Role)
	}
	versionOK := slices.Contains(Versions, p.Version)
	switch {
	case p.Version == "":
		v.add(CodeMissing, path+".version", "set version to "+versionList(), "the pool has no product version")
	case !versionOK:
		v.add(CodeBadEnum, path+".version", "use "+versionList(), "unknown version %q", p.Version)
	}
	v.build(i)
	v.lifecycle(i)
	if p.Platform != "" && p.Platform != Physical && p.Platform != Virtual {
		v.add(CodeBadEnum, path+".platform", "use Physical or Virtual", "unknown platform %q", p.Platform)
	}
	v.name(path+".os", p.OS, "operating system name")
	v.servers(i)

	// Users.
	if p.Users < 0 {
		v.add(CodeNegative, path+".users", "give zero or more users", "users is negative (%d)", p.Users)
	}
	if p.RoutingGroups < 0 {
		v.add(CodeNegative, path+".routingGroups", "give zero (derived from users) or more routing groups", "routingGroups is negative (%d)", p.RoutingGroups)
	}
	for j, u := range p.SampleUsers {
		if !ValidSIPAddress(u) {
			v.add(CodeBadSIP, fmt.Sprintf("%s.sampleUsers[%d]", path, j), "write sip:user@domain, such as sip:kenmyer@litwareinc.com",
				"%q is not a valid SIP address", u)
		}
	}
	if roleOK && !p.Role.IsFrontEnd() {
		if p.Users != 0 || len(p.SampleUsers) > 0 || p.RoutingGroups != 0 {
			field := ".users"
			if p.Users == 0 {
				field = ".sampleUsers"
				if len(p.SampleUsers) == 0 {
					field = ".routingGroups"
				}
			}
			v.add(CodeUsersOnNonFE, path+field, "home users on a Front End pool; remove users, sampleUsers and routingGroups here",
				"%s pools home no users", roleName(p.Role))
		}
		if p.BackupPool != "" {
			v.add(CodePairNonFE, path+".backupPool", "remove backupPool: only Front End pools are paired",
				"%s pools are not paired; only Front End pools have a backup pool", roleName(p.Role))
		}
		if p.Registrar != (Registrar{}) {
			v.add(CodeRegistrarRole, path+".registrar", "remove the registrar settings", "%s pools are not registrars", roleName(p.Role))
		}
	}
	if roleOK && p.Role != Edge {
		if p.NextHop != "" {
			v.add(CodeEdgeOnlyField, path+".nextHop", "remove nextHop: only Edge pools have an internal next hop", "%s pools have no next hop", roleName(p.Role))
		}
		if p.FederationRoute {
			v.add(CodeEdgeOnlyField, path+".federationRoute", "remove federationRoute: only Edge pools carry federation", "%s pools carry no federation route", roleName(p.Role))
		}
	}
	v.backEnd(i)
	v.registrar(i)
	if roleOK && versionOK {
		v.capacity(i)
	}
}

// servers checks the i-th pool's server list against the limits and quorum rules of its role and version.
func (v *validator) servers(i int) {
	t := v.t
	p := &t.Pools[i]
	path := v.x.poolPath(i)
	n := len(p.Servers)
	for j, s := range p.Servers {
		v.fqdn(fmt.Sprintf("%s.servers[%d].fqdn", path, j), s.FQDN, true, "server")
	}
	if n == 0 {
		v.add(CodeNoServers, path+".servers", "list the pool's servers in the order they were first started", "the pool has no servers")
		return
	}
	switch p.Role {
	case FrontEndStandard:
		if n != 1 {
			v.add(CodeStandardServers, path+".servers", "a Standard Edition pool is one server; use FrontEndEnterprise for more",
				"a Standard Edition pool has exactly one server; this one lists %d", n)
		}
	case FrontEndEnterprise:
		maxFE := MaxFrontEnds(p.Version)
		switch {
		case n > maxFE:
			v.add(CodeTooManyFEs, path+".servers", fmt.Sprintf("split the pool: %s allows at most %d Front End Servers", versionName(p.Version), maxFE),
				"%d Front End Servers; %s allows at most %d per pool", n, versionName(p.Version), maxFE)
		case n == 2 && p.Version.Behaves() == SfB2019:
			v.add(CodeTwoFE2019, path+".servers", "add a third Front End Server, or use a pair of Standard Edition servers",
				"%s does not support 2-server Enterprise pools; Topology Builder will not publish it", versionName(p.Version))
		case n < 3:
			v.add(CodeFewFrontEnds, path+".servers", "use at least 3 Front End Servers, or a pair of Standard Edition servers",
				"%s; at least 3 are recommended so that every routing group keeps its three replicas", frontEnds(n))
		}
		if n >= 2 && n%2 == 0 && n <= maxFE {
			v.add(CodeEvenPool, path+".servers", "keep the primary back end healthy, or add a server to make the count odd",
				"%d Front End Servers (an even number): the pool uses the primary SQL database as a quorum witness", n)
		}
		if p.Version.Behaves() == SfB2019 && n >= 13 && n <= 15 {
			v.add(CodeQuorumUnknown, path+".servers", "prefer 12 or 16 Front End Servers, whose start quorum is documented",
				"the documentation gives no start quorum for %d Front End Servers; failwright assumes the 16-server row", n)
		}
	case Edge, Director:
		if n == 1 {
			v.add(CodeSingleServer, path+".servers", "add a second server for high availability",
				"%s with one server has no high availability; at least 2 are recommended", aPool(p.Role))
		}
		if p.Role == Director && n > 10 {
			v.add(CodeTooManyDirector, path+".servers", "use at most 10 Directors per pool", "%d Directors; a Director pool holds at most 10", n)
		}
	}
}

// frontEnds counts Front End Servers in words: "1 Front End Server", "2 Front End Servers".
func frontEnds(n int) string {
	if n == 1 {
		return "1 Front End Server"
	}
	return Thousands(n) + " Front End Servers"
}

// roleName names a role in messages: "Enterprise Edition", "Standard Edition", "Edge",
// "Director".
func roleName(r Role) string {
	switch r {
	case FrontEndEnterprise:
		return "Enterprise Edition"
	case FrontEndStandard:
		return "Standard Edition"
	}
	return string(r)
}

// aPool names a pool of a role with its article: "an Edge pool", "a Director pool".
func aPool(r Role) string {
	n := roleName(r)
	if n != "" && strings.ContainsRune("AEIOU", rune(n[0])) {
		return "an " + n + " pool"
	}
	return "a " + n + " pool"
}

// backEnd checks the i-th pool's SQL back end and its high availability.
func (v *validator) backEnd(i int) {
	t := v.t
	p := &t.Pools[i]
	path := v.x.poolPath(i) + ".backEnd"
	be := p.BackEnd
	switch {
	case be == nil && p.Role == FrontEndEnterprise:
		v.add(CodeNoBackEnd, path, "add backEnd with the SQL Server's fqdn", "an Enterprise pool needs a SQL Server back end")
		return
	case be == nil:
		return
	case p.Role != FrontEndEnterprise && slices.Contains(Roles, p.Role):
		v.add(CodeBackEndRole, path, "remove backEnd: Standard Edition uses its local SQL Express store, Edge and Director pools have none",
			"%s pools have no separate back end", roleName(p.Role))
		return
	}
	v.fqdn(path+".fqdn", be.FQDN, true, "back-end SQL server")
	if be.Instance != "" && !ValidInstanceName(be.Instance) {
		v.add(CodeBadName, path+".instance", "use 1 to 16 letters, digits or underscores, such as rtc", "%q is not a valid SQL instance name", be.Instance)
	}
	ha := be.HA
	if ha == "" {
		ha = HANone
	}
	if !slices.Contains([]BackEndHA{HANone, HAMirroring, HAAlwaysOn, HAFailoverCluster}, ha) {
		v.add(CodeBadEnum, path+".ha", "use None, Mirroring, AlwaysOn or FailoverCluster", "unknown back-end HA %q", be.HA)
	}
	if be.Mirror != nil {
		v.fqdn(path+".mirror.fqdn", be.Mirror.FQDN, true, "mirror SQL server")
		if be.Mirror.Instance != "" && !ValidInstanceName(be.Mirror.Instance) {
			v.add(CodeBadName, path+".mirror.instance", "use 1 to 16 letters, digits or underscores, such as rtc", "%q is not a valid SQL instance name", be.Mirror.Instance)
		}
		if be.FQDN != "" && strings.EqualFold(be.Mirror.FQDN, be.FQDN) && strings.EqualFold(be.Mirror.Instance, be.Instance) {
			v.add(CodeMirrorSame, path+".mirror.fqdn", "name a different SQL Server as the mirror", "the mirror is the principal server itself")
		}
	}
	if be.Witness != "" {
		v.fqdn(path+".witness", be.Witness, false, "witness")
		if strings.EqualFold(be.Witness, be.FQDN) || (be.Mirror != nil && strings.EqualFold(be.Witness, be.Mirror.FQDN)) {
			v.add(CodeMirrorSame, path+".witness", "use a third SQL Server as the witness", "the witness is the principal or the mirror server")
		}
	}
	switch ha {
	case HAMirroring:
		if p.Version.Behaves() == SfB2019 {
			v.add(CodeMirroring2019, path+".ha", "use AlwaysOn or FailoverCluster: "+versionName(p.Version)+" does not support mirroring",
				"SQL mirroring is not supported on %s", versionName(p.Version))
		}
		if be.Mirror == nil {
			v.add(CodeNoMirror, path+".mirror", "add mirror with the mirror SQL Server's fqdn", "mirroring needs a mirror server")
		} else if be.Witness == "" {
			v.add(CodeNoWitness, path+".witness", "add a witness for automatic back-end failover",
				"without a witness, back-end failover is manual: users drop to resiliency mode after about 30 minutes")
		}
	case HANone:
		if be.Mirror != nil || be.Witness != "" {
			v.add(CodeMirrorIgnored, path+".ha", "set ha to Mirroring (or AlwaysOn), or remove mirror and witness",
				"mirror or witness given but ha is None: they are ignored")
		}
	}
}

// registrar checks the i-th pool's registrar resiliency timers.
func (v *validator) registrar(i int) {
	t := v.t
	p := &t.Pools[i]
	if !p.Role.IsFrontEnd() {
		return
	}
	path := v.x.poolPath(i) + ".registrar"
	check := func(field string, val int) bool {
		if val != 0 && (val < 30 || val > 86400) {
			v.add(CodeRegistrarRange, path+"."+field, "give 30 to 86400 seconds, or leave it out for the default",
				"%d s is outside the allowed 30 s to 86,400 s (24 hours)", val)
			return false
		}
		return true
	}
	if check("failureDetectionSeconds", p.Registrar.FailureDetectionSeconds) && p.Registrar.FailureDetectionSeconds != 0 && p.Registrar.FailureDetectionSeconds < 120 {
		v.add(CodeRegistrarShort, path+".failureDetectionSeconds", "use 120 seconds or more",
			"%d s: failure detection below 120 s can fail users over on short network blips", p.Registrar.FailureDetectionSeconds)
	}
	check("failbackDetectionSeconds", p.Registrar.FailbackDetectionSeconds)
	if p.Registrar != (Registrar{}) && p.BackupPool == "" {
		v.add(CodeRegistrarUnused, path, "pair the pool, or remove the registrar settings",
			"the registrar timers only apply with a backup registrar, and the pool has no backup pool")
	}
}

// backupService checks the global Backup Service sync interval.
func (v *validator) backupService() {
	s := v.t.BackupService.SyncIntervalSeconds
	switch {
	case s != 0 && (s < 5 || s > 3*3600):
		v.add(CodeSyncRange, "backupService.syncIntervalSeconds", "give 5 to 10800 seconds (00:00:05 to 03:00:00), or leave it out for 120",
			"%d s is outside the allowed 5 s to 3 hours", s)
	case s != 0 && s != DefaultSyncIntervalSeconds:
		v.add(CodeSyncChanged, "backupService.syncIntervalSeconds", "keep the default of 120 seconds unless you measured a reason",
			"sync interval %d s instead of the default 120 s: changing it affects performance and the data-loss window", s)
	}
}

// uniqueness reports duplicate pool, server and branch FQDNs and sample users.
func (v *validator) uniqueness() {
	t := v.t
	type owner struct{ path, what string }
	names := map[string]owner{}
	claim := func(name, path, what string, sameOK func(owner) bool) {
		if name == "" || !ValidFQDN(name) {
			return
		}
		k := strings.ToLower(name)
		if o, dup := names[k]; dup {
			if sameOK != nil && sameOK(o) {
				return
			}
			v.add(CodeDuplicate, path, "give every pool, server and branch its own FQDN",
				"%q is already used by the %s at %s", name, o.what, strings.TrimSuffix(o.path, ".fqdn"))
			return
		}
		names[k] = owner{path, what}
	}
	for i := range t.Pools {
		claim(t.Pools[i].FQDN, v.x.poolPath(i)+".fqdn", "pool", nil)
	}
	for i := range t.Pools {
		p := &t.Pools[i]
		pp := v.x.poolPath(i)
		for j, s := range p.Servers {
			// A Standard Edition server's FQDN is also its pool's FQDN.
			own := func(o owner) bool {
				standard := p.Role == FrontEndStandard || !slices.Contains(Roles, p.Role) // an unknown role is reported already
				return standard && o.path == pp+".fqdn"
			}
			claim(s.FQDN, fmt.Sprintf("%s.servers[%d].fqdn", pp, j), "server", own)
		}
	}
	for i := range t.Branches {
		claim(t.Branches[i].FQDN, v.x.branchPath(i)+".fqdn", "branch", nil)
	}
	users := map[string]string{}
	for i := range t.Pools {
		for j, u := range t.Pools[i].SampleUsers {
			k := strings.ToLower(u)
			path := fmt.Sprintf("%s.sampleUsers[%d]", v.x.poolPath(i), j)
			if prev, dup := users[k]; dup {
				v.add(CodeDuplicate, path, "home each user on one pool", "user %q is already listed at %s", u, prev)
				continue
			}
			users[k] = path
		}
	}
}

// pairs checks every backupPool reference and every pair.
func (v *validator) pairs() {
	t := v.t
	for i := range t.Pools {
		p := &t.Pools[i]
		path := v.x.poolPath(i) + ".backupPool"
		if !p.Role.IsFrontEnd() {
			continue // reported in pool()
		}
		if p.BackupPool == "" {
			v.add(CodeUnpaired, path, "pair the pool with a Front End pool in another site (Topology Builder: Associated Backup Pool)",
				"the pool has no backup pool: if it fails, its %d users have no disaster recovery", v.x.totalUsers(p))
			continue
		}
		b := v.poolRef(path, p.BackupPool, "backup pool", "name an existing Front End pool, or add it under pools")
		switch {
		case b == nil:
		case b == p:
			v.add(CodePairSelf, path, "name a Front End pool in another site", "the pool is its own backup pool")
		case !slices.Contains(Roles, b.Role): // its unknown role is reported already
		case !b.Role.IsFrontEnd():
			v.add(CodePairNonFE, path, "name a Front End pool: Edge and Director pools are never paired",
				"backup pool %s is %s; only Front End pools are paired", b.FQDN, aPool(b.Role))
		case b.BackupPool == "":
			v.add(CodePairOneWay, path, fmt.Sprintf("set backupPool: %s on %s too: pairing is 1:1 and reciprocal", p.FQDN, b.FQDN),
				"%s does not name this pool as its backup pool", b.FQDN)
		case !strings.EqualFold(b.BackupPool, p.FQDN):
			v.add(CodePairOneWay, path, "pair each pool with exactly one other pool, both ways",
				"%s names %s as its backup pool, not this pool; a pool backs up exactly one other pool", b.FQDN, b.BackupPool)
		}
	}
	for _, pr := range v.x.pairs() {
		if pr.A.Role.IsFrontEnd() && pr.B.Role.IsFrontEnd() { // others are reported above
			v.pair(pr)
		}
	}
}

// pair checks the documented-but-unenforced rules of one reciprocal pair.
func (v *validator) pair(pr Pair) {
	a, b := pr.A, pr.B
	path := v.x.path(a) + ".backupPool"
	with := b.FQDN
	if a.Role != b.Role {
		v.add(CodePairEdition, path, "pair Enterprise with Enterprise and Standard with Standard",
			"%s (%s) is paired with %s (%s): mixed editions are not a supported pairing", a.FQDN, roleName(a.Role), with, roleName(b.Role))
	}
	pa, pb := a.Platform, b.Platform
	if pa == "" {
		pa = Physical
	}
	if pb == "" {
		pb = Physical
	}
	if pa != pb {
		v.add(CodePairPlatform, path, "pair physical with physical and virtual with virtual",
			"%s is %s and %s is %s: mixed platforms are not a supported pairing", a.FQDN, pa, with, pb)
	}
	if a.OS != "" && b.OS != "" && !strings.EqualFold(a.OS, b.OS) {
		v.add(CodePairOS, path, "run both pools on the same base operating system",
			"%s runs %s and %s runs %s: paired pools should run the same operating system", a.FQDN, a.OS, with, b.OS)
	}
	if v.coexistence(pr, path) {
		v.add(CodePairVersion, path, "upgrade the second pool right after the first; do not unpair them to upgrade",
			"%s runs %s and %s runs %s: a mixed-version pair cannot do a disaster-mode failover", a.FQDN, a.Version, with, b.Version)
	}
	if a.Site != "" && strings.EqualFold(a.Site, b.Site) {
		v.add(CodePairSameSite, path, "pair with a pool in another site, far enough away that one disaster cannot hit both",
			"both pools are in site %s: one site failure takes out the pool and its backup", a.Site)
	}
	if a.BackEnd != nil && b.BackEnd != nil {
		ha, hb := a.BackEnd.HA, b.BackEnd.HA
		if ha == "" {
			ha = HANone
		}
		if hb == "" {
			hb = HANone
		}
		if ha != hb {
			v.add(CodePairBackEndHA, path, "use the same back-end HA technology in both pools",
				"%s uses %s and %s uses %s for back-end high availability", a.FQDN, ha, with, hb)
		}
	}
	sa, sb := v.x.site(a.Site), v.x.site(b.Site)
	if sa != nil && sb != nil && sa.Region != "" && sb.Region != "" && !strings.EqualFold(sa.Region, sb.Region) {
		v.add(CodePairRegion, path, "pair pools within one world region with fast links",
			"%s is in region %s and %s in %s: cross-region pairs lose more data (replication latency)", a.FQDN, sa.Region, with, sb.Region)
	}
	v.pairCapacity(pr)
}

// capacity checks one pool's own sizing.
func (v *validator) capacity(i int) {
	t := v.t
	p := &t.Pools[i]
	if !p.Role.IsFrontEnd() || len(p.Servers) == 0 {
		return
	}
	path := v.x.poolPath(i) + ".users"
	users := v.x.totalUsers(p)
	withBranches := ""
	if bu := v.x.branchUsersOf(p); bu > 0 {
		withBranches = fmt.Sprintf(" (%d homed, %d on branches it backs up)", count(max(p.Users, 0)), count(bu))
	}
	capUsers := Capacity(p)
	switch {
	case users > MaxPoolUsers(p.Version):
		v.add(CodeOverPoolMax, path, "move users to another pool",
			"%d users%s; a %s pool homes at most %d", users, withBranches, versionName(p.Version), MaxPoolUsers(p.Version))
	case users > capUsers:
		fix := fmt.Sprintf("add Front End Servers: %d users need %d", count(users), ServersNeeded(users))
		if p.Role == FrontEndStandard {
			fix = "move users to an Enterprise pool"
		}
		v.add(CodeOverCapacity, path, fix, "%d users%s exceed the pool's capacity of %d", users, withBranches, capUsers)
	case p.Role == FrontEndEnterprise && len(p.Servers) > 1 && users > (len(p.Servers)-1)*UsersPerServer:
		v.add(CodeNPlusOne, path, fmt.Sprintf("add a Front End Server (%d users need %d servers plus one spare)", count(users), ServersNeeded(users)),
			"%d users on %d Front End Servers: losing one leaves %d per server, over %d", users, len(p.Servers),
			users/(len(p.Servers)-1), UsersPerServer)
	}
	if v.x.partner(p) != nil && p.Role == FrontEndEnterprise && users > MaxPairedPoolUsers(p.Version) && users <= MaxPoolUsers(p.Version) {
		v.add(CodeOverPairedMax, path, "move users to another pair",
			"%d users%s; each pool of a %s pair may home at most %d so that its partner can carry both",
			users, withBranches, versionName(p.Version), MaxPairedPoolUsers(p.Version))
	}
}

// pairCapacity checks that each pool of a pair can carry both pools' users.
func (v *validator) pairCapacity(pr Pair) {
	total := v.x.totalUsers(pr.A) + v.x.totalUsers(pr.B)
	for _, x := range []struct{ survivor, failed *Pool }{{pr.A, pr.B}, {pr.B, pr.A}} {
		s := x.survivor
		if len(s.Servers) == 0 || !slices.Contains(Versions, s.Version) || !s.Role.IsFrontEnd() {
			continue
		}
		path := v.x.path(s) + ".servers"
		switch s.Role {
		case FrontEndStandard:
			if total > StandardEditionFailoverUsers {
				v.add(CodeFailoverSizing, path, "move users off the pair, or use Enterprise pools",
					"if %s fails, %s must carry %d users; a Standard Edition server carries at most %d in a failover",
					x.failed.FQDN, s.FQDN, total, StandardEditionFailoverUsers)
			}
		case FrontEndEnterprise:
			need := ServersNeeded(total)
			if total > MaxPoolUsers(s.Version) {
				v.add(CodeFailoverSizing, path, "move users off the pair",
					"if %s fails, %s must carry %d users, more than the %d a %s pool can home",
					x.failed.FQDN, s.FQDN, total, MaxPoolUsers(s.Version), versionName(s.Version))
			} else if need > len(s.Servers) {
				fix := fmt.Sprintf("add %s to %s", frontEnds(need-len(s.Servers)), s.FQDN)
				if need > MaxFrontEnds(s.Version) {
					fix = fmt.Sprintf("move users off the pair: %d Front End Servers, the most a %s pool may have, carry %d",
						MaxFrontEnds(s.Version), versionName(s.Version), count(MaxFrontEnds(s.Version)*UsersPerServer))
				}
				v.add(CodeFailoverSizing, path, fix,
					"if %s fails, %s must carry %d users: that needs %d Front End Servers (%d users each), it has %d",
					x.failed.FQDN, s.FQDN, total, need, UsersPerServer, len(s.Servers))
			}
		}
	}
}

// cms checks where the Central Management store lives.
func (v *validator) cms() {
	t := v.t
	if t.CMS.Pool == "" {
		v.add(CodeNoCMS, "cms.pool", "set cms.pool to the Front End pool whose back end hosts the Central Management store",
			"the topology does not say which pool hosts the Central Management store")
		return
	}
	p := v.poolRef("cms.pool", t.CMS.Pool, "CMS pool", "name an existing Front End pool")
	switch {
	case p == nil:
	case !p.Role.IsFrontEnd():
		v.add(CodeCMSNotFE, "cms.pool", "move the CMS to a Front End pool", "the CMS is on %s, %s; it lives on a Front End pool's back end", p.FQDN, aPool(p.Role))
	case v.x.partner(p) == nil:
		v.add(CodeCMSUnpaired, "cms.pool", "pair the CMS pool: pairing installs a standby CMS in the partner",
			"the CMS pool %s has no backup pool, so the Central Management store cannot be failed over", p.FQDN)
	}
}

// edges checks every Edge pool's next hop and that one Edge pool carries federation.
func (v *validator) edges() {
	t := v.t
	var federation []string
	for i := range t.Pools {
		p := &t.Pools[i]
		if p.Role != Edge {
			continue
		}
		path := v.x.poolPath(i) + ".nextHop"
		if p.FederationRoute {
			federation = append(federation, v.x.poolPath(i))
		}
		if p.NextHop == "" {
			v.add(CodeNoNextHop, path, "set nextHop to a Front End or Director pool", "the Edge pool has no internal next hop")
			continue
		}
		h := v.poolRef(path, p.NextHop, "next-hop pool", "name an existing Front End or Director pool")
		switch {
		case h == nil:
		case !h.Role.IsFrontEnd() && h.Role != Director:
			v.add(CodeNextHopRole, path, "point the next hop at a Front End or Director pool", "next hop %s is %s", h.FQDN, aPool(h.Role))
		case h.Role.IsFrontEnd() && v.x.partner(h) != nil:
			v.add(CodeNextHopPaired, path, "before failing that pool over, move the next hop to another pool (Topology Builder, or Set-CsEdgeServer for another site)",
				"%s is this Edge pool's next hop: Invoke-CsPoolFailOver refuses to fail it over until the next hop is moved", h.FQDN)
		}
	}
	if len(federation) > 1 {
		for _, path := range federation[1:] {
			v.add(CodeFederation, path+".federationRoute", "mark one Edge pool as the federation route",
				"more than one Edge pool carries federation (also %s); only one is supported", federation[0])
		}
	}
}

// branch checks the i-th branch and its backup registrar.
func (v *validator) branch(i int) {
	t := v.t
	b := &t.Branches[i]
	path := v.x.branchPath(i)
	v.fqdn(path+".fqdn", b.FQDN, true, "branch appliance")
	if b.Site == "" {
		v.add(CodeMissing, path+".site", "name the central site the branch is associated with", "the branch has no site")
	} else if v.x.site(b.Site) == nil {
		v.add(CodeDangling, path+".site", "add the site under sites, or correct the name", "site %q does not exist", b.Site)
	}
	if b.Users < 0 {
		v.add(CodeNegative, path+".users", "give zero or more users", "users is negative (%d)", b.Users)
	}
	rp := path + ".backupRegistrar"
	if b.BackupRegistrar == "" {
		v.add(CodeMissing, rp, "name the Front End pool that is the branch's backup registrar", "the branch has no backup registrar")
		return
	}
	p := v.poolRef(rp, b.BackupRegistrar, "backup registrar", "name an existing Front End pool")
	switch {
	case p == nil:
	case !p.Role.IsFrontEnd():
		v.add(CodeBranchRegistrar, rp, "name a Front End pool", "backup registrar %s is %s, not a Front End pool", p.FQDN, aPool(p.Role))
	case b.Users > 0:
		v.add(CodeBranchNoDR, rp, "plan for it: these users stay in resiliency mode until the pool is back",
			"the %d branch users count in %s's total and get no pool disaster recovery: if that pool fails they stay in resiliency mode",
			b.Users, p.FQDN)
	}
}

// count is an int that %d formats with thousands separators ("38,400"), for messages.
type count int

// Format implements fmt.Formatter.
func (c count) Format(f fmt.State, verb rune) {
	s := strconv.Itoa(int(c))
	if verb == 'd' || verb == 'v' {
		s = Thousands(int(c))
	}
	_, _ = f.Write([]byte(s))
}

// Thousands formats n with comma separators, as failwright's messages write counts:
// "38,400", "-1,200".
func Thousands(n int) string {
	return units.Thousands(n)
}
