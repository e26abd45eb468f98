package sim

import (
	"strings"

	"failwright/engine/suggest"
)

// suggestion returns " Did you mean X?" for the candidate closest to a mistyped name
// (suggest.Closest: case-insensitive, within suggest.MaxEdits), or "". Ties go to the earlier
// candidate, so the text is the same on every run. A "Registrar:" style prefix is ignored.
func suggestion(typed string, candidates []string) string {
	t := strings.TrimSpace(typed)
	if i := strings.IndexByte(t, ':'); i >= 0 {
		t = t[i+1:]
	}
	best, _ := suggest.Closest(t, candidates)
	if best == "" {
		return ""
	}
	return " Did you mean " + best + "?"
}

// poolNames lists every pool FQDN in topology order.
func (x *index) poolNames() []string {
	out := make([]string, len(x.pools))
	for i, p := range x.pools {
		out[i] = p.fqdn
	}
	return out
}

// serverNames lists every server FQDN in topology order.
func (x *index) serverNames() []string {
	var out []string
	for _, p := range x.pools {
		out = append(out, p.servers...)
	}
	return out
}
