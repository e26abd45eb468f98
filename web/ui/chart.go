package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Chart is the stacked step chart of users by service mode over virtual time.
type Chart struct {
	W, H                     int
	Left, Right, Top, Bottom int
	// Series are the modes' bands, then the Features rows of BuildFeatureChart, one per
	// feature users lacked (their names are YTicks too).
	Series         []Series
	Features       int
	XTicks, YTicks []Tick
	Desc           string
}

// Series is one mode's band, or a feature's row under the chart (Mode the feature's
// identifier).
type Series struct {
	Mode string
	Path string
}

// Tick is an axis label.
type Tick struct {
	X, Y  int
	Label string
}

// BuildChart draws samples up to now. Each sample's counts hold until the next one.
func BuildChart(samples []sim.Sample, now time.Duration) Chart {
	return buildChart(samples, now, false)
}

// BuildFeatureChart is BuildChart with a row under the chart for each feature some users
// lacked (topology.Features order): a band as high as the share of users without it at each
// moment, with the feature's name on the left; Desc says how many lack each now.
func BuildFeatureChart(samples []sim.Sample, now time.Duration) Chart {
	return buildChart(samples, now, true)
}

// featureRowH is the height of a feature's row under the chart.
const featureRowH = 16

func buildChart(samples []sim.Sample, now time.Duration, features bool) Chart {
	c := Chart{W: 640, H: 220, Left: 56, Right: 630, Top: 10, Bottom: 190}
	var lost []topology.Feature
	for _, f := range topology.Features {
		for _, s := range samples {
			if s.Without[f] > 0 {
				lost = append(lost, f)
				break
			}
		}
	}
	if !features {
		lost = nil
	}
	if len(lost) > 0 {
		// Room on the left for the features' names.
		c.Left, c.H, c.Features = 170, c.H+featureRowH*len(lost)+4, len(lost)
	}
	end, maxUsers := chartSpan(samples, now)
	x := func(d time.Duration) int {
		return c.Left + int(float64(c.Right-c.Left)*float64(d)/float64(end))
	}
	y := func(n int) int {
		return c.Bottom - int(float64(c.Bottom-c.Top)*float64(n)/float64(maxUsers))
	}
	// xs[i] is where sample i starts and xs[i+1] where it ends.
	ns := len(samples)
	xs, below, top, bot := make([]int, ns+1), make([]int, ns), make([]int, ns), make([]int, ns)
	for i, s := range samples {
		xs[i] = x(s.At)
	}
	xs[ns] = x(end)
	// The modes' bands, stacked; then a row per feature lost, its band as high as the share
	// of users without it, its name as a tick on the left.
	var keys []string
	for _, m := range sim.Modes {
		keys = append(keys, string(m))
	}
	for _, f := range lost {
		keys = append(keys, string(f))
	}
	var without []string
	for k, key := range keys {
		row := k - len(sim.Modes)
		y0 := 222 + featureRowH*(row+1)
		any := false
		for i, s := range samples {
			v := s.Users[sim.Mode(key)]
			if row >= 0 {
				v = s.Without[topology.Feature(key)]
				top[i], bot[i] = y0-(featureRowH-2)*v/maxUsers, y0
			} else {
				bot[i] = y(below[i])
				below[i] += v
				top[i] = y(below[i])
			}
			any = any || v > 0
		}
		if any {
			c.Series = append(c.Series, Series{Mode: key, Path: stepPath(xs, top, bot)})
		}
		if row >= 0 {
			name := topology.Feature(key).Name()
			c.YTicks = append(c.YTicks, Tick{Y: y0 - 8, Label: name})
			if n := samples[ns-1].Without[topology.Feature(key)]; n > 0 {
				without = append(without, name+" "+units.Thousands(n))
			}
		}
	}
	step := tickStep(end)
	for d := time.Duration(0); d <= end; d += step {
		c.XTicks = append(c.XTicks, Tick{X: x(d), Label: FormatClock(d)})
	}
	for i := 0; i <= 4; i++ {
		n := maxUsers * i / 4
		c.YTicks = append(c.YTicks, Tick{Y: y(n), Label: units.Thousands(n)})
	}
	if n := len(samples); n > 0 {
		last := samples[n-1]
		var parts []string
		for _, m := range sim.Modes {
			if last.Users[m] > 0 {
				parts = append(parts, fmt.Sprintf("%s %s", units.Thousands(last.Users[m]), modeLabel(m)))
			}
		}
		c.Desc = fmt.Sprintf("%d samples up to %s; now: %s.", n, FormatClock(end), strings.Join(parts, ", "))
		if len(without) > 0 {
			c.Desc += " Users without " + strings.Join(without, ", ") + "."
		}
	} else {
		c.Desc = "No samples yet."
	}
	return c
}

