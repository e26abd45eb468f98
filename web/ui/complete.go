package ui

import (
	"strings"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// version is the product version completion and binding assume: the CMS pool's, or "" (every
// version) when there is none.
func (sm *SimStore) version() topology.Version {
	t := sm.T()
	if p := t.PoolByFQDN(t.CMS.Pool); p != nil {
		return p.Version
	}
	return ""
}

// Complete completes the last word of line with the engine's tab completion. It returns the
// new line and the candidates: one candidate replaces the word (with a space after it);
// several extend it to their longest common prefix.
func Complete(line string, v topology.Version, t *topology.Topology) (string, []string) {
	var names shell.Names
	for _, p := range t.Pools {
		if p.FQDN != "" {
			names.Pools = append(names.Pools, p.FQDN)
		}
		for _, s := range p.Servers {
			if s.FQDN != "" {
				names.Servers = append(names.Servers, s.FQDN)
			}
		}
	}
	for _, s := range t.Sites {
		if s.Name != "" {
			names.Sites = append(names.Sites, s.Name)
		}
	}
	start, cands := shell.Default.CompleteWord(line, len(line), v, names)
	switch {
	case len(cands) == 0:
		return line, nil
	case len(cands) == 1:
		return line[:start] + cands[0] + " ", cands
	}
	prefix := cands[0]
	for _, c := range cands[1:] {
		for !strings.HasPrefix(strings.ToLower(c), strings.ToLower(prefix)) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if len(prefix) >= len(line)-start {
		return line[:start] + prefix, cands
	}
	return line, cands
}
