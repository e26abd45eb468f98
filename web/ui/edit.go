package ui

import (
	"fmt"
	"strconv"
	"strings"

	"failwright/engine/topology"
)

// EditorStore is the Topology tab's state, with the diagram's selection: which pool's form
// is open, the list filter, and which pool the diagram inspects. Its methods edit the
// topology, each edit one undoable step.
type EditorStore struct {
	*Session
	// simStore gives the diagram the simulation's state.
	simStore *SimStore

	// SelectedPool is the FQDN of the pool the diagram inspects (and the editor edits).
	SelectedPool string
	// EditPool is the index of the pool whose form the editor shows (-1 for none).
	EditPool int
	// PoolFilter narrows the pool list.
	PoolFilter     string
	hiddenPools    int
	hiddenSites    int
	hiddenBranches int
	// drafts are recovery-policy durations typed that are not TimeSpans, by model path: the
	// field keeps them, with a finding, until a good value or an empty one replaces them.
	drafts map[string]string
}

// clamp keeps the open form on a pool that exists after a change.
func (ed *EditorStore) clamp() {
	if ed.EditPool >= len(ed.T().Pools) {
		ed.EditPool = len(ed.T().Pools) - 1
	}
}

// deselect closes the form and the inspector, and forgets the values refused, when a new
// workspace comes in.
func (ed *EditorStore) deselect() { ed.EditPool, ed.SelectedPool, ed.drafts = -1, "", nil }

// Field paths: the editor shows each finding next to the field its Path names. A pool's
// fields are addressed both by FQDN ("pools[x.example.com].users") and by index
// ("pools[3].users"), as the validator uses the index form for duplicates and empty names.

// PoolPaths returns the model paths of pool i's field (field "" for the pool itself).
func (ed *EditorStore) PoolPaths(i int, field string) []string {
	t := ed.T()
	if i < 0 || i >= len(t.Pools) {
		return nil
	}
	byName, byIndex := t.PoolPath(i), fmt.Sprintf("pools[%d]", i)
	if field == "" {
		return uniq(byName, byIndex)
	}
	return uniq(byName+"."+field, byIndex+"."+field)
}

