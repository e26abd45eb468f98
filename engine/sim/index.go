package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/engine/features"
	"failwright/engine/topology"
)

// index is the read-only view of the topology the simulator works from: every name resolved to
// a number once, so that the state can live in slices. Clones share it.
type index struct {
	topo       *topology.Topology
	sites      []siteInfo
	pools      []poolInfo
	branches   []branchInfo
	dirs       []dirInfo // Backup Service directions, sorted by From then To (FQDN)
	siteByName map[string]int
	poolByFQDN map[string]int
	server     map[string][2]int // lower-case server FQDN -> pool, position
	userByURI  map[string]int    // lower-case sample SIP URI -> pool
	nServers   int
	totalUsers int
	cmsPool    int   // the pool hosting the CMS at the start, or -1
	edges      []int // Edge pools, in topology order
	frontEnds  []int // Front End pools, in topology order
	fedPool    int   // the Edge pool carrying the federation route at the start, or -1
	syncEvery  time.Duration
	// rules judge which features users have (engine/features); modelled is true when the
	// topology has any of the parts a pool failover does not bring back, so that feature
	// changes are logged.
	rules    *features.Rules
	modelled bool
}

type siteInfo struct {
	name  string
	pools []int
}

type poolInfo struct {
	fqdn      string
	site      int
	role      topology.Role
	version   topology.Version
	partner   int // paired Front End pool, or -1
	serverOff int // first server in the flat server slices
	servers   []string
	users     int
	nextHop   int // Edge: initial next hop pool, or -1
	mediaEdge int // Front End: the Edge pool associated for media at the start, or -1
	hasBE     bool
	beFQDN    string
	beInst    string
	hasMirror bool
	// manualBE is true for SQL mirroring without a witness: the back end does not fail over
	// to the mirror by itself (Invoke-CsDatabaseFailover does it).
	manualBE bool
	// noHA is true for a back end without high availability (HA None): nothing can fail it over.
	noHA     bool
	mirror   string
	mirrInst string
	detect   time.Duration // registrar failure detection
	failback time.Duration // registrar failback detection
	dirOut   int           // Backup Service direction this pool -> partner, or -1
	sample   []string
	pool     *topology.Pool
}

type branchInfo struct {
	fqdn   string
	site   int
	users  int
	backup int // backup registrar pool, or -1
}

type dirInfo struct {
	from, to int
}

// isFE reports whether pool p is a Front End pool.
func (x *index) isFE(p int) bool { return x.pools[p].role.IsFrontEnd() }

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// buildIndex resolves every name in t. It fails on what the simulator cannot run with (unknown
// sites or pools, duplicate names); validation reports those and more with model paths.
func buildIndex(t *topology.Topology) (*index, error) {
	x := &index{
		topo:       t,
		siteByName: map[string]int{},
		poolByFQDN: map[string]int{},
		server:     map[string][2]int{},
		userByURI:  map[string]int{},
		cmsPool:    -1,
		fedPool:    -1,
		syncEvery:  time.Duration(t.BackupService.EffectiveSyncIntervalSeconds()) * time.Second,
	}
	for i, s := range t.Sites {
		k := lower(s.Name)
		if _, dup := x.siteByName[k]; dup {
			return nil, fmt.Errorf("sim: sites[%d]: duplicate site %q", i, s.Name)
		}
		x.siteByName[k] = i
		x.sites = append(x.sites, siteInfo{name: s.Name})
	}
	for i := range t.Pools {
		if err := x.addPool(i, &t.Pools[i]); err != nil {
			return nil, err
		}
	}
	if err := x.linkPools(t); err != nil {
		return nil, err
	}
	x.pairPools()
	for i, b := range t.Branches {
		bi := branchInfo{fqdn: b.FQDN, site: -1, users: b.Users, backup: -1}
		if s, ok := x.siteByName[lower(b.Site)]; ok {
			bi.site = s
		}
		if p, ok := x.poolByFQDN[lower(b.BackupRegistrar)]; ok && x.isFE(p) {
			bi.backup = p
		} else if b.BackupRegistrar != "" {
			return nil, fmt.Errorf("sim: branches[%d].backupRegistrar: unknown Front End pool %q", i, b.BackupRegistrar)
		}
		x.totalUsers += b.Users
		x.branches = append(x.branches, bi)
	}
	if t.CMS.Pool != "" {
		p, ok := x.poolByFQDN[lower(t.CMS.Pool)]
		if !ok || !x.isFE(p) {
			return nil, fmt.Errorf("sim: cms.pool: unknown Front End pool %q", t.CMS.Pool)
		}
		x.cmsPool = p
	}
	x.rules = features.New(t)
	x.modelled = recoveryModelled(t)
	return x, nil
}

