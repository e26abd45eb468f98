package topology

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenameFollowsRecoveryParts(t *testing.T) {
	top := cleanRecovery()
	top.DNSProviders[0].Sites = []string{"atlanta", "Dallas"}
	// Atlanta: three pools and a branch, the load balancer, the provider's first site, the
	// Persistent Chat site and the first gateway's site.
	assert.Equal(t, 4+4, top.RenameSite(0, "Atlanta-1"))
	assert.Equal(t, "Atlanta-1", top.LoadBalancers[0].Site)
	assert.Equal(t, []string{"Atlanta-1", "Dallas"}, top.DNSProviders[0].Sites)
	assert.Equal(t, "Atlanta-1", top.PersistentChat[0].Site)
	assert.Equal(t, "Dallas", top.PersistentChat[0].BackupSite)
	assert.Equal(t, "Atlanta-1", top.PSTNGateways[0].Site)
	assert.Equal(t, 5, top.RenameSite(1, "Dallas-1"), "Dallas: pool b, load balancer, provider, backup site, gateway")
	assert.Equal(t, "Dallas-1", top.PersistentChat[0].BackupSite)

	top = cleanRecovery()
	// a.example.com: pool b's backup pool, the CMS, the branch, two simple URLs, the
	// Persistent Chat next hop and a gateway's Mediation pool.
	assert.Equal(t, 3+2+1+1, top.RenamePool(0, "a2.example.com"))
	assert.Equal(t, []string{"a2.example.com", "b.example.com"}, top.SimpleURLs[0].Pools)
	assert.Equal(t, []string{"b.example.com", "a2.example.com"}, top.SimpleURLs[1].Pools)
	assert.Equal(t, "a2.example.com", top.PersistentChat[0].NextHop)
	assert.Equal(t, []string{"a2.example.com"}, top.PSTNGateways[0].Mediation)
	assert.Equal(t, 1, top.RenamePool(3, "edge2.example.com"), "the Edge pool: named by the XMPP gateway only")
	assert.Equal(t, "edge2.example.com", top.XMPPGateways[0].EdgePool)
	assert.Empty(t, Validate(top))
}

func TestRenameLoadBalancerAndDNSProvider(t *testing.T) {
	top := cleanRecovery()
	assert.Equal(t, 1, top.RenameLoadBalancer(0, "atl-f5"))
	assert.Equal(t, "atl-f5", poolA(top).WebServices.LoadBalancer)
	assert.Equal(t, 0, top.RenameLoadBalancer(5, "x"), "out of range")
	assert.Equal(t, 3, top.RenameDNSProvider(0, "Akamai"), "two simple URLs (one spelt in lower case) and the XMPP gateway")
	assert.Equal(t, "Akamai", top.SimpleURLs[1].DNSProvider)
	assert.Equal(t, "Akamai", top.XMPPGateways[0].DNSProvider)
	assert.Empty(t, Validate(top))

	// A duplicate name keeps the references: they may be the other entry's.
	top.LoadBalancers = append(top.LoadBalancers, LoadBalancer{Name: "atl-f5", Site: "Atlanta"})
	assert.Equal(t, 0, top.RenameLoadBalancer(0, "atl-x"))
	assert.Equal(t, "atl-f5", poolA(top).WebServices.LoadBalancer)
	assert.Equal(t, 0, top.RenameDNSProvider(-1, "x"))
}

func TestFeatures(t *testing.T) {
	require.Len(t, Features, 9)
	seen := map[string]bool{}
	for _, f := range Features {
		assert.True(t, f.Valid())
		assert.Regexp(t, `^[a-z]+(-[a-z]+)*$`, string(f))
		assert.NotEqual(t, string(f), f.Name(), "a display name")
		assert.False(t, seen[f.Name()])
		seen[f.Name()] = true
		g, ok := ParseFeature(string(f))
		assert.True(t, ok)
		assert.Equal(t, f, g)
	}
	_, ok := ParseFeature("meeting")
	assert.False(t, ok)
	assert.Equal(t, "bogus", Feature("bogus").Name())

	assert.Equal(t, []Feature{FeatureIMPresence, FeaturePeerCalls, FeatureMeetings, FeatureExternalAccess}, clean().ModelledFeatures())
	assert.Equal(t, Features, cleanRecovery().ModelledFeatures())
	assert.Empty(t, (&Topology{}).ModelledFeatures())
}

