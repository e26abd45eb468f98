package topology_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"failwright/engine/topofile"
	. "failwright/engine/topology"
)

// genTopology draws a random topology: pools with random roles, versions, sizes, pairings and
// references, valid or not.
func genTopology(t *rapid.T) *Topology {
	nSites := rapid.IntRange(0, 4).Draw(t, "sites")
	nPools := rapid.IntRange(0, 8).Draw(t, "pools")
	top := &Topology{Name: rapid.SampledFrom([]string{"", "T", "Litware, Inc."}).Draw(t, "name")}
	for i := range nSites {
		top.Sites = append(top.Sites, Site{Name: fmt.Sprintf("S%d", i), Region: rapid.SampledFrom([]string{"", "NA", "EU"}).Draw(t, "region")})
	}
	fqdn := func(i int) string { return fmt.Sprintf("p%d.example.com", i) }
	for i := range nPools {
		p := Pool{
			FQDN:    rapid.SampledFrom([]string{fqdn(i), fqdn(i), "bad fqdn", ""}).Draw(t, "fqdn"),
			Site:    fmt.Sprintf("S%d", rapid.IntRange(0, nSites).Draw(t, "site")),
			Role:    rapid.SampledFrom(append(Roles, "Bogus")).Draw(t, "role"),
			Version: rapid.SampledFrom(append(Versions, "")).Draw(t, "version"),
			Users:   rapid.IntRange(-1, 120000).Draw(t, "users"),
		}
		for j := range rapid.IntRange(0, 17).Draw(t, "servers") {
			p.Servers = append(p.Servers, Server{FQDN: fmt.Sprintf("s%d-%d.example.com", i, j)})
		}
		if rapid.Bool().Draw(t, "paired") && nPools > 0 {
			p.BackupPool = fqdn(rapid.IntRange(0, nPools-1).Draw(t, "backup"))
		}
		if rapid.Bool().Draw(t, "backEnd") {
			p.BackEnd = &BackEnd{FQDN: fmt.Sprintf("sql%d.example.com", i), HA: rapid.SampledFrom([]BackEndHA{"", HANone, HAMirroring, HAAlwaysOn}).Draw(t, "ha")}
		}
		if p.Role == Edge && nPools > 0 {
			p.NextHop = fqdn(rapid.IntRange(0, nPools-1).Draw(t, "nextHop"))
		}
		p.Registrar.FailureDetectionSeconds = rapid.SampledFrom([]int{0, 10, 60, 120, 300, 90000}).Draw(t, "fd")
		top.Pools = append(top.Pools, p)
	}
	if nPools > 0 {
		top.CMS.Pool = fqdn(rapid.IntRange(0, nPools-1).Draw(t, "cms"))
		for i := range rapid.IntRange(0, 3).Draw(t, "branches") {
			top.Branches = append(top.Branches, Branch{FQDN: fmt.Sprintf("b%d.example.com", i), Site: "S0",
				Users: rapid.IntRange(0, 5000).Draw(t, "branchUsers"), BackupRegistrar: fqdn(rapid.IntRange(0, nPools-1).Draw(t, "registrar"))})
		}
		genRecovery(t, top, nPools, fqdn)
	}
	return top
}

