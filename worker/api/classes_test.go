package api

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// classServer is an API with a class store, a clock the test moves and fresh IDs.
type classServer struct {
	h     http.Handler
	store *MemClasses
	now   *atomic.Int64 // seconds after testNow
}

func newClassServer(t *testing.T, lim ClassLimits) *classServer {
	t.Helper()
	cs := &classServer{store: NewMemClasses(), now: &atomic.Int64{}}
	cs.h = New(Config{Store: NewMemStore(), Classes: cs.store, ClassLimits: lim,
		Now:   func() time.Time { return testNow.Add(time.Duration(cs.now.Load()) * time.Second) },
		NewID: func() (string, error) { return uuid.NewString(), nil }})
	return cs
}

// call sends a request with an optional bearer token and client address.
func (cs *classServer) call(method, path, token, body string, client ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if len(client) > 0 {
		req.Header.Set(ClientHeader, client[0])
	}
	rec := httptest.NewRecorder()
	cs.h.ServeHTTP(rec, req)
	return rec
}

func decodeAs[T any](t *testing.T, rec *httptest.ResponseRecorder, status int) T {
	t.Helper()
	require.Equal(t, status, rec.Code, rec.Body.String())
	var v T
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
	return v
}

const expertBody = `{"title":"Tuesday","drills":[{"library":"training-expert-site-loss.yaml"}]}`

