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
		{5, "application/json", `{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x"},"log":["a"]}}`},
		{5, "application/json", `{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x","Name":"y"},"log":["a\u0000"]}}`},
		{5, "application/json", `{"format":"failwright-workspace","version":1,"workspace":{"topology":{"sites":[{"name":"a","n\u0061me":"b"}]}}}`},
	}
	for _, s := range seeds {
		f.Add(s.route, s.ctype, s.body)
	}
	h, _ := newTestServer(f, func(c *Config) {
		c.NewID = newUUID
		c.Logf = func(format string, args ...any) { panic(fmt.Sprintf("internal error logged: "+format, args...)) }
	})
	allowed := map[int]bool{200: true, 201: true, 400: true, 404: true, 405: true, 410: true, 413: true, 415: true, 422: true, 429: true}
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

// FuzzCheckMembers checks the byte scan of share bodies against encoding/json's tokenizer:
// it never panics, and on any JSON value it finds a duplicate member exactly when the
// tokenizer does.
func FuzzCheckMembers(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"a":2}`, `{"a":{"b":[1,{"c":1,"c":2}]}}`, `{"a\u0062":1,"ab":2}`,
		`[1,"x",true,null,-1.5e3,{"a":"\"}"}]`, ` { "a" : [ ] , "b" : { } } `, `{"a":1}{"a":1}`, `"\\"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		p := checkMembers([]byte(data), nil)
		if !json.Valid([]byte(data)) {
			if p == nil {
				t.Fatalf("%q is not JSON but passed", data)
			}
			return
		}
		want := hasDuplicate(json.NewDecoder(strings.NewReader(data)), 0)
		got := p != nil && p.Type == ProblemTypePrefix+ProblemDuplicateField
		if want != got && (p == nil || !strings.Contains(p.Detail, "nests deeper")) {
			t.Fatalf("%q: duplicate %v, scan says %v", data, want, p)
		}
	})
}

// hasDuplicate reads one value with the tokenizer and reports whether an object in it has a
// member twice.
func hasDuplicate(dec *json.Decoder, depth int) bool {
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return false
	}
	dup := false
	seen := map[string]bool{}
	for dec.More() {
		if d == '{' {
			k, _ := dec.Token()
			name, _ := k.(string)
			dup = dup || seen[name]
			seen[name] = true
		}
		dup = hasDuplicate(dec, depth+1) || dup
	}
	_, _ = dec.Token()
	return dup
}
