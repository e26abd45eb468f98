package sim

import "strings"

// suggestion returns " Did you mean X?" for the candidate closest to a mistyped name, when
// one is within a few edits of it (case-insensitive), or "". Ties go to the earlier
// candidate, so the text is the same on every run.
func suggestion(typed string, candidates []string) string {
	t := strings.ToLower(strings.TrimSpace(typed))
	if i := strings.IndexByte(t, ':'); i >= 0 {
		t = t[i+1:]
	}
	if t == "" {
		return ""
	}
	best, bestD := "", 4
	for _, c := range candidates {
		if d := editDistance(t, strings.ToLower(c), bestD); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return " Did you mean " + best + "?"
}

// editDistance is the Levenshtein distance between a and b, or limit when it is at least
// limit (the search stops early).
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
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
