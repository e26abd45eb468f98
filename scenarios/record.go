package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// RecordResult says what Record changed.
type RecordResult struct {
	// Source is the scenario's new text.
	Source []byte
	// Updated lists the paths whose values were rewritten, in file order.
	Updated []string
	// Skipped lists failed checks that Record cannot rewrite (output texts, values written
	// over several lines), in file order, with the reason.
	Skipped []string
}

// Record rewrites the expectations of sc that did not hold in rep (a report of Run on the
// same scenario) with what was found, in place: only the bytes of each value change, so
// comments and layout stay as they were. Run-wide bounds (rto, dataLoss) that failed become
// the value measured. Record does not add expectations that the file does not have.
func Record(sc *Scenario, rep *Report) RecordResult {
	type edit struct {
		sp   span
		text string
		path string
	}
	var edits []edit
	var res RecordResult
	for _, c := range rep.Failed() {
		text, ok := recordValue(c)
		switch {
		case !ok:
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s: %s cannot be recorded", c.Pos, c.Path, c.Kind))
			continue
		case c.Span.Start < 0 || c.Span.End > len(sc.src) || c.Span.Start >= c.Span.End:
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s: the value spans several lines", c.Pos, c.Path))
			continue
		}
		old := string(sc.src[c.Span.Start:c.Span.End])
		if strings.HasPrefix(old, `"`) || strings.HasPrefix(old, "'") || needsQuotes(text) {
			text = strconv.Quote(text)
		}
		edits = append(edits, edit{c.Span, text, c.Path})
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].sp.Start < edits[j].sp.Start })
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.sp.Start < at {
			continue // two checks on one value: the first wins
		}
		b.Write(sc.src[at:e.sp.Start])
		b.WriteString(e.text)
		at = e.sp.End
		res.Updated = append(res.Updated, e.path)
	}
	b.Write(sc.src[at:])
	res.Source = []byte(b.String())
	return res
}

// recordValue is the text to write for a failed check, and whether there is one.
func recordValue(c Check) (string, bool) {
	switch c.Kind {
	case KindHealth, KindPoolState, KindServedBy, KindNextHop, KindCMSPool, KindBackup, KindError, KindFederationPool, KindMediaEdge:
		if strings.Contains(c.Found, " ") {
			return "", false
		}
		return c.Found, true
	case KindServersUp, KindUsers, KindServersDrained, KindWithout:
		if _, err := strconv.Atoi(c.Found); err != nil {
			return "", false
		}
		return c.Found, true
	case KindBackEndUp, KindBranchUp, KindSiteUp, KindCMSUp, KindChanged, KindPrompt,
		KindRemoteAccess, KindFederation, KindExternalAccess, KindFederationVia:
		if c.Found != "true" && c.Found != "false" {
			return "", false
		}
		return c.Found, true
	case KindUsersAll:
		// "Backup 400, Resiliency 100" becomes a mode, or a mapping of counts.
		if c.Found == "no users" {
			return "{}", true
		}
		parts := strings.Split(c.Found, ", ")
		if len(parts) == 1 {
			return strings.Fields(parts[0])[0], true
		}
		var kv []string
		for _, p := range parts {
			f := strings.Fields(p)
			if len(f) != 2 {
				return "", false
			}
			kv = append(kv, f[0]+": "+f[1])
		}
		return "{" + strings.Join(kv, ", ") + "}", true
	case KindLoad:
		if _, err := strconv.ParseFloat(c.Found, 64); err != nil {
			return "", false
		}
		return c.Found, true
	case KindRTO, KindDataLoss, KindFeatureRTO:
		v := c.Found
		if i := strings.IndexByte(v, ' '); i >= 0 {
			v = v[:i]
		}
		if _, err := time.ParseDuration(v); err != nil {
			return "", false
		}
		return v, true
	case KindEdgeWorking, KindMediaStopped, KindFeatures, KindMissing:
		// "[a, b]" is written back as a flow list.
		if !strings.HasPrefix(c.Found, "[") || !strings.HasSuffix(c.Found, "]") {
			return "", false
		}
		return c.Found, true
	case KindBacklog:
		if _, err := time.ParseDuration(c.Found); err != nil {
			return "", false
		}
		return c.Found, true
	}
	return "", false
}

// needsQuotes reports whether a plain YAML scalar would not read back as text.
func needsQuotes(s string) bool {
	if s == "" || strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return false
	}
	return strings.ContainsAny(s, ":#,[]{}&*!|>'\"%@`") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "<") || strings.HasPrefix(s, "?")
}
