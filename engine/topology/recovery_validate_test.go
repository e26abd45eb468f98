package topology

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cleanRecovery is clean() with every recovery part, breaking no rule: simple URLs by GeoDNS
// on an outside provider over both pools, web services behind a load balancer per site,
// Persistent Chat stretched over both sites, an XMPP route, PSTN gateways that fail over to
// each other.
func cleanRecovery() *Topology {
	t := clean()
	a, b := poolA(t), poolB(t)
	a.WebServices = &WebServices{Internal: "a-web.example.com", External: "a-ext.example.com", LoadBalancer: "atl-hlb"}
	b.WebServices = &WebServices{Internal: "b-web.example.com", LoadBalancer: "dfw-hlb"}
	a.LocationDatabase, a.ResponseGroups, a.CallPark, a.Announcements = true, 3, true, true
	b.CallPark = true
	t.LoadBalancers = []LoadBalancer{{Name: "atl-hlb", Site: "Atlanta"}, {Name: "dfw-hlb", Site: "Dallas"}}
	t.DNSProviders = []DNSProvider{{Name: "Outside GeoDNS"}}
	t.SimpleURLs = []SimpleURL{
		{Kind: SimpleURLMeet, URL: "https://meet.example.com", Publishing: PublishingGeoDNS, DNSProvider: "Outside GeoDNS",
			Pools: []string{"a.example.com", "b.example.com"}, TTLSeconds: 300},
		{Kind: SimpleURLDialin, URL: "https://example.com/dialin", Publishing: PublishingGeoDNS, DNSProvider: "outside geodns",
			Pools: []string{"b.example.com", "a.example.com"}},
	}
	t.PersistentChat = []PersistentChatPool{{FQDN: "pchat.example.com", Site: "Atlanta", BackupSite: "Dallas", Version: SfB2015,
		Servers: servers("pchat", 2), NextHop: "a.example.com", Users: 100}}
	t.XMPPGateways = []XMPPGateway{{Domain: "example.com", EdgePool: "edge.example.com", Publishing: PublishingGeoDNS, DNSProvider: "Outside GeoDNS"}}
	t.PSTNGateways = []PSTNGateway{
		{FQDN: "gw-a.example.com", Site: "Atlanta", Mediation: []string{"a.example.com"}, FailoverGateway: "gw-b.example.com"},
		{FQDN: "gw-b.example.com", Site: "Dallas", Mediation: []string{"b.example.com"}, FailoverGateway: "gw-a.example.com"},
	}
	return t
}

func TestCleanRecoveryHasNoFindings(t *testing.T) {
	assert.Empty(t, Validate(cleanRecovery()))
	assert.Empty(t, ValidateStrict(cleanRecovery()))
}

const (
	su0 = "simpleUrls[0]"
	pc  = "persistentChat[pchat.example.com]"
	gwa = "pstnGateways[gw-a.example.com]"
	xg  = "xmppGateways[example.com]"
)

func TestValidateRecoveryRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *Topology)
		code   string
		path   string
	}{
		// Simple URLs.
		{"http URL", func(t *Topology) { t.SimpleURLs[0].URL = "http://meet.example.com" }, CodeBadURL, su0 + ".url"},
		{"URL with a quote", func(t *Topology) { t.SimpleURLs[0].URL = "https://meet.example.com/'x" }, CodeBadURL, su0 + ".url"},
		{"URL with a port", func(t *Topology) { t.SimpleURLs[0].URL = "https://meet.example.com:444" }, CodeBadURL, su0 + ".url"},
		{"no URL", func(t *Topology) { t.SimpleURLs[0].URL = "" }, CodeMissing, su0 + ".url"},
		{"same URL twice", func(t *Topology) { t.SimpleURLs[1].URL = "https://MEET.example.com" }, CodeDuplicate, "simpleUrls[1].url"},
		{"no kind", func(t *Topology) { t.SimpleURLs[0].Kind = "" }, CodeMissing, su0 + ".kind"},
		{"unknown kind", func(t *Topology) { t.SimpleURLs[0].Kind = "Meeting" }, CodeBadEnum, su0 + ".kind"},
		{"unknown publishing", func(t *Topology) { t.SimpleURLs[0].Publishing = "Anycast" }, CodeBadEnum, su0 + ".publishing"},
		{"GeoDNS without provider", func(t *Topology) { t.SimpleURLs[0].DNSProvider = "" }, CodeGeoDNSNoProvider, su0 + ".dnsProvider"},
		{"unknown provider", func(t *Topology) { t.SimpleURLs[0].DNSProvider = "Nope" }, CodeDangling, su0 + ".dnsProvider"},
		{"manual record", func(t *Topology) { t.SimpleURLs[0].Publishing = "" }, CodeManualDNS, su0 + ".publishing"},
		{"negative TTL", func(t *Topology) { t.SimpleURLs[0].TTLSeconds = -1 }, CodeNegative, su0 + ".ttlSeconds"},
		{"no pools", func(t *Topology) { t.SimpleURLs[0].Pools = nil }, CodeMissing, su0 + ".pools"},
		{"pool twice", func(t *Topology) { t.SimpleURLs[0].Pools[1] = "A.example.com" }, CodeDuplicate, su0 + ".pools[1]"},
		{"unknown pool", func(t *Topology) { t.SimpleURLs[0].Pools[1] = "c.example.com" }, CodeDangling, su0 + ".pools[1]"},
		{"Edge pool", func(t *Topology) { t.SimpleURLs[0].Pools[1] = "edge.example.com" }, CodeRecoveryRole, su0 + ".pools[1]"},
		{"one site", func(t *Topology) { t.SimpleURLs[0].Pools = []string{"a.example.com"} }, CodeURLOneSite, su0 + ".pools"},
		{"provider in one site", func(t *Topology) { t.DNSProviders[0].Sites = []string{"Atlanta", "atlanta"} }, CodeSinglePoint, su0 + ".dnsProvider"},
		{"one load balancer", func(t *Topology) { poolB(t).WebServices.LoadBalancer = "atl-hlb" }, CodeSinglePoint, su0 + ".pools"},

		// DNS providers and load balancers.
		{"provider without name", func(t *Topology) { t.DNSProviders = append(t.DNSProviders, DNSProvider{}) }, CodeMissing, "dnsProviders[1].name"},
		{"provider twice", func(t *Topology) { t.DNSProviders = append(t.DNSProviders, DNSProvider{Name: "outside GeoDNS"}) }, CodeDuplicate, "dnsProviders[1].name"},
		{"provider in unknown site", func(t *Topology) { t.DNSProviders[0].Sites = []string{"Paris"} }, CodeDangling, "dnsProviders[Outside GeoDNS].sites[0]"},
		{"bad load balancer name", func(t *Topology) { t.LoadBalancers[0].Name = "atl;hlb" }, CodeBadName, "loadBalancers[atl;hlb].name"},
		{"load balancer without site", func(t *Topology) { t.LoadBalancers[0].Site = "" }, CodeMissing, "loadBalancers[atl-hlb].site"},
		{"unknown load balancer", func(t *Topology) { poolA(t).WebServices.LoadBalancer = "x" }, CodeDangling, pa + ".webServices.loadBalancer"},
		{"load balancer in another site", func(t *Topology) { poolA(t).WebServices.LoadBalancer = "dfw-hlb" }, CodeLBSite, pa + ".webServices.loadBalancer"},
		{"web services without load balancer", func(t *Topology) { poolA(t).WebServices.LoadBalancer = "" }, CodeWebNoLB, pa + ".webServices"},
		{"bad web FQDN", func(t *Topology) { poolA(t).WebServices.External = "ext" }, CodeBadFQDN, pa + ".webServices.external"},

		// Pool settings.
		{"web services on Edge", func(t *Topology) { t.Pools[3].WebServices = &WebServices{} }, CodeFrontEndOnly, "pools[edge.example.com].webServices"},
		{"location database on Director", func(t *Topology) { t.Pools[2].LocationDatabase = true }, CodeFrontEndOnly, "pools[dir.example.com].locationDatabase"},
		{"Call Park on Edge", func(t *Topology) { t.Pools[3].CallPark = true }, CodeFrontEndOnly, "pools[edge.example.com].callPark"},
		{"negative Response Groups", func(t *Topology) { poolA(t).ResponseGroups = -2 }, CodeNegative, pa + ".responseGroups"},
		{"location database unpaired", func(t *Topology) {
			poolA(t).BackupPool, poolB(t).BackupPool = "", ""
		}, CodeLISUnpaired, pa + ".locationDatabase"},
		{"Call Park only in one pool", func(t *Topology) { poolB(t).CallPark = false }, CodeCallParkPartner, pa + ".callPark"},

		// Persistent Chat.
		{"Persistent Chat on 2019", func(t *Topology) { t.PersistentChat[0].Version = SfB2019 }, CodeRemovedIn2019, pc + ".version"},
		{"Persistent Chat on SE", func(t *Topology) { t.PersistentChat[0].Version = SfBSE }, CodeRemovedIn2019, pc + ".version"},
		{"Persistent Chat without version", func(t *Topology) { t.PersistentChat[0].Version = "" }, CodeMissing, pc + ".version"},
		{"Persistent Chat next hop a Director", func(t *Topology) { t.PersistentChat[0].NextHop = "dir.example.com" }, CodeRecoveryRole, pc + ".nextHop"},
		{"Persistent Chat without next hop", func(t *Topology) { t.PersistentChat[0].NextHop = "" }, CodeMissing, pc + ".nextHop"},
		{"Persistent Chat not stretched", func(t *Topology) { t.PersistentChat[0].BackupSite = "" }, CodePChatNoDR, pc + ".backupSite"},
		{"Persistent Chat backup in its own site", func(t *Topology) { t.PersistentChat[0].BackupSite = "atlanta" }, CodePChatNoDR, pc + ".backupSite"},
		{"Persistent Chat in unknown site", func(t *Topology) { t.PersistentChat[0].Site = "Paris" }, CodeDangling, pc + ".site"},
		{"Persistent Chat named as a pool", func(t *Topology) { t.PersistentChat[0].FQDN = "a.example.com" }, CodeDuplicate, "persistentChat[a.example.com].fqdn"},
		{"Persistent Chat server named as a server", func(t *Topology) { t.PersistentChat[0].Servers[0].FQDN = "a-fe-01.example.com" }, CodeDuplicate, pc + ".servers[0].fqdn"},
		{"Persistent Chat negative users", func(t *Topology) { t.PersistentChat[0].Users = -1 }, CodeNegative, pc + ".users"},

		// XMPP.
		{"XMPP on a 2019 Edge", func(t *Topology) { t.Pools[3].Version = SfB2019 }, CodeRemovedIn2019, xg + ".edgePool"},
		{"XMPP through a Front End pool", func(t *Topology) { t.XMPPGateways[0].EdgePool = "a.example.com" }, CodeRecoveryRole, xg + ".edgePool"},
		{"XMPP without Edge pool", func(t *Topology) { t.XMPPGateways[0].EdgePool = "" }, CodeMissing, xg + ".edgePool"},
		{"XMPP bad domain", func(t *Topology) { t.XMPPGateways[0].Domain = "example" }, CodeBadFQDN, "xmppGateways[example].domain"},
		{"XMPP domain twice", func(t *Topology) {
			t.XMPPGateways = append(t.XMPPGateways, t.XMPPGateways[0])
		}, CodeDuplicate, "xmppGateways[1].domain"},
		{"XMPP manual record", func(t *Topology) { t.XMPPGateways[0].Publishing = PublishingManual }, CodeManualDNS, xg + ".publishing"},

		// PSTN gateways.
		{"gateway without failover", func(t *Topology) { t.PSTNGateways[0].FailoverGateway = "" }, CodePSTNNoFailover, gwa + ".failoverGateway"},
		{"gateway failing over in its own site", func(t *Topology) { t.PSTNGateways[1].Site = "Atlanta" }, CodePSTNNoFailover, gwa + ".failoverGateway"},
		{"unknown failover gateway", func(t *Topology) { t.PSTNGateways[0].FailoverGateway = "gw-c.example.com" }, CodeDangling, gwa + ".failoverGateway"},
		{"Mediation on an Edge pool", func(t *Topology) { t.PSTNGateways[0].Mediation[0] = "edge.example.com" }, CodeRecoveryRole, gwa + ".mediation[0]"},
		{"gateway without site", func(t *Topology) { t.PSTNGateways[0].Site = "" }, CodeMissing, gwa + ".site"},
		{"gateway named as a branch", func(t *Topology) { t.PSTNGateways[0].FQDN = "sba.example.com" }, CodeDuplicate, "pstnGateways[sba.example.com].fqdn"},
	}
	emitted := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			top := cleanRecovery()
			tc.mutate(top)
			fs := Validate(top)
			rule, ok := RuleFor(tc.code)
			require.True(t, ok)
			var got *Finding
			for i := range fs {
				if fs[i].Code == tc.code && fs[i].Path == tc.path {
					got = &fs[i]
				}
			}
			require.NotNil(t, got, "want %s at %s; got:\n%v", tc.code, tc.path, fs)
			emitted[tc.code] = true
			assert.Equal(t, rule.Severity, got.Severity)
			assert.NotEmpty(t, got.Message)
			assert.NotEmpty(t, got.Fix)
		})
	}
	for _, r := range Rules {
		if strings.HasPrefix(r.Code, "FW12") {
			assert.True(t, emitted[r.Code], "no test case emits %s (%s)", r.Code, r.Title)
		}
	}
}

