package report

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/analysis"
	"failwright/engine/samples"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/internal/testkit"
)

func sampleAnalysis(t testing.TB, file string) *analysis.Report {
	t.Helper()
	data, err := samples.Read(file)
	require.NoError(t, err)
	topo, fs := topofile.Decode(file, data)
	require.False(t, fs.HasErrors(), "%v", fs)
	r, err := analysis.Analyze(topo, analysis.Options{Depth: 1, Workers: 1})
	require.NoError(t, err)
	r.Fingerprint = topology.Fingerprint(topo)
	return r
}

func TestReview(t *testing.T) {
	gen := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	a := sampleAnalysis(t, "litwareinc.yaml")
	unjudged := Review(ReviewInput{Report: a, GeneratedAt: gen})
	html := string(unjudged.HTML())
	assert.Contains(t, html, NoPolicyYet[:40], "no policy judged: said honestly, no pass claimed")
	assert.Contains(t, html, `<dd id="figure-policy">not judged yet</dd>`)
	assert.Contains(t, unjudged.Verdict.Reasons, "no recovery policy judged yet")

	// The breaches as app.PolicyBreaches makes them from the analysis's policy report:
	// litwareinc.yaml promises Atlanta 30 minutes, and losing its pool or site takes 00:31:05.
	var breaches []PolicyBreach
	for _, b := range a.Policy.Breaks {
		breaches = append(breaches, PolicyBreach{Failure: strings.Join(b.Set.Elements, " + "), Pool: b.Verdict.Pool, Figure: "rto",
			Target: b.Verdict.Policy.RTO.String(), Achieved: b.Verdict.Judged().String(), Clock: Clock(b.Verdict.Policy.Clock)})
	}
	require.Len(t, breaches, 2)
	judged := Review(ReviewInput{Report: a, PolicyJudged: true, Breaches: breaches, GeneratedAt: gen})
	html = string(judged.HTML())
	checkSelfContained(t, []byte(html))
	assert.Equal(t, StateFailed, judged.Verdict.State, "a policy breach fails the design")
	assert.Contains(t, html, `<dd id="figure-policy">2 breaches</dd>`)
	assert.Contains(t, html, "atl-cs-001.litwareinc.com: RTO 00:30:00 (site), RPO 00:05:00 (topology), the decision clock (default).")
	assert.Contains(t, judged.Verdict.Reasons, "breaks the recovery policy: site Atlanta: atl-cs-001.litwareinc.com rto 00:31:05, target 00:30:00 (decision clock)")
	testkit.Golden(t, "testdata/review-litwareinc.html", html)

	none := Review(ReviewInput{Report: a, PolicyJudged: true})
	assert.Contains(t, string(none.HTML()), "No failure breaks the recovery policy.")
}

func TestReviewScoreWords(t *testing.T) {
	a := &analysis.Report{Users: 1000, Score: analysis.Score{Value: 90, Kept: []float64{0.9, 0.5}}}
	assert.Equal(t, "In the worst single failure, 90.0% of the 1,000 users keep full service on a pool that can carry them after recovery; the rest are at risk. In the worst pair of failures, 50.0% do.", scoreWords(a))
	a.Score.Kept = []float64{1}
	assert.Contains(t, scoreWords(a), "Every single failure")
	assert.Contains(t, scoreWords(&analysis.Report{}), "no users")
}
