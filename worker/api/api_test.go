package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// fixedID is the share ID the tests' ID source hands out first.
const fixedID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

// fakeEngine answers run and plan with canned output, so that the handler's own checks can be
// tested whatever the engine packages do.
type fakeEngine struct {
	realEngine
	runReport []byte
	runFS     topology.Findings
	planOut   []byte
	planFS    topology.Findings
	err       error
	panics    bool
	gotPlan   PlanRequest
	gotName   string
}

func (f *fakeEngine) Run(name string, src, topo []byte) ([]byte, bool, topology.Findings, error) {
	if f.panics {
		panic("boom")
	}
	f.gotName = name
	return f.runReport, true, f.runFS, f.err
}

func (f *fakeEngine) Plan(name string, src []byte, req PlanRequest) ([]byte, topology.Findings, error) {
	f.gotPlan, f.gotName = req, name
	return f.planOut, f.planFS, f.err
}

func newTestServer(t testing.TB, mod func(*Config)) (http.Handler, *MemStore) {
	t.Helper()
	store := NewMemStore()
	ids := []string{fixedID, "0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b"}
	cfg := Config{
		Store: store,
		Now:   func() time.Time { return testNow },
		NewID: func() (string, error) {
			if len(ids) == 0 {
				return "", errors.New("out of IDs")
			}
			id := ids[0]
			ids = ids[1:]
			return id, nil
		},
		MaxBodyBytes: 64 << 10,
		ClientKey:    []byte("test key"),
	}
	if mod != nil {
		mod(&cfg)
	}
	return New(cfg), store
}

func do(h http.Handler, method, path, ctype, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func sample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	return string(b)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// assertSecurityHeaders checks the headers every API answer must carry.
func assertSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	assert.Equal(t, APIContentSecurityPolicy, h.Get("Content-Security-Policy"))
	assert.Contains(t, h.Get("Content-Security-Policy"), "frame-ancestors 'none'")
	assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
	assert.Equal(t, "DENY", h.Get("X-Frame-Options"))
	assert.Equal(t, "no-referrer", h.Get("Referrer-Policy"))
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"), "no CORS unless configured")
}

// decodeProblem checks that rec is a problem document of the given type and status.
func decodeProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, typ string) Problem {
	t.Helper()
	require.Equal(t, status, rec.Code, rec.Body.String())
	assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
	var p Problem
	dec := json.NewDecoder(rec.Body)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&p))
	assert.Equal(t, ProblemTypePrefix+typ, p.Type)
	assert.Equal(t, status, p.Status)
	assert.NotEmpty(t, p.Title)
	assert.NotEmpty(t, p.Detail)
	return p
}

func TestHealth(t *testing.T) {
	h, _ := newTestServer(t, nil)
	rec := do(h, http.MethodGet, "/api/health", "", "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.JSONEq(t, `{"service":"failwright-worker"}`, rec.Body.String())
	assertSecurityHeaders(t, rec.Header())
}

func TestRouting(t *testing.T) {
	h, _ := newTestServer(t, nil)
	tests := []struct {
		name, method, path string
		status             int
		typ, allow         string
	}{
		{"unknown api path", http.MethodGet, "/api/nope", 404, ProblemNotFound, ""},
		{"path outside api", http.MethodGet, "/index.php", 404, ProblemNotFound, ""},
		{"trailing slash", http.MethodGet, "/api/health/", 404, ProblemNotFound, ""},
		{"share list is not a GET route", http.MethodGet, "/api/shares/", 404, ProblemNotFound, ""},
		{"nested share path", http.MethodGet, "/api/shares/" + fixedID + "/x", 404, ProblemNotFound, ""},
		{"GET validate", http.MethodGet, "/api/validate", 405, ProblemMethodNotAllowed, "POST"},
		{"PUT plan", http.MethodPut, "/api/plan", 405, ProblemMethodNotAllowed, "POST"},
		{"POST health", http.MethodPost, "/api/health", 405, ProblemMethodNotAllowed, "GET, HEAD"},
		{"GET share list", http.MethodGet, "/api/shares", 405, ProblemMethodNotAllowed, "POST"},
		{"DELETE a share", http.MethodDelete, "/api/shares/" + fixedID, 405, ProblemMethodNotAllowed, "GET, HEAD"},
		{"PUT a share", http.MethodPut, "/api/shares/" + fixedID, 405, ProblemMethodNotAllowed, "GET, HEAD"},
		{"OPTIONS without CORS", http.MethodOptions, "/api/shares", 405, ProblemMethodNotAllowed, "POST"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, tc.method, tc.path, "", "")
			decodeProblem(t, rec, tc.status, tc.typ)
			assert.Equal(t, tc.allow, rec.Header().Get("Allow"))
			assertSecurityHeaders(t, rec.Header())
		})
	}
}

