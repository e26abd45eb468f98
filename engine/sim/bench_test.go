package sim

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkDisasterLitware runs one whole disaster on litwareinc.yaml: site loss, CMS failover,
// Edge next hop, pool failover, repair and failback.
func BenchmarkDisasterLitware(b *testing.B) {
	topo := loadTopology(b, litware)
	b.ReportAllocs()
	for b.Loop() {
		s, err := New(topo, Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range s.ExecAll(drillScript) {
			if r.Failed {
				b.Fatal(r.Lines)
			}
		}
	}
}

// largeDrill builds the same disaster for large.yaml: the first site with a paired Front End
// pool is lost; the CMS is failed over when it lived there, Edge next hops pointing into the
// site are moved to the partner, every pool of the site is failed over and then failed back.
func largeDrill(b *testing.B) string {
	topo := loadTopology(b, "../samples/large.yaml")
	s, err := New(topo, Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	x := s.x
	site := -1
	for _, p := range x.pools {
		if p.role.IsFrontEnd() && p.partner >= 0 {
			site = p.site
			break
		}
	}
	var sc strings.Builder
	fmt.Fprintf(&sc, "Wait-SimTime 00:30:00\nStop-SimSite -Site %q\nWait-SimTime 00:03:00\n", x.sites[site].name)
	if c := x.cmsPool; c >= 0 && x.pools[c].site == site && x.pools[c].partner >= 0 {
		t := x.pools[x.pools[c].partner]
		sql := t.beFQDN
		if sql == "" {
			sql = t.servers[0]
		}
		fmt.Fprintf(&sc, "Invoke-CsManagementServerFailover -BackupSqlServerFqdn %s -Force\n", sql)
	}
	var failed []string
	for e, p := range x.pools {
		if p.role != "Edge" || p.nextHop < 0 || x.pools[p.nextHop].site != site {
			continue
		}
		hop := x.pools[p.nextHop]
		if hop.partner >= 0 {
			fmt.Fprintf(&sc, "Set-CsEdgeServer -Identity EdgeServer:%s -Registrar Registrar:%s\n", x.pools[e].fqdn, x.pools[hop.partner].fqdn)
		}
	}
	for _, p := range x.pools {
		if p.site == site && p.role.IsFrontEnd() && p.partner >= 0 && x.pools[p.partner].site != site {
			fmt.Fprintf(&sc, "Invoke-CsPoolFailOver -PoolFqdn %s -DisasterMode\n", p.fqdn)
			failed = append(failed, p.fqdn)
		}
	}
	fmt.Fprintf(&sc, "Start-SimSite -Site %q\nWait-SimTime 00:10:00\n", x.sites[site].name)
	for _, f := range failed {
		fmt.Fprintf(&sc, "Invoke-CsPoolFailBack -PoolFqdn %s\n", f)
	}
	return sc.String()
}

// BenchmarkDisasterLarge runs the whole disaster on large.yaml.
func BenchmarkDisasterLarge(b *testing.B) {
	topo := loadTopology(b, "../samples/large.yaml")
	script := largeDrill(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := New(topo, Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range s.ExecAll(script) {
			if r.Failed {
				b.Fatal(r.Lines)
			}
		}
	}
}

// BenchmarkClone measures the copy the analysis engineer makes for every failure case.
func BenchmarkClone(b *testing.B) {
	topo := loadTopology(b, "../samples/large.yaml")
	s, err := New(topo, Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Clone()
	}
}
