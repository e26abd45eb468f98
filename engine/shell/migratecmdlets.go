package shell

// migrateCmdlets are the cmdlets a move to another pool uses (Move-CsManagementServer is with
// the CMS cmdlets): moving users, and the simulator's stand-ins for enabling a pairing and
// re-running a cumulative update.
func migrateCmdlets() []Cmdlet {
	return []Cmdlet{
		{
			Name:          "Move-CsUser",
			Class:         "Microsoft.Rtc.Management.AD.Cmdlets.MoveOcsUserCmdlet",
			ShouldProcess: true,
			Synopsis:      "Moves a user to another registrar pool.",
			Description:   "The user's contacts, meetings and settings move with the user unless -Force is given, which discards them. Move users to a pool whose backup pool can carry them while its partner fails, in batches, and check each batch with Get-CsUserPoolInfo.",
			Params: []Param{
				{Name: "Identity", Type: TypeString, TypeName: "Microsoft.Rtc.Management.AD.UserIdParameter", Mandatory: true, Position: 1, Help: "The user: a SIP address such as sip:kenmyer@litwareinc.com."},
				{Name: "Target", Type: TypeString, Mandatory: true, Position: 2, Complete: CompletePools, Help: "FQDN of the registrar pool the user moves to."},
				{Name: "MoveConferenceData", Type: TypeSwitch, Help: "Also move the user's meeting content (Skype for Business Server 2015 and later move it by default)."},
				sw("Force", "Move without the user's data: contacts and meetings are lost."),
			},
			Examples: []Example{{"Move-CsUser -Identity 'sip:kenmyer@litwareinc.com' -Target 'atl-cs-002.litwareinc.com'", "Moves Ken Myer to the pool atl-cs-002."}},
		},
		{
			Name: "Enable-SimPairing", Simulator: true,
			Synopsis:    "Simulator: a pool's pairing is published and Setup runs on its servers.",
			Description: "Stands in for pairing a pool in Topology Builder: the simulator's pairing is the topology's, so this marks it as just enabled. Enabling the pairing installs the release build's Backup Service binaries: on a pool whose build is past its version's release build the Backup Service crashes (ErrorState) until the update is applied again (Install-SimUpdate).",
			Params:      []Param{{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Position: 1, Complete: CompletePools, Help: "FQDN of the pool."}},
			Examples:    []Example{{"Enable-SimPairing -PoolFqdn chi-pool-01.fabrikam.com", "The pairing of chi-pool-01 is enabled."}},
		},
		{
			Name: "Install-SimUpdate", Simulator: true,
			Synopsis:    "Simulator: the cumulative update installer runs again on every server of a pool.",
			Description: "Stands in for running the installed cumulative update's installer again after pairing: enabling the pairing installs the release build's Backup Service, which crashes on servers of a later update until the update is applied again.",
			Params:      []Param{{Name: "PoolFqdn", Type: TypeFqdn, Mandatory: true, Position: 1, Complete: CompletePools, Help: "FQDN of the pool."}},
			Examples:    []Example{{"Install-SimUpdate -PoolFqdn chi-pool-01.fabrikam.com", "The update is applied again on chi-pool-01."}},
		},
	}
}
