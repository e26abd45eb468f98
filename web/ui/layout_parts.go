package ui

import (
	"strings"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// PartBox is a recovery part's small box in the diagram: a load balancer, DNS provider,
// Persistent Chat pool or PSTN gateway in its site (an outside DNS provider under the sites),
// or an XMPP gateway's tag on its Edge pool.
type PartBox struct {
	// Kind is the part's kind ("lb", "dns", "pchat", "pstn", "xmpp", as PartKind.ID), Name its
	// name or FQDN, Label the text the box shows.
	Kind, Name, Label string
	X, Y, W, H        int
	// Health is the part's state, "Up" or "Down" (partHealth).
	Health string
}

// URLBox is a simple URL's label under the sites, with an arrow to the pool its name
// resolves to now (To false: no pool it names is drawn).
type URLBox struct {
	Text, Aria     string
	X, Y, X2, Y2   int
	To             bool
	Health         string
	kind, resolves string
}

const (
	partH   = 22
	partGap = 6
	partW   = (siteW - 24 - partGap) / 2
	urlRowH = 18
)

// partTags are the short names the boxes show, by kind.
var partTags = map[string]string{"lb": "LB", "dns": "DNS", "pchat": "PChat", "pstn": "PSTN", "xmpp": "XMPP"}

// partKindNames name the kinds for screen readers.
var partKindNames = map[string]string{"lb": "Load balancer", "dns": "DNS provider", "pchat": "Persistent Chat pool",
	"pstn": "PSTN gateway", "xmpp": "XMPP gateway"}

// partHealth is the state of a recovery part in snap. The simulator does not report the
// parts yet: every part is up. When sim.Snapshot gains them, this is the one place to read
// them (kind as PartBox.Kind, name as PartBox.Name).
func partHealth(snap sim.Snapshot, kind, name string) string {
	_, _, _ = snap, kind, name
	return "Up"
}

// partsIn lists the parts drawn in a site, in the order the boxes are placed.
func partsIn(t *topology.Topology, site string) (out [][2]string) {
	in := func(s string) bool { return strings.EqualFold(s, site) }
	for _, b := range t.LoadBalancers {
		if in(b.Site) {
			out = append(out, [2]string{"lb", b.Name})
		}
	}
	for _, d := range t.DNSProviders {
		for _, s := range d.Sites {
			if in(s) {
				out = append(out, [2]string{"dns", d.Name})
			}
		}
	}
	for _, c := range t.PersistentChat {
		if in(c.Site) {
			out = append(out, [2]string{"pchat", c.FQDN})
		}
	}
	for _, g := range t.PSTNGateways {
		if in(g.Site) {
			out = append(out, [2]string{"pstn", g.FQDN})
		}
	}
	return out
}

// partRows is how many rows of part boxes the fullest site needs.
func partRows(t *topology.Topology) int {
	n := 0
	for _, s := range t.Sites {
		n = max(n, (len(partsIn(t, s.Name))+1)/2)
	}
	return n
}

func partBox(kind, name string, x, y, w int, snap sim.Snapshot) PartBox {
	label := partTags[kind] + " " + name
	if len(label) > 22 {
		label = label[:21] + "…"
	}
	return PartBox{Kind: kind, Name: name, Label: label, X: x, Y: y, W: w, H: partH, Health: partHealth(snap, kind, name)}
}

// layoutParts adds the recovery parts to l: each site's boxes from y0 (relative to the site's
// top), the XMPP tags on their Edge pools, then a band under the sites with the outside DNS
// providers and the simple URLs.
func layoutParts(l *Layout, t *topology.Topology, snap sim.Snapshot, y0 int) {
	for si, s := range t.Sites {
		for k, p := range partsIn(t, s.Name) {
			x, y := l.Sites[si].X+12+(k%2)*(partW+partGap), l.Sites[si].Y+y0+(k/2)*(partH+partGap)
			l.Parts = append(l.Parts, partBox(p[0], p[1], x, y, partW, snap))
		}
	}
	pools := map[string]PoolBox{}
	for _, p := range l.Pools {
		pools[strings.ToLower(p.FQDN)] = p
	}
	for _, g := range t.XMPPGateways {
		if p, ok := pools[strings.ToLower(g.EdgePool)]; ok {
			b := partBox("xmpp", g.Domain, p.X+p.W-64, p.Y+p.H-26, 56, snap)
			b.Label, b.H = "XMPP", 18
			l.Parts = append(l.Parts, b)
		}
	}
	y := l.Height
	x := margin
	for _, d := range t.DNSProviders {
		if len(d.Sites) == 0 {
			l.Parts = append(l.Parts, partBox("dns", d.Name, x, y, partW, snap))
			x += partW + partGap
		}
	}
	if x > margin {
		y += partH + partGap
		l.Width = max(l.Width, x+margin)
	}
	for i := range t.SimpleURLs {
		u := &t.SimpleURLs[i]
		b := URLBox{Text: string(u.Kind) + " " + u.URL, X: margin, Y: y + urlRowH - 5, Health: partHealth(snap, "url", u.URL), kind: string(u.Kind)}
		if len(u.Pools) > 0 {
			b.resolves = u.Pools[0]
		}
		if p, ok := pools[strings.ToLower(b.resolves)]; ok {
			b.X, b.To = p.X+12, true
			b.X2, b.Y2 = p.X+24, p.Y+p.H
		}
		b.Aria = urlAria(u, b.resolves)
		l.URLs = append(l.URLs, b)
		y += urlRowH
	}
	if y > l.Height {
		l.Height = y + margin
	}
}

// urlAria describes a simple URL for screen readers.
func urlAria(u *topology.SimpleURL, to string) string {
	s := "Simple URL " + string(u.Kind) + " " + u.URL + ", " + string(u.EffectivePublishing())
	if to == "" {
		return s + ", resolves to no pool"
	}
	return s + ", resolves to " + to
}

// partAria describes a part's box for screen readers.
func partAria(b PartBox) string { return partKindNames[b.Kind] + " " + b.Name + ", " + b.Health }
