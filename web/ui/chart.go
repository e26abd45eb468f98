package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/units"
)

// Chart is the stacked step chart of users by service mode over virtual time.
type Chart struct {
	W, H                     int
	Left, Right, Top, Bottom int
	Series                   []Series
	XTicks, YTicks           []Tick
	Desc                     string
}

// Series is one mode's band.
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
	c := Chart{W: 640, H: 220, Left: 56, Right: 630, Top: 10, Bottom: 190}
	end := now
	if n := len(samples); n > 0 && samples[n-1].At > end {
		end = samples[n-1].At
	}
	if end < time.Minute {
		end = time.Minute
	}
	maxUsers := 0
	for _, s := range samples {
		t := 0
		for _, m := range sim.Modes {
			t += s.Users[m]
		}
		if t > maxUsers {
			maxUsers = t
		}
	}
	if maxUsers == 0 {
		maxUsers = 1
	}
	x := func(d time.Duration) int {
		return c.Left + int(float64(c.Right-c.Left)*float64(d)/float64(end))
	}
	y := func(n int) int {
		return c.Bottom - int(float64(c.Bottom-c.Top)*float64(n)/float64(maxUsers))
	}
	for mi, m := range sim.Modes {
		if len(samples) == 0 {
			break
		}
		below := func(s sim.Sample) int {
			n := 0
			for _, mm := range sim.Modes[:mi] {
				n += s.Users[mm]
			}
			return n
		}
		any := false
		for _, s := range samples {
			if s.Users[m] > 0 {
				any = true
				break
			}
		}
		if !any {
			continue
		}
		var b strings.Builder
		// Upper edge, left to right, as steps.
		for i, s := range samples {
			x0 := x(s.At)
			x1 := x(end)
			if i+1 < len(samples) {
				x1 = x(samples[i+1].At)
			}
			top := y(below(s) + s.Users[m])
			if i == 0 {
				fmt.Fprintf(&b, "M%d %d", x0, top)
			} else {
				fmt.Fprintf(&b, "L%d %d", x0, top)
			}
			fmt.Fprintf(&b, "L%d %d", x1, top)
		}
		// Lower edge, right to left.
		for i := len(samples) - 1; i >= 0; i-- {
			s := samples[i]
			x0 := x(s.At)
			x1 := x(end)
			if i+1 < len(samples) {
				x1 = x(samples[i+1].At)
			}
			bot := y(below(s))
			fmt.Fprintf(&b, "L%d %dL%d %d", x1, bot, x0, bot)
		}
		b.WriteString("Z")
		c.Series = append(c.Series, Series{Mode: string(m), Path: b.String()})
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
	} else {
		c.Desc = "No samples yet."
	}
	return c
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

// Figure is one RTO or data-loss figure.
type Figure struct {
	Pool  string
	Label string
	Value string
}

// Figures lists the report's RTO and data-loss figures, sorted by pool.
func Figures(r sim.Report) []Figure {
	var out []Figure
	for _, p := range SortedKeys(r.RTO) {
		v := "not yet restored"
		if r.RTO[p] > 0 {
			v = FormatClock(r.RTO[p])
		}
		out = append(out, Figure{Pool: p, Label: "RTO " + p, Value: v})
	}
	for _, p := range SortedKeys(r.DataLoss) {
		out = append(out, Figure{Pool: p, Label: "Data loss " + p, Value: FormatClock(r.DataLoss[p])})
	}
	for _, p := range r.Unrestored {
		if _, ok := r.RTO[p]; !ok {
			out = append(out, Figure{Pool: p, Label: "RTO " + p, Value: "not yet restored"})
		}
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
