package topology

import (
	"fmt"
	"strings"
)

// simpleURL checks the i-th simple URL: kind, URL, publishing, pools, and the designs that
// leave meetings unreachable after a site failure.
func (v *validator) simpleURL(i int) {
	s := &v.t.SimpleURLs[i]
	path := v.t.SimpleURLPath(i)
	switch {
	case s.Kind == "":
		v.add(CodeMissing, path+".kind", "set kind to Meet, Dialin or Admin", "the simple URL has no kind")
	case !containsKind(s.Kind):
		v.add(CodeBadEnum, path+".kind", "use Meet, Dialin or Admin", "unknown simple URL kind %q", s.Kind)
	}
	name := "the " + string(s.Kind) + " simple URL"
	switch {
	case s.URL == "":
		v.add(CodeMissing, path+".url", "give the URL, such as https://meet.litwareinc.com", "the simple URL has no url")
	case !ValidSimpleURL(s.URL):
		v.add(CodeBadURL, path+".url", "write https:// and a valid FQDN, with an optional path of letters, digits and - _ . /, such as https://meet.litwareinc.com",
			"%q is not an https URL with a valid host", s.URL)
	default:
		name = s.URL
		for j := 0; j < i; j++ {
			if strings.EqualFold(v.t.SimpleURLs[j].URL, s.URL) {
				v.add(CodeDuplicate, path+".url", "list each simple URL once", "%s is also simpleUrls[%d]", s.URL, j)
				break
			}
		}
	}
	d := v.publishing(path, s.Publishing, s.DNSProvider, name, s.TTLSeconds)
	pools := v.simpleURLPools(path, s)
	if len(pools) == 0 {
		return
	}
	site := pools[0].Site
	oneSite := site != ""
	for _, p := range pools[1:] {
		oneSite = oneSite && strings.EqualFold(p.Site, site)
	}
	if oneSite {
		v.add(CodeURLOneSite, path+".pools", "add a Front End pool in another site (its backup pool) for the name to resolve to",
			"every pool %s resolves to is in site %s: if the site fails, the name points at nothing that answers", name, site)
	}
	v.singlePoints(path, name, d, pools)
}

// simpleURLPools checks a simple URL's pools (present, Front End pools, listed once) and
// returns those that resolve.
func (v *validator) simpleURLPools(path string, s *SimpleURL) []*Pool {
	if len(s.Pools) == 0 {
		v.add(CodeMissing, path+".pools", "list the Front End pools whose web services the name resolves to", "the simple URL resolves to no pool")
		return nil
	}
	var out []*Pool
	seen := map[string]bool{}
	for j, fqdn := range s.Pools {
		pp := fmt.Sprintf("%s.pools[%d]", path, j)
		if k := strings.ToLower(fqdn); seen[k] {
			v.add(CodeDuplicate, pp, "list each pool once", "pool %s is listed twice", fqdn)
			continue
		}
		seen[strings.ToLower(fqdn)] = true
		if p := v.roleRef(pp, fqdn, "pool", "Front End pool", FrontEndEnterprise, FrontEndStandard); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// singlePoints warns of a DNS provider hosted in one site, or one load balancer that every
// pool of a simple URL (of two or more) sits behind: one failure there and the name leads nowhere, whatever
// the pools do.
func (v *validator) singlePoints(path, name string, d *DNSProvider, pools []*Pool) {
	if d != nil && len(d.Sites) > 0 {
		one := true
		for _, s := range d.Sites[1:] {
			one = one && strings.EqualFold(s, d.Sites[0])
		}
		if one {
			v.add(CodeSinglePoint, path+".dnsProvider", "host the DNS provider in a second site, or use an outside provider",
				"DNS provider %s runs only in site %s: if that site fails, %s does not resolve, whichever pool is up", d.Name, d.Sites[0], name)
		}
	}
	if len(pools) < 2 {
		return // one pool: FW1204 says it already
	}
	var lb *LoadBalancer
	for _, p := range pools {
		l := v.t.WebLoadBalancer(p)
		if l == nil || (lb != nil && l != lb) {
			return
		}
		lb = l
	}
	if lb != nil {
		v.add(CodeSinglePoint, path+".pools", "put the pools' web services behind load balancers in different sites",
			"every pool %s resolves to is behind load balancer %s: if it fails, the name leads to no web services", name, lb.Name)
	}
}

// containsKind reports whether k is a known simple URL kind.
func containsKind(k SimpleURLKind) bool {
	for _, x := range SimpleURLKinds {
		if x == k {
			return true
		}
	}
	return false
}
