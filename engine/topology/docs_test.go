package topology

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../docs/" + name)
	require.NoError(t, err)
	return string(data)
}

var codeRow = regexp.MustCompile("(?m)^\\| (FW\\d{4}) \\| (error|warning|info) \\| (strict)? *\\|")

// TestValidationDocCodes checks that docs/validation.md lists every code with its severity
// and strictness, and no code the validator does not have.
func TestValidationDocCodes(t *testing.T) {
	doc := readDoc(t, "validation.md")
	rows := map[string][]string{}
	for _, m := range codeRow.FindAllStringSubmatch(doc, -1) {
		rows[m[1]] = m
	}
	for _, r := range Rules {
		m, ok := rows[r.Code]
		if !assert.True(t, ok, "validation.md documents %s (%s)", r.Code, r.Title) {
			continue
		}
		assert.Equal(t, string(r.Severity), m[2], "severity of %s", r.Code)
		assert.Equal(t, r.Strict, m[3] == "strict", "strictness of %s", r.Code)
	}
	for code := range rows {
		_, ok := RuleFor(code)
		assert.True(t, ok, "validation.md documents %s, which the validator does not have", code)
	}
}
