package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/decode"
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/scenarios/result"
)

// The expectation kinds of external access: the Edge pools, remote access, federation and
// external media (sim.EdgeSnapshot and the Edge fields of sim.PoolSnapshot).
const (
	KindRemoteAccess   ExpectKind = "remoteAccess"
	KindFederation     ExpectKind = "federation"
	KindFederationPool ExpectKind = "federationPool"
	KindEdgeWorking    ExpectKind = "edgeWorking"
	KindMediaStopped   ExpectKind = "mediaStopped"
	KindExternalAccess ExpectKind = "externalAccess"
	KindFederationVia  ExpectKind = "federationRoute"
	KindMediaEdge      ExpectKind = "mediaEdge"
	KindServersDrained ExpectKind = "serversDrained"
)

// edgeExpect decodes an edge mapping: remoteAccess, federation, federationPool, working and
// mediaStopped.
func (d *decoder) edgeExpect(f field, p string, add addFunc) {
	ep := p + ".edge"
	fs, ok := d.fields(f.value, ep, "remoteAccess", "federation", "federationPool", "working", "mediaStopped")
	if !ok {
		return
	}
	if d.topo != nil && len(edgePools(d.topo)) == 0 {
		d.errorf(CodeImpossible, f.key, ep, "remove edge:, or add an Edge pool to the topology",
			"the topology has no Edge pool: there is no external access to check")
		return
	}
	for _, k := range []string{"remoteAccess", "federation"} {
		v, ok := fs[k]
		if !ok {
			continue
		}
		if b, ok := d.boolean(v, ep+"."+k); ok {
			kind := KindRemoteAccess
			if k == "federation" {
				kind = KindFederation
			}
			add(Expectation{Kind: kind, Path: ep + "." + k, Want: strconv.FormatBool(b), flag: b}, v.value)
		}
	}
	if v, ok := fs["federationPool"]; ok {
		if s, ok := d.str(v, ep+".federationPool"); ok {
			want := s
			if strings.EqualFold(s, "none") {
				want = "none"
			} else if fq, ok := d.edgePool(v.value, ep+".federationPool", s); ok {
				want = fq
			} else {
				return
			}
			add(Expectation{Kind: KindFederationPool, Path: ep + ".federationPool", Want: s, text: want}, v.value)
		}
	}
	for _, k := range []string{"working", "mediaStopped"} {
		v, ok := fs[k]
		if !ok {
			continue
		}
		kp := ep + "." + k
		names, nodes, ok := d.nameList(v, kp)
		if !ok {
			continue
		}
		var want []string
		bad := false
		for i, n := range names {
			if d.topo == nil {
				want = append(want, n)
				continue
			}
			if k == "working" {
				fq, ok := d.edgePool(nodes[i], fmt.Sprintf("%s[%d]", kp, i), n)
				bad = bad || !ok
				want = append(want, fq)
				continue
			}
			pool, ok := d.frontEnd(nodes[i], fmt.Sprintf("%s[%d]", kp, i), n)
			if !ok {
				bad = true
				continue
			}
			want = append(want, pool.FQDN)
		}
		if bad {
			continue
		}
		kind := KindEdgeWorking
		if k == "mediaStopped" {
			kind = KindMediaStopped
		}
		add(Expectation{Kind: kind, Path: kp, Want: listText(names), list: sortedFold(want)}, v.value)
	}
	if !d.failedSince(f) && len(fs) == 0 {
		d.errorf(CodeMissing, f.key, ep, "add remoteAccess, federation, federationPool, working or mediaStopped", "%s checks nothing", ep)
	}
}

// nameList reads a list of names: a flow or block list, a single name, or none (the empty
// list). nodes are the nodes of the names, for positions.
func (d *decoder) nameList(f field, p string) ([]string, []*yaml.Node, bool) {
	if s, ok := scalarText(f.value); ok && strings.EqualFold(strings.TrimSpace(s), "none") {
		return nil, nil, true
	}
	if items, ok := decode.Items(f.value); ok && len(items) == 0 {
		return nil, nil, true
	}
	before := len(d.fs)
	names, nodes := d.strList(f, p)
	return names, nodes, len(d.fs) == before
}

// edgePool resolves name to an Edge pool, reporting an unknown or non-Edge pool.
func (d *decoder) edgePool(n *yaml.Node, p, name string) (string, bool) {
	if d.topo == nil {
		return name, true
	}
	pool := d.topo.PoolByFQDN(name)
	if pool == nil {
		d.unknownName(n, p, "pool", name, edgePools(d.topo))
		return "", false
	}
	if pool.Role != topology.Edge {
		d.errorf(CodeImpossible, n, p, "name one of the Edge pools: "+strings.Join(edgePools(d.topo), ", "),
			"%s is a %s pool, not an Edge pool", pool.FQDN, pool.Role)
		return "", false
	}
	return pool.FQDN, true
}

// listSpan is the byte range of a list written on one line ("[a, b]") or of a single value,
// so that Record can rewrite it; a list over several lines cannot be rewritten.
func (d *decoder) listSpan(n *yaml.Node) span {
	if _, ok := decode.Items(n); !ok {
		return d.scalarSpan(n)
	}
	if !decode.IsFlow(n) {
		return span{Start: -1, End: -1}
	}
	p := d.pos(n)
	start := d.offset(p.Line, p.Column)
	if start < 0 || start >= len(d.src) || d.src[start] != '[' {
		return span{Start: -1, End: -1}
	}
	for i := start + 1; i < len(d.src) && d.src[i] != '\n'; i++ {
		switch d.src[i] {
		case '[', '"', '\'':
			return span{Start: -1, End: -1}
		case ']':
			return span{Start: start, End: i + 1}
		}
	}
	return span{Start: -1, End: -1}
}

