package importer

// readBuilder reads a Topology Builder document (root TopologyBuilder): the PartialTopology
// of its NewTopology, whose clusters, SQL instances and services are linked by GUID.
func readBuilder(m *model, root *node) {
	var part *node
	for _, k := range root.kids {
		switch k.local {
		case "NewTopology":
			part = k.child("PartialTopology")
			if part == nil {
				m.errorf(CodeMissingPart, k, "save the topology again in Topology Builder", "NewTopology without a PartialTopology")
				return
			}
		case "OldTopology":
			m.skip(k, "OldTopology (the topology as last published): not read; the importer reads NewTopology")
		default:
			m.skip(k, k.local+": not modelled")
		}
	}
	if part == nil {
		m.errorf(CodeMissingPart, root, "save the topology again in Topology Builder", "TopologyBuilder without a NewTopology")
		return
	}
	for _, k := range part.kids {
		switch k.local {
		case "InternalDomains":
			m.domain = k.attr("DefaultDomain")
			m.skipKids(k, "InternalDomain", "internal SIP domains other than the default")
		case "CentralSites":
			for _, s := range k.kids {
				m.readBuilderSite(s, "")
			}
		case "Services":
			for _, s := range k.kids {
				m.readBuilderService(s)
			}
		default:
			m.skip(k, k.local+": not modelled")
		}
	}
}

// readBuilderSite reads a central or branch site with its clusters and, for a central site,
// its branch sites (RemoteSites).
func (m *model) readBuilderSite(s *node, parent string) {
	x := m.readSite(s, parent)
	if x == nil {
		return
	}
	for _, k := range s.kids {
		switch k.local {
		case "Name":
		case "Clusters":
			for _, c := range k.kids {
				m.readBuilderCluster(c, x.key)
			}
		case "RemoteSites", "BranchSites":
			for _, b := range k.kids {
				m.readBuilderSite(b, x.key)
			}
		default:
			if k.text != "" || len(k.kids) > 0 {
				m.skip(k, k.local+" of sites: not modelled")
			}
		}
	}
}

func (m *model) readBuilderCluster(c *node, site string) {
	if c.local != "Cluster" {
		m.skip(c, c.local+": not modelled")
		return
	}
	id := c.attr("UniqueId")
	if id == "" {
		m.errorf(CodeMissingPart, c, "add UniqueId=\"GUID\"", "Cluster without a UniqueId")
		return
	}
	x := &xcluster{key: lowerKey(id), fqdn: c.attr("Fqdn"), site: site, n: c}
	for _, k := range c.kids {
		switch k.local {
		case "Machines":
			for _, mc := range k.kids {
				x.machines = append(x.machines, m.readMachine(mc))
			}
		case "SqlInstances":
			for _, q := range k.kids {
				m.readBuilderSQL(q, x.key)
			}
		default:
			m.skip(k, k.local+" of clusters: not modelled")
		}
	}
	m.addCluster(x)
}

func (m *model) readBuilderSQL(q *node, cluster string) {
	id := q.attr("UniqueId")
	if id == "" {
		m.errorf(CodeMissingPart, q, "add UniqueId=\"GUID\"", "SqlInstance without a UniqueId")
		return
	}
	x := &xsql{key: lowerKey(id), name: q.attr("Name"), cluster: cluster, alwaysOn: q.attr("AlwaysOnPrimaryNodeFqdn"),
		mirror: lowerKey(q.attr("MirrorSqlInstanceId")), witness: lowerKey(q.attr("WitnessSqlInstanceId")), n: q}
	for _, k := range q.kids {
		m.skip(k, k.local+" of SQL instances: not modelled")
	}
	m.addSQL(x)
}

func (m *model) readBuilderService(s *node) {
	id := s.attr("UniqueId")
	if s.local != "Service" || id == "" || s.attr("RoleName") == "" {
		m.errorf(CodeMissingPart, s, "give each Service a UniqueId, a RoleName and InstalledOn", "%s without a UniqueId or a RoleName", s.local)
		return
	}
	x := &xservice{key: lowerKey(id), role: s.attr("RoleName"), version: s.attr("ServiceVersion"), on: lowerKey(s.attr("InstalledOn")), n: s}
	for _, k := range s.kids {
		if k.local != "DependsOn" {
			m.serviceDetail(x, k)
			continue
		}
		for _, d := range k.kids {
			if ref := d.attr("ServiceUniqueId"); ref != "" {
				x.deps = append(x.deps, xdep{key: lowerKey(ref), usage: d.attr("Usage"), n: d})
			} else {
				m.errorf(CodeMissingPart, d, "add ServiceUniqueId=\"GUID\"", "Dependency without a ServiceUniqueId")
			}
		}
	}
	m.addService(x)
}