// genRecovery draws the recovery parts of a topology (simple URLs, DNS providers, load
// balancers, pools' web services and settings, Persistent Chat, XMPP and PSTN gateways),
// valid or not.
func genRecovery(t *rapid.T, top *Topology, nPools int, fqdn func(int) string) {
	pool := func(label string) string { return fqdn(rapid.IntRange(0, nPools-1).Draw(t, label)) }
	site := func(label string) string {
		return rapid.SampledFrom([]string{"S0", "S1", "", "Nowhere"}).Draw(t, label)
	}
	for i := range rapid.IntRange(0, 2).Draw(t, "loadBalancers") {
		top.LoadBalancers = append(top.LoadBalancers, LoadBalancer{Name: fmt.Sprintf("lb%d", i), Site: site("lbSite")})
	}
	for i := range rapid.IntRange(0, 2).Draw(t, "dnsProviders") {
		d := DNSProvider{Name: rapid.SampledFrom([]string{fmt.Sprintf("dns%d", i), "", "dns0"}).Draw(t, "dnsName")}
		for range rapid.IntRange(0, 2).Draw(t, "dnsSites") {
			d.Sites = append(d.Sites, site("dnsSite"))
		}
		top.DNSProviders = append(top.DNSProviders, d)
	}
	for i := range top.Pools {
		p := &top.Pools[i]
		if rapid.Bool().Draw(t, "web") {
			p.WebServices = &WebServices{Internal: rapid.SampledFrom([]string{"", "web.example.com", "web"}).Draw(t, "internal"),
				LoadBalancer: rapid.SampledFrom([]string{"", "lb0", "lb1", "lbX"}).Draw(t, "lb")}
		}
		p.LocationDatabase = rapid.Bool().Draw(t, "lis")
		p.ResponseGroups = rapid.IntRange(-1, 3).Draw(t, "rgs")
		p.CallPark = rapid.Bool().Draw(t, "callPark")
	}
	for range rapid.IntRange(0, 3).Draw(t, "simpleUrls") {
		u := SimpleURL{Kind: rapid.SampledFrom(append(SimpleURLKinds, "", "Bogus")).Draw(t, "kind"),
			URL:         rapid.SampledFrom([]string{"https://meet.example.com", "http://x", "", "https://example.com/Dialin"}).Draw(t, "url"),
			Publishing:  rapid.SampledFrom(append(Publishings, "", "Bogus")).Draw(t, "publishing"),
			DNSProvider: rapid.SampledFrom([]string{"", "dns0", "dnsX"}).Draw(t, "provider"),
			TTLSeconds:  rapid.SampledFrom([]int{0, -1, 60, 3600}).Draw(t, "ttl")}
		for range rapid.IntRange(0, 3).Draw(t, "urlPools") {
			u.Pools = append(u.Pools, pool("urlPool"))
		}
		top.SimpleURLs = append(top.SimpleURLs, u)
	}
	if rapid.Bool().Draw(t, "pchat") {
		top.PersistentChat = append(top.PersistentChat, PersistentChatPool{FQDN: "pc.example.com", Site: site("pcSite"), BackupSite: site("pcBackup"),
			Version: rapid.SampledFrom(append(Versions, "")).Draw(t, "pcVersion"), NextHop: pool("pcNextHop"),
			Servers: []Server{{FQDN: rapid.SampledFrom([]string{"pc1.example.com", "s0-0.example.com"}).Draw(t, "pcServer")}}})
	}
	if rapid.Bool().Draw(t, "xmpp") {
		top.XMPPGateways = append(top.XMPPGateways, XMPPGateway{Domain: "example.com", EdgePool: pool("xmppEdge"),
			Publishing: rapid.SampledFrom(append(Publishings, "")).Draw(t, "xmppPublishing")})
	}
	for i := range rapid.IntRange(0, 2).Draw(t, "gateways") {
		top.PSTNGateways = append(top.PSTNGateways, PSTNGateway{FQDN: fmt.Sprintf("gw%d.example.com", i), Site: site("gwSite"),
			Mediation: []string{pool("mediation")}, FailoverGateway: rapid.SampledFrom([]string{"", "gw0.example.com", "gw1.example.com", "gwX.example.com"}).Draw(t, "failover")})
	}
}

// TestValidateProperties: for any topology, validation never panics, uses documented codes,
// gives every finding a message and a fix, is deterministic, and strict mode only raises
// severities; encoding round-trips; the fingerprint ignores pool order.
func TestValidateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		top := genTopology(t)
		fs := Validate(top)
		require.Equal(t, fs, Validate(top), "deterministic")
		strict := ValidateStrict(top)
		require.Len(t, strict, len(fs))
		require.GreaterOrEqual(t, strict.Count(Error), fs.Count(Error))
		for _, f := range fs {
			_, ok := RuleFor(f.Code)
			require.True(t, ok, f.Code)
			require.NotEmpty(t, f.Message)
			require.NotEmpty(t, f.Fix)
			require.NotEmpty(t, f.Path)
		}
		out, err := Encode(top)
		require.NoError(t, err)
		back, dfs := topofile.Decode("gen.yaml", out)
		require.Empty(t, dfs, "%s", out)
		require.Equal(t, top, back)

		perm := *top
		perm.Pools = append([]Pool(nil), top.Pools...)
		for i, j := 0, len(perm.Pools)-1; i < j; i, j = i+1, j-1 {
			perm.Pools[i], perm.Pools[j] = perm.Pools[j], perm.Pools[i]
		}
		require.Equal(t, Fingerprint(top), Fingerprint(&perm))
	})
}
