package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/decode"
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/scenarios/result"
)

var (
	healthNames    = []string{string(sim.HealthUp), string(sim.HealthDegraded), string(sim.HealthDown)}
	poolStateNames = []string{string(sim.StateActive), string(sim.StateFailingOver), string(sim.StateFailedOver), string(sim.StateFailingBack)}
	modeNames      = []string{string(sim.ModeHome), string(sim.ModeBackup), string(sim.ModeResiliency), string(sim.ModeSignedOut)}
	backupNames    = []string{string(sim.BackupSteady), string(sim.BackupFinal), string(sim.BackupNonSteady), string(sim.BackupNotInitialized), string(sim.BackupError)}
)

// addFunc records a decoded expectation at the node it was written at.
type addFunc func(Expectation, *yaml.Node)

// expect decodes an expect mapping. ran says whether a command runs before it, which the
// checks on the previous command (error, output, changed, prompt) need.
func (d *decoder) expect(f field, p string, ran bool) []Expectation {
	fs, ok := d.fields(f.value, p, "pools", "branches", "sites", "cms", "backup", "edge", "features", "error", "output", "changed", "prompt", "rto", "dataLoss")
	if !ok {
		return nil
	}
	var out []Expectation
	add := func(e Expectation, n *yaml.Node) {
		e.Pos = d.pos(n)
		e.span = d.listSpan(n)
		out = append(out, e)
	}
	if v, ok := fs["pools"]; ok {
		d.eachNamed(v, p+".pools", func(name string, key, val *yaml.Node) {
			d.poolExpect(name, key, val, p, add)
		})
	}
	if v, ok := fs["branches"]; ok {
		d.eachNamed(v, p+".branches", func(name string, key, val *yaml.Node) {
			d.branchExpect(name, key, val, p, add)
		})
	}
	if v, ok := fs["sites"]; ok {
		d.eachNamed(v, p+".sites", func(name string, key, val *yaml.Node) {
			d.siteExpect(name, key, val, p, add)
		})
	}
	if v, ok := fs["cms"]; ok {
		d.cmsExpect(v, p+".cms", add)
	}
	if v, ok := fs["backup"]; ok {
		d.backupExpect(v, p+".backup", add)
	}
	if v, ok := fs["edge"]; ok {
		d.edgeExpect(v, p, add)
	}
	if v, ok := fs["features"]; ok {
		d.featuresExpect(v, p, add)
	}
	d.commandExpect(fs, p, ran, add)
	for _, k := range []string{"rto", "dataLoss"} {
		if v, ok := fs[k]; ok {
			d.boundExpect(v, p, k, add)
		}
	}
	if len(out) == 0 && len(fs) > 0 && !d.failedSince(f) {
		d.errorf(CodeMissing, f.key, p, "add what must hold", "%s checks nothing", p)
	}
	// Checks are reported in the order they are written.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return out
}

// siteExpect decodes what must hold for one site: up.
func (d *decoder) siteExpect(name string, key, val *yaml.Node, p string, add addFunc) {
	sp := fmt.Sprintf("%s.sites[%s]", p, name)
	if d.topo != nil {
		s := d.topo.SiteByName(name)
		if s == nil {
			d.unknownName(key, sp, "site", name, siteNames(d.topo))
			return
		}
		name = s.Name
		sp = fmt.Sprintf("%s.sites[%s]", p, name)
	}
	sf, ok := d.fields(val, sp, "up")
	if !ok {
		return
	}
	if u, ok := sf["up"]; ok {
		if b, ok := d.boolean(u, sp+".up"); ok {
			add(Expectation{Kind: KindSiteUp, Path: sp + ".up", Want: strconv.FormatBool(b), subject: name, flag: b}, u.value)
		}
	}
}

// cmsExpect decodes what must hold for the Central Management Store: activePool, available.
func (d *decoder) cmsExpect(v field, cp string, add addFunc) {
	cf, ok := d.fields(v.value, cp, "activePool", "available")
	if !ok {
		return
	}
	if a, ok := cf["activePool"]; ok {
		if s, ok := d.str(a, cp+".activePool"); ok {
			if fq, ok := d.cmsPool(a.value, cp+".activePool", s); ok {
				add(Expectation{Kind: KindCMSPool, Path: cp + ".activePool", Want: s, text: fq}, a.value)
			}
		}
	}
	if a, ok := cf["available"]; ok {
		if b, ok := d.boolean(a, cp+".available"); ok {
			add(Expectation{Kind: KindCMSUp, Path: cp + ".available", Want: strconv.FormatBool(b), flag: b}, a.value)
		}
	}
}