func TestHead(t *testing.T) {
	h, _ := newTestServer(t, nil)
	rec := do(h, http.MethodHead, "/api/health", "", "")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, rec.Body.String(), "HEAD answers no body")
	assertSecurityHeaders(t, rec.Header())
	rec = do(h, http.MethodHead, "/api/shares/"+fixedID, "", "")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Empty(t, rec.Body.String())
	rec = do(h, http.MethodHead, "/api/plan", "", "")
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

func TestValidate(t *testing.T) {
	h, _ := newTestServer(t, nil)
	top, fs := topofile.Decode("litwareinc.yaml", []byte(sample(t)))
	require.False(t, fs.HasErrors(), fs)
	asJSON, err := topology.EncodeJSON(top)
	require.NoError(t, err)

	seed, err := os.ReadFile("../../scenarios/seed-example1-planned-failover.yaml")
	require.NoError(t, err)

	good := []struct {
		name, ctype, path, body string
		valid, strict           bool
		kind, code, file        string
	}{
		{"YAML body", "application/yaml", "", sample(t), true, false, "topology", "", "topology.yaml"},
		{"YAML body, text/yaml with charset", "text/yaml; charset=utf-8", "", sample(t), true, false, "topology", "", "topology.yaml"},
		{"YAML body, strict, named", "application/yaml", "?strict=true&name=lit.yaml", sample(t), false, true, "topology", "", "lit.yaml"},
		{"JSON envelope with YAML text", "application/json", "", `{"topology":` + jsonString(sample(t)) + `,"name":"litwareinc.yaml"}`, true, false, "topology", "", "litwareinc.yaml"},
		{"JSON envelope with an object", "application/json", "", `{"topology":` + string(asJSON) + `}`, true, false, "topology", "", "topology.yaml"},
		{"JSON envelope, strict", "application/json", "", `{"topology":` + string(asJSON) + `,"strict":true}`, false, true, "topology", "", "topology.yaml"},
		{"unknown topology key", "application/yaml", "", sample(t) + "\nbogus: 1\n", false, false, "topology", topology.CodeUnknownKey, "topology.yaml"},
		{"YAML syntax error", "application/yaml", "", "name: [\n", false, false, "topology", topology.CodeSyntax, "topology.yaml"},
		{"a scenario file, detected by its steps", "application/yaml", "?name=drill.yaml", string(seed), true, false, "scenario", "", "drill.yaml"},
		{"a scenario in the envelope", "application/json", "", `{"scenario":` + jsonString(string(seed)) + `,"topology":` + jsonString(sample(t)) + `}`, true, false, "scenario", "", "scenario.yaml"},
	}
	for _, tc := range good {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, "/api/validate"+tc.path, tc.ctype, tc.body)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assertSecurityHeaders(t, rec.Header())
			var v ValidationReport
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
			assert.Equal(t, tc.valid, v.Valid, "%v", v.Findings)
			assert.Equal(t, tc.kind, v.Kind)
			assert.Equal(t, tc.strict, v.Strict)
			assert.Equal(t, tc.file, v.File)
			assert.Equal(t, v.Errors, v.Findings.Count(topology.Error))
			assert.Equal(t, v.Warnings, v.Findings.Count(topology.Warning))
			assert.Equal(t, v.Infos, v.Findings.Count(topology.Info))
			assert.NotNil(t, v.Findings, "findings is always a list")
			switch {
			case tc.valid && tc.kind == "topology":
				assert.Equal(t, topology.Fingerprint(top), v.Fingerprint)
				require.NotNil(t, v.Summary)
				assert.Equal(t, len(top.Pools), v.Summary.Pools)
			case !tc.valid && tc.code != "":
				assert.Empty(t, v.Fingerprint)
				require.NotEmpty(t, v.Findings)
				assert.Equal(t, tc.code, v.Findings[0].Code)
				assert.Equal(t, tc.file, v.Findings[0].Pos.File)
			}
		})
	}

	bad := []struct {
		name, ctype, body string
		status            int
		typ, field        string
	}{
		{"no content type", "", sample(t), 415, ProblemUnsupportedMedia, ""},
		{"text/plain", "text/plain", sample(t), 415, ProblemUnsupportedMedia, ""},
		{"form post", "application/x-www-form-urlencoded", "a=b", 415, ProblemUnsupportedMedia, ""},
		{"latin-1 charset", "application/yaml; charset=iso-8859-1", sample(t), 415, ProblemUnsupportedMedia, ""},
		{"unparsable content type", "application/json; ===", "{}", 415, ProblemUnsupportedMedia, ""},
		{"empty body", "application/json", "", 400, ProblemInvalidField, ""},
		{"malformed JSON", "application/json", `{"topology": `, 400, ProblemMalformedJSON, ""},
		{"JSON syntax error", "application/json", `{"topology" "x"}`, 400, ProblemMalformedJSON, ""},
		{"trailing data", "application/json", `{"topology": "name: x"} {}`, 400, ProblemMalformedJSON, ""},
		{"unknown field", "application/json", `{"topology": "name: x", "extra": 1}`, 400, ProblemUnknownField, "extra"},
		{"unknown query parameter", "application/yaml?verbose=1", sample(t), 400, ProblemUnknownField, "verbose"},
		{"strict not a boolean", "application/yaml?strict=yes", sample(t), 400, ProblemInvalidField, "strict"},
		{"missing topology", "application/json", `{"name": "a.yaml"}`, 400, ProblemInvalidField, "topology"},
		{"strict a string", "application/json", `{"topology": "x", "strict": "yes"}`, 400, ProblemInvalidField, "strict"},
		{"null topology", "application/json", `{"topology": null}`, 400, ProblemInvalidField, "topology"},
		{"topology is a number", "application/json", `{"topology": 42}`, 400, ProblemInvalidField, "topology"},
		{"topology is a list", "application/json", `{"topology": [1]}`, 400, ProblemInvalidField, "topology"},
		{"blank topology text", "application/json", `{"topology": "  "}`, 400, ProblemInvalidField, "topology"},
		{"name of the wrong type", "application/json", `{"topology": "x", "name": 3}`, 400, ProblemInvalidField, "name"},
		{"name with a newline", "application/json", `{"topology": "x", "name": "a\nb"}`, 400, ProblemInvalidField, "name"},
		{"body is a list", "application/json", `[1,2]`, 400, ProblemInvalidField, ""},
		{"not UTF-8", "application/yaml", "name: \xff\xfe", 400, ProblemMalformedJSON, ""},
		{"oversized body", "application/yaml", "# " + strings.Repeat("x", 64<<10), 413, ProblemBodyTooLarge, ""},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			ctype, query, _ := strings.Cut(tc.ctype, "?") // "application/yaml?x=1": a query on the URL
			if query != "" {
				query = "?" + query
			}
			rec := do(h, http.MethodPost, "/api/validate"+query, ctype, tc.body)
			p := decodeProblem(t, rec, tc.status, tc.typ)
			assert.Equal(t, tc.field, p.Field)
			assertSecurityHeaders(t, rec.Header())
			if tc.status == 413 {
				assert.EqualValues(t, 64<<10, p.Limit)
			}
		})
	}
}

