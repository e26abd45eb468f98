package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// benchRoute measures one request through the whole handler, as the Worker serves it.
func benchRoute(b *testing.B, method, path, ctype string, body []byte, want int) {
	h, _ := newTestServer(b, func(c *Config) { c.NewID = newUUID })
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(method, path, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", ctype)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
}

func readSample(b *testing.B) []byte {
	src, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkValidate(b *testing.B) {
	benchRoute(b, http.MethodPost, "/api/validate", "application/yaml", readSample(b), http.StatusOK)
}

func BenchmarkPlanDisasterFailbackPS1(b *testing.B) {
	body, _ := json.Marshal(map[string]any{"topology": string(readSample(b)), "pool": "atl-cs-001.litwareinc.com",
		"mode": "disaster", "failback": true, "format": "ps1"})
	benchRoute(b, http.MethodPost, "/api/plan", "application/json", body, http.StatusOK)
}

func BenchmarkRunSeedScenario(b *testing.B) {
	src, err := os.ReadFile("../../scenarios/" + seedScenario)
	if err != nil {
		b.Fatal(err)
	}
	benchRoute(b, http.MethodPost, "/api/run", "application/yaml", src, http.StatusOK)
}

func BenchmarkCreateShare(b *testing.B) {
	body, _ := json.Marshal(map[string]any{"topology": string(readSample(b)), "scenario": nil})
	benchRoute(b, http.MethodPost, "/api/shares", "application/json", body, http.StatusCreated)
}
