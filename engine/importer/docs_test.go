package importer

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var docRow = regexp.MustCompile("(?m)^\\| (FW11\\d\\d) \\| (error|warning|info) \\| (gap|bad input|note) \\|")

func readImportDoc(t *testing.T) string {
	data, err := os.ReadFile("../../docs/import.md")
	require.NoError(t, err)
	return string(data)
}

// TestDocCodes checks that docs/import.md lists every importer code with its severity and
// kind, and no code the importer does not have.
func TestDocCodes(t *testing.T) {
	rows := map[string][]string{}
	for _, m := range docRow.FindAllStringSubmatch(readImportDoc(t), -1) {
		rows[m[1]] = m
	}
	known := map[string]bool{}
	for _, r := range Rules {
		known[r.Code] = true
		m, ok := rows[r.Code]
		if !assert.True(t, ok, "import.md documents %s (%s)", r.Code, r.Title) {
			continue
		}
		assert.Equal(t, string(r.Severity), m[2], r.Code)
		kind := map[bool]string{true: "gap"}[r.Gap]
		if r.BadInput {
			kind = "bad input"
		} else if !r.Gap {
			kind = "note"
		}
		assert.Equal(t, kind, m[3], r.Code)
	}
	for code := range rows {
		assert.True(t, known[code], "import.md documents %s, which the importer does not have", code)
	}
}

// TestDocCompletion decodes the completion example in docs/import.md and applies it to the
// test file it names.
func TestDocCompletion(t *testing.T) {
	doc := readImportDoc(t)
	start := strings.Index(doc, "```yaml\n")
	require.GreaterOrEqual(t, start, 0)
	body := doc[start+len("```yaml\n"):]
	body = body[:strings.Index(body, "```")]
	c, fs := DecodeCompletion("import.md", []byte(body))
	require.Empty(t, fs)
	r := Import("litware.xml", readTestdata(t, "litware-published.xml"), Options{Completion: c})
	require.False(t, r.Malformed, "%v", r.Findings)
	assert.False(t, r.Gaps(), "%v", r.Findings)
}
