package sim

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// servers returns n server names for a pool prefix.
func servers(prefix string, n int) []topology.Server {
	out := make([]topology.Server, n)
	for i := range out {
		out[i] = topology.Server{FQDN: fmt.Sprintf("%s-fe%02d.litwareinc.com", prefix, i+1)}
	}
	return out
}

// testTopology is a small two-site deployment built in Go, independent of the sample files.
func testTopology() *topology.Topology {
	return &topology.Topology{
		Name:      "test",
		SIPDomain: "litwareinc.com",
		Sites:     []topology.Site{{Name: "Atlanta"}, {Name: "Dallas"}},
		Pools: []topology.Pool{
			{FQDN: "atl-cs-001.litwareinc.com", Site: "Atlanta", Role: topology.FrontEndEnterprise, Version: topology.SfB2015,
				Servers: servers("atl", 3), Users: 10000, BackupPool: "dal-cs-001.litwareinc.com",
				SampleUsers: []string{"kenmyer@litwareinc.com"},
				BackEnd: &topology.BackEnd{FQDN: "atl-sql-001.litwareinc.com", Instance: "rtc", HA: topology.HAMirroring,
					Mirror: &topology.SQLStore{FQDN: "atl-sql-002.litwareinc.com", Instance: "rtc"}}},
			{FQDN: "dal-cs-001.litwareinc.com", Site: "Dallas", Role: topology.FrontEndEnterprise, Version: topology.SfB2015,
				Servers: servers("dal", 3), Users: 8000, BackupPool: "atl-cs-001.litwareinc.com",
				BackEnd: &topology.BackEnd{FQDN: "dal-sql-001.litwareinc.com", Instance: "rtc"}},
			{FQDN: "atl-edge-001.litwareinc.com", Site: "Atlanta", Role: topology.Edge, Version: topology.SfB2015,
				Servers: []topology.Server{{FQDN: "atl-edge-01.litwareinc.com"}}, NextHop: "atl-cs-001.litwareinc.com"},
		},
		Branches: []topology.Branch{{FQDN: "sba-01.litwareinc.com", Site: "Atlanta", Users: 200, BackupRegistrar: "atl-cs-001.litwareinc.com"}},
		CMS:      topology.CMS{Pool: "atl-cs-001.litwareinc.com"},
	}
}

func newTestSim(t testing.TB) *Sim {
	s, err := New(testTopology(), Options{Seed: 1})
	require.NoError(t, err)
	return s
}
