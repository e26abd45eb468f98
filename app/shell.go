package app

import (
	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// ShellSession is the simulated Management Shell on one topology: a line in, a typed result
// out.
type ShellSession struct {
	sim *sim.Sim
	// Names are the topology's names, for tab completion.
	Names shell.Names
	// Version is the product version every pool runs, or "" (all versions) for a mixed
	// topology: completion offers the cmdlets and parameters of that version.
	Version topology.Version
}

// NewShell validates the topology of doc and starts a simulation of it with the seed of its
// random choices. A topology with errors is StatusBadInput with its findings, sorted; a
// simulation that cannot start is StatusBadInput with the error.
func NewShell(doc *topofile.Document, seed int64) (*ShellSession, topology.Findings, Status, error) {
	if vf := doc.Validate(); vf.HasErrors() {
		vf.Sort()
		return nil, vf, StatusBadInput, nil
	}
	s, err := sim.New(doc.Topology, sim.Options{Seed: seed})
	if err != nil {
		return nil, nil, StatusBadInput, err
	}
	return &ShellSession{sim: s, Names: shell.NamesOf(doc.Topology), Version: SessionVersion(doc.Topology)}, nil, StatusOK, nil
}

// Exec runs one statement (or the answer to a pending -Confirm question).
func (s *ShellSession) Exec(line string) sim.Result { return s.sim.Exec(line) }

// SessionVersion returns the version all the topology's pools run, or "" when they differ.
func SessionVersion(t *topology.Topology) topology.Version {
	var v topology.Version
	for _, p := range t.Pools {
		if p.Version == "" {
			continue
		}
		if v != "" && p.Version != v {
			return ""
		}
		v = p.Version
	}
	return v
}
