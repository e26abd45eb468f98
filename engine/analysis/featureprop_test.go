package analysis

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"failwright/engine/topology"
)

// genParts adds to t the parts a pool failover does not bring back, drawn at random: load
// balancers per site (or one shared), web services on Front End pools, a DNS provider hosted
// in some sites or outside, Meet and Dialin simple URLs by GeoDNS or by hand, PSTN gateways with
// or without failover routes, Response Groups, Call Park, announcements and location data,
// Persistent Chat with or without a backup site, and XMPP on an Edge pool.
func genParts(rt *rapid.T, t *topology.Topology) {
	for _, s := range t.Sites {
		if rapid.Bool().Draw(rt, "lb") {
			t.LoadBalancers = append(t.LoadBalancers, topology.LoadBalancer{Name: "hlb-" + s.Name, Site: s.Name})
		}
	}
	var fe []string
	for i := range t.Pools {
		p := &t.Pools[i]
		if !p.Role.IsFrontEnd() {
			continue
		}
		fe = append(fe, p.FQDN)
		if len(t.LoadBalancers) > 0 && rapid.Bool().Draw(rt, "web") {
			lb := t.LoadBalancers[rapid.IntRange(0, len(t.LoadBalancers)-1).Draw(rt, "poolLB")]
			p.WebServices = &topology.WebServices{Internal: "web-" + p.FQDN, LoadBalancer: lb.Name}
			if rapid.Bool().Draw(rt, "external") {
				p.WebServices.External = "ext-" + p.FQDN
			}
		}
		p.ResponseGroups = rapid.SampledFrom([]int{0, 0, 4}).Draw(rt, "rgs")
		p.LocationDatabase = rapid.IntRange(0, 2).Draw(rt, "lis") == 0
		p.CallPark = rapid.IntRange(0, 2).Draw(rt, "park") == 0
		p.Announcements = rapid.IntRange(0, 3).Draw(rt, "announce") == 0
	}
	if rapid.Bool().Draw(rt, "dns") {
		d := topology.DNSProvider{Name: "GeoDNS"}
		for _, s := range t.Sites {
			if rapid.Bool().Draw(rt, "dnsSite") {
				d.Sites = append(d.Sites, s.Name)
			}
		}
		t.DNSProviders = append(t.DNSProviders, d)
	}
	for k, kind := range []topology.SimpleURLKind{topology.SimpleURLMeet, topology.SimpleURLDialin} {
		if !rapid.Bool().Draw(rt, "url") {
			continue
		}
		u := topology.SimpleURL{Kind: kind, URL: fmt.Sprintf("https://url%d.contoso.com", k),
			TTLSeconds: rapid.SampledFrom([]int{0, 300}).Draw(rt, "ttl")}
		for _, p := range fe {
			if rapid.Bool().Draw(rt, "urlPool") {
				u.Pools = append(u.Pools, p)
			}
		}
		if len(t.DNSProviders) > 0 && rapid.Bool().Draw(rt, "geo") {
			u.Publishing, u.DNSProvider = topology.PublishingGeoDNS, t.DNSProviders[0].Name
		}
		t.SimpleURLs = append(t.SimpleURLs, u)
	}
	nGW := rapid.IntRange(0, 2).Draw(rt, "gateways")
	for g := 0; g < nGW; g++ {
		gw := topology.PSTNGateway{FQDN: fmt.Sprintf("gw%d.contoso.com", g+1), Site: t.Sites[rapid.IntRange(0, len(t.Sites)-1).Draw(rt, "gwSite")].Name}
		for _, p := range fe {
			if rapid.Bool().Draw(rt, "mediation") {
				gw.Mediation = append(gw.Mediation, p)
			}
		}
		if g > 0 && rapid.Bool().Draw(rt, "failoverRoute") {
			gw.FailoverGateway = "gw1.contoso.com"
		}
		t.PSTNGateways = append(t.PSTNGateways, gw)
	}
	if rapid.Bool().Draw(rt, "chat") {
		c := topology.PersistentChatPool{FQDN: "chat.contoso.com", Site: t.Sites[0].Name, Version: topology.SfB2015,
			NextHop: fe[rapid.IntRange(0, len(fe)-1).Draw(rt, "chatHop")], Users: rapid.IntRange(0, 3000).Draw(rt, "chatUsers")}
		if len(t.Sites) > 1 && rapid.Bool().Draw(rt, "chatBackup") {
			c.BackupSite = t.Sites[len(t.Sites)-1].Name
		}
		t.PersistentChat = append(t.PersistentChat, c)
	}
	for i := range t.Pools {
		if t.Pools[i].Role == topology.Edge && rapid.Bool().Draw(rt, "xmpp") {
			t.XMPPGateways = append(t.XMPPGateways, topology.XMPPGateway{Domain: "contoso.com", EdgePool: t.Pools[i].FQDN})
			break
		}
	}
}

// TestFastMatchesReferenceWithParts holds the fast analyzer to the reference on random small
// topologies with the parts a pool failover does not bring back: the pools' figures (the new
// elements compose with everything) and the per-feature figures, run on several goroutines
// or step by step.
func TestFastMatchesReferenceWithParts(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		topo := genSized(rt, 4, 5)
		genParts(rt, topo)
		ref, err := Reference(topo, Options{Depth: 2})
		require.NoError(rt, err)
		want := string(ref.JSON())
		fast, err := Analyze(topo, Options{Depth: 2, Workers: 3})
		require.NoError(rt, err)
		require.Equal(rt, want, string(fast.JSON()), "parallel fast analyzer differs from the reference")
		a, err := New(topo, Options{Depth: 2, Workers: 1})
		require.NoError(rt, err)
		for steps := 0; !a.Next(7); steps++ {
			require.Less(rt, steps, 1_000_000)
		}
		stepped, err := a.Report()
		require.NoError(rt, err)
		require.Equal(rt, want, string(stepped.JSON()), "step-by-step fast analyzer differs from the reference")
		done, total := a.Progress()
		require.Equal(rt, total, done, "progress ends at its total")
		if len(ref.Features) > 0 {
			require.Equal(rt, len(topo.ModelledFeatures()), len(ref.Features))
		}
		// Without the feature pass, the pools' figures are those of the topology without the
		// parts, whose elements change no pool's service.
		bare := *topo
		bare.LoadBalancers, bare.DNSProviders, bare.PersistentChat, bare.PSTNGateways = nil, nil, nil, nil
		b, err := Reference(&bare, Options{Depth: 1})
		require.NoError(rt, err)
		f1, err := Analyze(topo, Options{Depth: 1})
		require.NoError(rt, err)
		for k, w := range b.Levels[0].Worst {
			require.Equal(rt, w.Value, f1.Levels[0].Worst[k].Value, "figure %s moved with the parts", w.Figure)
		}
	})
}
