package shell

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

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
	testkit.Golden(t, docsPath, doc[:i+len(begin)]+Default.MarkdownReference()+doc[j:])
}
