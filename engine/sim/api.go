// Package sim is failwright's deterministic simulator of a deployment under failure. It is a
// pure state machine in the manner of etcd-io/raft: the caller feeds it shell lines and the
// passing of virtual time, and it answers with console output and a state snapshot. It does no
// I/O, reads no clock and draws randomness only from the seed it is given, so the same topology,
// seed and inputs give byte-identical output natively, in the browser and in the Worker.
package sim

import (
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// Options configure a new simulation.
type Options struct {
	// Seed drives every random choice (for example which replica becomes primary).
	Seed int64
}

// LineKind says how a console line is styled, as the real console styles it.
type LineKind string

// The console line kinds.
const (
	LineOutput  LineKind = "output"  // ordinary output (tables, objects, text)
	LineError   LineKind = "error"   // red error records: "Cmdlet : message" plus details
	LineWarning LineKind = "warning" // "WARNING: ..."
	LineVerbose LineKind = "verbose" // "VERBOSE: ..."
	LinePrompt  LineKind = "prompt"  // a -Confirm question waiting for the next input line
	LineInfo    LineKind = "info"    // simulator notices (time advanced, fault injected)
)

// Line is one line the console prints.
type Line struct {
	Kind LineKind `json:"kind"`
	Text string   `json:"text"`
}

// Result is what one input line produced.
type Result struct {
	// Lines are printed in order.
	Lines []Line `json:"lines"`
	// Failed is true when the command wrote a terminating or non-terminating error.
	Failed bool `json:"failed"`
	// ErrorID is the stable ID of the first error (docs/errors.md), or "" when none.
	ErrorID string `json:"errorId,omitempty"`
	// Prompt is true when the command asked for confirmation: the next Exec line answers it.
	Prompt bool `json:"prompt,omitempty"`
	// Changed is true when the command changed the simulated state.
	Changed bool `json:"changed,omitempty"`
	// Err is the first error, the one ErrorID names, as a value (nil when none), so that
	// callers never read it back from the console lines. It is not part of the JSON form.
	Err *Error `json:"-"`
}

// Error is an error a command wrote (or, under -ErrorAction SilentlyContinue, would have
// written): what the simulator knew when it made the error record.
type Error struct {
	// ID is the stable error ID (docs/errors.md), for example FW-POOL-NOT-FOUND.
	ID string
	// Cmdlet is the command the error is about ("" for parser errors).
	Cmdlet string
	// Category is PowerShell's error category, for example ObjectNotFound or ParserError.
	Category string
	// Message is the error message, without the "Cmdlet : " prefix.
	Message string
}

// Error returns the error's first console line as PowerShell prints it: "Cmdlet : message",
// or the message alone for parser errors and errors of no cmdlet; format characters are
// escaped as the console shows them (\u202E).
func (e *Error) Error() string {
	msg := e.Message
	if e.Cmdlet != "" && e.Category != "ParserError" {
		msg = e.Cmdlet + " : " + msg
	}
	first, _, _ := strings.Cut(msg, "\n")
	return shell.EscapeFormat(first)
}

// simError is the Error value of a shell error record.
func simError(e *shell.Error) *Error {
	return &Error{ID: e.ID, Cmdlet: e.Cmdlet, Category: e.Category, Message: e.Message}
}

// Health is a pool's health as its quorum and back end make it.
type Health string

// The pool health values.
const (
	HealthUp       Health = "Up"       // every server running
	HealthDegraded Health = "Degraded" // some servers down, pool-level quorum kept
	HealthDown     Health = "Down"     // quorum lost, back end lost, or every server down
)

// PoolState is the registrar PoolState that failover and failback set.
type PoolState string

// The PoolState values.
const (
	StateActive      PoolState = "Active"
	StateFailingOver PoolState = "FailingOver"
	StateFailedOver  PoolState = "FailedOver"
	StateFailingBack PoolState = "FailingBack"
)

// Mode is how a group of users is served at a moment.
type Mode string

// The service modes, from best to worst.
const (
	ModeHome       Mode = "Home"       // full service on the home pool
	ModeBackup     Mode = "Backup"     // full service on the backup pool after failover
	ModeResiliency Mode = "Resiliency" // registered on the backup registrar, limited features
	ModeSignedOut  Mode = "SignedOut"  // no service
)

// Modes lists every Mode, best first.
var Modes = []Mode{ModeHome, ModeBackup, ModeResiliency, ModeSignedOut}

// BackupState is a Backup Service direction's export state (FACTS §10).
type BackupState string

// The Backup Service states.
const (
	BackupSteady         BackupState = "SteadyState"
	BackupFinal          BackupState = "FinalState"
	BackupNonSteady      BackupState = "NonSteadyState"
	BackupNotInitialized BackupState = "NotInitialized"
	BackupError          BackupState = "ErrorState"
)

// Snapshot is the observable state at one moment. It is plain data, safe to keep and to
// encode as JSON.
type Snapshot struct {
	// Now is the virtual clock.
	Now time.Duration `json:"now"`
	// Pools is every pool in topology order.
	Pools []PoolSnapshot `json:"pools"`
	// Branches is every Survivable Branch Appliance in topology order.
	Branches []BranchSnapshot `json:"branches,omitempty"`
	// CMS is the Central Management store.
	CMS CMSSnapshot `json:"cms"`
	// Backup is every Backup Service direction, sorted by From then To.
	Backup []BackupSnapshot `json:"backup"`
	// Sites is every site and whether it is up.
	Sites []SiteSnapshot `json:"sites"`
	// Links is every inter-site link that is cut, sorted.
	CutLinks [][2]string `json:"cutLinks,omitempty"`
	// Edge is remote access and federation through the Edge pools; nil when the topology has
	// no Edge pool.
	Edge *EdgeSnapshot `json:"edge,omitempty"`
	// SyncInterval is the Backup Service sync interval now (Set-CsBackupServiceConfiguration).
	SyncInterval time.Duration `json:"syncInterval,omitempty"`
	// Recovery is the state of the parts a pool failover does not bring back; nil when the
	// topology has none.
	Recovery *RecoverySnapshot `json:"recovery,omitempty"`
}

// RecoverySnapshot is the state of the parts a pool failover does not bring back
// (docs/recovery.md).
type RecoverySnapshot struct {
	// LoadBalancers, DNSProviders and Gateways are the load balancers, DNS providers and PSTN
	// gateways, in topology order, each up or down (its own state and its site's).
	LoadBalancers []PartSnapshot `json:"loadBalancers,omitempty"`
	DNSProviders  []PartSnapshot `json:"dnsProviders,omitempty"`
	Gateways      []PartSnapshot `json:"gateways,omitempty"`
	// SimpleURLs are the simple URLs, in topology order.
	SimpleURLs []URLSnapshot `json:"simpleUrls,omitempty"`
	// PersistentChat are the Persistent Chat pools, in topology order.
	PersistentChat []ChatSnapshot `json:"persistentChat,omitempty"`
	// XMPP are the XMPP gateways, in topology order.
	XMPP []XMPPSnapshot `json:"xmpp,omitempty"`
}

// PartSnapshot is a load balancer, DNS provider or gateway and whether it runs.
type PartSnapshot struct {
	Name string `json:"name"`
	Up   bool   `json:"up"`
}

// URLSnapshot is a simple URL: whether it resolves to web services that answer, and for a
// manual record the pool clients resolve it to now and, while a change waits for its TTL,
// the pool it will resolve to and the virtual time it will (Until).
type URLSnapshot struct {
	URL      string        `json:"url"`
	Resolves bool          `json:"resolves"`
	Target   string        `json:"target,omitempty"`
	Pending  string        `json:"pending,omitempty"`
	Until    time.Duration `json:"until,omitempty"`
}

// ChatSnapshot is a Persistent Chat pool's state.
type ChatSnapshot struct {
	FQDN       string `json:"fqdn"`
	Serving    bool   `json:"serving"`
	PoolState  string `json:"poolState"`
	ActiveSite string `json:"activeSite"`
	NextHop    string `json:"nextHop,omitempty"`
}

// XMPPSnapshot is an XMPP gateway: the Edge pool of the route and of the record, and whether
// XMPP federation works through it.
type XMPPSnapshot struct {
	Domain string `json:"domain"`
	Route  string `json:"route,omitempty"`
	Record string `json:"record,omitempty"`
	Works  bool   `json:"works"`
}

// EdgeSnapshot is the state of external access (FACTS §15).
type EdgeSnapshot struct {
	// RemoteAccess is true while at least one Edge pool works (serves and reaches its internal
	// next hop): remote users' clients find it through the DNS SRV records.
	RemoteAccess bool `json:"remoteAccess"`
	// Federation is true while the Edge pool carrying the federation route works.
	Federation bool `json:"federation"`
	// FederationPool is the FQDN of the Edge pool carrying the federation route ("" for none).
	FederationPool string `json:"federationPool,omitempty"`
	// Working lists the Edge pools that work now, in topology order.
	Working []string `json:"working,omitempty"`
	// MediaStopped lists the Front End pools that serve but whose associated Edge pool for
	// media does not work: audio, video and conferencing with remote users stop for them.
	MediaStopped []string `json:"mediaStopped,omitempty"`
}

// PoolSnapshot is one pool's state.
type PoolSnapshot struct {
	FQDN      string    `json:"fqdn"`
	Health    Health    `json:"health"`
	PoolState PoolState `json:"poolState"`
	// ServersUp lists, in topology order, whether each server runs.
	ServersUp []bool `json:"serversUp"`
	// BackEndUp is whether the back end (principal or, after failover, mirror) answers.
	BackEndUp bool `json:"backEndUp"`
	// Users counts the pool's homed users by mode; the counts add up to the pool's users.
	Users map[Mode]int `json:"users,omitempty"`
	// ServedBy is the FQDN of the pool serving the homed users now ("" when signed out).
	ServedBy string `json:"servedBy,omitempty"`
	// NextHop is, for an Edge pool, its current internal next hop.
	NextHop string `json:"nextHop,omitempty"`
	// Load is the users this pool serves now (its own and failed-over ones) over its capacity.
	Load float64 `json:"load,omitempty"`
	// Site is the name of the pool's site.
	Site string `json:"site,omitempty"`
	// Role is the pool's role (topology.Role).
	Role string `json:"role,omitempty"`
	// Mode is the service mode of the pool's homed users (Front End pools only). When some of
	// its routing groups lost quorum, their users (StrandedUsers) are counted Resiliency in
	// Users while Mode stays the mode of the others.
	Mode Mode `json:"mode,omitempty"`
	// RoutingGroupsLost is how many of a Front End pool's routing groups are in quorum loss
	// (two of their three replicas stopped) while the pool serves its users at home.
	RoutingGroupsLost int `json:"routingGroupsLost,omitempty"`
	// StrandedUsers is how many of the pool's homed users are in those routing groups: they have
	// limited functionality although the pool is up (quorum.StrandedUsers).
	StrandedUsers int `json:"strandedUsers,omitempty"`
	// BackupPool is the FQDN of the paired pool, if any.
	BackupPool string `json:"backupPool,omitempty"`
	// ServicesStopped is true while a failover has stopped the pool's services.
	ServicesStopped bool `json:"servicesStopped,omitempty"`
	// ExternalAccess is, for an Edge pool, whether it works now: it serves and its internal
	// next hop serves.
	ExternalAccess bool `json:"externalAccess,omitempty"`
	// FederationRoute is true for the Edge pool that carries the federation route now.
	FederationRoute bool `json:"federationRoute,omitempty"`
	// MediaEdge is, for a Front End pool, the Edge pool associated with it for media.
	MediaEdge string `json:"mediaEdge,omitempty"`
	// ServersDrained lists, in topology order, whether each server was drained and stopped by
	// Invoke-CsComputerFailOver (nil when none is).
	ServersDrained []bool `json:"serversDrained,omitempty"`
	// Features are, for a Front End pool, the features its users have now (engine/features),
	// and Missing those that apply to them but they lack, both in topology.Features order.
	Features []topology.Feature `json:"features,omitempty"`
	Missing  []topology.Feature `json:"missing,omitempty"`
}

// BranchSnapshot is one Survivable Branch Appliance's state.
type BranchSnapshot struct {
	FQDN  string       `json:"fqdn"`
	Up    bool         `json:"up"`
	Users map[Mode]int `json:"users,omitempty"`
	// Mode is the service mode of the branch's users.
	Mode Mode `json:"mode,omitempty"`
	// ServedBy is the FQDN of the backup registrar pool serving them while the appliance is
	// down ("" while the appliance serves them or they are signed out).
	ServedBy string `json:"servedBy,omitempty"`
}

// CMSSnapshot is where the Central Management store's active master is.
type CMSSnapshot struct {
	// ActivePool is the FQDN of the pool hosting the active master.
	ActivePool string `json:"activePool"`
	// Available is whether the active master answers.
	Available bool `json:"available"`
	// StandbyPool is the FQDN of the pool holding the standby copy (the CMS pool's partner).
	StandbyPool string `json:"standbyPool,omitempty"`
}

// BackupSnapshot is one Backup Service direction (From's data copied to To).
type BackupSnapshot struct {
	From  string      `json:"from"`
	To    string      `json:"to"`
	State BackupState `json:"state"`
	// LastSync is the virtual time of the last completed sync.
	LastSync time.Duration `json:"lastSync"`
	// Backlog is how much of From's changes have not reached To, as a span of time.
	Backlog time.Duration `json:"backlog"`
}

// SiteSnapshot is one site's state.
type SiteSnapshot struct {
	Name string `json:"name"`
	Up   bool   `json:"up"`
}

// Report is the figures of a whole run so far.
type Report struct {
	// RTO is, for each pool whose users lost full service, the time from the failure until they
	// all had full service again (at home or on the backup pool); zero when not yet restored.
	// Only outages that a fault started count (planned failovers and failbacks do not); when a
	// pool had several, the longest. Branch appliances appear under their FQDN.
	RTO map[string]time.Duration `json:"rto,omitempty"`
	// DataLoss is, for each pool failed over in disaster mode, the window of changes lost: the
	// Backup Service backlog at the failure. Planned failovers appear too, with zero unless a
	// short -WaitTime cut the final sync; a disaster-mode failback adds what the backup pool had
	// not synced back (the larger of the two is kept).
	DataLoss map[string]time.Duration `json:"dataLoss,omitempty"`
	// RTOFromDecision is RTO on the decision clock: from the administrator's decision to fail
	// the pool over (when Invoke-CsPoolFailOver ran during the outage) until full service; the
	// same as RTO when nobody decided (the users got service back without a failover).
	RTOFromDecision map[string]time.Duration `json:"rtoFromDecision,omitempty"`
	// Policy judges each Front End pool with an RTO or data-loss figure against its recovery
	// policy (topology.EffectivePolicy), sorted by pool.
	Policy []topology.Verdict `json:"policy,omitempty"`
	// Unrestored lists pools whose users still lack full service, sorted.
	Unrestored []string `json:"unrestored,omitempty"`
	// FeatureRTO is, for each feature and each pool (Front End pool, or Persistent Chat pool
	// for persistent-chat) some of whose users lost it, the time from the fault until all of
	// them had it again; zero when not yet restored. As for RTO, only losses a fault started
	// count, and the longest is kept; features never lost are absent.
	FeatureRTO map[topology.Feature]map[string]time.Duration `json:"featureRto,omitempty"`
	// UnrestoredFeatures lists, for each feature some users still lack, the pools whose users
	// lack it, sorted.
	UnrestoredFeatures map[topology.Feature][]string `json:"unrestoredFeatures,omitempty"`
	// Timeline samples users by mode at every change, in time order.
	Timeline []Sample `json:"timeline"`
	// Events is the log of what happened, in time order.
	Events []Event `json:"events"`
}

// Sample is the count of all users by mode at one moment.
type Sample struct {
	At    time.Duration `json:"at"`
	Users map[Mode]int  `json:"users"`
	// Without counts, for each feature some users lack, the users without it (Front End pools'
	// users by the rules of engine/features; Persistent Chat by its pools' users); absent when
	// every user has every feature that applies to them.
	Without map[topology.Feature]int `json:"without,omitempty"`
}

// Event is one entry in the run's log.
type Event struct {
	At   time.Duration `json:"at"`
	Text string        `json:"text"`
}

// Topology returns the topology the simulation runs on. Callers must not change it.
func (s *Sim) Topology() *topology.Topology { return s.x.topo }
