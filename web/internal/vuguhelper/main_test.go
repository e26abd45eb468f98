package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelperScript reads the constant out of a Go file shaped like vugu's, and refuses files
// where it is missing or not a string literal.
func TestHelperScript(t *testing.T) {
	for _, tc := range []struct{ name, src, want, err string }{
		{"the constant", "package domrender\n\nconst jsHelperScript = \"(function(){if(window.vuguRender)return;\\\"x\\\"})()\"\n",
			`(function(){if(window.vuguRender)return;"x"})()`, ""},
		{"among others", "package domrender\n\nconst (\n\ta = 1\n\tjsHelperScript = `raw`\n)\n", "raw", ""},
		{"missing", "package domrender\n\nconst other = \"x\"\n", "", "no constant jsHelperScript"},
		{"not a literal", "package domrender\n\nconst jsHelperScript = a + \"b\"\n", "", "not a string literal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "script.go")
			require.NoError(t, os.WriteFile(file, []byte(tc.src), 0o644))
			got, err := helperScript(file)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestCommittedFile checks that web/static/vugu-helper.js is the file generate writes for the
// vugu version go.mod pins, and that it replaces window.eval before vugu's script runs.
func TestCommittedFile(t *testing.T) {
	want, err := generate()
	require.NoError(t, err)
	got, err := os.ReadFile("../../static/vugu-helper.js")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "stale: run make web-generate")
	s := string(got)
	override := strings.Index(s, "window.eval = function")
	script := strings.LastIndex(s, "\n(function(){if(window.vuguRender)return;")
	require.Positive(t, override)
	assert.Greater(t, script, override, "window.eval is replaced before the helper runs")
	assert.NotContains(t, s[:script], "eval(", "the override never evaluates")
}