// SitePaths returns the model paths of site i's field.
func (ed *EditorStore) SitePaths(i int, field string) []string {
	t := ed.T()
	if i < 0 || i >= len(t.Sites) {
		return nil
	}
	byName, byIndex := t.SitePath(i), fmt.Sprintf("sites[%d]", i)
	if field == "" {
		return uniq(byName, byIndex)
	}
	return uniq(byName+"."+field, byIndex+"."+field)
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// PoolFieldFindings returns the findings shown next to a pool field.
func (ed *EditorStore) PoolFieldFindings(i int, field string) []topology.Finding {
	if field == "servers" {
		return ed.Under(ed.PoolPaths(i, "servers")...)
	}
	if field == "backEnd" {
		return ed.At(append(ed.PoolPaths(i, "backEnd"), ed.PoolPaths(i, "backEnd.fqdn")...)...)
	}
	if _, ok := poolExtraKeys[field]; ok {
		return ed.poolExtraFindings(i, field)
	}
	return ed.At(ed.PoolPaths(i, field)...)
}

// PoolFindings returns every finding about pool i (for the pool list's badges).
func (ed *EditorStore) PoolFindings(i int) []topology.Finding {
	return ed.Under(ed.PoolPaths(i, "")...)
}

// PoolOtherFindings returns pool i's findings that no field of its form shows.
func (ed *EditorStore) PoolOtherFindings(i int) []topology.Finding {
	var out []topology.Finding
	shown := map[string]bool{}
	show := func(fs []topology.Finding) {
		for _, x := range fs {
			shown[x.Path+"\x00"+x.Code+"\x00"+x.Message] = true
		}
	}
	for _, f := range ed.PoolFields(i) {
		show(f.Findings)
	}
	show(ed.PoolFieldFindings(i, "servers"))
	for _, f := range ed.PoolFindings(i) {
		if !shown[f.Path+"\x00"+f.Code+"\x00"+f.Message] {
			out = append(out, f)
		}
	}
	return out
}

// ownedPrefixes are the model paths whose findings a section of the editor shows (sites,
// pools, branches, the Backup Service and recovery policy fields and the recovery parts' lists).
var ownedPrefixes = []string{"pools[", "sites[", "branches[", "backupService", "simpleUrls[", "dnsProviders[", "loadBalancers[",
	"persistentChat[", "xmppGateways[", "pstnGateways[", "recoveryPolicy"}

// GlobalFindings returns the findings that belong to no site, pool or branch and to no field
// of the deployment's own.
func (ed *EditorStore) GlobalFindings() []topology.Finding {
	var out []topology.Finding
	for _, f := range ed.findings {
		owned := false
		for _, p := range ownedPrefixes {
			owned = owned || strings.HasPrefix(f.Path, p)
		}
		if !owned {
			out = append(out, f)
		}
	}
	return out
}

// SetName sets the deployment's name.
func (ed *EditorStore) SetName(v string) {
	ed.edit("rename deployment", "name", func(t *topology.Topology) { t.Name = v })
}

// SetSIPDomain sets the SIP domain.
func (ed *EditorStore) SetSIPDomain(v string) {
	ed.edit("edit SIP domain", "sip", func(t *topology.Topology) { t.SIPDomain = strings.TrimSpace(v) })
}

// SetCMS moves the Central Management store to a pool.
func (ed *EditorStore) SetCMS(v string) {
	ed.edit("move CMS", "", func(t *topology.Topology) { t.CMS.Pool = v })
}

// AddSite appends a site with a fresh name.
func (ed *EditorStore) AddSite() {
	ed.edit("add site", "", func(t *topology.Topology) {
		name := fmt.Sprintf("Site%d", len(t.Sites)+1)
		for t.SiteByName(name) != nil {
			name += "x"
		}
		t.Sites = append(t.Sites, topology.Site{Name: name})
	})
}

// RemoveSite deletes site i (pools keep their site name and so show a finding).
func (ed *EditorStore) RemoveSite(i int) {
	ed.edit("remove site", "", func(t *topology.Topology) {
		if i >= 0 && i < len(t.Sites) {
			t.Sites = append(t.Sites[:i], t.Sites[i+1:]...)
		}
	})
}

// SetSiteName renames site i; the pools and branches in it follow (topology.RenameSite).
func (ed *EditorStore) SetSiteName(i int, v string) {
	ed.edit("rename site", fmt.Sprintf("site%d.name", i), func(t *topology.Topology) { t.RenameSite(i, v) })
}

// SetSiteRegion sets site i's region.
func (ed *EditorStore) SetSiteRegion(i int, v string) {
	ed.edit("edit region", fmt.Sprintf("site%d.region", i), func(t *topology.Topology) {
		if i >= 0 && i < len(t.Sites) {
			t.Sites[i].Region = v
		}
	})
}

// AddPool appends a Front End pool in the first site and opens its form.
func (ed *EditorStore) AddPool() {
	ed.edit("add pool", "", func(t *topology.Topology) {
		p := topology.Pool{Role: topology.FrontEndEnterprise, Version: topology.SfB2019}
		if len(t.Sites) > 0 {
			p.Site = t.Sites[0].Name
		}
		t.Pools = append(t.Pools, p)
	})
	ed.EditPool = len(ed.T().Pools) - 1
}

// RemovePool deletes pool i.
func (ed *EditorStore) RemovePool(i int) {
	ed.edit("remove pool", "", func(t *topology.Topology) {
		if i >= 0 && i < len(t.Pools) {
			t.Pools = append(t.Pools[:i], t.Pools[i+1:]...)
		}
	})
	ed.EditPool = -1
}

// OpenPool shows pool i's form.
func (ed *EditorStore) OpenPool(i int) {
	if ed.EditPool == i {
		ed.EditPool = -1
		return
	}
	ed.EditPool = i
}

// SetPoolField sets one field of pool i from the text of its form control.
func (ed *EditorStore) SetPoolField(i int, field, v string) {
	if ed.setPoolPolicy(i, field, v) {
		return
	}
	ed.edit("edit pool "+field, fmt.Sprintf("pool%d.%s", i, field), func(t *topology.Topology) {
		if i < 0 || i >= len(t.Pools) {
			return
		}
		p := &t.Pools[i]
		switch field {
		case "fqdn":
			t.RenamePool(i, strings.TrimSpace(v))
		case "site":
			p.Site = v
		case "role":
			p.Role = topology.Role(v)
			if p.Role == topology.FrontEndEnterprise && p.BackEnd == nil {
				p.BackEnd = &topology.BackEnd{}
			}
			if p.Role != topology.FrontEndEnterprise {
				p.BackEnd = nil
			}
			if !p.Role.IsFrontEnd() {
				p.Users, p.BackupPool = 0, ""
				p.LocationDatabase, p.ResponseGroups, p.CallPark, p.Announcements = false, 0, false, false
			}
			if p.Role == topology.Edge {
				p.WebServices = nil
			}
			if p.Role != topology.Edge {
				p.NextHop = ""
			}
		case "version":
			p.Version = topology.Version(v)
		case "users":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || v == "" {
				n = 0
			}
			p.Users = n
		case "backupPool":
			old := p.BackupPool
			p.BackupPool = v
			// Pairing is reciprocal: pair the partner back, and unpair the old partner.
			if q := t.PoolByFQDN(old); q != nil && old != "" && strings.EqualFold(q.BackupPool, p.FQDN) {
				q.BackupPool = ""
			}
			if q := t.PoolByFQDN(v); q != nil && v != "" && q.BackupPool == "" && q != p {
				q.BackupPool = p.FQDN
			}
		case "nextHop":
			p.NextHop = v
		case "backEnd":
			if p.BackEnd == nil {
				p.BackEnd = &topology.BackEnd{}
			}
			p.BackEnd.FQDN = strings.TrimSpace(v)
		default:
			setPoolExtra(p, field, v)
		}
	})
}

// AddServer appends a server to pool i, named after the pool.
func (ed *EditorStore) AddServer(i int) {
	ed.edit("add server", "", func(t *topology.Topology) {
		if i < 0 || i >= len(t.Pools) {
			return
		}
		p := &t.Pools[i]
		host, domain, _ := strings.Cut(p.FQDN, ".")
		if host == "" {
			host = "server"
		}
		name := fmt.Sprintf("%s-%02d", host, len(p.Servers)+1)
		if domain != "" {
			name += "." + domain
		}
		p.Servers = append(p.Servers, topology.Server{FQDN: name})
	})
}

// RemoveServer deletes server j of pool i.
func (ed *EditorStore) RemoveServer(i, j int) {
	ed.edit("remove server", "", func(t *topology.Topology) {
		if i >= 0 && i < len(t.Pools) && j >= 0 && j < len(t.Pools[i].Servers) {
			p := &t.Pools[i]
			p.Servers = append(p.Servers[:j], p.Servers[j+1:]...)
		}
	})
}

// SetServer renames server j of pool i.
func (ed *EditorStore) SetServer(i, j int, v string) {
	ed.edit("rename server", fmt.Sprintf("pool%d.server%d", i, j), func(t *topology.Topology) {
		if i >= 0 && i < len(t.Pools) && j >= 0 && j < len(t.Pools[i].Servers) {
			t.Pools[i].Servers[j].FQDN = strings.TrimSpace(v)
		}
	})
}

// FrontEndPools lists the FQDNs of Front End pools other than pool i, for pairing.
func (ed *EditorStore) FrontEndPools(except int) []string {
	var out []string
	for j, p := range ed.T().Pools {
		if j != except && p.Role.IsFrontEnd() && p.FQDN != "" {
			out = append(out, p.FQDN)
		}
	}
	return out
}

// NextHopPools lists the pools an Edge pool can use as its next hop.
func (ed *EditorStore) NextHopPools() []string {
	var out []string
	for _, p := range ed.T().Pools {
		if (p.Role.IsFrontEnd() || p.Role == topology.Director) && p.FQDN != "" {
			out = append(out, p.FQDN)
		}
	}
	return out
}

// Roles and Versions for the form's selects.
func (ed *EditorStore) Roles() []topology.Role { return topology.Roles }

// Versions lists the product versions.
func (ed *EditorStore) Versions() []topology.Version { return topology.Versions }

// Itoa formats an int for a form control.
func Itoa(n int) string { return strconv.Itoa(n) }

// VisiblePools returns the indices of the pools the list shows: those matching the filter, at
// most maxPoolRows of them, and always the pool being edited.
func (ed *EditorStore) VisiblePools() []int {
	t := ed.T()
	f := strings.ToLower(strings.TrimSpace(ed.PoolFilter))
	var out []int
	ed.hiddenPools = 0
	for i, p := range t.Pools {
		match := f == "" || strings.Contains(strings.ToLower(p.FQDN), f) || strings.Contains(strings.ToLower(p.Site), f)
		switch {
		case i == ed.EditPool || (match && len(out) < maxPoolRows):
			out = append(out, i)
		default:
			ed.hiddenPools++
		}
	}
	return out
}

// HiddenPools returns how many pools the last VisiblePools left out.
func (ed *EditorStore) HiddenPools() int { return ed.hiddenPools }

// PoolAt returns pool i as a one-element slice, for templates.
func (ed *EditorStore) PoolAt(i int) []topology.Pool {
	if i < 0 || i >= len(ed.T().Pools) {
		return nil
	}
	return ed.T().Pools[i : i+1]
}

// PoolBadge summarises pool i's findings ("2 error(s)", "1 warning(s)" or "").
func (ed *EditorStore) PoolBadge(i int) string {
	fs := ed.PoolFindings(i)
	e, w := countSev(fs, "error"), countSev(fs, "warning")
	switch {
	case e > 0:
		return Itoa(e) + " error(s)"
	case w > 0:
		return Itoa(w) + " warning(s)"
	}
	return ""
}

// PoolBadgeClass is the badge's style.
func (ed *EditorStore) PoolBadgeClass(i int) string {
	if countSev(ed.PoolFindings(i), "error") > 0 {
		return "badge bad"
	}
	return "badge warn"
}

// maxFindings bounds the validation list.
const maxFindings = 20

// ShownFindings returns the findings the list shows: errors, then warnings, then the rest,
// at most maxFindings.
func (ed *EditorStore) ShownFindings() []topology.Finding {
	var out []topology.Finding
	for _, sev := range []topology.Severity{topology.Error, topology.Warning, topology.Info} {
		for _, f := range ed.findings {
			if f.Severity == sev && len(out) < maxFindings {
				out = append(out, f)
			}
		}
	}
	return out
}

// VisibleSites returns the indices of the sites the table shows: those matching the filter,
// at most maxSiteRows.
func (ed *EditorStore) VisibleSites() []int {
	f := strings.ToLower(strings.TrimSpace(ed.PoolFilter))
	var out []int
	ed.hiddenSites = 0
	for i, s := range ed.T().Sites {
		if (f == "" || strings.Contains(strings.ToLower(s.Name), f) || strings.Contains(strings.ToLower(s.Region), f)) && len(out) < maxSiteRows {
			out = append(out, i)
		} else {
			ed.hiddenSites++
		}
	}
	return out
}

// HiddenSites returns how many sites the last VisibleSites left out.
func (ed *EditorStore) HiddenSites() int { return ed.hiddenSites }

// Large reports whether the topology is big enough for the editor to list only part of it.
func (ed *EditorStore) Large() bool {
	return len(ed.T().Pools) > maxPoolRows || len(ed.T().Sites) > maxSiteRows
}

// SiteAt returns site i as a one-element slice, for templates.
func (ed *EditorStore) SiteAt(i int) []topology.Site {
	if i < 0 || i >= len(ed.T().Sites) {
		return nil
	}
	return ed.T().Sites[i : i+1]
}
