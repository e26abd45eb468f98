package report

import (
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
	r := Review(ReviewInput{Report: a, GeneratedAt: gen})
	html := string(r.HTML())
	checkSelfContained(t, []byte(html))
	assert.Contains(t, html, NoPolicyYet[:40], "no policy: said honestly, no pass claimed")
	assert.Contains(t, html, `<dd id="figure-policy">not judged yet</dd>`)
	assert.Contains(t, r.Verdict.Reasons, "no recovery policy judged yet")
	testkit.Golden(t, "testdata/review-litwareinc.html", html)

	judged := Review(ReviewInput{Report: a, PolicyJudged: true, Breaches: []PolicyBreach{
		{Failure: "site Atlanta", Pool: "atl-cs-001.litwareinc.com", Figure: "rto", Target: "00:20:00", Achieved: "00:31:05", Clock: ClockDecision}}})
	assert.Equal(t, StateFailed, judged.Verdict.State, "a policy breach fails the design")
	assert.Contains(t, string(judged.HTML()), `id="policy-table"`)
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
