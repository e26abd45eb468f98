package topology

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// servers returns n server FQDNs named prefix-NN.example.com.
func servers(prefix string, n int) []Server {
	out := make([]Server, n)
	for i := range out {
		out[i] = Server{FQDN: fmt.Sprintf("%s-%02d.example.com", prefix, i+1)}
	}
	return out
}

// clean is a topology that breaks no rule: two paired, right-sized SfB 2015 Enterprise pools
// in two sites of one region, a Director as the Edge next hop, the CMS on a paired pool.
func clean() *Topology {
	be := func(p string) *BackEnd {
		return &BackEnd{FQDN: p + "-sql1.example.com", Instance: "rtc", HA: HAMirroring,
			Mirror: &SQLStore{FQDN: p + "-sql2.example.com", Instance: "rtc"}, Witness: p + "-sqlw.example.com"}
	}
	return &Topology{
		Name:      "Example",
		SIPDomain: "example.com",
		Sites: []Site{
			{Name: "Atlanta", Region: "NA"},
			{Name: "Dallas", Region: "NA"},
		},
		Pools: []Pool{
			{FQDN: "a.example.com", Site: "Atlanta", Role: FrontEndEnterprise, Version: SfB2015, OS: "WS2019",
				Servers: servers("a-fe", 5), Users: 10000, SampleUsers: []string{"sip:ann@example.com"},
				BackupPool: "b.example.com", BackEnd: be("a"), Registrar: Registrar{FailureDetectionSeconds: 120}},
			{FQDN: "b.example.com", Site: "Dallas", Role: FrontEndEnterprise, Version: SfB2015, OS: "WS2019",
				Servers: servers("b-fe", 5), Users: 10000, BackupPool: "a.example.com", BackEnd: be("b")},
			{FQDN: "dir.example.com", Site: "Atlanta", Role: Director, Version: SfB2015, Servers: servers("dir", 2)},
			{FQDN: "edge.example.com", Site: "Atlanta", Role: Edge, Version: SfB2015, Servers: servers("edge", 2),
				NextHop: "dir.example.com", FederationRoute: true},
		},
		Branches: []Branch{{FQDN: "sba.example.com", Site: "Atlanta", BackupRegistrar: "a.example.com"}},
		CMS:      CMS{Pool: "a.example.com"},
	}
}

func TestCleanTopologyHasNoFindings(t *testing.T) {
	assert.Empty(t, Validate(clean()))
	assert.Empty(t, ValidateStrict(clean()))
}

const (
	pa = "pools[a.example.com]"
	pb = "pools[b.example.com]"
)

func poolA(t *Topology) *Pool { return &t.Pools[0] }
func poolB(t *Topology) *Pool { return &t.Pools[1] }

