package app_test

import (
	"go/build"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heavyForThePage are packages the page's app.wasm must not carry: the YAML library, whose
// package init pulls in regexp and every method of time.Time (about 250 KB of code), and the
// decoders built on it. The page receives decoded topologies and results from the engine
// worker; docs/performance.md has the size budget.
var heavyForThePage = []string{"go.yaml.in/yaml/v3", "failwright/engine/decode", "failwright/engine/topofile"}

// pageDeps lists the failwright packages the wasm package imports, directly or not, as
// GOOS=js GOARCH=wasm builds it (test files aside), with each one's imports.
func pageDeps(t *testing.T) map[string][]string {
	t.Helper()
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "js", "wasm", false
	deps := map[string][]string{}
	var visit func(path string)
	visit = func(path string) {
		if _, seen := deps[path]; seen || !strings.HasPrefix(path, "failwright/") {
			return
		}
		dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(path, "failwright/")))
		p, err := ctx.ImportDir(dir, 0)
		require.NoError(t, err, path)
		deps[path] = p.Imports
		for _, im := range p.Imports {
			visit(im)
		}
	}
	visit("failwright/wasm")
	return deps
}

// TestThePageCarriesNoYAML keeps the YAML library and the topology and scenario decoders out
// of app.wasm: no package the page imports, directly or not, imports them.
func TestThePageCarriesNoYAML(t *testing.T) {
	deps := pageDeps(t)
	require.Contains(t, deps, "failwright/web/ui", "the walk reaches the page's components")
	var paths []string
	for p := range deps {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		assert.NotContains(t, heavyForThePage, p, "the page imports %s", p)
		for _, im := range deps[p] {
			assert.NotContains(t, heavyForThePage, im, "%s imports %s, which app.wasm must not carry", p, im)
		}
	}
}
