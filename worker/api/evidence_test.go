package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/report"
	"failwright/engine/runlog"
	"failwright/internal/evidencetest"
)

// evidenceFixture is a plan of litwareinc.yaml's Atlanta pool, as JSON, with run logs of it.
type evidenceFixture struct {
	plan                       string
	fast, asPlanned, otherPlan string
}

func newEvidenceFixture(t *testing.T) evidenceFixture {
	t.Helper()
	doc, fs, _ := app.LoadTopology(app.Source{Name: "litwareinc.yaml", Data: []byte(sample(t))})
	require.NotNil(t, doc, "%v", fs)
	build := func(mode plan.Mode) *app.PlanResult {
		res := app.Plan(doc, app.PlanRequest{Request: plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: mode}, Format: app.FormatJSON})
		require.NotNil(t, res.Plan, "%v", res.Findings)
		return res
	}
	p, other := build(plan.Planned), build(plan.Disaster)
	mins := map[int]int{}
	for _, st := range p.Plan.Steps {
		mins[st.Number] = 1
	}
	return evidenceFixture{plan: string(p.JSON),
		fast:      string(evidencetest.Log(p.Plan, evidencetest.Options{Minutes: mins})),
		asPlanned: string(evidencetest.Log(p.Plan, evidencetest.Options{})),
		otherPlan: string(evidencetest.Log(other.Plan, evidencetest.Options{}))}
}

