// Package topology is the model of a Lync Server 2013 or Skype for Business Server 2015, 2019
// or Subscription Edition deployment as failwright sees it: sites, pools and their servers, pairings, the Central
// Management store, Edge next hops and Survivable Branch Appliances. It also decodes, encodes
// and validates that model. Everything else in failwright (the simulator, plans, analysis,
// the browser app and the Worker) reads a *Topology and never a file.
//
// The package is pure: no I/O, no clock. Callers hand it bytes and a file name.
package topology

// Version is the product version a pool runs.
type Version string

// The product versions failwright models. The YAML spelling is the constant's value.
const (
	Lync2013 Version = "Lync2013"
	SfB2015  Version = "SfB2015"
	SfB2019  Version = "SfB2019"
	// SfBSE is Skype for Business Server Subscription Edition: the 2019 code line under a new
	// name and licence (FACTS §23). It behaves as SfB2019 (see Version.Behaves).
	SfBSE Version = "SfBSE"
)

// Versions lists every known Version, oldest first.
var Versions = []Version{Lync2013, SfB2015, SfB2019, SfBSE}

// Role is what a pool does in the topology.
type Role string

// The pool roles failwright models.
const (
	// FrontEndEnterprise is an Enterprise Edition Front End pool (1 to 12 servers, 16 on 2019 and SE)
	// with a separate SQL Server back end.
	FrontEndEnterprise Role = "FrontEndEnterprise"
	// FrontEndStandard is a Standard Edition server: one server with a local SQL Express back end.
	FrontEndStandard Role = "FrontEndStandard"
	// Edge is an Edge pool; it is never paired and points to a Front End or Director pool as its
	// internal next hop.
	Edge Role = "Edge"
	// Director is a Director pool: it authenticates and redirects, and homes no users.
	Director Role = "Director"
)

// Roles lists every known Role.
var Roles = []Role{FrontEndEnterprise, FrontEndStandard, Edge, Director}

// IsFrontEnd reports whether the role homes users and can be paired.
func (r Role) IsFrontEnd() bool { return r == FrontEndEnterprise || r == FrontEndStandard }

// Platform says whether a pool's servers are physical or virtual machines.
type Platform string

// The platforms; pairs should match (FACTS §7).
const (
	Physical Platform = "Physical"
	Virtual  Platform = "Virtual"
)

// BackEndHA is the high-availability technology of an Enterprise pool's SQL back end.
type BackEndHA string

// The back-end HA kinds (FACTS §19). Mirroring is not supported on 2019 or Subscription Edition.
const (
	HANone            BackEndHA = "None"
	HAMirroring       BackEndHA = "Mirroring"
	HAAlwaysOn        BackEndHA = "AlwaysOn"
	HAFailoverCluster BackEndHA = "FailoverCluster"
)

// Topology is a whole deployment. Slices keep the order of the file; pools and sites are
// referred to by FQDN and name.
type Topology struct {
	// Name is a short label for the deployment, such as "Litware, Inc.".
	Name string `json:"name"`
	// Description is free text for people.
	Description string `json:"description,omitempty"`
	// SIPDomain is the default SIP domain, used to make sample user addresses.
	SIPDomain string `json:"sipDomain,omitempty"`
	// Sites are the central sites (data centers).
	Sites []Site `json:"sites"`
	// Pools are Front End, Edge and Director pools.
	Pools []Pool `json:"pools"`
	// Branches are Survivable Branch Appliances or Servers.
	Branches []Branch `json:"branches,omitempty"`
	// CMS says where the Central Management store lives.
	CMS CMS `json:"cms"`
	// BackupService is the global Backup Service configuration.
	BackupService BackupService `json:"backupService,omitzero"`
	// SimpleURLs are the Meet, Dial-in and Admin simple URLs and how their DNS names are
	// published (recovery.go; a pool failover does not move them).
	SimpleURLs []SimpleURL `json:"simpleUrls,omitempty"`
	// DNSProviders are the DNS services that publish simple URLs and SRV records by GeoDNS.
	DNSProviders []DNSProvider `json:"dnsProviders,omitempty"`
	// LoadBalancers are the hardware load balancers in front of pools' web services.
	LoadBalancers []LoadBalancer `json:"loadBalancers,omitempty"`
	// PersistentChat are the Persistent Chat pools (Lync Server 2013 and SfB 2015 only).
	PersistentChat []PersistentChatPool `json:"persistentChat,omitempty"`
	// XMPPGateways are the XMPP federation routes (Lync Server 2013 and SfB 2015 only).
	XMPPGateways []XMPPGateway `json:"xmppGateways,omitempty"`
	// PSTNGateways are the PSTN gateways the pools' Mediation Servers route calls to.
	PSTNGateways []PSTNGateway `json:"pstnGateways,omitempty"`
	// RecoveryPolicy is the deployment's recovery targets (policy.go); nil means Microsoft's
	// engineering targets for each pool's version.
	RecoveryPolicy *RecoveryPolicy `json:"recoveryPolicy,omitempty"`
}

