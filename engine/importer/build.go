package importer

import (
	"sort"
	"strconv"
	"strings"

	"failwright/engine/topology"
)

// poolRoles are the services that make up each kind of pool; other services collocated on a
// pool's cluster are noted (FW1152).
var poolRoles = map[topology.Role]map[string]bool{
	topology.FrontEndEnterprise: {"userservices": true, "registrar": true, "webservices": true, "confservices": true, "applicationserver": true, "centralmgmt": true},
	topology.Director:           {"registrar": true, "webservices": true},
	topology.Edge:               {"edgeserver": true, "managementservices": true},
}

// built is the topology made from a model, with what the completion step needs.
type built struct {
	t   *topology.Topology
	src topology.Source
	// choice marks pools whose version the file gives as the 2019 code line (2019 or SE);
	// unknown holds the service versions failwright does not know, by pool index.
	choice  map[int]bool
	unknown map[int]string
}

// serviceVersions maps a service's ServiceVersion to the product: 6 is Lync Server 2013, 7
// Skype for Business Server 2015, 8 the 2019 code line (2019 and Subscription Edition).
var serviceVersions = map[string]topology.Version{"6": topology.Lync2013, "7": topology.SfB2015, "8": topology.SfB2019}

// build maps the model to a topology.
func (m *model) build() *built {
	b := &built{t: &topology.Topology{SIPDomain: m.domain}, src: topology.Source{}, choice: map[int]bool{}, unknown: map[int]string{}}
	t := b.t
	b.src[""] = m.root.pos
	for _, s := range m.sites {
		if !s.branch {
			t.Sites = append(t.Sites, topology.Site{Name: s.name})
			b.src[t.SitePath(len(t.Sites)-1)] = s.n.pos
		}
	}
	on := map[string][]*xservice{}
	for _, s := range m.services {
		on[s.on] = append(on[s.on], s)
	}
	poolOf := map[string]string{}    // cluster key -> pool or branch FQDN
	backEndOf := map[string]string{} // SQL instance key -> pool FQDN
	for _, c := range m.clusters {
		m.buildCluster(b, c, on[c.key], poolOf, backEndOf)
	}
	m.link(b, poolOf, backEndOf)
	return b
}

// has returns the first service of a role among svcs.
func has(svcs []*xservice, role string) *xservice {
	for _, s := range svcs {
		if strings.EqualFold(s.role, role) {
			return s
		}
	}
	return nil
}

// buildCluster makes a pool or a branch of a cluster, or notes a cluster failwright does not
// model.
func (m *model) buildCluster(b *built, c *xcluster, svcs []*xservice, poolOf, backEndOf map[string]string) {
	site := m.siteBy[c.site]
	if site == nil {
		return
	}
	edge, reg, us := has(svcs, "EdgeServer"), has(svcs, "Registrar"), has(svcs, "UserServices")
	switch {
	case reg != nil && site.branch:
		parent := m.siteBy[site.parent]
		br := topology.Branch{FQDN: c.fqdn}
		if parent != nil {
			br.Site = parent.name
		}
		b.t.Branches = append(b.t.Branches, br)
		b.src[b.t.BranchPath(len(b.t.Branches)-1)] = c.n.pos
		poolOf[c.key] = c.fqdn
		return
	case edge == nil && (reg == nil || !reg.director && us == nil):
		if len(svcs) > 0 && !m.hostsSQL(c.key) {
			m.noteAt(CodeNotModelled, c.n.pos, "clusters running only "+roleList(svcs)+": not modelled")
		}
		return
	}
	p := topology.Pool{FQDN: c.fqdn, Site: site.name}
	main := reg
	switch {
	case edge != nil:
		p.Role, main = topology.Edge, edge
	case reg.director:
		p.Role = topology.Director
	default:
		p.Role = topology.FrontEndEnterprise
		if q := m.userStore(us); q != nil {
			if q.cluster == c.key {
				p.Role = topology.FrontEndStandard
			} else {
				p.BackEnd = m.backEnd(q)
			}
			backEndOf[q.key] = c.fqdn
		}
	}
	known := poolRoles[p.Role]
	if p.Role == topology.FrontEndStandard {
		known = poolRoles[topology.FrontEndEnterprise]
	}
	for _, s := range svcs {
		if !known[strings.ToLower(s.role)] {
			m.noteAt(CodeCollocated, s.n.pos, s.role+" collocated on pools: not modelled")
		}
	}
	i := len(b.t.Pools)
	if v, ok := serviceVersions[main.version]; ok {
		p.Version = v
		b.choice[i] = v == topology.SfB2019
	} else {
		b.unknown[i] = main.version
	}
	b.t.Pools = append(b.t.Pools, p)
	path := b.t.PoolPath(i)
	b.src[path] = c.n.pos
	b.src[path+".version"] = main.n.pos
	m.servers(b, c, i, path)
	poolOf[c.key] = c.fqdn
}