func edgePools(t *topology.Topology) []string {
	var out []string
	for _, p := range t.Pools {
		if p.Role == topology.Edge {
			out = append(out, p.FQDN)
		}
	}
	return out
}

// listText shows a list of names as a flow list: "[a, b]", "[]" when empty.
func listText(names []string) string { return "[" + strings.Join(names, ", ") + "]" }

// sortedFold returns the names in lower case, sorted, for comparing sets of FQDNs.
func sortedFold(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(n)
	}
	sort.Strings(out)
	return out
}

// evalEdge checks an edge expectation against the snapshot.
func (e *Expectation) evalEdge(c evalCtx) (string, bool) {
	es := c.snap.Edge
	if es == nil {
		es = &sim.EdgeSnapshot{}
	}
	switch e.Kind {
	case KindRemoteAccess:
		return strconv.FormatBool(es.RemoteAccess), es.RemoteAccess == e.flag
	case KindFederation:
		return strconv.FormatBool(es.Federation), es.Federation == e.flag
	case KindFederationPool:
		got := result.OrNone(es.FederationPool)
		return got, strings.EqualFold(got, e.text)
	case KindEdgeWorking, KindMediaStopped:
		got := es.Working
		if e.Kind == KindMediaStopped {
			got = es.MediaStopped
		}
		return listText(got), strings.Join(sortedFold(got), ",") == strings.Join(e.list, ",")
	}
	return "unknown expectation", false
}

// evalEdgePool checks the Edge-related fields of one pool.
func (e *Expectation) evalEdgePool(ps *sim.PoolSnapshot) (string, bool) {
	switch e.Kind {
	case KindExternalAccess:
		return strconv.FormatBool(ps.ExternalAccess), ps.ExternalAccess == e.flag
	case KindFederationVia:
		return strconv.FormatBool(ps.FederationRoute), ps.FederationRoute == e.flag
	case KindMediaEdge:
		got := result.OrNone(ps.MediaEdge)
		return got, strings.EqualFold(got, e.text)
	case KindServersDrained:
		n := 0
		for _, dr := range ps.ServersDrained {
			if dr {
				n++
			}
		}
		return strconv.Itoa(n), n == e.count
	}
	return "unknown expectation", false
}

// poolEdgeExpect decodes a pool's externalAccess and federationRoute (Edge pools), mediaEdge
// (Front End pools) and serversDrained (Front End pools).
func (d *decoder) poolEdgeExpect(pool *topology.Pool, name, pp string, pf map[string]field, add addFunc) {
	wrongRole := func(k string, f field, edge bool) bool {
		if pool == nil || (pool.Role == topology.Edge) == edge && (edge || pool.Role.IsFrontEnd()) {
			return false
		}
		what := "a Front End pool"
		if edge {
			what = "an Edge pool"
		}
		d.errorf(CodeImpossible, f.key, pp+"."+k, "check "+k+" on "+what, "%s is an %s pool: it has no %s", pool.FQDN, pool.Role, k)
		return true
	}
	for _, k := range []string{"externalAccess", "federationRoute"} {
		v, ok := pf[k]
		if !ok || wrongRole(k, v, true) {
			continue
		}
		if b, ok := d.boolean(v, pp+"."+k); ok {
			kind := KindExternalAccess
			if k == "federationRoute" {
				kind = KindFederationVia
			}
			add(Expectation{Kind: kind, Path: pp + "." + k, Want: strconv.FormatBool(b), subject: name, flag: b}, v.value)
		}
	}
	if v, ok := pf["mediaEdge"]; ok && !wrongRole("mediaEdge", v, false) {
		if s, ok := d.str(v, pp+".mediaEdge"); ok {
			want := "none"
			if !strings.EqualFold(s, "none") {
				fq, ok := d.edgePool(v.value, pp+".mediaEdge", s)
				if !ok {
					return
				}
				want = fq
			}
			add(Expectation{Kind: KindMediaEdge, Path: pp + ".mediaEdge", Want: s, subject: name, text: want}, v.value)
		}
	}
	if v, ok := pf["serversDrained"]; ok && !wrongRole("serversDrained", v, false) {
		if s, ok := d.str(v, pp+".serversDrained"); ok {
			n, err := strconv.Atoi(s)
			switch {
			case err != nil || n < 0:
				d.errorf(CodeWrongType, v.value, pp+".serversDrained", "write a whole number", "serversDrained must be a whole number, not %q", s)
			case pool != nil && n > len(pool.Servers):
				d.errorf(CodeImpossible, v.value, pp+".serversDrained", fmt.Sprintf("write a number from 0 to %d", len(pool.Servers)),
					"%s has %d servers: %d can never be drained", pool.FQDN, len(pool.Servers), n)
			default:
				add(Expectation{Kind: KindServersDrained, Path: pp + ".serversDrained", Want: s, subject: name, count: n}, v.value)
			}
		}
	}
}