// TestManualRecordMessage checks the words of FW1203: the TTL clients keep the old answer for.
func TestManualRecordMessage(t *testing.T) {
	for _, tc := range []struct {
		ttl  int
		want string
	}{{0, "for 1 hour"}, {300, "for 5 minutes"}, {90, "for 90 s"}, {7200, "for 2 hours"}} {
		top := cleanRecovery()
		top.SimpleURLs[0].Publishing, top.SimpleURLs[0].TTLSeconds = PublishingManual, tc.ttl
		var msg string
		for _, f := range Validate(top) {
			if f.Code == CodeManualDNS {
				msg = f.Message
			}
		}
		assert.Contains(t, msg, "https://meet.example.com is a DNS record changed by hand")
		assert.True(t, strings.HasSuffix(msg, tc.want), "%q ends with %q", msg, tc.want)
	}
}

func TestValidSimpleURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://meet.litwareinc.com":                   true,
		"HTTPS://meet.litwareinc.com/":                  true,
		"https://lync.contoso.com/contoso/Meet":         true,
		"https://meet.litwareinc.com//x":                false,
		"https://meet":                                  false,
		"https://meet.litwareinc.com?x=1":               false,
		"https://user@meet.litwareinc.com":              false,
		"https://meet.litwareinc.com/$(whoami)":         false,
		"ftp://meet.litwareinc.com":                     false,
		"meet.litwareinc.com":                           false,
		"https://meet.litwareinc.com/" + "a b":          false,
		"https://" + strings.Repeat("a.", 1030) + "com": false,
	} {
		assert.Equal(t, want, ValidSimpleURL(s), s)
	}
}
