package topology

import (
	"strconv"
	"strings"

	"failwright/engine/nameid"
)

// IDNamespace is the fixed namespace of failwright's name-based (version 5, SHA-1) UUIDs. It
// is itself the SHA-1 UUID of "failwright" in the URL namespace, and never changes: plans,
// transcripts and golden files depend on the IDs derived from it.
var IDNamespace = nameid.SHA1(nameid.URL, []byte("https://failwright.dev/ns/topology"))

// Routing-group derivation: a Front End pool without an explicit routingGroups count has one
// routing group per UsersPerRoutingGroup users (rounded up), at least one and at most
// MaxDerivedRoutingGroups. Real pools size their routing groups internally; failwright only
// needs a stable, plausible number for hydration output and fabric-state views.
const (
	UsersPerRoutingGroup    = 2000
	MaxDerivedRoutingGroups = 64
)

// RoutingGroupCount is the number of routing groups of a pool: RoutingGroups when set, else
// derived from Users (see UsersPerRoutingGroup); zero for pools that are not Front End pools.
func RoutingGroupCount(p *Pool) int {
	if p == nil || !p.Role.IsFrontEnd() {
		return 0
	}
	if p.RoutingGroups > 0 {
		return p.RoutingGroups
	}
	n := (max(p.Users, 0) + UsersPerRoutingGroup - 1) / UsersPerRoutingGroup
	return min(max(n, 1), MaxDerivedRoutingGroups)
}

// RoutingGroupIDs returns the pool's routing-group IDs, upper-case UUID strings as the
// Management Shell prints them. The i-th ID (from 0) is the SHA-1 UUID of
// "<lower-case pool FQDN>/routing-group/<i>" in IDNamespace, so the same pool always has the
// same IDs, and adding users only appends IDs.
func RoutingGroupIDs(p *Pool) []string {
	n := RoutingGroupCount(p)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	base := strings.ToLower(p.FQDN) + "/routing-group/"
	for i := range out {
		out[i] = strings.ToUpper(nameid.SHA1(IDNamespace, []byte(base+strconv.Itoa(i))).String())
	}
	return out
}
