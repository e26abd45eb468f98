package engine

import (
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Sizes of the drill's picture: sites are columns of pool boxes, the chart is below.
const (
	drillSiteW = 240
	drillGap   = 24
	drillPoolH = 44
	drillHead  = 30
	drillChart = 120
)

// drillHTML draws a training drill's simulation for the trainee: each site a column of its
// pools, coloured by health (orange when overloaded, with the CMS marked), then the users by
// service mode over time. The worker writes it, so that the page's wasm carries no second
// diagram.
func drillHTML(t *topology.Topology, snap sim.Snapshot, timeline []sim.Sample) string {
	var b htmlBuf
	rows := 1
	for _, s := range t.Sites {
		rows = max(rows, len(t.PoolsInSite(s.Name)))
	}
	w := max(1, len(t.Sites))*(drillSiteW+drillGap) + drillGap
	top := drillHead + rows*(drillPoolH+8) + 16
	h := top + drillChart + 24
	b.raw(`<svg xmlns="http://www.w3.org/2000/svg" id="drill-diagram" role="img" aria-label="The drill's deployment and its users over time" `, attr("viewBox", "0 0 "+itoa(w)+" "+itoa(h)), ">")
	pools := map[string]sim.PoolSnapshot{}
	for _, p := range snap.Pools {
		pools[strings.ToLower(p.FQDN)] = p
	}
	cms := snap.CMS.ActivePool
	for i, s := range t.Sites {
		x := drillGap + i*(drillSiteW+drillGap)
		b.raw(`<g class="site" `, attr("data-site", s.Name), `><rect rx="8" `, attr("x", itoa(x)), " ", attr("y", "4"), " ", attr("width", itoa(drillSiteW)), " ", attr("height", itoa(top-12)), `></rect><text class="site-name" `, attr("x", itoa(x+8)), ` y="22">`)
		b.text(s.Name)
		b.raw(`</text></g>`)
		for k, p := range t.PoolsInSite(s.Name) {
			ps := pools[strings.ToLower(p.FQDN)]
			health := string(ps.Health)
			state := health
			if ps.PoolState != "" && ps.PoolState != sim.StateActive {
				state += " · " + string(ps.PoolState)
			}
			if ps.Load > 1 {
				health, state = "Overloaded", state+" · overloaded "+itoa(int(ps.Load*100+0.5))+"%"
			}
			if strings.EqualFold(p.FQDN, cms) {
				state += " · CMS"
			}
			y := drillHead + k*(drillPoolH+8)
			b.raw(`<g `, attr("class", "pool drill-"+strings.ToLower(health)), " ", attr("data-pool", p.FQDN), " ", attr("data-state", string(ps.PoolState)), `><rect rx="5" `,
				attr("x", itoa(x+8)), " ", attr("y", itoa(y)), " ", attr("width", itoa(drillSiteW-16)), " ", attr("height", itoa(drillPoolH)), `></rect><text class="pool-name" `,
				attr("x", itoa(x+14)), " ", attr("y", itoa(y+17)), ">")
			b.text(p.FQDN)
			b.raw(`</text><text class="pool-state" `, attr("x", itoa(x+14)), " ", attr("y", itoa(y+34)), ">")
			b.text(state)
			b.raw(`</text></g>`)
		}
	}
	drillChartHTML(&b, timeline, snap.Now, drillGap, top, w-2*drillGap)
	b.raw(`</svg>`)
	return b.String()
}

// drillChartHTML draws the users by mode over time as stacked steps in the box at (x, y) of
// width w, with the time axis in hh:mm:ss at its two ends.
func drillChartHTML(b *htmlBuf, samples []sim.Sample, now time.Duration, x, y, w int) {
	end := max(now, time.Minute)
	if n := len(samples); n > 0 {
		end = max(end, samples[n-1].At)
	}
	most := 1
	for _, s := range samples {
		n := 0
		for _, m := range sim.Modes {
			n += s.Users[m]
		}
		most = max(most, n)
	}
	px := func(d time.Duration) int { return x + int(float64(w)*float64(d)/float64(end)) }
	py := func(n int) int { return y + drillChart - drillChart*n/most }
	for mi, m := range sim.Modes {
		var d strings.Builder
		for i, s := range samples {
			below := 0
			for _, mm := range sim.Modes[:mi] {
				below += s.Users[mm]
			}
			next := end
			if i+1 < len(samples) {
				next = samples[i+1].At
			}
			// Each sample's band, a rectangle until the next sample.
			if s.Users[m] > 0 {
				d.WriteString("M" + itoa(px(s.At)) + " " + itoa(py(below+s.Users[m])) + "H" + itoa(px(next)) + "V" + itoa(py(below)) + "H" + itoa(px(s.At)) + "Z")
			}
		}
		if d.Len() > 0 {
			b.raw(`<path `, attr("class", "area mode-"+string(m)), " ", attr("data-mode", string(m)), " ", attr("d", d.String()), `></path>`)
		}
	}
	b.raw(`<text class="tick" `, attr("x", itoa(x)), " ", attr("y", itoa(y+drillChart+16)), `>00:00:00</text><text class="tick" text-anchor="end" `,
		attr("x", itoa(x+w)), " ", attr("y", itoa(y+drillChart+16)), ">", units.Duration(end.Round(time.Second)).String(), `</text>`)
	b.raw(`<text class="tick" `, attr("x", itoa(x)), " ", attr("y", itoa(y-2)), ">")
	b.text("users by mode (" + units.Thousands(most) + " at the top)")
	b.raw(`</text>`)
}