// seVersion turns both Front End pools into a paired Standard Edition pair.
func sePair(t *Topology) {
	for _, p := range []*Pool{poolA(t), poolB(t)} {
		p.Role = FrontEndStandard
		p.Servers = []Server{{FQDN: p.FQDN}}
		p.BackEnd = nil
		p.Users = 2000
	}
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *Topology)
		code   string
		path   string
	}{
		// Names, text, references.
		{"no name", func(t *Topology) { t.Name = "" }, CodeNoName, "name"},
		{"newline in name", func(t *Topology) { t.Name = "x\nRemove-Item C:\\" }, CodeBadText, "name"},
		{"long description", func(t *Topology) { t.Description = string(make([]byte, 3000)) }, CodeBadText, "description"},
		{"right-to-left override in name", func(t *Topology) { t.Name = "Litware\u202egnp.exe" }, CodeBadText, "name"},
		{"zero-width space in name", func(t *Topology) { t.Name = "Lit\u200bware" }, CodeBadText, "name"},
		{"name of 201 characters", func(t *Topology) { t.Name = strings.Repeat("é", MaxNameLen+1) }, CodeBadText, "name"},
		{"hidden character in a site name", func(t *Topology) { t.Sites[0].Name = "Atl\u200banta" }, CodeBadName, "sites[0].name"},
		{"no sites", func(t *Topology) { t.Sites = nil }, CodeEmptyTopology, "sites"},
		{"no front end pool", func(t *Topology) { t.Pools = t.Pools[2:3]; t.CMS.Pool = "" }, CodeEmptyTopology, "pools"},
		{"bad sip domain", func(t *Topology) { t.SIPDomain = "example" }, CodeBadFQDN, "sipDomain"},
		{"site without name", func(t *Topology) { t.Sites[1].Name = "" }, CodeMissing, "sites[1].name"},
		{"bad site name", func(t *Topology) { t.Sites = append(t.Sites, Site{Name: "Paris;rm"}) }, CodeBadName, "sites[Paris;rm].name"},
		{"long site name", func(t *Topology) {
			t.Sites = append(t.Sites, Site{Name: string(slices.Repeat([]byte("x"), 65))})
		}, CodeBadName, "sites[" + string(slices.Repeat([]byte("x"), 65)) + "].name"},
		{"duplicate site", func(t *Topology) { t.Sites = append(t.Sites, Site{Name: "atlanta"}) }, CodeDuplicate, "sites[2].name"},
		{"bad region", func(t *Topology) { t.Sites[0].Region = "N$A" }, CodeBadName, "sites[Atlanta].region"},
		{"empty site", func(t *Topology) { t.Sites = append(t.Sites, Site{Name: "Empty"}) }, CodeEmptySite, "sites[Empty]"},
		{"pool without fqdn", func(t *Topology) { t.Pools[2].FQDN = "" }, CodeMissing, "pools[2].fqdn"},
		{"pool fqdn with quote", func(t *Topology) { t.Pools[2].FQDN = "dir'.example.com" }, CodeBadFQDN, "pools[dir'.example.com].fqdn"},
		{"pool fqdn single label", func(t *Topology) { t.Pools[2].FQDN = "dir" }, CodeBadFQDN, "pools[dir].fqdn"},
		{"pool without site", func(t *Topology) { poolA(t).Site = "" }, CodeMissing, pa + ".site"},
		{"pool in unknown site", func(t *Topology) { poolA(t).Site = "Boston" }, CodeDangling, pa + ".site"},
		{"pool without role", func(t *Topology) { t.Pools[2].Role = "" }, CodeMissing, "pools[dir.example.com].role"},
		{"unknown role", func(t *Topology) { t.Pools[2].Role = "Mediation" }, CodeBadEnum, "pools[dir.example.com].role"},
		{"pool without version", func(t *Topology) { t.Pools[2].Version = "" }, CodeMissing, "pools[dir.example.com].version"},
		{"unknown version", func(t *Topology) { t.Pools[2].Version = "Lync2010" }, CodeBadEnum, "pools[dir.example.com].version"},
		{"unknown platform", func(t *Topology) { poolA(t).Platform = "Cloud" }, CodeBadEnum, pa + ".platform"},
		{"bad os", func(t *Topology) { poolA(t).OS = "Windows`2019" }, CodeBadName, pa + ".os"},
		{"server fqdn with space", func(t *Topology) { poolA(t).Servers[2].FQDN = "a fe.example.com" }, CodeBadFQDN, pa + ".servers[2].fqdn"},
		{"server without fqdn", func(t *Topology) { poolA(t).Servers[2].FQDN = "" }, CodeMissing, pa + ".servers[2].fqdn"},
		{"server fqdn with dollar", func(t *Topology) { poolA(t).Servers[0].FQDN = "$env.example.com" }, CodeBadFQDN, pa + ".servers[0].fqdn"},
		{"label starts with hyphen", func(t *Topology) { poolA(t).Servers[0].FQDN = "-a.example.com" }, CodeBadFQDN, pa + ".servers[0].fqdn"},
		{"duplicate pool", func(t *Topology) { t.Pools[2].FQDN = "A.example.com" }, CodeDuplicate, "pools[2].fqdn"},
		{"duplicate server across pools", func(t *Topology) { poolB(t).Servers[0].FQDN = "a-fe-01.example.com" }, CodeDuplicate, pb + ".servers[0].fqdn"},
		{"server named like another pool", func(t *Topology) { poolB(t).Servers[0].FQDN = "a.example.com" }, CodeDuplicate, pb + ".servers[0].fqdn"},
		{"branch named like a server", func(t *Topology) { t.Branches[0].FQDN = "b-fe-01.example.com" }, CodeDuplicate, "branches[b-fe-01.example.com].fqdn"},
		{"negative users", func(t *Topology) { poolA(t).Users = -1 }, CodeNegative, pa + ".users"},
		{"negative routing groups", func(t *Topology) { poolA(t).RoutingGroups = -3 }, CodeNegative, pa + ".routingGroups"},
		{"bad sample user", func(t *Topology) { poolA(t).SampleUsers = []string{"ann@example.com"} }, CodeBadSIP, pa + ".sampleUsers[0]"},
		{"sample user with semicolon", func(t *Topology) { poolA(t).SampleUsers = []string{"sip:a;b@example.com"} }, CodeBadSIP, pa + ".sampleUsers[0]"},
		{"duplicate sample user", func(t *Topology) { poolB(t).SampleUsers = []string{"SIP:ann@example.com"} }, CodeDuplicate, pb + ".sampleUsers[0]"},
		{"users on director", func(t *Topology) { t.Pools[2].Users = 5 }, CodeUsersOnNonFE, "pools[dir.example.com].users"},
		{"sample users on edge", func(t *Topology) { t.Pools[3].SampleUsers = []string{"sip:x@example.com"} }, CodeUsersOnNonFE, "pools[edge.example.com].sampleUsers"},

		// Pairing.
		{"paired with itself", func(t *Topology) { poolA(t).BackupPool = "a.example.com"; poolB(t).BackupPool = "" }, CodePairSelf, pa + ".backupPool"},
		{"backup pool missing", func(t *Topology) { poolA(t).BackupPool = "c.example.com" }, CodeDangling, pa + ".backupPool"},
		{"backup pool bad fqdn", func(t *Topology) { poolA(t).BackupPool = "c;example.com" }, CodeBadFQDN, pa + ".backupPool"},
		{"one-way pairing", func(t *Topology) { poolB(t).BackupPool = "" }, CodePairOneWay, pa + ".backupPool"},
		{"not 1:1", func(t *Topology) {
			t.Pools = append(t.Pools, Pool{FQDN: "c.example.com", Site: "Dallas", Role: FrontEndEnterprise, Version: SfB2015,
				OS: "WS2019", Servers: servers("c-fe", 5), BackupPool: "a.example.com", BackEnd: poolB(t).BackEnd})
		}, CodePairOneWay, "pools[c.example.com].backupPool"},
		{"edge paired", func(t *Topology) { t.Pools[3].BackupPool = "a.example.com" }, CodePairNonFE, "pools[edge.example.com].backupPool"},
		{"paired with director", func(t *Topology) { poolA(t).BackupPool = "dir.example.com"; poolB(t).BackupPool = "" }, CodePairNonFE, pa + ".backupPool"},
		{"enterprise with standard", func(t *Topology) {
			b := poolB(t)
			b.Role, b.Servers, b.BackEnd, b.Users = FrontEndStandard, []Server{{FQDN: "b.example.com"}}, nil, 100
		}, CodePairEdition, pa + ".backupPool"},
		{"physical with virtual", func(t *Topology) { poolB(t).Platform = Virtual }, CodePairPlatform, pa + ".backupPool"},
		{"different os", func(t *Topology) { poolB(t).OS = "WS2016" }, CodePairOS, pa + ".backupPool"},
		{"mixed versions", func(t *Topology) { poolB(t).Version = Lync2013; t.Pools[2].Version = Lync2013 }, CodePairVersion, pa + ".backupPool"},
		{"same site", func(t *Topology) { poolB(t).Site = "Atlanta" }, CodePairSameSite, pa + ".backupPool"},
		{"different back-end HA", func(t *Topology) { poolB(t).BackEnd = &BackEnd{FQDN: "b-sql.example.com", HA: HAAlwaysOn} }, CodePairBackEndHA, pa + ".backupPool"},
		{"cross region", func(t *Topology) { t.Sites[1].Region = "EU" }, CodePairRegion, pa + ".backupPool"},
		{"unpaired", func(t *Topology) {
			poolA(t).BackupPool, poolB(t).BackupPool = "", ""
			t.CMS.Pool = ""
		}, CodeUnpaired, pa + ".backupPool"},

		// Server counts and quorum.
		{"two FEs on 2015", func(t *Topology) { poolA(t).Servers = servers("a-fe", 2); poolA(t).Users = 100 }, CodeFewFrontEnds, pa + ".servers"},
		{"two FEs on 2019", func(t *Topology) {
			for _, p := range []*Pool{poolA(t), poolB(t)} {
				p.Version, p.BackEnd.HA, p.BackEnd.Mirror, p.BackEnd.Witness = SfB2019, HAAlwaysOn, nil, ""
			}
			for i := 2; i < 4; i++ {
				t.Pools[i].Version = SfB2019
			}
			poolA(t).Servers = servers("a-fe", 2)
			poolA(t).Users = 100
		}, CodeTwoFE2019, pa + ".servers"},
		{"13 FEs on 2015", func(t *Topology) { poolA(t).Servers = servers("a-fe", 13) }, CodeTooManyFEs, pa + ".servers"},
		{"17 FEs on 2019", func(t *Topology) {
			poolA(t).Version, poolA(t).BackEnd.HA, poolA(t).BackEnd.Mirror, poolA(t).BackEnd.Witness = SfB2019, HANone, nil, ""
			poolA(t).Servers = servers("a-fe", 17)
		}, CodeTooManyFEs, pa + ".servers"},
		{"standard with two servers", func(t *Topology) {
			sePair(t)
			poolA(t).Servers = append(poolA(t).Servers, Server{FQDN: "a2.example.com"})
		}, CodeStandardServers, pa + ".servers"},
		{"even pool", func(t *Topology) { poolA(t).Servers = servers("a-fe", 6) }, CodeEvenPool, pa + ".servers"},
		{"14 FEs on 2019", func(t *Topology) {
			poolA(t).Version, poolA(t).BackEnd.HA, poolA(t).BackEnd.Mirror, poolA(t).BackEnd.Witness = SfB2019, HANone, nil, ""
			poolA(t).Servers = servers("a-fe", 13)
		}, CodeQuorumUnknown, pa + ".servers"},
		{"single edge server", func(t *Topology) { t.Pools[3].Servers = servers("edge", 1) }, CodeSingleServer, "pools[edge.example.com].servers"},
		{"11 directors", func(t *Topology) { t.Pools[2].Servers = servers("dir", 11) }, CodeTooManyDirector, "pools[dir.example.com].servers"},
		{"no servers", func(t *Topology) { t.Pools[2].Servers = nil }, CodeNoServers, "pools[dir.example.com].servers"},

		// Capacity.
		{"over capacity", func(t *Topology) { poolA(t).Users = 34000 }, CodeOverCapacity, pa + ".users"},
		{"branch users count", func(t *Topology) { t.Branches[0].Users = 24000; poolA(t).Servers = servers("a-fe", 5) }, CodeOverCapacity, pa + ".users"},
		{"standard over capacity", func(t *Topology) { sePair(t); poolA(t).Users = 2600 }, CodeOverCapacity, pa + ".users"},
		{"over pool maximum", func(t *Topology) { poolA(t).Servers = servers("a-fe", 12); poolA(t).Users = 81000 }, CodeOverPoolMax, pa + ".users"},
		{"over paired maximum", func(t *Topology) {
			poolA(t).Servers, poolB(t).Servers = servers("a-fe", 7), servers("b-fe", 7)
			poolA(t).Users, poolB(t).Users = 41000, 100
		}, CodeOverPairedMax, pa + ".users"},
		{"survivor too small", func(t *Topology) { poolA(t).Users, poolB(t).Users = 20000, 20000 }, CodeFailoverSizing, pb + ".servers"},
		{"survivor cannot grow enough", func(t *Topology) {
			poolA(t).Servers, poolB(t).Servers = servers("a-fe", 12), servers("b-fe", 12)
			poolA(t).Users, poolB(t).Users = 39990, 39990
		}, CodeFailoverSizing, pb + ".servers"},
		{"standard pair too big for failover", func(t *Topology) { sePair(t); poolA(t).Users, poolB(t).Users = 2500, 2600 }, CodeFailoverSizing, pb + ".servers"},
		{"n plus one", func(t *Topology) { poolA(t).Users = 27000; poolB(t).Servers = servers("b-fe", 7) }, CodeNPlusOne, pa + ".users"},

		// CMS.
		{"no cms", func(t *Topology) { t.CMS.Pool = "" }, CodeNoCMS, "cms.pool"},
		{"cms dangling", func(t *Topology) { t.CMS.Pool = "x.example.com" }, CodeDangling, "cms.pool"},
		{"cms bad fqdn", func(t *Topology) { t.CMS.Pool = "x example" }, CodeBadFQDN, "cms.pool"},
		{"cms on director", func(t *Topology) { t.CMS.Pool = "dir.example.com" }, CodeCMSNotFE, "cms.pool"},
		{"cms unpaired", func(t *Topology) { poolA(t).BackupPool, poolB(t).BackupPool = "", "" }, CodeCMSUnpaired, "cms.pool"},

		// Edge.
		{"no next hop", func(t *Topology) { t.Pools[3].NextHop = "" }, CodeNoNextHop, "pools[edge.example.com].nextHop"},
		{"next hop dangling", func(t *Topology) { t.Pools[3].NextHop = "x.example.com" }, CodeDangling, "pools[edge.example.com].nextHop"},
		{"next hop is edge", func(t *Topology) {
			t.Pools = append(t.Pools, Pool{FQDN: "edge2.example.com", Site: "Dallas", Role: Edge, Version: SfB2015, Servers: servers("edge2", 2), NextHop: "edge.example.com"})
		}, CodeNextHopRole, "pools[edge2.example.com].nextHop"},
		{"next hop paired pool", func(t *Topology) { t.Pools[3].NextHop = "a.example.com" }, CodeNextHopPaired, "pools[edge.example.com].nextHop"},
		{"next hop on front end", func(t *Topology) { poolA(t).NextHop = "dir.example.com" }, CodeEdgeOnlyField, pa + ".nextHop"},
		{"federation on director", func(t *Topology) { t.Pools[2].FederationRoute = true }, CodeEdgeOnlyField, "pools[dir.example.com].federationRoute"},
		{"two federation pools", func(t *Topology) {
			t.Pools = append(t.Pools, Pool{FQDN: "edge2.example.com", Site: "Dallas", Role: Edge, Version: SfB2015, Servers: servers("edge2", 2), NextHop: "dir.example.com", FederationRoute: true})
		}, CodeFederation, "pools[edge2.example.com].federationRoute"},

		// Back end, registrar, Backup Service.
		{"no back end", func(t *Topology) { poolA(t).BackEnd = nil }, CodeNoBackEnd, pa + ".backEnd"},
		{"back end on standard", func(t *Topology) {
			sePair(t)
			poolA(t).BackEnd = &BackEnd{FQDN: "sql.example.com"}
		}, CodeBackEndRole, pa + ".backEnd"},
		{"back end bad fqdn", func(t *Topology) { poolA(t).BackEnd.FQDN = "sql" }, CodeBadFQDN, pa + ".backEnd.fqdn"},
		{"back end bad instance", func(t *Topology) { poolA(t).BackEnd.Instance = "rtc;x" }, CodeBadName, pa + ".backEnd.instance"},
		{"unknown HA", func(t *Topology) { poolA(t).BackEnd.HA = "LogShipping" }, CodeBadEnum, pa + ".backEnd.ha"},
		{"mirroring on 2019", func(t *Topology) {
			for i := range t.Pools {
				t.Pools[i].Version = SfB2019
			}
		}, CodeMirroring2019, pa + ".backEnd.ha"},
		{"mirroring without mirror", func(t *Topology) { poolA(t).BackEnd.Mirror = nil }, CodeNoMirror, pa + ".backEnd.mirror"},
		{"mirror without HA", func(t *Topology) { poolA(t).BackEnd.HA = HANone; poolB(t).BackEnd.HA = HANone }, CodeMirrorIgnored, pa + ".backEnd.ha"},
		{"no witness", func(t *Topology) { poolA(t).BackEnd.Witness = "" }, CodeNoWitness, pa + ".backEnd.witness"},
		{"mirror is principal", func(t *Topology) { poolA(t).BackEnd.Mirror.FQDN = "a-sql1.example.com" }, CodeMirrorSame, pa + ".backEnd.mirror.fqdn"},
		{"registrar too short", func(t *Topology) { poolA(t).Registrar.FailureDetectionSeconds = 10 }, CodeRegistrarRange, pa + ".registrar.failureDetectionSeconds"},
		{"registrar too long", func(t *Topology) { poolA(t).Registrar.FailbackDetectionSeconds = 86401 }, CodeRegistrarRange, pa + ".registrar.failbackDetectionSeconds"},
		{"registrar below 120", func(t *Topology) { poolA(t).Registrar.FailureDetectionSeconds = 60 }, CodeRegistrarShort, pa + ".registrar.failureDetectionSeconds"},
		{"registrar on edge", func(t *Topology) { t.Pools[3].Registrar.FailureDetectionSeconds = 120 }, CodeRegistrarRole, "pools[edge.example.com].registrar"},
		{"registrar without backup pool", func(t *Topology) {
			poolA(t).BackupPool, poolB(t).BackupPool = "", ""
		}, CodeRegistrarUnused, pa + ".registrar"},
		{"sync too short", func(t *Topology) { t.BackupService.SyncIntervalSeconds = 4 }, CodeSyncRange, "backupService.syncIntervalSeconds"},
		{"sync too long", func(t *Topology) { t.BackupService.SyncIntervalSeconds = 10801 }, CodeSyncRange, "backupService.syncIntervalSeconds"},
		{"sync negative", func(t *Topology) { t.BackupService.SyncIntervalSeconds = -1 }, CodeSyncRange, "backupService.syncIntervalSeconds"},
		{"sync changed", func(t *Topology) { t.BackupService.SyncIntervalSeconds = 300 }, CodeSyncChanged, "backupService.syncIntervalSeconds"},

		// Branches.
		{"branch bad fqdn", func(t *Topology) { t.Branches[0].FQDN = "sba" }, CodeBadFQDN, "branches[sba].fqdn"},
		{"branch without site", func(t *Topology) { t.Branches[0].Site = "" }, CodeMissing, "branches[sba.example.com].site"},
		{"branch unknown site", func(t *Topology) { t.Branches[0].Site = "Savannah" }, CodeDangling, "branches[sba.example.com].site"},
		{"branch negative users", func(t *Topology) { t.Branches[0].Users = -5 }, CodeNegative, "branches[sba.example.com].users"},
		{"branch without registrar", func(t *Topology) { t.Branches[0].BackupRegistrar = "" }, CodeMissing, "branches[sba.example.com].backupRegistrar"},
		{"branch registrar dangling", func(t *Topology) { t.Branches[0].BackupRegistrar = "z.example.com" }, CodeDangling, "branches[sba.example.com].backupRegistrar"},
		{"branch registrar director", func(t *Topology) { t.Branches[0].BackupRegistrar = "dir.example.com" }, CodeBranchRegistrar, "branches[sba.example.com].backupRegistrar"},
		{"branch users no DR", func(t *Topology) { t.Branches[0].Users = 50 }, CodeBranchNoDR, "branches[sba.example.com].backupRegistrar"},

		// Builds and Subscription Edition pairs (coexist_test.go has more).
		{"build not a number", func(t *Topology) { poolA(t).Build = "CU13" }, CodeBadBuild, pa + ".build"},
		{"build of another version", func(t *Topology) { poolA(t).Build = "7.0.2046.820" }, CodeBuildVersion, pa + ".build"},
		{"2019 and SE pair", func(t *Topology) { alwaysOn(t); poolA(t).Version, poolB(t).Version = SfB2019, SfBSE }, CodePairSE2019, pa + ".backupPool"},
		{"paired builds differ", func(t *Topology) {
			alwaysOn(t)
			poolA(t).Version, poolB(t).Version = SfB2019, SfBSE
			poolA(t).Build, poolB(t).Build = "7.0.2046.820", "7.0.2046.900"
		}, CodePairBuilds, pa + ".backupPool"},
		{"SE and 2015 pair", func(t *Topology) { poolB(t).Version = SfBSE; poolB(t).BackEnd.HA = HAAlwaysOn }, CodePairSEOld, pa + ".backupPool"},
		{"pairing re-runs the update", func(t *Topology) { alwaysOn(t); poolA(t).Version, poolB(t).Version = SfBSE, SfBSE }, CodePairRerunUpdate, pa + ".backupPool"},
	}
	emitted := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			top := clean()
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
			strict := ValidateStrict(top)
			for _, f := range strict {
				if f.Code == tc.code && f.Path == tc.path {
					if rule.Strict {
						assert.Equal(t, Error, f.Severity, "strict mode makes %s an error", tc.code)
					} else {
						assert.Equal(t, rule.Severity, f.Severity)
					}
				}
			}
		})
	}
	// Every validation rule has a case above (decoding rules are tested in decode_test.go).
	for _, r := range Rules {
		if r.Code >= "FW01" && r.Code < "FW10" { // lifecycle codes: lifecycle_test.go
			assert.True(t, emitted[r.Code], "no test case emits %s (%s)", r.Code, r.Title)
		}
	}
}

