package analysis

import (
	"time"

	"failwright/engine/features"
	"failwright/engine/topology"
)

// featureVals is one failure set's per-feature figures, indexed like featureSpec.reported.
type featureVals struct {
	// lost is the users without the feature after recovery; served those of them whose pool
	// gives them full service (the pool came back, the feature did not).
	lost, served [numFeatures]int
	// rto is the longest time from the failure until users who lost the feature have it
	// back, over those who get it back.
	rto [numFeatures]time.Duration
}

// featureScratch is one goroutine's memory for judging features.
type featureScratch struct {
	st  features.State
	out Outcome
	// t0 is, per topology pool, the RTO of its failover (zero when its users stayed home).
	t0 []time.Duration
	// urlMoved and xmppMoved say which manual records the recovery re-pointed.
	urlMoved, xmppMoved, chatMoved []bool
	got                            []features.Set // per topology pool: its users' features
	// planned says, per topology pool, whether it was failed over in planned mode
	// (plannedFailovers), and kept what its users had at the failure.
	planned []bool
	kept    []features.Set
}

func newFeatureScratch(f *featureSpec) *featureScratch {
	n := f.nPools
	st := features.State{
		SiteUp: make([]bool, f.nSites), PoolUp: make([]bool, n), Mode: make([]features.Mode, n),
		ServedBy: make([]int, n), RGSOn: make([]int, n), LISOn: make([]int, n), ParkOn: make([]int, n),
		EdgeHop: make([]int, n), LBUp: make([]bool, f.nLB), DNSUp: make([]bool, f.nDNS),
		URLTarget: make([]int, len(f.urlFirst)), GatewayUp: make([]bool, f.nGW),
		ChatSite: make([]int, len(f.chatSite)), ChatServersUp: make([]bool, len(f.chatSite)),
		ChatHop: make([]int, len(f.chatSite)), XMPPEdge: make([]int, len(f.xmppTopo)),
	}
	return &featureScratch{st: st, t0: make([]time.Duration, n), urlMoved: make([]bool, len(f.urlFirst)),
		xmppMoved: make([]bool, len(f.xmppTopo)), chatMoved: make([]bool, len(f.chatSite)), got: make([]features.Set, n),
		planned: make([]bool, n), kept: make([]features.Set, n)}
}

// reset puts every part up and every pointer where the topology says.
func (sc *featureScratch) reset(f *featureSpec) {
	st := &sc.st
	fill(st.SiteUp, true)
	fill(st.PoolUp, true)
	fill(st.LBUp, true)
	fill(st.DNSUp, true)
	fill(st.GatewayUp, true)
	fill(st.ChatServersUp, true)
	for i := range st.Mode {
		st.Mode[i], st.ServedBy[i], st.RGSOn[i], st.LISOn[i], st.ParkOn[i], st.EdgeHop[i] = features.Home, i, i, i, i, i
		sc.t0[i], sc.planned[i] = 0, false
	}
	for k, e := range f.edgeTopo {
		st.EdgeHop[e] = f.edgeHop[k]
	}
	copy(st.URLTarget, f.urlFirst)
	copy(st.ChatSite, f.chatSite)
	copy(st.ChatHop, f.chatHop)
	copy(st.XMPPEdge, f.xmppTopo)
	fill(sc.urlMoved, false)
	fill(sc.xmppMoved, false)
	fill(sc.chatMoved, false)
}

func fill[T any](s []T, v T) {
	for i := range s {
		s[i] = v
	}
}

// judge works out the per-feature figures of failure set set, whose pools' outcome after
// recovery is o, into v: the parts the set fails, the pools' service from o, the planned
// failover of running pools whose web services do not answer (plannedFailovers), then the
// recovery of the parts a pool failover does not bring back (recoverParts), then
// engine/features's rules for every Front End pool and Persistent Chat pool.
func (f *featureSpec) judge(x *index, set []int, o *Outcome, sc *featureScratch, v *featureVals) {
	*v = featureVals{}
	f.fail(x, set, o, sc)
	f.plannedFailovers(x, o, sc)
	f.recoverParts(x, sc)
	f.measure(x, o, sc, v)
}

