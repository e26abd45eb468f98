package plan

import "failwright/engine/topology"

// This file lays out the verification groups: the product's synthetic transactions, each
// proving one feature for the failed pool's users (docs/plans.md, "Verification"). A test
// whose parameters name something outside the topology (a PSTN number, a partner's domain)
// is a manual step: the operator fills in the value; the simulation runs it with a stand-in.

// syntheticExpect is what every synthetic transaction shows when the feature works: the
// Result line of the product's result object.
const syntheticExpect = "Success"

// verification is one synthetic transaction of a verification group.
type verification struct {
	id, cmdlet, userParam, feature string
	// extra is the parameter the operator fills in (manual steps), with its placeholder and
	// the stand-in value the simulation uses.
	extra, placeholder, standIn string
	// target overrides the pool the test names (an Edge pool for federation).
	target string
}

// verifications lists the synthetic transactions that apply to the topology, for users served
// by pool serving, with federation through Edge pool fed ("" when there is none).
func (b *builder) verifications(serving *topology.Pool, fed string) []verification {
	vs := []verification{
		{id: "registration", cmdlet: "Test-CsRegistration", userParam: "UserSipAddress", feature: "sign-in"},
		{id: "im", cmdlet: "Test-CsIM", userParam: "SenderSipAddress", feature: topology.FeatureIMPresence.Name()},
		{id: "presence", cmdlet: "Test-CsPresence", userParam: "SubscriberSipAddress", feature: topology.FeatureIMPresence.Name()},
		{id: "peer-calls", cmdlet: "Test-CsP2PAV", userParam: "SenderSipAddress", feature: topology.FeaturePeerCalls.Name()},
		{id: "conferencing", cmdlet: "Test-CsAVConference", userParam: "SenderSipAddress", feature: "A/V conferencing on " + serving.FQDN},
		{id: "meetings", cmdlet: "Test-CsUcwaConference", userParam: "OrganizerSipAddress", feature: topology.FeatureMeetings.Name() + " (web services and the Meet simple URL)"},
	}
	for _, u := range b.t.SimpleURLs {
		if u.Kind == topology.SimpleURLDialin {
			vs = append(vs, verification{id: "dialin", cmdlet: "Test-CsDialInConferencing", userParam: "UserSipAddress", feature: "dial-in conferencing (the Dial-in simple URL)"})
			break
		}
	}
	if b.modelled && b.t.HasFeature(topology.FeaturePSTNCalls) {
		vs = append(vs, verification{id: "pstn", cmdlet: "Test-CsPstnOutboundCall", userParam: "UserSipAddress", feature: topology.FeaturePSTNCalls.Name(),
			extra: "TargetPstnPhoneNumber", placeholder: "<a PSTN number to call>", standIn: "+14255550100"})
	}
	if fed != "" {
		vs = append(vs, verification{id: "federation", cmdlet: "Test-CsFederatedPartner", feature: "federation through " + fed,
			extra: "Domain", placeholder: "<a federated partner's domain>", standIn: "example.com", target: fed})
	}
	if len(b.t.XMPPGateways) > 0 && serving.Version.Behaves() != topology.SfB2019 {
		vs = append(vs, verification{id: "xmpp", cmdlet: "Test-CsXmppIM", userParam: "UserSipAddress", feature: topology.FeatureXMPPFederation.Name(),
			extra: "Receiver", placeholder: "<an XMPP partner's address>", standIn: "user@example.org"})
	}
	return vs
}

// verifySteps lays out a verification group for the users of the failed pool, served by
// pool serving; prefix is "verify-" or "failback-verify-".
func (b *builder) verifySteps(serving *topology.Pool, fed, prefix string) {
	user := ""
	if len(b.pool.SampleUsers) > 0 {
		user = b.pool.SampleUsers[0]
	}
	who := "the test users of " + serving.FQDN
	if user != "" {
		who = user + " (a user of " + b.pool.FQDN + ")"
	}
	for _, v := range b.verifications(serving, fed) {
		target := serving.FQDN
		if v.target != "" {
			target = v.target
		}
		c := call(v.cmdlet, q("TargetFqdn", target))
		if user != "" && v.userParam != "" {
			c.Params = append(c.Params, q(v.userParam, user))
		}
		title := "Verify " + v.feature
		expect := "Result : Success for " + who + "."
		reason := "A synthetic transaction proves " + v.feature + " end to end, as users get it; " + v.cmdlet + " prints the product's result object."
		if v.extra == "" {
			b.step(checkStep(prefix+v.id, title, c, expect, reason).showing(syntheticExpect))
			continue
		}
		line := c.Line() + " -" + v.extra + " " + v.placeholder
		stand := c
		stand.Params = append(append([]Param{}, c.Params...), q(v.extra, v.standIn))
		s := manualStep(prefix+v.id, title,
			"Run "+line+", with a value of your deployment for -"+v.extra+".", expect,
			reason+" Its -"+v.extra+" names something outside the topology, so you fill it in.", checkDuration)
		s.Simulate = []string{stand.Line()}
		b.step(s)
	}
}
