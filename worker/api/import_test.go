package api

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
)

// importdata is where the importer's own test files are.
const importdata = "../../engine/importer/testdata/"

func readImportFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(importdata + name)
	require.NoError(t, err)
	return b
}

// TestImportIsByteIdenticalToTheCLI checks that POST /api/import answers the topology
// "failwright import FILE --completion C --format F" writes (app.Import's output, with the
// same names), for text and for a UTF-16 file sent as base64, with and without gaps.
func TestImportIsByteIdenticalToTheCLI(t *testing.T) {
	h, _ := newTestServer(t, nil)
	comp := readImportFile(t, "litware-completion.yaml")
	tests := []struct {
		file, format string
		complete     bool
	}{
		{"litware-published.xml", "yaml", true},
		{"litware-published-utf16.xml", "json", true},
		{"fabrikam.tbxml", "yaml", false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := readImportFile(t, tc.file)
			req := map[string]any{"name": tc.file, "fileBase64": base64.StdEncoding.EncodeToString(data), "format": tc.format}
			in := app.ImportInputs{}
			if tc.complete {
				req["completion"] = string(comp)
				in.Completion = &app.Source{Name: "completion.yaml", Data: comp}
			}
			body, err := json.Marshal(req)
			require.NoError(t, err)
			rec := do(h, http.MethodPost, "/api/import", "application/json", string(body))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			var got importAnswer
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
			want := app.Import(app.ImportRequest{File: app.Source{Name: tc.file, Data: data}, ImportInputs: in, Format: app.TopologyFormat(tc.format)})
			assert.Equal(t, string(want.Output), got.Topology)
			assert.Equal(t, tc.complete, got.Complete)
			assert.Equal(t, tc.format, got.Format)
			assert.Equal(t, len(want.Findings), len(got.Findings))
		})
	}
}

// TestImportTextAndSet sends a .ps1 as text with its variables.
func TestImportTextAndSet(t *testing.T) {
	h, _ := newTestServer(t, nil)
	body, err := json.Marshal(map[string]any{"name": "publish.ps1", "file": string(readImportFile(t, "publish.ps1")),
		"set": map[string]string{"DomainName": "contoso.com", "$SiteName": "HQ (Redmond)", "PoolFqdn": "se01.contoso.com"}})
	require.NoError(t, err)
	rec := do(h, http.MethodPost, "/api/import", "application/json", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got importAnswer
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Contains(t, got.Topology, "HQ (Redmond)")
	assert.False(t, got.Complete)
	assert.NotEmpty(t, got.Findings)
}

func TestImportRefusesBadRequests(t *testing.T) {
	h, _ := newTestServer(t, nil)
	xml, err := json.Marshal(string(readImportFile(t, "litware-published.xml")))
	require.NoError(t, err)
	tests := []struct {
		name, ctype, body string
		status            int
		typ, field        string
	}{
		{"YAML body", "application/yaml", "name: x\n", http.StatusUnsupportedMediaType, ProblemUnsupportedMedia, ""},
		{"no file", "application/json", `{"name": "a.xml"}`, http.StatusBadRequest, ProblemInvalidField, "file"},
		{"both files", "application/json", `{"file": "<a/>", "fileBase64": "PGEvPg=="}`, http.StatusBadRequest, ProblemInvalidField, "fileBase64"},
		{"bad base64", "application/json", `{"fileBase64": "!!"}`, http.StatusBadRequest, ProblemInvalidField, "fileBase64"},
		{"bad format", "application/json", `{"file": ` + string(xml) + `, "format": "toml"}`, http.StatusBadRequest, ProblemInvalidField, "format"},
		{"unknown member", "application/json", `{"file": "<a/>", "depth": 1}`, http.StatusBadRequest, ProblemUnknownField, "depth"},
		{"set of the wrong type", "application/json", `{"file": "<a/>", "set": ["a"]}`, http.StatusBadRequest, ProblemInvalidField, "set"},
		{"empty variable name", "application/json", `{"file": "<a/>", "set": {"$": "x"}}`, http.StatusBadRequest, ProblemInvalidField, "set"},
		{"malformed XML", "application/json", `{"file": "<Topology>"}`, http.StatusUnprocessableEntity, ProblemInvalidTopology, "file"},
		{"completion naming no pool", "application/json", `{"file": ` + string(xml) + `, "completion": "pools:\n  no.example.com: {users: 1}\n"}`, http.StatusUnprocessableEntity, ProblemInvalidTopology, "completion"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, "/api/import", tc.ctype, tc.body)
			p := decodeProblem(t, rec, tc.status, tc.typ)
			if tc.field != "" {
				assert.Equal(t, tc.field, p.Field)
			}
			if tc.typ == ProblemInvalidTopology {
				assert.True(t, p.Findings.HasErrors())
			}
		})
	}
}
