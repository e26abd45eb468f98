package topology

import (
	"fmt"
	"slices"
	"strings"

	"failwright/engine/units"
)

// recovery checks the parts a pool failover does not bring back by itself (recovery.go):
// their names and references, and the designs that will hurt in a disaster. Sources are in
// docs/recovery.md and docs/validation.md (FW12xx).
func (v *validator) recovery() {
	for i := range v.t.Pools {
		v.poolRecovery(i)
	}
	v.loadBalancers()
	v.dnsProviders()
	for i := range v.t.SimpleURLs {
		v.simpleURL(i)
	}
	v.persistentChat()
	for i := range v.t.XMPPGateways {
		v.xmppGateway(i)
	}
	v.pstnGateways()
}

// siteRef checks a reference to a site by name: missing (when required) or dangling.
func (v *validator) siteRef(path, name string, required bool, what string) *Site {
	if name == "" {
		if required {
			v.add(CodeMissing, path, "name the site "+what+" is in", "%s has no site", what)
		}
		return nil
	}
	s := v.x.site(name)
	if s == nil {
		v.add(CodeDangling, path, "add the site under sites, or correct the name", "site %q does not exist", name)
	}
	return s
}

// listName checks the name of an element of a named list (load balancers, DNS providers):
// present, valid and unique among seen.
func (v *validator) listName(path, name, what string, i int, seen map[string]int) {
	switch k := strings.ToLower(name); {
	case name == "":
		v.add(CodeMissing, path, "give the "+what+" a name", "%s %d has no name", what, i+1)
	case !ValidSiteName(name):
		v.add(CodeBadName, path, "use 1 to 64 letters, digits, spaces, parentheses, hyphens, underscores or dots", "%q is not a valid %s name", name, what)
	default:
		if j, dup := seen[k]; dup {
			v.add(CodeDuplicate, path, "give each "+what+" a different name", "%s %q is defined twice (also %s %d)", what, name, what, j+1)
			return
		}
		seen[k] = i
	}
}

// roleRef resolves a pool reference that must be of one of roles, reporting FW1206 when it
// is of another; it returns the pool when it has one of them.
func (v *validator) roleRef(path, fqdn, what, roleWords string, roles ...Role) *Pool {
	p := v.poolRef(path, fqdn, what, "name an existing "+roleWords)
	switch {
	case p == nil || !slices.Contains(Roles, p.Role): // an unknown role is reported already
		return nil
	case !slices.Contains(roles, p.Role):
		v.add(CodeRecoveryRole, path, "name "+article(roleWords), "%s %s is %s, not %s", what, p.FQDN, aPool(p.Role), article(roleWords))
		return nil
	}
	return p
}

// article puts "a" or "an" before words.
func article(words string) string {
	if words != "" && strings.ContainsRune("AEIOUaeiou", rune(words[0])) {
		return "an " + words
	}
	return "a " + words
}

// poolRecovery checks the i-th pool's web services, location database, Response Groups,
// Call Park and announcements.
func (v *validator) poolRecovery(i int) {
	p := &v.t.Pools[i]
	path := v.x.poolPath(i)
	if !slices.Contains(Roles, p.Role) {
		return // reported in pool()
	}
	v.webServices(i)
	if p.ResponseGroups < 0 {
		v.add(CodeNegative, path+".responseGroups", "give zero or more workflows", "responseGroups is negative (%d)", p.ResponseGroups)
	}
	if !p.Role.IsFrontEnd() {
		for _, f := range []struct {
			key string
			set bool
		}{{"locationDatabase", p.LocationDatabase}, {"responseGroups", p.ResponseGroups != 0}, {"callPark", p.CallPark}, {"announcements", p.Announcements}} {
			if f.set {
				v.add(CodeFrontEndOnly, path+"."+f.key, "remove "+f.key+": it belongs to a Front End pool",
					"%s pools have no %s", roleName(p.Role), f.key)
			}
		}
		return
	}
	partner := v.x.partner(p)
	if p.LocationDatabase && partner == nil {
		v.add(CodeLISUnpaired, path+".locationDatabase", "pair the pool, and keep Export-CsLisConfiguration backups to restore into another pool",
			"the location database is not replicated and the pool has no backup pool: if it fails, emergency calls carry no location until the database is restored elsewhere")
	}
	if p.CallPark && partner != nil && !partner.CallPark {
		v.add(CodeCallParkPartner, path+".callPark", fmt.Sprintf("set callPark: true on %s too, with its own orbit range", partner.FQDN),
			"Call Park runs in this pool but not in its backup pool %s: after a failover parked calls have nowhere to go, and orbits cannot be redirected (Set-CsCallParkOrbit)", partner.FQDN)
	}
}

