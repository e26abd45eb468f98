package analysis

import (
	"fmt"
	"strings"
	"time"

	"failwright/engine/plan"
	"failwright/engine/quorum"
	"failwright/engine/topology"
)

// index is the topology arranged for the analysis: Front End pools, Edge pools and sites by
// number, pairs, units, the CMS pool and the enumerated links.
type index struct {
	t     *topology.Topology
	pools []poolInfo // Front End pools, topology order
	edges []edgeInfo // Edge pools, topology order
	sites []string   // site names, topology order
	units [][]int    // pools of each unit (a pair, or a pool alone), by first pool
	cms   int        // Front End pool hosting the CMS, or -1
	links [][2]int   // enumerated links (site indices, lower first)
	link  map[[2]int]int
	linkM []int32 // enumerated link between sites a and b at a*len(sites)+b, or -1
	sync  time.Duration
	// siteEdges lists, per site, the Edge pools in it or whose Director next hop is in it.
	siteEdges [][]int
	// strike is when the failure strikes (strikeTime), and the data lost by a disaster-mode
	// failover; cmsFailover is what a CMS failover adds to a recovery (cmsFailoverTime).
	strike, cmsFailover time.Duration
	elems               []Element
	// targets says, per element, what it fails, by number.
	targets  []target
	srvOff   []int // first flat server index of each pool
	nServers int
	names    []string // each element's String, made on first use
	setups   []string // each element's Setup, made on first use
	users    int      // users homed on Front End pools
}

// target is what an element fails, by number; fields that do not apply are -1. Part is the
// position of a load balancer, DNS provider, Persistent Chat pool or PSTN gateway in its
// topology list.
type target struct {
	pool, server, site, edge, link, part int
}

// poolInfo is one Front End pool.
type poolInfo struct {
	fqdn      string
	tp        *topology.Pool
	site      int
	version   topology.Version
	standard  bool
	servers   []string
	rule      quorum.Rule
	users     int // homed users
	total     int // users the pool is sized for: homed plus branch users
	partner   int // reciprocal partner, or -1
	unit      int
	hasBE     bool
	hasMirror bool
	// manualBE is true for SQL mirroring without a witness: nothing fails the store over to
	// the mirror, so the Front Ends keep their sessions for a grace period and then stop.
	manualBE bool
	// noHA is true for a back end without high availability: the same grace, then the stop.
	noHA     bool
	detect   time.Duration
	capacity int // normal capacity with every server up
	edgesHop []int
	recovery time.Duration // RTO of its disaster-mode failover without a CMS failover (recoveryTime)
	sameVer  bool          // it has a partner that runs its version (string compares are dear in WebAssembly)
	maxUsers int           // topology.MaxPoolUsers of its version
	// witness is true when its quorum rule asks for exactly half of the servers it counts, so
	// that the primary SQL database decides as witness (quorum.Rule.WitnessDecides).
	witness bool
	// groups is its number of routing groups, and rgAt how many start their replicas at each
	// server (quorum.OffsetCounts with plan.Seed, the simulator's placement): nil for pools
	// of fewer than 4 servers, where no two servers can stop while the pool runs on.
	groups int
	rgAt   []int32
}

// edgeInfo is one Edge pool.
type edgeInfo struct {
	fqdn    string
	site    int
	nextFE  int // Front End pool of the next hop, or -1
	nextDir int // site of the Director next hop, or -1 (-2: no usable next hop)
}

func siteIndex(t *topology.Topology, name string) int {
	for i := range t.Sites {
		if strings.EqualFold(t.Sites[i].Name, name) {
			return i
		}
	}
	return -1
}

// finder answers the topology's case-insensitive lookups (PoolByFQDN, SiteByName, Partner)
// from maps when every name is ASCII, where comparing lower-case forms is exactly
// strings.EqualFold; otherwise (a name with other letters, whose case folding can match an
// ASCII one) it asks the topology. Each answer is the first match in topology order, as the
// topology's own lookups give. Building the index of a topology of hundreds of pools with the
// linear lookups took milliseconds as WebAssembly.
type finder struct {
	t     *topology.Topology
	ascii bool
	dups  bool // two pools share an FQDN (compared case-insensitively)
	pools map[string]*topology.Pool
	sites map[string]int
	// branch holds, per pool, the users of the branches naming it as backup registrar
	// (topology.BranchUsers), when ascii and not dups.
	branch map[*topology.Pool]int
}

