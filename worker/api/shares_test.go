package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topofile"
	"failwright/web/workspace"
)

// failingStore fails every call, as a D1 outage would.
type failingStore struct{}

func (failingStore) Create(context.Context, Share, Quota) error {
	return errors.New("d1: secret detail")
}
func (failingStore) Get(context.Context, string, time.Time) (Share, error) {
	return Share{}, errors.New("d1: secret detail")
}
func (failingStore) DeleteExpired(context.Context, time.Time) (int64, error) {
	return 0, errors.New("d1: secret detail")
}

// testNow is the clock of newTestServer.
var testNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// pageShare is what the page sends to share a workspace: web/workspace's export of the sample
// topology with the given shell log.
func pageShare(t *testing.T, log ...string) string {
	t.Helper()
	top, fs := topofile.Decode("litwareinc.yaml", []byte(sample(t)))
	require.False(t, fs.HasErrors(), fs)
	return string(workspace.New(workspace.Workspace{Topology: top, Seed: 7, Log: log, Origin: "sample litwareinc.yaml"}).ExportJSON())
}

// envelope wraps a workspace object's JSON in the share envelope.
func envelope(ws string) string {
	return `{"format":"failwright-workspace","version":1,"workspace":` + ws + `}`
}

// doFrom sends a request from the client address ip (the CF-Connecting-IP header).
func doFrom(h http.Handler, ip, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/shares", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if ip != "" {
		req.Header.Set(ClientHeader, ip)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestShares(t *testing.T) {
	h, store := newTestServer(t, nil)
	body := pageShare(t, "Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com")

	rec := doFrom(h, "203.0.113.7", body)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assertSecurityHeaders(t, rec.Header())
	assert.Equal(t, "/api/shares/"+fixedID, rec.Header().Get("Location"))
	assert.JSONEq(t, `{"id":"`+fixedID+`","url":"/#share=`+fixedID+`"}`, rec.Body.String())

	sh, err := store.Get(context.Background(), fixedID, testNow)
	require.NoError(t, err)
	assert.Equal(t, body, string(sh.Body), "the workspace is stored as sent")
	assert.Equal(t, digest([]byte(body)), sh.SHA256)
	assert.Equal(t, testNow, sh.CreatedAt)
	assert.Equal(t, testNow.Add(DefaultLimits.Retention), sh.ExpiresAt)
	assert.Len(t, sh.Client, 32)
	assert.NotContains(t, sh.Client, "203.0.113.7", "the address is not stored")

	rec = do(h, http.MethodGet, "/api/shares/"+fixedID, "", "")
	require.Equal(t, http.StatusOK, rec.Code)
	assertSecurityHeaders(t, rec.Header())
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, body, rec.Body.String(), "the share comes back byte for byte")
	assert.Equal(t, `"`+sh.SHA256+`"`, rec.Header().Get("ETag"))
	got, err := workspace.ParseShared(rec.Body.Bytes())
	require.NoError(t, err, "the page reads it back")
	assert.Equal(t, []string{"Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com"}, got.Log)
}

func TestSharesAcceptWhatThePageExports(t *testing.T) {
	long := strings.Repeat("Get-CsPool; ", DefaultLimits.LogLineBytes/12)
	for name, body := range map[string]string{
		"an empty workspace":             string(workspace.New(workspace.Empty()).ExportJSON()),
		"the sample with a log":          pageShare(t, "Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com", "Get-CsPool"),
		"a line at the limit":            pageShare(t, long+strings.Repeat("x", DefaultLimits.LogLineBytes-len(long))),
		"a design with validation error": envelope(`{"topology":{"name":"x","sites":[{"name":"a"},{"name":"a"}]},"seed":1}`),
		"compact, no log, no origin":     envelope(`{"topology":{"name":"x"},"seed":1}`),
	} {
		t.Run(name, func(t *testing.T) {
			h, store := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 1 << 20 })
			rec := doFrom(h, "", body)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			assert.Equal(t, 1, store.Len())
		})
	}
}

