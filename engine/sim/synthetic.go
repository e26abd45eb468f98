package sim

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"failwright/engine/topology"
)

// This file holds the synthetic transactions (Test-Cs*) that verify a recovery. Each judges
// one feature for the users of a pool through engine/features and prints the product's
// result object: TargetFqdn, Result, Latency, Error and Diagnosis, as the cmdlet reference's
// examples and the Lync Server 2013 monitoring pages ("Validating ...") show them. The
// latency is drawn from the seed, the virtual time and the test, never from a clock.

// synthetic says which feature a test needs.
type synthetic struct {
	feature topology.Feature
	// registration is true for Test-CsRegistration: signing in is enough (resiliency too).
	registration bool
	// user is the parameter that may name a sample user.
	user string
}

var synthetics = map[string]synthetic{
	"Test-CsRegistration":       {registration: true, user: "UserSipAddress"},
	"Test-CsIM":                 {feature: topology.FeatureIMPresence, user: "SenderSipAddress"},
	"Test-CsGroupIM":            {feature: topology.FeatureIMPresence, user: "SenderSipAddress"},
	"Test-CsPresence":           {feature: topology.FeatureIMPresence, user: "SubscriberSipAddress"},
	"Test-CsP2PAV":              {feature: topology.FeaturePeerCalls, user: "SenderSipAddress"},
	"Test-CsAVConference":       {feature: topology.FeatureIMPresence, user: "SenderSipAddress"},
	"Test-CsUcwaConference":     {feature: topology.FeatureMeetings, user: "OrganizerSipAddress"},
	"Test-CsDialInConferencing": {feature: topology.FeatureMeetings, user: "UserSipAddress"},
	"Test-CsPstnOutboundCall":   {feature: topology.FeaturePSTNCalls, user: "UserSipAddress"},
	"Test-CsXmppIM":             {feature: topology.FeatureXMPPFederation, user: "UserSipAddress"},
}

// syntheticHandlers are the behaviours of the synthetic transactions (added to handlers).
var syntheticHandlers = func() map[string]func(*ctx) {
	m := map[string]func(*ctx){"Test-CsFederatedPartner": cmdTestFederatedPartner}
	for name := range synthetics {
		m[name] = cmdSynthetic
	}
	return m
}()

// testResult prints a synthetic transaction's result object.
func (c *ctx) testResult(target string, ok bool, errText, diag string) {
	res := "Success"
	if !ok {
		res = "Failure"
	}
	c.list([]kv{{"TargetFqdn", target}, {"Result", res}, {"Latency", c.latency(target, ok)}, {"Error", errText}, {"Diagnosis", diag}})
	if !ok {
		c.res.Failed = true
		c.res.ErrorID = "FW-TEST-FAILED"
		c.res.Err = &Error{ID: "FW-TEST-FAILED", Cmdlet: c.cmd.Cmdlet, Category: "OperationStopped", Message: errText}
	}
}

// latency is a deterministic TimeSpan: 0.6 to 3.6 seconds for a success, 0 to 0.5 for a
// failure, from the seed, the virtual time, the cmdlet and the target.
func (c *ctx) latency(target string, ok bool) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d|%d|%s|%s", c.s.st.seed, c.s.st.now, c.cmd.Cmdlet, strings.ToLower(target))
	v := h.Sum64()
	d := time.Duration(v%500_000_0) * 100 // up to 0.5 s in 100 ns ticks
	if ok {
		d = 600*time.Millisecond + time.Duration(v%30_000_000)*100
	}
	secs := d / time.Second
	return fmt.Sprintf("%s.%07d", FormatDuration(secs*time.Second), (d%time.Second)/100)
}

func cmdSynthetic(c *ctx) {
	s := c.s
	tx := synthetics[c.cmd.Cmdlet]
	target := c.cmd.Str("TargetFqdn")
	t := s.x.findPool(target)
	if t < 0 || !s.x.isFE(t) {
		c.fail("FW-POOL-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find registrar pool "%s" in the topology.%s`, target, suggestion(target, s.x.frontEndNames())))
		return
	}
	home := t
	if u := c.cmd.Str(tx.user); u != "" {
		if p, ok := s.x.userByURI[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(u, "sip:"), "SIP:"))]; ok {
			home = p
		} else if p, ok := s.x.userByURI[strings.ToLower(u)]; ok {
			home = p
		}
	}
	fq := s.x.pools[t].fqdn
	if !s.st.serving[t] {
		c.testResult(fq, false, "Registration failed: 504 Server time-out",
			fmt.Sprintf(`ms-diagnostics: 1046;reason="Failed to connect to a peer server";fqdn="%s"`, fq))
		return
	}
	mode := s.st.mode[home]
	if tx.registration {
		if mode == ModeSignedOut {
			c.testResult(fq, false, "Registration failed: 503 Service Unavailable", fmt.Sprintf(`The users of %s have no registrar that serves them.`, s.x.pools[home].fqdn))
			return
		}
		c.testResult(fq, true, "", "")
		return
	}
	if !s.x.rules.Applicable(home).Has(tx.feature) {
		c.testResult(fq, false, "The test users have no such feature in this topology.", fmt.Sprintf("%s is not modelled for the users of %s.", tx.feature.Name(), s.x.pools[home].fqdn))
		return
	}
	if s.st.parts.have[home].Has(tx.feature) && (c.cmd.Cmdlet != "Test-CsDialInConferencing" || s.dialInResolves()) {
		c.testResult(fq, true, "", "")
		return
	}
	errText, diag := s.whyNot(home, tx.feature)
	c.testResult(fq, false, errText, diag)
}

