//go:build !js

package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/worker/api"
)

// call sends a class request with an optional bearer token and CF-Connecting-IP.
func (s *server) call(t *testing.T, method, path, token, ip string, body any) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ip != "" {
		req.Header.Set(api.ClientHeader, ip)
	}
	resp, err := (&http.Client{Timeout: 120 * time.Second}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, b}
}

// jsonOf decodes r's body after checking its status.
func jsonOf(t *testing.T, r response, status int, v any) {
	t.Helper()
	require.Equal(t, status, r.status, "%s", r.body)
	require.NoError(t, json.Unmarshal(r.body, v), "%s", r.body)
}

// classCreated and classJoined are the answers the tests read.
type classCreated struct {
	ID, Code, TrainerToken string
}

type classJoined struct{ Token string }

type classBoard struct {
	State    struct{ Status string }
	Trainees []struct {
		Name                  string
		Step, StepsDone       int
		Points, Hints, Failed int
		Finished              bool
		Last                  []string
	}
}

// openClass creates a class of the expert site-loss drill and joins the trainees.
func openClass(t *testing.T, s *server, names ...string) (classCreated, []string) {
	t.Helper()
	var c classCreated
	jsonOf(t, s.call(t, "POST", "/api/classes", "", "", map[string]any{"title": "Integration",
		"drills": []map[string]string{{"library": "training-expert-site-loss.yaml"}}}), 201, &c)
	var toks []string
	for _, n := range names {
		var j classJoined
		jsonOf(t, s.call(t, "POST", "/api/classes/join", "", "", map[string]string{"code": c.Code, "name": n}), 201, &j)
		toks = append(toks, j.Token)
	}
	return c, toks
}

var expertModel = []string{
	"Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force",
	"Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com",
	"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode",
}

// testClassroom runs a class through the Worker on D1: open, join, start, commands, a fault,
// the board, the end, the results, and the refusals.
func testClassroom(t *testing.T, s *server, d deployment) {
	c, toks := openClass(t, s, "Ann", "Bob", "Cyd")
	base := "/api/classes/" + c.ID
	problemOf(t, s.call(t, "POST", base+"/commands", toks[0], "", map[string]string{"line": "Get-CsPool"}), 409, api.ProblemClassState)
	jsonOf(t, s.call(t, "POST", base+"/events", c.TrainerToken, "", map[string]any{"kind": "start", "drill": 0}), 201, &struct{}{})
	for _, l := range expertModel {
		jsonOf(t, s.call(t, "POST", base+"/commands", toks[0], "", map[string]string{"line": l}), 201, &struct{}{})
	}
	jsonOf(t, s.call(t, "POST", base+"/commands", toks[1], "", map[string]string{"line": "hint"}), 201, &struct{}{})
	var b classBoard
	jsonOf(t, s.call(t, "GET", base+"/board", c.TrainerToken, "", nil), 200, &b)
	require.Len(t, b.Trainees, 3)
	assert.True(t, b.Trainees[0].Finished)
	assert.Equal(t, 100, b.Trainees[0].Points)
	assert.Equal(t, 1, b.Trainees[1].Hints)

	jsonOf(t, s.call(t, "POST", base+"/events", c.TrainerToken, "", map[string]any{"kind": "inject", "verb": "Stop-SimSite -Site Dallas"}), 201, &struct{}{})
	jsonOf(t, s.call(t, "POST", base+"/commands", toks[2], "", map[string]string{"line": expertModel[0]}), 201, &struct{}{})
	var b2 classBoard
	jsonOf(t, s.call(t, "GET", base+"/board", c.TrainerToken, "", nil), 200, &b2)
	assert.Equal(t, 1, b2.Trainees[2].Failed, "with Dallas down too, Cyd's CMS failover to Dallas fails")

	var me struct {
		Commands []struct{ Line string }
		Events   []struct{ Kind string }
	}
	jsonOf(t, s.call(t, "GET", base+"/me", toks[1], "", nil), 200, &me)
	assert.Len(t, me.Commands, 1, "a trainee reads only their own commands")
	assert.Len(t, me.Events, 2)

	jsonOf(t, s.call(t, "POST", base+"/events", c.TrainerToken, "", map[string]any{"kind": "end"}), 201, &struct{}{})
	p := problemOf(t, s.call(t, "POST", base+"/commands", toks[1], "", map[string]string{"line": "Get-CsPool"}), 409, api.ProblemClassState)
	assert.Contains(t, p.Detail, "ended")

	r := s.call(t, "GET", base+"/results.csv", c.TrainerToken, "", nil)
	require.Equal(t, 200, r.status, "%s", r.body)
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, "Ann", rows[1][1])
	r = s.call(t, "GET", base+"/results.html", c.TrainerToken, "", nil)
	require.Equal(t, 200, r.status)
	assert.Contains(t, string(r.body), "@media print")
	problemOf(t, s.call(t, "GET", base+"/results.html", toks[0], "", nil), 401, api.ProblemUnauthorized)

	// Wrong join codes count per client.
	for i := 0; i < api.DefaultClassLimits.WrongCodesPerClientPerHour; i++ {
		problemOf(t, s.call(t, "POST", "/api/classes/join", "", "192.0.2.77", map[string]string{"code": "ZZZZZZZZ", "name": "x"}), 404, api.ProblemWrongJoinCode)
	}
	problemOf(t, s.call(t, "POST", "/api/classes/join", "", "192.0.2.77", map[string]string{"code": "ZZZZZZZZ", "name": "x"}), 429, api.ProblemTooManyJoinCodes)

	// Expiry: on access and by the scheduled handler, with everything in the class.
	out, err := d1Execute(t, d, "UPDATE classes SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '"+c.ID+"'")
	require.NoError(t, err, out)
	problemOf(t, s.call(t, "GET", base+"/board", c.TrainerToken, "", nil), 410, api.ProblemClassExpired)
	problemOf(t, s.call(t, "GET", base+"/board", c.TrainerToken, "", nil), 404, api.ProblemClassNotFound)
	out, err = d1Execute(t, d, "SELECT (SELECT COUNT(*) FROM class_commands WHERE class_id = '"+c.ID+"') + (SELECT COUNT(*) FROM class_trainees WHERE class_id = '"+c.ID+
		"') + (SELECT COUNT(*) FROM class_events WHERE class_id = '"+c.ID+"') AS n")
	require.NoError(t, err, out)
	assert.Contains(t, out, `"n": 0`, "the class's rows went with it")
}

