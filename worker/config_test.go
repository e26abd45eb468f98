//go:build !js

package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	webserver "failwright/web/server"
)

// TestAssetHeadersMatchServe checks that the web app gets the same security headers from
// Cloudflare (worker/_headers) as from "failwright serve" (web/server), so that what works
// locally works on the Worker.
func TestAssetHeadersMatchServe(t *testing.T) {
	raw, err := os.ReadFile("_headers")
	require.NoError(t, err)
	headers := map[string]string{}
	var rule string
	for _, line := range strings.Split(string(raw), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case !strings.HasPrefix(line, " "):
			rule = strings.TrimSpace(line)
		default:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ":")
			require.True(t, ok, "header line %q", line)
			require.Equal(t, "/*", rule, "every header applies to every asset")
			headers[strings.ToLower(name)] = strings.TrimSpace(value)
		}
	}
	assert.Equal(t, webserver.ContentSecurityPolicy, headers["content-security-policy"])
	assert.Contains(t, headers["content-security-policy"], "'wasm-unsafe-eval'")
	assert.NotContains(t, headers["content-security-policy"], "'unsafe-eval'", "nothing is evaluated from a string")
	assert.Contains(t, headers["content-security-policy"], "frame-ancestors 'none'")
	assert.Equal(t, "nosniff", headers["x-content-type-options"])
	assert.Equal(t, "DENY", headers["x-frame-options"])
	assert.Equal(t, "no-referrer", headers["referrer-policy"])
}

// TestPinnedToolchain checks the promises docs/deploy.md makes about the Worker's tools:
// wrangler pinned exactly to 4.86.0 (the newest that runs on Node 20), a compatibility date
// that version knows, and a lockfile that "npm ci" can install from any registry mirror.
func TestPinnedToolchain(t *testing.T) {
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	raw, err := os.ReadFile("package.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &pkg))
	assert.Equal(t, "4.86.0", pkg.DevDependencies["wrangler"], "an exact version, no range")

	var lock struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version   string `json:"version"`
			Resolved  string `json:"resolved"`
			Integrity string `json:"integrity"`
		} `json:"packages"`
	}
	raw, err = os.ReadFile("package-lock.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &lock))
	assert.Equal(t, "4.86.0", lock.Packages["node_modules/wrangler"].Version)
	for name, p := range lock.Packages {
		if name == "" {
			continue
		}
		assert.Empty(t, p.Resolved, "%s: the lockfile names no registry URL", name)
		assert.NotEmpty(t, p.Integrity, "%s: every package is pinned by its hash", name)
	}

	cfg := readConfig(t)
	date, _ := cfg["compatibility_date"].(string)
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, date)
	assert.LessOrEqual(t, date, "2026-04-26", "wrangler 4.86.0 knows compatibility dates up to 2026-04-26")
	assets, _ := cfg["assets"].(map[string]any)
	assert.Equal(t, []any{"/api/*"}, assets["run_worker_first"], "only the API runs Go")
}
