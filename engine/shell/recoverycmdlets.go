package shell

import "failwright/engine/topology"

// This file holds the cmdlets of the whole recovery (issue 18): the steps a pool failover does
// not take by itself (Response Groups, the location database, Call Park and announcements,
// Persistent Chat, the XMPP route) and the synthetic transactions that verify a recovery.
// Parameter names, types, sets and positions follow the Skype for Business Server cmdlet
// reference pages of each cmdlet (learn.microsoft.com/powershell/module/skype/<name>); the
// help texts are failwright's own.

const (
	rgsIdentityType = "Microsoft.Rtc.Rgs.Management.RgsIdentity"
	xdsGlobalRel    = "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity"
	authMechanism   = "Microsoft.Rtc.Management.Hadr.AuthenticationMechanism"
	helpTestForce   = "Suppresses non-fatal error messages."
)

// authMechanisms are the -Authentication values of the synthetic transactions.
var authMechanisms = []string{"TrustedServer", "Negotiate", "ClientCertificate", "LiveID", "OAuth"}

// recoveryCmdlets are the product cmdlets the whole recovery runs.
func recoveryCmdlets() []Cmdlet {
	return append(recoveryConfigCmdlets(), syntheticCmdlets()...)
}

func recoveryConfigCmdlets() []Cmdlet {
	rgs := func(name, help string, mandatory bool) Param {
		return Param{Name: name, Type: TypeString, TypeName: rgsIdentityType, Mandatory: mandatory, Help: help}
	}
	fileName := func(help string, pos int) Param {
		return Param{Name: "FileName", Type: TypeString, Mandatory: true, Position: pos, Help: help}
	}
	return []Cmdlet{
		{
			Name: "Export-CsRgsConfiguration", Class: "Microsoft.Rtc.Rgs.Management.ExportOcsRgsConfigurationCmdlet",
			Synopsis:    "Exports a pool's Response Group configuration (workflows, queues, agent groups, audio files) to a .zip file.",
			Description: "The backup that Import-CsRgsConfiguration restores into the backup pool after a failover. Run it regularly while the pool is up: a pool that is down cannot be exported.",
			Params: []Param{
				fileName("Path of the .zip file to write.", 0),
				rgs("Source", "The Response Group application to export: ApplicationServer:<pool FQDN> (or service:ApplicationServer:<pool FQDN>).", true),
				sw("Force", helpForce),
				rgs("Owner", "Exports only the groups owned by this pool.", false),
				sw("RemoveExportedConfiguration", "Deletes the exported configuration from the source pool afterwards."),
			},
			Examples: []Example{{"Export-CsRgsConfiguration -Source ApplicationServer:atl-cs-001.litwareinc.com -FileName C:\\Backup\\atl-rgs.zip", "Backs up atl-cs-001's Response Groups."}},
		},
		{
			Name: "Import-CsRgsConfiguration", Class: "Microsoft.Rtc.Rgs.Management.ImportOcsRgsConfigurationCmdlet",
			Synopsis: "Imports Response Group configuration from an Export-CsRgsConfiguration file into a pool.",
			Description: "After a failover the home pool's Response Groups are lost until they are imported into the backup pool (before Skype for Business Server 2019's Backup Service covers them). Imported groups keep their home pool as owner unless -OverwriteOwner is given; -ReplaceExistingSettings replaces the destination's application-level settings with the file's.\n\n" +
				"The simulated shell treats the file as present: an import at disaster time reads your latest backup. The destination pool must be up.",
			Params: []Param{
				rgs("Destination", "The Response Group application to import into: ApplicationServer:<pool FQDN>.", true),
				fileName("Path of the .zip file Export-CsRgsConfiguration wrote.", 0),
				sw("Force", helpForce),
				sw("OverwriteOwner", "Makes the destination pool the owner of the imported groups."),
				sw("ReplaceExistingSettings", "Replaces the destination's application-level settings (one set per pool) with the file's."),
			},
			Examples: []Example{{"Import-CsRgsConfiguration -Destination ApplicationServer:dfw-cs-001.litwareinc.com -FileName C:\\Backup\\atl-rgs.zip -OverwriteOwner", "Brings atl-cs-001's Response Groups back on its backup pool."}},
		},
		{
			Name: "Export-CsLisConfiguration", Sets: []string{"FileName", "AsBytes"}, DefaultSet: "FileName",
			Synopsis:    "Backs up the E9-1-1 location configuration (the Location Information Service database) to a file.",
			Description: "The location database is not replicated to the backup pool: this file is what restores it after a failover.",
			Params: []Param{
				{Name: "FileName", Type: TypeString, Mandatory: true, Position: 1, Sets: []string{"FileName"}, Help: "Path of the file to write; it must not exist."},
				{Name: "AsBytes", Type: TypeSwitch, Mandatory: true, Sets: []string{"AsBytes"}, Help: "Returns the configuration as a byte array instead."},
			},
			Examples: []Example{{"Export-CsLisConfiguration -FileName C:\\Backup\\lis.bak", "Backs up the location configuration."}},
		},
		{
			Name: "Import-CsLisConfiguration", Sets: []string{"FileName", "ByteInput"}, DefaultSet: "FileName",
			Synopsis:    "Restores the E9-1-1 location configuration from an Export-CsLisConfiguration file.",
			Description: "After a failover, restore the location database into the pool that now serves the users, then run Publish-CsLisConfiguration. The simulated shell treats the file as present (your latest backup).",
			Params: []Param{
				{Name: "FileName", Type: TypeString, Mandatory: true, Position: 1, Sets: []string{"FileName"}, Help: "Path of the backup file."},
				{Name: "ByteInput", Type: TypeString, TypeName: "System.Byte[]", Mandatory: true, Position: 1, Sets: []string{"ByteInput"}, Help: "The configuration as a byte array (not supported by the simulated shell, which has no variables)."},
			},
			Examples: []Example{{"Import-CsLisConfiguration -FileName C:\\Backup\\lis.bak", "Restores the location configuration."}},
		},
		{
			Name: "Publish-CsLisConfiguration", ShouldProcess: true,
			Synopsis:    "Publishes the location database to the Central Management store, so that the Location Information Service answers with it.",
			Description: "Locations imported with Import-CsLisConfiguration reach clients only once published. Needs the Central Management store.",
			Params:      []Param{sw("Force", helpForce)},
			Examples:    []Example{{"Publish-CsLisConfiguration", "Publishes the location configuration."}},
		},
		{
			Name: "Set-CsCallParkOrbit", ShouldProcess: true, Sets: []string{"Identity", "Instance"}, DefaultSet: "Identity",
			Synopsis:    "Changes a Call Park orbit range, among others the Call Park service (pool) that parks its calls.",
			Description: "After a failover, point the home pool's orbit ranges at the backup pool's Call Park service: -CallParkService ApplicationServer:<backup pool FQDN>. The Call Park application must run in both pools. Point them back after failback.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: xdsGlobalRel, Position: 1, Sets: []string{"Identity"}, Help: "The orbit range's name."},
				{Name: "Instance", Type: TypeString, TypeName: "System.Management.Automation.PSObject", Sets: []string{"Instance"}, Help: "An orbit object (not supported by the simulated shell, which has no variables)."},
				{Name: "NumberRangeStart", Type: TypeString, Position: 2, Help: "First number of the range."},
				{Name: "NumberRangeEnd", Type: TypeString, Position: 3, Help: "Last number of the range."},
				{Name: "CallParkService", Type: TypeString, Position: 4, Help: "The Call Park service: ApplicationServer:<pool FQDN> (or service:ApplicationServer:<pool FQDN>)."},
				sw("Force", helpForce),
				{Name: "Type", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.WritableConfig.Policy.Voice.OrbitType", Enum: []string{"CallPark", "GroupPickup"}, Versions: v2015Up, Help: "CallPark or GroupPickup."},
			},
			Examples: []Example{{"Set-CsCallParkOrbit -Identity \"Atlanta orbits\" -CallParkService ApplicationServer:dfw-cs-001.litwareinc.com", "The Dallas pool parks Atlanta's calls."}},
		},
		{
			Name: "Set-CsUnassignedNumber", ShouldProcess: true, Sets: []string{"AnnouncementService", "AutoAttendant", "Identity"}, DefaultSet: "Identity",
			Synopsis:    "Changes a range of unassigned numbers and where calls to them go, among others the Announcement service (pool) that answers them.",
			Description: "After a failover, re-create the announcements in the backup pool and point the home pool's ranges at its Announcement service: -AnnouncementService ApplicationServer:<backup pool FQDN> -AnnouncementName <name>. Not needed for ranges answered by an Exchange UM auto attendant.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: xdsGlobalRel, Position: 1, Help: "The range's name."},
				{Name: "NumberRangeStart", Type: TypeString, Position: 2, Sets: []string{"AnnouncementService", "AutoAttendant"}, Help: "First number of the range."},
				{Name: "NumberRangeEnd", Type: TypeString, Position: 3, Sets: []string{"AnnouncementService", "AutoAttendant"}, Help: "Last number of the range."},
				{Name: "AnnouncementService", Type: TypeString, Mandatory: true, Position: 4, Sets: []string{"AnnouncementService"}, Help: "The Announcement service: ApplicationServer:<pool FQDN>."},
				{Name: "AnnouncementName", Type: TypeString, Mandatory: true, Position: 5, Sets: []string{"AnnouncementService"}, Help: "The announcement to play, as New-CsAnnouncement named it."},
				{Name: "ExUmAutoAttendantPhoneNumber", Type: TypeString, Mandatory: true, Position: 4, Sets: []string{"AutoAttendant"}, Help: "The Exchange UM auto attendant's number."},
				{Name: "Priority", Type: TypeInt, Help: "The range's priority."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Set-CsUnassignedNumber -Identity \"Atlanta unassigned\" -AnnouncementService ApplicationServer:dfw-cs-001.litwareinc.com -AnnouncementName \"Atlanta welcome\"", "The Dallas pool answers Atlanta's unassigned numbers."}},
		},
		persistentChatStateCmdlet(),
		{
			Name: "Get-CsPersistentChatState", Versions: v2013_15, Sets: []string{"Identity", "Filter"}, DefaultSet: "Identity",
			Synopsis:    "Shows a Persistent Chat pool's state: Normal or FailedOver.",
			Description: "Persistent Chat has its own disaster recovery: a pool stretched over two data centres whose database is log-shipped to the second. Lync Server 2013 and Skype for Business Server 2015 only: the role is gone from Skype for Business Server 2019.",
			Notes:       "The cmdlet reference pages list Skype for Business Server 2019 as applicable; the server role is removed from 2019, and the simulated 2019 shell does not have the cmdlet.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsIdentity", Position: 1, Sets: []string{"Identity"}, Help: "service:PersistentChatServer:<pool FQDN> (or service:<pool FQDN>)."},
				{Name: "Filter", Type: TypeString, Sets: []string{"Filter"}, Help: "Pools whose identity matches this wildcard pattern."},
				sw("LocalStore", helpLocalStore),
			},
			Examples: []Example{{"Get-CsPersistentChatState -Identity service:atl-pc-001.litwareinc.com", "Shows whether the pool is failed over."}},
		},
		{
			Name: "Set-CsPersistentChatActiveServer", Versions: v2013_15, ShouldProcess: true, Sets: []string{"Explicit", "Swap"}, DefaultSet: "Explicit",
			Synopsis:    "Sets which servers of a stretched Persistent Chat pool are active.",
			Description: "After Set-CsPersistentChatState -PoolState FailedOver, make the servers in the backup data centre active; -Swap swaps the active and idle servers.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 1, Help: "service:PersistentChatServer:<pool FQDN>."},
				{Name: "ActiveServers", Type: TypeStringList, TypeName: "System.Management.Automation.PSListModifier`1[Microsoft.Rtc.Management.Deploy.Fqdn]", Mandatory: true, Sets: []string{"Explicit"}, Help: "The servers to make active (FQDNs, comma-separated)."},
				{Name: "Swap", Type: TypeSwitch, Sets: []string{"Swap"}, Help: "Swaps the active and idle servers."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Set-CsPersistentChatActiveServer -Identity service:atl-pc-001.litwareinc.com -ActiveServers dfw-pc-01.litwareinc.com,dfw-pc-02.litwareinc.com", "The Dallas servers carry Persistent Chat."}},
		},
		{
			Name: "Set-CsSite", ShouldProcess: true, Sets: []string{"Identity", "Instance"}, DefaultSet: "Identity",
			Synopsis:    "Changes a site's properties; the simulated shell models -XmppExternalFederationRoute, the Edge pool that carries XMPP federation.",
			Description: "When the Edge pool that carries XMPP federation fails, point the site's route at another Edge pool and change the _xmpp-server._tcp record (Set-SimDnsRecord). -XmppExternalFederationRoute exists on Lync Server 2013 and Skype for Business Server 2015 (the XMPP gateway is gone from 2019).",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity", Position: 1, Sets: []string{"Identity"}, Complete: CompleteSites, Help: "The site: site:<name> or its name."},
				{Name: "Instance", Type: TypeString, TypeName: "System.Management.Automation.PSObject", Sets: []string{"Instance"}, Help: "A site object (not supported by the simulated shell, which has no variables)."},
				{Name: "Description", Type: TypeString, Help: "The site's description."},
				{Name: "DisplayName", Type: TypeString, Help: "The site's display name."},
				{Name: "XmppExternalFederationRoute", Type: TypeString, Versions: v2013_15, Complete: CompletePools, Help: "FQDN of the Edge pool (its internal FQDN) that carries XMPP federation."},
				sw("Force", helpForce),
			},
			Examples: []Example{{"Set-CsSite -Identity site:Dallas -Description 'Dallas data centre'", "Describes the Dallas site. On Lync Server 2013 and Skype for Business Server 2015, Set-CsSite -Identity site:Dallas -XmppExternalFederationRoute dfw-edge-001.litwareinc.com sends XMPP federation through the Dallas Edge pool."}},
		},
	}
}