// fail puts into sc's state the parts set fails and the pools' service from o, before any
// recovery of the parts.
func (f *featureSpec) fail(x *index, set []int, o *Outcome, sc *featureScratch) {
	sc.reset(f)
	st := &sc.st
	for _, ei := range set {
		t := &x.targets[ei]
		switch x.elems[ei].Kind {
		case KindSite:
			if t.site >= 0 {
				st.SiteUp[t.site] = false
			}
		case KindEdge:
			st.PoolUp[f.edgeTopo[t.edge]] = false
		case KindLoadBalancer:
			st.LBUp[t.part] = false
		case KindDNSProvider:
			st.DNSUp[t.part] = false
		case KindPersistentChat:
			st.ChatServersUp[t.part] = false
		case KindGateway:
			st.GatewayUp[t.part] = false
		}
	}
	for i, ti := range f.feTopo {
		po := &o.Pools[i]
		st.PoolUp[ti] = po.Service == ServiceHome
		switch po.Service {
		case ServiceBackup:
			st.Mode[ti], st.ServedBy[ti] = features.Backup, f.feTopo[po.ServedBy]
			sc.t0[ti] = po.RTO
		case ServiceResiliency:
			st.Mode[ti] = features.Resiliency
			if q := x.pools[i].partner; q >= 0 && o.Pools[q].Service == ServiceHome {
				st.ServedBy[ti] = f.feTopo[q]
			}
		case ServiceSignedOut:
			st.Mode[ti], st.ServedBy[ti] = features.Out, features.None
		}
	}
}

// recoverParts applies the recovery failwright plans for the parts a pool failover does not
// bring back (docs/analysis.md, "The whole recovery").
func (f *featureSpec) recoverParts(x *index, sc *featureScratch) {
	st := &sc.st
	for _, ti := range f.feTopo {
		if st.Mode[ti] == features.Backup {
			b := st.ServedBy[ti]
			st.RGSOn[ti], st.LISOn[ti], st.ParkOn[ti] = b, b, b
		}
	}
	for k, e := range f.edgeTopo {
		if h := f.edgeHop[k]; h != features.None && st.Mode[h] == features.Backup {
			st.EdgeHop[e] = st.ServedBy[h]
		}
	}
	for _, u := range f.manual {
		if f.rules.URLResolves(st, u) {
			continue
		}
		for _, p := range f.urlPools[u] {
			if p == features.None {
				continue
			}
			st.URLTarget[u] = p
			if f.rules.URLResolves(st, u) {
				sc.urlMoved[u] = true
				break
			}
		}
		if !sc.urlMoved[u] {
			st.URLTarget[u] = f.urlFirst[u]
		}
	}
	for c, s := range f.chatSite {
		if b := f.chatBack[c]; s >= 0 && !st.SiteUp[s] && b >= 0 && st.SiteUp[b] {
			st.ChatSite[c], sc.chatMoved[c] = b, true
		}
		if h := f.chatHop[c]; h != features.None && st.Mode[h] == features.Backup {
			st.ChatHop[c] = st.ServedBy[h]
		}
	}
	edgeUp := func(k int) bool {
		s := x.edges[k].site
		return st.PoolUp[f.edgeTopo[k]] && (s < 0 || st.SiteUp[s])
	}
	for g, e := range f.xmppEdge {
		if e >= 0 && edgeUp(e) {
			continue
		}
		for k := range f.edgeTopo {
			if edgeUp(k) {
				st.XMPPEdge[g], sc.xmppMoved[g] = f.edgeTopo[k], true
				break
			}
		}
	}
}

