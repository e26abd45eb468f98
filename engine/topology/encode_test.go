package topology

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuoteYAML(t *testing.T) {
	for in, want := range map[string]string{
		"atl-cs-001.litwareinc.com": "atl-cs-001.litwareinc.com",
		"Litware, Inc.":             "Litware, Inc.",
		"sip:kenmyer@x.com":         `"sip:kenmyer@x.com"`,
		"2019":                      `"2019"`,
		"yes":                       `"yes"`,
		"":                          `""`,
		"a\nb":                      `"a\nb"`,
		"\x7f":                      `"\u007f"`,
	} {
		assert.Equal(t, want, QuoteYAML(in), "%q", in)
	}
}

func TestEncodeOrderAndOmission(t *testing.T) {
	out, err := Encode(&Topology{Name: "x", Pools: []Pool{{FQDN: "a.b", Site: "S", Role: Edge, Version: SfB2015, NextHop: "c.d"}}})
	require.NoError(t, err)
	assert.Equal(t, `name: x
sites: []
pools:
  - fqdn: a.b
    site: S
    role: Edge
    version: SfB2015
    servers: []
    nextHop: c.d
cms:
  pool: ""
`, string(out))
}

func TestFingerprint(t *testing.T) {
	base := clean()
	fp := Fingerprint(base)
	assert.Len(t, fp, 64)
	assert.Equal(t, fp, Fingerprint(clean()), "deterministic")

	same := []func(t *Topology){
		func(t *Topology) { t.Pools[0], t.Pools[1] = t.Pools[1], t.Pools[0] },
		func(t *Topology) { t.Sites[0], t.Sites[1] = t.Sites[1], t.Sites[0] },
		func(t *Topology) { t.Pools[0].FQDN = strings.ToUpper(t.Pools[0].FQDN) },
		func(t *Topology) { t.Description = "changed" },
		func(t *Topology) { t.Pools[0].Platform = Physical },
		func(t *Topology) { t.Pools[1].Registrar.FailureDetectionSeconds = DefaultFailureDetectionSeconds },
		func(t *Topology) { t.BackupService.SyncIntervalSeconds = DefaultSyncIntervalSeconds },
		func(t *Topology) { t.Pools[0].RoutingGroups = RoutingGroupCount(&t.Pools[0]) },
	}
	for i, m := range same {
		top := clean()
		m(top)
		assert.Equal(t, fp, Fingerprint(top), "change %d keeps the fingerprint", i)
	}
	different := []func(t *Topology){
		func(t *Topology) { t.Pools[0].Servers = append(t.Pools[0].Servers, Server{FQDN: "x.example.com"}) },
		func(t *Topology) {
			t.Pools[0].Servers[0], t.Pools[0].Servers[1] = t.Pools[0].Servers[1], t.Pools[0].Servers[0]
		},
		func(t *Topology) { t.Pools[0].Users++ },
		func(t *Topology) { t.CMS.Pool = "b.example.com" },
		func(t *Topology) { t.Pools[0].Version = SfB2019 },
		func(t *Topology) { t.Name = "Other" },
	}
	for i, m := range different {
		top := clean()
		m(top)
		assert.NotEqual(t, fp, Fingerprint(top), "change %d changes the fingerprint", i)
	}
	assert.True(t, strings.HasPrefix(string(Canonical(base)), `{"backupService":{"syncIntervalSeconds":120},"branches":`), string(Canonical(base)))
}