// doAccept is do with an Accept header.
func doAccept(h http.Handler, path, accept, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// evidenceBody writes an evidence request's body from its members.
func evidenceBody(members map[string]any) string {
	b, _ := json.Marshal(members)
	return string(b)
}

func TestEvidenceReports(t *testing.T) {
	fx := newEvidenceFixture(t)
	h, _ := newTestServer(t, nil)
	tests := []struct {
		name    string
		members map[string]any
		accept  string
		verdict string
		rto     string
		has     string
	}{
		{"passed, JSON by default, the plan as text", map[string]any{"plan": fx.plan, "log": fx.fast}, "", report.StatePassed, "00:20:00", `"source": "Microsoft's engineering targets`},
		{"the plan as an object", map[string]any{"plan": json.RawMessage(fx.plan), "log": fx.fast, "generatedAt": "2026-12-06T09:00:00Z"}, "application/json", report.StatePassed, "00:20:00", `"generated": "2026-12-06 09:00:00 UTC"`},
		{"the Worker's time when generatedAt is not given", map[string]any{"plan": fx.plan, "log": fx.fast}, "", report.StatePassed, "00:20:00", `"generated": "2026-11-24 12:00:00 UTC"`},
		{"the topology's policy", map[string]any{"plan": fx.plan, "log": fx.fast, "topology": sample(t), "topologyName": "litwareinc.yaml"}, "", report.StatePassed, "00:30:00", `"source": "the recovery policy in litwareinc.yaml`},
		{"over the topology's policy", map[string]any{"plan": fx.plan, "log": fx.asPlanned, "topology": sample(t)}, "", report.StateFailed, "00:30:00", "is over the target of 00:30:00"},
		{"the page for text/html", map[string]any{"plan": fx.plan, "log": fx.asPlanned, "failedAt": "2026-12-06 04:52"}, "text/html,application/xhtml+xml,*/*;q=0.8", report.StateFailed, "", `<main id="report" class="report report-evidence"`},
		{"JSON when it weighs more", map[string]any{"plan": fx.plan, "log": fx.fast}, "text/html;q=0.5, application/json", report.StatePassed, "00:20:00", `"planId"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := doAccept(h, "/api/evidence", tt.accept, evidenceBody(tt.members))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, tt.verdict, rec.Header().Get(VerdictHeader))
			assert.Contains(t, rec.Body.String(), tt.has)
			if tt.rto == "" {
				assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
				assert.Equal(t, ResultsContentSecurityPolicy, rec.Header().Get("Content-Security-Policy"))
				return
			}
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			assertSecurityHeaders(t, rec.Header())
			var r report.EvidenceReport
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &r))
			assert.Equal(t, tt.rto, r.Policy.Targets.RTO.String())
			assert.Equal(t, tt.verdict, r.Verdict.State)
		})
	}
}

func TestEvidenceProblems(t *testing.T) {
	fx := newEvidenceFixture(t)
	h, _ := newTestServer(t, nil)
	tampered := strings.Replace(fx.fast, `"outcome":"done"`, `"outcome":"failed"`, 1)
	lines := strings.SplitAfter(fx.fast, "\n")
	truncated := strings.Join(lines[:len(lines)-2], "")
	tests := []struct {
		name   string
		body   string
		status int
		typ    string
		field  string
		detail string
	}{
		{"tampered log", evidenceBody(map[string]any{"plan": fx.plan, "log": tampered}), 422, ProblemInvalidRunLog, "log", "run.log:4: prev does not match"},
		{"truncated log", evidenceBody(map[string]any{"plan": fx.plan, "log": truncated}), 422, ProblemInvalidRunLog, "log", "run.log:"},
		{"another plan's log", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.otherPlan, "logName": "other.log"}), 422, ProblemInvalidRunLog, "log", "other.log:1"},
		{"a plan that is not one", evidenceBody(map[string]any{"plan": "{\n  \"id\": 3\n}", "log": fx.fast, "planName": "mine.json"}), 422, ProblemInvalidPlan, "plan", "mine.json:2:"},
		{"another topology", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "topology": strings.Replace(sample(t), "users: 20000", "users: 19000", 1)}), 422, ProblemInvalidTopology, "topology", "is not the topology the plan was made from"},
		{"a topology that does not decode", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "topology": "sites: [\n"}), 422, ProblemInvalidTopology, "topology", "does not decode"},
		{"no plan", evidenceBody(map[string]any{"log": fx.fast}), 400, ProblemInvalidField, "plan", `"plan" is required`},
		{"no log", evidenceBody(map[string]any{"plan": fx.plan, "log": " "}), 400, ProblemInvalidField, "log", `"log" is required`},
		{"a log that is not text", `{"plan": {}, "log": 3}`, 400, ProblemInvalidField, "log", `"log" must be a string`},
		{"a plan that is a number", `{"plan": 3, "log": "x"}`, 400, ProblemInvalidField, "plan", "must be an object or a string"},
		{"an unknown member", `{"plan": {}, "log": "x", "pool": "p"}`, 400, ProblemUnknownField, "pool", `unknown field "pool"`},
		{"a bad failure time", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "failedAt": "yesterday"}), 400, ProblemInvalidField, "failedAt", `"yesterday" is not a time`},
		{"a failure after the start", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "failedAt": "2026-12-06T06:00:00Z"}), 400, ProblemInvalidField, "failedAt", "after the run started"},
		{"a bad report time", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "generatedAt": "now"}), 400, ProblemInvalidField, "generatedAt", `"now" is not a time`},
		{"a topology name without a topology", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "topologyName": "t.yaml"}), 400, ProblemInvalidField, "topologyName", "goes with"},
		{"a name with a control character", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "logName": "a\nb"}), 400, ProblemInvalidField, "logName", `"logName" holds a control character`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := doAccept(h, "/api/evidence", "text/html", tt.body)
			p := decodeProblem(t, rec, tt.status, tt.typ)
			assert.Equal(t, tt.field, p.Field)
			assert.Contains(t, p.Detail, tt.detail)
			assert.Empty(t, rec.Header().Get(VerdictHeader), "never a report")
		})
	}
}

func TestEvidenceBounds(t *testing.T) {
	fx := newEvidenceFixture(t)
	h, _ := newTestServer(t, func(c *Config) { c.MaxEvidenceBytes = 1 << 10 })
	p := decodeProblem(t, doAccept(h, "/api/evidence", "", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast})), 413, ProblemBodyTooLarge)
	assert.Equal(t, int64(1<<10), p.Limit)

	h, _ = newTestServer(t, nil)
	big := strings.Repeat("x", runlog.MaxBytes+1)
	p = decodeProblem(t, doAccept(h, "/api/evidence", "", evidenceBody(map[string]any{"plan": fx.plan, "log": big})), 422, ProblemLimitExceeded)
	assert.Equal(t, "log", p.Field)
	assert.Equal(t, int64(runlog.MaxBytes), p.Limit)
	p = decodeProblem(t, doAccept(h, "/api/evidence", "", evidenceBody(map[string]any{"plan": fx.plan, "log": fx.fast, "topology": "# " + strings.Repeat("x", 64<<10)})), 422, ProblemLimitExceeded)
	assert.Equal(t, "topology", p.Field, "the topology is bounded as on every other route")

	rec := do(h, http.MethodPost, "/api/evidence", "text/plain", "{}")
	decodeProblem(t, rec, http.StatusUnsupportedMediaType, ProblemUnsupportedMedia)
}

func TestWantsHTML(t *testing.T) {
	for accept, want := range map[string]bool{
		"":                                  false,
		"text/html":                         true,
		"application/json":                  false,
		"*/*":                               false,
		"text/html;q=0":                     false,
		"text/html, application/json":       true,
		"application/json;q=0.9, text/html": true,
		"text/html;q=0.5, application/json": false,
		"text/html;q=bogus":                 true,
		"nonsense;;;":                       false,
	} {
		assert.Equal(t, want, wantsHTML(accept), accept)
	}
}

func TestReviewRoute(t *testing.T) {
	h, _ := newTestServer(t, nil)
	body := func(members map[string]any) string { b, _ := json.Marshal(members); return string(b) }
	rec := doAccept(h, "/api/review", "", body(map[string]any{"topology": sample(t), "name": "litwareinc.yaml", "depth": 1, "generatedAt": "2026-12-06T09:00:00Z"}))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, report.StateFailed, rec.Header().Get(VerdictHeader))
	var r report.ReviewReport
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &r))
	assert.True(t, r.PolicyJudged)
	require.Len(t, r.Breaches, 2, "litwareinc.yaml's Atlanta target is broken by its pool or its site")
	assert.Equal(t, "00:30:00", r.Breaches[0].Target)
	assert.Equal(t, "2026-12-06 09:00:00 UTC", r.Generated)

	rec = doAccept(h, "/api/review", "text/html", body(map[string]any{"topology": sample(t), "depth": 1}))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Contains(t, rec.Body.String(), `<dd id="figure-policy">2 breaches</dd>`)
	assert.Contains(t, rec.Body.String(), "Generated 2026-11-24 12:00:00 UTC", "the Worker's time, read once")

	tests := []struct {
		name, body, typ, field string
		status                 int
	}{
		{"no topology", `{}`, ProblemInvalidField, "topology", 400},
		{"bad depth", body(map[string]any{"topology": sample(t), "depth": 3}), ProblemInvalidField, "depth", 400},
		{"bad time", body(map[string]any{"topology": sample(t), "generatedAt": "soon"}), ProblemInvalidField, "generatedAt", 400},
		{"unknown member", `{"topology": {}, "asOf": "2026-12-06"}`, ProblemUnknownField, "asOf", 400},
		{"invalid topology", body(map[string]any{"topology": "sites: [\n"}), ProblemInvalidTopology, "topology", 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := decodeProblem(t, doAccept(h, "/api/review", "", tt.body), tt.status, tt.typ)
			assert.Equal(t, tt.field, p.Field)
		})
	}
}
