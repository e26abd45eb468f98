//go:build !js

package main

import (
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
	assert.Contains(t, headers["content-security-policy"], "frame-ancestors 'none'")
	assert.Equal(t, "nosniff", headers["x-content-type-options"])
	assert.Equal(t, "DENY", headers["x-frame-options"])
	assert.Equal(t, "no-referrer", headers["referrer-policy"])
}
