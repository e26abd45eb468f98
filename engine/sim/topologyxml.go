package sim

// Get-CsTopology: the published topology as an object summary, or with -AsXml in the
// published format (root Topology in the Topology.2008 namespace; docs/import.md, "Collector",
// shows the shape).

import (
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// Namespaces of the published topology.
const (
	nsTopology     = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"
	nsServiceRoles = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"
)

func cmdGetTopology(c *ctx) {
	if c.cmd.Switch("AsXml") {
		for _, line := range strings.Split(strings.TrimSuffix(topologyXML(c.s), "\n"), "\n") {
			c.outf("%s", line)
		}
		return
	}
	x := c.s.x
	var sites, clusters, machines []string
	for _, s := range x.sites {
		sites = append(sites, "Site:"+s.name)
	}
	for _, p := range x.pools {
		clusters = append(clusters, p.fqdn)
		machines = append(machines, p.servers...)
	}
	for _, b := range x.branches {
		clusters = append(clusters, b.fqdn)
		machines = append(machines, b.fqdn)
	}
	c.list([]kv{{"Sites", set(sites...)}, {"Clusters", set(clusters...)}, {"Machines", set(machines...)}})
}

// xmlWriter writes indented XML, two spaces a level, as the product's XmlWriter does.
type xmlWriter struct {
	b     strings.Builder
	depth int
}

// attr escapes s for an XML attribute or text, as encoding/xml's EscapeText does (a fuzz test
// holds them equal): written here so that encoding/xml stays out of the page's wasm, which
// runs the simulator.
func attr(s string) string {
	var b strings.Builder
	for _, r := range s { // an invalid byte reads as U+FFFD, which EscapeText writes too
		switch r {
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			if !xmlChar(r) {
				r = '\uFFFD'
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r may appear in an XML document (the Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// open writes <name attrs...> (or <name attrs... /> when empty) and goes one level in.
func (w *xmlWriter) open(name string, empty bool, attrs ...string) {
	w.b.WriteString(strings.Repeat("  ", w.depth) + "<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		fmt.Fprintf(&w.b, ` %s="%s"`, attrs[i], attr(attrs[i+1]))
	}
	if empty {
		w.b.WriteString(" />\n")
		return
	}
	w.b.WriteString(">\n")
	w.depth++
}

func (w *xmlWriter) leaf(name string, attrs ...string) { w.open(name, true, attrs...) }

func (w *xmlWriter) text(name, value string) {
	fmt.Fprintf(&w.b, "%s<%s>%s</%s>\n", strings.Repeat("  ", w.depth), name, attr(value), name)
}

func (w *xmlWriter) close(name string) {
	w.depth--
	w.b.WriteString(strings.Repeat("  ", w.depth) + "</" + name + ">\n")
}

// clusterID is a cluster's identity in the published topology: its site and number there.
type clusterID struct{ site, number int }

func (w *xmlWriter) clusterID(id clusterID) {
	w.leaf("ClusterId", "SiteId", fmt.Sprint(id.site), "Number", fmt.Sprint(id.number))
}

// serviceID is a service's identity: site, role and instance.
type serviceID struct {
	site     int
	role     string
	instance int
}

func (w *xmlWriter) serviceID(id serviceID) {
	w.leaf("ServiceId", "SiteId", fmt.Sprint(id.site), "RoleName", id.role, "Instance", fmt.Sprint(id.instance))
}

// sqlStore is a SQL Server cluster and instance.
type sqlStore struct {
	cluster  clusterID
	instance string
}

func (w *xmlWriter) sqlInstanceID(tag string, s sqlStore) {
	w.open(tag, false, "Name", s.instance)
	w.clusterID(s.cluster)
	w.close(tag)
}

// topologyPlan numbers what the XML names: sites, clusters, SQL instances and services.
type topologyPlan struct {
	x        *index
	s        *Sim
	siteID   []int // central sites: 1..n
	branchID []int // branch sites: n+1..
	pool     []clusterID
	branch   []clusterID
	backEnd  []sqlStore // per pool; cluster number 0 when none
	mirror   []sqlStore
	witness  []sqlStore
	sqlFQDN  map[string]clusterID
	clusters []xmlCluster
	nextNum  map[int]int
	nextInst map[string]int
}

// xmlCluster is a cluster to write: its identity, FQDN and machines.
type xmlCluster struct {
	id       clusterID
	fqdn     string
	machines []string
	sql      bool
}

func (t *topologyPlan) newCluster(site int, fqdn string, machines []string, sql bool) clusterID {
	t.nextNum[site]++
	id := clusterID{site, t.nextNum[site]}
	t.clusters = append(t.clusters, xmlCluster{id: id, fqdn: fqdn, machines: machines, sql: sql})
	return id
}

// sqlCluster returns the cluster of a SQL Server, adding it the first time.
func (t *topologyPlan) sqlCluster(site int, fqdn string) clusterID {
	k := strings.ToLower(fqdn)
	if id, ok := t.sqlFQDN[k]; ok {
		return id
	}
	id := t.newCluster(site, fqdn, []string{fqdn}, true)
	t.sqlFQDN[k] = id
	return id
}

func (t *topologyPlan) service(site int, role string) serviceID {
	k := fmt.Sprintf("%d/%s", site, role)
	t.nextInst[k]++
	return serviceID{site, role, t.nextInst[k]}
}

func sqlInstanceName(s string) string {
	if s == "" {
		return "MSSQLSERVER" // the default instance
	}
	return s
}

func planTopology(s *Sim) *topologyPlan {
	x := s.x
	t := &topologyPlan{x: x, s: s, sqlFQDN: map[string]clusterID{}, nextNum: map[int]int{}, nextInst: map[string]int{}}
	for i := range x.sites {
		t.siteID = append(t.siteID, i+1)
	}
	for i := range x.branches {
		t.branchID = append(t.branchID, len(x.sites)+i+1)
	}
	for _, p := range x.pools {
		site := t.siteID[p.site]
		t.pool = append(t.pool, t.newCluster(site, p.fqdn, p.servers, false))
	}
	for i, b := range x.branches {
		t.branch = append(t.branch, t.newCluster(t.branchID[i], b.fqdn, []string{b.fqdn}, false))
	}
	for i, p := range x.pools {
		site := t.siteID[p.site]
		var be, mi, wi sqlStore
		switch {
		case p.hasBE:
			be = sqlStore{t.sqlCluster(site, p.beFQDN), sqlInstanceName(p.beInst)}
			if p.hasMirror {
				mi = sqlStore{t.sqlCluster(site, p.mirror), sqlInstanceName(p.mirrInst)}
				if w := p.pool.BackEnd.Witness; w != "" {
					wi = sqlStore{t.sqlCluster(site, w), sqlInstanceName("")}
				}
			}
		case p.role == topology.FrontEndStandard:
			be = sqlStore{t.pool[i], "RTC"} // Standard Edition: SQL Express on the server
		}
		t.backEnd, t.mirror, t.witness = append(t.backEnd, be), append(t.mirror, mi), append(t.witness, wi)
	}
	return t
}

// topologyXML renders the topology the way Get-CsTopology -AsXml returns it, with the Edge
// next hops and the Central Management store where they are now (the simulator publishes
// what Set-CsEdgeServer and a CMS failover change).
func topologyXML(s *Sim) string {
	x := s.x
	t := planTopology(s)
	w := &xmlWriter{}
	w.open("Topology", false, "xmlns", nsTopology)
	if d := x.topo.SIPDomain; d != "" {
		w.open("InternalDomains", false, "AllowAllDomains", "false", "DefaultDomain", d)
		w.leaf("InternalDomain", "Name", d, "Authoritative", "false", "AllowSubDomains", "false")
		w.close("InternalDomains")
	}
	w.open("Sites", false)
	for i, s := range x.sites {
		w.open("CentralSite", false, "SiteId", fmt.Sprint(t.siteID[i]))
		w.text("Name", s.name)
		w.leaf("Location")
		w.close("CentralSite")
	}
	for i, b := range x.branches {
		central := ""
		if b.site >= 0 {
			central = fmt.Sprint(t.siteID[b.site])
		}
		w.open("BranchSite", false, "SiteId", fmt.Sprint(t.branchID[i]), "CentralSiteId", central)
		w.text("Name", strings.SplitN(b.fqdn, ".", 2)[0])
		w.leaf("Location")
		w.close("BranchSite")
	}
	w.close("Sites")
	w.open("Clusters", false)
	for _, cl := range t.clusters {
		w.open("Cluster", false, "RequiresReplication", boolAttr(!cl.sql), "RequiresSetup", boolAttr(!cl.sql), "Fqdn", cl.fqdn)
		w.clusterID(cl.id)
		for n, m := range cl.machines {
			w.open("Machine", false, "OrdinalInCluster", fmt.Sprint(n+1), "Fqdn", m, "FaultDomain", m, "UpgradeDomain", m)
			w.leaf("NetInterface", "InterfaceSide", "Primary", "InterfaceNumber", "1", "IPAddress", "0.0.0.0")
			w.close("Machine")
		}
		w.close("Cluster")
	}
	w.close("Clusters")
	t.writeSQLInstances(w)
	t.writeServices(w)
	w.close("Topology")
	return w.b.String()
}

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// writeSQLInstances writes each back end's SQL instance once: an AlwaysOn one with
// AlwaysOnPrimaryNodeFqdn (the listener's FQDN: the simulator knows no nodes), a mirrored one
// with MirrorSqlInstanceId and WitnessSqlInstanceId children naming the mirror's and the
// witness's instances, which follow as SqlInstances of their own. The mirror and witness
// spelling is failwright's where no public sample showed the product's (docs/import.md).
func (t *topologyPlan) writeSQLInstances(w *xmlWriter) {
	w.open("SqlInstances", false)
	seen := map[sqlStore]bool{}
	plain := func(s sqlStore) {
		if s.cluster.number == 0 || seen[s] {
			return
		}
		seen[s] = true
		w.open("SqlInstance", false)
		w.sqlInstanceID("SqlInstanceId", s)
		w.close("SqlInstance")
	}
	for i, be := range t.backEnd {
		if be.cluster.number == 0 || seen[be] {
			continue
		}
		seen[be] = true
		p := t.x.pools[i].pool
		switch {
		case p.BackEnd != nil && p.BackEnd.HA == topology.HAAlwaysOn:
			w.open("SqlInstance", false, "AlwaysOnPrimaryNodeFqdn", p.BackEnd.FQDN)
			w.sqlInstanceID("SqlInstanceId", be)
		case t.mirror[i].cluster.number != 0:
			w.open("SqlInstance", false)
			w.sqlInstanceID("SqlInstanceId", be)
			w.sqlInstanceID("MirrorSqlInstanceId", t.mirror[i])
			if t.witness[i].cluster.number != 0 {
				w.sqlInstanceID("WitnessSqlInstanceId", t.witness[i])
			}
		default:
			w.open("SqlInstance", false)
			w.sqlInstanceID("SqlInstanceId", be)
		}
		w.close("SqlInstance")
		plain(t.mirror[i])
		plain(t.witness[i])
	}
	w.close("SqlInstances")
}

// xmlService is one service to write.
type xmlService struct {
	id        serviceID
	version   string
	typ       string // the Type attribute's last part, "" for none
	dependsOn []serviceID
	onCluster clusterID
	onSQL     *sqlStore
	role      []string // the role element's name and attributes, nil for none
}

func (w *xmlWriter) service(s xmlService) {
	attrs := []string{"RoleVersion", "1", "ServiceVersion", s.version}
	if s.typ != "" {
		attrs = append(attrs, "Type", "Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles."+s.typ)
	}
	w.open("Service", false, attrs...)
	w.serviceID(s.id)
	if len(s.dependsOn) == 0 {
		w.leaf("DependsOn")
	} else {
		w.open("DependsOn", false)
		for _, d := range s.dependsOn {
			w.open("Dependency", false, "Usage", "Default")
			w.serviceID(d)
			w.close("Dependency")
		}
		w.close("DependsOn")
	}
	w.open("InstalledOn", false)
	if s.onSQL != nil {
		w.sqlInstanceID("SqlInstanceId", *s.onSQL)
	} else {
		w.clusterID(s.onCluster)
	}
	w.close("InstalledOn")
	w.leaf("Ports", "xmlns", nsServiceRoles)
	if s.role != nil {
		w.leaf(s.role[0], append([]string{"xmlns", nsServiceRoles}, s.role[1:]...)...)
	}
	w.close("Service")
}

// writeServices writes every pool's services: user services, registrar and stores for Front End
// pools, the registrar of Directors and branch appliances, the Central Management service and
// store, and each Edge pool's service with its next hop's registrar as its dependency.
func (t *topologyPlan) writeServices(w *xmlWriter) {
	x, st := t.x, &t.s.st
	reg := make([]serviceID, len(x.pools))
	var out []xmlService
	for i, p := range x.pools {
		site, ver := t.siteID[p.site], serviceVersion(p.version)
		switch {
		case p.role.IsFrontEnd():
			store := t.service(site, "UserStore")
			user := t.service(site, "UserServices")
			reg[i] = t.service(site, "Registrar")
			be := t.backEnd[i]
			out = append(out,
				xmlService{id: store, version: ver, onSQL: &be},
				xmlService{id: user, version: ver, dependsOn: []serviceID{store}, onCluster: t.pool[i]},
				xmlService{id: reg[i], version: ver, typ: "RegistrarService", dependsOn: []serviceID{user}, onCluster: t.pool[i],
					role: []string{"RegistrarService", "IsDirector", "false"}})
			if st.cmsPool == i {
				cms := t.service(site, "CentralMgmtStore")
				out = append(out,
					xmlService{id: cms, version: ver, onSQL: &be},
					xmlService{id: t.service(site, "CentralMgmt"), version: ver, typ: "CentralMgmtService", dependsOn: []serviceID{cms}, onCluster: t.pool[i],
						role: []string{"CentralMgmtService", "IsActive", "true"}})
			}
		case p.role == topology.Director:
			reg[i] = t.service(site, "Registrar")
			out = append(out, xmlService{id: reg[i], version: ver, typ: "RegistrarService", onCluster: t.pool[i],
				role: []string{"RegistrarService", "IsDirector", "true"}})
		}
	}
	for i, b := range x.branches {
		ver := serviceVersion(t.s.versionFor0())
		if b.backup >= 0 {
			ver = serviceVersion(x.pools[b.backup].version)
		}
		out = append(out, xmlService{id: t.service(t.branchID[i], "Registrar"), version: ver, typ: "RegistrarService", onCluster: t.branch[i],
			role: []string{"RegistrarService", "IsDirector", "false"}})
	}
	for i, p := range x.pools {
		if p.role != topology.Edge {
			continue
		}
		s := xmlService{id: t.service(t.siteID[p.site], "EdgeServer"), version: serviceVersion(p.version), typ: "EdgeService", onCluster: t.pool[i]}
		if h := st.nextHop[i]; h >= 0 && reg[h].role != "" {
			s.dependsOn = []serviceID{reg[h]}
		}
		out = append(out, s)
	}
	w.open("Services", false)
	for _, s := range out {
		w.service(s)
	}
	w.close("Services")
}