// Site is a central site: a data center that can fail as a whole.
type Site struct {
	// Name identifies the site, for example "Atlanta".
	Name string `json:"name"`
	// Description is free text.
	Description string `json:"description,omitempty"`
	// Region is the world region; pairs should stay in one region (FACTS §7).
	Region string `json:"region,omitempty"`
	// RecoveryPolicy overrides the topology's recovery targets for the site's pools.
	RecoveryPolicy *RecoveryPolicy `json:"recoveryPolicy,omitempty"`
}

// Pool is a Front End (Enterprise or Standard), Edge or Director pool.
type Pool struct {
	// FQDN is the pool's fully qualified domain name (RFC 1123), unique in the topology.
	FQDN string `json:"fqdn"`
	// Site is the name of the site the pool is in.
	Site string `json:"site"`
	// Role is what the pool does.
	Role Role `json:"role"`
	// Version is the product version the pool runs.
	Version Version `json:"version"`
	// Platform is Physical or Virtual; empty means Physical.
	Platform Platform `json:"platform,omitempty"`
	// OS is the servers' operating system, for example "WindowsServer2019".
	OS string `json:"os,omitempty"`
	// Build is the product build the pool's servers run, as Get-CsServerVersion or the
	// cumulative update's KB article gives it, for example "7.0.2046.820" (Subscription
	// Edition at release). Empty means unknown; pairing checks compare it when both pools of
	// a pair give one.
	Build string `json:"build,omitempty"`
	// Servers are the pool's servers in topology order: the order in which they were first
	// started, which the quorum "first N servers" rule depends on.
	Servers []Server `json:"servers"`
	// Users is the number of users homed on the pool (Front End pools only).
	Users int `json:"users,omitempty"`
	// SampleUsers are SIP addresses of named users homed on the pool, for Get-CsUserPoolInfo.
	SampleUsers []string `json:"sampleUsers,omitempty"`
	// RoutingGroups is the number of routing groups; zero means derived from Users.
	RoutingGroups int `json:"routingGroups,omitempty"`
	// BackupPool is the FQDN of the paired Front End pool (1:1, reciprocal).
	BackupPool string `json:"backupPool,omitempty"`
	// NextHop is, for an Edge pool, the FQDN of its internal next-hop pool (Front End or Director).
	NextHop string `json:"nextHop,omitempty"`
	// FederationRoute marks the Edge pool that carries outbound federation.
	FederationRoute bool `json:"federationRoute,omitempty"`
	// BackEnd is the SQL back end of an Enterprise Edition pool. Standard Edition pools use a
	// local SQL Express store and leave it empty.
	BackEnd *BackEnd `json:"backEnd,omitempty"`
	// Registrar holds the registrar resiliency settings (Front End pools only).
	Registrar Registrar `json:"registrar,omitzero"`
	// WebServices are the pool's internal and external web services and the load balancer in
	// front of them (Front End and Director pools; see recovery.go).
	WebServices *WebServices `json:"webServices,omitempty"`
	// LocationDatabase marks the Front End pool whose back end holds the Location Information
	// Service database for E9-1-1. It is not replicated to the backup pool (FACTS §8b, §19).
	LocationDatabase bool `json:"locationDatabase,omitempty"`
	// ResponseGroups is the number of Response Group workflows homed on the Front End pool.
	ResponseGroups int `json:"responseGroups,omitempty"`
	// CallPark marks a Front End pool whose Call Park application has orbit ranges.
	CallPark bool `json:"callPark,omitempty"`
	// Announcements marks a Front End pool whose Announcement application answers unassigned
	// numbers.
	Announcements bool `json:"announcements,omitempty"`
	// RecoveryPolicy overrides the site's and topology's recovery targets for this Front End
	// pool.
	RecoveryPolicy *RecoveryPolicy `json:"recoveryPolicy,omitempty"`
}

