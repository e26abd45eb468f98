package analysis

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"failwright/engine/topology"
)

// genTopology draws a small topology that exercises every rule of the model: 1-4 sites; 1-6
// Front End pools (Enterprise with 1-12 servers, or Standard Edition), versions, users and
// branch users; reciprocal pairs across or within sites and pools left alone; the CMS on any
// pool, with or without a mirrored back end; Edge pools whose next hop is a Front End pool or
// a Director; routing groups, registrar timers and the Backup Service interval.
func genTopology(rt *rapid.T) *topology.Topology { return genSized(rt, 6, 12) }

// genSized is genTopology with at most maxPools Front End pools of at most maxServers servers.
func genSized(rt *rapid.T, maxPools, maxServers int) *topology.Topology {
	t := &topology.Topology{Name: "random", SIPDomain: "contoso.com"}
	nSites := rapid.IntRange(1, 4).Draw(rt, "sites")
	for s := 0; s < nSites; s++ {
		t.Sites = append(t.Sites, topology.Site{Name: fmt.Sprintf("Site%d", s+1)})
	}
	site := func(label string) string { return t.Sites[rapid.IntRange(0, nSites-1).Draw(rt, label)].Name }
	versions := []topology.Version{topology.SfB2015, topology.SfB2019, topology.Lync2013}
	nPools := rapid.IntRange(1, maxPools).Draw(rt, "pools")
	for p := 0; p < nPools; p++ {
		fqdn := fmt.Sprintf("pool%d.contoso.com", p+1)
		pool := topology.Pool{
			FQDN:    fqdn,
			Site:    site("poolSite"),
			Role:    topology.FrontEndEnterprise,
			Version: versions[rapid.IntRange(0, 2).Draw(rt, "version")%len(versions)],
			Users:   rapid.IntRange(0, 60000).Draw(rt, "users"),
		}
		if rapid.IntRange(0, 4).Draw(rt, "standard") == 0 {
			pool.Role = topology.FrontEndStandard
			pool.Users = rapid.IntRange(0, 6000).Draw(rt, "seUsers")
			pool.Servers = []topology.Server{{FQDN: fmt.Sprintf("se%d.contoso.com", p+1)}}
		} else {
			var sizes []int
			for _, k := range []int{1, 2, 3, 4, 5, 7, 8, 9, 10, 12} {
				if k <= maxServers {
					sizes = append(sizes, k)
				}
			}
			n := rapid.SampledFrom(sizes).Draw(rt, "servers")
			for s := 0; s < n; s++ {
				pool.Servers = append(pool.Servers, topology.Server{FQDN: fmt.Sprintf("fe%d-%d.contoso.com", p+1, s+1)})
			}
			pool.BackEnd = &topology.BackEnd{FQDN: fmt.Sprintf("sql%d.contoso.com", p+1), HA: topology.HANone}
			if rapid.Bool().Draw(rt, "mirror") {
				pool.BackEnd.HA = topology.HAMirroring
				pool.BackEnd.Mirror = &topology.SQLStore{FQDN: fmt.Sprintf("sqlm%d.contoso.com", p+1)}
			}
		}
		pool.Registrar.FailureDetectionSeconds = rapid.SampledFrom([]int{0, 60, 300}).Draw(rt, "detect")
		pool.RoutingGroups = rapid.SampledFrom([]int{0, 0, 3, 7}).Draw(rt, "routingGroups")
		t.Pools = append(t.Pools, pool)
	}
	// Pairs: walk the pools and pair some neighbours.
	for p := 0; p+1 < nPools; p++ {
		if t.Pools[p].BackupPool == "" && rapid.IntRange(0, 3).Draw(rt, "pair") > 0 {
			t.Pools[p].BackupPool = t.Pools[p+1].FQDN
			t.Pools[p+1].BackupPool = t.Pools[p].FQDN
			p++
		}
	}
	if rapid.Bool().Draw(rt, "director") {
		t.Pools = append(t.Pools, topology.Pool{FQDN: "dir.contoso.com", Site: site("dirSite"), Role: topology.Director,
			Version: topology.SfB2015, Servers: []topology.Server{{FQDN: "dir1.contoso.com"}}})
	}
	nEdges := rapid.IntRange(0, 3).Draw(rt, "edges")
	hops := len(t.Pools) // Front End pools and the Director, if any
	for e := 0; e < nEdges; e++ {
		hop := t.Pools[rapid.IntRange(0, hops-1).Draw(rt, "hop")].FQDN
		t.Pools = append(t.Pools, topology.Pool{FQDN: fmt.Sprintf("edge%d.contoso.com", e+1), Site: site("edgeSite"),
			Role: topology.Edge, Version: topology.SfB2015, NextHop: hop,
			Servers: []topology.Server{{FQDN: fmt.Sprintf("edge%d-1.contoso.com", e+1)}}})
	}
	if rapid.Bool().Draw(rt, "branch") {
		t.Branches = append(t.Branches, topology.Branch{FQDN: "sba.contoso.com", Site: t.Sites[0].Name,
			Users: rapid.IntRange(0, 3000).Draw(rt, "branchUsers"), BackupRegistrar: t.Pools[0].FQDN})
	}
	t.CMS.Pool = t.Pools[rapid.IntRange(0, nPools-1).Draw(rt, "cms")].FQDN
	t.BackupService.SyncIntervalSeconds = rapid.SampledFrom([]int{0, 30, 600}).Draw(rt, "sync")
	return t
}

