package sim

import (
	"sort"
	"time"

	"failwright/engine/topology"
)

// decide records that the administrator decided to fail pool p over now (Invoke-CsPoolFailOver
// ran and was confirmed), when that is the first decision of an outage of its users: the
// moment from which Microsoft counts its recovery targets (FACTS §9). A planned failover,
// with no outage under way, is no recovery and records nothing.
func (s *Sim) decide(p int) {
	st := &s.st
	if st.outStart[p] == never {
		return
	}
	if st.decided[p] == never || st.decided[p] < st.outStart[p] {
		st.decided[p] = st.now
	}
}

// fromDecision is the recovery time on the decision clock of an outage of k (a pool or a
// branch) that lasted d from its start: from the administrator's failover decision when one was
// made during the outage, else d (nobody decided: the clock ran from the failure).
func (s *Sim) fromDecision(k int, d time.Duration) time.Duration {
	st := &s.st
	if k < len(st.decided) && st.decided[k] != never && st.decided[k] >= st.outStart[k] {
		return st.now - st.decided[k]
	}
	return d
}

// verdicts judges each Front End pool that has a recovery figure against its recovery policy
// (topology.EffectivePolicy), sorted by pool.
func (s *Sim) verdicts(r *Report) []topology.Verdict {
	var out []topology.Verdict
	unrestored := map[string]bool{}
	for _, u := range r.Unrestored {
		unrestored[u] = true
	}
	for p := range s.x.pools {
		pi := &s.x.pools[p]
		rto, hasRTO := r.RTO[pi.fqdn]
		dl, hasDL := r.DataLoss[pi.fqdn]
		if !s.x.isFE(p) || (!hasRTO && !hasDL) {
			continue
		}
		dec, ok := r.RTOFromDecision[pi.fqdn]
		if !ok {
			dec = rto
		}
		out = append(out, topology.Judge(pi.fqdn, topology.EffectivePolicy(s.x.topo, pi.pool), topology.RecoveryFigures{
			FromFailure: rto, FromDecision: dec, DataLoss: dl, Restored: !unrestored[pi.fqdn]}))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pool < out[j].Pool })
	return out
}