func TestSharesBad(t *testing.T) {
	top := `{"name":"x"}`
	lines := func(n int, line string) string {
		ls := make([]string, n)
		for i := range ls {
			ls[i] = strconv.Quote(line)
		}
		return "[" + strings.Join(ls, ",") + "]"
	}
	deep := strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70)
	bad := []struct {
		name, ctype, body string
		status            int
		typ, field        string
	}{
		{"text/plain workspace", "text/plain", `{}`, 415, ProblemUnsupportedMedia, ""},
		{"no content type", "", `{}`, 415, ProblemUnsupportedMedia, ""},
		{"malformed JSON", "application/json", `{"a":`, 400, ProblemMalformedJSON, ""},
		{"empty", "application/json", ``, 400, ProblemInvalidField, ""},
		{"oversized", "application/json", `{"a":"` + strings.Repeat("x", 96<<10) + `"}`, 413, ProblemBodyTooLarge, ""},
		{"two values", "application/json", envelope(`{"topology":`+top+`}`) + `{}`, 400, ProblemMalformedJSON, ""},
		// Not a workspace.
		{"an empty object", "application/json", `{}`, 400, ProblemInvalidField, "format"},
		{"any JSON object", "application/json", `{"notes":"hello"}`, 400, ProblemUnknownField, "notes"},
		{"a list", "application/json", `[]`, 400, ProblemInvalidField, ""},
		{"a string", "application/json", `"x"`, 400, ProblemInvalidField, ""},
		{"null", "application/json", `null`, 400, ProblemInvalidField, "format"},
		{"another format", "application/json", `{"format":"other","version":1,"workspace":{"topology":{}}}`, 400, ProblemInvalidField, "format"},
		{"a newer version", "application/json", `{"format":"failwright-workspace","version":2,"workspace":{"topology":{}}}`, 400, ProblemInvalidField, "version"},
		{"no workspace", "application/json", `{"format":"failwright-workspace","version":1}`, 400, ProblemInvalidField, "workspace"},
		{"workspace null", "application/json", envelope(`null`), 400, ProblemInvalidField, "workspace"},
		{"no topology", "application/json", envelope(`{"seed":1}`), 400, ProblemInvalidField, "workspace.topology"},
		{"topology null", "application/json", envelope(`{"topology":null}`), 400, ProblemInvalidField, "workspace.topology"},
		{"topology as YAML text", "application/json", envelope(`{"topology":"name: x\n"}`), 400, ProblemInvalidField, "workspace.topology"},
		{"topology that does not decode", "application/json", envelope(`{"topology":{"name":"x","bogus":1}}`), 422, ProblemInvalidTopology, "workspace.topology.bogus"},
		{"a seed that is not an integer", "application/json", envelope(`{"topology":` + top + `,"seed":1.5}`), 400, ProblemInvalidField, "workspace.seed"},
		{"a log that is not strings", "application/json", envelope(`{"topology":` + top + `,"log":[1]}`), 400, ProblemInvalidField, "workspace.log"},
		{"the page's undo history", "application/json", `{"format":"failwright-workspace","version":1,"workspace":{"topology":{}},"undo":[]}`, 400, ProblemUnknownField, "undo"},
		// Case-exact names.
		{"Format in capitals", "application/json", `{"Format":"failwright-workspace","version":1,"workspace":{"topology":{}}}`, 400, ProblemUnknownField, "Format"},
		{"WORKSPACE in capitals", "application/json", `{"format":"failwright-workspace","version":1,"WORKSPACE":{"topology":{}}}`, 400, ProblemUnknownField, "WORKSPACE"},
		{"Topology skips no check", "application/json", envelope(`{"Topology":{"name":"x","bogus":1}}`), 400, ProblemUnknownField, "workspace.Topology"},
		{"Log in capitals", "application/json", envelope(`{"topology":` + top + `,"Log":["x"]}`), 400, ProblemUnknownField, "workspace.Log"},
		{"a topology member in capitals", "application/json", envelope(`{"topology":{"Name":"x"}}`), 422, ProblemInvalidTopology, "workspace.topology.Name"},
		// Duplicates.
		{"workspace twice", "application/json", `{"format":"failwright-workspace","version":1,"workspace":{"topology":{}},"workspace":{"topology":{}}}`, 400, ProblemDuplicateField, "workspace"},
		{"log twice", "application/json", envelope(`{"topology":` + top + `,"log":[],"log":["x"]}`), 400, ProblemDuplicateField, "workspace.log"},
		{"a topology member twice", "application/json", envelope(`{"topology":{"name":"x","name":"y"}}`), 400, ProblemDuplicateField, "workspace.topology.name"},
		{"a duplicate deep inside", "application/json", envelope(`{"topology":{"name":"x","sites":[{"name":"a","name":"b"}]}}`), 400, ProblemDuplicateField, "workspace.topology.sites[0].name"},
		{"nesting too deep", "application/json", envelope(`{"topology":` + deep + `}`), 400, ProblemInvalidField, ""},
		{"a long unknown name", "application/json", `{"` + strings.Repeat("k", 5000) + `":1}`, 400, ProblemUnknownField, strings.Repeat("k", 100) + "..."},
		// The log's bounds.
		{"an over-long log line", "application/json", envelope(`{"topology":` + top + `,"log":["Get-CsPool",` + strconv.Quote(strings.Repeat("x", DefaultLimits.LogLineBytes+1)) + `]}`), 422, ProblemLimitExceeded, "workspace.log[1]"},
		{"a 23 KB log line", "application/json", envelope(`{"topology":` + top + `,"log":[` + strconv.Quote(strings.Repeat("Get-CsPool;", 2100)) + `]}`), 422, ProblemLimitExceeded, "workspace.log[0]"},
		{"too many log lines", "application/json", envelope(`{"topology":` + top + `,"log":` + lines(DefaultLimits.LogLines+1, "x") + `}`), 422, ProblemLimitExceeded, "workspace.log"},
		{"too many log bytes", "application/json", envelope(`{"topology":` + top + `,"log":` + lines(66, strings.Repeat("y", 1000)) + `}`), 422, ProblemLimitExceeded, "workspace.log[65]"},
		{"a newline in a log line", "application/json", envelope(`{"topology":` + top + `,"log":["a\nb"]}`), 400, ProblemInvalidField, "workspace.log[0]"},
		{"an over-long origin", "application/json", envelope(`{"topology":` + top + `,"origin":` + strconv.Quote(strings.Repeat("o", 513)) + `}`), 422, ProblemLimitExceeded, "workspace.origin"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			h, store := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 128 << 10; c.Limits.ShareBytes = 96 << 10 })
			rec := do(h, http.MethodPost, "/api/shares", tc.ctype, tc.body)
			p := decodeProblem(t, rec, tc.status, tc.typ)
			assert.Equal(t, tc.field, p.Field, p.Detail)
			assertSecurityHeaders(t, rec.Header())
			if tc.typ == ProblemLimitExceeded {
				assert.Positive(t, p.Limit)
			}
			assert.Zero(t, store.Len(), "nothing bad is stored")
		})
	}
}