// whyNot explains, as the product's test reports it, why pool p's users lack feature f.
func (s *Sim) whyNot(p int, f topology.Feature) (errText, diag string) {
	st := &s.st
	switch {
	case st.mode[p] == ModeSignedOut:
		return "Registration failed: 503 Service Unavailable", "The test users cannot sign in: no registrar serves them."
	case st.mode[p] == ModeResiliency && f != topology.FeaturePSTNCalls:
		return "The operation failed because the user is in resiliency mode: 480 Temporarily Unavailable",
			`ms-diagnostics: 1009;reason="The registrar is in survivable mode"`
	}
	switch f {
	case topology.FeatureMeetings:
		return s.whyNoMeetings(p)
	case topology.FeaturePSTNCalls:
		return "Call to the PSTN failed: 503 Service Unavailable", `ms-diagnostics: 1008;reason="Unable to route the call: no Mediation Server or gateway, Call Park orbit or announcement service that serves answers"`
	case topology.FeatureXMPPFederation:
		return "XMPP message failed: 504 Server time-out", `ms-diagnostics: 1046;reason="Failed to connect to a peer server";source="XMPP gateway"`
	}
	return "The operation failed: 480 Temporarily Unavailable", fmt.Sprintf("%s is not available to the users of %s.", f.Name(), s.x.pools[p].fqdn)
}

// whyNoMeetings finds the first broken link of a meeting joined through the web: the serving
// pool's web services, then each Meet and Dial-in simple URL.
func (s *Sim) whyNoMeetings(p int) (string, string) {
	t := s.x.topo
	fs := &s.st.parts.fs
	by := s.st.servedBy[p]
	if w := s.x.pools[by].pool.WebServices; w != nil && w.LoadBalancer != "" {
		if lb := s.x.findLB(w.LoadBalancer); lb >= 0 && !(s.st.parts.lbUp[lb] && s.siteUpByName(t.LoadBalancers[lb].Site)) {
			return "Unable to connect to the remote server", fmt.Sprintf("The web services of %s (%s) do not answer: load balancer %s is down.", s.x.pools[by].fqdn, w.Internal, w.LoadBalancer)
		}
	}
	for i := range t.SimpleURLs {
		u := &t.SimpleURLs[i]
		if u.Kind == topology.SimpleURLAdmin || s.x.rules.URLResolves(fs, i) {
			continue
		}
		if u.EffectivePublishing() == topology.PublishingGeoDNS {
			return fmt.Sprintf("The remote name could not be resolved: '%s'", u.Host()), fmt.Sprintf("GeoDNS provider %s does not answer for %s, or none of its pools' web services do.", u.DNSProvider, u.URL)
		}
		to := "no pool"
		if k := fs.URLTarget[i]; k >= 0 {
			to = s.x.pools[k].fqdn
		}
		return "Unable to connect to the remote server", fmt.Sprintf("%s resolves to the web services of %s, which do not answer: change the DNS record, then wait for its TTL.", u.URL, to)
	}
	return "Unable to connect to the remote server", fmt.Sprintf("The web services of %s do not answer.", s.x.pools[by].fqdn)
}

// dialInResolves reports whether every Dial-in simple URL resolves to web services that answer.
func (s *Sim) dialInResolves() bool {
	for i := range s.x.topo.SimpleURLs {
		if s.x.topo.SimpleURLs[i].Kind == topology.SimpleURLDialin && !s.x.rules.URLResolves(&s.st.parts.fs, i) {
			return false
		}
	}
	return true
}

func (s *Sim) siteUpByName(name string) bool {
	k := s.x.findSite(name)
	return k < 0 || s.st.siteUp[k]
}

// cmdTestFederatedPartner is Test-CsFederatedPartner: federation through the Edge pool given,
// which must carry the federation route and work (FACTS §15).
func cmdTestFederatedPartner(c *ctx) {
	s := c.s
	target := c.cmd.Str("TargetFqdn")
	e := s.x.findPool(target)
	if !s.x.isRole(e, topology.Edge) {
		var edges []string
		for _, q := range s.x.edges {
			edges = append(edges, s.x.pools[q].fqdn)
		}
		c.fail("FW-NOT-EDGE", "InvalidArgument", fmt.Sprintf(`"%s" is not an Edge pool of the topology.%s`, target, suggestion(target, edges)))
		return
	}
	fq := s.x.pools[e].fqdn
	switch {
	case !s.st.edgeOK[e]:
		c.testResult(fq, false, "Unable to connect to the remote server", fmt.Sprintf("The Edge pool %s does not work (it is down, or its next hop does not serve).", fq))
	case s.st.fedPool != e:
		c.testResult(fq, false, "The Edge pool does not carry the federation route", fmt.Sprintf("Federation goes through %s.", s.fedName()))
	default:
		c.testResult(fq, true, "", "")
	}
}

func (s *Sim) fedName() string {
	if s.st.fedPool < 0 {
		return "no Edge pool"
	}
	return s.x.pools[s.st.fedPool].fqdn
}
