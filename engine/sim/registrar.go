package sim

// Registrar configuration (Get-, Set- and New-CsRegistrarConfiguration): the Global
// collection, site collections and the service-scope collections of pools, which the pool
// failover and failback cmdlets create and whose PoolState they set.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"failwright/engine/shell"
)

// regSettings is one collection of registrar configuration settings. Defaults are the
// cmdlet reference's (Set-CsRegistrarConfiguration, New-CsRegistrarConfiguration).
type regSettings struct {
	defExp, maxExp, minExp int
	maxEndpoints           int
	maxUsers               int
	dhcp                   bool
	threshold              time.Duration // BackupStoreUnavailableThreshold
}

// DefaultBackupStoreUnavailableThreshold is how long a back end may be unavailable before
// users are placed in survivability mode: 30 minutes [DOC] (Set-CsRegistrarConfiguration,
// -BackupStoreUnavailableThreshold).
const DefaultBackupStoreUnavailableThreshold = 30 * time.Minute

var defaultRegSettings = regSettings{defExp: 600, maxExp: 900, minExp: 300, maxEndpoints: 8, maxUsers: 12000,
	threshold: DefaultBackupStoreUnavailableThreshold}

// regScope is a parsed registrar configuration identity: Global, a site, or a pool's
// registrar service.
type regScope struct {
	kind  byte // 'g', 's' (site) or 'p' (pool)
	index int
}

// newRegCfg creates pool p's service-scope registrar configuration with the default
// settings, as the failover cmdlets do (the Global settings are not copied: masteringlync.com,
// November 2013).
func (s *Sim) newRegCfg(p int) {
	s.st.regCfg[p] = true
	s.st.regSet[p] = defaultRegSettings
}

// backupStoreThreshold is the BackupStoreUnavailableThreshold that applies to pool p: its own
// collection's, else its site's, else the Global one.
func (s *Sim) backupStoreThreshold(p int) time.Duration {
	st := &s.st
	switch site := s.x.pools[p].site; {
	case st.regCfg[p]:
		return st.regSet[p].threshold
	case st.regSiteOn[site]:
		return st.regSite[site].threshold
	}
	return st.regGlobal.threshold
}

// parseRegIdentity reads a registrar configuration identity: Global, site:<name> or
// service:Registrar:<pool>. It writes the error and returns false when the site or pool is
// unknown.
func (c *ctx) parseRegIdentity(id string) (regScope, bool) {
	s := c.s
	lo := strings.ToLower(id)
	switch {
	case id == "" || lo == "global":
		return regScope{kind: 'g'}, true
	case strings.HasPrefix(lo, "site:"):
		if i := s.x.findSite(id[len("site:"):]); i >= 0 {
			return regScope{kind: 's', index: i}, true
		}
	case strings.HasPrefix(lo, "service:registrar:"):
		if p := s.x.findPool(id[len("service:registrar:"):]); p >= 0 && s.x.pools[p].role.IsFrontEnd() {
			return regScope{kind: 'p', index: p}, true
		}
	case strings.HasPrefix(lo, "registrar:"):
		if p := s.x.findPool(id[len("registrar:"):]); p >= 0 && s.x.pools[p].role.IsFrontEnd() {
			return regScope{kind: 'p', index: p}, true
		}
	}
	c.fail("FW-REGCFG-IDENTITY", "InvalidArgument", fmt.Sprintf(
		`"%s" is not a registrar configuration identity of this topology: use Global, site:<site name> or service:Registrar:<pool FQDN>.`, id))
	return regScope{}, false
}

// regName is the Identity a collection prints under.
func (s *Sim) regName(sc regScope) string {
	switch sc.kind {
	case 's':
		return "Site:" + s.x.sites[sc.index].name
	case 'p':
		return "Service:Registrar:" + s.x.pools[sc.index].fqdn
	}
	return "Global"
}

