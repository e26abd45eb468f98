package report

import (
	"strconv"
	"strings"
	"time"

	"failwright/engine/analysis"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// ReviewInput is what a design review is made from: a failure analysis and, once recovery
// policies are judged, the failures that break the policy.
type ReviewInput struct {
	// Report is the failure analysis (app.Analyze).
	Report *analysis.Report
	// PolicyJudged is true when a recovery policy was judged; until then the review says so
	// and claims nothing about it.
	PolicyJudged bool
	// Breaches are the failures that break the recovery policy (empty when it holds).
	Breaches []PolicyBreach
	// GeneratedAt is when the report is made; zero leaves it off the page.
	GeneratedAt time.Time
}

// PolicyBreach is one failure that breaks the recovery policy: which failure, which pool,
// which figure, the target and what the analysis found, on which clock.
type PolicyBreach struct {
	// Failure names the failed elements ("site Atlanta").
	Failure string `json:"failure"`
	Pool    string `json:"pool"`
	// Figure is "rto" or "dataLoss".
	Figure   string `json:"figure"`
	Target   string `json:"target"`
	Achieved string `json:"achieved"`
	Clock    Clock  `json:"clock,omitempty"`
}

// ReviewReport is the design review of a topology: its resilience score in plain words, the
// worst failures, the users left without full service, what to change and the policy verdict.
type ReviewReport struct {
	Topology     string            `json:"topology"`
	Fingerprint  string            `json:"fingerprint,omitempty"`
	Depth        int               `json:"depth"`
	Users        int               `json:"users"`
	Score        float64           `json:"score"`
	ScoreWords   string            `json:"scoreWords"`
	Analysis     *analysis.Report  `json:"analysis"`
	PolicyJudged bool              `json:"policyJudged"`
	Breaches     []PolicyBreach    `json:"breaches"`
	Changes      topology.Findings `json:"changes"`
	Verdict      Verdict           `json:"verdict"`
	Generated    string            `json:"generated,omitempty"`
}

// NoPolicyYet is what a review says while no recovery policy is judged.
const NoPolicyYet = "No recovery policy judged yet: this review does not say whether the design meets recovery-time or data-loss targets."

// Review makes the design review of an analysis.
func Review(in ReviewInput) *ReviewReport {
	a := in.Report
	r := &ReviewReport{Topology: a.Topology, Fingerprint: a.Fingerprint, Depth: a.Depth, Users: a.Users, Score: a.Score.Value,
		ScoreWords: scoreWords(a), Analysis: a, PolicyJudged: in.PolicyJudged, Breaches: append([]PolicyBreach{}, in.Breaches...),
		Changes: topology.Findings{}, Generated: utc(in.GeneratedAt)}
	for _, f := range a.Findings {
		if f.Severity != topology.Info || f.Fix != "" {
			r.Changes = append(r.Changes, f)
		}
	}
	r.Verdict = reviewVerdict(r)
	return r
}

// scoreWords says what the resilience score means for users.
func scoreWords(a *analysis.Report) string {
	if len(a.Score.Kept) == 0 || a.Users == 0 {
		return "The topology homes no users on Front End pools, so the score says nothing."
	}
	pct := func(k float64) string { return strconv.FormatFloat(k*100, 'f', 1, 64) + "%" }
	var b strings.Builder
	if a.Score.Kept[0] >= 1 {
		b.WriteString("Every single failure, once recovered, leaves all " + units.Plural(a.Users, "user") + " with full service on a pool that can carry them.")
	} else {
		b.WriteString("In the worst single failure, " + pct(a.Score.Kept[0]) + " of the " + units.Plural(a.Users, "user") +
			" keep full service on a pool that can carry them after recovery; the rest are at risk.")
	}
	if len(a.Score.Kept) > 1 {
		b.WriteString(" In the worst pair of failures, " + pct(a.Score.Kept[1]) + " do.")
	}
	return b.String()
}

// reviewVerdict fails a design that app.AnalysisStatus fails (an error finding, users without
// full service after a single failure) or that breaks the policy; warnings are deviations.
func reviewVerdict(r *ReviewReport) Verdict {
	a := r.Analysis
	v := Verdict{State: StatePassed, Text: "The design holds", Reasons: []string{}}
	if a.SingleFailureUnserved() {
		v.Reasons = append(v.Reasons, "a single failure leaves users without full service after recovery")
	}
	for _, b := range r.Breaches {
		v.Reasons = append(v.Reasons, "breaks the recovery policy: "+breachText(b))
	}
	for _, sev := range []topology.Severity{topology.Error, topology.Warning} {
		for _, f := range a.Findings {
			if f.Severity == sev {
				v.Reasons = append(v.Reasons, string(sev)+" "+f.Code+": "+f.Message)
			}
		}
	}
	switch {
	case a.Findings.HasErrors() || a.SingleFailureUnserved() || len(r.Breaches) > 0:
		v.State, v.Text = StateFailed, "The design does not hold"
	case len(v.Reasons) > 0:
		v.State, v.Text = StateDeviations, "The design holds, with warnings"
	}
	if !r.PolicyJudged {
		v.Reasons = append(v.Reasons, "no recovery policy judged yet")
	}
	return v
}

func breachText(b PolicyBreach) string {
	s := b.Failure + ": " + b.Pool + " " + b.Figure + " " + b.Achieved + ", target " + b.Target
	if b.Clock != "" {
		s += " (" + string(b.Clock) + " clock)"
	}
	return s
}

// HTML renders the review as its printable page.
func (r *ReviewReport) HTML() []byte { return r.Page().HTML() }

// Page lays the review out: the verdict and the score first, then the policy, the worst
// failures, the users without full service per pool and what to change.
func (r *ReviewReport) Page() *Page {
	a := r.Analysis
	pg := &Page{Kind: "review", Title: "Design review: " + r.Topology,
		Subtitle: "Failure analysis at depth " + strconv.Itoa(r.Depth) + " (" + depthWords(r.Depth) + ")", Generated: r.Generated, Verdict: r.Verdict}
	unserved := "none"
	for _, l := range a.Levels {
		if l.Depth == 1 {
			unserved = units.Plural(int(l.SetsUnserved), "single failure")
		}
	}
	pg.Facts = []Fact{
		{ID: "score", Label: "Resilience score", Value: strconv.FormatFloat(r.Score, 'f', 1, 64) + " / 100", Note: r.ScoreWords},
		{ID: "users", Label: "Users on Front End pools", Value: units.Thousands(r.Users)},
		{ID: "unserved-single", Label: "Single failures leaving users without full service", Value: unserved},
		{ID: "changes", Label: "Changes advised", Value: strconv.Itoa(len(r.Changes))},
		{ID: "policy", Label: "Recovery policy", Value: policyValue(r)},
		{ID: "fingerprint", Label: "Topology fingerprint", Value: orDash(r.Fingerprint)},
	}
	pg.Sections = []Section{r.policySection(), r.worstSection(), r.poolsSection(), r.changesSection(), scoreSection(a)}
	return pg
}

func depthWords(d int) string {
	if d == 2 {
		return "every single failure and every pair"
	}
	return "every single failure"
}

func policyValue(r *ReviewReport) string {
	switch {
	case !r.PolicyJudged:
		return "not judged yet"
	case len(r.Breaches) == 0:
		return "no failure breaks it"
	}
	n := max(len(r.Breaches), r.Analysis.Policy.Count)
	return units.Plural(n, "breach")
}

func (r *ReviewReport) policySection() Section {
	if !r.PolicyJudged {
		return Section{ID: "policy", Title: "Recovery policy", Text: []string{NoPolicyYet}}
	}
	rows := make([]Row, 0, len(r.Breaches))
	for _, b := range r.Breaches {
		rows = append(rows, Row{Class: "row-failed", Cells: []string{b.Failure, b.Pool, b.Figure, b.Target, b.Achieved, string(b.Clock)}})
	}
	var text []string
	for _, p := range r.Analysis.Policy.Pools {
		pol := p.Policy
		text = append(text, p.Pool+": RTO "+pol.RTO.String()+" ("+pol.From.RTO+"), RPO "+pol.RPO.String()+" ("+pol.From.RPO+"), the "+
			string(pol.Clock)+" clock ("+pol.From.Clock+").")
	}
	if len(text) > 0 {
		text = append(text, "Where each target comes from: pool, site or topology is the recovery policy of the topology file; default is Microsoft's engineering target for the pool's version (FACTS §9). The analysis recovers from the moment of failure, so both clocks read the same.")
	}
	if more := r.Analysis.Policy.Count - len(r.Breaches); more > 0 && len(r.Breaches) > 0 {
		text = append(text, "The table lists the first "+strconv.Itoa(len(r.Breaches))+" of "+strconv.Itoa(r.Analysis.Policy.Count)+" breaches.")
	}
	return Section{ID: "policy", Title: "Recovery policy", Text: text, Empty: "No failure breaks the recovery policy.",
		Tables: tableIf(Table{ID: "policy-table", Head: []string{"Failure", "Pool", "Figure", "Target", "Found", "Clock"}, Rows: rows})}
}

func (r *ReviewReport) worstSection() Section {
	var tables []Table
	for _, l := range r.Analysis.Levels {
		rows := []Row{}
		for _, w := range l.Worst {
			if w.Figure == "unservedNew" && l.Depth == 1 {
				continue
			}
			class := ""
			if w.Count > 0 && (w.Figure == "unserved" || w.Figure == "atRisk") {
				class = "row-deviation"
			}
			rows = append(rows, Row{Class: class, Cells: []string{analysis.FigureTitle(w.Figure), w.Value, units.Thousands(w.Count), setsText(w.Sets)}})
		}
		tables = append(tables, Table{ID: "worst-" + strconv.Itoa(l.Depth),
			Caption: strconv.FormatInt(l.Sets, 10) + " sets of " + strconv.Itoa(l.Depth) + " failure(s); " +
				units.Thousands(l.SetsUnserved) + " leave users without full service",
			Head: []string{"Figure", "Worst", "Sets reaching it", "For example"}, Rows: rows})
	}
	return Section{ID: "worst", Title: "The worst failures", Break: true, Tables: tables}
}

func (r *ReviewReport) poolsSection() Section {
	rows := []Row{}
	for _, p := range r.Analysis.Pools {
		unserved, sets := "none", "—"
		for _, l := range p.Levels {
			if l.Depth != 1 {
				continue
			}
			for _, w := range l.Worst {
				if w.Figure == "unserved" {
					unserved, sets = w.Value, setsText(w.Sets)
				}
			}
		}
		class := ""
		if unserved != "none" {
			class = "row-deviation"
		}
		rows = append(rows, Row{Class: class, Cells: []string{p.Pool, p.Site, orDash(p.Partner), units.Thousands(p.Users), unserved, sets}})
	}
	return Section{ID: "pools", Title: "Users without full service after a single failure, per pool", Empty: "No Front End pool.",
		Tables: tableIf(Table{ID: "pools-table", Head: []string{"Pool", "Site", "Backup pool", "Users", "Worst unserved", "After"}, Rows: rows})}
}

func (r *ReviewReport) changesSection() Section {
	rows := make([]Row, 0, len(r.Changes))
	for _, f := range r.Changes {
		class := ""
		if f.Severity == topology.Error {
			class = "row-failed"
		}
		rows = append(rows, Row{Class: class, Cells: []string{string(f.Severity), f.Code, f.Path, f.Message, orDash(f.Fix)}})
	}
	return Section{ID: "changes", Title: "What to change", Break: true, Empty: "Nothing to change.",
		Tables: tableIf(Table{ID: "changes-table", Head: []string{"Severity", "Code", "Where", "What", "Change"}, Rows: rows})}
}

func scoreSection(a *analysis.Report) Section {
	return Section{ID: "score", Title: "How the score is computed", Text: []string{a.Score.Definition}}
}

// setsText names up to three failure sets.
func setsText(sets []analysis.SetRef) string {
	if len(sets) == 0 {
		return "—"
	}
	var parts []string
	for i, s := range sets {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, strings.Join(s.Elements, " + "))
	}
	return strings.Join(parts, "; ")
}

// tableIf is the table in a list, or no list when it has no rows (the section says Empty).
func tableIf(t Table) []Table {
	if len(t.Rows) == 0 {
		return nil
	}
	return []Table{t}
}