// commandExpect decodes the checks on the previous command: error, output, changed and prompt.
func (d *decoder) commandExpect(fs map[string]field, p string, ran bool, add addFunc) {
	needRun := func(k field, what string) bool {
		if !ran {
			d.errorf(CodeImpossible, k.key, p+"."+what, "run a command in this step or an earlier one",
				"%s.%s checks the previous command, but no command runs before it", p, what)
		}
		return ran
	}
	if v, ok := fs["error"]; ok && needRun(v, "error") {
		if s, ok := d.str(v, p+".error"); ok {
			s = strings.TrimSpace(s)
			switch {
			case strings.EqualFold(s, "none"):
				s = "none"
			case strings.EqualFold(s, "any"):
				s = "any"
			case s == "" || strings.ContainsAny(s, " \t"):
				d.errorf(CodeBadValue, v.value, p+".error", "write an error ID from docs/errors.md, none, or any",
					"error must be an error ID, none or any, not %q", s)
				s = ""
			}
			if s != "" {
				add(Expectation{Kind: KindError, Path: p + ".error", Want: s, text: s}, v.value)
			}
		}
	}
	if v, ok := fs["output"]; ok && needRun(v, "output") {
		texts, nodes := d.strList(v, p+".output")
		for i, s := range texts {
			if s == "" {
				d.errorf(CodeBadValue, nodes[i], p+".output", "write the text the output must contain", "output text is empty")
				continue
			}
			add(Expectation{Kind: KindOutput, Path: p + ".output", Want: s, text: s}, nodes[i])
		}
	}
	for _, k := range []string{"changed", "prompt"} {
		if v, ok := fs[k]; ok && needRun(v, k) {
			if b, ok := d.boolean(v, p+"."+k); ok {
				kind := KindChanged
				if k == "prompt" {
					kind = KindPrompt
				}
				add(Expectation{Kind: kind, Path: p + "." + k, Want: strconv.FormatBool(b), flag: b}, v.value)
			}
		}
	}
}

// boundExpect decodes rto or dataLoss (k): a bound on every pool, or a mapping from pool to
// its bound.
func (d *decoder) boundExpect(v field, p, k string, add addFunc) {
	kind := KindRTO
	if k == "dataLoss" {
		kind = KindDataLoss
	}
	kp := p + "." + k
	if _, scalar := scalarText(v.value); scalar {
		if dur, cmp, ok := d.bound(v, kp); ok {
			var pools []string
			if d.topo != nil {
				pools = poolNames(d.topo, true)
			}
			add(Expectation{Kind: kind, Path: kp, Want: cmpText(cmp) + dur.String(), AtEnd: true, dur: dur, cmp: cmp, pools: pools}, v.value)
		}
		return
	}
	d.eachNamed(v, kp, func(name string, key, val *yaml.Node) {
		pp := fmt.Sprintf("%s[%s]", kp, name)
		if d.topo != nil {
			pool, ok := d.frontEnd(key, pp, name)
			if !ok {
				return
			}
			name = pool.FQDN
			pp = fmt.Sprintf("%s[%s]", kp, name)
		}
		if dur, cmp, ok := d.bound(field{key, val}, pp); ok {
			add(Expectation{Kind: kind, Path: pp, Want: cmpText(cmp) + dur.String(), AtEnd: true, subject: name, dur: dur, cmp: cmp}, val)
		}
	})
}

// bound decodes a run-wide bound: a duration (at most), or one after >=, >, <= or <.
func (d *decoder) bound(f field, p string) (time.Duration, string, bool) {
	s, ok := d.str(f, p)
	if !ok {
		return 0, "", false
	}
	cmp, rest := splitCmp(s, "<=")
	dur, err := parseDuration(rest)
	if err != nil {
		d.errorf(CodeBadDuration, f.value, p, "write a Go duration such as 20m (at most), or \">= 5m\"",
			"bad duration %q for %s: %v", s, label(p), err)
		return 0, "", false
	}
	return dur, cmp, true
}