// regExists reports whether the collection exists, and returns it.
func (s *Sim) regExists(sc regScope) (*regSettings, bool) {
	st := &s.st
	switch sc.kind {
	case 's':
		return &st.regSite[sc.index], st.regSiteOn[sc.index]
	case 'p':
		return &st.regSet[sc.index], st.regCfg[sc.index]
	}
	return &st.regGlobal, true
}

// regNotFound is the product's text for a collection that does not exist; the failover
// cmdlets print it as a warning (masteringlync.com, November 2013).
func (s *Sim) regNotFound(sc regScope) string {
	name := s.regName(sc)
	if sc.kind == 'p' {
		name = "Registrar:" + s.x.pools[sc.index].fqdn
	}
	return `Cannot find "RegistrarConfiguration" "` + name + `" because it does not exist.`
}

// regProps prints one collection.
func (s *Sim) regProps(sc regScope, r *regSettings) []kv {
	props := []kv{
		{"Identity", s.regName(sc)},
		{"DefaultEndpointExpiration", strconv.Itoa(r.defExp)},
		{"EnableDHCPServer", boolText(r.dhcp)},
		{"MaxEndpointExpiration", strconv.Itoa(r.maxExp)},
		{"MaxEndpointsPerUser", strconv.Itoa(r.maxEndpoints)},
		{"MinEndpointExpiration", strconv.Itoa(r.minExp)},
		{"BackupStoreUnavailableThreshold", FormatDuration(r.threshold)},
		{"MaxUserCount", strconv.Itoa(r.maxUsers)},
	}
	ps := StateActive
	if sc.kind == 'p' {
		ps = s.st.poolState[sc.index]
	}
	return append(props, kv{"PoolState", string(ps)})
}

// cmdGetRegistrarConfig is Get-CsRegistrarConfiguration.
func cmdGetRegistrarConfig(c *ctx) {
	s := c.s
	if c.cmd.Has("Identity") {
		sc, ok := c.parseRegIdentity(c.cmd.Str("Identity"))
		if !ok {
			return
		}
		r, ok := s.regExists(sc)
		if !ok {
			c.warnf("%s", s.regNotFound(sc))
			return
		}
		c.list(s.regProps(sc, r))
		return
	}
	scopes := []regScope{{kind: 'g'}}
	for i := range s.x.sites {
		scopes = append(scopes, regScope{kind: 's', index: i})
	}
	for p := range s.x.pools {
		scopes = append(scopes, regScope{kind: 'p', index: p})
	}
	var objs [][]kv
	for _, sc := range scopes {
		r, ok := s.regExists(sc)
		if !ok || (c.cmd.Has("Filter") && !shell.WildcardMatch(c.cmd.Str("Filter"), s.regName(sc))) {
			continue
		}
		objs = append(objs, s.regProps(sc, r))
	}
	c.list(objs...)
}

// applyRegParams checks and copies the settings a Set- or New-CsRegistrarConfiguration
// names into r. It writes the error and returns false when a value is out of its documented
// range.
func (c *ctx) applyRegParams(r *regSettings) bool {
	ranged := func(name string, lo, hi int, dst *int) bool {
		v, ok := c.cmd.Int(name)
		if !ok {
			return true
		}
		if v < lo || v > hi {
			c.fail("FW-REGCFG-RANGE", "InvalidArgument", fmt.Sprintf("-%s must be between %d and %d; %d was given.", name, lo, hi, v))
			return false
		}
		*dst = v
		return true
	}
	if !ranged("DefaultEndpointExpiration", 300, 900, &r.defExp) || !ranged("MaxEndpointExpiration", 300, 900, &r.maxExp) ||
		!ranged("MinEndpointExpiration", 300, 900, &r.minExp) || !ranged("MaxEndpointsPerUser", 1, 64, &r.maxEndpoints) ||
		!ranged("MaxUserCount", 2000, 100000, &r.maxUsers) {
		return false
	}
	if c.cmd.Has("EnableDHCPServer") {
		r.dhcp = c.cmd.Switch("EnableDHCPServer")
	}
	if d, ok := c.cmd.TimeSpan("BackupStoreUnavailableThreshold"); ok {
		if d <= 0 {
			c.fail("FW-REGCFG-RANGE", "InvalidArgument", "-BackupStoreUnavailableThreshold must be a positive TimeSpan, such as 00:30:00.")
			return false
		}
		r.threshold = d
	}
	return true
}