func TestShareGetBad(t *testing.T) {
	h, _ := newTestServer(t, nil)
	for _, tc := range []struct {
		name, path string
		status     int
		typ        string
	}{
		{"missing share", "/api/shares/0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b", 404, ProblemShareNotFound},
		{"not a UUID", "/api/shares/hello", 400, ProblemInvalidField},
		{"SQL in the ID", "/api/shares/1'%20OR%20'1'='1", 400, ProblemInvalidField},
		{"upper-case UUID", "/api/shares/" + strings.ToUpper(fixedID), 400, ProblemInvalidField},
		{"UUID in braces", "/api/shares/{" + fixedID + "}", 400, ProblemInvalidField},
		{"UUID without dashes", "/api/shares/" + strings.ReplaceAll(fixedID, "-", ""), 400, ProblemInvalidField},
		{"version 1 UUID", "/api/shares/6ba7b810-9dad-11d1-80b4-00c04fd430c8", 400, ProblemInvalidField},
		{"nil UUID", "/api/shares/00000000-0000-0000-0000-000000000000", 400, ProblemInvalidField},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodGet, tc.path, "", "")
			p := decodeProblem(t, rec, tc.status, tc.typ)
			assert.Equal(t, "id", p.Field)
			assertSecurityHeaders(t, rec.Header())
		})
	}
}

// quotaServer is an API with small quotas, a clock the test moves and fresh random IDs.
func quotaServer(t *testing.T, l Limits) (http.Handler, *MemStore, *time.Time) {
	now := testNow
	h, store := newTestServer(t, func(c *Config) {
		c.Limits = l
		c.Now = func() time.Time { return now }
		c.NewID = nil
	})
	return h, store, &now
}

func TestShareRateLimit(t *testing.T) {
	h, store, now := quotaServer(t, Limits{PerClientPerHour: 3})
	body := envelope(`{"topology":{"name":"x"}}`)
	for i := range 3 {
		rec := doFrom(h, "198.51.100.1", body)
		require.Equal(t, http.StatusCreated, rec.Code, "share %d: %s", i+1, rec.Body.String())
		*now = now.Add(10 * time.Minute)
	}
	rec := doFrom(h, "198.51.100.1", body)
	p := decodeProblem(t, rec, http.StatusTooManyRequests, ProblemRateLimited)
	assert.EqualValues(t, 3, p.Limit)
	assert.Contains(t, p.Detail, "per client per hour")
	assert.Equal(t, strconv.Itoa(30*60), rec.Header().Get("Retry-After"), "the first share leaves the window in 30 minutes")
	assertSecurityHeaders(t, rec.Header())

	assert.Equal(t, http.StatusCreated, doFrom(h, "198.51.100.2", body).Code, "another client is not limited")
	assert.Equal(t, http.StatusCreated, doFrom(h, "2001:db8:1::1", body).Code)
	assert.Equal(t, http.StatusTooManyRequests, doFrom(h, "::ffff:198.51.100.1", body).Code, "an IPv4-mapped address is the same client")

	*now = now.Add(30*time.Minute + time.Second)
	assert.Equal(t, http.StatusCreated, doFrom(h, "198.51.100.1", body).Code, "an hour later one more is allowed")
	assert.Equal(t, 6, store.Len())
}

