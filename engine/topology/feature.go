package topology

// Feature is something users get from the deployment and get back, or not, after a failure:
// the unit the simulator, the plans and the analysis count per feature rather than per pool.
// Its value is a stable kebab-case identifier used in JSON, golden files and the API.
type Feature string

// The features, in the order users notice them. Each comment says which parts of the
// topology the feature depends on; the simulator follows it (docs/recovery.md).
const (
	// FeatureIMPresence is sign-in, instant messaging and presence: the user's registrar, its
	// home Front End pool or, after Invoke-CsPoolFailOver, the backup pool (FACTS §8). A
	// Director pool, when present, is on the sign-in path as well.
	FeatureIMPresence Feature = "im-presence"
	// FeaturePeerCalls is two-party audio and video between signed-in users: it follows
	// FeatureIMPresence (the registrar) and works in resiliency mode (FACTS §8a).
	FeaturePeerCalls Feature = "peer-calls"
	// FeatureMeetings is scheduling and joining meetings: the organiser's pool, which hosts
	// the conference, and the Meet and Dialin simple URLs (SimpleURLs), which resolve through
	// their DNS publishing (a DNS provider for GeoDNS, an administrator for Manual) to a pool's
	// web services (Pool.WebServices) behind its load balancer (LoadBalancers). A failover
	// moves the conference, not the DNS name.
	FeatureMeetings Feature = "meetings"
	// FeaturePSTNCalls is calls to and from the public telephone network: the registrar, the
	// Mediation Servers collocated on Front End pools (PSTNGateway.Mediation) and the PSTN
	// gateways with their failover routes (PSTNGateways). Call Park (Pool.CallPark) and
	// unassigned-number announcements (Pool.Announcements) are part of it: their orbits and
	// numbers are moved to the backup pool by hand (FACTS §19).
	FeaturePSTNCalls Feature = "pstn-calls"
	// FeatureExternalAccess is remote users, federation and the external web services: the
	// Edge pools and their internal next hop (Pool.NextHop), the federation route
	// (Pool.FederationRoute), and the external web services (WebServices.External) behind
	// their load balancer (FACTS §15).
	FeatureExternalAccess Feature = "external-access"
	// FeatureResponseGroups is Response Group workflows (Pool.ResponseGroups): homed on a
	// pool, exported and imported into the backup pool by hand before 2019's cumulative
	// update (FACTS §19); agents sign in again after the import (FACTS §8b).
	FeatureResponseGroups Feature = "response-groups"
	// FeatureEmergencyLocation is E9-1-1 locations from the Location Information Service
	// database (Pool.LocationDatabase): not replicated, restored into the backup pool from
	// Export-CsLisConfiguration (FACTS §8b, §19).
	FeatureEmergencyLocation Feature = "emergency-location"
	// FeaturePersistentChat is Persistent Chat rooms (PersistentChat): the stretched pool's
	// active database and its log-shipped backup in BackupSite, failed over by hand, and the
	// next-hop Front End pool (FACTS §19). Lync Server 2013 and SfB 2015 only.
	FeaturePersistentChat Feature = "persistent-chat"
	// FeatureXMPPFederation is IM and presence with XMPP partners (XMPPGateways): the Edge pool
	// that carries the XMPP route and its _xmpp-server._tcp SRV record, moved by hand to
	// another Edge pool (FACTS §15). Lync Server 2013 and SfB 2015 only.
	FeatureXMPPFederation Feature = "xmpp-federation"
)

// Features lists every Feature in display order.
var Features = []Feature{
	FeatureIMPresence, FeaturePeerCalls, FeatureMeetings, FeaturePSTNCalls, FeatureExternalAccess,
	FeatureResponseGroups, FeatureEmergencyLocation, FeaturePersistentChat, FeatureXMPPFederation,
}

// featureNames are the features' display names.
var featureNames = map[Feature]string{
	FeatureIMPresence:        "IM and presence",
	FeaturePeerCalls:         "Peer calls",
	FeatureMeetings:          "Meetings",
	FeaturePSTNCalls:         "PSTN calls",
	FeatureExternalAccess:    "External access and federation",
	FeatureResponseGroups:    "Response Groups",
	FeatureEmergencyLocation: "Emergency location",
	FeaturePersistentChat:    "Persistent Chat",
	FeatureXMPPFederation:    "XMPP federation",
}

// Name is the feature's display name ("IM and presence"), or its identifier when it is not
// a known feature.
func (f Feature) Name() string {
	if n, ok := featureNames[f]; ok {
		return n
	}
	return string(f)
}

// Valid reports whether f is one of Features.
func (f Feature) Valid() bool {
	_, ok := featureNames[f]
	return ok
}

// ParseFeature returns the feature with identifier s, and false when there is none.
func ParseFeature(s string) (Feature, bool) {
	f := Feature(s)
	return f, f.Valid()
}

// HasFeature reports whether the topology models feature f: IM and presence, peer calls and
// meetings whenever it has a Front End pool; PSTN calls when it lists a PSTN gateway or a
// pool with Call Park or announcements; external access when it has an Edge pool; Response
// Groups, emergency location, Persistent Chat and XMPP federation when a pool or list holds
// them.
func (t *Topology) HasFeature(f Feature) bool {
	anyPool := func(ok func(p *Pool) bool) bool {
		for i := range t.Pools {
			if ok(&t.Pools[i]) {
				return true
			}
		}
		return false
	}
	switch f {
	case FeatureIMPresence, FeaturePeerCalls, FeatureMeetings:
		return anyPool(func(p *Pool) bool { return p.Role.IsFrontEnd() })
	case FeaturePSTNCalls:
		return len(t.PSTNGateways) > 0 || anyPool(func(p *Pool) bool { return p.CallPark || p.Announcements })
	case FeatureExternalAccess:
		return anyPool(func(p *Pool) bool { return p.Role == Edge })
	case FeatureResponseGroups:
		return anyPool(func(p *Pool) bool { return p.ResponseGroups > 0 })
	case FeatureEmergencyLocation:
		return anyPool(func(p *Pool) bool { return p.LocationDatabase })
	case FeaturePersistentChat:
		return len(t.PersistentChat) > 0
	case FeatureXMPPFederation:
		return len(t.XMPPGateways) > 0
	}
	return false
}

// ModelledFeatures lists the features the topology models (HasFeature), in Features order.
func (t *Topology) ModelledFeatures() []Feature {
	var out []Feature
	for _, f := range Features {
		if t.HasFeature(f) {
			out = append(out, f)
		}
	}
	return out
}

// ModelsRecovery reports whether the topology models any part a pool failover does not bring
// back (recovery.go): a simple URL, DNS provider, load balancer, Persistent Chat pool, XMPP or
// PSTN gateway, or a pool's web services, Response Groups, location database, Call Park or
// announcements. Plans and the analysis step through only the parts a topology that models
// them has, and keep every manual step for one that models none.
func (t *Topology) ModelsRecovery() bool {
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