// splitCmp splits a leading comparison operator off s; def is used when there is none.
func splitCmp(s, def string) (string, string) {
	s = strings.TrimSpace(s)
	for _, c := range []string{"<=", ">=", "<", ">", "="} {
		if strings.HasPrefix(s, c) {
			return c, strings.TrimSpace(s[len(c):])
		}
	}
	return def, s
}

// cmpText is how a bound's operator is shown before its value ("" for the default, at most).
func cmpText(cmp string) string {
	if cmp == "<=" {
		return ""
	}
	return cmp + " "
}

// failedSince reports whether an error was reported inside the field, so that an empty
// expectation is not reported twice.
func (d *decoder) failedSince(f field) bool {
	start := d.pos(f.key).Line
	for _, x := range d.fs {
		if x.Pos.Line >= start {
			return true
		}
	}
	return false
}

// eachNamed calls fn for every key of a mapping keyed by names (pools, branches, sites).
func (d *decoder) eachNamed(f field, p string, fn func(name string, key, val *yaml.Node)) {
	if d.unsupported(f.value, p) {
		return
	}
	values, ok := decode.Entries(f.value)
	if !ok {
		d.errorf(CodeWrongType, f.value, p, "write a mapping from each name to what must hold",
			"%s must be a mapping keyed by name, not %s", label(p), kindName(f.value))
		return
	}
	seen := map[string]bool{}
	for _, mv := range values {
		k, ok := d.keyText(mv.Key, p)
		if !ok {
			continue
		}
		if seen[strings.ToLower(k)] {
			d.errorf(CodeDuplicateKey, mv.Key, p, "keep one entry per name", "duplicate key %q", k)
			continue
		}
		seen[strings.ToLower(k)] = true
		fn(k, mv.Key, mv.Value)
	}
}