func TestShareQuotas(t *testing.T) {
	body := envelope(`{"topology":{"name":"x"}}`)
	for _, tc := range []struct {
		name   string
		limits Limits
		ips    []string
		detail string
		limit  int64
	}{
		{"shares alive per client", Limits{PerClient: 2, Retention: time.Hour}, []string{"192.0.2.1", "192.0.2.1"}, "alive per client", 2},
		{"shares alive in total", Limits{Total: 2, Retention: time.Hour}, []string{"192.0.2.1", "192.0.2.2"}, "alive in total", 2},
		{"bytes in total", Limits{TotalBytes: int64(2 * len(body)), Retention: time.Hour}, []string{"192.0.2.1", "192.0.2.2"}, "bytes", int64(2 * len(body))},
		{"IPv6 clients by /64", Limits{PerClient: 2, Retention: time.Hour}, []string{"2001:db8:0:1::1", "2001:db8:0:1:ffff::2"}, "alive per client", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _, now := quotaServer(t, tc.limits)
			for _, ip := range tc.ips {
				require.Equal(t, http.StatusCreated, doFrom(h, ip, body).Code)
				*now = now.Add(time.Minute)
			}
			rec := doFrom(h, tc.ips[len(tc.ips)-1], body)
			p := decodeProblem(t, rec, http.StatusTooManyRequests, ProblemRateLimited)
			assert.Contains(t, p.Detail, tc.detail)
			assert.Equal(t, tc.limit, p.Limit)
			assert.Equal(t, strconv.Itoa(58*60), rec.Header().Get("Retry-After"), "the first share expires in 58 minutes")
			*now = now.Add(58 * time.Minute)
			assert.Equal(t, http.StatusCreated, doFrom(h, tc.ips[0], body).Code, "expired shares free their place")
		})
	}
}

func TestShareExpiry(t *testing.T) {
	h, store, now := quotaServer(t, Limits{Retention: 24 * time.Hour})
	rec := doFrom(h, "", envelope(`{"topology":{"name":"x"}}`))
	require.Equal(t, http.StatusCreated, rec.Code)
	id := strings.TrimPrefix(rec.Header().Get("Location"), "/api/shares/")

	*now = now.Add(24*time.Hour - time.Millisecond)
	require.Equal(t, http.StatusOK, do(h, http.MethodGet, "/api/shares/"+id, "", "").Code, "alive until its expiry")
	*now = now.Add(time.Millisecond)
	rec = do(h, http.MethodGet, "/api/shares/"+id, "", "")
	p := decodeProblem(t, rec, http.StatusGone, ProblemShareExpired)
	assert.Equal(t, "id", p.Field)
	assertSecurityHeaders(t, rec.Header())
	assert.Zero(t, store.Len(), "reading an expired share deletes it")
	decodeProblem(t, do(h, http.MethodGet, "/api/shares/"+id, "", ""), http.StatusNotFound, ProblemShareNotFound)

	ctx := context.Background()
	for i, at := range []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour} {
		require.NoError(t, store.Create(ctx, Share{ID: fmt.Sprintf("%d", i), ExpiresAt: testNow.Add(at)}, Quota{Now: testNow, PerClientPerHour: 9, PerClient: 9, Total: 9, TotalBytes: 9}))
	}
	n, err := store.DeleteExpired(ctx, testNow.Add(2*time.Hour))
	require.NoError(t, err)
	assert.EqualValues(t, 2, n, "shares expired at or before now are deleted")
	assert.Equal(t, 1, store.Len())
}

