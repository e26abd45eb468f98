// Package suggest finds the name a user most likely meant when they typed one that does not
// exist: the one "did you mean ...?" helper of failwright, with one threshold for every
// message (unknown keys, unknown pools, sites and servers, values outside their set).
package suggest

import "strings"

// Closest returns the element of known that typed most likely means, and whether it differs
// from typed only in letter case. An element equal to typed but for case wins; otherwise the
// one fewest edits away (case-insensitive, ties to the earlier element), when that is at most
// MaxEdits(typed). It returns "" when nothing is close enough or typed is empty.
func Closest(typed string, known []string) (best string, caseOnly bool) {
	if typed == "" {
		return "", false
	}
	for _, k := range known {
		if strings.EqualFold(k, typed) {
			return k, true
		}
	}
	t := strings.ToLower(typed)
	limit := MaxEdits(typed) + 1
	bestD := limit
	for _, k := range known {
		if d := Distance(t, strings.ToLower(k), bestD); d < bestD {
			best, bestD = k, d
		}
	}
	return best, false
}

// MaxEdits is how many edits typed may be from a name for Closest to propose it: two, or a
// third of its length for longer names, so that a short word does not match everything and a
// long FQDN with a few wrong characters still finds its pool.
func MaxEdits(typed string) int { return max(2, len(typed)/3) }

// Distance is the Levenshtein distance between a and b, counted in bytes, or limit when it is
// at least limit: the search stops as soon as the distance cannot fall below it, so that
// suggesting a name for a long or hostile input stays cheap.
func Distance(a, b string, limit int) int {
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
