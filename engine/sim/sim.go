package sim

import (
	"container/heap"
	"fmt"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Sim is one running simulation. It is not safe for concurrent use; Clone gives independent
// copies for parallel work.
//
// The design is a discrete-event machine. All mutable state lives in slices indexed by pool,
// server, site, branch or Backup Service direction number (see index), so that Clone is a handful
// of slice copies; the topology and the indexes derived from it are shared read-only between
// clones. Timers (the registrar failure- and failback-detection intervals, Backup Service catch-up
// ticks) sit in an event queue ordered by virtual time and then by sequence number, and every
// change of time goes through that queue, so Wait-SimTime and the long-running cmdlets see events
// in the same order on every run.
type Sim struct {
	x  *index
	st state
	// out collects the console lines of the Exec call in progress.
	out []Line
	// noticeEvents prints logged events as notices (while a simulator verb or Wait-SimTime runs;
	// the real cmdlets print their own steps instead).
	noticeEvents bool
}

// New starts a simulation of t with every server, pool, site and link up, every pool Active
// and the Backup Service in steady state. t must have no validation errors: New itself checks
// only what it needs to run (unique names, known references) and reports the first problem.
func New(t *topology.Topology, opts Options) (*Sim, error) {
	if t == nil {
		return nil, fmt.Errorf("sim: no topology")
	}
	x, err := buildIndex(t)
	if err != nil {
		return nil, err
	}
	s := &Sim{x: x}
	s.st = newState(x, opts.Seed)
	s.recompute()
	s.logf("Simulation started: %s, %s, %s.", units.Plural(len(x.sites), "site"), units.Plural(len(x.pools), "pool"), units.Plural(x.totalUsers, "user"))
	return s, nil
}

// Advance moves the virtual clock forward by d, as Wait-SimTime does, running every timer that
// falls due on the way in time order. A negative d is ignored.
func (s *Sim) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	s.advanceTo(s.st.now + d)
}

// advanceTo runs due events up to t and leaves the clock at t.
func (s *Sim) advanceTo(t time.Duration) {
	for len(s.st.queue) > 0 && s.st.queue[0].At <= t {
		ev := heap.Pop(&s.st.queue).(event)
		if ev.At > s.st.now {
			s.st.now = ev.At
		}
		s.handle(ev)
	}
	if t > s.st.now {
		s.st.now = t
	}
	s.recompute()
}

// Now returns the virtual clock.
func (s *Sim) Now() time.Duration { return s.st.now }

// Clone returns an independent copy of the simulation in its current state. The topology and
// its indexes are shared (read-only); every piece of mutable state is copied.
func (s *Sim) Clone() *Sim {
	return &Sim{x: s.x, st: s.st.clone()}
}

// ExecAll runs every line of a script (newline-separated; blank lines and lines starting with
// '#' are skipped) and returns one Result per line run. An exit line ends the script, as in
// PowerShell: nothing after it runs.
func (s *Sim) ExecAll(script string) []Result {
	var out []Result
	for _, line := range strings.Split(script, "\n") {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if _, _, ok := shell.ExitCode(l); ok && s.st.pending == nil {
			break
		}
		out = append(out, s.Exec(line))
	}
	return out
}

// ExecConfirmed runs one line as Exec does and, when the command asks for confirmation
// without having failed, answers yes ("Y"), as an operator following a runbook does: the
// result is the answered command's. It is the one way the plan builder and the analysis run
// a line.
func (s *Sim) ExecConfirmed(line string) Result {
	r := s.Exec(line)
	if r.Prompt && !r.Failed {
		r = s.Exec("Y")
	}
	return r
}

// FormatDuration renders a virtual time or duration as PowerShell renders a TimeSpan:
// hh:mm:ss, with a leading "d." when a day or more (units.Duration).
func FormatDuration(d time.Duration) string { return units.Duration(d).String() }
