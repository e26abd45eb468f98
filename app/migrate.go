package app

import (
	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// MigrateRequest is what to plan for a move to another pool: the pool retired and the pool
// that takes over, both in the topology (the target design), and the renderings wanted.
type MigrateRequest struct {
	// From is the FQDN of the pool whose users, services and pairing move; To the pool they
	// move to.
	From, To string
	// Format is the one rendering wanted; empty renders all three.
	Format Format
	// Positions gives the findings about the topology their position in its file.
	Positions bool
	// AsOf is the day the pools' support lifecycles are judged on (beside the plan, never in it).
	AsOf topology.Date
}

// PlanRequest is the plan request a migration is: the engine's request in Migrate mode.
func (r MigrateRequest) PlanRequest() PlanRequest {
	return PlanRequest{Request: plan.Request{Pool: r.From, Mode: plan.Migrate, MigrateTo: r.To, Setup: []string{}},
		Format: r.Format, Positions: r.Positions, AsOf: r.AsOf}
}

// Migrate builds, validates stage by stage and renders the migration plan req asks for on the
// topology of doc. Status is StatusBadInput when From or To is not a pool of the topology,
// StatusFail when no migration plan can keep the users covered.
func Migrate(doc *topofile.Document, req MigrateRequest) *PlanResult {
	return Plan(doc, req.PlanRequest())
}
