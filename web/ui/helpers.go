package ui

import (
	"failwright/engine/topology"
	"failwright/engine/units"
)

// msgText is how a finding reads next to a field.
func msgText(f topology.Finding) string {
	s := f.Message
	if f.Fix != "" {
		s += " — " + f.Fix
	}
	return s + " (" + f.Code + ")"
}

func countSev(fs []topology.Finding, sev string) int {
	n := 0
	for _, f := range fs {
		if string(f.Severity) == sev {
			n++
		}
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "(unnamed pool)"
	}
	return s
}

func backEndFQDN(p topology.Pool) string {
	if p.BackEnd == nil {
		return ""
	}
	return p.BackEnd.FQDN
}

func poolItemClass(a *EditorStore, i int) string {
	c := "pool-item"
	if a.EditPool == i {
		c += " open"
	}
	return c
}

func findingsSummary(a *Session) string {
	e, w := a.Count(topology.Error), a.Count(topology.Warning)
	if e == 0 && w == 0 {
		return "no findings"
	}
	return units.Plural(e, "error") + ", " + units.Plural(w, "warning")
}

// maxPoolRows is how many pools the list shows before it asks for a filter; maxOptions how
// many choices a select offers before it becomes a text field. Both keep the page small (and
// fast) on large topologies.
const (
	maxPoolRows = 15
	maxSiteRows = 12
	maxOptions  = 40
)

func poolMeta(p topology.Pool) string {
	return string(p.Role) + " · " + string(p.Version) + " · " + p.Site
}