func TestClientID(t *testing.T) {
	id := func(key, addr string) string {
		r := httptest.NewRequest(http.MethodPost, "/api/shares", nil)
		if addr != "" {
			r.Header.Set(ClientHeader, addr)
		}
		return ClientID([]byte(key), r)
	}
	a := id("k", "203.0.113.9")
	assert.Len(t, a, 32)
	assert.Equal(t, a, id("k", "203.0.113.9"))
	assert.Equal(t, a, id("k", "::ffff:203.0.113.9"))
	assert.NotEqual(t, a, id("k", "203.0.113.10"))
	assert.NotEqual(t, a, id("other key", "203.0.113.9"), "the key changes every hash")
	assert.Equal(t, id("k", "2001:db8:5:6::1"), id("k", "2001:db8:5:6:aaaa:bbbb:cccc:dddd"), "one /64 is one client")
	assert.NotEqual(t, id("k", "2001:db8:5:6::1"), id("k", "2001:db8:5:7::1"))
	for _, bad := range []string{"", "not an address", "203.0.113.9, 10.0.0.1"} {
		assert.Equal(t, unknownClient, id("k", bad), "%q", bad)
	}
}

func TestSharesStorageFailure(t *testing.T) {
	var logged []string
	h, _ := newTestServer(t, func(c *Config) {
		c.Store = failingStore{}
		c.Logf = func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }
	})
	for _, rec := range []*httptest.ResponseRecorder{
		do(h, http.MethodPost, "/api/shares", "application/json", envelope(`{"topology":{}}`)),
		do(h, http.MethodGet, "/api/shares/"+fixedID, "", ""),
	} {
		decodeProblem(t, rec, http.StatusInternalServerError, ProblemInternal)
		assert.NotContains(t, rec.Body.String(), "secret", "internal details stay in the log")
	}
	require.Len(t, logged, 2)
	assert.Contains(t, logged[0], "secret detail")
}

func TestSharesBadIDSource(t *testing.T) {
	h, _ := newTestServer(t, func(c *Config) {
		c.NewID = func() (string, error) { return "not-random", nil }
	})
	rec := do(h, http.MethodPost, "/api/shares", "application/json", envelope(`{"topology":{}}`))
	decodeProblem(t, rec, http.StatusInternalServerError, ProblemInternal)
}

func TestShareIDCollision(t *testing.T) {
	ids := []string{fixedID, fixedID, "0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b", fixedID, fixedID, fixedID}
	h, store := newTestServer(t, func(c *Config) {
		c.NewID = func() (string, error) { id := ids[0]; ids = ids[1:]; return id, nil }
	})
	first := envelope(`{"topology":{},"seed":1}`)
	rec := do(h, http.MethodPost, "/api/shares", "application/json", first)
	require.Equal(t, http.StatusCreated, rec.Code)
	rec = do(h, http.MethodPost, "/api/shares", "application/json", envelope(`{"topology":{},"seed":2}`))
	require.Equal(t, http.StatusCreated, rec.Code, "a taken ID is drawn again")
	assert.Contains(t, rec.Body.String(), "0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b")
	rec = do(h, http.MethodPost, "/api/shares", "application/json", envelope(`{"topology":{},"seed":3}`))
	decodeProblem(t, rec, http.StatusInternalServerError, ProblemInternal) // three taken IDs in a row: a broken source
	got, err := store.Get(context.Background(), fixedID, testNow)
	require.NoError(t, err)
	assert.Equal(t, first, string(got.Body), "the first share is never replaced")
}

func TestMemStoreImmutable(t *testing.T) {
	s := NewMemStore()
	ctx := context.Background()
	q := Quota{Now: testNow, PerClientPerHour: 9, PerClient: 9, Total: 9, TotalBytes: 9}
	require.NoError(t, s.Create(ctx, Share{ID: fixedID, Body: []byte("a"), ExpiresAt: testNow.Add(time.Hour)}, q))
	assert.ErrorIs(t, s.Create(ctx, Share{ID: fixedID, Body: []byte("b")}, q), ErrShareExists)
	got, err := s.Get(ctx, fixedID, testNow)
	require.NoError(t, err)
	assert.Equal(t, "a", string(got.Body))
	_, err = s.Get(ctx, "0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b", testNow)
	assert.ErrorIs(t, err, ErrShareNotFound)
}

func TestSharePublicKeyWarns(t *testing.T) {
	for _, key := range []string{"", "secret"} {
		var logged []string
		h, _ := newTestServer(t, func(c *Config) {
			c.ClientKey = []byte(key)
			c.Logf = func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }
		})
		require.Equal(t, http.StatusCreated, doFrom(h, "192.0.2.1", envelope(`{"topology":{}}`)).Code)
		if key == "" {
			require.Len(t, logged, 1)
			assert.Contains(t, logged[0], "public key")
		} else {
			assert.Empty(t, logged)
		}
	}
}