func persistentChatStateCmdlet() Cmdlet {
	return Cmdlet{
		Name: "Set-CsPersistentChatState", Versions: v2013_15, ShouldProcess: true, Sets: []string{"Identity", "Instance"}, DefaultSet: "Identity",
		Synopsis:    "Sets a Persistent Chat pool's state: FailedOver after its backup database is brought online in the second data centre, Normal after failback.",
		Description: "Persistent Chat is failed over by hand: bring the log-shipped backup database online, set -PoolState FailedOver, then make the servers there active (Set-CsPersistentChatActiveServer). Lync Server 2013 and Skype for Business Server 2015 only.",
		Notes:       "The cmdlet reference pages list Skype for Business Server 2019 as applicable; the server role is removed from 2019, and the simulated 2019 shell does not have the cmdlet.",
		Params: []Param{
			{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.Xds.XdsIdentity", Position: 1, Sets: []string{"Identity"}, Help: "service:PersistentChatServer:<pool FQDN> (or service:<pool FQDN>)."},
			{Name: "Instance", Type: TypeString, TypeName: "System.Management.Automation.PSObject", Sets: []string{"Instance"}, Help: "A state object (not supported by the simulated shell, which has no variables)."},
			{Name: "PoolState", Type: TypeEnum, TypeName: "Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PoolState", Enum: []string{"Normal", "FailedOver"}, Help: "Normal or FailedOver."},
			sw("Force", helpForce),
		},
		Examples: []Example{{"Set-CsPersistentChatState -Identity service:atl-pc-001.litwareinc.com -PoolState FailedOver", "Marks the Persistent Chat pool failed over to its second data centre."}},
	}
}

// syntheticCmdlets are the synthetic transactions that verify a recovery. Only their
// ServerPlatform parameter set (the pool's configured test users, or sample users named by
// SIP address) is modelled: the simulated shell has no credential objects.
func syntheticCmdlets() []Cmdlet {
	target := func(help string) Param {
		return Param{Name: "TargetFqdn", Type: TypeString, Mandatory: true, Position: 1, Complete: CompletePools, Help: help}
	}
	sip := func(name, help string) Param { return Param{Name: name, Type: TypeString, Help: help} }
	common := []Param{
		{Name: "RegistrarPort", Type: TypeInt, Help: "The registrar's SIP port when it is not 5061."},
		sw("Force", helpTestForce),
		{Name: "OutVerboseVariable", Type: TypeString, Help: "Names a variable for the detailed trace (accepted; variables are not kept)."},
		{Name: "OutLoggerVariable", Type: TypeString, Help: "Names a variable for the rich log (accepted; variables are not kept)."},
		{Name: "Authentication", Type: TypeEnum, TypeName: authMechanism, Enum: authMechanisms, Help: "How the test users authenticate."},
	}
	pair := func(a, b string) []Param {
		return []Param{sip(a, "SIP address of the first test user."), sip(b, "SIP address of the second test user.")}
	}
	mk := func(name string, vs []topology.Version, syn, desc string, ex Example, ps ...Param) Cmdlet {
		return Cmdlet{Name: name, Versions: vs, Synopsis: syn, Description: desc + " " + syntheticNote, Params: append(ps, common...), Examples: []Example{ex}}
	}
	pool := "FQDN of the pool whose registrar the test users sign in to."
	return []Cmdlet{
		mk("Test-CsRegistration", nil, "Synthetic transaction: a test user signs in.", "Succeeds while the user's registrar accepts it, in resiliency mode too.",
			Example{"Test-CsRegistration -TargetFqdn dfw-cs-001.litwareinc.com", "Checks sign-in on the Dallas pool."}, target(pool), sip("UserSipAddress", "SIP address of the test user.")),
		mk("Test-CsIM", nil, "Synthetic transaction: two test users exchange instant messages.", "Needs IM and presence (full service).",
			Example{"Test-CsIM -TargetFqdn dfw-cs-001.litwareinc.com", "Checks IM on the Dallas pool."}, append([]Param{target(pool)}, pair("SenderSipAddress", "ReceiverSipAddress")...)...),
		mk("Test-CsGroupIM", nil, "Synthetic transaction: test users hold a group IM conversation.", "Needs IM and presence (full service) and the pool's IM conferencing.",
			Example{"Test-CsGroupIM -TargetFqdn dfw-cs-001.litwareinc.com", "Checks group IM on the Dallas pool."}, append([]Param{target(pool)}, pair("SenderSipAddress", "ReceiverSipAddress")...)...),
		mk("Test-CsPresence", nil, "Synthetic transaction: a test user subscribes to another's presence.", "Needs IM and presence (full service): resiliency mode shows presence as unknown.",
			Example{"Test-CsPresence -TargetFqdn dfw-cs-001.litwareinc.com", "Checks presence on the Dallas pool."}, append([]Param{target(pool)}, pair("SubscriberSipAddress", "PublisherSipAddress")...)...),
		mk("Test-CsP2PAV", nil, "Synthetic transaction: two test users set up a peer-to-peer audio/video call.", "Works in resiliency mode too.",
			Example{"Test-CsP2PAV -TargetFqdn dfw-cs-001.litwareinc.com", "Checks peer calls on the Dallas pool."}, append([]Param{target(pool)}, pair("SenderSipAddress", "ReceiverSipAddress")...)...),
		mk("Test-CsAVConference", nil, "Synthetic transaction: two test users join an audio/video conference.", "Needs full service on a pool that hosts conferences (the A/V conferencing server of the serving pool); it does not go through the simple URLs.",
			Example{"Test-CsAVConference -TargetFqdn dfw-cs-001.litwareinc.com", "Checks A/V conferencing on the Dallas pool."}, append([]Param{target(pool)}, pair("SenderSipAddress", "ReceiverSipAddress")...)...),
		mk("Test-CsUcwaConference", nil, "Synthetic transaction: two test users schedule and join a meeting through the web services (UCWA).", "Needs meetings: the serving pool's web services behind their load balancer, and the Meet simple URL resolving to web services that answer.",
			Example{"Test-CsUcwaConference -TargetFqdn dfw-cs-001.litwareinc.com", "Checks meetings joined through the web on the Dallas pool."}, append([]Param{target(pool)}, pair("OrganizerSipAddress", "ParticipantSipAddress")...)...),
		mk("Test-CsDialInConferencing", nil, "Synthetic transaction: a test user reaches the dial-in conferencing access numbers.", "Needs meetings and the Dial-in simple URL resolving to web services that answer.",
			Example{"Test-CsDialInConferencing -TargetFqdn dfw-cs-001.litwareinc.com", "Checks dial-in conferencing on the Dallas pool."}, target(pool), sip("UserSipAddress", "SIP address of the test user.")),
		mk("Test-CsPstnOutboundCall", nil, "Synthetic transaction: a test user calls a PSTN number.", "Needs a Mediation Server of the serving pool and a PSTN gateway (or its failover route) that answers; Call Park orbits and announcements must point at a pool that serves.",
			Example{"Test-CsPstnOutboundCall -TargetFqdn dfw-cs-001.litwareinc.com -TargetPstnPhoneNumber +14255550100", "Checks PSTN calls from the Dallas pool."},
			target(pool), Param{Name: "TargetPstnPhoneNumber", Type: TypeString, Mandatory: true, Help: "The PSTN number to call."}, sip("UserSipAddress", "SIP address of the test user.")),
		mk("Test-CsFederatedPartner", nil, "Synthetic transaction: the Edge pool reaches a federated partner's domain.", "Needs the Edge pool that carries the federation route to work (its next hop serves).",
			Example{"Test-CsFederatedPartner -TargetFqdn atl-edge-001.litwareinc.com -Domain fabrikam.com", "Checks federation through the Atlanta Edge pool."},
			Param{Name: "TargetFqdn", Type: TypeString, Mandatory: true, Position: 1, Complete: CompletePools, Help: "Internal FQDN of the Edge pool."},
			Param{Name: "Domain", Type: TypeString, Mandatory: true, Help: "The federated partner's domain."},
			Param{Name: "ProxyFqdn", Type: TypeString, Help: "The partner's access proxy FQDN."}),
		mk("Test-CsXmppIM", v2013_15, "Synthetic transaction: a test user exchanges instant messages with an XMPP partner.", "Needs full service and the Edge pool the XMPP route and its _xmpp-server._tcp record point at. Lync Server 2013 and Skype for Business Server 2015 only.",
			Example{"Test-CsXmppIM -TargetFqdn dfw-cs-001.litwareinc.com -Receiver user@jabber.example.org", "Checks XMPP federation for the Dallas pool's users."},
			target(pool), Param{Name: "Receiver", Type: TypeString, Mandatory: true, Help: "The XMPP partner's address."}, sip("UserSipAddress", "SIP address of the test user.")),
	}
}

// syntheticNote is the end of every synthetic transaction's description.
const syntheticNote = "The target pool must be up. -UserSipAddress (or the sender's address) may name a sample user of the topology: the test then judges that user's pool. The output is the product's (TargetFqdn, Result, Latency, Error, Diagnosis); the latency comes from the simulation's seed."
