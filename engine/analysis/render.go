package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// JSON renders the report as indented JSON with a final newline. The bytes depend only on
// the report.
func (r *Report) JSON() []byte {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		// A Report holds only strings, numbers, booleans and slices of them.
		panic("analysis: encoding a report: " + err.Error())
	}
	return append(b, '\n')
}

// figTitles name the report's figures for people.
var figTitles = map[string]string{
	"unserved":     "users without full service after recovery",
	"noDR":         "users left without disaster recovery",
	"load":         "worst load on a surviving pool",
	"rto":          "longest recovery time (RTO)",
	"dataLoss":     "longest data-loss window",
	"cms":          "Central Management store",
	"remoteAccess": "remote access through an Edge pool",
	"atRisk":       "users at risk (unserved or beyond capacity)",
	"unservedNew":  "users without full service, pairs that hurt more together than apart",
}

// Text renders the report for people.
func (r *Report) Text() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Failure analysis of %s (depth %d)\n", r.Topology, r.Depth)
	e := r.Elements
	fmt.Fprintf(&b, "Elements: %d (%s)\n", e.Total, e.List())
	if len(r.Links) > 0 {
		fmt.Fprintf(&b, "Links: %s\n", strings.Join(r.Links, ", "))
	}
	fmt.Fprintf(&b, "Users: %d on Front End pools\n", r.Users)
	fmt.Fprintf(&b, "Baseline: %s without disaster recovery, worst load %s, CMS %s\n",
		plural(int64(r.Baseline.NoDR), "user"), formatFig(figLoad, r.Baseline.Load), r.Baseline.CMS)
	fmt.Fprintf(&b, "Resilience score: %.1f / 100\n", r.Score.Value)
	lost := r.SingleFailureFeatureLost()
	switch {
	case r.SingleFailureUnserved():
		b.WriteString("Verdict: a single failure can leave users without full service after recovery (AN001)\n")
	case !lost:
		b.WriteString("Verdict: after any single failure and its recovery, every user has full service\n")
	}
	if lost {
		b.WriteString("Verdict: a single failure can leave users without a feature although their pool serves them (AN601)\n")
	}
	for _, l := range r.Levels {
		name := "single failures"
		if l.Depth == 2 {
			name = "pairs of failures"
		}
		fmt.Fprintf(&b, "\nN-%d: %d %s, %d leave users without full service, %d leave more users without DR\n",
			l.Depth, l.Sets, name, l.SetsUnserved, l.SetsNoDR)
		for _, w := range l.Worst {
			if w.Figure == "unservedNew" && l.Depth == 1 {
				continue
			}
			writeWorst(&b, "  ", FigureTitle(w.Figure), w)
		}
	}
	b.WriteString("\nPools (worst cases)\n")
	for _, p := range r.Pools {
		partner := p.Partner
		if partner == "" {
			partner = "none"
		}
		fmt.Fprintf(&b, "  %s (site %s, %s, backup %s, load %s)\n", p.Pool, p.Site, plural(int64(p.Users), "user"), partner, formatFig(figLoad, p.Load))
		for _, l := range p.Levels {
			if len(l.Worst) == 0 {
				fmt.Fprintf(&b, "    N-%d: no failure set makes it worse\n", l.Depth)
				continue
			}
			for _, w := range l.Worst {
				writeWorst(&b, fmt.Sprintf("    N-%d ", l.Depth), w.Figure, w)
			}
		}
	}
	writeFeatures(&b, r.Features)
	writePolicy(&b, r)
	b.WriteString("\nFindings\n")
	if len(r.Findings) == 0 {
		b.WriteString("  none\n")
	}
	for _, f := range r.Findings {
		where := f.Path
		if f.Pos.IsValid() {
			where = f.Pos.String() + " " + f.Path
		}
		fmt.Fprintf(&b, "  %s %s %s: %s\n", f.Severity, f.Code, where, f.Message)
		if f.Fix != "" {
			fmt.Fprintf(&b, "    fix: %s\n", f.Fix)
		}
	}
	fmt.Fprintf(&b, "\nScore: %s\n", r.Score.Definition)
	return b.Bytes()
}

func writeWorst(b *bytes.Buffer, indent, title string, w Worst) {
	if w.Count == 0 {
		fmt.Fprintf(b, "%s%s: %s (no failure set makes it worse)\n", indent, title, w.Value)
		return
	}
	fmt.Fprintf(b, "%s%s: %s, %s", indent, title, w.Value, plural(w.Count, "set"))
	for k, s := range w.Sets {
		sep := "; "
		if k == 0 {
			sep = ", e.g. "
		}
		b.WriteString(sep + strings.Join(s.Elements, " + "))
		if s.Pool != "" {
			b.WriteString(" (on " + s.Pool + ")")
		}
	}
	b.WriteString("\n")
}

// List names the elements by kind, "8 servers, 2 pools, ..., 1 link", the kinds of the whole
// recovery only when the topology has them. The text report and the page both print it.
func (e ElementCounts) List() string {
	parts := []string{plural(int64(e.Servers), "server"), plural(int64(e.Pools), "pool"), plural(int64(e.Sites), "site"),
		plural(int64(e.Edges), "Edge pool"), plural(int64(e.BackEnds), "CMS back end"), plural(int64(e.Links), "link")}
	for _, c := range []struct {
		n    int
		noun string
	}{{e.LoadBalancers, "load balancer"}, {e.DNSProviders, "DNS provider"}, {e.PersistentChat, "Persistent Chat pool"}, {e.Gateways, "PSTN gateway"}} {
		if c.n > 0 {
			parts = append(parts, plural(int64(c.n), c.noun))
		}
	}
	return strings.Join(parts, ", ")
}

// writeFeatures writes the per-feature section.
func writeFeatures(b *bytes.Buffer, fs []FeatureReport) {
	if len(fs) == 0 {
		return
	}
	b.WriteString("\nFeatures (users without each feature after recovery)\n")
	for _, f := range fs {
		fmt.Fprintf(b, "  %s (%s", f.Name, plural(int64(f.Users), "user"))
		if f.Baseline > 0 {
			fmt.Fprintf(b, ", %s without it with nothing failed", plural(int64(f.Baseline), "user"))
		}
		b.WriteString(")\n")
		for _, l := range f.Levels {
			for _, w := range l.Worst {
				writeWorst(b, fmt.Sprintf("    N-%d ", l.Depth), featFigTitles[w.Figure], w)
			}
		}
	}
}

// FigureTitle names a figure of the report (Worst.Figure: "unserved", "noDR", ...) for people,
// as the text report and the design review print it; an unknown figure is named as it is.
func FigureTitle(figure string) string {
	if t, ok := figTitles[figure]; ok {
		return t
	}
	return figure
}
