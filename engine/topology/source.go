package topology

import (
	"strconv"
	"strings"
	"unicode"
)

// Source maps model paths to the positions where a decoder saw them, for example
// "pools[atl-cs-001.litwareinc.com].backupPool" to the line and column of that value. Elements
// of sites, pools and branches are keyed by their name or FQDN as written; elements without
// one, and every element's index form ("pools[3]"), are keyed by index.
type Source map[string]Pos

// Lookup returns the position of path, or of its nearest ancestor that has one, so that a
// finding about a missing field points at the mapping that lacks it. It returns the zero Pos
// when nothing is known (for a topology built in code).
func (s Source) Lookup(path string) Pos {
	if s == nil {
		return Pos{}
	}
	for p := path; p != ""; p = ParentPath(p) {
		if pos, ok := s[p]; ok {
			return pos
		}
	}
	return s[""]
}

// Anchor fills in the position of every finding that has none from its path.
func (s Source) Anchor(fs Findings) {
	for i := range fs {
		if !fs[i].Pos.IsValid() {
			if pos := s.Lookup(fs[i].Path); pos.IsValid() || pos.File != "" {
				fs[i].Pos = pos
			}
		}
	}
}

// ParentPath strips the last segment of a model path: "a.b[c].d" -> "a.b[c]" -> "a.b" -> "a" ->
// "". Bracketed keys may hold dots (FQDNs do).
func ParentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	// Skip over bracketed keys, which may contain dots (FQDNs do).
	depth := 0
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case ']':
			depth++
		case '[':
			depth--
		case '.':
			if depth == 0 {
				return p[:i]
			}
		}
	}
	return ""
}

// SitePath is the model path of the i-th site of t: "sites[NAME]", or "sites[i]" when the
// site has no name or an earlier site has the same name (so that each path names one site).
func (t *Topology) SitePath(i int) string {
	return elemPath("sites", i, t.Sites[i].Name, func(j int) string { return t.Sites[j].Name })
}

// PoolPath is the model path of the i-th pool of t: "pools[FQDN]", or "pools[i]" when the
// pool has no FQDN or an earlier pool has the same one.
func (t *Topology) PoolPath(i int) string {
	return elemPath("pools", i, t.Pools[i].FQDN, func(j int) string { return t.Pools[j].FQDN })
}

// BranchPath is the model path of the i-th branch of t: "branches[FQDN]", or "branches[i]"
// when the branch has no FQDN or an earlier branch has the same one.
func (t *Topology) BranchPath(i int) string {
	return elemPath("branches", i, t.Branches[i].FQDN, func(j int) string { return t.Branches[j].FQDN })
}

// elemPath names the i-th element of a list by its key, unless the key is empty, cannot be
// read back from a path, or is taken by an earlier element (keyOf(j) for j < i; nil skips
// that check).
func elemPath(list string, i int, key string, keyOf func(j int) string) string {
	if !usableKey(key) {
		return indexPath(list, i)
	}
	if keyOf != nil {
		for j := 0; j < i; j++ {
			if strings.EqualFold(keyOf(j), key) {
				return indexPath(list, i)
			}
		}
	}
	return list + "[" + key + "]"
}

// usableKey reports whether a name can appear between brackets in a path: it is not empty,
// holds no bracket, and every character is visible, so that a path printed on a terminal
// shows what it names (a hidden or control character gets the element its index instead).
func usableKey(key string) bool {
	return key != "" && !strings.ContainsAny(key, "[]") &&
		strings.IndexFunc(key, func(r rune) bool { return !unicode.IsGraphic(r) }) < 0
}

// indexPath names the i-th element of a list by its index: "pools[3]".
func indexPath(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }
