package importer

import (
	"strconv"
)

// readPublished reads the published topology (root Topology): sites, clusters identified by
// site and number, SQL instances by cluster and name, services by site, role and instance.
func readPublished(m *model, root *node) {
	for _, k := range root.kids {
		switch k.local {
		case "InternalDomains":
			m.domain = k.attr("DefaultDomain")
			m.skipKids(k, "InternalDomain", "internal SIP domains other than the default")
		case "Sites":
			for _, s := range k.kids {
				m.readSite(s, "")
			}
		case "Clusters":
			for _, c := range k.kids {
				m.readPublishedCluster(c)
			}
		case "SqlInstances":
			for _, q := range k.kids {
				m.readPublishedSQL(q)
			}
		case "Services":
			for _, s := range k.kids {
				m.readPublishedService(s)
			}
		default:
			m.skip(k, k.local+": not modelled")
		}
	}
}

// skipKids notes the children named local of n as what.
func (m *model) skipKids(n *node, local, what string) {
	for i, k := range n.kids {
		if k.local == local && i > 0 {
			m.skip(k, what)
		}
	}
}

// readSite reads a CentralSite or a BranchSite (RemoteSite); parent is the central site key
// of a branch site nested in one (Topology Builder).
func (m *model) readSite(s *node, parent string) *xsite {
	id := s.attr("SiteId")
	if id == "" {
		m.errorf(CodeMissingPart, s, "add SiteId=\"N\"", "%s without a SiteId", s.local)
		return nil
	}
	x := &xsite{key: lowerKey("site", id), n: s}
	if nm := s.child("Name"); nm != nil {
		x.name = nm.text
	}
	switch s.local {
	case "CentralSite":
	case "BranchSite", "RemoteSite":
		x.branch = true
		x.parent = parent
		if p := s.attr("CentralSiteId"); p != "" {
			x.parent = lowerKey("site", p)
		}
		if x.parent == "" {
			m.errorf(CodeMissingPart, s, "add CentralSiteId=\"N\" naming its central site", "branch site %q does not say its central site", x.name)
		}
	default:
		m.skip(s, s.local+": not modelled")
		return nil
	}
	m.addSite(x)
	return x
}

// clusterID reads a ClusterId element: the key of the cluster with that site and number.
func (m *model) clusterID(n *node) (string, bool) {
	c := n.child("ClusterId")
	if c == nil || c.attr("SiteId") == "" || c.attr("Number") == "" {
		m.errorf(CodeMissingPart, n, "add <ClusterId SiteId=\"N\" Number=\"N\" />", "%s without a ClusterId (SiteId and Number)", n.local)
		return "", false
	}
	return lowerKey("c", c.attr("SiteId"), c.attr("Number")), true
}

// sqlID reads a SqlInstanceId element (Name and ClusterId): the key of that instance.
func (m *model) sqlID(n *node) (string, bool) {
	c, ok := m.clusterID(n)
	if !ok {
		return "", false
	}
	return c + ":" + lowerKey(n.attr("Name")), true
}

func (m *model) readPublishedCluster(c *node) {
	if c.local != "Cluster" {
		m.skip(c, c.local+": not modelled")
		return
	}
	key, ok := m.clusterID(c)
	if !ok {
		return
	}
	id := c.child("ClusterId")
	x := &xcluster{key: key, fqdn: c.attr("Fqdn"), site: lowerKey("site", id.attr("SiteId")), n: c}
	for _, k := range c.kids {
		switch k.local {
		case "ClusterId":
		case "Machine":
			x.machines = append(x.machines, m.readMachine(k))
		default:
			m.skip(k, k.local+" of clusters: not modelled")
		}
	}
	m.addCluster(x)
}

