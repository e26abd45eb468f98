package importer

import (
	"fmt"
	"sort"
	"strings"

	"failwright/engine/topology"
)

// The intermediate model both readers fill: the file's sites, clusters, SQL instances and
// services, linked by keys (the published format's site/number and site/role/instance, or
// Topology Builder's GUIDs, lower-cased).
type (
	xsite struct {
		key, name string
		branch    bool
		parent    string // a branch site's central site key
		n         *node
	}
	xcluster struct {
		key, fqdn, site string
		machines        []xmachine
		n               *node
	}
	xmachine struct {
		fqdn, fault, upgrade string
		ordinal              int
		n                    *node
	}
	xsql struct {
		key, name, cluster string
		alwaysOn           string // AlwaysOnPrimaryNodeFqdn
		mirror, witness    string // keys of other SQL instances
		n                  *node
	}
	xservice struct {
		key, role, version string
		on                 string // key of the cluster or SQL instance it is installed on
		deps               []xdep
		director, active   bool
		n                  *node
	}
	xdep struct {
		key, usage string
		n          *node
	}
)

// model is what a reader found, with its problems and notes.
type model struct {
	domain   string
	root     *node
	sites    []*xsite
	clusters []*xcluster
	sqls     []*xsql
	services []*xservice

	siteBy    map[string]*xsite
	clusterBy map[string]*xcluster
	sqlBy     map[string]*xsql
	serviceBy map[string]*xservice

	errs  topology.Findings
	notes map[string]*note
}

// note aggregates elements of one kind that failwright does not model.
type note struct {
	code, what string
	count      int
	pos        topology.Pos
}

func newModel() *model {
	return &model{siteBy: map[string]*xsite{}, clusterBy: map[string]*xcluster{}, sqlBy: map[string]*xsql{},
		serviceBy: map[string]*xservice{}, notes: map[string]*note{}}
}

// errorf records malformed input at n.
func (m *model) errorf(code string, n *node, fix, format string, args ...any) {
	if len(m.errs) >= topology.MaxDecodeFindings {
		return
	}
	m.errs = append(m.errs, topology.Finding{Code: code, Severity: topology.Error, Pos: n.pos, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// skip notes an element (and so its subtree) that failwright does not model, aggregated by
// what: "Ports of services", "SimpleUrlConfiguration".
func (m *model) skip(n *node, what string) {
	m.noteAt(CodeNotModelled, n.pos, what)
}

func (m *model) noteAt(code string, pos topology.Pos, what string) {
	if x, ok := m.notes[code+what]; ok {
		x.count++
		return
	}
	m.notes[code+what] = &note{code: code, what: what, count: 1, pos: pos}
}

// noteFindings turns the notes into info findings in file order.
func (m *model) noteFindings() topology.Findings {
	ns := make([]*note, 0, len(m.notes))
	for _, n := range m.notes {
		ns = append(ns, n)
	}
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].pos.Line != ns[j].pos.Line {
			return ns[i].pos.Line < ns[j].pos.Line
		}
		if ns[i].pos.Column != ns[j].pos.Column {
			return ns[i].pos.Column < ns[j].pos.Column
		}
		return ns[i].what < ns[j].what
	})
	var fs topology.Findings
	for _, n := range ns {
		msg := n.what
		if n.count > 1 {
			msg = fmt.Sprintf("%s (%d elements, the first here)", n.what, n.count)
		}
		fix := "nothing to do: the importer read it and failwright does not model it"
		if n.code == CodeDomains {
			fix = "nothing to do: failwright keeps the servers' order, which is what quorum depends on"
		}
		fs = append(fs, topology.Finding{Code: n.code, Severity: topology.Info, Pos: n.pos, Message: msg, Fix: fix})
	}
	return fs
}

// addSite, addCluster, addSQL and addService index an element by its key, refusing a key
// seen before.
func (m *model) addSite(s *xsite) {
	if _, dup := m.siteBy[s.key]; dup {
		m.errorf(CodeDangling, s.n, "give each site its own SiteId", "site id %s is used twice", s.key)
		return
	}
	m.siteBy[s.key] = s
	m.sites = append(m.sites, s)
}

func (m *model) addCluster(c *xcluster) {
	if _, dup := m.clusterBy[c.key]; dup {
		m.errorf(CodeDangling, c.n, "give each cluster its own identity", "cluster %s is defined twice", c.key)
		return
	}
	m.clusterBy[c.key] = c
	m.clusters = append(m.clusters, c)
}

func (m *model) addSQL(q *xsql) {
	if _, dup := m.sqlBy[q.key]; dup {
		m.errorf(CodeDangling, q.n, "give each SQL instance its own identity", "SQL instance %s is defined twice", q.key)
		return
	}
	m.sqlBy[q.key] = q
	m.sqls = append(m.sqls, q)
}

func (m *model) addService(s *xservice) {
	if _, dup := m.serviceBy[s.key]; dup {
		m.errorf(CodeDangling, s.n, "give each service its own identity", "service %s is defined twice", s.key)
		return
	}
	m.serviceBy[s.key] = s
	m.services = append(m.services, s)
}

// check reports every reference that names nothing: a cluster's site, a SQL instance's
// cluster, a service's host and dependencies, a mirror or witness, a branch's central site.
func (m *model) check() {
	for _, s := range m.sites {
		if s.branch && s.parent != "" && m.siteBy[s.parent] == nil {
			m.errorf(CodeDangling, s.n, "name a central site defined in the file", "branch site %q names central site %s, which the file does not define", s.name, s.parent)
		}
	}
	for _, c := range m.clusters {
		if m.siteBy[c.site] == nil {
			m.errorf(CodeDangling, c.n, "name a site defined in the file", "cluster %s is in site %s, which the file does not define", c.fqdn, c.site)
		}
	}
	for _, q := range m.sqls {
		if m.clusterBy[q.cluster] == nil {
			m.errorf(CodeDangling, q.n, "name a cluster defined in the file", "SQL instance %q is on cluster %s, which the file does not define", q.name, q.cluster)
		}
		for _, k := range []string{q.mirror, q.witness} {
			if k != "" && m.sqlBy[k] == nil {
				m.errorf(CodeDangling, q.n, "name a SQL instance defined in the file", "SQL instance %q names SQL instance %s as its mirror or witness, which the file does not define", q.name, k)
			}
		}
	}
	for _, s := range m.services {
		if m.clusterBy[s.on] == nil && m.sqlBy[s.on] == nil {
			m.errorf(CodeDangling, s.n, "name a cluster or SQL instance defined in the file", "service %s is installed on %s, which the file does not define", s.key, s.on)
		}
		for _, d := range s.deps {
			if m.serviceBy[d.key] == nil {
				m.errorf(CodeDangling, d.n, "name a service defined in the file", "service %s depends on service %s, which the file does not define", s.key, d.key)
			}
		}
	}
}

// lowerKey normalizes a key part: GUIDs and role names compare without case.
func lowerKey(parts ...string) string { return strings.ToLower(strings.Join(parts, ":")) }