func TestValidateAcceptsBoundaries(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *Topology)
	}{
		{"standard server named like its pool", sePair},
		{"16 FEs on 2019 (even: info only)", func(t *Topology) {
			for i := range t.Pools {
				t.Pools[i].Version = SfB2019
				if t.Pools[i].BackEnd != nil {
					t.Pools[i].BackEnd.HA, t.Pools[i].BackEnd.Mirror, t.Pools[i].BackEnd.Witness = HAAlwaysOn, nil, ""
				}
			}
			poolA(t).Servers = servers("a-fe", 16)
		}},
		{"12 FEs on 2015", func(t *Topology) { poolA(t).Servers = servers("a-fe", 11) }},
		{"registrar at 120 s", func(t *Topology) { poolA(t).Registrar.FailureDetectionSeconds = 120 }},
		{"registrar at 86400 s", func(t *Topology) { poolA(t).Registrar.FailbackDetectionSeconds = 86400 }},
		{"sync interval default", func(t *Topology) { t.BackupService.SyncIntervalSeconds = 120 }},
		{"pair exactly at capacity", func(t *Topology) { poolA(t).Users, poolB(t).Users = 16650, 16650 }},
		{"63-character label", func(t *Topology) {
			poolA(t).Servers[0].FQDN = string(slices.Repeat([]byte("a"), 63)) + ".example.com"
		}},
		{"site name with space, dot, underscore and hyphen", func(t *Topology) {
			t.Sites[0].Name = "Atlanta DC-1_a.b"
			for i := range t.Pools {
				if t.Pools[i].Site == "Atlanta" {
					t.Pools[i].Site = "Atlanta DC-1_a.b"
				}
			}
			t.Branches[0].Site = "Atlanta DC-1_a.b"
		}},
		{"site name with parentheses, as Topology Builder allows", func(t *Topology) {
			t.Sites[0].Name = "HQ (Atlanta)"
			for i := range t.Pools {
				if t.Pools[i].Site == "Atlanta" {
					t.Pools[i].Site = "HQ (Atlanta)"
				}
			}
			t.Branches[0].Site = "HQ (Atlanta)"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			top := clean()
			tc.mutate(top)
			fs := Validate(top)
			assert.False(t, fs.HasErrors(), "%v", fs)
			assert.Zero(t, fs.Count(Warning), "%v", fs)
		})
	}
}