func TestBodyLimitFromContentLength(t *testing.T) {
	h, _ := newTestServer(t, nil)
	req := httptest.NewRequest(http.MethodPost, "/api/shares", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = 10 << 20 // a client announcing more than the limit is refused unread
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	decodeProblem(t, rec, http.StatusRequestEntityTooLarge, ProblemBodyTooLarge)
}

func TestValidShareID(t *testing.T) {
	id, err := newUUID()
	require.NoError(t, err)
	assert.True(t, ValidShareID(id), id)
	assert.True(t, ValidShareID(fixedID))
	for _, bad := range []string{"", "x", strings.ToUpper(fixedID), "urn:uuid:" + fixedID, fixedID + " ", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"} {
		assert.False(t, ValidShareID(bad), bad)
	}
}

// testDay is the test server's date (testNow's): the day it judges support lifecycles on
// when a request names none.
var testDay = topology.DateOf(testNow)

func TestPlanRequests(t *testing.T) {
	eng := &fakeEngine{planOut: []byte("# plan\n")}
	h, _ := newTestServer(t, func(c *Config) { c.Engine = eng })
	top := jsonString(sample(t))

	rec := do(h, http.MethodPost, "/api/plan", "application/json", `{"topology":`+top+`,"pool":"atl-cs-001.litwareinc.com"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, PlanRequest{Request: plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: "planned"}, Format: "md", AsOf: testDay}, eng.gotPlan, "defaults as the CLI's, the day the Worker's")
	assert.Equal(t, "text/markdown; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Equal(t, "# plan\n", rec.Body.String())
	assertSecurityHeaders(t, rec.Header())

	for format, ctype := range PlanFormats {
		rec := do(h, http.MethodPost, "/api/plan", "application/json",
			`{"topology":`+top+`,"name":"l.yaml","pool":"p","mode":"disaster","failback":true,"format":"`+format+`","setup":["Stop-SimPool -PoolFqdn p"],"asOf":"2027-01-31"}`)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, ctype, rec.Header().Get("Content-Type"))
		assert.Equal(t, PlanRequest{Request: plan.Request{Pool: "p", Mode: "disaster", Failback: true, Setup: []string{"Stop-SimPool -PoolFqdn p"}}, Format: app.Format(format), Positions: true,
			AsOf: topology.Date{Year: 2027, Month: 1, Day: 31}}, eng.gotPlan, "the request's day")
		assert.Equal(t, "l.yaml", eng.gotName)
	}

	bad := []struct {
		name, ctype, body string
		status            int
		typ, field        string
	}{
		{"YAML body", "application/yaml", "pool: x", 415, ProblemUnsupportedMedia, ""},
		{"malformed", "application/json", `{"pool":`, 400, ProblemMalformedJSON, ""},
		{"unknown field", "application/json", `{"topology":` + top + `,"pool":"p","dry":true}`, 400, ProblemUnknownField, "dry"},
		{"no topology", "application/json", `{"pool":"p"}`, 400, ProblemInvalidField, "topology"},
		{"no pool", "application/json", `{"topology":` + top + `}`, 400, ProblemInvalidField, "pool"},
		{"blank pool", "application/json", `{"topology":` + top + `,"pool":" "}`, 400, ProblemInvalidField, "pool"},
		{"pool a number", "application/json", `{"topology":` + top + `,"pool":1}`, 400, ProblemInvalidField, "pool"},
		{"bad mode", "application/json", `{"topology":` + top + `,"pool":"p","mode":"panic"}`, 400, ProblemInvalidField, "mode"},
		{"bad format", "application/json", `{"topology":` + top + `,"pool":"p","format":"pdf"}`, 400, ProblemInvalidField, "format"},
		{"setup not a list", "application/json", `{"topology":` + top + `,"pool":"p","setup":"Stop-SimSite -Site A"}`, 400, ProblemInvalidField, "setup"},
		{"empty setup line", "application/json", `{"topology":` + top + `,"pool":"p","setup":["Stop-SimSite -Site A",""]}`, 400, ProblemInvalidField, "setup[1]"},
		{"two lines in one", "application/json", `{"topology":` + top + `,"pool":"p","setup":["a\nb"]}`, 400, ProblemInvalidField, "setup[0]"},
		{"failback a string", "application/json", `{"topology":` + top + `,"pool":"p","failback":"yes"}`, 400, ProblemInvalidField, "failback"},
		{"oversized", "application/json", `{"topology":"` + strings.Repeat("x", 64<<10) + `"}`, 413, ProblemBodyTooLarge, ""},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, "/api/plan", tc.ctype, tc.body)
			p := decodeProblem(t, rec, tc.status, tc.typ)
			assert.Equal(t, tc.field, p.Field)
		})
	}

	eng.planFS = topology.Findings{{Code: "FW0999", Severity: topology.Error, Path: "pools[p]", Message: "no backup pool"}}
	rec = do(h, http.MethodPost, "/api/plan", "application/json", `{"topology":`+top+`,"pool":"p"}`)
	p := decodeProblem(t, rec, http.StatusUnprocessableEntity, ProblemPlanInvalid)
	assert.Equal(t, eng.planFS, p.Findings)
}

func TestRunRequests(t *testing.T) {
	eng := &fakeEngine{runReport: []byte(`{"passed":true}` + "\n")}
	h, _ := newTestServer(t, func(c *Config) { c.Engine = eng })

	rec := do(h, http.MethodPost, "/api/run", "application/yaml", "name: s\n")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, `{"passed":true}`+"\n", rec.Body.String())
	assert.Equal(t, "scenario.yaml", eng.gotName)

	rec = do(h, http.MethodPost, "/api/run", "application/json", `{"scenario":"name: s","name":"drill.yaml"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "drill.yaml", eng.gotName)

	rec = do(h, http.MethodPost, "/api/run", "application/json", `{"topology":"name: s"}`)
	p := decodeProblem(t, rec, http.StatusBadRequest, ProblemInvalidField)
	assert.Equal(t, "scenario", p.Field)

	eng.runFS = topology.Findings{{Code: "FW0002", Severity: topology.Error, Path: "stepz", Message: "unknown key"}}
	rec = do(h, http.MethodPost, "/api/run", "application/yaml", "stepz: 1\n")
	p = decodeProblem(t, rec, http.StatusUnprocessableEntity, ProblemInvalidScenario)
	assert.Equal(t, eng.runFS, p.Findings)
	assert.Equal(t, "scenario.stepz", p.Field)

	eng.runFS, eng.err = nil, errors.New("hidden")
	rec = do(h, http.MethodPost, "/api/run", "application/yaml", "name: s\n")
	decodeProblem(t, rec, http.StatusInternalServerError, ProblemInternal)
	assert.NotContains(t, rec.Body.String(), "hidden")

	eng.err, eng.panics = nil, true
	rec = do(h, http.MethodPost, "/api/run", "application/yaml", "name: s\n")
	decodeProblem(t, rec, http.StatusInternalServerError, ProblemInternal)
	assertSecurityHeaders(t, rec.Header())
}

func TestCORS(t *testing.T) {
	h, _ := newTestServer(t, func(c *Config) { c.AllowedOrigins = []string{"https://app.example.com"} })

	req := httptest.NewRequest(http.MethodGet, "/api/health", nil)
	req.Header.Set("Origin", "https://app.example.com")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, "https://app.example.com", rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Contains(t, rec.Header().Values("Vary"), "Origin")

	req = httptest.NewRequest(http.MethodOptions, "/api/shares", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNoContent, rec.Code)
	assert.Equal(t, "POST", rec.Header().Get("Access-Control-Allow-Methods"))
	assert.Equal(t, "Content-Type, Authorization", rec.Header().Get("Access-Control-Allow-Headers"))

	req = httptest.NewRequest(http.MethodGet, "/api/health", nil)
	req.Header.Set("Origin", "https://evil.example.net")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))

	req = httptest.NewRequest(http.MethodOptions, "/api/shares", nil)
	req.Header.Set("Origin", "https://evil.example.net")
	req.Header.Set("Access-Control-Request-Method", "POST")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	decodeProblem(t, rec, http.StatusMethodNotAllowed, ProblemMethodNotAllowed)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
}

func TestProblemTypesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, pt := range ProblemTypes {
		assert.False(t, seen[pt.Name], "duplicate %s", pt.Name)
		seen[pt.Name] = true
		p := newProblem(pt.Name, "", "x")
		assert.Equal(t, pt.Status, p.Status)
		assert.Equal(t, pt.Title, p.Title)
	}
}
