package analysis

import (
	"encoding/json"
	"fmt"
	"time"
)

// Service is how a pool's users are served after recovery, best first. The values are the
// simulator's service modes.
type Service string

// The service modes.
const (
	ServiceHome       Service = "Home"       // full service on the home pool
	ServiceBackup     Service = "Backup"     // full service on the backup pool after failover
	ServiceResiliency Service = "Resiliency" // registered on the backup pool, limited features
	ServiceSignedOut  Service = "SignedOut"  // no service
)

// CMSState is what became of the Central Management store.
type CMSState uint8

// The CMS states, best first.
const (
	// CMSAvailable: the CMS stayed where it was and answers.
	CMSAvailable CMSState = iota
	// CMSFailedOver: the CMS was lost and the recovery failed it over to its standby on the
	// CMS pool's partner.
	CMSFailedOver
	// CMSLost: the CMS was lost and cannot be failed over (no partner, or the partner is down),
	// so no pool can be failed over either.
	CMSLost
)

var cmsNames = [...]string{"Available", "FailedOver", "Lost"}

// String returns Available, FailedOver or Lost.
func (c CMSState) String() string {
	if int(c) < len(cmsNames) {
		return cmsNames[c]
	}
	return fmt.Sprintf("CMSState(%d)", c)
}

// MarshalJSON writes the state's name.
func (c CMSState) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// PoolOutcome is what became of one Front End pool and its users after the failure and the
// recovery.
type PoolOutcome struct {
	// Service is how the pool's homed users are served.
	Service Service `json:"service"`
	// ServedBy is the index (among Front End pools) of the pool serving them, or -1.
	ServedBy int `json:"servedBy"`
	// Unserved is the homed users without full service.
	Unserved int `json:"unserved"`
	// NoDR is the homed users without disaster recovery: their pool has no usable partner,
	// the partner is down, they already run on it, or replication between the two is cut.
	NoDR int `json:"noDR"`
	// Served is the users this pool carries (its own, its branches', failed-over ones) when it
	// is up; zero when it is down.
	Served int `json:"served"`
	// Capacity is how many users the pool carries with the servers it has left; zero when down.
	Capacity int `json:"capacity"`
	// Overflow is Served beyond Capacity.
	Overflow int `json:"overflow"`
	// RTO is the time from the failure until the homed users had full service again; zero when
	// they never lost it or never got it back (then Unserved says so).
	RTO time.Duration `json:"rto"`
	// DataLoss is the window of changes lost by a disaster-mode failover; zero otherwise.
	DataLoss time.Duration `json:"dataLoss"`
}

// Load is Served over Capacity; zero for a pool that is down.
func (p PoolOutcome) Load() float64 {
	if p.Capacity <= 0 {
		return 0
	}
	return float64(p.Served) / float64(p.Capacity)
}

// Outcome is the state after a failure set and the recovery failwright plans for it.
type Outcome struct {
	// Pools is one entry per Front End pool, in topology order.
	Pools []PoolOutcome `json:"pools"`
	// CMS is what became of the Central Management store.
	CMS CMSState `json:"cms"`
	// Edges says, per Edge pool in topology order, whether it gives remote access after
	// recovery (it runs and its next hop serves).
	Edges []bool `json:"edges"`
}

// Figures are the numbers a report compares across failure sets.
type Figures struct {
	// Unserved is the users without full service after recovery.
	Unserved int
	// NoDR is the users left without disaster recovery.
	NoDR int
	// AtRisk is Unserved plus the users beyond capacity on surviving pools; the score uses it.
	AtRisk int
	// Unrestored is the number of Front End pools whose users lack full service.
	Unrestored int
	// Load is the worst load (users over capacity) on a surviving pool, and LoadPool that
	// pool (-1 when none survives).
	Load     float64
	LoadPool int
	// RTO and DataLoss are the longest over the pools recovered.
	RTO, DataLoss time.Duration
	// CMS is what became of the CMS.
	CMS CMSState
	// EdgesWorking counts the Edge pools giving remote access.
	EdgesWorking int
}

// worseLoad reports whether load a on pool pa ranks before load b on pool pb: higher load
// first, then the lower pool index.
func worseLoad(a float64, pa int, b float64, pb int) bool {
	if a != b {
		return a > b
	}
	if pa < 0 || pb < 0 {
		return pb < 0 && pa >= 0
	}
	return pa < pb
}

// Figures sums up the outcome.
func (o *Outcome) Figures() Figures {
	f := Figures{LoadPool: -1, CMS: o.CMS}
	for i := range o.Pools {
		p := &o.Pools[i]
		f.Unserved += p.Unserved
		f.NoDR += p.NoDR
		f.AtRisk += p.Unserved + p.Overflow
		if p.Unserved > 0 {
			f.Unrestored++
		}
		if p.Capacity > 0 {
			if l := p.Load(); worseLoad(l, i, f.Load, f.LoadPool) {
				f.Load, f.LoadPool = l, i
			}
		}
		f.RTO = max(f.RTO, p.RTO)
		f.DataLoss = max(f.DataLoss, p.DataLoss)
	}
	for _, w := range o.Edges {
		if w {
			f.EdgesWorking++
		}
	}
	return f
}

// Evaluator computes the outcome of a failure set after recovery. The analysis's own model
// (Model) is one; a simulator-backed one runs the set's Setup lines in a clone of a base
// simulation, lets the registrar timers run and simulates the plan builder's disaster plans.
// An Evaluator must be deterministic and safe for concurrent use.
type Evaluator interface {
	Evaluate(set FailureSet) Outcome
}