// addPool indexes t.Pools[i], p: its name, site, servers, back end and sample users.
func (x *index) addPool(i int, p *topology.Pool) error {
	k := lower(p.FQDN)
	if _, dup := x.poolByFQDN[k]; dup {
		return fmt.Errorf("sim: pools[%d]: duplicate pool %q", i, p.FQDN)
	}
	x.poolByFQDN[k] = i
	site, ok := x.siteByName[lower(p.Site)]
	if !ok {
		return fmt.Errorf("sim: pools[%s].site: unknown site %q", p.FQDN, p.Site)
	}
	pi := poolInfo{
		fqdn: p.FQDN, site: site, role: p.Role, version: p.Version, partner: -1, nextHop: -1,
		serverOff: x.nServers, users: p.Users, dirOut: -1, pool: p,
		detect:   time.Duration(p.EffectiveFailureDetectionSeconds()) * time.Second,
		failback: time.Duration(p.EffectiveFailbackDetectionSeconds()) * time.Second,
	}
	if !p.Role.IsFrontEnd() {
		pi.users = 0
	}
	for j, sv := range p.Servers {
		sk := lower(sv.FQDN)
		if _, dup := x.server[sk]; dup {
			return fmt.Errorf("sim: pools[%s].servers[%d]: duplicate server %q", p.FQDN, j, sv.FQDN)
		}
		x.server[sk] = [2]int{i, j}
		pi.servers = append(pi.servers, sv.FQDN)
	}
	x.nServers += len(p.Servers)
	if p.BackEnd != nil && p.Role == topology.FrontEndEnterprise {
		pi.hasBE, pi.beFQDN, pi.beInst = true, p.BackEnd.FQDN, p.BackEnd.Instance
		pi.noHA = p.BackEnd.HA == "" || p.BackEnd.HA == topology.HANone
		if p.BackEnd.Mirror != nil && p.BackEnd.HA != "" && p.BackEnd.HA != topology.HANone {
			pi.hasMirror, pi.mirror, pi.mirrInst = true, p.BackEnd.Mirror.FQDN, p.BackEnd.Mirror.Instance
			pi.manualBE = p.BackEnd.HA == topology.HAMirroring && p.BackEnd.Witness == ""
		}
	}
	if p.Role.IsFrontEnd() {
		for _, u := range p.SampleUsers {
			x.userByURI[lower(strings.TrimPrefix(strings.TrimPrefix(u, "sip:"), "SIP:"))] = i
		}
		pi.sample = p.SampleUsers
	}
	x.totalUsers += pi.users
	x.sites[site].pools = append(x.sites[site].pools, i)
	x.pools = append(x.pools, pi)
	return nil
}

// linkPools resolves the pools' references to each other: backup pools and Edge next hops.
func (x *index) linkPools(t *topology.Topology) error {
	for i := range t.Pools {
		p := &t.Pools[i]
		if p.BackupPool != "" && p.Role.IsFrontEnd() {
			b, ok := x.poolByFQDN[lower(p.BackupPool)]
			if !ok {
				return fmt.Errorf("sim: pools[%s].backupPool: unknown pool %q", p.FQDN, p.BackupPool)
			}
			if b != i && x.isFE(b) {
				x.pools[i].partner = b
			}
		}
		if p.Role.IsFrontEnd() {
			x.frontEnds = append(x.frontEnds, i)
		}
		if p.Role == topology.Edge {
			x.edges = append(x.edges, i)
			if p.FederationRoute && x.fedPool < 0 {
				x.fedPool = i
			}
		}
		if p.Role == topology.Edge && p.NextHop != "" {
			h, ok := x.poolByFQDN[lower(p.NextHop)]
			if !ok {
				return fmt.Errorf("sim: pools[%s].nextHop: unknown pool %q", p.FQDN, p.NextHop)
			}
			x.pools[i].nextHop = h
		}
	}
	return nil
}

// pairPools picks each Front End pool's Edge pool for media, keeps the pairings both sides
// agree on, and numbers the Backup Service directions.
func (x *index) pairPools() {
	// Each Front End pool's Edge pool for media ("Associate Edge pool" in Topology Builder):
	// the topology has no such field, so it is the first Edge pool of the pool's site, else
	// the first Edge pool whose next hop it is, else none.
	for i := range x.pools {
		x.pools[i].mediaEdge = -1
		if !x.isFE(i) {
			continue
		}
		for _, e := range x.edges {
			if x.pools[e].site == x.pools[i].site {
				x.pools[i].mediaEdge = e
				break
			}
		}
		if x.pools[i].mediaEdge < 0 {
			for _, e := range x.edges {
				if x.pools[e].nextHop == i {
					x.pools[i].mediaEdge = e
					break
				}
			}
		}
	}
	// Pairing is reciprocal; a one-sided pairing is a validation error, and the simulator
	// honours it only when both sides agree.
	for i := range x.pools {
		if b := x.pools[i].partner; b >= 0 && x.pools[b].partner != i {
			x.pools[i].partner = -1
		}
	}
	for i := range x.pools {
		if b := x.pools[i].partner; b >= 0 {
			x.dirs = append(x.dirs, dirInfo{from: i, to: b})
		}
	}
	sort.SliceStable(x.dirs, func(a, b int) bool {
		fa, fb := lower(x.pools[x.dirs[a].from].fqdn), lower(x.pools[x.dirs[b].from].fqdn)
		if fa != fb {
			return fa < fb
		}
		return lower(x.pools[x.dirs[a].to].fqdn) < lower(x.pools[x.dirs[b].to].fqdn)
	})
	for d, di := range x.dirs {
		x.pools[di.from].dirOut = d
	}
}

// findPool resolves a pool FQDN typed by the user, also accepting service identities such as
// "Registrar:pool" or "EdgeServer:pool".
func (x *index) findPool(name string) int {
	n := lower(name)
	if i := strings.IndexByte(n, ':'); i >= 0 {
		n = n[i+1:]
	}
	if p, ok := x.poolByFQDN[n]; ok {
		return p
	}
	return -1
}

// findSite resolves a site name, also accepting "Site:Name".
func (x *index) findSite(name string) int {
	n := lower(name)
	if strings.HasPrefix(n, "site:") {
		n = n[5:]
	}
	if s, ok := x.siteByName[n]; ok {
		return s
	}
	return -1
}

func (x *index) findBranch(name string) int {
	n := lower(name)
	for i, b := range x.branches {
		if lower(b.fqdn) == n {
			return i
		}
	}
	return -1
}
