package importer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// publishedXML writes t in the published format, as Get-CsTopology -AsXml would: sites,
// clusters numbered per site, SQL instances, and the services that make each pool. It is the
// test's own writer, not a product one.
func publishedXML(t *topology.Topology) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Topology xmlns=%q>\n", NSTopology)
	w("  <InternalDomains DefaultDomain=%q />\n  <Sites>\n", t.SIPDomain)
	siteID := map[string]int{}
	for i, s := range t.Sites {
		siteID[s.Name] = i + 1
		w("    <CentralSite SiteId=\"%d\"><Name>%s</Name></CentralSite>\n", i+1, s.Name)
	}
	for i, br := range t.Branches {
		w("    <BranchSite SiteId=\"%d\" CentralSiteId=\"%d\"><Name>Branch %d</Name></BranchSite>\n", len(t.Sites)+i+1, siteID[br.Site], i+1)
	}
	w("  </Sites>\n  <Clusters>\n")
	next := map[int]int{}
	cluster := func(site int, fqdn string, machines []string) string {
		next[site]++
		w("    <Cluster Fqdn=%q><ClusterId SiteId=\"%d\" Number=\"%d\" />\n", fqdn, site, next[site])
		for i, m := range machines {
			w("      <Machine OrdinalInCluster=\"%d\" Fqdn=%q />\n", i+1, m)
		}
		w("    </Cluster>\n")
		return fmt.Sprintf(`<ClusterId SiteId="%d" Number="%d" />`, site, next[site])
	}
	poolCluster := map[string]string{}
	sqlCluster := map[string]string{}
	for _, p := range t.Pools {
		var ms []string
		for _, s := range p.Servers {
			ms = append(ms, s.FQDN)
		}
		poolCluster[p.FQDN] = cluster(siteID[p.Site], p.FQDN, ms)
		if be := p.BackEnd; be != nil {
			sqlCluster[p.FQDN] = cluster(siteID[p.Site], be.FQDN, []string{be.FQDN})
			if be.Mirror != nil {
				sqlCluster[p.FQDN+"/m"] = cluster(siteID[p.Site], be.Mirror.FQDN, []string{be.Mirror.FQDN})
				sqlCluster[p.FQDN+"/w"] = cluster(siteID[p.Site], be.Witness, []string{be.Witness})
			}
		}
	}
	for i, br := range t.Branches {
		poolCluster[br.FQDN] = cluster(len(t.Sites)+i+1, br.FQDN, []string{br.FQDN})
	}
	w("  </Clusters>\n  <SqlInstances>\n")
	for _, p := range t.Pools {
		be := p.BackEnd
		if be == nil {
			continue
		}
		attr := ""
		if be.HA == topology.HAAlwaysOn {
			attr = " AlwaysOnPrimaryNodeFqdn=\"" + be.FQDN + "\""
		}
		w("    <SqlInstance%s><SqlInstanceId Name=%q>%s</SqlInstanceId>\n", attr, be.Instance, sqlCluster[p.FQDN])
		if be.Mirror != nil {
			w("      <MirrorSqlInstanceId Name=%q>%s</MirrorSqlInstanceId>\n", be.Mirror.Instance, sqlCluster[p.FQDN+"/m"])
			w("      <WitnessSqlInstanceId Name=%q>%s</WitnessSqlInstanceId>\n", be.Instance, sqlCluster[p.FQDN+"/w"])
		}
		w("    </SqlInstance>\n")
		if be.Mirror != nil {
			w("    <SqlInstance><SqlInstanceId Name=%q>%s</SqlInstanceId></SqlInstance>\n", be.Mirror.Instance, sqlCluster[p.FQDN+"/m"])
			w("    <SqlInstance><SqlInstanceId Name=%q>%s</SqlInstanceId></SqlInstance>\n", be.Instance, sqlCluster[p.FQDN+"/w"])
		}
	}
	w("  </SqlInstances>\n  <Services>\n")
	version := map[topology.Version]int{topology.Lync2013: 6, topology.SfB2015: 7, topology.SfB2019: 8, topology.SfBSE: 8}
	service := func(site int, role string, inst int, v topology.Version, on string, deps ...string) {
		w("    <Service RoleVersion=\"1\" ServiceVersion=\"%d\"><ServiceId SiteId=\"%d\" RoleName=%q Instance=\"%d\" />\n      <DependsOn>", version[v], site, role, inst)
		for _, d := range deps {
			w("<Dependency Usage=\"Default\">%s</Dependency>", d)
		}
		w("</DependsOn>\n      <InstalledOn>%s</InstalledOn>\n", on)
		if role == "Registrar" {
			w("      <RegistrarService IsDirector=\"false\" />\n")
		}
		w("    </Service>\n")
	}
	id := func(site int, role string, inst int) string {
		return fmt.Sprintf(`<ServiceId SiteId="%d" RoleName=%q Instance="%d" />`, site, role, inst)
	}
	inst := map[string]int{}
	regID := map[string]string{}
	for _, p := range t.Pools {
		s := siteID[p.Site]
		inst[fmt.Sprint(s)]++
		n := inst[fmt.Sprint(s)]
		on := poolCluster[p.FQDN]
		switch p.Role {
		case topology.Edge:
			service(s, "EdgeServer", n, p.Version, on, regID[p.NextHop])
		case topology.Director:
			w("    <Service ServiceVersion=\"%d\">%s<DependsOn /><InstalledOn>%s</InstalledOn><RegistrarService IsDirector=\"true\" /></Service>\n",
				version[p.Version], id(s, "Registrar", n), on)
			regID[p.FQDN] = id(s, "Registrar", n)
		default:
			sql := "<SqlInstanceId Name=\"" + p.BackEnd.Instance + "\">" + sqlCluster[p.FQDN] + "</SqlInstanceId>"
			service(s, "UserStore", n, p.Version, sql)
			service(s, "UserServices", n, p.Version, on, id(s, "UserStore", n))
			service(s, "Registrar", n, p.Version, on, id(s, "UserServices", n))
			regID[p.FQDN] = id(s, "Registrar", n)
			if p.FQDN == t.CMS.Pool {
				w("    <Service ServiceVersion=\"8\">%s<DependsOn /><InstalledOn>%s</InstalledOn><CentralMgmtService IsActive=\"true\" /></Service>\n",
					id(s, "CentralMgmt", 1), on)
			}
		}
	}
	for i, br := range t.Branches {
		service(len(t.Sites)+i+1, "Registrar", 1, topology.SfB2019, poolCluster[br.FQDN], regID[br.BackupRegistrar])
	}
	w("  </Services>\n</Topology>\n")
	return []byte(b.String())
}

