package plan

// The groups of a failover plan's steps: the whole recovery in the order it is done
// (docs/plans.md, "Groups"). A step's Group is one of these IDs; migration plans use stages
// instead and leave it empty. The IDs are stable: they appear in JSON, the rendered runbooks
// and the run log.
const (
	// GroupDatabase is the manual failover of a back end mirrored without a witness (FACTS §9).
	GroupDatabase = "database"
	// GroupCMS finds the Central Management store and fails it over when it is lost (FACTS §5
	// steps 1-6, §14).
	GroupCMS = "cms"
	// GroupEdge points the Edge pools whose next hop is the failed pool elsewhere (FACTS §5
	// step 0).
	GroupEdge = "edge"
	// GroupPool checks the backup relationship and the Backup Service and fails the pool over
	// (FACTS §5 step 7).
	GroupPool = "pool"
	// GroupDNS checks the simple URLs published by GeoDNS and changes the records published by
	// hand (SFB:plan-your-deployment/network-requirements/simple-urls.md).
	GroupDNS = "dns"
	// GroupResponseGroups imports the Response Groups into the backup pool (FACTS §19).
	GroupResponseGroups = "response-groups"
	// GroupCallPark redirects Call Park orbits and unassigned-number announcements (FACTS §19).
	GroupCallPark = "call-park"
	// GroupLocation restores the location database (E9-1-1) into the backup pool (FACTS §19).
	GroupLocation = "location"
	// GroupPersistentChat fails a stretched Persistent Chat pool over (FACTS §19).
	GroupPersistentChat = "persistent-chat"
	// GroupFederation moves outbound federation and the XMPP route to a running Edge pool
	// (FACTS §15).
	GroupFederation = "federation"
	// GroupConferenceContent copies the conference content back after failback (FACTS §6).
	GroupConferenceContent = "conference-content"
	// GroupVerify runs the synthetic transactions that prove each feature is back.
	GroupVerify = "verify"

	// GroupFailback waits for the home pool, prepares the failback and fails the pool back
	// (FACTS §6).
	GroupFailback = "failback"
	// The failback groups undo the failover's groups, in the same order.
	GroupFailbackDNS            = "failback-dns"
	GroupFailbackResponseGroups = "failback-response-groups"
	GroupFailbackCallPark       = "failback-call-park"
	GroupFailbackLocation       = "failback-location"
	GroupFailbackPersistentChat = "failback-persistent-chat"
	GroupFailbackFederation     = "failback-federation"
	GroupFailbackEdge           = "failback-edge"
	GroupFailbackVerify         = "failback-verify"
)

// groupTitles are the groups' headings, in the order the groups appear in a plan.
var groupTitles = []struct{ id, title string }{
	{GroupDatabase, "Back-end database failover"},
	{GroupEdge, "Edge next hop"},
	{GroupCMS, "Central Management store"},
	{GroupPool, "Pool failover"},
	{GroupDNS, "DNS and simple URLs"},
	{GroupResponseGroups, "Response Groups"},
	{GroupCallPark, "Call Park and announcements"},
	{GroupLocation, "Location database (E9-1-1)"},
	{GroupPersistentChat, "Persistent Chat"},
	{GroupFederation, "Federation and XMPP"},
	{GroupVerify, "Verification"},
	{GroupFailback, "Failback of the pool"},
	{GroupConferenceContent, "Conference content"},
	{GroupFailbackDNS, "Failback: DNS and simple URLs"},
	{GroupFailbackResponseGroups, "Failback: Response Groups"},
	{GroupFailbackCallPark, "Failback: Call Park and announcements"},
	{GroupFailbackLocation, "Failback: location database"},
	{GroupFailbackPersistentChat, "Failback: Persistent Chat"},
	{GroupFailbackFederation, "Failback: federation and XMPP"},
	{GroupFailbackEdge, "Failback: Edge next hop"},
	{GroupFailbackVerify, "Failback: verification"},
}

// Groups lists every group ID in the order groups appear in a plan (the Edge next hop comes
// before the CMS when the CMS answers, after it when it is lost).
func Groups() []string {
	out := make([]string, len(groupTitles))
	for i, g := range groupTitles {
		out[i] = g.id
	}
	return out
}

// GroupTitle is the heading of group id ("Pool failover"), or id itself for a group this
// failwright does not know (a plan made by another version).
func GroupTitle(id string) string {
	for _, g := range groupTitles {
		if g.id == id {
			return g.title
		}
	}
	return id
}
