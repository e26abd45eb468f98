package plan

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryCodeIsDocumented: every PLxxx code the package can report has its row in the
// findings table of docs/plans.md, and the table lists no code the package does not use.
func TestEveryCodeIsDocumented(t *testing.T) {
	code := regexp.MustCompile(`"(PL\d{3})"`)
	used := map[string]bool{}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if filepath.Ext(f) == ".go" && !regexp.MustCompile(`_test\.go$`).MatchString(f) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range code.FindAllStringSubmatch(string(src), -1) {
				used[m[1]] = true
			}
		}
	}
	doc, err := os.ReadFile("../../docs/plans.md")
	require.NoError(t, err)
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| (PL\d{3}) \| (error|warning|info) \|`).FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = true
	}
	keys := func(m map[string]bool) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, keys(used), keys(documented))
}
