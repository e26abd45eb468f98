package features

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"failwright/engine/topology"
)

// twoSites is a pair of pools in Atlanta and Dallas with every part modelled: web services
// behind a load balancer per site, Meet by GeoDNS on an outside provider, Dialin by a manual
// record, an Edge pool per site, a gateway per site with a failover route, Response Groups,
// Call Park and a location database on the Atlanta pool, Persistent Chat and XMPP.
func twoSites() *topology.Topology {
	return &topology.Topology{
		Sites: []topology.Site{{Name: "Atlanta"}, {Name: "Dallas"}},
		Pools: []topology.Pool{
			{FQDN: "atl.litwareinc.com", Site: "Atlanta", Role: topology.FrontEndEnterprise, BackupPool: "dal.litwareinc.com",
				WebServices:    &topology.WebServices{Internal: "atlweb.litwareinc.com", External: "atlext.litwareinc.com", LoadBalancer: "atl-hlb"},
				ResponseGroups: 4, CallPark: true, LocationDatabase: true},
			{FQDN: "dal.litwareinc.com", Site: "Dallas", Role: topology.FrontEndEnterprise, BackupPool: "atl.litwareinc.com",
				WebServices: &topology.WebServices{Internal: "dalweb.litwareinc.com", LoadBalancer: "dal-hlb"}},
			{FQDN: "atledge.litwareinc.com", Site: "Atlanta", Role: topology.Edge, NextHop: "atl.litwareinc.com"},
			{FQDN: "daledge.litwareinc.com", Site: "Dallas", Role: topology.Edge, NextHop: "dal.litwareinc.com"},
		},
		LoadBalancers: []topology.LoadBalancer{{Name: "atl-hlb", Site: "Atlanta"}, {Name: "dal-hlb", Site: "Dallas"}},
		DNSProviders:  []topology.DNSProvider{{Name: "gslb"}},
		SimpleURLs: []topology.SimpleURL{
			{Kind: topology.SimpleURLMeet, URL: "https://meet.litwareinc.com", Publishing: topology.PublishingGeoDNS, DNSProvider: "gslb",
				Pools: []string{"atl.litwareinc.com", "dal.litwareinc.com"}},
			{Kind: topology.SimpleURLDialin, URL: "https://dialin.litwareinc.com", Pools: []string{"atl.litwareinc.com", "dal.litwareinc.com"}},
		},
		PSTNGateways: []topology.PSTNGateway{
			{FQDN: "gw1.litwareinc.com", Site: "Atlanta", Mediation: []string{"atl.litwareinc.com"}, FailoverGateway: "gw2.litwareinc.com"},
			{FQDN: "gw2.litwareinc.com", Site: "Dallas", Mediation: []string{"dal.litwareinc.com"}},
		},
		PersistentChat: []topology.PersistentChatPool{{FQDN: "chat.litwareinc.com", Site: "Atlanta", BackupSite: "Dallas", NextHop: "atl.litwareinc.com"}},
		XMPPGateways:   []topology.XMPPGateway{{Domain: "litwareinc.com", EdgePool: "atledge.litwareinc.com"}},
	}
}

const (
	atl, dal, atlEdge, dalEdge = 0, 1, 2, 3
	siteATL, siteDAL           = 0, 1
)

// atlantaLost is Atlanta's site down with atl's users as given.
func atlantaLost(m Mode) *State {
	return &State{SiteUp: []bool{false, true}, Mode: []Mode{m, Home}, ServedBy: []int{dal, dal}}
}

func TestPool(t *testing.T) {
	all := Of(topology.Features...) &^ Of(topology.FeaturePersistentChat)
	tests := []struct {
		name string
		st   *State
		pool int
		want Set
	}{
		{"everything up", &State{}, atl, all},
		{"the Dallas pool has no Response Groups, Call Park or locations", &State{}, dal,
			all &^ Of(topology.FeatureResponseGroups, topology.FeatureEmergencyLocation)},
		{"Atlanta lost, users in resiliency: peer calls and remote access; PSTN waits for the Call Park orbits",
			atlantaLost(Resiliency), atl, Of(topology.FeaturePeerCalls, topology.FeatureExternalAccess)},
		{"Atlanta failed over: meetings by GeoDNS, but no Response Groups, park or locations until they are moved",
			atlantaLost(Backup), atl, Of(topology.FeatureIMPresence, topology.FeaturePeerCalls, topology.FeatureMeetings, topology.FeatureExternalAccess)},
		{"Atlanta failed over and everything moved",
			&State{SiteUp: []bool{false, true}, Mode: []Mode{Backup, Home}, ServedBy: []int{dal, dal},
				RGSOn: []int{dal, dal}, LISOn: []int{dal, dal}, ParkOn: []int{dal, dal}, XMPPEdge: []int{dalEdge}},
			atl, all},
		{"the Atlanta load balancer lost: no meetings and no external web services for Atlanta's users",
			&State{LBUp: []bool{false, true}}, atl, all &^ Of(topology.FeatureMeetings, topology.FeatureExternalAccess)},
		{"the GeoDNS provider lost: nobody joins meetings", &State{DNSUp: []bool{false}}, dal,
			all &^ Of(topology.FeatureMeetings, topology.FeatureResponseGroups, topology.FeatureEmergencyLocation)},
		{"signed out has nothing", &State{Mode: []Mode{Out, Home}}, atl, 0},
		{"an Edge pool has no users", &State{}, atlEdge, 0},
	}
	r := New(twoSites())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want.String(), r.Pool(tt.st, tt.pool).String())
			all := r.Pools(tt.st, make([]Set, 4))
			assert.Equal(t, tt.want.String(), all[tt.pool].String(), "Pools judges each pool as Pool does")
		})
	}
}