// stepPath is the path of a band drawn as steps: sample i holds from xs[i] to xs[i+1], its
// upper edge at top[i] and its lower one at bot[i].
func stepPath(xs, top, bot []int) string {
	var b []byte
	// Upper edge, left to right; lower edge, right to left.
	for i := range top {
		b = pathTo(pathTo(b, xs[i], top[i]), xs[i+1], top[i])
	}
	for i := len(bot) - 1; i >= 0; i-- {
		b = pathTo(pathTo(b, xs[i+1], bot[i]), xs[i], bot[i])
	}
	b[0] = 'M'
	return string(b) + "Z"
}

// pathTo appends a line to x, y to a path.
func pathTo(b []byte, x, y int) []byte {
	b = strconv.AppendInt(append(b, 'L'), int64(x), 10)
	return strconv.AppendInt(append(b, ' '), int64(y), 10)
}

// chartSpan is the time the chart spans (at least a minute, up to now or the last sample)
// and the most users a sample counts (at least 1).
func chartSpan(samples []sim.Sample, now time.Duration) (end time.Duration, maxUsers int) {
	end = max(now, time.Minute)
	for _, s := range samples {
		end = max(end, s.At)
		t := 0
		for _, m := range sim.Modes {
			t += s.Users[m]
		}
		maxUsers = max(maxUsers, t)
	}
	return end, max(maxUsers, 1)
}

// tickSteps are the time axis' steps: round times a reader can add up.
var tickSteps = []time.Duration{15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute,
	10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour,
	12 * time.Hour, 24 * time.Hour}

// tickStep is the smallest round step that puts at most five ticks after 0 on an axis to end
// (ticks at round times, not at 0:05:34).
func tickStep(end time.Duration) time.Duration {
	for _, s := range tickSteps {
		if end/s <= 5 {
			return s
		}
	}
	n := end / (5 * 24 * time.Hour)
	return (n + 1) * 24 * time.Hour
}

// Figure is one RTO or data-loss figure, or a feature's RTO for a pool.
type Figure struct {
	Pool  string
	Label string
	Value string
}

// Figures lists the report's RTO figures, sorted by pool (then those of pools not yet
// restored that have none), and its data-loss figures.
func Figures(r sim.Report) []Figure {
	out := rtoFigures(r.RTO, r.Unrestored, "RTO ")
	for _, p := range SortedKeys(r.DataLoss) {
		out = append(out, Figure{Pool: p, Label: "Data loss " + p, Value: FormatClock(r.DataLoss[p])})
	}
	return out
}

// FeatureFigures lists the report's RTO per feature and pool, in topology.Features order then
// by pool ("RTO Meetings · atl-cs-001.litwareinc.com"): the time until every user of the pool
// had the feature again, or "not yet restored" for a feature its users still lack.
func FeatureFigures(r sim.Report) []Figure {
	var out []Figure
	for _, f := range topology.Features {
		out = append(out, rtoFigures(r.FeatureRTO[f], r.UnrestoredFeatures[f], "RTO "+f.Name()+" · ")...)
	}
	return out
}

// rtoFigures lists the RTO figures of m, sorted by pool, then the pools of unrestored that m
// lacks, "not yet restored" while zero; each is labelled label and its pool.
func rtoFigures(m map[string]time.Duration, unrestored []string, label string) []Figure {
	var out []Figure
	ps := SortedKeys(m)
	for _, p := range unrestored {
		if _, ok := m[p]; !ok {
			ps = append(ps, p)
		}
	}
	for _, p := range ps {
		v := "not yet restored"
		if m[p] > 0 {
			v = FormatClock(m[p])
		}
		out = append(out, Figure{Pool: p, Label: label + p, Value: v})
	}
	return out
}

// Playback: each tick of Play advances the virtual clock by playStep through Wait-SimTime.
const (
	playIntervalMs = 400
	playStep       = 15 // seconds of virtual time per tick
)

// Play advances the virtual clock continuously until Pause.
func (sm *SimStore) Play() {
	if sm.Playing || sm.Sim() == nil {
		return
	}
	sm.Playing = true
	sm.stopPlay = sm.host.Every(playIntervalMs, func() {
		if !sm.Playing {
			return
		}
		sm.Step(playStep)
	})
}

// Pause stops playback.
func (sm *SimStore) Pause() {
	sm.Playing = false
	if sm.stopPlay != nil {
		sm.stopPlay()
		sm.stopPlay = nil
	}
}

// Step advances the virtual clock by seconds, through the shell's Wait-SimTime.
func (sm *SimStore) Step(seconds int) {
	if sm.Sim() == nil {
		return
	}
	sm.Do(sim.Wait{Duration: time.Duration(seconds) * time.Second})
}

// SetJump sets the jump length in minutes.
func (sm *SimStore) SetJump(v string) {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 && n <= 1440 {
		sm.JumpMinutes = n
	}
}

// Jump advances the virtual clock by JumpMinutes.
func (sm *SimStore) Jump() {
	if sm.Sim() == nil {
		return
	}
	sm.Do(sim.Wait{Duration: time.Duration(sm.JumpMinutes) * time.Minute})
}
