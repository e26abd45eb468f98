package ui

import "strings"

// SelectSite selects a site in the diagram: the inspector shows its first Front End pool (or
// its first pool), with the buttons that fail and repair the site. A pool of the site already
// selected stays selected; a site without pools selects nothing.
func (ed *EditorStore) SelectSite(name string) {
	t := ed.T()
	if p := t.PoolByFQDN(ed.SelectedPool); p != nil && ed.SelectedPool != "" && strings.EqualFold(p.Site, name) {
		return
	}
	first := ""
	for _, p := range t.Pools {
		if !strings.EqualFold(p.Site, name) || p.FQDN == "" {
			continue
		}
		if p.Role.IsFrontEnd() {
			ed.SelectedPool = p.FQDN
			return
		}
		if first == "" {
			first = p.FQDN
		}
	}
	if first != "" {
		ed.SelectedPool = first
	}
}