// TestFastMatchesReference is the property the fast analyzer is held to: on random small
// topologies its report is byte for byte the brute-force reference's, whether it runs on
// several goroutines or step by step.
func TestFastMatchesReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		topo := genTopology(rt)
		ref, err := Reference(topo, Options{Depth: 2})
		require.NoError(rt, err)
		want := string(ref.JSON())

		fast, err := Analyze(topo, Options{Depth: 2, Workers: 3})
		require.NoError(rt, err)
		require.Equal(rt, want, string(fast.JSON()), "parallel fast analyzer differs from the reference")

		a, err := New(topo, Options{Depth: 2, Workers: 1})
		require.NoError(rt, err)
		steps := 0
		for !a.Next(7) {
			steps++
			require.Less(rt, steps, 1_000_000)
		}
		stepped, err := a.Report()
		require.NoError(rt, err)
		require.Equal(rt, want, string(stepped.JSON()), "step-by-step fast analyzer differs from the reference")
		done, total := a.Progress()
		require.Equal(rt, total, done, "progress ends at its total")

		// Matrix cells: every pair's figures, composed or looked up, are its full evaluation's.
		n := len(a.Elements())
		var row []int
		for i := 0; i < n; i++ {
			row, err = a.RowAtRisk(i, row)
			require.NoError(rt, err)
			for j := i; j < n; j++ {
				got, err := a.PairFigures(i, j)
				require.NoError(rt, err)
				o := a.Outcome(a.Set(i, map[bool]int{true: -1, false: j}[i == j]))
				require.Equal(rt, o.Figures(), got, "figures of %d + %d", i, j)
				require.Equal(rt, got.AtRisk, row[j-i])
			}
		}

		// A surface may step a while, then finish on all cores.
		b, err := New(topo, Options{Depth: 2, Workers: 2})
		require.NoError(rt, err)
		for k := rapid.IntRange(0, 40).Draw(rt, "steps"); k > 0 && !b.Next(3); k-- {
		}
		b.Run()
		mixed, err := b.Report()
		require.NoError(rt, err)
		require.Equal(rt, want, string(mixed.JSON()), "stepping then Run differs from the reference")
		done, total = b.Progress()
		require.Equal(rt, total, done, "progress ends at its total after Run")
	})
}

// genWild draws a small topology that validation would reject: pools in unknown sites,
// backup pools that are missing, themselves or not reciprocal, duplicate names, Edge next
// hops to anything, a CMS on a missing pool, pools without servers.
func genWild(rt *rapid.T) *topology.Topology {
	t := genSized(rt, 5, 9)
	names := []string{"", "nowhere.contoso.com"}
	for _, p := range t.Pools {
		names = append(names, p.FQDN)
	}
	for i := range t.Pools {
		p := &t.Pools[i]
		switch rapid.IntRange(0, 9).Draw(rt, "wild") {
		case 0:
			p.Site = "Atlantis"
		case 1:
			p.BackupPool = rapid.SampledFrom(names).Draw(rt, "backup")
		case 2:
			p.FQDN = t.Pools[0].FQDN
		case 3:
			p.Servers = nil
		case 4:
			p.NextHop = rapid.SampledFrom(names).Draw(rt, "hop")
		case 5:
			if len(p.Servers) > 1 {
				p.Servers[1] = p.Servers[0]
			}
		case 6:
			p.Users = -5
		}
	}
	if rapid.IntRange(0, 4).Draw(rt, "wildCMS") == 0 {
		t.CMS.Pool = rapid.SampledFrom(names).Draw(rt, "cms")
	}
	return t
}

// TestWildTopologies holds the fast analyzer to the reference on topologies validation would
// reject, which a surface may still hand over: no panic, and the same report.
func TestWildTopologies(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		topo := genWild(rt)
		ref, rerr := Reference(topo, Options{Depth: 2})
		fast, ferr := Analyze(topo, Options{Depth: 2})
		if rerr != nil || ferr != nil {
			require.Equal(rt, rerr != nil, ferr != nil)
			return
		}
		require.Equal(rt, string(ref.JSON()), string(fast.JSON()))
	})
}