func TestRoutingGroupIDs(t *testing.T) {
	p := &Pool{FQDN: "atl-cs-001.litwareinc.com", Role: FrontEndEnterprise, Users: 20000}
	ids := RoutingGroupIDs(p)
	assert.Len(t, ids, 10, "one routing group per 2,000 users")
	assert.Equal(t, ids, RoutingGroupIDs(&Pool{FQDN: "ATL-CS-001.litwareinc.com", Role: FrontEndEnterprise, Users: 20000}), "case-insensitive")
	seen := map[string]bool{}
	for _, id := range ids {
		assert.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`, id)
		assert.False(t, seen[id])
		seen[id] = true
	}
	more := RoutingGroupIDs(&Pool{FQDN: p.FQDN, Role: FrontEndEnterprise, Users: 22000})
	assert.Equal(t, ids, more[:10], "adding users appends IDs")
	assert.Len(t, RoutingGroupIDs(&Pool{FQDN: "x.y", Role: FrontEndStandard}), 1, "at least one")
	assert.Len(t, RoutingGroupIDs(&Pool{FQDN: "x.y", Role: FrontEndEnterprise, Users: 1_000_000}), MaxDerivedRoutingGroups)
	assert.Len(t, RoutingGroupIDs(&Pool{FQDN: "x.y", Role: FrontEndEnterprise, RoutingGroups: 3}), 3)
	assert.Nil(t, RoutingGroupIDs(&Pool{FQDN: "x.y", Role: Edge}))
	// Pinned: plans and transcripts depend on these IDs never changing.
	assert.Equal(t, "0E08B7A7-71B0-5512-9286-79D0C3DBCB82", ids[0])
}

func TestCapacityHelpers(t *testing.T) {
	assert.Equal(t, 80000, MaxPoolUsers(SfB2015))
	assert.Equal(t, 106000, MaxPoolUsers(SfB2019))
	assert.Equal(t, 40000, MaxPairedPoolUsers(Lync2013))
	assert.Equal(t, 53000, MaxPairedPoolUsers(SfB2019))
	assert.Equal(t, 12, MaxFrontEnds(SfB2015))
	assert.Equal(t, 16, MaxFrontEnds(SfB2019))
	assert.Equal(t, 4*UsersPerServer, Capacity(&Pool{Role: FrontEndEnterprise, Version: SfB2015, Servers: make([]Server, 4)}))
	assert.Equal(t, 79920, Capacity(&Pool{Role: FrontEndEnterprise, Version: SfB2015, Servers: make([]Server, 12)}))
	assert.Equal(t, 80000, Capacity(&Pool{Role: FrontEndEnterprise, Version: SfB2015, Servers: make([]Server, 13)}), "capped at the pool maximum")
	assert.Equal(t, 106000, Capacity(&Pool{Role: FrontEndEnterprise, Version: SfB2019, Servers: make([]Server, 16)}))
	assert.Equal(t, 2500, Capacity(&Pool{Role: FrontEndStandard, Version: SfB2015, Servers: make([]Server, 1)}))
	assert.Equal(t, 5000, FailoverCapacity(&Pool{Role: FrontEndStandard}))
	assert.Zero(t, Capacity(&Pool{Role: Edge, Servers: make([]Server, 4)}))
	assert.Equal(t, 6, ServersNeeded(38400))
	assert.Equal(t, 1, ServersNeeded(6660))
	assert.Equal(t, 2, ServersNeeded(6661))
}

func TestSourceLookup(t *testing.T) {
	src := Source{"": {File: "f", Line: 1, Column: 1}, "pools[a.b.c]": {File: "f", Line: 5, Column: 5},
		"pools[a.b.c].backEnd": {File: "f", Line: 9, Column: 7}}
	assert.Equal(t, 9, src.Lookup("pools[a.b.c].backEnd.mirror.fqdn").Line)
	assert.Equal(t, 5, src.Lookup("pools[a.b.c].servers[3].fqdn").Line)
	assert.Equal(t, 1, src.Lookup("cms.pool").Line)
	assert.Equal(t, Pos{}, Source(nil).Lookup("x"))
	assert.Equal(t, "pools[a.b.c]", ParentPath("pools[a.b.c].backEnd"))
	assert.Equal(t, "pools", ParentPath("pools[a.b.c]"))
	assert.Equal(t, "", ParentPath("cms"))
}
