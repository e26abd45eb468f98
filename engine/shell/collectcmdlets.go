package shell

// collectCmdlets are the read-only cmdlets the collector (engine/collector) calls that the
// other tables do not hold: the published topology and the users.
func collectCmdlets() []Cmdlet {
	return []Cmdlet{
		{
			Name:        "Get-CsTopology",
			Class:       "Microsoft.Rtc.Management.Deploy.GetTopologyCmdlet",
			Synopsis:    "Shows the published topology: sites, clusters, computers, SQL instances and services.",
			Description: "Without parameters it shows an overview; with -AsXml the whole published topology as XML (root Topology in the namespace urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008), which failwright import reads.",
			Params: []Param{
				sw("AsXml", "Return the topology as XML."),
				sw("LocalStore", helpLocalStore),
			},
			Examples: []Example{{"Get-CsTopology -AsXml", "Prints the published topology as XML (pipe it to Out-File in the real shell to save it)."}},
		},
		{
			Name:        "Get-CsUser",
			Class:       "Microsoft.Rtc.Management.AD.Cmdlets.GetOcsUserCmdlet",
			Synopsis:    "Lists the users enabled for Skype for Business Server and their registrar pool.",
			Description: "Each user's RegistrarPool is the pool that homes them. The simulator knows users by count: it lists the topology's named sample users and tells how many more each pool homes.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.AD.UserIdParameter", Position: 1, Help: "The user: a SIP address such as sip:kenmyer@litwareinc.com."},
				{Name: "ResultSize", Type: TypeString, TypeName: "Microsoft.Rtc.Management.ADConnect.Schema.Unlimited", Help: "At most this many users, or Unlimited."},
				sw("OnLyncServer", "Only users homed on Skype for Business Server (every user the simulator knows)."),
			},
			Examples: []Example{{"Get-CsUser -ResultSize Unlimited", "Lists the users and their registrar pools."}},
		},
	}
}