// open creates a class and joins trainees by name; it returns the class and their tokens.
func (cs *classServer) open(t *testing.T, names ...string) (classCreated, []string) {
	t.Helper()
	c := decodeAs[classCreated](t, cs.call("POST", "/api/classes", "", expertBody), 201)
	var toks []string
	for _, n := range names {
		j := decodeAs[joined](t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":%q}`, strings.ToLower(c.Code), n)), 201)
		toks = append(toks, j.Token)
	}
	return c, toks
}

func TestClassLifecycle(t *testing.T) {
	cs := newClassServer(t, ClassLimits{})
	c, toks := cs.open(t, "Ann", "Bob")
	assert.Len(t, c.Code, JoinCodeLen)
	assert.Equal(t, "/#class="+c.ID+"&trainer="+c.TrainerToken, c.TrainerURL)
	base := "/api/classes/" + c.ID
	for _, tok := range append(toks, c.TrainerToken) {
		assert.NotContains(t, fmt.Sprint(cs.store.classes[c.ID]), tok, "only hashes of tokens are stored")
	}

	decodeProblem(t, cs.call("POST", base+"/commands", toks[0], `{"line":"Get-CsPool"}`), 409, ProblemClassState)
	decodeAs[accepted](t, cs.call("POST", base+"/events", c.TrainerToken, `{"kind":"start","drill":0}`), 201)
	for i, l := range []string{
		"Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force",
		"Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com",
		"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode",
	} {
		cs.now.Add(30)
		a := decodeAs[accepted](t, cs.call("POST", base+"/commands", toks[0], fmt.Sprintf(`{"line":%q}`, l)), 201)
		assert.Equal(t, "running", a.State.Status, "line %d", i)
	}
	decodeAs[accepted](t, cs.call("POST", base+"/commands", toks[1], `{"line":"hint"}`), 201)
	e := decodeAs[accepted](t, cs.call("POST", base+"/events", c.TrainerToken, `{"kind":"inject","verb":"Disconnect-SimSite -Site Atlanta -To Dallas"}`), 201)
	assert.Equal(t, "running", e.State.Status)

	b := decodeAs[boardBody](t, cs.call("GET", base+"/board", c.TrainerToken, ""), 200)
	require.Len(t, b.Trainees, 2)
	assert.Equal(t, "Ann", b.Trainees[0].Name)
	assert.True(t, b.Trainees[0].Finished)
	assert.Equal(t, 100, b.Trainees[0].Points)
	assert.Equal(t, 1, b.Trainees[1].Hints)
	assert.Equal(t, int64(90_000), b.Trainees[0].TimeMs)

	me := decodeAs[traineeViewBody](t, cs.call("GET", base+"/me", toks[1], ""), 200)
	assert.Equal(t, "Bob", me.Name)
	require.Len(t, me.Commands, 1, "a trainee sees only their own commands")
	assert.Equal(t, "hint", me.Commands[0].Line)
	require.Len(t, me.Events, 2, "and the class's events, the injected fault among them")
	assert.Equal(t, "inject", me.Events[1].Kind)

	decodeAs[accepted](t, cs.call("POST", base+"/events", c.TrainerToken, `{"kind":"end"}`), 201)
	p := decodeProblem(t, cs.call("POST", base+"/commands", toks[1], `{"line":"Get-CsPool"}`), 409, ProblemClassState)
	assert.Contains(t, p.Detail, "the class has ended")
	p = decodeProblem(t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"Late"}`, c.Code)), 409, ProblemClassState)
	assert.Contains(t, p.Detail, "ended")

	html := cs.call("GET", base+"/results.html", c.TrainerToken, "")
	require.Equal(t, 200, html.Code)
	assert.Contains(t, html.Body.String(), "Class results: Tuesday")
	assert.Equal(t, ResultsContentSecurityPolicy, html.Header().Get("Content-Security-Policy"))
	csvRec := cs.call("GET", base+"/results.csv", c.TrainerToken, "")
	require.Equal(t, 200, csvRec.Code)
	rows, err := csv.NewReader(csvRec.Body).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, "Ann", rows[1][1])

	// Nobody reads results or the board without the trainer's token.
	for _, path := range []string{"/board", "/results.html", "/results.csv"} {
		decodeProblem(t, cs.call("GET", base+path, "", ""), 401, ProblemUnauthorized)
		decodeProblem(t, cs.call("GET", base+path, toks[0], ""), 401, ProblemUnauthorized)
	}
	decodeProblem(t, cs.call("GET", base+"/me", c.TrainerToken, ""), 401, ProblemUnauthorized)
	decodeProblem(t, cs.call("POST", base+"/events", toks[0], `{"kind":"start"}`), 401, ProblemUnauthorized)

	// The class and its results are deleted once kept for the retention.
	cs.now.Add(int64(DefaultClassLimits.Retention / time.Second))
	decodeProblem(t, cs.call("GET", base+"/board", c.TrainerToken, ""), 410, ProblemClassExpired)
	decodeProblem(t, cs.call("GET", base+"/board", c.TrainerToken, ""), 404, ProblemClassNotFound)
}

func TestClassRequestsRefused(t *testing.T) {
	cs := newClassServer(t, ClassLimits{Trainees: 2, CommandsPerTrainee: 1, NameRunes: 5})
	c, toks := cs.open(t, "Ann")
	base := "/api/classes/" + c.ID
	long := strings.Repeat("x", DefaultClassLimits.LineBytes+1)
	tests := []struct {
		name, method, path, token, body string
		status                          int
		typ, field                      string
	}{
		{"no drills", "POST", "/api/classes", "", `{"drills":[]}`, 400, ProblemInvalidField, "drills"},
		{"not a library drill", "POST", "/api/classes", "", `{"drills":[{"library":"../etc/passwd"}]}`, 400, ProblemInvalidField, "drills[0].library"},
		{"not a training scenario", "POST", "/api/classes", "", `{"drills":[{"library":"site-loss.yaml"}]}`, 422, ProblemInvalidScenario, "drills"},
		{"own scenario that does not decode", "POST", "/api/classes", "", `{"drills":[{"name":"x.yaml","source":"bogus: 1"}]}`, 422, ProblemInvalidScenario, "drills"},
		{"library and source", "POST", "/api/classes", "", `{"drills":[{"library":"a.yaml","source":"x"}]}`, 400, ProblemInvalidField, "drills[0]"},
		{"unknown member", "POST", "/api/classes", "", `{"drills":[],"colour":1}`, 400, ProblemUnknownField, "colour"},
		{"duplicate member", "POST", "/api/classes/join", "", `{"code":"A","code":"B","name":"x"}`, 400, ProblemDuplicateField, "code"},
		{"name too long", "POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"Bartholomew"}`, c.Code), 400, ProblemInvalidField, "name"},
		{"name with a control character", "POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"a\u202eb"}`, c.Code), 400, ProblemInvalidField, "name"},
		{"name taken", "POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"ANN"}`, c.Code), 400, ProblemInvalidField, "name"},
		{"wrong join code", "POST", "/api/classes/join", "", `{"code":"ZZZZ-ZZZZ","name":"Cy"}`, 404, ProblemWrongJoinCode, "code"},
		{"malformed join code", "POST", "/api/classes/join", "", `{"code":"0","name":"Cy"}`, 404, ProblemWrongJoinCode, "code"},
		{"bad class ID", "GET", "/api/classes/nope/board", c.TrainerToken, "", 400, ProblemInvalidField, "id"},
		{"no such class", "GET", "/api/classes/" + uuid.NewString() + "/board", c.TrainerToken, "", 404, ProblemClassNotFound, "id"},
		{"line too long", "POST", base + "/commands", toks[0], fmt.Sprintf(`{"line":%q}`, long), 422, ProblemLimitExceeded, "line"},
		{"two lines", "POST", base + "/commands", toks[0], `{"line":"a\nb"}`, 400, ProblemInvalidField, "line"},
		{"unknown event", "POST", base + "/events", c.TrainerToken, `{"kind":"explode"}`, 400, ProblemInvalidField, "kind"},
		{"no such drill", "POST", base + "/events", c.TrainerToken, `{"kind":"start","drill":4}`, 400, ProblemInvalidField, "drill"},
		{"a verb on a start", "POST", base + "/events", c.TrainerToken, `{"kind":"start","verb":"x"}`, 400, ProblemInvalidField, "verb"},
		{"inject before the start", "POST", base + "/events", c.TrainerToken, `{"kind":"inject","verb":"Stop-SimSite -Site Dallas"}`, 409, ProblemClassState, "kind"},
		{"body too large", "POST", base + "/commands", toks[0], `{"line":"` + strings.Repeat("x", 9000) + `"}`, 413, ProblemBodyTooLarge, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := decodeProblem(t, cs.call(tc.method, tc.path, tc.token, tc.body), tc.status, tc.typ)
			assert.Equal(t, tc.field, p.Field)
		})
	}
	decodeAs[accepted](t, cs.call("POST", base+"/events", c.TrainerToken, `{"kind":"start"}`), 201)
	decodeProblem(t, cs.call("POST", base+"/events", c.TrainerToken, `{"kind":"inject","verb":"Wait-SimTime -Minutes 3"}`), 400, ProblemInvalidField)
	decodeAs[accepted](t, cs.call("POST", base+"/commands", toks[0], `{"line":"Get-CsPool"}`), 201)
	decodeProblem(t, cs.call("POST", base+"/commands", toks[0], `{"line":"Get-CsPool"}`), 422, ProblemLimitExceeded)
	cs.open(t)
	decodeAs[joined](t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"Bo"}`, c.Code)), 201)
	decodeProblem(t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"Cy"}`, c.Code)), 422, ProblemLimitExceeded)
}

