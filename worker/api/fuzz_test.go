package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzHandler sends arbitrary bodies to every route and checks the promises every answer
// keeps: no panic, a known status, the security headers, and for errors a well-formed problem
// document with the same status.
func FuzzHandler(f *testing.F) {
	seeds := []struct {
		route       int
		ctype, body string
	}{
		{1, "application/yaml", "name: x\nsites: []\npools: []\n"},
		{1, "application/json", `{"topology": {"name": "x", "sites": [], "pools": []}}`},
		{1, "application/json", `{"topology": "name: [", "name": "a.yaml"}`},
		{2, "application/yaml", "name: s\ntopology: topologies/litwareinc.yaml\nseed: 1\nsteps: []\n"},
		{2, "application/json", `{"scenario": {"name": 1}}`},
		{3, "application/json", `{"topology": "name: x", "pool": "p", "mode": "disaster", "format": "json"}`},
		{3, "application/json", `{"topology": {}, "pool": "p", "setup": ["Stop-SimSite -Site A"]}`},
		{4, "application/json", `{"topology": null, "x": [1, 2, {"y": "z"}]}`},
		{4, "application/json", `{"topology": "sites: {"}`},
		{5, "", ""},
		{0, "", ""},
		{4, "application/json; charset=latin1", `{}`},
		{3, "application/json", `{"topology": 1e999}`},
		{1, "text/yaml", "\xef\xbb\xbfname: x"},
	}
	for _, s := range seeds {
		f.Add(s.route, s.ctype, s.body)
	}
	h, _ := newTestServer(f, func(c *Config) {
		c.NewID = newUUID
		c.Logf = func(format string, args ...any) { panic(fmt.Sprintf("internal error logged: "+format, args...)) }
	})
	allowed := map[int]bool{200: true, 201: true, 400: true, 404: true, 405: true, 413: true, 415: true, 422: true}
	f.Fuzz(func(t *testing.T, route int, ctype, body string) {
		rs := Routes()
		r := rs[((route%len(rs))+len(rs))%len(rs)]
		path := strings.ReplaceAll(r.Pattern, "{id}", fixedID)
		req := httptest.NewRequest(r.Method, path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !allowed[rec.Code] {
			t.Fatalf("%s %s %q: status %d: %s", r.Method, path, body, rec.Code, rec.Body.String())
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Content-Security-Policy") == "" {
			t.Fatalf("security headers missing: %v", rec.Header())
		}
		if rec.Code >= 400 {
			var p Problem
			if rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("error without problem+json: %v", rec.Header())
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || !strings.HasPrefix(p.Type, ProblemTypePrefix) {
				t.Fatalf("bad problem %q: %v", rec.Body.String(), err)
			}
		}
		if rec.Code == http.StatusCreated && !strings.Contains(rec.Body.String(), "/#share=") {
			t.Fatalf("created without a link: %s", rec.Body.String())
		}
	})
}
