package analysis

import (
	"fmt"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// The finding codes of the analysis (docs/analysis.md lists them with their fixes).
const (
	CodeSingleFailureUnserved = "AN001" // a single failure leaves users without full service
	CodeWorstPair             = "AN002" // summary: the worst pair of failures
	CodeNoBackupPool          = "AN101" // a pool with users has no backup pool
	CodePairSameSite          = "AN102" // both pools of a pair are in one site
	CodePairVersions          = "AN103" // the pools of a pair run different versions
	CodeCMSUnpaired           = "AN201" // the CMS pool has no partner: the CMS can be lost
	CodeCMSSameSite           = "AN202" // the CMS and its standby are in one site
	CodeCMSBackEndNoMirror    = "AN203" // the CMS back end has no mirror
	CodeOverloadN1            = "AN301" // a single failure overloads a surviving pool
	CodeOverloadN2            = "AN302" // two failures overload a surviving pool
	CodeServerQuorum          = "AN401" // one server failure takes a pool down
	CodeTwoServersQuorum      = "AN402" // two server failures take a pool down
	CodeRemoteAccessN1        = "AN501" // a single failure ends remote access
	CodeEdgeNextHop           = "AN502" // an Edge pool's next hop is a Front End pool
)

func poolPath(fqdn string) string { return "pools[" + fqdn + "]" }

// exampleText describes the first example of an aggregate and how many more sets there are.
func exampleText(x *index, g *agg) string {
	if g.ne == 0 {
		return ""
	}
	e := g.ex[0]
	set := FailureSet{x.elems[e.a]}
	if e.b >= 0 {
		set = append(set, x.elems[e.b])
	}
	s := set.String()
	if g.n > 1 {
		s += fmt.Sprintf(" (and %d more)", g.n-1)
	}
	return s
}

// findings derives what to change from the aggregates and the topology's structure.
func findings(x *index, base *baseline, levels []*levelAgg, r *Report) topology.Findings {
	var fs topology.Findings
	add := func(code string, sev topology.Severity, path, msg, fix string) {
		fs = append(fs, topology.Finding{Code: code, Severity: sev, Path: path, Message: msg, Fix: fix})
	}
	l1 := levels[0]

	// Pairing.
	for p := range x.pools {
		pi := &x.pools[p]
		q := pi.partner
		switch {
		case q < 0 && pi.users > 0:
			add(CodeNoBackupPool, topology.Warning, poolPath(pi.fqdn)+".backupPool",
				fmt.Sprintf("pool %s has no backup pool: its %s have no disaster recovery", pi.fqdn, plural(int64(pi.users), "user")),
				"pair it with a Front End pool of the same version and edition in another site (Topology Builder: Resiliency, Associated backup pool)")
		case q > p && pi.site == x.pools[q].site && pi.site >= 0:
			add(CodePairSameSite, topology.Warning, poolPath(pi.fqdn)+".backupPool",
				fmt.Sprintf("pool %s and its backup pool %s are both in site %s: losing the site leaves %s without service", pi.fqdn, x.pools[q].fqdn, x.sites[pi.site], plural(int64(pi.users+x.pools[q].users), "user")),
				"pair each pool with a pool in another site")
		}
		if q > p && pi.version.Behaves() != x.pools[q].version.Behaves() {
			add(CodePairVersions, topology.Error, poolPath(pi.fqdn)+".version",
				fmt.Sprintf("pool %s (%s) and its backup pool %s (%s) run different versions: disaster-mode failover is not supported between them", pi.fqdn, pi.version, x.pools[q].fqdn, x.pools[q].version),
				"upgrade the older pool of the pair so that both run the same version")
		}
	}

	// The CMS.
	if c := x.cms; c >= 0 {
		ci := &x.pools[c]
		switch q := ci.partner; {
		case q < 0:
			add(CodeCMSUnpaired, topology.Error, "cms.pool",
				fmt.Sprintf("the CMS pool %s has no partner: when it fails the Central Management store is lost, and no pool can be failed over until it is rebuilt on another pool's store from the last configuration export (Install-CsDatabase, Move-CsManagementServer)", ci.fqdn),
				"pair the CMS pool, or move the CMS to a paired pool (Move-CsManagementServer)")
		case ci.site >= 0 && ci.site == x.pools[q].site:
			add(CodeCMSSameSite, topology.Warning, "cms.pool",
				fmt.Sprintf("the CMS (pool %s) and its standby (pool %s) are both in site %s: losing the site loses the CMS", ci.fqdn, x.pools[q].fqdn, x.sites[ci.site]),
				"move the CMS to a pool paired across sites")
		}
		if ci.hasBE && !ci.hasMirror {
			add(CodeCMSBackEndNoMirror, topology.Warning, poolPath(ci.fqdn)+".backEnd",
				fmt.Sprintf("the CMS back end of pool %s has no mirror: its failure takes the pool and the CMS down", ci.fqdn),
				"add back-end high availability (SQL mirroring on 2013/2015, AlwaysOn on 2019)")
		}
	}

	// Service after single failures, and quorum.
	for p := range x.pools {
		pi := &x.pools[p]
		g := &l1.pools[p][pfUnserved]
		if g.n > 0 {
			add(CodeSingleFailureUnserved, topology.Error, poolPath(pi.fqdn),
				fmt.Sprintf("a single failure leaves %s of pool %s without full service after recovery: %s", plural(int64(g.v), "user"), pi.fqdn, exampleText(x, g)),
				unservedFix(x, p))
		}
		n := len(pi.servers)
		if !pi.standard && n > 0 {
			r := pi.rule
			if r.AmongFirst-1 < r.Running {
				add(CodeServerQuorum, topology.Error, poolPath(pi.fqdn)+".servers",
					fmt.Sprintf("pool %s has %d Front End servers: losing one breaks its quorum (%s)", pi.fqdn, n, r),
					"run at least 3 Front End servers in an Enterprise pool")
			} else if len(levels) > 1 && r.AmongFirst-2 < r.Running {
				add(CodeTwoServersQuorum, topology.Info, poolPath(pi.fqdn)+".servers",
					fmt.Sprintf("losing two of the %d Front End servers of pool %s breaks its quorum (%s)", n, pi.fqdn, r),
					"add Front End servers so that two can fail (4 or more)")
			}
		}
	}

	// Capacity.
	for p := range x.pools {
		pi := &x.pools[p]
		g1 := &l1.pools[p][pfLoad]
		if g1.n > 0 && g1.v > 1 {
			add(CodeOverloadN1, topology.Error, poolPath(pi.fqdn)+".servers",
				fmt.Sprintf("after %s, pool %s runs at %s of its capacity", exampleText(x, g1), pi.fqdn, formatFig(figLoad, g1.v)),
				capacityFix(x, p, 0))
			continue
		}
		if len(levels) > 1 {
			g2 := &levels[1].pools[p][pfLoad]
			if g2.n > 0 && g2.v > 1 {
				add(CodeOverloadN2, topology.Warning, poolPath(pi.fqdn)+".servers",
					fmt.Sprintf("after %s, pool %s runs at %s of its capacity", exampleText(x, g2), pi.fqdn, formatFig(figLoad, g2.v)),
					capacityFix(x, p, 1))
			}
		}
	}

	// Remote access.
	if g := &l1.figs[figRemote]; g.n > 0 {
		add(CodeRemoteAccessN1, topology.Warning, "pools",
			fmt.Sprintf("a single failure leaves no Edge pool giving remote access: %s", exampleText(x, g)),
			"deploy Edge pools in two sites, each with a next hop in its own site")
	}
	for _, e := range x.edges {
		if e.nextFE >= 0 && x.pools[e.nextFE].partner >= 0 {
			add(CodeEdgeNextHop, topology.Info, poolPath(e.fqdn)+".nextHop",
				fmt.Sprintf("Edge pool %s uses Front End pool %s as its internal next hop: failing that pool over needs the next hop moved first (%s more RTO)", e.fqdn, x.pools[e.nextFE].fqdn, hms(EdgeNextHopMove)),
				"use a Director pool as the Edge next hop, or keep the repoint step in the runbook")
		}
	}

	// Pairs.
	if len(levels) > 1 {
		if g := &levels[1].figs[figUnservedNew]; g.n > 0 {
			add(CodeWorstPair, topology.Info, "pools",
				fmt.Sprintf("the worst pair of failures that hurt more together than apart leaves %s without full service after recovery: %s", plural(int64(g.v), "user"), exampleText(x, g)),
				"")
		}
	}
	fs.Sort()
	return fs
}

// unservedFix says what to change when a single failure leaves pool p's users unserved.
func unservedFix(x *index, p int) string {
	pi := &x.pools[p]
	q := pi.partner
	switch {
	case q < 0:
		return "pair the pool with a Front End pool in another site"
	case pi.version.Behaves() != x.pools[q].version.Behaves():
		return "run the same version on both pools of the pair"
	case pi.site >= 0 && pi.site == x.pools[q].site:
		return "pair the pool with a pool in another site"
	case x.cms >= 0 && x.pools[x.cms].partner < 0:
		return "pair the CMS pool so that the CMS can be failed over"
	case !pi.standard && pi.rule.AmongFirst-1 < pi.rule.Running:
		return "add Front End servers so that one can fail"
	}
	return "see the failure set's outcome (failwright analyze --json) and the plan for the pool (failwright plan --disaster)"
}

// capacityFix says how many Front End servers pool p needs so that it carries its users and
// its partner's with extra servers down.
func capacityFix(x *index, p, extra int) string {
	pi := &x.pools[p]
	if pi.standard {
		return fmt.Sprintf("a Standard Edition server carries %d users, %d while its partner is failed over: move users to an Enterprise pool", topology.StandardEditionUsers, topology.StandardEditionFailoverUsers)
	}
	users := pi.total
	if q := pi.partner; q >= 0 {
		users += x.pools[q].total
	}
	if users > topology.MaxPoolUsers(pi.version) {
		return fmt.Sprintf("the pair homes %s, more than one %s pool carries (%s): move users to another pair", units.Plural(users, "user"), pi.version, units.Thousands(topology.MaxPoolUsers(pi.version)))
	}
	need := topology.ServersNeeded(users) + extra
	own := topology.ServersNeeded(pi.total) + 1 + extra
	need = max(need, own)
	if need > topology.MaxFrontEnds(pi.version) {
		return fmt.Sprintf("the pool would need %d Front End servers, more than %s allows (%d): move users to another pair", need, pi.version, topology.MaxFrontEnds(pi.version))
	}
	more := max(0, need-len(pi.servers))
	if extra == 0 {
		return fmt.Sprintf("run %d Front End servers in the pool (%d more): it must carry %s when its partner fails over to it, and its own users with one server down", need, more, units.Plural(users, "user"))
	}
	return fmt.Sprintf("run %d Front End servers in the pool (%d more): it must carry %s with its partner failed over and one of its own servers down", need, more, units.Plural(users, "user"))
}
