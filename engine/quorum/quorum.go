// Package quorum holds the Front End pool quorum tables of Lync Server 2013 and Skype for
// Business Server 2015/2019 (FACTS §11): how many servers must run for a pool to stay
// functional (pool-level quorum, with the "first N servers" rule), and how many must run for
// a pool to start (the routing-group level "85%" row).
//
// Documented sources: SFB:plan-your-deployment/high-availability-and-disaster-recovery/
// high-availability.md and its newer upstream version with the 2019 rows. Two gaps in the
// documentation are filled by choices made here and documented on each function:
//   - the 12-server row appears twice in the functional table (10-12: "5 of the first 9";
//     12-16 on 2019: "7 of the first 12");
//   - the start table lists 12 and 16 servers on 2019, but not 13, 14 and 15.
//
// The package is pure: no I/O, no clock.
package quorum

import (
	"fmt"

	"failwright/engine/topology"
)

// Rule is a pool-level quorum requirement: at least Running servers must run, counted among
// the first AmongFirst servers of the pool in topology order. AmongFirst equals the pool size
// when any server counts.
type Rule struct {
	// Running is how many servers must run.
	Running int `json:"running"`
	// AmongFirst is how many servers, from the top of the topology order, count toward Running.
	AmongFirst int `json:"amongFirst"`
	// Servers is the pool size the rule was computed for.
	Servers int `json:"servers"`
}

// String describes the rule in the documentation's words, for example "any 4 of the first 7".
func (r Rule) String() string {
	switch {
	case r.Servers <= 0:
		return "no servers"
	case r.AmongFirst < r.Servers:
		return fmt.Sprintf("any %d of the first %d", r.Running, r.AmongFirst)
	case r.Running == r.Servers:
		return fmt.Sprintf("all %d", r.Running)
	default:
		return fmt.Sprintf("any %d of %d", r.Running, r.Servers)
	}
}

// Satisfied reports whether the servers marked up (in topology order) meet the rule. Servers
// beyond the rule's pool size are ignored.
func (r Rule) Satisfied(up []bool) bool {
	if r.Servers <= 0 {
		return false
	}
	n := 0
	for i := 0; i < len(up) && i < r.AmongFirst; i++ {
		if up[i] {
			n++
		}
	}
	return n >= r.Running
}

// MinRunning returns the pool-level quorum rule for a pool of the given number of Front End
// servers running version v (FACTS §11, "minimum running to stay functional"):
//
//	servers  1  2  3-4  5-6  7  8-9               10-12 (2013/2015)  10-11 (2019)       12-16 (2019)
//	running  1  1  2    3    4  4 of the first 7  5 of the first 9   5 of the first 9   7 of the first 12
//
// Choices where the documentation is silent or ambiguous:
//   - one server (Standard Edition, or a one-server Enterprise pool) needs its server;
//   - 12 servers on 2013/2015 follow the 10-12 row (5 of the first 9), as FACTS suggests; 12
//     servers on 2019 follow the 2019-specific 12-16 row (7 of the first 12), the stricter
//     reading, so that a plan never counts on a pool the documentation may call down;
//   - 13-16 servers on 2013/2015 (beyond those versions' 12-server limit, which validation
//     reports) use the 2019 row;
//   - zero servers give a rule no state satisfies.
func MinRunning(servers int, v topology.Version) Rule {
	r := Rule{Servers: servers, AmongFirst: servers}
	switch {
	case servers <= 0:
		r.Running, r.AmongFirst, r.Servers = 1, 0, 0
	case servers <= 2:
		r.Running = 1
	case servers <= 4:
		r.Running = 2
	case servers <= 6:
		r.Running = 3
	case servers == 7:
		r.Running = 4
	case servers <= 9:
		r.Running, r.AmongFirst = 4, 7
	case servers <= 11 || (servers == 12 && v.Behaves() != topology.SfB2019):
		r.Running, r.AmongFirst = 5, 9
	default:
		r.Running, r.AmongFirst = 7, 12
	}
	return r
}