func TestValidFQDN(t *testing.T) {
	long := string(slices.Repeat([]byte("a."), 127)) + "com" // 257 characters
	for s, want := range map[string]bool{
		"atl-cs-001.litwareinc.com": true,
		"A.B":                       true,
		"x1.y2.z3":                  true,
		"localhost":                 false,
		"":                          false,
		"a..b":                      false,
		"a.b.":                      false,
		".a.b":                      false,
		"-a.b":                      false,
		"a-.b":                      false,
		"a_b.c":                     false,
		"a b.c":                     false,
		"a.b;rm":                    false,
		"a.b`x`":                    false,
		"$(x).b":                    false,
		"'a'.b":                     false,
		"\"a\".b":                   false,
		"é.b":                       false,
		long:                        false,
		string(slices.Repeat([]byte("a"), 64)) + ".b": false,
	} {
		assert.Equal(t, want, ValidFQDN(s), "%q", s)
	}
}

func TestValidSIPAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"sip:kenmyer@litwareinc.com":    true,
		"SIP:Ken.Myer+1@litwareinc.com": true,
		"kenmyer@litwareinc.com":        false,
		"sip:@litwareinc.com":           false,
		"sip:ken@litwareinc":            false,
		"sip:ken myer@litwareinc.com":   false,
		"sip:ken'$x@litwareinc.com":     false,
		"sip:.ken@litwareinc.com":       false,
	} {
		assert.Equal(t, want, ValidSIPAddress(s), "%q", s)
	}
}

