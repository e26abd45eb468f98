package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// The expectation kinds of per-feature service (docs/recovery.md, "Features"): what a Front
// End pool's users have and lack (sim.PoolSnapshot's Features and Missing), how many users
// lack a feature (the simulator's Without counts), and a feature's RTO (sim.Report's
// FeatureRTO), so that a drill can say "the pool is back, meetings are not".
const (
	KindFeatures   ExpectKind = "features"   // the features a pool's users have, as a set
	KindMissing    ExpectKind = "missing"    // the features a pool's users lack, as a set
	KindWithout    ExpectKind = "without"    // the users without one feature, deployment-wide
	KindFeatureRTO ExpectKind = "featureRto" // run-wide: the time until a feature was back
)

// featureIDs lists every feature identifier, for messages.
func featureIDs() []string {
	out := make([]string, len(topology.Features))
	for i, f := range topology.Features {
		out[i] = string(f)
	}
	return out
}

// feature reads a feature identifier: one of topology.Features that the topology models.
func (d *decoder) feature(n *yaml.Node, p, s string) (topology.Feature, bool) {
	f, ok := topology.ParseFeature(strings.ToLower(strings.TrimSpace(s)))
	if !ok {
		msg := fmt.Sprintf("unknown feature %q", s)
		if c := closest(s, featureIDs()); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		d.errorf(CodeBadValue, n, p, "use one of "+strings.Join(featureIDs(), ", "), "%s", msg)
		return "", false
	}
	if d.topo != nil && !d.topo.HasFeature(f) {
		d.errorf(CodeImpossible, n, p, "check a feature the topology models (docs/recovery.md)",
			"the topology does not model %s (%s): no user can have or lack it", f, f.Name())
		return "", false
	}
	return f, true
}

// poolFeatureExpect decodes a Front End pool's features and missing: each a list of feature
// identifiers, compared as a set ([] or none for the empty set).
func (d *decoder) poolFeatureExpect(pool *topology.Pool, name, pp string, pf map[string]field, add addFunc) {
	for _, k := range []string{"features", "missing"} {
		v, ok := pf[k]
		if !ok {
			continue
		}
		kp := pp + "." + k
		if pool != nil && !pool.Role.IsFrontEnd() {
			d.errorf(CodeImpossible, v.key, kp, "check "+k+" on a Front End pool", "%s is an %s pool: it homes no users to have features", pool.FQDN, pool.Role)
			continue
		}
		names, nodes, ok := d.nameList(v, kp)
		if !ok {
			continue
		}
		var want []string
		bad := false
		for i, n := range names {
			f, ok := d.feature(nodes[i], fmt.Sprintf("%s[%d]", kp, i), n)
			bad = bad || !ok
			want = append(want, string(f))
		}
		if bad {
			continue
		}
		kind := KindFeatures
		if k == "missing" {
			kind = KindMissing
		}
		add(Expectation{Kind: kind, Path: kp, Want: listText(names), subject: name, list: sortedFold(want)}, v.value)
	}
}

// featuresExpect decodes the features mapping of an expect: from a feature identifier to
// without (the users without it now: a count, none, or a count after <=, >=, < or >) and rto
// (a run-wide bound on the time until every user had it back, written like rto).
func (d *decoder) featuresExpect(f field, p string, add addFunc) {
	fp := p + ".features"
	d.eachNamed(f, fp, func(name string, key, val *yaml.Node) {
		ft, ok := d.feature(key, fmt.Sprintf("%s[%s]", fp, name), name)
		if !ok {
			return
		}
		ep := fmt.Sprintf("%s[%s]", fp, ft)
		before := len(d.fs)
		ff, ok := d.fields(val, ep, "without", "rto")
		if !ok {
			return
		}
		if v, ok := ff["without"]; ok {
			if s, ok := d.str(v, ep+".without"); ok {
				cmp, rest := splitCmp(s, "=")
				n, err := strconv.Atoi(rest)
				if strings.EqualFold(rest, "none") {
					n, err = 0, nil
				}
				if err != nil || n < 0 {
					d.errorf(CodeWrongType, v.value, ep+".without", "write a whole number or none, optionally after <=, >=, < or >",
						"without must be a whole number or none, not %q", s)
				} else {
					add(Expectation{Kind: KindWithout, Path: ep + ".without", Want: s, text: string(ft), count: n, cmp: cmp}, v.value)
				}
			}
		}
		if v, ok := ff["rto"]; ok {
			if dur, cmp, ok := d.bound(v, ep+".rto"); ok {
				add(Expectation{Kind: KindFeatureRTO, Path: ep + ".rto", Want: cmpText(cmp) + dur.String(), AtEnd: true, text: string(ft), dur: dur, cmp: cmp}, v.value)
			}
		}
		if len(ff) == 0 && len(d.fs) == before {
			d.errorf(CodeMissing, key, ep, "add without: or rto:", "%s checks nothing", ep)
		}
	})
}

