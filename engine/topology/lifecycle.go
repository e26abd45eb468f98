package topology

import (
	"fmt"
	"time"
)

// Date is a civil date, year-month-day, without a time or a zone: the day support
// lifecycles are judged on. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date written YYYY-MM-DD, such as 2026-12-06, and refuses anything else,
// a day that does not exist included.
// It reads the digits itself rather than through time.Parse, whose layout machinery would add
// about 60 KB to the page's wasm.
func ParseDate(s string) (Date, error) {
	bad := fmt.Errorf("%q is not a date written YYYY-MM-DD, such as 2026-12-06", s)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, bad
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
			n = n*10 + int(part[i]-'0')
		}
		return n, true
	}
	y, okY := num(s[:4])
	m, okM := num(s[5:7])
	d, okD := num(s[8:])
	if !okY || !okM || !okD || m < 1 || m > 12 || d < 1 {
		return Date{}, bad
	}
	if t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC); t.Day() != d {
		return Date{}, bad // the 31st of a 30-day month, or the 29th of February in a common year
	}
	return Date{y, time.Month(m), d}, nil
}

// DateOf is the civil date of t in t's own location. Callers that read a clock (the CLI, the
// page, the Worker) pass their time here; the engine never reads one.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String writes d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Compare returns -1, 0 or +1 as d is before, the same day as, or after o.
func (d Date) Compare(o Date) int {
	for _, c := range [][2]int{{d.Year, o.Year}, {int(d.Month), int(o.Month)}, {d.Day, o.Day}} {
		switch {
		case c[0] < c[1]:
			return -1
		case c[0] > c[1]:
			return 1
		}
	}
	return 0
}

// reached reports whether day d is on or after end; a zero end is never reached.
func (d Date) reached(end Date) bool { return !end.IsZero() && d.Compare(end) >= 0 }

// Lifecycle is a version's support lifecycle (FACTS §23). A zero date means there is none:
// Subscription Edition follows the Modern Lifecycle Policy and has no announced end.
type Lifecycle struct {
	// Version is the product version.
	Version Version
	// Modern marks the Modern Lifecycle Policy: supported while on a current update.
	Modern bool
	// MainstreamEnd is the first day without mainstream support (new fixes and features).
	MainstreamEnd Date
	// SupportEnd is the first day without support or security updates.
	SupportEnd Date
	// ESUEnd is the first day without the paid extended security updates that followed
	// SupportEnd; zero when there were none.
	ESUEnd Date
	// Source names where the dates come from.
	Source string
}

// Lifecycles lists each version's support lifecycle, in the order of Versions.
var Lifecycles = []Lifecycle{
	{Version: Lync2013, MainstreamEnd: Date{2018, time.April, 10}, SupportEnd: Date{2023, time.April, 11},
		Source: "Microsoft lifecycle pages (Lync Server 2013; end-of-support-2023)"},
	{Version: SfB2015, MainstreamEnd: Date{2020, time.October, 13}, SupportEnd: Date{2025, time.October, 14}, ESUEnd: Date{2026, time.April, 14},
		Source: "Microsoft lifecycle pages (Skype for Business Server 2015; end-of-support-2025); Microsoft's announcement of the one-time ESU (Aug 2025)"},
	{Version: SfB2019, MainstreamEnd: Date{2024, time.January, 9}, SupportEnd: Date{2025, time.October, 14}, ESUEnd: Date{2026, time.April, 14},
		Source: "Microsoft lifecycle pages (Skype for Business Server 2019; end-of-support-2025); Microsoft's announcement of the one-time ESU (Aug 2025)"},
	{Version: SfBSE, Modern: true,
		Source: "Microsoft lifecycle page for Skype for Business Server Subscription Edition (Modern Lifecycle Policy, generally available July 2025)"},
}

// LifecycleOf returns v's lifecycle, and false for an unknown version.
func LifecycleOf(v Version) (Lifecycle, bool) {
	for _, l := range Lifecycles {
		if l.Version == v {
			return l, true
		}
	}
	return Lifecycle{}, false
}

// SupportPhase is where a version stands in its lifecycle on a given day.
type SupportPhase string

// The support phases, in the order a version goes through them.
const (
	// Mainstream: fixes and security updates.
	Mainstream SupportPhase = "Mainstream"
	// Extended: security updates only, until SupportEnd.
	Extended SupportPhase = "Extended"
	// ESU: out of support; only the paid extended security updates, until ESUEnd.
	ESU SupportPhase = "ESU"
	// Unsupported: no support and no security updates.
	Unsupported SupportPhase = "Unsupported"
)

// Phase returns where the lifecycle stands on day d.
func (l Lifecycle) Phase(d Date) SupportPhase {
	switch {
	case d.reached(l.SupportEnd) && (l.ESUEnd.IsZero() || d.reached(l.ESUEnd)):
		return Unsupported
	case d.reached(l.SupportEnd):
		return ESU
	case d.reached(l.MainstreamEnd):
		return Extended
	}
	return Mainstream
}

// UpgradePath says how a pool of version v reaches a supported version: in place from 2019
// to Subscription Edition, side by side (a new pool, users moved) from 2015 and 2013
// (FACTS §23). It is empty for Subscription Edition and unknown versions.
func UpgradePath(v Version) string {
	switch v {
	case SfB2019:
		return "upgrade the pool in place to Skype for Business Server Subscription Edition, then set version: SfBSE"
	case SfB2015, Lync2013:
		return "move side by side: deploy a Skype for Business Server Subscription Edition pool, move the users to it and pair it; " +
			v.Name() + " cannot be upgraded in place"
	}
	return ""
}

// LifecycleFindings returns the support-lifecycle findings (FW1001 to FW1003) of t's pools on
// the given day, anchored to src and sorted, and nothing for the zero Date. Validation with
// Options.AsOf includes them; a plan shows them beside its own findings without taking them
// in, so that a plan's ID does not change with the day it is made.
func LifecycleFindings(t *Topology, day Date, src Source) Findings {
	if t == nil || day.IsZero() {
		return nil
	}
	v := &validator{t: t, x: newIndex(t), opt: Options{AsOf: day}}
	for i := range t.Pools {
		v.lifecycle(i)
	}
	src.Anchor(v.fs)
	v.fs.Sort()
	return v.fs
}

// lifecycle reports the i-th pool's version when it is past mainstream support on the
// Options.AsOf day; nothing when AsOf is zero.
func (v *validator) lifecycle(i int) {
	p := &v.t.Pools[i]
	l, ok := LifecycleOf(p.Version)
	day := v.opt.AsOf
	if !ok || day.IsZero() {
		return
	}
	path := v.x.poolPath(i) + ".version"
	name := versionName(p.Version)
	switch l.Phase(day) {
	case Unsupported:
		esu := ""
		if !l.ESUEnd.IsZero() {
			esu = fmt.Sprintf(" and its extended security updates on %s", l.ESUEnd)
		}
		v.add(CodeEndOfSupport, path, UpgradePath(p.Version),
			"%s left support on %s%s: as of %s it gets no security updates", name, l.SupportEnd, esu, day)
	case ESU:
		v.add(CodeESUOnly, path, UpgradePath(p.Version)+", before "+l.ESUEnd.String(),
			"%s left support on %s: as of %s only the one-time extended security updates patch it, and they end on %s",
			name, l.SupportEnd, day, l.ESUEnd)
	case Extended:
		v.add(CodeExtendedSupport, path, "plan the move: "+UpgradePath(p.Version),
			"%s left mainstream support on %s: as of %s it gets security updates only, until %s", name, l.MainstreamEnd, day, l.SupportEnd)
	}
}