func TestRecoveryLookups(t *testing.T) {
	top := cleanRecovery()
	assert.Equal(t, "Dallas", top.WebLoadBalancer(poolB(top)).Site)
	assert.Nil(t, top.WebLoadBalancer(&top.Pools[2]))
	assert.Nil(t, top.WebLoadBalancer(nil))
	assert.NotNil(t, top.DNSProviderByName("OUTSIDE geodns"))
	assert.Nil(t, top.LoadBalancerByName("x"))
	assert.Equal(t, "Dallas", top.PSTNGatewayByFQDN("GW-B.example.com").Site)
	assert.Equal(t, "meet.example.com", top.SimpleURLs[0].Host())
	assert.Equal(t, "", (&SimpleURL{URL: "meet.example.com"}).Host())
	assert.Equal(t, PublishingManual, (&SimpleURL{}).EffectivePublishing())
	assert.Equal(t, DefaultDNSTTLSeconds, (&SimpleURL{}).EffectiveTTLSeconds())
	assert.Equal(t, 300, top.SimpleURLs[0].EffectiveTTLSeconds())
	assert.Equal(t, PublishingManual, (&XMPPGateway{}).EffectivePublishing())
	assert.Equal(t, DefaultDNSTTLSeconds, (&XMPPGateway{TTLSeconds: -5}).EffectiveTTLSeconds())
	assert.Equal(t, "loadBalancers[atl-hlb]", top.LoadBalancerPath(0))
	top.LoadBalancers[1].Name = "ATL-HLB"
	assert.Equal(t, "loadBalancers[1]", top.LoadBalancerPath(1), "a duplicate name is named by index")
}

// TestRecoveryFingerprint: a topology without the recovery parts keeps its fingerprint;
// defaults and case do not change it; a simple URL's pool order does.
func TestRecoveryFingerprint(t *testing.T) {
	base := clean()
	empty := clean()
	poolA(empty).WebServices = &WebServices{}
	assert.Equal(t, Fingerprint(base), Fingerprint(empty))

	a, b := cleanRecovery(), cleanRecovery()
	assert.NotEqual(t, Fingerprint(base), Fingerprint(a))
	b.SimpleURLs[1].Publishing, b.SimpleURLs[1].TTLSeconds = PublishingGeoDNS, DefaultDNSTTLSeconds
	b.SimpleURLs[0].URL = "HTTPS://MEET.example.com"
	b.SimpleURLs[0], b.SimpleURLs[1] = b.SimpleURLs[1], b.SimpleURLs[0]
	b.PSTNGateways[0], b.PSTNGateways[1] = b.PSTNGateways[1], b.PSTNGateways[0]
	assert.Equal(t, Fingerprint(a), Fingerprint(b))
	b.SimpleURLs[1].Pools[0], b.SimpleURLs[1].Pools[1] = b.SimpleURLs[1].Pools[1], b.SimpleURLs[1].Pools[0]
	assert.NotEqual(t, Fingerprint(a), Fingerprint(b), "the first pool is where the name points")
	c := cleanRecovery()
	c.SimpleURLs[0].URL = "https://meet.example.com/Meet"
	d := cleanRecovery()
	d.SimpleURLs[0].URL = "https://meet.example.com/meet"
	assert.NotEqual(t, Fingerprint(c), Fingerprint(d), "a path keeps its case")
}

// FuzzValidSimpleURL: a URL ValidSimpleURL accepts has a valid FQDN host and nothing a
// PowerShell command could read as code.
func FuzzValidSimpleURL(f *testing.F) {
	for _, s := range []string{"https://meet.litwareinc.com", "https://a.b/c/d", "https://x.y/'$(a)", "HTTPS://A.B//"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidSimpleURL(s) {
			return
		}
		u := SimpleURL{URL: s}
		require.True(t, ValidFQDN(u.Host()), s)
		require.NotContains(t, s, "'")
		require.NotContains(t, s, "$")
		require.NotContains(t, s, " ")
		require.Equal(t, canonicalURL(s), canonicalURL(canonicalURL(s)))
	})
}