// setPoolStateByHand is -PoolState on Set- or New-CsRegistrarConfiguration: the pools act
// on it (a real test saw clients move about two minutes later, masteringlync.com, November
// 2013), but none of the failover cmdlet's backups, CMS replication or hydration run.
func (c *ctx) setPoolStateByHand(sc regScope) {
	if !c.cmd.Has("PoolState") {
		return
	}
	s := c.s
	ps := PoolState(c.cmd.Str("PoolState"))
	if sc.kind != 'p' {
		c.infof("PoolState only acts in a pool's own collection (service:Registrar:<pool FQDN>); %s is unchanged for every pool.", s.regName(sc))
		return
	}
	p := sc.index
	c.warnf(`Setting PoolState by hand skips the backups, the CMS replication and the hydration that Invoke-CsPoolFailOver and Invoke-CsPoolFailBack run; use them to move users.`)
	s.st.poolState[p] = ps
	s.logf("PoolState of %s set to %s by hand.", s.x.pools[p].fqdn, ps)
	s.recompute()
}

// cmdSetRegistrarConfig is Set-CsRegistrarConfiguration.
func cmdSetRegistrarConfig(c *ctx) {
	s := c.s
	sc, ok := c.parseRegIdentity(c.cmd.Str("Identity"))
	if !ok {
		return
	}
	r, ok := s.regExists(sc)
	if !ok {
		c.fail("FW-REGCFG-NOT-FOUND", "ObjectNotFound", s.regNotFound(sc))
		return
	}
	next := *r
	if !c.applyRegParams(&next) || !c.shouldProcess("Set-CsRegistrarConfiguration", s.regName(sc), false) {
		return
	}
	*r = next
	c.setPoolStateByHand(sc)
	c.res.Changed = true
}

// cmdNewRegistrarConfig is New-CsRegistrarConfiguration: a site or service collection, never
// Global, and only one per scope.
func cmdNewRegistrarConfig(c *ctx) {
	s := c.s
	sc, ok := c.parseRegIdentity(c.cmd.Str("Identity"))
	if !ok {
		return
	}
	if sc.kind == 'g' {
		c.fail("FW-REGCFG-GLOBAL", "InvalidOperation", `Registrar settings cannot be created at the global scope: change them with Set-CsRegistrarConfiguration -Identity Global.`)
		return
	}
	if _, exists := s.regExists(sc); exists {
		c.fail("FW-REGCFG-EXISTS", "InvalidOperation", fmt.Sprintf(`"%s" already exists: a site or service has at most one collection of registrar settings. Change it with Set-CsRegistrarConfiguration.`, s.regName(sc)))
		return
	}
	next := defaultRegSettings
	if !c.applyRegParams(&next) {
		return
	}
	if c.cmd.Switch("InMemory") {
		c.infof("-InMemory: the collection is not saved (the simulator keeps no object references).")
		return
	}
	if !c.shouldProcess("New-CsRegistrarConfiguration", s.regName(sc), false) {
		return
	}
	if sc.kind == 's' {
		s.st.regSite[sc.index], s.st.regSiteOn[sc.index] = next, true
	} else {
		s.st.regSet[sc.index], s.st.regCfg[sc.index] = next, true
	}
	c.setPoolStateByHand(sc)
	c.list(s.regProps(sc, &next))
	c.res.Changed = true
}