// TestServedByNowhere checks that a pool served by a pool that is not in the topology has
// peer calls at most, and that judging it does not panic.
func TestServedByNowhere(t *testing.T) {
	r := New(twoSites())
	for _, s := range []int{None, 9} {
		st := &State{Mode: []Mode{Resiliency, Home}, ServedBy: []int{s, dal}}
		assert.Equal(t, Of(topology.FeaturePeerCalls, topology.FeatureExternalAccess).String(), r.Pool(st, atl).String())
	}
}

func TestURLResolves(t *testing.T) {
	const meet, dialin = 0, 1
	r := New(twoSites())
	lost := atlantaLost(Backup)
	assert.True(t, r.URLResolves(lost, meet), "GeoDNS answers with Dallas")
	assert.False(t, r.URLResolves(lost, dialin), "the manual record still points at Atlanta")
	lost.URLTarget = []int{None, dal}
	assert.True(t, r.URLResolves(lost, dialin), "the record points at Dallas")
	assert.False(t, r.URLResolves(lost, 7), "no such URL")
}

func TestPSTNFailoverRoute(t *testing.T) {
	r := New(twoSites())
	st := &State{GatewayUp: []bool{false, true}}
	assert.True(t, r.Pool(st, atl).Has(topology.FeaturePSTNCalls), "gw1 down, its failover gateway gw2 carries Atlanta's calls")
	st.GatewayUp = []bool{false, false}
	assert.False(t, r.Pool(st, atl).Has(topology.FeaturePSTNCalls))
}

func TestChat(t *testing.T) {
	r := New(twoSites())
	assert.True(t, r.Chat(&State{}, 0))
	lost := atlantaLost(Backup)
	assert.False(t, r.Chat(lost, 0), "the active database's site is lost")
	lost.ChatSite, lost.ChatHop = []int{siteDAL}, []int{dal}
	assert.True(t, r.Chat(lost, 0), "failed over to Dallas with its next hop moved")
	assert.False(t, r.Chat(lost, 3))
}

func TestSet(t *testing.T) {
	s := Of(topology.FeatureMeetings, topology.FeatureIMPresence)
	assert.Equal(t, "im-presence,meetings", s.String())
	assert.Equal(t, []topology.Feature{topology.FeatureIMPresence, topology.FeatureMeetings}, s.List())
	assert.False(t, s.Has(topology.FeaturePSTNCalls))
}

// BenchmarkPool is the cost the analysis pays per pool and failure set.
func BenchmarkPool(b *testing.B) {
	r := New(twoSites())
	st := atlantaLost(Backup)
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Pool(st, atl)
	}
}

func TestDNSUp(t *testing.T) {
	r := New(twoSites())
	assert.True(t, r.DNSUp(&State{}, 0))
	assert.False(t, r.DNSUp(&State{DNSUp: []bool{false}}, 0), "the provider itself is down")
	assert.False(t, r.DNSUp(&State{}, 1), "no such provider")
	assert.False(t, r.DNSUp(&State{}, -1))
}

func TestWebUp(t *testing.T) {
	r := New(twoSites())
	for _, tt := range []struct {
		name string
		st   *State
		pool int
		want bool
	}{
		{"everything up", &State{}, atl, true},
		{"its load balancer down", &State{LBUp: []bool{false, true}}, atl, false},
		{"the other pool's load balancer down", &State{LBUp: []bool{false, true}}, dal, true},
		{"the pool down", &State{PoolUp: []bool{false, true, true, true}}, atl, false},
		{"its site down", &State{SiteUp: []bool{false, true}}, atl, false},
		{"an Edge pool has no web services of its own", &State{}, atlEdge, true},
		{"no such pool", &State{}, 9, false},
		{"none", &State{}, None, false},
	} {
		assert.Equal(t, tt.want, r.WebUp(tt.st, tt.pool), tt.name)
	}
}
