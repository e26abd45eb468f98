package sim

import (
	"time"

	"failwright/engine/topology"
)

// Sim is one running simulation. It is not safe for concurrent use; Clone gives independent
// copies for parallel work.
//
// CONTRACT (being implemented): the signatures below are what the scenarios, plans, analysis,
// browser app and Worker build on.
type Sim struct {
	topo *topology.Topology
	now  time.Duration
}

// New starts a simulation of t with every server, pool, site and link up, every pool Active
// and the Backup Service in steady state. t must have no validation errors.
func New(t *topology.Topology, opts Options) (*Sim, error) {
	return &Sim{topo: t}, nil
}

// Exec runs one shell line: a cmdlet, a simulator verb, or the answer to a pending prompt.
func (s *Sim) Exec(line string) Result { return Result{} }

// Advance moves the virtual clock forward by d, as Wait-SimTime does.
func (s *Sim) Advance(d time.Duration) { s.now += d }

// Now returns the virtual clock.
func (s *Sim) Now() time.Duration { return s.now }

// Snapshot returns the observable state now.
func (s *Sim) Snapshot() Snapshot { return Snapshot{Now: s.now} }

// Report returns the run's figures so far.
func (s *Sim) Report() Report { return Report{} }

// Clone returns an independent copy of the simulation in its current state.
func (s *Sim) Clone() *Sim { c := *s; return &c }