// servers fills a pool's servers in topology order (OrdinalInCluster where given, else the
// file's), a machine without an FQDN taking the cluster's (a Standard Edition server).
func (m *model) servers(b *built, c *xcluster, i int, path string) {
	ms := append([]xmachine(nil), c.machines...)
	sort.SliceStable(ms, func(a, z int) bool { return ms[a].ordinal < ms[z].ordinal })
	p := &b.t.Pools[i]
	for j, x := range ms {
		fqdn := x.fqdn
		if fqdn == "" {
			fqdn = c.fqdn
		}
		p.Servers = append(p.Servers, topology.Server{FQDN: fqdn})
		b.src[path+".servers["+strconv.Itoa(j)+"]"] = x.n.pos
		if x.fault != "" || x.upgrade != "" {
			m.noteAt(CodeDomains, x.n.pos, "fault and upgrade domains of servers (FaultDomain, UpgradeDomain): not modelled")
		}
	}
}

// hostsSQL reports whether a cluster holds a SQL instance (a back end or store).
func (m *model) hostsSQL(cluster string) bool {
	for _, q := range m.sqls {
		if q.cluster == cluster {
			return true
		}
	}
	return false
}

// roleList names the roles of services, in order, once each.
func roleList(svcs []*xservice) string {
	var out []string
	for _, s := range svcs {
		if !containsFold(out, s.role) {
			out = append(out, s.role)
		}
	}
	return strings.Join(out, ", ")
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// userStore is the SQL instance of the UserStore service the user services depend on.
func (m *model) userStore(us *xservice) *xsql {
	if us == nil {
		return nil
	}
	for _, d := range us.deps {
		if s := m.serviceBy[d.key]; s != nil && strings.EqualFold(s.role, "UserStore") {
			return m.sqlBy[s.on]
		}
	}
	return nil
}

// backEnd maps a SQL instance to a pool's back end: AlwaysOn where the instance names its
// primary node, mirroring where it names a mirror.
func (m *model) backEnd(q *xsql) *topology.BackEnd {
	be := &topology.BackEnd{FQDN: m.sqlFQDN(q), Instance: instanceName(q.name)}
	switch {
	case q.alwaysOn != "":
		be.HA = topology.HAAlwaysOn
	case q.mirror != "":
		be.HA = topology.HAMirroring
		if mq := m.sqlBy[q.mirror]; mq != nil {
			be.Mirror = &topology.SQLStore{FQDN: m.sqlFQDN(mq), Instance: instanceName(mq.name)}
		}
		if w := m.sqlBy[q.witness]; w != nil {
			be.Witness = m.sqlFQDN(w)
		}
	}
	return be
}

// instanceName is a SQL instance's name in the model: "" for the default instance, which
// a file may name MSSQLSERVER.
func instanceName(s string) string {
	if strings.EqualFold(s, "MSSQLSERVER") {
		return ""
	}
	return s
}

// sqlFQDN is the FQDN of the cluster a SQL instance is on.
func (m *model) sqlFQDN(q *xsql) string {
	if c := m.clusterBy[q.cluster]; c != nil {
		return c.fqdn
	}
	return ""
}

// link fills what depends on other clusters: an Edge pool's next hop (its dependency on a
// registrar), a branch's backup registrar (its registrar's dependency on another registrar)
// and the pool of the active Central Management store.
func (m *model) link(b *built, poolOf, backEndOf map[string]string) {
	regOf := func(s *xservice) string {
		for _, d := range s.deps {
			if r := m.serviceBy[d.key]; r != nil && strings.EqualFold(r.role, "Registrar") && r.on != s.on {
				return poolOf[r.on]
			}
		}
		return ""
	}
	byPool := map[string]*xservice{}
	for _, s := range m.services {
		if strings.EqualFold(s.role, "EdgeServer") || strings.EqualFold(s.role, "Registrar") {
			if f := poolOf[s.on]; f != "" && byPool[strings.ToLower(f)] == nil {
				byPool[strings.ToLower(f)] = s
			}
		}
	}
	for i := range b.t.Pools {
		p := &b.t.Pools[i]
		if s := byPool[strings.ToLower(p.FQDN)]; p.Role == topology.Edge && s != nil {
			p.NextHop = regOf(s)
		}
	}
	for i := range b.t.Branches {
		if s := byPool[strings.ToLower(b.t.Branches[i].FQDN)]; s != nil {
			b.t.Branches[i].BackupRegistrar = regOf(s)
		}
	}
	var cms *xservice // the active Central Management service; an inactive one is a standby
	for _, s := range m.services {
		if strings.EqualFold(s.role, "CentralMgmt") && s.active && cms == nil {
			cms = s
		}
	}
	if cms == nil {
		return
	}
	b.src["cms"] = cms.n.pos
	if f := poolOf[cms.on]; f != "" {
		b.t.CMS.Pool = f
		return
	}
	for _, d := range cms.deps {
		if s := m.serviceBy[d.key]; s != nil && strings.EqualFold(s.role, "CentralMgmtStore") {
			b.t.CMS.Pool = backEndOf[s.on]
		}
	}
}
