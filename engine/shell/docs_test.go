package shell

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

const docsPath = "../../docs/shell.md"

// TestDocsReference checks that the cmdlet table in docs/shell.md is the one the catalog
// generates; -update rewrites it.
func TestDocsReference(t *testing.T) {
	data, err := os.ReadFile(docsPath)
	require.NoError(t, err)
	doc := string(data)
	const begin, end = "<!-- BEGIN cmdlet-reference -->\n", "<!-- END cmdlet-reference -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	require.True(t, i >= 0 && j > i, "docs/shell.md has the reference markers")
	want := Default.MarkdownReference()
	if *update {
		doc = doc[:i+len(begin)] + want + doc[j:]
		require.NoError(t, os.WriteFile(docsPath, []byte(doc), 0o644))
		return
	}
	assert.Equal(t, want, doc[i+len(begin):j], "run go test ./engine/shell -run TestDocsReference -update")
}