// readMachine reads a Machine: its FQDN, fault and upgrade domains and ordinal.
func (m *model) readMachine(k *node) xmachine {
	x := xmachine{fqdn: k.attr("Fqdn"), fault: k.attr("FaultDomain"), upgrade: k.attr("UpgradeDomain"), n: k}
	if o, err := strconv.Atoi(k.attr("OrdinalInCluster")); err == nil {
		x.ordinal = o
	}
	for _, n := range k.kids {
		if n.local == "NetInterface" {
			m.skip(n, "network interfaces (NetInterface) of servers: not modelled")
		} else {
			m.skip(n, n.local+" of servers: not modelled")
		}
	}
	return x
}

func (m *model) readPublishedSQL(q *node) {
	if q.local != "SqlInstance" {
		m.skip(q, q.local+": not modelled")
		return
	}
	id := q.child("SqlInstanceId")
	if id == nil {
		m.errorf(CodeMissingPart, q, "add <SqlInstanceId Name=\"...\"> with its ClusterId", "SqlInstance without a SqlInstanceId")
		return
	}
	key, ok := m.sqlID(id)
	if !ok {
		return
	}
	cl, _ := m.clusterID(id)
	x := &xsql{key: key, name: id.attr("Name"), cluster: cl, alwaysOn: q.attr("AlwaysOnPrimaryNodeFqdn"), n: q}
	for _, k := range q.kids {
		switch k.local {
		case "SqlInstanceId":
		case "MirrorSqlInstanceId":
			x.mirror, _ = m.sqlID(k)
		case "WitnessSqlInstanceId":
			x.witness, _ = m.sqlID(k)
		default:
			m.skip(k, k.local+" of SQL instances: not modelled")
		}
	}
	m.addSQL(x)
}

// serviceID reads a ServiceId element: the key of the service with that site, role and
// instance.
func (m *model) serviceID(n *node) (key, role string, ok bool) {
	s := n.child("ServiceId")
	if s == nil || s.attr("SiteId") == "" || s.attr("RoleName") == "" || s.attr("Instance") == "" {
		m.errorf(CodeMissingPart, n, "add <ServiceId SiteId=\"N\" RoleName=\"...\" Instance=\"N\" />", "%s without a ServiceId (SiteId, RoleName and Instance)", n.local)
		return "", "", false
	}
	return lowerKey("v", s.attr("SiteId"), s.attr("RoleName"), s.attr("Instance")), s.attr("RoleName"), true
}

func (m *model) readPublishedService(s *node) {
	if s.local != "Service" {
		m.skip(s, s.local+": not modelled")
		return
	}
	key, role, ok := m.serviceID(s)
	if !ok {
		return
	}
	x := &xservice{key: key, role: role, version: s.attr("ServiceVersion"), n: s}
	for _, k := range s.kids {
		switch k.local {
		case "ServiceId":
		case "InstalledOn":
			if q := k.child("SqlInstanceId"); q != nil {
				x.on, _ = m.sqlID(q)
			} else {
				x.on, _ = m.clusterID(k)
			}
		case "DependsOn":
			for _, d := range k.kids {
				if dk, _, ok := m.serviceID(d); ok {
					x.deps = append(x.deps, xdep{key: dk, usage: d.attr("Usage"), n: d})
				}
			}
		default:
			m.serviceDetail(x, k)
		}
	}
	if x.on == "" && s.child("InstalledOn") == nil {
		m.errorf(CodeMissingPart, s, "add <InstalledOn> with the cluster or SQL instance", "service %s does not say where it is installed", key)
	}
	m.addService(x)
}

// serviceDetail reads a service's role-specific element (both formats): whether a registrar
// is a Director, whether a Central Management service is the active one; others are noted.
func (m *model) serviceDetail(x *xservice, k *node) {
	switch k.local {
	case "RegistrarService":
		x.director = k.attr("IsDirector") == "true"
	case "CentralMgmtService":
		x.active = k.attr("IsActive") == "true"
	case "Ports":
		if len(k.kids) > 0 {
			m.skip(k, "Ports of services: not modelled")
		}
	default:
		m.skip(k, k.local+" of "+x.role+" services: not modelled")
	}
}