// evalFeatures checks a feature expectation.
func (e *Expectation) evalFeatures(c evalCtx) (string, bool) {
	switch e.Kind {
	case KindFeatures, KindMissing:
		ps := findPool(c.snap, e.subject)
		if ps == nil {
			return "no such pool in the simulation", false
		}
		got := ps.Features
		if e.Kind == KindMissing {
			got = ps.Missing
		}
		names := make([]string, len(got))
		for i, f := range got {
			names[i] = string(f)
		}
		return listText(names), strings.Join(sortedFold(names), ",") == strings.Join(e.list, ",")
	case KindWithout:
		n := c.withoutNow()[topology.Feature(e.text)]
		return strconv.Itoa(n), compare(n, e.cmp, e.count)
	case KindFeatureRTO:
		if c.report == nil {
			return "not known until the run ends", false
		}
		return e.evalFeatureRTO(*c.report)
	}
	return "unknown expectation", false
}

// evalFeatureRTO checks a feature's run-wide bound: the worst pool decides, and a pool whose
// users still lack the feature fails any bound.
func (e *Expectation) evalFeatureRTO(r sim.Report) (string, bool) {
	f := topology.Feature(e.text)
	for _, p := range r.UnrestoredFeatures[f] {
		return fmt.Sprintf("not restored (%s)", p), false
	}
	m := r.FeatureRTO[f]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	worst, worstV := "0s", time.Duration(0)
	for _, k := range keys {
		if v := m[k]; v > worstV || worst == "0s" {
			worst, worstV = fmt.Sprintf("%s (%s)", v, k), v
		}
	}
	return worst, compare(worstV, e.cmp, e.dur)
}

// withoutNow is how many users lack each feature now: the simulator's latest sample.
func (c evalCtx) withoutNow() map[topology.Feature]int {
	if c.report != nil {
		return lastWithout(*c.report)
	}
	if c.eng == nil {
		return nil
	}
	return lastWithout(c.eng.Report())
}

func lastWithout(r sim.Report) map[topology.Feature]int {
	if len(r.Timeline) == 0 {
		return nil
	}
	return r.Timeline[len(r.Timeline)-1].Without
}

// featureBounds decodes goals.maxFeatureRTO: a mapping from a feature identifier to a
// duration.
func (d *decoder) featureBounds(f field, p string) map[topology.Feature]time.Duration {
	out := map[topology.Feature]time.Duration{}
	d.eachNamed(f, p, func(name string, key, val *yaml.Node) {
		ft, ok := d.feature(key, fmt.Sprintf("%s[%s]", p, name), name)
		if !ok {
			return
		}
		if dur, ok := d.duration(field{key, val}, fmt.Sprintf("%s[%s]", p, ft)); ok {
			out[ft] = dur
		}
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// scoreFeatures takes points for every feature over its goals.maxFeatureRTO bound: per pool
// whose users got it back too late, or never.
func (t *Trainer) scoreFeatures(g *Goals, rep *Report, add func(Deduction)) {
	for _, f := range topology.Features {
		bound, ok := g.MaxFeatureRTO[f]
		if !ok {
			continue
		}
		never := map[string]bool{}
		for _, p := range rep.UnrestoredFeatures[f] {
			never[p] = true
			add(Deduction{Rule: "feature-rto", Points: 15, Reason: fmt.Sprintf("%s never came back for the users of %s; the goal was %s", f.Name(), p, Duration(bound).Clock())})
		}
		for _, p := range sortedKeys(rep.FeatureRTO[f]) {
			if v := rep.FeatureRTO[f][p]; v > Duration(bound) && !never[p] {
				add(Deduction{Rule: "feature-rto", Points: 15, Reason: fmt.Sprintf("%s came back for the users of %s after %s; the goal was %s", f.Name(), p, v.Clock(), Duration(bound).Clock())})
			}
		}
	}
}