func TestFindingsAnchoredToSource(t *testing.T) {
	src := []byte("name: x\nsites:\n  - name: A\npools:\n  - fqdn: p.example.com\n    site: A\n    role: FrontEndStandard\n    version: SfB2015\n    servers:\n      - fqdn: p.example.com\n    backupPool: q.example.com\ncms:\n  pool: p.example.com\n")
	doc, fs := DecodeDocument("t.yaml", src)
	require.Empty(t, fs)
	vs := doc.Validate()
	var dangling *Finding
	for i := range vs {
		if vs[i].Code == CodeDangling {
			dangling = &vs[i]
		}
	}
	require.NotNil(t, dangling, "%v", vs)
	assert.Equal(t, "pools[p.example.com].backupPool", dangling.Path)
	assert.Equal(t, Pos{File: "t.yaml", Line: 11, Column: 17}, dangling.Pos)
	for _, f := range vs {
		assert.True(t, f.Pos.IsValid(), "every finding has a position: %v", f)
	}
}

// TestDuplicatePoolsKeepTheirOwnPositions: a pool whose FQDN repeats an earlier one is named
// by index, so findings about it point at it, not at the first pool.
func TestDuplicatePoolsKeepTheirOwnPositions(t *testing.T) {
	src := []byte(`name: x
sites: [{name: A}]
pools:
  - fqdn: p.example.com
    site: A
    role: FrontEndStandard
    version: SfB2015
    servers: [{fqdn: p.example.com}]
  - fqdn: P.example.com
    site: A
    role: FrontEndStandard
    version: SfB2015
    servers: [{fqdn: "bad name"}]
cms: {pool: p.example.com}
`)
	doc, fs := DecodeDocument("dup.yaml", src)
	require.Empty(t, fs)
	var bad, dup *Finding
	vs := doc.Validate()
	for i := range vs {
		switch vs[i].Code {
		case CodeBadFQDN:
			bad = &vs[i]
		case CodeDuplicate:
			dup = &vs[i]
		}
	}
	require.NotNil(t, bad, "%v", vs)
	require.NotNil(t, dup, "%v", vs)
	assert.Equal(t, "pools[1].servers[0].fqdn", bad.Path)
	assert.Equal(t, 13, bad.Pos.Line)
	assert.Equal(t, "pools[1].fqdn", dup.Path)
	assert.Equal(t, 9, dup.Pos.Line)
	assert.Equal(t, "pools[1]", doc.Topology.PoolPath(1))
	assert.Equal(t, "pools[p.example.com]", doc.Topology.PoolPath(0))
}

