package features

import (
	"strings"

	"failwright/engine/topology"
)

// Mode is how a Front End pool's users are served.
type Mode uint8

// The modes, best first.
const (
	// Home is full service on the home pool.
	Home Mode = iota
	// Backup is full service on the backup pool after Invoke-CsPoolFailOver.
	Backup
	// Resiliency is registration on the backup registrar with limited features.
	Resiliency
	// Out is no service: the users are signed out.
	Out
)

// Full reports whether m is full service (Home or Backup).
func (m Mode) Full() bool { return m == Home || m == Backup }

// SignedIn reports whether users in mode m are registered somewhere.
func (m Mode) SignedIn() bool { return m != Out }

// None is the index that points nowhere.
const None = -1

// State is the state of every part the features depend on. Slices are indexed as the
// topology's lists (Sites, Pools, LoadBalancers, DNSProviders, SimpleURLs, PersistentChat,
// XMPPGateways, PSTNGateways); a nil slice means every element is up, or, for the pointers,
// that every element points where the topology says.
type State struct {
	// SiteUp is whether each site runs.
	SiteUp []bool
	// PoolUp is whether each pool serves: a Front End pool that keeps quorum with its back end,
	// an Edge or Director pool with a server running.
	PoolUp []bool
	// Mode is how each Front End pool's users are served (other pools: ignored).
	Mode []Mode
	// ServedBy is the index of the pool that serves each Front End pool's users (itself at
	// home, its backup pool after failover or in resiliency mode), None when signed out.
	ServedBy []int
	// LBUp is whether each load balancer runs.
	LBUp []bool
	// DNSUp is whether each DNS provider answers (its own failure; its sites count as well).
	DNSUp []bool
	// URLTarget is, for each simple URL published by a manual record, the pool its record
	// points at now, as clients see it (the caller applies the TTL).
	URLTarget []int
	// RGSOn is, for each Front End pool, the pool that holds its Response Groups now.
	RGSOn []int
	// LISOn is, for each Front End pool, the pool that holds its location data now.
	LISOn []int
	// ParkOn is, for each Front End pool, the pool its Call Park orbits and unassigned numbers
	// point at now.
	ParkOn []int
	// ChatSite is, for each Persistent Chat pool, the site whose database is active now.
	ChatSite []int
	// ChatServersUp is whether each Persistent Chat pool has a server running in ChatSite.
	ChatServersUp []bool
	// ChatHop is, for each Persistent Chat pool, its next-hop Front End pool now.
	ChatHop []int
	// EdgeHop is, for each pool, its next hop now (Edge pools; others ignored).
	EdgeHop []int
	// XMPPEdge is, for each XMPP gateway, the Edge pool its record points at now.
	XMPPEdge []int
	// GatewayUp is whether each PSTN gateway runs (its own failure; its site counts as well).
	GatewayUp []bool
}

// Set is a set of features, one bit per topology.Features entry.
type Set uint16

// Of returns the set of the given features.
func Of(fs ...topology.Feature) Set {
	var s Set
	for _, f := range fs {
		s |= bit(f)
	}
	return s
}

// Has reports whether s holds f.
func (s Set) Has(f topology.Feature) bool { return s&bit(f) != 0 }

// List returns the features of s in topology.Features order.
func (s Set) List() []topology.Feature {
	var out []topology.Feature
	for i, f := range topology.Features {
		if s&(1<<i) != 0 {
			out = append(out, f)
		}
	}
	return out
}

// String lists the features' identifiers, joined by commas.
func (s Set) String() string {
	var b strings.Builder
	for _, f := range s.List() {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(f))
	}
	return b.String()
}

func bit(f topology.Feature) Set {
	for i, g := range topology.Features {
		if g == f {
			return 1 << i
		}
	}
	return 0
}

// Bits of the features, in topology.Features order, so that rules read as names.
var (
	bIM       = bit(topology.FeatureIMPresence)
	bPeer     = bit(topology.FeaturePeerCalls)
	bMeetings = bit(topology.FeatureMeetings)
	bPSTN     = bit(topology.FeaturePSTNCalls)
	bExternal = bit(topology.FeatureExternalAccess)
	bRGS      = bit(topology.FeatureResponseGroups)
	bLIS      = bit(topology.FeatureEmergencyLocation)
	bChat     = bit(topology.FeaturePersistentChat)
	bXMPP     = bit(topology.FeatureXMPPFederation)
)