func (d *decoder) unknownName(n *yaml.Node, p, what, name string, known []string) {
	msg := fmt.Sprintf("unknown %s %q: the topology has no such %s", what, name, what)
	fix := fmt.Sprintf("use one of the topology's %ss: %s", what, strings.Join(known, ", "))
	if s := closest(name, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	d.errorf(CodeUnknownName, n, p, fix, "%s", msg)
}

func poolNames(t *topology.Topology, frontEndOnly bool) []string {
	var out []string
	for _, p := range t.Pools {
		if !frontEndOnly || p.Role.IsFrontEnd() {
			out = append(out, p.FQDN)
		}
	}
	return out
}

func siteNames(t *topology.Topology) []string {
	var out []string
	for _, s := range t.Sites {
		out = append(out, s.Name)
	}
	return out
}

func branchNames(t *topology.Topology) []string {
	var out []string
	for _, b := range t.Branches {
		out = append(out, b.FQDN)
	}
	return out
}

// frontEnd resolves name to a Front End pool, reporting an unknown or non-Front-End pool.
func (d *decoder) frontEnd(n *yaml.Node, p, name string) (*topology.Pool, bool) {
	pool := d.topo.PoolByFQDN(name)
	if pool == nil {
		d.unknownName(n, p, "pool", name, poolNames(d.topo, false))
		return nil, false
	}
	if !pool.Role.IsFrontEnd() {
		d.errorf(CodeImpossible, n, p, "name a Front End pool", "%s is an %s pool: it homes no users", pool.FQDN, pool.Role)
		return nil, false
	}
	return pool, true
}

func (d *decoder) cmsPool(n *yaml.Node, p, name string) (string, bool) {
	if d.topo == nil {
		return name, true
	}
	pool, ok := d.frontEnd(n, p, name)
	if !ok {
		return "", false
	}
	home := d.topo.PoolByFQDN(d.topo.CMS.Pool)
	if home != nil && !strings.EqualFold(pool.FQDN, home.FQDN) && !strings.EqualFold(pool.FQDN, home.BackupPool) {
		where := "it has no backup pool"
		if home.BackupPool != "" {
			where = "its backup pool is " + home.BackupPool
		}
		d.errorf(CodeImpossible, n, p, "expect "+home.FQDN+" or its backup pool",
			"the CMS can never be active on %s: it lives on %s and can only fail over to that pool's backup pool (%s)", pool.FQDN, home.FQDN, where)
		return "", false
	}
	return pool.FQDN, true
}

func (d *decoder) poolExpect(name string, key, val *yaml.Node, p string, add addFunc) {
	pp := fmt.Sprintf("%s.pools[%s]", p, name)
	var pool *topology.Pool
	if d.topo != nil {
		pool = d.topo.PoolByFQDN(name)
		if pool == nil {
			d.unknownName(key, pp, "pool", name, poolNames(d.topo, false))
			return
		}
		name = pool.FQDN
		pp = fmt.Sprintf("%s.pools[%s]", p, name)
	}
	pf, ok := d.fields(val, pp, "health", "poolState", "users", "servedBy", "nextHop", "serversUp", "backEndUp", "load",
		"externalAccess", "federationRoute", "mediaEdge", "serversDrained", "features", "missing")
	if !ok {
		return
	}
	notFE := func(k string, f field) bool {
		if pool != nil && !pool.Role.IsFrontEnd() {
			d.errorf(CodeImpossible, f.key, pp+"."+k, "check "+k+" on a Front End pool", "%s is an %s pool: it has no %s", pool.FQDN, pool.Role, k)
			return true
		}
		return false
	}
	if v, ok := pf["health"]; ok {
		if s, ok := d.enum(v, pp+".health", healthNames); ok {
			add(Expectation{Kind: KindHealth, Path: pp + ".health", Want: s, subject: name, text: s}, v.value)
		}
	}
	if v, ok := pf["poolState"]; ok && !notFE("poolState", v) {
		if s, ok := d.enum(v, pp+".poolState", poolStateNames); ok {
			if pool != nil && pool.BackupPool == "" && s != string(sim.StateActive) {
				d.errorf(CodeImpossible, v.value, pp+".poolState", "expect Active", "%s has no backup pool: it can never be %s", pool.FQDN, s)
			} else {
				add(Expectation{Kind: KindPoolState, Path: pp + ".poolState", Want: s, subject: name, text: s}, v.value)
			}
		}
	}
	if v, ok := pf["users"]; ok && !notFE("users", v) {
		total := -1
		if pool != nil {
			total = pool.Users
		}
		d.usersExpect(v, pp+".users", name, total, pool != nil && pool.BackupPool == "", false, add)
	}
	if v, ok := pf["servedBy"]; ok && !notFE("servedBy", v) {
		if s, ok := d.str(v, pp+".servedBy"); ok {
			want := s
			if strings.EqualFold(s, "none") {
				want = "none"
			} else if pool != nil {
				sp := d.topo.PoolByFQDN(s)
				switch {
				case sp == nil:
					d.unknownName(v.value, pp+".servedBy", "pool", s, poolNames(d.topo, true))
					return
				case !strings.EqualFold(sp.FQDN, pool.FQDN) && !strings.EqualFold(sp.FQDN, pool.BackupPool):
					d.errorf(CodeImpossible, v.value, pp+".servedBy", "expect "+pool.FQDN+", its backup pool, or none",
						"users of %s can never be served by %s: only by their home pool or its backup pool (%s)", pool.FQDN, sp.FQDN, result.OrNone(pool.BackupPool))
					return
				}
				want = sp.FQDN
			}
			add(Expectation{Kind: KindServedBy, Path: pp + ".servedBy", Want: s, subject: name, text: want}, v.value)
		}
	}
	if v, ok := pf["nextHop"]; ok {
		if pool != nil && pool.Role != topology.Edge {
			d.errorf(CodeImpossible, v.key, pp+".nextHop", "check nextHop on an Edge pool", "%s is not an Edge pool: it has no next hop", pool.FQDN)
		} else if s, ok := d.str(v, pp+".nextHop"); ok {
			want := s
			if d.topo != nil {
				np := d.topo.PoolByFQDN(s)
				if np == nil {
					d.unknownName(v.value, pp+".nextHop", "pool", s, poolNames(d.topo, false))
					return
				}
				want = np.FQDN
			}
			add(Expectation{Kind: KindNextHop, Path: pp + ".nextHop", Want: s, subject: name, text: want}, v.value)
		}
	}
	if v, ok := pf["serversUp"]; ok {
		if s, ok := d.str(v, pp+".serversUp"); ok {
			n, err := strconv.Atoi(s)
			switch {
			case err != nil || n < 0:
				d.errorf(CodeWrongType, v.value, pp+".serversUp", "write a whole number", "serversUp must be a whole number, not %q", s)
			case pool != nil && n > len(pool.Servers):
				d.errorf(CodeImpossible, v.value, pp+".serversUp", fmt.Sprintf("write a number from 0 to %d", len(pool.Servers)),
					"%s has %d servers: %d can never be up", pool.FQDN, len(pool.Servers), n)
			default:
				add(Expectation{Kind: KindServersUp, Path: pp + ".serversUp", Want: s, subject: name, count: n}, v.value)
			}
		}
	}
	if v, ok := pf["load"]; ok && !notFE("load", v) {
		if s, ok := d.str(v, pp+".load"); ok {
			cmp, rest := splitCmp(s, "=")
			x, err := strconv.ParseFloat(rest, 64)
			if err != nil || x < 0 {
				d.errorf(CodeWrongType, v.value, pp+".load", "write a number, optionally after <=, >=, < or >, such as \"> 1\" (1 is full capacity)",
					"load must be a number such as 0.8 or \"> 1\", not %q", s)
			} else {
				add(Expectation{Kind: KindLoad, Path: pp + ".load", Want: s, subject: name, load: x, cmp: cmp}, v.value)
			}
		}
	}
	d.poolEdgeExpect(pool, name, pp, pf, add)
	d.poolFeatureExpect(pool, name, pp, pf, add)
	if v, ok := pf["backEndUp"]; ok && !notFE("backEndUp", v) {
		if b, ok := d.boolean(v, pp+".backEndUp"); ok {
			add(Expectation{Kind: KindBackEndUp, Path: pp + ".backEndUp", Want: strconv.FormatBool(b), subject: name, flag: b}, v.value)
		}
	}
}

// usersExpect decodes a users expectation: a mode (every user in it) or a mapping from mode
// to a count, "all" or "none". total is the number of users, or -1 when unknown.
func (d *decoder) usersExpect(f field, p, subject string, total int, unpaired, branch bool, add addFunc) {
	never := func(n *yaml.Node, mp, mode string) bool {
		switch {
		case branch && mode == string(sim.ModeBackup):
			d.errorf(CodeImpossible, n, mp, "branch users stay in Resiliency mode or are signed out while their backup registrar is down",
				"users of branch %s can never be in Backup mode: branch users get no pool failover", subject)
			return true
		case unpaired && (mode == string(sim.ModeBackup) || mode == string(sim.ModeResiliency)):
			d.errorf(CodeImpossible, n, mp, "expect Home or SignedOut", "%s has no backup pool: its users can never be in %s mode", subject, mode)
			return true
		}
		return false
	}
	if s, ok := scalarText(f.value); ok {
		if m, ok := d.enum(f, p, modeNames); ok && !never(f.value, p, m) {
			add(Expectation{Kind: KindUsersAll, Path: p, Want: s, subject: subject, mode: sim.Mode(m)}, f.value)
		}
		_ = s
		return
	}
	mf, ok := d.fields(f.value, p, modeNames...)
	if !ok {
		return
	}
	sum, alls := 0, 0
	for _, m := range modeNames {
		v, ok := mf[m]
		if !ok {
			continue
		}
		mp := p + "." + m
		s, ok := d.str(v, mp)
		if !ok {
			continue
		}
		n := 0
		switch strings.ToLower(s) {
		case "all":
			n = -1
			if total != 0 {
				alls++
			}
		case "none":
			n = 0
		default:
			var err error
			n, err = strconv.Atoi(s)
			if err != nil || n < 0 {
				d.errorf(CodeWrongType, v.value, mp, "write a whole number, all or none", "%s users must be a whole number, all or none, not %q", m, s)
				continue
			}
			if total >= 0 && n > total {
				d.errorf(CodeImpossible, v.value, mp, fmt.Sprintf("write a number from 0 to %d", total),
					"%s homes %d users: %d can never be in %s mode", subject, total, n, m)
				continue
			}
			sum += n
		}
		if n != 0 && never(v.value, mp, m) {
			continue
		}
		add(Expectation{Kind: KindUsers, Path: mp, Want: s, subject: subject, mode: sim.Mode(m), count: n}, v.value)
	}
	switch {
	case alls > 1:
		d.errorf(CodeImpossible, f.value, p, "give counts, or all for one mode only", "%s: all users cannot be in two modes at once", p)
	case total >= 0 && sum > total:
		d.errorf(CodeImpossible, f.value, p, "make the counts add up to at most the users", "%s homes %d users but the counts add up to %d", subject, total, sum)
	case alls == 1 && sum > 0:
		d.errorf(CodeImpossible, f.value, p, "give counts, or all for one mode with the others 0", "%s: all users in one mode leaves none for the counts in the others", p)
	}
}

func (d *decoder) branchExpect(name string, key, val *yaml.Node, p string, add addFunc) {
	bp := fmt.Sprintf("%s.branches[%s]", p, name)
	total := -1
	if d.topo != nil {
		var br *topology.Branch
		for i := range d.topo.Branches {
			if strings.EqualFold(d.topo.Branches[i].FQDN, name) {
				br = &d.topo.Branches[i]
			}
		}
		if br == nil {
			d.unknownName(key, bp, "branch", name, branchNames(d.topo))
			return
		}
		name, total = br.FQDN, br.Users
		bp = fmt.Sprintf("%s.branches[%s]", p, name)
	}
	bf, ok := d.fields(val, bp, "up", "users")
	if !ok {
		return
	}
	if v, ok := bf["up"]; ok {
		if b, ok := d.boolean(v, bp+".up"); ok {
			add(Expectation{Kind: KindBranchUp, Path: bp + ".up", Want: strconv.FormatBool(b), subject: name, flag: b}, v.value)
		}
	}
	if v, ok := bf["users"]; ok {
		d.usersExpect(v, bp+".users", name, total, false, true, func(e Expectation, n *yaml.Node) {
			e.to = "branch"
			add(e, n)
		})
	}
}

func (d *decoder) backupExpect(f field, p string, add addFunc) {
	items, ok := decode.Items(f.value)
	if !ok {
		d.errorf(CodeWrongType, f.value, p, "write a list of directions, each with from, to and state",
			"backup must be a list, not %s", kindName(f.value))
		return
	}
	for i, e := range items {
		ep := fmt.Sprintf("%s[%d]", p, i)
		bf, ok := d.fields(e, ep, "from", "to", "state", "backlog")
		if !ok {
			continue
		}
		var from, to string
		okFrom, okTo := false, false
		if v, ok := bf["from"]; ok {
			from, okFrom = d.str(v, ep+".from")
		} else {
			d.errorf(CodeMissing, e, ep, "add from: the pool whose data is copied", "%s has no from", ep)
		}
		if v, ok := bf["to"]; ok {
			to, okTo = d.str(v, ep+".to")
		} else {
			d.errorf(CodeMissing, e, ep, "add to: the pool the data is copied to", "%s has no to", ep)
		}
		if !okFrom || !okTo {
			continue
		}
		if d.topo != nil {
			fp, ok1 := d.frontEnd(bf["from"].value, ep+".from", from)
			tp, ok2 := d.frontEnd(bf["to"].value, ep+".to", to)
			if !ok1 || !ok2 {
				continue
			}
			if !strings.EqualFold(fp.BackupPool, tp.FQDN) {
				d.errorf(CodeImpossible, bf["to"].value, ep+".to", "name a pool and its backup pool",
					"there is no Backup Service direction from %s to %s: %s's backup pool is %s", fp.FQDN, tp.FQDN, fp.FQDN, result.OrNone(fp.BackupPool))
				continue
			}
			from, to = fp.FQDN, tp.FQDN
		}
		dp := fmt.Sprintf("%s.backup[%s->%s]", strings.TrimSuffix(p, ".backup"), from, to)
		if v, ok := bf["state"]; ok {
			if s, ok := d.enum(v, dp+".state", backupNames); ok {
				add(Expectation{Kind: KindBackup, Path: dp + ".state", Want: s, subject: from, to: to, text: s}, v.value)
			}
		}
		if v, ok := bf["backlog"]; ok {
			if s, ok := d.str(v, dp+".backlog"); ok {
				cmp, rest := splitCmp(s, "=")
				dur, err := parseDuration(rest)
				if err != nil {
					d.errorf(CodeBadDuration, v.value, dp+".backlog", "write a Go duration, optionally after <=, >=, < or >, such as \">= 10m\"",
						"bad duration %q for backlog: %v", s, err)
					continue
				}
				add(Expectation{Kind: KindBacklog, Path: dp + ".backlog", Want: s, subject: from, to: to, dur: dur, cmp: cmp}, v.value)
			}
		}
		if _, ok := bf["state"]; !ok {
			if _, ok := bf["backlog"]; !ok {
				d.errorf(CodeMissing, e, ep, "add state: or backlog:", "%s checks nothing: give state or backlog", ep)
			}
		}
	}
}

// evalCtx is what expectations are checked against.
type evalCtx struct {
	snap   sim.Snapshot
	last   *sim.Result // the previous command's result, nil when none
	report *sim.Report // the run's figures, for AtEnd expectations
	eng    Engine      // the engine, for the users without each feature now; nil when report is set
}

// eval checks one expectation and returns what was found and whether it holds.
func (e *Expectation) eval(c evalCtx) (found string, ok bool) {
	switch e.Kind {
	case KindHealth, KindPoolState, KindServedBy, KindServersUp, KindBackEndUp, KindUsers, KindUsersAll, KindNextHop, KindLoad:
		if e.to == "branch" {
			return e.evalBranch(c)
		}
		ps := findPool(c.snap, e.subject)
		if ps == nil {
			return "no such pool in the simulation", false
		}
		switch e.Kind {
		case KindHealth:
			return string(ps.Health), strings.EqualFold(string(ps.Health), e.text)
		case KindPoolState:
			return string(ps.PoolState), strings.EqualFold(string(ps.PoolState), e.text)
		case KindServedBy:
			got := ps.ServedBy
			if got == "" {
				got = "none"
			}
			return got, strings.EqualFold(got, e.text)
		case KindNextHop:
			return result.OrNone(ps.NextHop), strings.EqualFold(ps.NextHop, e.text)
		case KindServersUp:
			n := 0
			for _, up := range ps.ServersUp {
				if up {
					n++
				}
			}
			return strconv.Itoa(n), n == e.count
		case KindBackEndUp:
			return strconv.FormatBool(ps.BackEndUp), ps.BackEndUp == e.flag
		case KindLoad:
			got := strconv.FormatFloat(ps.Load, 'f', 2, 64)
			v, _ := strconv.ParseFloat(got, 64)
			return got, compare(v, e.cmp, e.load)
		default:
			return e.evalUsers(ps.Users)
		}
	case KindExternalAccess, KindFederationVia, KindMediaEdge, KindServersDrained:
		ps := findPool(c.snap, e.subject)
		if ps == nil {
			return "no such pool in the simulation", false
		}
		return e.evalEdgePool(ps)
	case KindRemoteAccess, KindFederation, KindFederationPool, KindEdgeWorking, KindMediaStopped:
		return e.evalEdge(c)
	case KindFeatures, KindMissing, KindWithout, KindFeatureRTO:
		return e.evalFeatures(c)
	case KindBranchUp:
		return e.evalBranch(c)
	case KindSiteUp:
		for _, s := range c.snap.Sites {
			if strings.EqualFold(s.Name, e.subject) {
				return strconv.FormatBool(s.Up), s.Up == e.flag
			}
		}
		return "no such site in the simulation", false
	case KindCMSPool:
		return result.OrNone(c.snap.CMS.ActivePool), strings.EqualFold(c.snap.CMS.ActivePool, e.text)
	case KindCMSUp:
		return strconv.FormatBool(c.snap.CMS.Available), c.snap.CMS.Available == e.flag
	case KindBackup, KindBacklog:
		for _, b := range c.snap.Backup {
			if strings.EqualFold(b.From, e.subject) && strings.EqualFold(b.To, e.to) {
				if e.Kind == KindBackup {
					return string(b.State), strings.EqualFold(string(b.State), e.text)
				}
				return b.Backlog.String(), compare(b.Backlog, e.cmp, e.dur)
			}
		}
		return "no such direction in the simulation", false
	case KindError:
		if c.last == nil {
			return "no command ran", false
		}
		got := c.last.ErrorID
		if got == "" {
			if c.last.Failed {
				got = "an error without an ID"
			} else {
				got = "none"
			}
		}
		switch e.text {
		case "none":
			return got, !c.last.Failed
		case "any":
			return got, c.last.Failed
		}
		return got, strings.EqualFold(c.last.ErrorID, e.text)
	case KindOutput:
		if c.last == nil {
			return "no command ran", false
		}
		for _, l := range c.last.Lines {
			if strings.Contains(l.Text, e.text) {
				return "found", true
			}
		}
		return "not in the output", false
	case KindChanged:
		if c.last == nil {
			return "no command ran", false
		}
		return strconv.FormatBool(c.last.Changed), c.last.Changed == e.flag
	case KindPrompt:
		if c.last == nil {
			return "no command ran", false
		}
		return strconv.FormatBool(c.last.Prompt), c.last.Prompt == e.flag
	case KindRTO, KindDataLoss:
		if c.report == nil {
			return "not known until the run ends", false
		}
		return e.evalBound(*c.report)
	}
	return "unknown expectation", false
}

func (e *Expectation) evalBranch(c evalCtx) (string, bool) {
	for _, b := range c.snap.Branches {
		if strings.EqualFold(b.FQDN, e.subject) {
			if e.Kind == KindBranchUp {
				return strconv.FormatBool(b.Up), b.Up == e.flag
			}
			return e.evalUsers(b.Users)
		}
	}
	return "no such branch in the simulation", false
}

// evalUsers checks a users expectation against counts by mode.
func (e *Expectation) evalUsers(users map[sim.Mode]int) (string, bool) {
	total := 0
	for _, n := range users {
		total += n
	}
	got := users[e.mode]
	if e.Kind == KindUsersAll {
		return result.Distribution(users), got == total
	}
	want := e.count
	if want < 0 {
		want = total
	}
	return strconv.Itoa(got), got == want
}

func (e *Expectation) evalBound(r sim.Report) (string, bool) {
	values := r.RTO
	if e.Kind == KindDataLoss {
		values = r.DataLoss
	}
	unrestored := map[string]bool{}
	for _, p := range r.Unrestored {
		unrestored[strings.ToLower(p)] = true
	}
	check := func(pool string) (string, bool) {
		if e.Kind == KindRTO && unrestored[strings.ToLower(pool)] {
			return "not restored", false
		}
		v := lookupDuration(values, pool)
		return v.String(), compare(v, e.cmp, e.dur)
	}
	if e.subject != "" {
		return check(e.subject)
	}
	// Every pool: the worst value decides.
	names := map[string]bool{}
	for p := range values {
		names[p] = true
	}
	if e.Kind == KindRTO {
		for p := range unrestored {
			names[p] = true
		}
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		if e.pools == nil || containsFold(e.pools, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	worst, worstOK, worstV := "0s", true, time.Duration(-1)
	for _, k := range keys {
		f, ok := check(k)
		v := lookupDuration(values, k)
		if !ok && worstOK || (ok == worstOK && v > worstV) {
			worst, worstOK, worstV = fmt.Sprintf("%s (%s)", f, k), ok, v
		}
	}
	return worst, worstOK
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func lookupDuration(m map[string]time.Duration, pool string) time.Duration {
	for k, v := range m {
		if strings.EqualFold(k, pool) {
			return v
		}
	}
	return 0
}

// compare reports whether got stands in the relation cmp ("<=", ">=", "<", ">"; anything else
// is equality) to want.
func compare[T ~int | ~int64 | ~float64](got T, cmp string, want T) bool {
	switch cmp {
	case "<=":
		return got <= want
	case ">=":
		return got >= want
	case "<":
		return got < want
	case ">":
		return got > want
	}
	return got == want
}

func findPool(s sim.Snapshot, fqdn string) *sim.PoolSnapshot {
	for i := range s.Pools {
		if strings.EqualFold(s.Pools[i].FQDN, fqdn) {
			return &s.Pools[i]
		}
	}
	return nil
}
