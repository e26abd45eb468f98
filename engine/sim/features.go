package sim

import (
	"sort"
	"time"

	"failwright/engine/features"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// This file judges per-feature service: the simulator fills a features.State from its own
// state (in place, so that a recompute allocates nothing for it) and asks engine/features,
// the one set of rules the failure analysis uses too, which features each pool's users have.

// recoveryModelled reports whether t has any part a pool failover does not bring back: then
// the simulator logs each feature lost and restored (older topologies keep their logs).
func recoveryModelled(t *topology.Topology) bool {
	if len(t.SimpleURLs)+len(t.DNSProviders)+len(t.LoadBalancers)+len(t.PersistentChat)+len(t.XMPPGateways)+len(t.PSTNGateways) > 0 {
		return true
	}
	for _, p := range t.Pools {
		if p.WebServices != nil || p.ResponseGroups > 0 || p.LocationDatabase || p.CallPark || p.Announcements {
			return true
		}
	}
	return false
}

func featureMode(m Mode) features.Mode {
	switch m {
	case ModeHome:
		return features.Home
	case ModeBackup:
		return features.Backup
	case ModeResiliency:
		return features.Resiliency
	}
	return features.Out
}

// fillFeatures copies the simulator's state into the features.State the rules judge.
func (s *Sim) fillFeatures() {
	st := &s.st
	x := s.x
	ps := &st.parts
	fs := &ps.fs
	copy(fs.SiteUp, st.siteUp)
	for p := range x.pools {
		fs.PoolUp[p] = st.serving[p]
		fs.Mode[p] = featureMode(st.mode[p])
		fs.ServedBy[p] = st.servedBy[p]
		fs.EdgeHop[p] = st.nextHop[p]
		fs.RGSOn[p] = s.rgsHolder(p)
		fs.LISOn[p] = ps.lisOn[p]
		if st.servedBy[p] == p {
			fs.LISOn[p] = p // at home, the pool's own location database answers again
		}
		fs.ParkOn[p] = s.parkHolder(p)
	}
	for u := range fs.URLTarget {
		fs.URLTarget[u] = seen(ps.urlOld[u], ps.urlNew[u], ps.urlAt[u], st.now)
	}
	for c := range fs.ChatSite {
		fs.ChatSite[c] = ps.chatSite[c]
		fs.ChatServersUp[c] = !s.chatSiteDown(c, ps.chatSite[c])
		fs.ChatHop[c] = ps.chatHop[c]
	}
	for g := range fs.XMPPEdge {
		fs.XMPPEdge[g] = s.xmppEdge(g)
	}
}

// xmppEdge is the Edge pool XMPP partners reach for gateway g now: the pool its record
// resolves to, when the site's route names the same pool (features.None otherwise). A record
// published by GeoDNS follows the route while its provider answers.
func (s *Sim) xmppEdge(g int) int {
	ps := &s.st.parts
	gw := &s.x.topo.XMPPGateways[g]
	rec := seen(ps.xmppOld[g], ps.xmppNew[g], ps.xmppAt[g], s.st.now)
	if gw.EffectivePublishing() == topology.PublishingGeoDNS {
		rec = features.None
		if s.x.rules.DNSUp(&ps.fs, s.x.findDNS(gw.DNSProvider)) {
			rec = ps.xmppRoute[g]
		}
	}
	if rec != ps.xmppRoute[g] {
		return features.None
	}
	return rec
}

// rgsHolder is the pool that holds pool p's Response Groups now: where they were imported,
// or at home. On Skype for Business Server 2019 the Backup Service copies them to the paired
// pool once its RGS backup is enabled and the existing data was replicated (FACTS §10), so
// they follow a failover by themselves.
func (s *Sim) rgsHolder(p int) int {
	st := &s.st
	on := st.parts.rgsOn[p]
	b := s.x.pools[p].partner
	if on == p && !st.serving[p] && b >= 0 && s.x.pools[p].version.Behaves() == topology.SfB2019 && st.bcfg.rgs && st.rgsInit[p] {
		return b
	}
	return on
}

// parkHolder is the pool pool p's PSTN extras point at now: its Call Park orbits and its
// unassigned-number announcements; when it has both, the one that does not serve (both must).
func (s *Sim) parkHolder(p int) int {
	pool := s.x.pools[p].pool
	ps := &s.st.parts
	switch {
	case pool.CallPark && pool.Announcements:
		if s.st.serving[ps.parkOn[p]] {
			return ps.annOn[p]
		}
		return ps.parkOn[p]
	case pool.CallPark:
		return ps.parkOn[p]
	case pool.Announcements:
		return ps.annOn[p]
	}
	return p
}

// measureFeatures judges every pool's features, counts the users without each, and follows
// the per-feature outages for the RTO figures. It reports whether the counts changed.
func (s *Sim) measureFeatures() bool {
	st := &s.st
	x := s.x
	ps := &st.parts
	s.fillFeatures()
	var without [nFeatures]int
	for p := range x.pools {
		if !x.isFE(p) {
			continue
		}
		users := x.pools[p].users
		apply := x.rules.Applicable(p)
		got := x.rules.Pool(&ps.fs, p)
		lacking := apply &^ got
		k := s.stranded(p, st.rgLost[p])
		if k > 0 {
			// The users of routing groups in quorum loss are in resiliency mode.
			m := ps.fs.Mode[p]
			ps.fs.Mode[p] = features.Resiliency
			gotR := x.rules.Pool(&ps.fs, p)
			ps.fs.Mode[p] = m
			addWithout(&without, apply&^gotR, k)
			addWithout(&without, lacking, users-k)
			lacking |= apply &^ gotR
		} else {
			addWithout(&without, lacking, users)
		}
		ps.have[p] = got
		if users > 0 {
			for f := range nFeatures {
				s.trackFeature(p*nFeatures+f, lacking&(1<<f) != 0, topology.Features[f], x.pools[p].fqdn, users)
			}
		}
	}
	chat := len(x.pools) * nFeatures
	for c, cp := range x.topo.PersistentChat {
		ok := x.rules.Chat(&ps.fs, c)
		ps.chatOK[c] = ok
		if !ok {
			without[7] += cp.Users
		}
		s.trackFeature(chat+c, !ok, topology.FeaturePersistentChat, cp.FQDN, cp.Users)
	}
	changed := without != ps.without
	ps.without = without
	return changed
}

func addWithout(w *[nFeatures]int, lacking features.Set, n int) {
	for f := range nFeatures {
		if lacking&(1<<f) != 0 {
			w[f] += n
		}
	}
}

// trackFeature follows one feature's outage for one pool's users (k indexes the figures), as
// measure does for full service.
func (s *Sim) trackFeature(k int, lost bool, f topology.Feature, name string, users int) {
	st := &s.st
	ps := &st.parts
	logIt := s.x.modelled && f != topology.FeatureIMPresence && f != topology.FeaturePeerCalls
	switch {
	case lost && ps.fOut[k] == never:
		ps.fOut[k] = st.now
		ps.fFault[k] = st.faulting
		if logIt {
			s.logf("%s unavailable for the users of %s (%s).", f.Name(), name, units.Thousands(users))
		}
	case lost && st.faulting:
		ps.fFault[k] = true
	case !lost && ps.fOut[k] != never:
		d := st.now - ps.fOut[k]
		if ps.fFault[k] && (!ps.fRTOSet[k] || d > ps.fRTO[k]) {
			ps.fRTO[k] = d
		}
		ps.fRTOSet[k] = ps.fRTOSet[k] || ps.fFault[k]
		ps.fOut[k] = never
		if logIt {
			s.logf("%s available again for the users of %s after %s.", f.Name(), name, FormatDuration(d))
		}
	}
}

// withoutMap is the users without each feature now, or nil when nobody lacks anything.
func (s *Sim) withoutMap() map[topology.Feature]int {
	var m map[topology.Feature]int
	for f, n := range s.st.parts.without {
		if n > 0 {
			if m == nil {
				m = map[topology.Feature]int{}
			}
			m[topology.Features[f]] = n
		}
	}
	return m
}

// featureFigures adds the per-feature RTOs and the features still unrestored to a report.
func (s *Sim) featureFigures(r *Report) {
	ps := &s.st.parts
	x := s.x
	np := len(x.pools)
	for k, start := range ps.fOut {
		var f topology.Feature
		var name string
		if k < np*nFeatures {
			f, name = topology.Features[k%nFeatures], x.pools[k/nFeatures].fqdn
		} else {
			f, name = topology.FeaturePersistentChat, x.topo.PersistentChat[k-np*nFeatures].FQDN
		}
		ongoing := start != never
		if ongoing {
			if r.UnrestoredFeatures == nil {
				r.UnrestoredFeatures = map[topology.Feature][]string{}
			}
			r.UnrestoredFeatures[f] = append(r.UnrestoredFeatures[f], name)
		}
		var d time.Duration
		switch {
		case ongoing && (ps.fFault[k] || ps.fRTOSet[k]):
		case ps.fRTOSet[k]:
			d = ps.fRTO[k]
		default:
			continue
		}
		if r.FeatureRTO == nil {
			r.FeatureRTO = map[topology.Feature]map[string]time.Duration{}
		}
		if r.FeatureRTO[f] == nil {
			r.FeatureRTO[f] = map[string]time.Duration{}
		}
		r.FeatureRTO[f][name] = d
	}
	for _, names := range r.UnrestoredFeatures {
		sort.Strings(names)
	}
}

// poolFeatures returns the features Front End pool p's users have now and those that apply
// to them but they lack.
func (s *Sim) poolFeatures(p int) (have, missing []topology.Feature) {
	got := s.st.parts.have[p]
	return got.List(), (s.x.rules.Applicable(p) &^ got).List()
}

// featureLines prints Get-SimState's per-feature lines: the users without each feature now,
// and, in a topology with the parts a pool failover does not bring back, the per-feature RTOs.
func (c *ctx) featureLines() {
	s := c.s
	var parts []string
	for f, n := range s.st.parts.without {
		if n > 0 {
			parts = append(parts, topology.Features[f].Name()+" "+units.Thousands(n))
		}
	}
	if len(parts) > 0 {
		c.outf("Users without: %s", joinComma(parts))
	}
	if !s.x.modelled {
		return
	}
	var r Report
	s.featureFigures(&r)
	for _, f := range topology.Features {
		m := r.FeatureRTO[f]
		if len(m) == 0 {
			continue
		}
		var ps []string
		for _, k := range sortedKeys(m) {
			v := FormatDuration(m[k])
			if m[k] == 0 {
				v = "not yet restored"
			}
			ps = append(ps, k+" "+v)
		}
		c.outf("RTO %s: %s", f.Name(), joinComma(ps))
	}
}

func joinComma(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
