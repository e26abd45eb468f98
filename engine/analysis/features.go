package analysis

import (
	"strings"
	"time"

	"failwright/engine/features"
	"failwright/engine/plan"
	"failwright/engine/topology"
)

// numFeatures is the number of features topology.Features lists.
const numFeatures = 9

// The manual steps of the whole recovery after a pool failover, in the order of the disaster
// plan's groups (issue 18: DNS and simple URLs, Response Groups, Call Park and announcements,
// the location database, Persistent Chat, federation and XMPP), with the plan's durations
// (engine/plan's exported step durations), so that a feature's wait here is what the plan
// predicts; TestFeatureStepDurations holds them to the plans it writes.
const (
	// DNSChangeStep is re-pointing a manually published record (a simple URL, the XMPP
	// records) at another pool or Edge pool; clients see it once the record's TTL has passed.
	DNSChangeStep = plan.DNSDuration
	// RGSImportStep is importing a pool's Response Groups into its backup pool
	// (Import-CsRgsConfiguration, FACTS §19).
	RGSImportStep = plan.RGSDuration
	// CallParkStep and AnnouncementStep are moving Call Park orbits and unassigned-number
	// announcements to the backup pool (FACTS §19).
	CallParkStep     = plan.CallParkDuration
	AnnouncementStep = plan.AnnouncementDuration
	// LISRestoreStep is restoring the location database into the backup pool from
	// Export-CsLisConfiguration (FACTS §8b, §19).
	LISRestoreStep = plan.LISDuration
	// ChatFailoverStep is failing a stretched Persistent Chat pool over to its backup
	// database and moving its next hop: the plan's pchat-database, pchat-failover and
	// pchat-next-hop steps (FACTS §19).
	ChatFailoverStep = plan.ChatDBDuration + plan.ChatStateDuration + plan.TopologyDuration
	// XMPPMoveStep is moving the XMPP route to another Edge pool and changing its records
	// (the plan's xmpp-route and xmpp-dns steps; the records' TTL comes on top).
	XMPPMoveStep = plan.XMPPRouteDuration + plan.DNSDuration
)

// featureSpec is what the feature pass needs of the topology, by index, made once.
type featureSpec struct {
	rules    *features.Rules
	feTopo   []int          // topology index of each Front End pool
	apply    []features.Set // features that apply to each Front End pool's users
	edgeTopo []int          // topology index of each Edge pool (index.edges order)
	edgeHop  []int          // topology index of each Edge pool's next hop, or None
	urlFirst []int          // the pool each simple URL's record points at first, or None
	xmppTopo []int          // topology index of each XMPP gateway's Edge pool, or None
	chatKind int            // position of Persistent Chat among reported, or -1
	feOfTopo []int          // Front End index of each topology pool, or -1
	reported []topology.Feature
	bits     []features.Set // bit of each reported feature
	global   []int          // position of each reported feature in topology.Features
	// manual are the simple URLs published by a record changed by hand, with their pools
	// (topology indices) and TTL.
	manual    []int
	urlPools  [][]int
	urlTTL    []time.Duration
	meetURL   []bool // per simple URL: a Meet URL
	xmppEdge  []int  // Edge index of each XMPP gateway's Edge pool, or -1
	xmppTTL   []time.Duration
	chatSite  []int // site of each Persistent Chat pool, its backup site, its next hop
	chatBack  []int
	chatHop   []int // topology index
	chatUsers []int
	// planned is, per Front End pool, when its users are served by its backup pool after a
	// planned failover (plannedFailoverTime; zero without a backup pool).
	planned   []time.Duration
	nSites    int
	nPools    int
	nLB, nDNS int
	nGW       int
}

// featuresModelled reports whether t models a part a pool failover does not bring back: then
// the report gives per-feature figures. Without one, IM and presence, peer calls and meetings
// follow the pools' service exactly (the figures the report already gives), and remote access
// has its own figure, so a per-feature section would repeat them.
func featuresModelled(t *topology.Topology) bool {
	if len(t.LoadBalancers)+len(t.DNSProviders)+len(t.SimpleURLs)+len(t.PersistentChat)+
		len(t.XMPPGateways)+len(t.PSTNGateways) > 0 {
		return true
	}
	for i := range t.Pools {
		p := &t.Pools[i]
		if p.WebServices != nil || p.ResponseGroups > 0 || p.LocationDatabase || p.CallPark || p.Announcements {
			return true
		}
	}
	return false
}