// webServices checks the i-th pool's web services and their load balancer.
func (v *validator) webServices(i int) {
	p := &v.t.Pools[i]
	w := p.WebServices
	if w == nil {
		return
	}
	path := v.x.poolPath(i) + ".webServices"
	if p.Role == Edge {
		v.add(CodeFrontEndOnly, path, "remove webServices: Edge pools publish no web services", "Edge pools have no web services")
		return
	}
	v.fqdn(path+".internal", w.Internal, false, "internal web services")
	v.fqdn(path+".external", w.External, false, "external web services")
	if w.LoadBalancer == "" {
		if len(p.Servers) > 1 {
			v.add(CodeWebNoLB, path, "name the hardware load balancer in front of the web services (loadBalancers)",
				"the web services of %d servers have no load balancer: web traffic needs a hardware load balancer, DNS load balancing does not work for it", len(p.Servers))
		}
		return
	}
	lb := v.t.LoadBalancerByName(w.LoadBalancer)
	switch {
	case lb == nil:
		v.add(CodeDangling, path+".loadBalancer", "add it under loadBalancers, or correct the name", "load balancer %q does not exist", w.LoadBalancer)
	case lb.Site != "" && p.Site != "" && !strings.EqualFold(lb.Site, p.Site):
		v.add(CodeLBSite, path+".loadBalancer", "put a load balancer in the pool's own site",
			"load balancer %s is in site %s and the pool in %s: losing %s takes the pool's web services with it", lb.Name, lb.Site, p.Site, lb.Site)
	}
}

// loadBalancers checks every load balancer's name and site.
func (v *validator) loadBalancers() {
	seen := map[string]int{}
	for i, lb := range v.t.LoadBalancers {
		path := v.t.LoadBalancerPath(i)
		v.listName(path+".name", lb.Name, "load balancer", i, seen)
		v.siteRef(path+".site", lb.Site, true, "the load balancer")
	}
}

// dnsProviders checks every DNS provider's name and sites.
func (v *validator) dnsProviders() {
	seen := map[string]int{}
	for i, d := range v.t.DNSProviders {
		path := v.t.DNSProviderPath(i)
		v.listName(path+".name", d.Name, "DNS provider", i, seen)
		for j, s := range d.Sites {
			v.siteRef(fmt.Sprintf("%s.sites[%d]", path, j), s, true, "the DNS provider")
		}
	}
}

// publishing checks a DNS name's publishing and provider: a known kind, GeoDNS with a
// provider that exists, a warning for a record changed by hand. It returns the provider.
func (v *validator) publishing(path string, pub Publishing, provider, name string, ttl int) *DNSProvider {
	if pub != "" && !slices.Contains(Publishings, pub) {
		v.add(CodeBadEnum, path+".publishing", "use GeoDNS or Manual", "unknown publishing %q", pub)
	}
	if ttl < 0 {
		v.add(CodeNegative, path+".ttlSeconds", "give the record's TTL in seconds, or leave it out for 3600", "ttlSeconds is negative (%d)", ttl)
	}
	var d *DNSProvider
	if provider != "" {
		if d = v.t.DNSProviderByName(provider); d == nil {
			v.add(CodeDangling, path+".dnsProvider", "add it under dnsProviders, or correct the name", "DNS provider %q does not exist", provider)
		}
	}
	switch {
	case pub == PublishingGeoDNS && provider == "":
		v.add(CodeGeoDNSNoProvider, path+".dnsProvider", "name the DNS provider whose health monitoring answers for the name (dnsProviders)",
			"%s is published by GeoDNS, but no DNS provider answers for it", name)
	case pub == "" || pub == PublishingManual:
		eff := ttl
		if eff <= 0 {
			eff = DefaultDNSTTLSeconds
		}
		v.add(CodeManualDNS, path+".publishing", "publish the name by GeoDNS with health monitoring, or put the record change in the disaster plan",
			"%s is a DNS record changed by hand: in a disaster someone must change it, and clients keep the old answer for %s", name, seconds(eff))
	}
	return d
}

// seconds says a TTL in words: "1 hour", "5 minutes", "90 s".
func seconds(n int) string {
	switch {
	case n%3600 == 0:
		return units.Plural(n/3600, "hour")
	case n%60 == 0:
		return units.Plural(n/60, "minute")
	}
	return Thousands(n) + " s"
}
