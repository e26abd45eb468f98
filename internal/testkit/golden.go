package testkit

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the one -update flag of every package that uses the kit.
var update = flag.Bool("update", false, "rewrite golden files and transcripts with the output the tests get")

// Updating reports whether the tests run with -update, for a test that rewrites a file the kit
// does not compare itself.
func Updating() bool { return *update }

// Golden compares got with the file at path and reports a line diff when they differ; with
// -update it writes got to path instead (creating the folders it needs).
func Golden[T ~string | ~[]byte](t testing.TB, path string, got T) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test -update to create it)", err)
		return
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from what the test got (- file, + got; go test -update accepts it):\n%s", path, Diff(string(want), string(got)))
	}
}
