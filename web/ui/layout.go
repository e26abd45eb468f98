package ui

import (
	"fmt"
	"strings"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Layout is the diagram's geometry and colours, computed from the topology and a snapshot.
// Sites are columns; each site's pools are stacked boxes inside it.
type Layout struct {
	Width, Height int
	// Overview is true for large deployments: pools are small tiles without text, and pairing
	// and next-hop lines are left out (select a pool to see its details).
	Overview  bool
	Sites     []SiteBox
	Pools     []PoolBox
	Pairs     []Link
	Hops      []Link
	SiteLinks []SiteLink
	// Branches are the Survivable Branch Appliances, drawn under their site's pools.
	Branches []BranchBox
	// Parts are the recovery parts (layout_parts.go), drawn under the branches; URLs the
	// simple URLs, under the sites.
	Parts []PartBox
	URLs  []URLBox
}

// BranchBox is a Survivable Branch Appliance's box.
type BranchBox struct {
	FQDN       string
	X, Y, W, H int
	Up         bool
	// Label says who serves its users now.
	Label string
}

// SiteBox is a site's region.
type SiteBox struct {
	Name       string
	X, Y, W, H int
	Up         bool
}

// PoolBox is a pool's box and what it shows.
type PoolBox struct {
	FQDN       string
	Role       string
	X, Y, W, H int
	Health     string
	State      string
	CMS        bool
	Selected   bool
	// Load is the users the pool serves over its capacity (0 when unknown); above 1 the pool
	// is overloaded, which the box shows whatever its health.
	Load float64
	// Bars are the user counts by mode, drawn as a stacked bar.
	Bars []Bar
	// Label summarises users, e.g. "5,000 home", and how many features they lack.
	Label string
	// Missing lists the features the pool's users lack now ("Meetings, Response Groups");
	// Label counts them.
	Missing string
}

// Bar is one segment of a pool's users bar.
type Bar struct {
	Mode  string
	X, W  int
	Count int
}

// Link is a line between two pools.
type Link struct {
	X1, Y1, X2, Y2 int
	Active         bool
}

// SiteLink is the network link between two sites, drawn under the site headers.
type SiteLink struct {
	A, B           string
	X1, Y1, X2, Y2 int
	Cut            bool
	MX, MY         int
}

const (
	siteW   = 300
	siteGap = 60
	poolH   = 86
	poolGap = 16
	headerH = 54
	margin  = 16
	branchH = 34
)

// overviewPools is the number of pools above which the diagram shows the overview.
const overviewPools = 24

// Diagram lays out the workspace's topology in the simulation's state now.
func (ed *EditorStore) Diagram() Layout {
	return LayoutOf(ed.T(), ed.simStore.Snapshot(), ed.SelectedPool)
}

// LayoutOf lays out topology t in the state of snap, with the pool named selected
// highlighted.
func LayoutOf(t *topology.Topology, snap sim.Snapshot, selected string) Layout {
	if len(t.Pools) > overviewPools {
		return overview(t, snap, selected)
	}
	var l Layout
	idx := map[string]int{}
	maxPools, maxBranches := 1, 0
	for i, s := range t.Sites {
		n := len(t.PoolsInSite(s.Name))
		if n > maxPools {
			maxPools = n
		}
		maxBranches = max(maxBranches, len(branchesIn(t, s.Name)))
		l.Sites = append(l.Sites, SiteBox{Name: s.Name, X: margin + i*(siteW+siteGap), Y: margin, W: siteW, Up: SiteUp(snap, s.Name)})
	}
	poolsH := headerH + maxPools*(poolH+poolGap)
	partsY := poolsH + maxBranches*(branchH+poolGap)
	h := partsY + partRows(t)*(partH+partGap) + poolGap
	for i := range l.Sites {
		l.Sites[i].H = h
	}
	l.Width = margin*2 + len(t.Sites)*siteW + max(0, len(t.Sites)-1)*siteGap
	if l.Width < 400 {
		l.Width = 400
	}
	l.Height = h + margin*2
	for si, s := range t.Sites {
		for k, p := range t.PoolsInSite(s.Name) {
			box := PoolBox{FQDN: p.FQDN, Role: string(p.Role),
				X: l.Sites[si].X + 12, Y: l.Sites[si].Y + headerH + k*(poolH+poolGap), W: siteW - 24, H: poolH,
				CMS: strings.EqualFold(cmsPool(t, snap), p.FQDN), Selected: strings.EqualFold(selected, p.FQDN),
				Health: "Unknown", State: ""}
			if ps, ok := PoolSnap(snap, p.FQDN); ok {
				box.Health, box.State, box.Load = string(ps.Health), string(ps.PoolState), ps.Load
				box.Bars, box.Label = bars(ps, box.X+10, box.W-20, p.Users)
				if n := len(ps.Missing); n > 0 {
					box.Missing = FeatureList(ps.Missing)
					box.Label += " · " + units.Plural(n, "feature") + " unavailable"
				}
			} else if p.Role.IsFrontEnd() {
				box.Label = fmt.Sprintf("%s users", units.Thousands(p.Users))
			}
			idx[strings.ToLower(p.FQDN)] = len(l.Pools)
			l.Pools = append(l.Pools, box)
		}
		for k, b := range branchesIn(t, s.Name) {
			l.Branches = append(l.Branches, branchBox(b, snap, l.Sites[si].X+12, l.Sites[si].Y+poolsH+k*(branchH+poolGap)))
		}
	}
	seen := map[string]bool{}
	for _, p := range t.Pools {
		if p.BackupPool != "" {
			a1, ok1 := idx[strings.ToLower(p.FQDN)]
			b1, ok2 := idx[strings.ToLower(p.BackupPool)]
			key := pairKey(p.FQDN, p.BackupPool)
			if ok1 && ok2 && !seen[key] {
				seen[key] = true
				pa, pb := l.Pools[a1], l.Pools[b1]
				l.Pairs = append(l.Pairs, Link{X1: pa.X + pa.W, Y1: pa.Y + pa.H/2, X2: pb.X, Y2: pb.Y + pb.H/2})
			}
		}
		if p.Role == topology.Edge {
			hop := p.NextHop
			if ps, ok := PoolSnap(snap, p.FQDN); ok && ps.NextHop != "" {
				hop = ps.NextHop
			}
			a1, ok1 := idx[strings.ToLower(p.FQDN)]
			b1, ok2 := idx[strings.ToLower(hop)]
			if ok1 && ok2 {
				pa, pb := l.Pools[a1], l.Pools[b1]
				x1, x2 := pa.X+pa.W/2, pb.X+pb.W/2
				y1, y2 := pa.Y, pb.Y+pb.H
				if pb.Y > pa.Y {
					y1, y2 = pa.Y+pa.H, pb.Y
				}
				if pa.X != pb.X {
					y1, y2 = pa.Y+pa.H/2, pb.Y+pb.H/2
					if pb.X > pa.X {
						x1, x2 = pa.X+pa.W, pb.X
					} else {
						x1, x2 = pa.X, pb.X+pb.W
					}
				}
				l.Hops = append(l.Hops, Link{X1: x1, Y1: y1, X2: x2, Y2: y2})
			}
		}
	}
	for i := 0; i+1 < len(l.Sites); i++ {
		for j := i + 1; j < len(l.Sites); j++ {
			if j != i+1 && !(i == 0 && j == len(l.Sites)-1) {
				continue
			}
			sa, sb := l.Sites[i], l.Sites[j]
			y := sa.Y + 22
			if j != i+1 {
				y = sa.Y + sa.H - 8
			}
			link := SiteLink{A: sa.Name, B: sb.Name, X1: sa.X + sa.W, Y1: y, X2: sb.X, Y2: y,
				Cut: LinkCut(snap, sa.Name, sb.Name)}
			if j != i+1 {
				link.X1, link.X2 = sa.X+sa.W/2, sb.X+sb.W/2
				link.Y1, link.Y2 = sa.Y+sa.H, sb.Y+sb.H
				l.Height += 0
			}
			link.MX, link.MY = (link.X1+link.X2)/2, (link.Y1+link.Y2)/2
			l.SiteLinks = append(l.SiteLinks, link)
		}
	}
	layoutParts(&l, t, snap.Recovery, partsY)
	return l
}

// cmsPool is the pool hosting the Central Management store now: the simulation's active
// master (it moves with Invoke-CsManagementServerFailover), else the topology's CMS pool.
func cmsPool(t *topology.Topology, snap sim.Snapshot) string {
	if snap.CMS.ActivePool != "" {
		return snap.CMS.ActivePool
	}
	return t.CMS.Pool
}

// branchesIn lists the Survivable Branch Appliances of a site.
func branchesIn(t *topology.Topology, site string) []topology.Branch {
	var out []topology.Branch
	for _, b := range t.Branches {
		if strings.EqualFold(b.Site, site) {
			out = append(out, b)
		}
	}
	return out
}

// branchBox draws a branch appliance at x, y with its state in snap.
func branchBox(b topology.Branch, snap sim.Snapshot, x, y int) BranchBox {
	box := BranchBox{FQDN: b.FQDN, X: x, Y: y, W: siteW - 24, H: branchH, Up: true}
	served := ""
	for _, bs := range snap.Branches {
		if strings.EqualFold(bs.FQDN, b.FQDN) {
			box.Up, served = bs.Up, bs.ServedBy
		}
	}
	users := units.Plural(b.Users, "user")
	switch {
	case box.Up:
		box.Label = "Branch appliance · " + users
	case served != "":
		box.Label = "Branch appliance down · " + users + " on " + served
	default:
		box.Label = "Branch appliance down · " + users + " signed out"
	}
	return box
}

// Overloaded reports whether the pool serves more users than its capacity.
func (p PoolBox) Overloaded() bool { return p.Load > 1 }

func pairKey(a, b string) string {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}

// bars splits a pool's users bar by mode.
func bars(ps sim.PoolSnapshot, x, w, users int) ([]Bar, string) {
	total := 0
	for _, m := range sim.Modes {
		total += ps.Users[m]
	}
	if total == 0 {
		if users > 0 {
			return nil, units.Thousands(users) + " users"
		}
		return nil, ""
	}
	var out []Bar
	var parts []string
	cx := x
	for _, m := range sim.Modes {
		n := ps.Users[m]
		if n == 0 {
			continue
		}
		bw := w * n / total
		out = append(out, Bar{Mode: string(m), X: cx, W: bw, Count: n})
		cx += bw
		parts = append(parts, fmt.Sprintf("%s %s", units.Thousands(n), modeLabel(m)))
	}
	return out, strings.Join(parts, " · ")
}

func modeLabel(m sim.Mode) string {
	switch m {
	case sim.ModeHome:
		return "home"
	case sim.ModeBackup:
		return "on backup"
	case sim.ModeResiliency:
		return "resiliency"
	case sim.ModeSignedOut:
		return "signed out"
	}
	return strings.ToLower(string(m))
}

// SelectPool selects a pool in the diagram (clicking again clears the selection).
func (ed *EditorStore) SelectPool(fqdn string) {
	if strings.EqualFold(ed.SelectedPool, fqdn) {
		ed.SelectedPool = ""
		return
	}
	ed.SelectedPool = fqdn
}

// Selected returns the selected pool's model and snapshot.
func (ed *EditorStore) Selected() (*topology.Pool, sim.PoolSnapshot, bool) {
	if ed.SelectedPool == "" {
		return nil, sim.PoolSnapshot{}, false
	}
	p := ed.T().PoolByFQDN(ed.SelectedPool)
	if p == nil {
		return nil, sim.PoolSnapshot{}, false
	}
	ps, _ := PoolSnap(ed.simStore.Snapshot(), p.FQDN)
	return p, ps, true
}

func poolFill(p PoolBox) string {
	if p.Overloaded() && p.Health != "Down" {
		return "#ffd0b0"
	}
	switch p.Health {
	case "Up":
		return "#e3f4e4"
	case "Degraded":
		return "#fff1d6"
	case "Down":
		return "#fde0e0"
	}
	return "#eef1f5"
}

func poolStroke(p PoolBox) string {
	if p.Overloaded() && p.Health != "Down" {
		return "#d84315"
	}
	switch p.Health {
	case "Up":
		return "#2e7d32"
	case "Degraded":
		return "#b26a00"
	case "Down":
		return "#c62828"
	}
	return "#8a94a3"
}

// overview lays out a large deployment: sites as tiles in rows, each pool a small square.
func overview(t *topology.Topology, snap sim.Snapshot, selected string) Layout {
	const (
		perRow = 8
		tileW  = 150
		gap    = 12
		sq     = 16
		sqGap  = 4
		head   = 30
	)
	l := Layout{Overview: true}
	perLine := (tileW - 16 + sqGap) / (sq + sqGap)
	maxPools := 1
	for _, s := range t.Sites {
		if n := len(t.PoolsInSite(s.Name)); n > maxPools {
			maxPools = n
		}
	}
	tileH := head + ((maxPools+perLine-1)/perLine)*(sq+sqGap) + 8
	for i, s := range t.Sites {
		x := margin + (i%perRow)*(tileW+gap)
		y := margin + (i/perRow)*(tileH+gap)
		l.Sites = append(l.Sites, SiteBox{Name: s.Name, X: x, Y: y, W: tileW, H: tileH, Up: SiteUp(snap, s.Name)})
		for k, p := range t.PoolsInSite(s.Name) {
			box := PoolBox{FQDN: p.FQDN, Role: string(p.Role), X: x + 8 + (k%perLine)*(sq+sqGap), Y: y + head + (k/perLine)*(sq+sqGap),
				W: sq, H: sq, CMS: strings.EqualFold(cmsPool(t, snap), p.FQDN), Selected: strings.EqualFold(selected, p.FQDN), Health: "Unknown"}
			if ps, ok := PoolSnap(snap, p.FQDN); ok {
				box.Health, box.State, box.Load = string(ps.Health), string(ps.PoolState), ps.Load
			}
			l.Pools = append(l.Pools, box)
		}
	}
	rows := (len(t.Sites) + perRow - 1) / perRow
	l.Width = margin*2 + min(perRow, max(1, len(t.Sites)))*(tileW+gap)
	l.Height = margin*2 + rows*(tileH+gap)
	return l
}
