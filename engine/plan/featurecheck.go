package plan

import (
	"strings"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// This file checks, after a plan's simulation, that every feature the topology models is back
// for the failed pool's users (the simulator's snapshot, judged by engine/features), and
// gives the per-feature recovery times of the prediction.

// isVerify reports whether group is a verification group.
func isVerify(group string) bool { return group == GroupVerify || group == GroupFailbackVerify }

// chatPools are the Persistent Chat pools the plan is about: those in the failed pool's site
// and those that route through it.
func chatPools(t *topology.Topology, p *topology.Pool) []string {
	var out []string
	for _, c := range t.PersistentChat {
		if strings.EqualFold(c.Site, p.Site) || strings.EqualFold(c.NextHop, p.FQDN) {
			out = append(out, c.FQDN)
		}
	}
	return out
}

// featureRTOs reads, from the report of a plan's simulation, the recovery time of each
// feature the failed pool's users (or the Persistent Chat pools the plan is about) lost.
func featureRTOs(p *Plan, t *topology.Topology, rep sim.Report) []FeatureRTO {
	pool := t.PoolByFQDN(p.Request.Pool)
	if pool == nil {
		return nil
	}
	var out []FeatureRTO
	for _, f := range topology.Features {
		names := []string{pool.FQDN}
		if f == topology.FeaturePersistentChat {
			names = chatPools(t, pool)
		}
		m := rep.FeatureRTO[f]
		found, restored := false, true
		var rto Duration
		for _, n := range names {
			if d, ok := lookupOK(m, n); ok {
				found = true
				rto = max(rto, seconds(d))
			}
			if containsFold(rep.UnrestoredFeatures[f], n) {
				found, restored = true, false
			}
		}
		if !found {
			continue
		}
		if !restored {
			rto = 0
		}
		out = append(out, FeatureRTO{Feature: f, RTO: rto, Restored: restored})
	}
	return out
}

// lookupOK is lookup that also says whether the pool has a figure.
func lookupOK[V any](m map[string]V, fqdn string) (V, bool) {
	for k, v := range m {
		if strings.EqualFold(k, fqdn) {
			return v, true
		}
	}
	var zero V
	return zero, false
}

// featureFixes say what brings a feature back when a plan leaves it missing.
var featureFixes = map[topology.Feature]string{
	topology.FeatureMeetings:          "Make the Meet and Dial-in simple URLs resolve to web services that answer: a DNS provider outside the lost site, or records changed by hand; and a load balancer in front of the backup pool's web services.",
	topology.FeaturePSTNCalls:         "Give the backup pool's Mediation Servers a route to a PSTN gateway that runs (a failover route to a gateway in another site), and redirect Call Park and announcements.",
	topology.FeatureExternalAccess:    "Deploy an Edge pool in another site whose next hop runs, and a load balancer for the backup pool's external web services.",
	topology.FeatureResponseGroups:    "Keep Export-CsRgsConfiguration backups and import them into the backup pool.",
	topology.FeatureEmergencyLocation: "Keep Export-CsLisConfiguration backups and restore them into the backup pool.",
	topology.FeaturePersistentChat:    "Stretch the Persistent Chat pool over two sites (backupSite) with a log-shipped backup database.",
	topology.FeatureXMPPFederation:    "Deploy an Edge pool in another site that can carry the XMPP route, and publish its records.",
}

// missingFeatures returns a warning PL026 for every feature that applies to the failed pool's
// users (or to a Persistent Chat pool the plan is about) and that they still lack in
// simulation s at the end of verification group group.
func missingFeatures(p *Plan, t *topology.Topology, s *sim.Sim, group string) topology.Findings {
	pool := t.PoolByFQDN(p.Request.Pool)
	if pool == nil {
		return nil
	}
	snap := s.Snapshot()
	var fs topology.Findings
	when := "after the failover"
	if group == GroupFailbackVerify {
		when = "after the failback"
	}
	warn := func(f topology.Feature, who string) {
		fix := featureFixes[f]
		if fix == "" {
			fix = "Check the failure state: the backup pool must run and carry the users."
		}
		fs = append(fs, topology.Finding{Code: "PL026", Severity: topology.Warning, Path: "prediction.features",
			Message: when + " " + who + " still lack " + f.Name() + " (" + string(f) + ") in the simulation: the plan does not bring it back",
			Fix:     fix})
	}
	for _, ps := range snap.Pools {
		if strings.EqualFold(ps.FQDN, pool.FQDN) {
			for _, f := range ps.Missing {
				warn(f, "the users of "+pool.FQDN)
			}
		}
	}
	if snap.Recovery != nil {
		mine := chatPools(t, pool)
		for _, c := range snap.Recovery.PersistentChat {
			if !c.Serving && containsFold(mine, c.FQDN) {
				warn(topology.FeaturePersistentChat, "the users of Persistent Chat pool "+c.FQDN)
			}
		}
	}
	return fs
}
