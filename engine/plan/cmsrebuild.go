package plan

import (
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
)

// BootstrapperPerServer is the plan's estimate of local setup (Bootstrapper /Setup) on one
// Front End Server, the CMS rebuild's last, manual step; the analysis's model counts it too.
const BootstrapperPerServer = 5 * time.Minute

// The configuration exports Move-CsManagementServer -Force rebuilds the store from, where the
// official procedure puts them (step 6).
const (
	cmsConfigFile = `C:\CsConfigurationFile.zip`
	cmsLisFile    = `C:\CsLisConfigurationFile.zip`
)

// cmsRebuild lays out the official procedure's route for a CMS that cannot be failed over
// (procedure step 6; FACTS §14): a new Central Management database on the back end of the
// failed pool's backup pool, the forced move to it from the configuration exports, the
// checks, and local setup (Bootstrapper) on the backup pool's other Front Ends.
func (b *builder) cmsRebuild(status Call) {
	cms, to := b.cms, b.bk
	server, instance, _, _ := cmsStore(to)
	store := server
	if instance != "" {
		store += `\` + instance
	}
	runOn := to.FQDN
	if len(to.Servers) > 0 {
		runOn = to.Servers[0].FQDN
	}
	b.step(manualStep("cms-exports", "Copy the configuration exports to "+runOn,
		"Copy your latest Export-CsConfiguration and Export-CsLisConfiguration files to "+cmsConfigFile+" and "+cmsLisFile+" on "+runOn+", the Front End of "+to.FQDN+" that runs the next steps.",
		"Both files are on "+runOn+".",
		"Procedure step 6: the CMS on "+cms.FQDN+" is lost without a standby; Move-CsManagementServer -Force rebuilds it from these exports, so changes made after them are lost.",
		checkDuration))
	inst := call("Install-CsDatabase", sw("CentralManagementDatabase"), sw("Clean"), q("SqlServerFqdn", server))
	if instance != "" {
		inst.Params = append(inst.Params, q("SqlInstanceName", instance))
	}
	b.step(changeStep("cms-install-database", "Install a new Central Management database on "+store, inst,
		"The xds and lis databases are created on "+store+"; the command ends without error.",
		"Procedure step 6: the CMS cannot be failed over, so a new, empty store is installed on the back end of "+to.FQDN+", the pool that takes the users.",
		sim.DurCMSReplication))
	move := call("Move-CsManagementServer", q("ConfigurationFileName", cmsConfigFile), q("LisConfigurationFileName", cmsLisFile),
		q("TargetFqdn", to.FQDN), sw("Force"))
	b.step(changeStep("cms-move", "Move the Central Management Server to "+to.FQDN, move,
		"The command lists the current and proposed state, imports the configuration into "+store+" and names the computers that need local setup.",
		"Procedure step 6: run on "+runOn+"; -Force because the store on "+cms.FQDN+" cannot be set read-only first.",
		cmsDuration, status))
	b.step(checkStep("cms-verify", "Check that the CMS is active on "+to.FQDN, status,
		"ActiveMasterFqdn and ActiveFileTransferAgents now name "+to.FQDN+".",
		"Procedure step 6: validate the move.").showing(to.FQDN))
	b.step(checkStep("cms-service", "Check the Central Management service of "+to.FQDN,
		call("Get-CsService", sw("CentralManagement")),
		"CentralManagement:"+to.FQDN+" shows Active True.",
		"The service control point now names the new store; no other pool's service may be active.").showing("CentralManagement:" + to.FQDN))
	b.step(checkStep("cms-replicas", "Check that every replica is up to date",
		call("Get-CsManagementStoreReplicationStatus"),
		"Every replica of "+to.FQDN+" reports UpToDate True; the servers that still need local setup catch up after it.",
		"Procedure step 6: the pool failover needs a working CMS."))
	if others := serverNames(to)[min(1, len(to.Servers)):]; len(others) > 0 {
		b.step(manualStep("cms-bootstrapper", "Install the Central Management Server service on the other Front Ends of "+to.FQDN,
			"On each Front End Server of "+to.FQDN+" except "+runOn+", run Bootstrapper /Setup: "+strings.Join(others, ", ")+". When the servers of "+cms.FQDN+" are rebuilt, run it on them too.",
			"Bootstrapper ends without error on every server; Get-CsManagementStoreReplicationStatus shows each of them UpToDate True.",
			"Procedure step 6: Move-CsManagementServer installs the service only on the server it ran on.",
			time.Duration(len(others))*BootstrapperPerServer))
	}
}

// serverNames lists the FQDNs of a pool's servers.
func serverNames(p *topology.Pool) []string {
	out := make([]string, len(p.Servers))
	for i, s := range p.Servers {
		out[i] = s.FQDN
	}
	return out
}