// measure counts, per reported feature, the users without it after recovery, and how long
// those who get it back wait (the pool's failover, then the plan's manual steps in order).
func (f *featureSpec) measure(x *index, o *Outcome, sc *featureScratch, v *featureVals) {
	st := &sc.st
	var last time.Duration // the latest failover: re-pointing records comes after it
	for _, ti := range f.feTopo {
		last = max(last, sc.t0[ti])
	}
	dns, meetAt := false, time.Duration(0)
	for u, moved := range sc.urlMoved {
		if moved {
			dns = true
			if f.meetURL[u] {
				meetAt = max(meetAt, last+DNSChangeStep+f.urlTTL[u])
			}
		}
	}
	var xmppAt time.Duration
	for g, moved := range sc.xmppMoved {
		if moved {
			xmppAt = max(xmppAt, XMPPMoveStep+f.xmppTTL[g])
		}
	}
	f.rules.Pools(st, sc.got)
	for i, ti := range f.feTopo {
		got := sc.got[ti]
		users := x.pools[i].users
		full := st.Mode[ti].Full()
		var at [numFeatures]time.Duration
		if sc.t0[ti] > 0 || meetAt > 0 || xmppAt > 0 { // otherwise nothing waits
			at = f.restoredAt(x, i, ti, sc, dns, meetAt, xmppAt)
			if sc.planned[ti] {
				p := x.pools[i].tp
				keptAt(&at, sc.kept[ti], p.CallPark || p.Announcements, xmppAt)
			}
		}
		// Users of routing groups in quorum loss in a pool that runs (the model's Unserved of a
		// pool at home) have limited functionality: none of what needs full service.
		stranded := 0
		if o.Pools[i].Service == ServiceHome {
			stranded = o.Pools[i].Unserved
		}
		for k, b := range f.bits {
			if f.apply[i]&b == 0 {
				continue
			}
			if got&b != 0 && stranded > 0 && b&needsFull != 0 {
				v.lost[k] += stranded
			}
			if got&b == 0 {
				v.lost[k] += users
				if full {
					v.served[k] += users
				}
				continue
			}
			if users > 0 {
				v.rto[k] = max(v.rto[k], at[f.global[k]])
			}
		}
	}
	if k := f.chatKind; k >= 0 {
		for c := range f.chatSite {
			if !f.rules.Chat(st, c) {
				v.lost[k] += f.chatUsers[c]
				v.served[k] += f.chatUsers[c]
				continue
			}
			var at time.Duration
			if sc.chatMoved[c] {
				at = ChatFailoverStep
			}
			if h := f.chatHop[c]; h != features.None && st.Mode[h] == features.Backup {
				at += sc.t0[h]
			}
			if f.chatUsers[c] > 0 {
				v.rto[k] = max(v.rto[k], at)
			}
		}
	}
}

// needsFull are the features only users with full service have (features.Rules.Pool).
var needsFull = features.Of(topology.FeatureIMPresence, topology.FeatureMeetings,
	topology.FeatureResponseGroups, topology.FeatureXMPPFederation)

// Positions of the features in topology.Features, for restoredAt's answer.
const (
	gIM = iota
	gPeer
	gMeetings
	gPSTN
	gExternal
	gRGS
	gLIS
	gChat
	gXMPP
)

// restoredAt returns, per feature (topology.Features order), when Front End pool i's users
// (topology index ti) have it back after the failure: their failover's end (zero when they
// stayed home), then, on the operator's clock, re-pointing the records, importing the Response
// Groups, moving Call Park and announcements, and restoring the location data, each when it
// applies; meetings also wait for the re-pointed Meet records' TTL, and XMPP federation for
// its move and the records' TTL.
func (f *featureSpec) restoredAt(x *index, i, ti int, sc *featureScratch, dns bool, meetAt, xmppAt time.Duration) [numFeatures]time.Duration {
	var at [numFeatures]time.Duration
	t0 := sc.t0[ti]
	for k := range at {
		at[k] = t0
	}
	at[gMeetings] = max(t0, meetAt)
	at[gXMPP] = max(t0, xmppAt)
	if sc.st.Mode[ti] != features.Backup {
		return at
	}
	p := x.pools[i].tp
	c := t0
	if dns {
		c += DNSChangeStep
	}
	if p.ResponseGroups > 0 {
		c += RGSImportStep
		at[gRGS] = c
	}
	if p.CallPark || p.Announcements {
		if p.CallPark {
			c += CallParkStep
		}
		if p.Announcements {
			c += AnnouncementStep
		}
		at[gPSTN] = c
	}
	if p.LocationDatabase {
		c += LISRestoreStep
		at[gLIS] = c
	}
	return at
}
