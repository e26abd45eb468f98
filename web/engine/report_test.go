package engine

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/web/engine/proto"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// TestEvidence checks that the page's evidence report is app.Evidence's: its verdict, its key
// figures and its page, and the same errors, naming the line, for a log that cannot be used.
func TestEvidence(t *testing.T) {
	plan := proto.File{Name: "litwareinc-disaster.json", Data: readFile(t, "../../docs/examples/litwareinc-disaster.json")}
	log := proto.File{Name: "run.log", Data: readFile(t, "../../docs/examples/litwareinc-disaster.runlog.jsonl")}
	want := app.Evidence(app.EvidenceRequest{Plan: app.Source{Name: plan.Name, Data: plan.Data}, Log: app.Source{Name: log.Name, Data: log.Data}})
	require.NoError(t, want.Err)

	tests := []struct {
		name  string
		files []proto.File
		err   string
	}{
		{"plan and log", []proto.File{plan, log}, ""},
		{"the log alone", []proto.File{log}, "give the JSON plan and the run log"},
		{"a tampered log", []proto.File{plan, {Name: "tampered.log", Data: readFile(t, "../../cmd/failwright/testdata/evidence/tampered.log")}}, "tampered.log:"},
		{"another plan's log", []proto.File{{Name: "plan.json", Data: readFile(t, "../../cmd/failwright/testdata/evidence/plan.json")}, log}, "run.log:1:"},
		{"the log as the plan", []proto.File{log, log}, "run.log:"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s Server
			r := call(t, &s, proto.Request{ID: i + 1, Op: proto.OpEvidence, Files: tc.files})
			if tc.err != "" {
				assert.Contains(t, r.Error, tc.err)
				assert.Nil(t, r.Printable)
				return
			}
			require.Empty(t, r.Error)
			p := r.Printable
			require.NotNil(t, p)
			assert.Equal(t, "evidence.html", p.Name)
			assert.Contains(t, p.HTML, `class="report report-evidence"`)
			assert.Contains(t, p.HTML, "Generated", "the page says when it was made")
			assert.Equal(t, "failed", want.Report.Verdict.State)
			assert.Contains(t, p.Summary, `<p class="report-verdict fail" data-state="failed">Failed</p><ul><li>`+
				"the recovery time on the decision clock, 00:31:36, is over the target of 00:20:00</li></ul>")
			assert.Contains(t, p.Summary, `<div class="figure" data-figure="recovery-time"><span class="fig-label">Recovery time, decision clock (from the run&#39;s start)</span><span class="fig-value">00:31:36</span></div>`)
			assert.Contains(t, p.Summary, `<div class="figure" data-figure="plan-id"><span class="fig-label">Plan ID</span><span class="fig-value">`+want.Report.PlanID+`</span></div>`)
			assert.Contains(t, p.Summary, `LITWARE\ops on DFW-FE01`)
		})
	}
}

// TestReviewAndDrillReport checks the design review of the analysis the page shows and the
// result of a drill that ended; neither is made before there is one.
func TestReviewAndDrillReport(t *testing.T) {
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpReview, Job: 7})
	assert.Contains(t, r.Error, "no finished analysis")
	answers := runAnalysis(t, &s, 7, topologyJSON(t, "litwareinc.yaml"), 2)
	require.NotNil(t, answers[len(answers)-1].Analysis)
	r = call(t, &s, proto.Request{ID: 8, Op: proto.OpReview, Job: 7})
	require.Empty(t, r.Error)
	require.NotNil(t, r.Printable)
	assert.Contains(t, r.Printable.HTML, `class="report report-review"`)
	assert.Contains(t, r.Printable.HTML, `<section id="policy" class="section">`, "the review judges the sample's recovery policy")
	assert.Contains(t, r.Printable.HTML, "breaks the recovery policy: site Atlanta")
	assert.Contains(t, r.Printable.Summary, `class="report-verdict`)
	assert.Contains(t, r.Printable.Summary, `<button type="button" value="download">Download design-review.html</button>`)
	assert.Equal(t, "design-review.html", r.Printable.Name)
	r = call(t, &s, proto.Request{ID: 9, Op: proto.OpReview, Job: 6})
	assert.Contains(t, r.Error, "no finished analysis", "another analysis's review")

	r = call(t, &s, proto.Request{ID: 10, Op: proto.OpDrillReport})
	assert.Equal(t, "no drill has ended", r.Error)
	require.Empty(t, call(t, &s, proto.Request{ID: 11, Op: proto.OpTrainStart, File: "training-beginner-planned-failover.yaml"}).Error)
	r = call(t, &s, proto.Request{ID: 12, Op: proto.OpDrillReport})
	assert.Equal(t, "no drill has ended", r.Error, "the drill is still running")
	score := call(t, &s, proto.Request{ID: 13, Op: proto.OpTrainFinish}).Score
	require.NotNil(t, score)
	r = call(t, &s, proto.Request{ID: 14, Op: proto.OpDrillReport, Line: "Pat Trainee"})
	require.Empty(t, r.Error)
	require.NotNil(t, r.Printable)
	assert.Contains(t, r.Printable.HTML, `class="report report-drill"`)
	assert.Contains(t, r.Printable.HTML, "Pat Trainee")
	assert.Contains(t, r.Printable.Summary, `data-state="failed"`, "a drill given up at once is not passed")
}

// TestEvidenceTargetsFromTheWorkspace: the workspace's topology, when the plan was made from
// it, gives the recovery policy's targets; another topology leaves Microsoft's defaults.
func TestEvidenceTargetsFromTheWorkspace(t *testing.T) {
	files := []proto.File{{Name: "litwareinc-disaster.json", Data: readFile(t, "../../docs/examples/litwareinc-disaster.json")},
		{Name: "run.log", Data: readFile(t, "../../docs/examples/litwareinc-disaster.runlog.jsonl")}}
	tests := []struct {
		topology string
		want     string
	}{
		{"litwareinc.yaml", "over the target of 00:30:00"},    // Atlanta's own policy
		{"lync2013-pair.yaml", "over the target of 00:20:00"}, // not the plan's topology: the defaults
	}
	for i, tc := range tests {
		t.Run(tc.topology, func(t *testing.T) {
			var s Server
			r := call(t, &s, proto.Request{ID: i + 1, Op: proto.OpEvidence, Files: files, Topology: topologyJSON(t, tc.topology)})
			require.Empty(t, r.Error)
			require.NotNil(t, r.Printable)
			assert.Contains(t, r.Printable.Summary, tc.want)
		})
	}
}