func TestWrongJoinCodesPerClient(t *testing.T) {
	cs := newClassServer(t, ClassLimits{WrongCodesPerClientPerHour: 3})
	c, _ := cs.open(t)
	for i := 0; i < 3; i++ {
		decodeProblem(t, cs.call("POST", "/api/classes/join", "", `{"code":"ZZZZZZZZ","name":"x"}`, "203.0.113.9"), 404, ProblemWrongJoinCode)
	}
	rec := cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"x"}`, c.Code), "203.0.113.9")
	decodeProblem(t, rec, 429, ProblemTooManyJoinCodes)
	assert.Equal(t, "3600", rec.Header().Get("Retry-After"))
	// Another client is not held back, and the first may try again an hour later.
	decodeAs[joined](t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"y"}`, c.Code), "198.51.100.7"), 201)
	cs.now.Add(3601)
	decodeAs[joined](t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"x"}`, c.Code), "203.0.113.9"), 201)
}

func TestClassesNeedAStore(t *testing.T) {
	h := New(Config{Store: NewMemStore()})
	rec := do(h, "POST", "/api/classes", "application/json", expertBody)
	p := decodeProblem(t, rec, 503, ProblemClassesUnavailable)
	assert.Contains(t, p.Detail, "make worker-dev")
}

func TestClassesCreatedPerClient(t *testing.T) {
	cs := newClassServer(t, ClassLimits{PerClientPerHour: 2})
	for i := 0; i < 2; i++ {
		decodeAs[classCreated](t, cs.call("POST", "/api/classes", "", expertBody, "203.0.113.9"), 201)
	}
	decodeProblem(t, cs.call("POST", "/api/classes", "", expertBody, "203.0.113.9"), 429, ProblemTooManyClasses)
}

func TestDeleteExpiredClasses(t *testing.T) {
	cs := newClassServer(t, ClassLimits{Retention: time.Hour})
	cs.open(t, "Ann")
	n, err := cs.store.DeleteExpiredClasses(t.Context(), testNow.Add(59*time.Minute))
	require.NoError(t, err)
	assert.Zero(t, n)
	n, err = cs.store.DeleteExpiredClasses(t.Context(), testNow.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, int64(1), n)
}

// TestBoardCacheMatchesReplay checks that the board built from stored progress is the board a
// full replay gives, whatever happened in between: commands, a late joiner, a fault, a pause.
func TestBoardCacheMatchesReplay(t *testing.T) {
	cs := newClassServer(t, ClassLimits{})
	c, toks := cs.open(t, "Ann", "Bob")
	base := "/api/classes/" + c.ID
	steps := []struct{ path, token, body string }{
		{"/events", c.TrainerToken, `{"kind":"start"}`},
		{"/commands", toks[0], `{"line":"hint"}`},
		{"/commands", toks[1], `{"line":"Invoke-CsManagementServerFailover -WhatIf"}`},
		{"/events", c.TrainerToken, `{"kind":"inject","verb":"Stop-SimSite -Site Dallas"}`},
		{"/commands", toks[0], `{"line":"Get-CsPool"}`},
		{"/events", c.TrainerToken, `{"kind":"pause"}`},
	}
	for i, st := range steps {
		cs.now.Add(10)
		require.Equal(t, 201, cs.call("POST", base+st.path, st.token, st.body).Code, "step %d", i)
		if i == 2 {
			decodeAs[joined](t, cs.call("POST", "/api/classes/join", "", fmt.Sprintf(`{"code":%q,"name":"Late"}`, c.Code)), 201)
		}
		got := decodeAs[boardBody](t, cs.call("GET", base+"/board", c.TrainerToken, ""), 200)
		rec, err := cs.store.Class(t.Context(), c.ID, testNow)
		require.NoError(t, err)
		log, err := cs.store.Log(t.Context(), c.ID, "")
		require.NoError(t, err)
		ac, err := appClass(rec, log)
		require.NoError(t, err)
		drills, err := ac.LoadDrills(nil)
		require.NoError(t, err)
		want, err := ac.Board(drills)
		require.NoError(t, err)
		assert.Equal(t, want.Trainees, got.Trainees, "after step %d", i)
	}
}