func newFinder(t *topology.Topology) *finder {
	f := &finder{t: t, ascii: true, pools: make(map[string]*topology.Pool, len(t.Pools)), sites: make(map[string]int, len(t.Sites))}
	for i := range t.Pools {
		k := t.Pools[i].FQDN
		if !isASCII(k) {
			f.ascii = false
			return f
		}
		k = strings.ToLower(k)
		if _, dup := f.pools[k]; !dup {
			f.pools[k] = &t.Pools[i]
		} else {
			f.dups = true
		}
	}
	for i := range t.Sites {
		k := t.Sites[i].Name
		if !isASCII(k) {
			f.ascii = false
			return f
		}
		k = strings.ToLower(k)
		if _, dup := f.sites[k]; !dup {
			f.sites[k] = i
		}
	}
	return f
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// totalUsers is t.TotalUsers(p): its users and those of the branches that name it.
func (f *finder) totalUsers(p *topology.Pool) int {
	if !f.ascii || f.dups {
		return f.t.TotalUsers(p)
	}
	if f.branch == nil {
		f.branch = map[*topology.Pool]int{}
		for i := range f.t.Branches {
			b := &f.t.Branches[i]
			if isASCII(b.BackupRegistrar) {
				if q := f.pools[strings.ToLower(b.BackupRegistrar)]; q != nil {
					f.branch[q] += max(b.Users, 0)
				}
				continue
			}
			for j := range f.t.Pools { // a name whose case folding may match an ASCII one
				if q := &f.t.Pools[j]; strings.EqualFold(b.BackupRegistrar, q.FQDN) {
					f.branch[q] += max(b.Users, 0)
				}
			}
		}
	}
	return max(p.Users, 0) + f.branch[p]
}

// pool is t.PoolByFQDN(fqdn).
func (f *finder) pool(fqdn string) *topology.Pool {
	if f.ascii && isASCII(fqdn) {
		return f.pools[strings.ToLower(fqdn)]
	}
	return f.t.PoolByFQDN(fqdn)
}

// site is siteIndex(t, name).
func (f *finder) site(name string) int {
	if f.ascii && isASCII(name) {
		if i, ok := f.sites[strings.ToLower(name)]; ok {
			return i
		}
		return -1
	}
	return siteIndex(f.t, name)
}

// partner is t.Partner(p).
func (f *finder) partner(p *topology.Pool) *topology.Pool {
	if p == nil || p.BackupPool == "" {
		return nil
	}
	b := f.pool(p.BackupPool)
	if b == nil || b == p || !strings.EqualFold(b.BackupPool, p.FQDN) {
		return nil
	}
	return b
}

// newIndex arranges t for the analysis. It fails when t has no Front End pool.
func newIndex(t *topology.Topology) (*index, error) {
	if t == nil {
		return nil, fmt.Errorf("analysis: no topology")
	}
	x := &index{t: t, cms: -1, link: map[[2]int]int{}}
	find := newFinder(t)
	for _, s := range t.Sites {
		x.sites = append(x.sites, s.Name)
	}
	fe := map[*topology.Pool]int{}
	for i := range t.Pools {
		p := &t.Pools[i]
		if !p.Role.IsFrontEnd() {
			continue
		}
		pi := newPoolInfo(p, find)
		fe[p] = len(x.pools)
		x.users += pi.users
		x.pools = append(x.pools, pi)
	}
	if len(x.pools) == 0 {
		return nil, fmt.Errorf("analysis: the topology has no Front End pool")
	}
	var pairSites [][2]int
	for i := range x.pools {
		p := find.pool(x.pools[i].fqdn)
		if b := find.partner(p); b != nil {
			if j, ok := fe[b]; ok {
				x.pools[i].partner = j
				if i < j {
					pairSites = append(pairSites, [2]int{x.pools[i].site, x.pools[j].site})
				}
			}
		}
	}
	for i := range x.pools {
		j := x.pools[i].partner
		if j >= 0 && j < i {
			x.pools[i].unit = x.pools[j].unit
			x.units[x.pools[i].unit] = append(x.units[x.pools[i].unit], i)
			continue
		}
		x.pools[i].unit = len(x.units)
		x.units = append(x.units, []int{i})
	}
	x.addEdges(t, find, fe)
	if c := find.pool(t.CMS.Pool); c != nil {
		if j, ok := fe[c]; ok {
			x.cms = j
		}
	}
	x.links = sortedLinks(pairSites)
	for i, l := range x.links {
		x.link[l] = i
	}
	ns := len(x.sites)
	x.linkM = make([]int32, ns*ns)
	for i := range x.linkM {
		x.linkM[i] = -1
	}
	for i, l := range x.links {
		x.linkM[l[0]*ns+l[1]] = int32(i)
		x.linkM[l[1]*ns+l[0]] = int32(i)
	}
	x.sync = time.Duration(t.BackupService.EffectiveSyncIntervalSeconds()) * time.Second
	x.strike = strikeTime(x.sync)
	for i := range x.pools {
		pi := &x.pools[i]
		pi.recovery = recoveryTime(pi.tp, pi.version, pi.users, len(pi.edgesHop))
		pi.sameVer = pi.partner >= 0 && x.pools[pi.partner].version.Behaves() == pi.version.Behaves()
		pi.maxUsers = topology.MaxPoolUsers(pi.version)
	}
	if c := x.cms; c >= 0 && x.pools[c].partner >= 0 {
		x.cmsFailover = cmsFailoverTime(x.pools[x.pools[c].partner].version)
	}
	for i := range x.pools {
		x.srvOff = append(x.srvOff, x.nServers)
		x.nServers += len(x.pools[i].servers)
	}
	x.elems, x.targets = x.elements()
	return x, nil
}

// newPoolInfo describes Front End pool p for the analysis (its partner and unit are the
// caller's).
func newPoolInfo(p *topology.Pool, find *finder) poolInfo {
	pi := poolInfo{
		fqdn:     p.FQDN,
		tp:       p,
		site:     find.site(p.Site),
		version:  p.Version,
		standard: p.Role == topology.FrontEndStandard,
		rule:     quorum.MinRunning(len(p.Servers), p.Version),
		users:    max(p.Users, 0),
		total:    find.totalUsers(p),
		partner:  -1,
		detect:   time.Duration(p.EffectiveFailureDetectionSeconds()) * time.Second,
		capacity: topology.Capacity(p),
	}
	for _, s := range p.Servers {
		pi.servers = append(pi.servers, s.FQDN)
	}
	pi.witness = pi.rule.WitnessDecides()
	if n := len(p.Servers); n >= 4 && !pi.standard {
		pi.groups = topology.RoutingGroupCount(p)
		pi.rgAt = quorum.OffsetCounts(plan.Seed, pi.groups, n)
	}
	if p.Role == topology.FrontEndEnterprise && p.BackEnd != nil {
		pi.hasBE = true
		pi.hasMirror = p.BackEnd.Mirror != nil && p.BackEnd.HA != topology.HANone && p.BackEnd.HA != ""
		pi.manualBE = pi.hasMirror && p.BackEnd.HA == topology.HAMirroring && p.BackEnd.Witness == ""
		pi.noHA = p.BackEnd.HA == "" || p.BackEnd.HA == topology.HANone
	}
	return pi
}

// addEdges lists t's Edge pools with their next hops (fe gives the Front End pools'
// positions) and, per site, the Edge pools in it or whose next hop Director is in it.
func (x *index) addEdges(t *topology.Topology, find *finder, fe map[*topology.Pool]int) {
	for i := range t.Pools {
		p := &t.Pools[i]
		if p.Role != topology.Edge {
			continue
		}
		e := edgeInfo{fqdn: p.FQDN, site: find.site(p.Site), nextFE: -1, nextDir: -2}
		if h := find.pool(p.NextHop); h != nil {
			if j, ok := fe[h]; ok {
				e.nextFE = j
				x.pools[j].edgesHop = append(x.pools[j].edgesHop, len(x.edges))
			} else if h.Role == topology.Director {
				e.nextDir = find.site(h.Site)
			}
		}
		x.edges = append(x.edges, e)
	}
	x.siteEdges = make([][]int, len(x.sites))
	for k, e := range x.edges {
		if e.site >= 0 {
			x.siteEdges[e.site] = append(x.siteEdges[e.site], k)
		}
		if e.nextDir >= 0 && e.nextDir != e.site {
			x.siteEdges[e.nextDir] = append(x.siteEdges[e.nextDir], k)
		}
	}
}

// linkOf returns the enumerated link between sites a and b, or -1.
func (x *index) linkOf(a, b int) int {
	if a >= 0 && b >= 0 && x.linkM != nil {
		return int(x.linkM[a*len(x.sites)+b])
	}
	if a > b {
		a, b = b, a
	}
	if i, ok := x.link[[2]int{a, b}]; ok {
		return i
	}
	return -1
}

// name returns element i's String, made once: reports name the same elements many times.
func (x *index) name(i int) string {
	if x.names == nil {
		x.names = make([]string, len(x.elems))
	}
	if x.names[i] == "" {
		x.names[i] = x.elems[i].String()
	}
	return x.names[i]
}

// setup returns element i's Setup line, made once.
func (x *index) setup(i int) string {
	if x.setups == nil {
		x.setups = make([]string, len(x.elems))
	}
	if x.setups[i] == "" {
		x.setups[i] = x.elems[i].Setup()
	}
	return x.setups[i]
}