func TestValidTextCountsCharactersNotBytes(t *testing.T) {
	assert.True(t, ValidText(strings.Repeat("é", MaxNameLen), MaxNameLen), "200 two-byte characters fit")
	assert.True(t, ValidText(`Tail'spin "Toys"; $(x) ‘y’`, MaxNameLen), "punctuation is printed quoted")
	for _, bad := range []string{"a\tb", "a\u2028b", "a\u202eb", "a\u200bb", "a\x1b[31mb", "\xff"} {
		assert.False(t, ValidText(bad, MaxNameLen), "%q", bad)
	}
}

func TestPathsNeverShowHiddenCharacters(t *testing.T) {
	top := clean()
	top.Pools[1].FQDN = "\x1b]0;owned\x07.example.com"
	top.Sites[1].Name = "Dal\u200blas"
	for _, f := range Validate(top) {
		assert.True(t, strings.IndexFunc(f.Path, func(r rune) bool { return r < 0x20 || r == 0x200b }) < 0, "%q", f.Path)
	}
	assert.Equal(t, "pools[1]", top.PoolPath(1))
	assert.Equal(t, "sites[1]", top.SitePath(1))
}

func TestPairingMessageNamesWhatThePartnerSays(t *testing.T) {
	top := clean()
	top.Pools[1].BackupPool = "gone.example.com"
	var msgs []string
	for _, f := range Validate(top) {
		if f.Code == CodePairOneWay {
			msgs = append(msgs, f.Message)
		}
	}
	assert.Equal(t, []string{"b.example.com names gone.example.com as its backup pool, not this pool; a pool backs up exactly one other pool"}, msgs)
}