// newFeatureSpec indexes x's topology for the feature pass, or returns nil when it models no
// part a pool failover does not bring back.
func newFeatureSpec(x *index) *featureSpec {
	t := x.t
	if !featuresModelled(t) {
		return nil
	}
	f := &featureSpec{rules: features.New(t), nSites: len(t.Sites), nPools: len(t.Pools),
		nLB: len(t.LoadBalancers), nDNS: len(t.DNSProviders), nGW: len(t.PSTNGateways)}
	f.feOfTopo = make([]int, len(t.Pools))
	for i := range f.feOfTopo {
		f.feOfTopo[i] = -1
	}
	edgeOf := map[string]int{}
	for i := range t.Pools {
		p := &t.Pools[i]
		switch {
		case p.Role.IsFrontEnd():
			f.feOfTopo[i] = len(f.feTopo)
			f.feTopo = append(f.feTopo, i)
			f.apply = append(f.apply, f.rules.Applicable(i))
			var d time.Duration
			if k := len(f.planned); x.pools[k].partner >= 0 {
				d = plannedFailoverTime(x, k)
			}
			f.planned = append(f.planned, d)
		case p.Role == topology.Edge:
			edgeOf[strings.ToLower(p.FQDN)] = len(f.edgeTopo)
			f.edgeTopo = append(f.edgeTopo, i)
		}
	}
	f.chatKind = -1
	for _, feat := range t.ModelledFeatures() {
		if feat == topology.FeaturePersistentChat {
			f.chatKind = len(f.reported)
		}
		f.reported = append(f.reported, feat)
		for g, h := range topology.Features {
			if h == feat {
				f.global = append(f.global, g)
			}
		}
		f.bits = append(f.bits, features.Of(feat))
	}
	pool := func(fqdn string) int {
		for i := range t.Pools {
			if strings.EqualFold(t.Pools[i].FQDN, fqdn) {
				return i
			}
		}
		return features.None
	}
	for _, e := range f.edgeTopo {
		f.edgeHop = append(f.edgeHop, pool(t.Pools[e].NextHop))
	}
	for i := range t.SimpleURLs {
		u := &t.SimpleURLs[i]
		first := features.None
		if len(u.Pools) > 0 {
			first = pool(u.Pools[0])
		}
		f.urlFirst = append(f.urlFirst, first)
		f.meetURL = append(f.meetURL, u.Kind == topology.SimpleURLMeet)
		var ps []int
		for _, fq := range u.Pools {
			ps = append(ps, pool(fq))
		}
		f.urlPools = append(f.urlPools, ps)
		f.urlTTL = append(f.urlTTL, ttl(u.TTLSeconds))
		if u.EffectivePublishing() == topology.PublishingManual {
			f.manual = append(f.manual, i)
		}
	}
	for i := range t.XMPPGateways {
		g := &t.XMPPGateways[i]
		k, ok := edgeOf[strings.ToLower(g.EdgePool)]
		if !ok {
			k = -1
		}
		f.xmppEdge = append(f.xmppEdge, k)
		f.xmppTopo = append(f.xmppTopo, pool(g.EdgePool))
		f.xmppTTL = append(f.xmppTTL, ttl(g.TTLSeconds))
	}
	for i := range t.PersistentChat {
		c := &t.PersistentChat[i]
		f.chatSite = append(f.chatSite, siteIndex(t, c.Site))
		b := -1
		if c.BackupSite != "" {
			b = siteIndex(t, c.BackupSite)
		}
		f.chatBack = append(f.chatBack, b)
		f.chatHop = append(f.chatHop, pool(c.NextHop))
		f.chatUsers = append(f.chatUsers, max(c.Users, 0))
	}
	return f
}

// ttl is a record's TTL with the default applied.
func ttl(seconds int) time.Duration {
	if seconds <= 0 {
		seconds = topology.DefaultDNSTTLSeconds
	}
	return time.Duration(seconds) * time.Second
}
