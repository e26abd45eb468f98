package topology

import (
	"fmt"
	"slices"
	"strings"
)

// persistentChat checks every Persistent Chat pool: names, sites, version, servers and next
// hop (FACTS §19; the role is gone from 2019, SFB19:deprecated-2019.md).
func (v *validator) persistentChat() {
	taken := v.takenNames()
	for i := range v.t.PersistentChat {
		c := &v.t.PersistentChat[i]
		path := v.t.PersistentChatPath(i)
		if v.fqdn(path+".fqdn", c.FQDN, true, "Persistent Chat pool") {
			v.claimName(taken, path+".fqdn", c.FQDN, "Persistent Chat pool")
		}
		site := v.siteRef(path+".site", c.Site, true, "the Persistent Chat pool")
		backup := v.siteRef(path+".backupSite", c.BackupSite, false, "the backup database")
		if site != nil && (c.BackupSite == "" || backup == site) {
			v.add(CodePChatNoDR, path+".backupSite", "stretch the pool to a second data centre with a log-shipped backup database (backupSite)",
				"the Persistent Chat pool has no backup data centre: if site %s fails, chat rooms are gone until the pool is rebuilt", site.Name)
		}
		v.workloadVersion(path+".version", c.Version, "Persistent Chat")
		for j, s := range c.Servers {
			sp := fmt.Sprintf("%s.servers[%d].fqdn", path, j)
			if v.fqdn(sp, s.FQDN, true, "server") {
				v.claimName(taken, sp, s.FQDN, "server")
			}
		}
		if c.NextHop == "" {
			v.add(CodeMissing, path+".nextHop", "name the Front End pool the Persistent Chat pool routes through", "the Persistent Chat pool has no next hop")
		} else {
			v.roleRef(path+".nextHop", c.NextHop, "next hop", "Front End pool", FrontEndEnterprise, FrontEndStandard)
		}
		if c.Users < 0 {
			v.add(CodeNegative, path+".users", "give zero or more users", "users is negative (%d)", c.Users)
		}
	}
}

// workloadVersion checks the version of a workload that exists on Lync Server 2013 and SfB
// 2015 only.
func (v *validator) workloadVersion(path string, ver Version, what string) {
	switch {
	case ver == "":
		v.add(CodeMissing, path, "set version to Lync2013 or SfB2015", "the %s pool has no product version", what)
	case !slices.Contains(Versions, ver):
		v.add(CodeBadEnum, path, "use Lync2013 or SfB2015", "unknown version %q", ver)
	case ver.Behaves() == SfB2019:
		v.add(CodeRemovedIn2019, path, "keep it on a Lync Server 2013 or SfB 2015 pool in coexistence, or move its users to Teams",
			"%s does not exist in %s: it was removed from Skype for Business Server 2019", what, versionName(ver))
	}
}

// xmppGateway checks the i-th XMPP gateway: domain, Edge pool and its DNS records (FACTS §15).
func (v *validator) xmppGateway(i int) {
	g := &v.t.XMPPGateways[i]
	path := v.t.XMPPGatewayPath(i)
	if v.fqdn(path+".domain", g.Domain, true, "XMPP domain") {
		for j := 0; j < i; j++ {
			if strings.EqualFold(v.t.XMPPGateways[j].Domain, g.Domain) {
				v.add(CodeDuplicate, indexPath("xmppGateways", i)+".domain", "publish one XMPP route per domain", "domain %s is also xmppGateways[%d]", g.Domain, j)
				break
			}
		}
	}
	if g.EdgePool == "" {
		v.add(CodeMissing, path+".edgePool", "name the Edge pool that carries XMPP federation", "the XMPP gateway has no Edge pool")
	} else if e := v.roleRef(path+".edgePool", g.EdgePool, "Edge pool", "Edge pool", Edge); e != nil && slices.Contains(Versions, e.Version) {
		v.workloadVersion(path+".edgePool", e.Version, "XMPP federation")
	}
	v.publishing(path, g.Publishing, g.DNSProvider, "_xmpp-server._tcp."+g.Domain, g.TTLSeconds)
}

// pstnGateways checks every PSTN gateway: names, site, Mediation pools and failover route
// (FACTS §19, SFB:plan-your-deployment/enterprise-voice-solution/enterprise-voice-resiliency.md).
func (v *validator) pstnGateways() {
	taken := v.takenNames()
	for i := range v.t.PSTNGateways {
		g := &v.t.PSTNGateways[i]
		path := v.t.PSTNGatewayPath(i)
		if v.fqdn(path+".fqdn", g.FQDN, true, "PSTN gateway") {
			v.claimName(taken, path+".fqdn", g.FQDN, "PSTN gateway")
		}
		site := v.siteRef(path+".site", g.Site, true, "the PSTN gateway")
		for j, m := range g.Mediation {
			v.roleRef(fmt.Sprintf("%s.mediation[%d]", path, j), m, "Mediation pool", "Front End pool", FrontEndEnterprise, FrontEndStandard)
		}
		var fo *PSTNGateway
		if g.FailoverGateway != "" && v.fqdn(path+".failoverGateway", g.FailoverGateway, false, "failover gateway") {
			if fo = v.t.PSTNGatewayByFQDN(g.FailoverGateway); fo == nil {
				v.add(CodeDangling, path+".failoverGateway", "name a gateway under pstnGateways", "PSTN gateway %q does not exist", g.FailoverGateway)
				continue
			}
		}
		if site != nil && (fo == nil || strings.EqualFold(fo.Site, g.Site)) {
			v.add(CodePSTNNoFailover, path+".failoverGateway", "add a failover route to a gateway in another site",
				"calls through %s have no route to a gateway in another site: if site %s fails, they fail with it", g.FQDN, site.Name)
		}
	}
}

// takenNames maps the lower-case FQDNs of pools, servers and branches to what holds them, for
// the uniqueness of the recovery parts' FQDNs.
func (v *validator) takenNames() map[string]string {
	taken := map[string]string{}
	for i := range v.t.Pools {
		p := &v.t.Pools[i]
		taken[strings.ToLower(p.FQDN)] = v.x.poolPath(i)
		for _, s := range p.Servers {
			if _, ok := taken[strings.ToLower(s.FQDN)]; !ok {
				taken[strings.ToLower(s.FQDN)] = v.x.poolPath(i) + " (a server)"
			}
		}
	}
	for i, b := range v.t.Branches {
		taken[strings.ToLower(b.FQDN)] = v.x.branchPath(i)
	}
	return taken
}

// claimName reports an FQDN already used by a pool, server, branch or earlier part, and
// claims it otherwise.
func (v *validator) claimName(taken map[string]string, path, fqdn, what string) {
	k := strings.ToLower(fqdn)
	if prev, dup := taken[k]; dup {
		v.add(CodeDuplicate, path, "give every pool, server, branch and gateway its own FQDN", "%q is already used by %s", fqdn, prev)
		return
	}
	taken[k] = ParentPath(path) + " (" + what + ")"
}
