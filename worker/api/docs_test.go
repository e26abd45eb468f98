package api

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v3"
)

// TestOpenAPIDescribesEveryRoute checks that docs/openapi.yaml describes exactly the routes
// the router serves, method for method.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	raw, err := os.ReadFile("../../docs/openapi.yaml")
	require.NoError(t, err)
	var doc struct {
		OpenAPI string                               `yaml:"openapi"`
		Paths   map[string]map[string]map[string]any `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	assert.True(t, strings.HasPrefix(doc.OpenAPI, "3.1."), "OpenAPI 3.1")

	var described, served []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			described = append(described, strings.ToUpper(method)+" "+path)
			_, hasResponses := op["responses"]
			assert.True(t, hasResponses, "%s %s has responses", method, path)
		}
	}
	for _, r := range Routes() {
		served = append(served, r.Method+" "+r.Pattern)
	}
	slices.Sort(described)
	slices.Sort(served)
	assert.Equal(t, served, described)
}

// TestAPIPageDocumentsEverything checks that docs/api.md names every route and every problem
// type.
func TestAPIPageDocumentsEverything(t *testing.T) {
	raw, err := os.ReadFile("../../docs/api.md")
	require.NoError(t, err)
	page := string(raw)
	for _, r := range Routes() {
		assert.Contains(t, page, r.Method+" "+r.Pattern)
	}
	for _, p := range ProblemTypes {
		assert.Contains(t, page, "`"+p.Name+"`", "problem type %s", p.Name)
	}
	assert.Contains(t, page, ProblemTypePrefix)
}

// TestAPIPageExamples replays the examples of docs/api.md whose answers do not depend on the
// engine's evolving rules and checks that the page shows exactly what the API answers.
func TestAPIPageExamples(t *testing.T) {
	raw, err := os.ReadFile("../../docs/api.md")
	require.NoError(t, err)
	page := string(raw)
	h, _ := newTestServer(t, nil)
	tests := []struct {
		method, path, ctype, body string
	}{
		{"POST", "/api/validate", "application/json", `{"topology": "name: x\nbogus: 1\n", "name": "mine.yaml"}`},
		{"POST", "/api/plan", "application/json", `{"topology": {}, "pool": "p", "colour": 1}`},
		{"GET", "/api/shares/0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5c", "", ""},
		{"GET", "/api/health", "", ""},
	}
	for _, tc := range tests {
		rec := do(h, tc.method, tc.path, tc.ctype, tc.body)
		got := strings.TrimSpace(rec.Body.String())
		assert.True(t, strings.Contains(page, got), "docs/api.md lacks the answer to %s %s:\n%s", tc.method, tc.path, got)
	}
}