// completionOf answers every gap from the original topology.
func completionOf(t *topology.Topology) *Completion {
	c := &Completion{Name: t.Name, Version: topology.SfB2019}
	for _, p := range t.Pools {
		if p.Role.IsFrontEnd() {
			users, bp := p.Users, p.BackupPool
			c.Pools = append(c.Pools, PoolAnswer{FQDN: p.FQDN, Users: &users, BackupPool: &bp})
		}
	}
	for _, br := range t.Branches {
		users := br.Users
		c.Branches = append(c.Branches, BranchAnswer{FQDN: br.FQDN, Users: &users})
	}
	return c
}

// TestLargeRoundTrip imports the large sample written as a published topology and completed
// from itself, and requires the original back, less what the XML does not hold.
func TestLargeRoundTrip(t *testing.T) {
	orig := topology.GenerateLarge()
	r := Import("large.xml", publishedXML(orig), Options{Completion: completionOf(orig)})
	require.False(t, r.Malformed, "%v", r.Findings)
	require.False(t, r.Gaps(), "%v", r.Findings)
	want := *orig
	want.Description = ""
	want.Sites = append([]topology.Site(nil), orig.Sites...)
	for i := range want.Sites {
		want.Sites[i].Region = ""
	}
	want.Pools = append([]topology.Pool(nil), orig.Pools...)
	for i := range want.Pools {
		p := &want.Pools[i]
		p.OS, p.SampleUsers, p.FederationRoute = "", nil, false
	}
	assert.Equal(t, &want, r.Document.Topology)
	assert.Len(t, r.Document.Topology.Pools, 280)
}

// BenchmarkImportLarge imports the large sample (40 sites, 280 pools, 2,000 servers) from
// the published format: go test -run '^$' -bench ImportLarge ./engine/importer.
func BenchmarkImportLarge(b *testing.B) {
	orig := topology.GenerateLarge()
	data := publishedXML(orig)
	c := completionOf(orig)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := Import("large.xml", data, Options{Completion: c})
		if r.Malformed || r.Gaps() {
			b.Fatal(r.Findings)
		}
	}
}
