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
	// i is the part's index among its kind's in the topology.
	i int
}

// URLBox is a simple URL's label under the sites, with an arrow to the pool its name
// resolves to now (To false: no pool it names is drawn).
type URLBox struct {
	Text, Aria string
	// Note says where a switched manual record will point and when (its TTL running).
	Note           string
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

// partHealth is the state of the i-th recovery part of a kind (as PartBox.Kind, or "url"
// for the simple URLs) in r (a snapshot's Recovery, which lists each kind in topology
// order): "Down" for a load balancer, DNS provider or gateway that is stopped or in a lost
// site, a simple URL that does not resolve to web services that answer, a Persistent Chat
// pool that does not serve, or an XMPP gateway whose federation does not work; "Up"
// otherwise, and for a part the snapshot does not know (docs/recovery.md).
func partHealth(r *sim.RecoverySnapshot, kind string, i int) string {
	up := true
	if r != nil {
		var ps []sim.PartSnapshot
		switch kind {
		case "lb":
			ps = r.LoadBalancers
		case "dns":
			ps = r.DNSProviders
		case "pstn":
			ps = r.Gateways
		case "url":
			up = i >= len(r.SimpleURLs) || r.SimpleURLs[i].Resolves
		case "pchat":
			up = i >= len(r.PersistentChat) || r.PersistentChat[i].Serving
		case "xmpp":
			up = i >= len(r.XMPP) || r.XMPP[i].Works
		}
		up = up && (i >= len(ps) || ps[i].Up)
	}
	if up {
		return "Up"
	}
	return "Down"
}

// partsIn lists the parts drawn in a site, in the order the boxes are placed.
func partsIn(t *topology.Topology, site string) (out []PartBox) {
	in := func(s string) bool { return strings.EqualFold(s, site) }
	for i, b := range t.LoadBalancers {
		if in(b.Site) {
			out = append(out, PartBox{Kind: "lb", Name: b.Name, i: i})
		}
	}
	for i, d := range t.DNSProviders {
		for _, s := range d.Sites {
			if in(s) {
				out = append(out, PartBox{Kind: "dns", Name: d.Name, i: i})
			}
		}
	}
	for i, c := range t.PersistentChat {
		if in(c.Site) {
			out = append(out, PartBox{Kind: "pchat", Name: c.FQDN, i: i})
		}
	}
	for i, g := range t.PSTNGateways {
		if in(g.Site) {
			out = append(out, PartBox{Kind: "pstn", Name: g.FQDN, i: i})
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

// partBox places part b (Kind, Name and i set) at x, y, w wide, in its state in r.
func partBox(b *PartBox, x, y, w int, r *sim.RecoverySnapshot) {
	b.Label = partTags[b.Kind] + " " + b.Name
	if len(b.Label) > 22 {
		b.Label = b.Label[:21] + "…"
	}
	b.X, b.Y, b.W, b.H, b.Health = x, y, w, partH, partHealth(r, b.Kind, b.i)
}

// layoutParts adds the recovery parts to l: each site's boxes from y0 (relative to the site's
// top), the XMPP tags on their Edge pools, then a band under the sites with the outside DNS
// providers and the simple URLs.
func layoutParts(l *Layout, t *topology.Topology, r *sim.RecoverySnapshot, y0 int) {
	for si, s := range t.Sites {
		for k, p := range partsIn(t, s.Name) {
			partBox(&p, l.Sites[si].X+12+(k%2)*(partW+partGap), l.Sites[si].Y+y0+(k/2)*(partH+partGap), partW, r)
			l.Parts = append(l.Parts, p)
		}
	}
	pools := map[string]PoolBox{}
	for _, p := range l.Pools {
		pools[strings.ToLower(p.FQDN)] = p
	}
	for i, g := range t.XMPPGateways {
		if p, ok := pools[strings.ToLower(g.EdgePool)]; ok {
			b := PartBox{Kind: "xmpp", Name: g.Domain, i: i}
			partBox(&b, p.X+p.W-64, p.Y+p.H-26, 56, r)
			b.Label, b.H = "XMPP", 18
			l.Parts = append(l.Parts, b)
		}
	}
	y := l.Height
	x := margin
	for i, d := range t.DNSProviders {
		if len(d.Sites) == 0 {
			b := PartBox{Kind: "dns", Name: d.Name, i: i}
			partBox(&b, x, y, partW, r)
			l.Parts = append(l.Parts, b)
			x += partW + partGap
		}
	}
	if x > margin {
		y += partH + partGap
		l.Width = max(l.Width, x+margin)
	}
	for i := range t.SimpleURLs {
		u := &t.SimpleURLs[i]
		b := URLBox{Text: string(u.Kind) + " " + u.URL, X: margin, Y: y + urlRowH - 5, Health: partHealth(r, "url", i), kind: string(u.Kind)}
		if len(u.Pools) > 0 {
			b.resolves = u.Pools[0]
		}
		// A manual record the administrator switched points at its target, once clients see it.
		var us sim.URLSnapshot
		if r != nil && i < len(r.SimpleURLs) {
			us = r.SimpleURLs[i]
		}
		if us.Target != "" {
			b.resolves = us.Target
		}
		if us.Pending != "" {
			b.Note = " · pending until " + FormatClock(us.Until) + " (" + us.Pending + ")"
		}
		if p, ok := pools[strings.ToLower(b.resolves)]; ok {
			b.X, b.To = p.X+12, true
			b.X2, b.Y2 = p.X+24, p.Y+p.H
		}
		b.Aria = urlAria(u, b.resolves) + ", " + b.Health + b.Note
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

// FeatureList names features for display, in their order: "Meetings, Response Groups".
func FeatureList(fs []topology.Feature) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += ", "
		}
		s += f.Name()
	}
	return s
}