// PoolFunctional reports whether a pool whose servers are up as given (in topology order) keeps
// pool-level quorum on version v, its primary SQL database up as the witness. It assumes the
// back end is up; the caller combines it with back-end and site health. PoolFunctionalWitness
// is the same with the witness as an input.
func PoolFunctional(up []bool, v topology.Version) bool {
	return PoolFunctionalWitness(up, v, true)
}

// WitnessDecides reports whether the rule's requirement is exactly half of the servers it
// counts (2 servers: 1 of 2; 4: 2 of 4; 6: 3 of 6), so that the pool's SQL witness decides
// whether that half keeps the pool up (see PoolFunctionalWitness). Rules that count "the
// first N" servers (8 servers and more) never ask for half of them.
func (r Rule) WitnessDecides() bool {
	return r.Servers > 1 && 2*r.Running == r.AmongFirst
}

// SatisfiedWitness reports whether the servers marked up meet the rule when witnessUp says
// whether the pool's witness answers: where the requirement is exactly half of the servers
// counted (WitnessDecides), that half holds only with the witness; without it a majority
// (half + 1) is needed.
func (r Rule) SatisfiedWitness(up []bool, witnessUp bool) bool {
	if !r.Satisfied(up) {
		return false
	}
	if witnessUp || !r.WitnessDecides() {
		return true
	}
	return Rule{Running: r.Running + 1, AmongFirst: r.AmongFirst, Servers: r.Servers}.Satisfied(up)
}

// PoolFunctionalWitness reports whether a pool whose servers are up as given keeps pool-level
// quorum on version v, witnessUp saying whether its primary SQL database answers as the
// witness. The planning page on high availability notes that in pools with an even number of
// servers Skype for Business Server uses the primary SQL database as the witness, and that a
// pool whose primary database is shut down (the mirror serving instead) and which has too few
// Front End servers running goes down as a whole (SFB:plan-your-deployment/
// high-availability-and-disaster-recovery/high-availability.md, the note under the start
// table; FACTS §11). failwright reads it at pool level, with the functional table: where the
// requirement is exactly half of the servers it counts (Rule.WitnessDecides), that half holds
// the pool up only while the primary database (the back end's principal, not the mirror or a
// failed-over secondary) runs; without it a majority is needed. A Standard Edition server, a
// pool of one, has no such rule: callers pass true for it.
func PoolFunctionalWitness(up []bool, v topology.Version, witnessUp bool) bool {
	return MinRunning(len(up), v).SatisfiedWitness(up, witnessUp)
}

// startTable is the documented "must be running to start" row, indexed by pool size.
var startTable = map[int]int{1: 1, 2: 1, 3: 3, 4: 3, 5: 4, 6: 5, 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 16: 12}

// StartQuorum returns how many servers of an n-server pool on version v must be running for the
// pool to start (FACTS §11, the routing-group level "85%" row, used literally: 3 of 3, 5 of 7).
// One server needs itself. For 13, 14 and 15 servers (2019, not documented) it interpolates
// between the documented 12 (10) and 16 (12) and rounds up: 13 and 14 need 11, 15 needs 12.
// Pools larger than 16 (not supported on any version) need 75% rounded up. Zero servers need 1,
// which no state satisfies.
func StartQuorum(n int, v topology.Version) int {
	_ = v // the documented row is the same on every version; kept for symmetry with MinRunning
	if n <= 0 {
		return 1
	}
	if q, ok := startTable[n]; ok {
		return q
	}
	if n > 12 && n < 16 {
		return 10 + (2*(n-12)+3)/4
	}
	return (3*n + 3) / 4
}

// CanStart reports whether the servers marked up meet the start quorum of the pool.
func CanStart(up []bool, v topology.Version) bool {
	n := 0
	for _, u := range up {
		if u {
			n++
		}
	}
	return len(up) > 0 && n >= StartQuorum(len(up), v)
}
