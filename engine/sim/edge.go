package sim

import (
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// Edge pools in disaster recovery (FACTS §15): Edge pools are not paired. Remote users reach
// the deployment through any working Edge pool (clients re-query the DNS SRV records and move to
// the next one by themselves), so remote access stops only when no Edge pool works. Federation
// goes through the one Edge pool that carries the federation route: when it fails, federation
// stops until an administrator moves the route to another Edge pool (Topology Builder, publish,
// Setup on the Edge servers; Move-SimFederationRoute here). An Edge pool works while it serves
// and its internal next hop serves. Pool failover itself is not affected.

// edgeWorks reports whether Edge pool e carries external traffic now: it serves and its
// internal next hop serves.
func (s *Sim) edgeWorks(e int) bool {
	h := s.st.nextHop[e]
	return s.st.serving[e] && h >= 0 && s.st.serving[h]
}

// edgeStatus re-derives which Edge pools work, whether remote access and federation work, and
// logs what changed.
func (s *Sim) edgeStatus() {
	st, x := &s.st, s.x
	if len(x.edges) == 0 {
		return
	}
	var lost, back []int
	remote := false
	for _, e := range x.edges {
		ok := s.edgeWorks(e)
		if ok != st.edgeOK[e] {
			st.edgeOK[e] = ok
			if ok {
				back = append(back, e)
			} else {
				lost = append(lost, e)
			}
		}
		remote = remote || ok
	}
	var working []string
	for _, e := range x.edges {
		if st.edgeOK[e] {
			working = append(working, x.pools[e].fqdn)
		}
	}
	for _, e := range lost {
		why := "is down"
		if st.serving[e] {
			why = "cannot reach its internal next hop " + s.nextHopName(e)
		}
		then := " No other Edge pool works."
		switch {
		case len(working) > 3:
			then = fmt.Sprintf(" Clients re-query the DNS SRV records and sign in through one of the %d Edge pools that work.", len(working))
		case len(working) > 0:
			then = " Clients re-query the DNS SRV records and sign in through " + strings.Join(working, ", ") + "."
		}
		s.logf("Edge pool %s %s: remote users signed in through it are disconnected.%s", x.pools[e].fqdn, why, then)
	}
	for _, e := range back {
		s.logf("Edge pool %s carries remote access again (next hop %s).", x.pools[e].fqdn, s.nextHopName(e))
	}
	if remote != st.remoteOK {
		st.remoteOK = remote
		if remote {
			s.logf("Remote access works again.")
		} else {
			s.logf("Remote access stops: no Edge pool works, so remote and external users cannot sign in.")
		}
	}
	// mediaOK is false while an outage of a pool's external media has been announced.
	for _, p := range x.frontEnds {
		e := st.media[p]
		broken := s.mediaBroken(p)
		switch {
		case !broken && !st.mediaOK[p] && e >= 0 && st.edgeOK[e]:
			st.mediaOK[p] = true
			s.logf("External media (audio, video, conferencing with remote users) of %s works again through Edge pool %s.", x.pools[p].fqdn, x.pools[e].fqdn)
		case broken && st.mediaOK[p]:
			st.mediaOK[p] = false
			s.logf("External media (audio, video, conferencing with remote users) of %s stops: its associated Edge pool %s does not work. Associate another Edge pool (Set-CsRegistrar -Identity Registrar:%s -EdgeServer EdgeServer:<pool>).", x.pools[p].fqdn, x.pools[e].fqdn, x.pools[p].fqdn)
		}
	}
	fed := st.fedPool >= 0 && st.edgeOK[st.fedPool]
	if fed != st.fedOK {
		st.fedOK = fed
		if fed {
			s.logf("Federation works again through Edge pool %s.", x.pools[st.fedPool].fqdn)
		} else {
			s.logf("Federation stops: the federation route goes through Edge pool %s. Move it to a working Edge pool (Move-SimFederationRoute).", x.pools[st.fedPool].fqdn)
		}
	}
}

// nextHopName is the FQDN of Edge pool e's internal next hop, or "none".
func (s *Sim) nextHopName(e int) string {
	if h := s.st.nextHop[e]; h >= 0 {
		return s.x.pools[h].fqdn
	}
	return "none"
}

// edgeSummary is the Edge line of Get-SimState, or "" when the topology has no Edge pool.
func (s *Sim) edgeSummary() string {
	st, x := &s.st, s.x
	if len(x.edges) == 0 {
		return ""
	}
	var working []string
	for _, e := range x.edges {
		if st.edgeOK[e] {
			working = append(working, x.pools[e].fqdn)
		}
	}
	remote := "remote access STOPPED (no Edge pool works)"
	switch {
	case len(working) > 3:
		// Large deployments: count, and name only the Edge pools that do not work.
		remote = fmt.Sprintf("remote access through %d of %d Edge pools", len(working), len(x.edges))
		var out []string
		for _, e := range x.edges {
			if !st.edgeOK[e] {
				out = append(out, x.pools[e].fqdn)
			}
		}
		if len(out) > 0 {
			remote += " (not working: " + strings.Join(out, ", ") + ")"
		}
	case len(working) > 0:
		remote = "remote access through " + strings.Join(working, ", ")
	}
	fed := "no federation route"
	if f := st.fedPool; f >= 0 {
		state := "working"
		if !st.fedOK {
			state = "STOPPED"
		}
		fed = fmt.Sprintf("federation through %s (%s)", x.pools[f].fqdn, state)
	}
	var media []string
	for _, p := range x.frontEnds {
		if s.mediaBroken(p) {
			media = append(media, x.pools[p].fqdn)
		}
	}
	line := "Edge: " + remote + "; " + fed
	switch {
	case len(media) > 3:
		line += fmt.Sprintf("; external media STOPPED for %d Front End pools", len(media))
	case len(media) > 0:
		line += "; external media STOPPED for " + strings.Join(media, ", ")
	}
	return line
}

// cmdMoveFederationRoute moves the federation route to another Edge pool: what an administrator
// does in Topology Builder (clear "Enable federation" on the failed Edge pool, set it on
// another, publish, run Setup on the Edge servers).
func cmdMoveFederationRoute(c *ctx) {
	s := c.s
	x := s.x
	st := &s.st
	e := c.pool("PoolFqdn")
	if e < 0 {
		return
	}
	if x.pools[e].role != topology.Edge {
		c.fail("FW-NOT-EDGE", "InvalidArgument", fmt.Sprintf(`Pool "%s" is not an Edge pool: the federation route goes through an Edge pool.`, x.pools[e].fqdn))
		return
	}
	if !c.requireCMS() {
		return
	}
	if st.fedPool == e {
		c.warnf(`Edge pool "%s" already carries the federation route.`, x.pools[e].fqdn)
		return
	}
	if !s.edgeWorks(e) {
		c.warnf(`Edge pool "%s" does not work now (%s): federation stays stopped until it does.`, x.pools[e].fqdn, s.edgeReason(e))
	}
	c.change(false, func() {
		old := "none"
		if st.fedPool >= 0 {
			old = x.pools[st.fedPool].fqdn
		}
		st.fedPool = e
		s.logf("Federation route moved from %s to Edge pool %s (topology published, Setup run on its Edge servers).", old, x.pools[e].fqdn)
	})
}

// edgeReason says in a few words why Edge pool e does not work.
func (s *Sim) edgeReason(e int) string {
	if !s.st.serving[e] {
		return s.downReason(e)
	}
	if s.st.nextHop[e] < 0 {
		return "it has no internal next hop"
	}
	return "its internal next hop " + s.nextHopName(e) + " is not available"
}

// mediaBroken reports whether Front End pool p serves but its associated Edge pool for media
// does not work: its users' audio, video and conferencing with remote users stop (FACTS §15).
func (s *Sim) mediaBroken(p int) bool {
	e := s.st.media[p]
	return e >= 0 && s.st.serving[p] && !s.st.edgeOK[e]
}