func TestDuplicateNamesTheFirstOwner(t *testing.T) {
	top := clean()
	top.Branches[0].FQDN = "A.example.com"
	fs := Validate(top)
	i := slices.IndexFunc(fs, func(f Finding) bool { return f.Code == CodeDuplicate })
	require.GreaterOrEqual(t, i, 0, "%v", fs)
	assert.Equal(t, `"A.example.com" is already used by the pool at pools[a.example.com]`, fs[i].Message)
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 38400: "38,400", -1200: "-1,200", 1234567: "1,234,567"} {
		assert.Equal(t, want, Thousands(n))
	}
}

func TestFindingString(t *testing.T) {
	f := Finding{Code: "FW0109", Severity: Error, Path: "cms.pool", Message: "CMS pool \"x.y\" does not exist"}
	assert.Equal(t, `error FW0109 cms.pool: CMS pool "x.y" does not exist`, f.String(), "no position, none printed")
	f.Pos = Pos{File: "t.yaml", Line: 3, Column: 9}
	assert.Equal(t, `t.yaml:3:9: error FW0109 cms.pool: CMS pool "x.y" does not exist`, f.String())
	f.Path = ""
	assert.Equal(t, `t.yaml:3:9: error FW0109: CMS pool "x.y" does not exist`, f.String())
	assert.Equal(t, "-", Pos{}.String())
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b        string
		limit, want int
	}{
		{"backupPool", "bakupPool", 3, 1},
		{"users", "Users", 3, 1},
		{"site", "site", 3, 0},
		{"fqdn", "version", 3, 3},
		{"", "abc", 5, 3},
		{strings.Repeat("x", 5000), "fqdn", 3, 3},
	} {
		assert.Equal(t, c.want, EditDistance(c.a, c.b, c.limit), "%q %q", c.a, c.b)
	}
}

// TestUnknownEnumDoesNotCascade: a pool with an unknown role or version gets FW0110 and nothing that
// guesses at its role (a duplicate of its own server's FQDN, an edition mismatch).
func TestUnknownEnumDoesNotCascade(t *testing.T) {
	top := clean()
	top.Pools[0].Role = "true"
	top.Pools[0].Servers = []Server{{FQDN: "a.example.com"}}
	var codes []string
	for _, f := range Validate(top) {
		codes = append(codes, f.Code)
	}
	assert.Contains(t, codes, CodeBadEnum)
	assert.NotContains(t, codes, CodeDuplicate)
	assert.NotContains(t, codes, CodePairEdition)
	assert.NotContains(t, codes, CodePairNonFE, "the partner is not told its backup pool is no Front End pool")

	top = clean()
	top.Pools[0].Version = "2015"
	codes = nil
	for _, f := range Validate(top) {
		codes = append(codes, f.Code)
	}
	assert.Contains(t, codes, CodeBadEnum)
	assert.NotContains(t, codes, CodePairVersion, "an unknown version is not a mixed-version pair")
}