// TestMeasureBoard measures a board refresh under wrangler dev for docs/performance.md: a
// class of 40 trainees who have each typed the expert drill's model answer, and the median
// of 50 GETs of the board. It is a measurement, not a check: set FAILWRIGHT_MEASURE=1.
func TestMeasureBoard(t *testing.T) {
	if os.Getenv("FAILWRIGHT_MEASURE") == "" {
		t.Skip("set FAILWRIGHT_MEASURE=1 to measure a board refresh under wrangler dev")
	}
	if _, err := os.Stat(wranglerBin); err != nil {
		t.Skip("no wrangler")
	}
	s := start(t, build(t))
	names := make([]string, 40)
	for i := range names {
		names[i] = fmt.Sprintf("Trainee %02d", i+1)
	}
	c, toks := openClass(t, s, names...)
	base := "/api/classes/" + c.ID
	jsonOf(t, s.call(t, "POST", base+"/events", c.TrainerToken, "", map[string]any{"kind": "start", "drill": 0}), 201, &struct{}{})
	for _, tok := range toks {
		for _, l := range expertModel {
			jsonOf(t, s.call(t, "POST", base+"/commands", tok, "", map[string]string{"line": l}), 201, &struct{}{})
		}
	}
	measure := func(what, path, token string) {
		var ds []time.Duration
		for i := 0; i < 50; i++ {
			t0 := time.Now()
			r := s.call(t, "GET", path, token, "", nil)
			ds = append(ds, time.Since(t0))
			require.Equal(t, 200, r.status)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		t.Logf("%s, 50 GETs: min %v, median %v, p90 %v, max %v", what,
			ds[0].Round(time.Millisecond), ds[25].Round(time.Millisecond), ds[45].Round(time.Millisecond), ds[49].Round(time.Millisecond))
	}
	measure("GET /api/health (a fresh Go runtime, no work)", "/api/health", "")
	measure("board of 40 trainees x 3 commands", base+"/board", c.TrainerToken)
	t0 := time.Now()
	jsonOf(t, s.call(t, "POST", base+"/events", c.TrainerToken, "", map[string]any{"kind": "inject", "verb": "Stop-SimSite -Site Dallas"}), 201, &struct{}{})
	t.Logf("an injected fault (replays all 40): %v", time.Since(t0).Round(time.Millisecond))
}

// expiredClassID is the class expiredClass stores.
const expiredClassID = "8f0c7d1e-2a3b-4c5d-8e6f-7a8b9c0d1e2f"

// expiredClass stores an expired class with a trainee, a command and an event, straight in D1.
func expiredClass(t *testing.T, d deployment) {
	t.Helper()
	for _, q := range []string{
		"INSERT INTO classes (id, code, token_hash, title, drills, created_at, expires_at, client) VALUES ('" + expiredClassID +
			"', 'EXPIRED2', '" + strings.Repeat("0", 64) + "', 'Old', '[]', '2020-01-01T00:00:00.000Z', '2020-01-08T00:00:00.000Z', '')",
		"INSERT INTO class_trainees (class_id, id, name, name_key, token_hash, joined_at) VALUES ('" + expiredClassID +
			"', '" + expiredClassID + "', 'Old', 'old', '" + strings.Repeat("1", 64) + "', '2020-01-01T00:00:00.000Z')",
		"INSERT INTO class_commands (class_id, seq, trainee_id, drill, at_ms, line) VALUES ('" + expiredClassID + "', 2, 'x', 0, 0, 'Get-CsPool')",
		"INSERT INTO class_events (class_id, seq, kind, drill, verb, at_ms) VALUES ('" + expiredClassID + "', 1, 'start', 0, '', 0)",
	} {
		out, err := d1Execute(t, d, q)
		require.NoError(t, err, out)
	}
}

// assertNoExpiredClass checks that the scheduled handler deleted expiredClass's rows.
func assertNoExpiredClass(t *testing.T, d deployment) {
	t.Helper()
	id := "'" + expiredClassID + "'"
	out, err := d1Execute(t, d, "SELECT (SELECT COUNT(*) FROM classes WHERE id = "+id+") + (SELECT COUNT(*) FROM class_trainees WHERE class_id = "+id+
		") + (SELECT COUNT(*) FROM class_commands WHERE class_id = "+id+") + (SELECT COUNT(*) FROM class_events WHERE class_id = "+id+") AS n")
	require.NoError(t, err, out)
	assert.Contains(t, out, `"n": 0`, "the scheduled handler deleted the expired class with its rows")
}
