package sim

import (
	"time"

	"failwright/engine/topology"
)

// The simulator's timing table: every duration its cmdlets and timers take, exported so that
// models of the simulator (engine/analysis) read it rather than restate it. Each figure says
// where it comes from; docs/errors.md ("Durations") lists them all. [DOC] figures are
// documented by Microsoft; [INFERRED] ones are failwright's modelling choices, sized so that
// the documented totals hold. The registrar's failure and failback detection intervals are
// the topology's (topology.Pool.EffectiveFailureDetectionSeconds).

// Durations of the steps the long-running cmdlets take.
const (
	// DurCMSReplication is one Central Management store replication round [INFERRED].
	DurCMSReplication = 30 * time.Second
	// DurSetState is one registrar configuration change (Set-CsRegistrarConfiguration) [INFERRED].
	DurSetState = 5 * time.Second
	// DurFlush is Invoke-CsStorageServiceFlush -FlushType FullFlush on every Front End of a pool,
	// run in parallel [INFERRED].
	DurFlush = 2 * time.Minute
	// DurVerify is the data-integrity check that -SkipDataVerification skips (2015/2019) [INFERRED].
	DurVerify = 2 * time.Minute
	// DurRegistrarReset is Reset-CsPoolRegistrarState -ResetType ServiceReset [INFERRED].
	DurRegistrarReset = time.Minute
	// DurServicesStop is how long a pool's services take to stop when -ServicesStopDelayMins is
	// not given [INFERRED]; with it, the cmdlet waits that many minutes (at least one).
	DurServicesStop = 2 * time.Minute
	// DurServicesStart is starting a pool's services again for failback [INFERRED].
	DurServicesStart = 3 * time.Minute
	// DurCMSFailover is a Central Management store failover: RTO 5 minutes [DOC] FACTS §9.
	DurCMSFailover = 5 * time.Minute
	// DefaultFailoverWait is the failover's -WaitTime when not given: the documentation gives no
	// default [UNCONFIRMED]; failwright waits up to 10 minutes for the final state.
	DefaultFailoverWait = 10 * time.Minute
	// DefaultFailbackWait is the failback's -WaitTime default: 15 seconds [DOC] FACTS §3.
	DefaultFailbackWait = 15 * time.Second
	// FailbackPer20k is the failback time for 20,000 users: up to 60 minutes [DOC] FACTS §6, §9.
	FailbackPer20k = 60 * time.Minute
	// FailoverPer40kSfB and FailoverPer40kLync2013 are the hydration of a failover at the
	// documented reference load of 40,000 active users, sized so that a disaster-mode failover,
	// from the administrator's command to full service, lands in the documented RTO: 15-20
	// minutes on Skype for Business Server 2015/2019 and 30 minutes on Lync Server 2013 [DOC]
	// FACTS §9 (the plan's checks, the CMS replication and the data verification take the rest).
	FailoverPer40kSfB      = 19 * time.Minute
	FailoverPer40kLync2013 = 29 * time.Minute
	// DurHydrateGroup is the least loading one routing group takes, however few its users: the
	// backup store's read and the Windows Fabric commit of its three replicas [INFERRED].
	DurHydrateGroup = 15 * time.Second
)

// HydrationTime is how long the backup pool takes to load a failed pool's users (the bulk of a
// failover): in proportion to its users at the documented rate (FailoverPer40kSfB,
// FailoverPer40kLync2013 per 40,000 users [DOC]), and at least DurHydrateGroup per routing
// group [INFERRED], so that a 1,000-user lab fails over in about a minute while a 40,000-user
// pool takes the documented time.
func HydrationTime(v topology.Version, users, groups int) time.Duration {
	per := FailoverPer40kSfB
	if v == topology.Lync2013 {
		per = FailoverPer40kLync2013
	}
	return scaled(per, 40000, users, groups)
}

// FailbackTime is how long the home pool takes to load its users back: 60 minutes per 20,000
// users [DOC], and at least DurHydrateGroup per routing group [INFERRED].
func FailbackTime(users, groups int) time.Duration {
	return scaled(FailbackPer20k, 20000, users, groups)
}

// scaled is per for every ref users, in proportion and truncated to the second, and at least
// DurHydrateGroup for each routing group. Both counts are bounded so that no product overflows.
func scaled(per time.Duration, ref, users, groups int) time.Duration {
	u := time.Duration(min(max(users, 0), 1_000_000))
	d := (per * u / time.Duration(ref)).Truncate(time.Second)
	return max(d, DurHydrateGroup*time.Duration(min(max(groups, 0), 1_000_000)))
}

// The Backup Service sync interval range, inclusive, and its default [DOC] FACTS §10.
const (
	MinSyncInterval     = 5 * time.Second
	MaxSyncInterval     = 3 * time.Hour
	DefaultSyncInterval = 2 * time.Minute
)

// Durations of the Front End maintenance cmdlets [INFERRED].
const (
	// DurDrainBase is the fixed part of draining one Front End Server with
	// Invoke-CsComputerFailOver; DurDrainPer6660 is added per 6,660 users it serves.
	DurDrainBase    = 5 * time.Minute
	DurDrainPer6660 = 5 * time.Minute
	// DurServicesStopOne is stopping and disabling one server's services.
	DurServicesStopOne = time.Minute
	// DefaultComputerWait is -WaitTime's default for both cmdlets: one hour [DOC] FACTS §11.
	DefaultComputerWait = time.Hour
)

// BackEndGrace is how long the Front Ends of a pool whose mirrored back end (without a witness)
// stopped answering keep their sessions: about 30 minutes [DOC] FACTS §9.
const BackEndGrace = 30 * time.Minute

// DurDatabaseFailover is a manual back-end failover [INFERRED].
const DurDatabaseFailover = time.Minute