// Server is one server in a pool.
type Server struct {
	// FQDN is the server's fully qualified domain name, unique in the topology.
	FQDN string `json:"fqdn"`
}

// BackEnd is an Enterprise pool's SQL Server store.
type BackEnd struct {
	// FQDN is the principal SQL server.
	FQDN string `json:"fqdn"`
	// Instance is the SQL instance name; empty means the default instance.
	Instance string `json:"instance,omitempty"`
	// HA is the high-availability technology; empty means None.
	HA BackEndHA `json:"ha,omitempty"`
	// Mirror is the mirror (or secondary replica) SQL server, when HA is not None.
	Mirror *SQLStore `json:"mirror,omitempty"`
	// Witness is the FQDN of the mirroring witness, if any.
	Witness string `json:"witness,omitempty"`
}

// SQLStore is a SQL Server and instance.
type SQLStore struct {
	// FQDN is the SQL server's fully qualified domain name.
	FQDN string `json:"fqdn"`
	// Instance is the SQL instance name; empty means the default instance.
	Instance string `json:"instance,omitempty"`
}

// Registrar holds a Front End pool's registrar resiliency timers (FACTS §13).
type Registrar struct {
	// FailureDetectionSeconds is how long the backup registrar waits without heartbeats before
	// accepting the pool's users in resiliency mode. Zero means the default (120 s).
	FailureDetectionSeconds int `json:"failureDetectionSeconds,omitempty"`
	// FailbackDetectionSeconds is how long the home pool must be healthy before clients are sent
	// home. Zero means the default (240 s).
	FailbackDetectionSeconds int `json:"failbackDetectionSeconds,omitempty"`
}

// Default registrar timers, from the Topology Builder help (FACTS §13 notes the 300 s conflict).
const (
	DefaultFailureDetectionSeconds  = 120
	DefaultFailbackDetectionSeconds = 240
)

// Branch is a Survivable Branch Appliance or Server. Its users get no pool disaster recovery.
type Branch struct {
	// FQDN is the appliance's fully qualified domain name.
	FQDN string `json:"fqdn"`
	// Site is the central site the branch is associated with.
	Site string `json:"site"`
	// Users is the number of users homed on the branch.
	Users int `json:"users,omitempty"`
	// BackupRegistrar is the FQDN of the Front End pool that is the branch's backup registrar.
	BackupRegistrar string `json:"backupRegistrar"`
}

// CMS says which pool's back end hosts the active Central Management store.
type CMS struct {
	// Pool is the FQDN of the Front End pool whose back end (or Standard Edition server) hosts
	// the CMS database.
	Pool string `json:"pool"`
}

// BackupService is the global Backup Service configuration (Set-CsBackupServiceConfiguration).
type BackupService struct {
	// SyncIntervalSeconds is how often each pool pushes changes to its partner. Zero means
	// the default of 120 s; the allowed range is 5 s to 3 h.
	SyncIntervalSeconds int `json:"syncIntervalSeconds,omitempty"`
}

// DefaultSyncIntervalSeconds is the Backup Service's default sync interval (00:02:00).
const DefaultSyncIntervalSeconds = 120
