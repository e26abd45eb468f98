package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that records failures instead of failing the test.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

// withUpdate runs f as if the tests ran with -update.
func withUpdate(t *testing.T, f func()) {
	old := *update
	*update = true
	t.Cleanup(func() { *update = old })
	f()
	*update = old
}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")

	r := &recorder{TB: t}
	Golden(r, path, "a\n")
	require.Len(t, r.failures, 1, "a missing file fails")
	assert.Contains(t, r.failures[0], "run go test -update to create it")

	withUpdate(t, func() { Golden(t, path, []byte("a\nb\nc\n")) })
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "a\nb\nc\n", string(data), "-update writes the file, folders included")

	r = &recorder{TB: t}
	Golden(r, path, "a\nb\nc\n")
	assert.Empty(t, r.failures, "the same bytes pass")

	Golden(r, path, "a\nB\nc\n")
	require.Len(t, r.failures, 1, "a mismatch fails")
	assert.Contains(t, r.failures[0], path+" differs")
	assert.Contains(t, r.failures[0], "@@ line 1 @@\n  a\n- b\n+ B\n  c\n")

	Golden(r, path, "a\nb\nc")
	require.Len(t, r.failures, 2)
	assert.Contains(t, r.failures[1], "only in their final newline")
}

func TestDiff(t *testing.T) {
	var long, longer string
	for i := range 20 {
		long += fmt.Sprintf("line %d\n", i+1)
		if i == 4 {
			longer += "inserted\n"
		}
		if i != 15 {
			longer += fmt.Sprintf("line %d\n", i+1)
		}
	}
	for _, tc := range []struct {
		name, want, got, diff string
	}{
		{"equal", "a\n", "a\n", ""},
		{"empty file", "", "a\n", "@@ line 1 @@\n+ a\n"},
		{"trailing blank", "a\n", "a \n", "@@ line 1 @@\n- a\n+ \"a \"\n"},
		{"two hunks", long, longer,
			"@@ line 2 @@\n  line 2\n  line 3\n  line 4\n+ inserted\n  line 5\n  line 6\n  line 7\n" +
				"@@ line 13 @@\n  line 13\n  line 14\n  line 15\n- line 16\n  line 17\n  line 18\n  line 19\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.diff, Diff(tc.want, tc.got)) })
	}
}
