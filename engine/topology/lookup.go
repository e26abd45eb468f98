package topology

import "strings"

// PoolByFQDN returns the pool with the given FQDN, compared case-insensitively as DNS names
// are, or nil when there is none.
func (t *Topology) PoolByFQDN(fqdn string) *Pool {
	for i := range t.Pools {
		if strings.EqualFold(t.Pools[i].FQDN, fqdn) {
			return &t.Pools[i]
		}
	}
	return nil
}

// SiteByName returns the site with the given name, compared case-insensitively, or nil.
func (t *Topology) SiteByName(name string) *Site {
	for i := range t.Sites {
		if strings.EqualFold(t.Sites[i].Name, name) {
			return &t.Sites[i]
		}
	}
	return nil
}

// PoolsInSite returns the pools of a site in topology order.
func (t *Topology) PoolsInSite(site string) []*Pool {
	var out []*Pool
	for i := range t.Pools {
		if strings.EqualFold(t.Pools[i].Site, site) {
			out = append(out, &t.Pools[i])
		}
	}
	return out
}

// ServerPool returns the pool that holds the server with the given FQDN, and the server's
// index in that pool's ordered server list; nil and -1 when there is none.
func (t *Topology) ServerPool(fqdn string) (*Pool, int) {
	for i := range t.Pools {
		for j, s := range t.Pools[i].Servers {
			if strings.EqualFold(s.FQDN, fqdn) {
				return &t.Pools[i], j
			}
		}
	}
	return nil, -1
}

// EffectiveFailureDetectionSeconds is the registrar failure-detection interval with the
// default applied.
func (p *Pool) EffectiveFailureDetectionSeconds() int {
	if p.Registrar.FailureDetectionSeconds > 0 {
		return p.Registrar.FailureDetectionSeconds
	}
	return DefaultFailureDetectionSeconds
}

// EffectiveFailbackDetectionSeconds is the registrar failback-detection interval with the
// default applied.
func (p *Pool) EffectiveFailbackDetectionSeconds() int {
	if p.Registrar.FailbackDetectionSeconds > 0 {
		return p.Registrar.FailbackDetectionSeconds
	}
	return DefaultFailbackDetectionSeconds
}

// EffectiveSyncIntervalSeconds is the Backup Service sync interval with the default applied.
func (b BackupService) EffectiveSyncIntervalSeconds() int {
	if b.SyncIntervalSeconds > 0 {
		return b.SyncIntervalSeconds
	}
	return DefaultSyncIntervalSeconds
}
