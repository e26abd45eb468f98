package topology

import (
	"strconv"
	"strings"
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
	for p := path; p != ""; p = parentPath(p) {
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

// parentPath strips the last segment of a model path: "a.b[c].d" -> "a.b[c]" -> "a.b" -> "a" -> "".
func parentPath(p string) string {
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
// site has no name.
func (t *Topology) SitePath(i int) string { return elemPath("sites", i, t.Sites[i].Name) }

// PoolPath is the model path of the i-th pool of t: "pools[FQDN]", or "pools[i]" when the
// pool has no FQDN.
func (t *Topology) PoolPath(i int) string { return elemPath("pools", i, t.Pools[i].FQDN) }

// BranchPath is the model path of the i-th branch of t: "branches[FQDN]", or "branches[i]".
func (t *Topology) BranchPath(i int) string { return elemPath("branches", i, t.Branches[i].FQDN) }

// elemPath names a keyed element by its key, or by its index when the key is empty or could
// not be read back from a path.
func elemPath(list string, i int, key string) string {
	if key == "" || strings.ContainsAny(key, "[]") {
		return indexPath(list, i)
	}
	return list + "[" + key + "]"
}

func indexPath(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }
