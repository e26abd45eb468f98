package scenarios

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// Command matching. A scenario writes commands in accept, require and forbid as patterns: a
// cmdlet and the parameters a typed command must carry. Both the pattern and the typed line
// are read by the shell's own parser and binder (engine/shell), so that matching follows
// exactly what the simulator understood: canonical cmdlet and parameter names, unique
// prefixes, aliases (-wi, -cf), positional arguments, -Switch:$false, values converted to the
// parameters' types.

// pattern is a command pattern: the cmdlet and the parameters given, bound under their
// canonical names.
type pattern struct {
	cmd  shell.Command
	text string
}

// patternCatalog is the Default catalog with every parameter optional and every cmdlet in one
// parameter set, so that a pattern may name only the parameters that matter.
var patternCatalog = sync.OnceValue(func() *shell.Catalog {
	var cs []shell.Cmdlet
	for _, c := range shell.Default.Cmdlets("") {
		cc := *c
		cc.Sets, cc.DefaultSet = nil, ""
		cc.Params = nil
		for _, p := range c.ParamsIn("") {
			if p.Common {
				continue // NewCatalog adds the common parameters again
			}
			pp := *p
			pp.Mandatory, pp.Sets = false, nil
			cc.Params = append(cc.Params, pp)
		}
		cs = append(cs, cc)
	}
	return shell.NewCatalog(cs)
})

// parsePattern reads a scenario's command pattern: one command, whose cmdlet and parameters
// must exist in some product version.
func parsePattern(s string) (pattern, error) {
	sts, err := shell.Parse(s)
	if err != nil {
		return pattern{}, err
	}
	if len(sts) != 1 {
		return pattern{}, fmt.Errorf("write one command, not %d", len(sts))
	}
	cmd, e := patternCatalog().Bind(sts[0], "")
	if e != nil {
		return pattern{}, fmt.Errorf("%s", e.Message)
	}
	return pattern{cmd: cmd, text: strings.TrimSpace(s)}, nil
}

// matchedBy reports whether a bound command satisfies the pattern: the same cmdlet, and every
// parameter of the pattern given with the same value (text compared case-insensitively). A
// switch in the pattern must be on in the command, and off when the pattern sets it to $false.
func (p pattern) matchedBy(c shell.Command) bool {
	if !strings.EqualFold(c.Cmdlet, p.cmd.Cmdlet) {
		return false
	}
	for name, want := range p.cmd.Params {
		got, has := c.Params[name]
		if want.Kind == shell.KindSwitch {
			if got.Switch != want.Switch {
				return false
			}
			continue
		}
		if !has || !sameValue(got, want) {
			return false
		}
	}
	return true
}

// sameValue compares two bound values of one parameter.
func sameValue(a, b shell.Value) bool {
	switch b.Kind {
	case shell.KindInt:
		return a.Int == b.Int
	case shell.KindSwitch, shell.KindBool:
		return a.Switch == b.Switch
	case shell.KindTimeSpan:
		return a.TimeSpan == b.TimeSpan
	case shell.KindStringList:
		return strings.Join(sortedFold(a.List), "\x00") == strings.Join(sortedFold(b.List), "\x00")
	}
	return strings.EqualFold(strings.TrimSpace(a.String), strings.TrimSpace(b.String))
}

// binder binds typed lines the way the simulator does: each statement against the product
// version of the pool or server it names, else that of the pool hosting the Central
// Management store.
type binder struct {
	versions map[string]topology.Version // pool and server FQDNs, lower case
	first    topology.Version            // the first Front End pool's
}

func newBinder(t *topology.Topology) *binder {
	b := &binder{versions: map[string]topology.Version{}}
	for _, p := range t.Pools {
		b.versions[strings.ToLower(p.FQDN)] = p.Version
		for _, s := range p.Servers {
			if _, ok := b.versions[strings.ToLower(s.FQDN)]; !ok {
				b.versions[strings.ToLower(s.FQDN)] = p.Version
			}
		}
		if b.first == "" && p.Role.IsFrontEnd() {
			b.first = p.Version
		}
	}
	return b
}

// bind parses a line and binds each statement; statements that do not bind (the simulator
// refuses them) are left out. cmsPool is the pool hosting the active CMS now.
func (b *binder) bind(line, cmsPool string) []shell.Command {
	sts, err := shell.Parse(line)
	if err != nil {
		return nil
	}
	var out []shell.Command
	for _, st := range sts {
		if cmd, e := shell.Bind(st, b.version(st, cmsPool)); e == nil {
			out = append(out, cmd)
		}
	}
	return out
}

// version picks the version a statement binds against, as the simulator does: the pool or
// server named by -PoolFqdn, -Identity, -Fqdn, -ComputerName (or a prefix of them) or by a
// positional argument; else the CMS pool's; else the first Front End pool's.
func (b *binder) version(st shell.Statement, cmsPool string) topology.Version {
	names := func(s string) bool {
		s = strings.ToLower(s)
		for _, n := range []string{"poolfqdn", "identity", "fqdn", "computername"} {
			if strings.HasPrefix(n, s) {
				return true
			}
		}
		return false
	}
	lookup := func(v string) (topology.Version, bool) {
		v = strings.ToLower(v)
		if ver, ok := b.versions[v]; ok {
			return ver, true
		}
		if _, rest, ok := strings.Cut(v, ":"); ok {
			ver, ok := b.versions[rest]
			return ver, ok
		}
		return "", false
	}
	for _, e := range st.Elements {
		if e.Arg != nil && (e.Param == "" || names(e.Param)) {
			if v, ok := lookup(e.Arg.Text); ok {
				return v
			}
		}
	}
	for i, e := range st.Elements {
		if e.Arg != nil || e.Param == "" || i+1 >= len(st.Elements) || !names(e.Param) {
			continue
		}
		if nx := st.Elements[i+1]; nx.Param == "" && nx.Arg != nil {
			if v, ok := lookup(nx.Arg.Text); ok {
				return v
			}
		}
	}
	if v, ok := b.versions[strings.ToLower(cmsPool)]; ok {
		return v
	}
	return b.first
}

// matcher matches typed lines against a scenario's patterns during one run.
type matcher struct {
	b        *binder
	patterns map[string]*pattern // parsed patterns by text; nil for one that does not parse
}

func newMatcher(t *topology.Topology) *matcher {
	return &matcher{b: newBinder(t), patterns: map[string]*pattern{}}
}

// pattern parses a pattern once.
func (m *matcher) pattern(s string) *pattern {
	if p, ok := m.patterns[s]; ok {
		return p
	}
	var pp *pattern
	if p, err := parsePattern(s); err == nil {
		pp = &p
	}
	m.patterns[s] = pp
	return pp
}

// matchesAny reports whether one of the bound commands matches one of the patterns.
func (m *matcher) matchesAny(cmds []shell.Command, patterns ...string) bool {
	for _, s := range patterns {
		p := m.pattern(s)
		if p == nil {
			continue
		}
		for _, c := range cmds {
			if p.matchedBy(c) {
				return true
			}
		}
	}
	return false
}

// switchOn reports whether any of the commands has the switch on.
func switchOn(cmds []shell.Command, name string) bool {
	for _, c := range cmds {
		if c.Switch(name) {
			return true
		}
	}
	return false
}

// cmdletNames lists the canonical cmdlet names of a line's statements that exist in the
// catalog, sorted; nil when the line does not parse.
func cmdletNames(line string) []string {
	sts, err := shell.Parse(line)
	if err != nil {
		return nil
	}
	var out []string
	for _, st := range sts {
		if c := shell.Default.Lookup(st.Name); c != nil {
			out = append(out, c.Name)
		}
	}
	sort.Strings(out)
	return out
}
