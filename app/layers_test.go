package app_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the repository's root, from this package's directory.
const root = ".."

// surfaces are the packages that must reach the use cases through app only.
var surfaces = []string{"cmd/failwright", "worker", "worker/api", "web/engine", "wasm/engine"}

// useCaseFuncs are the engine's functions that do a use case's work: a surface that calls one
// of them holds a second copy of a use case. A nil list forbids the whole package.
var useCaseFuncs = map[string][]string{
	"failwright/engine/render":   nil,
	"failwright/engine/report":   nil,
	"failwright/engine/runlog":   {"Read"},
	"failwright/engine/analysis": {"New", "Analyze", "NewSimEvaluator"},
	"failwright/engine/plan":     {"Build", "Check", "Compose", "ComposeFor", "SetupFromSteps"},
	"failwright/engine/sim":      {"New"},
	"failwright/scenarios":       {"Run", "NewTrainer", "CheckFile", "Decode", "DecodeStrict", "Load", "Record"},
	"failwright/engine/topology": {"Validate", "ValidateStrict"},
	"failwright/engine/topofile": {"Decode", "DecodeDocument"},
	"failwright/engine/importer": {"Import", "DecodeCompletion"},
}

// parseDir parses the non-test Go files of one directory of the repository.
func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
	require.NoError(t, err)
	require.NotEmpty(t, paths, dir)
	var files []*ast.File
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		files = append(files, f)
	}
	return files
}

// imports maps each import's local name in f to its path.
func imports(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		m[name] = p
	}
	return m
}

// TestSurfacesCallTheUseCasesThroughApp checks the dependency rule of docs/architecture.md: the
// CLI, the Worker and the page's engine worker build no plan, render none, analyze, run,
// train, validate or decode nothing themselves; app does, once.
func TestSurfacesCallTheUseCasesThroughApp(t *testing.T) {
	for _, dir := range surfaces {
		for _, f := range parseDir(t, dir) {
			names := imports(f)
			for _, p := range names {
				if fns, ok := useCaseFuncs[p]; ok && fns == nil {
					t.Errorf("%s imports %s: render through app", dir, p)
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				x, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				for _, fn := range useCaseFuncs[names[x.Name]] {
					assert.NotEqual(t, fn, sel.Sel.Name, "%s calls %s.%s: call app instead", dir, names[x.Name], fn)
				}
				return true
			})
		}
	}
}

// TestThePageDoesNotImportApp keeps the use cases (and the analysis and renderers they pull
// in) out of the page's app.wasm, which has a size budget: only the engine worker imports app.
func TestThePageDoesNotImportApp(t *testing.T) {
	for _, dir := range []string{"wasm", "web/ui", "web/engine/proto", "web/workspace"} {
		for _, f := range parseDir(t, dir) {
			assert.NotContains(t, imports(f), "app", "%s imports app", dir)
			for _, p := range imports(f) {
				assert.NotEqual(t, "failwright/app", p, "%s imports app", dir)
			}
		}
	}
}

// TestAppIsPure checks that app, like the engine, reads no file, serves no HTTP, touches no
// DOM and reads no clock.
func TestAppIsPure(t *testing.T) {
	for _, f := range parseDir(t, "app") {
		names := imports(f)
		for _, p := range names {
			assert.NotContains(t, []string{"os", "os/exec", "net/http", "syscall/js", "syscall"}, p)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && names[x.Name] == "time" {
					assert.NotContains(t, []string{"Now", "Since", "Until", "Sleep", "After", "Tick", "NewTimer", "NewTicker"}, sel.Sel.Name)
				}
			}
			return true
		})
	}
	_, err := os.Stat(filepath.Join(root, "go.mod"))
	require.NoError(t, err, "the test runs from app/")
}
