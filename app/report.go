package app

import (
	"strings"
	"time"

	"failwright/engine/analysis"
	"failwright/engine/report"
	"failwright/scenarios"
)

// TrainingReport makes the printable report of a finished drill of scenario sc: the trainee's
// score, what they typed and when, hints, mistakes and the scenario's expected steps. trainee
// names the trainee (empty leaves it off); generatedAt is printed on it (zero leaves it off).
func TrainingReport(sc *scenarios.Scenario, score *scenarios.Score, trainee string, generatedAt time.Time) *report.DrillReport {
	in := report.DrillInput{Score: score, Trainee: trainee, GeneratedAt: generatedAt}
	for _, st := range sc.Steps {
		if t := st.Trainee; t != nil {
			in.Expected = append(in.Expected, report.ExpectedStep{Prompt: t.Prompt, Goal: t.Goal, Solution: t.Solution})
		}
	}
	if g := sc.Goals; g != nil {
		in.MaxRTO, in.MaxDataLoss = g.MaxRTO, g.MaxDataLoss
	}
	return report.Drill(in)
}

// ReviewResult is a design review: the analysis's status and the printable review.
type ReviewResult struct {
	AnalyzeResult
	Review *report.ReviewReport
	// HTML is the review's printable page.
	HTML []byte
}

// Review makes the design review of an analysis (Analyze's result), with the failures that
// break the recovery policy (PolicyBreaches); a breach makes the status StatusFail. A topology
// that could not be analyzed has no review.
func Review(res AnalyzeResult, generatedAt time.Time) ReviewResult {
	out := ReviewResult{AnalyzeResult: res}
	if res.Report == nil {
		return out
	}
	judged, breaches := PolicyBreaches(res.Report)
	out.Review = report.Review(report.ReviewInput{Report: res.Report, PolicyJudged: judged, Breaches: breaches, GeneratedAt: generatedAt})
	out.HTML = out.Review.HTML()
	if len(breaches) > 0 {
		out.Status = StatusFail
	}
	return out
}

// PolicyBreaches is the recovery policy judged on the analysis r (analysis.Report.Policy,
// docs/policy.md): judged is true, and there is one breach per single failure and pool whose
// recovery breaks the pool's effective policy, as r lists them (the first
// analysis.MaxPolicyBreaks; r.Policy.Count says how many there are). A breach names the figure
// missed: "rto" when the recovery time (or the recovery itself) missed, else "dataLoss".
func PolicyBreaches(r *analysis.Report) (judged bool, breaches []report.PolicyBreach) {
	if r == nil {
		return false, nil
	}
	breaches = make([]report.PolicyBreach, 0, len(r.Policy.Breaks))
	for _, br := range r.Policy.Breaks {
		v := br.Verdict
		b := report.PolicyBreach{Failure: strings.Join(br.Set.Elements, " + "), Pool: v.Pool, Clock: report.Clock(v.Policy.Clock)}
		switch {
		case !v.RTOMet:
			b.Figure, b.Target, b.Achieved = "rto", v.Policy.RTO.String(), v.Judged().String()
			if !v.Restored {
				b.Achieved = "not restored"
			}
		default:
			b.Figure, b.Target, b.Achieved = "dataLoss", v.Policy.RPO.String(), v.DataLoss.String()
		}
		breaches = append(breaches, b)
	}
	return true, breaches
}
