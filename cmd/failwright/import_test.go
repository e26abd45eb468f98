package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// importdata is where the importer's own test files are.
const importdata = "../../engine/importer/testdata/"

// cliRun runs "failwright args..." and renders the exit code and both streams as one
// transcript.
func cliRun(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(args, strings.NewReader(""), &out, &errb)
	var b strings.Builder
	fmt.Fprintf(&b, "$ failwright %s\nexit %d\n", strings.Join(args, " "), code)
	if out.Len() > 0 {
		b.WriteString("--- stdout\n" + out.String())
	}
	if errb.Len() > 0 {
		b.WriteString("--- stderr\n" + errb.String())
	}
	return code, b.String()
}

// TestImportFiles pins import, and validate, plan, analyze and shell handed an import file,
// on the importer's test files: complete (0), with gaps (1), malformed or unresolved (2).
func TestImportFiles(t *testing.T) {
	comp := importdata + "litware-completion.yaml"
	xml := importdata + "litware-published.xml"
	tests := []struct {
		golden string
		code   int
		args   []string
	}{
		{"gaps.golden", exitFail, []string{"import", xml}},
		{"completed.golden", exitOK, []string{"import", xml, "--completion", comp}},
		{"utf16-json.golden", exitOK, []string{"import", importdata + "litware-published-utf16.xml", "--completion=" + comp, "--format", "json"}},
		{"tbxml.golden", exitFail, []string{"import", importdata + "fabrikam.tbxml"}},
		{"ps1-unresolved.golden", exitUsage, []string{"import", importdata + "publish.ps1"}},
		{"ps1-set.golden", exitFail, []string{"import", importdata + "publish.ps1", "--set", "PoolFqdn=se01.contoso.com", "--set", "$SiteName=HQ (Redmond)", "--set=DomainName=contoso.com"}},
		{"bad-completion.golden", exitUsage, []string{"import", xml, "--completion", "testdata/import/bad-completion.yaml"}},
		{"not-xml.golden", exitUsage, []string{"import", "testdata/import/broken.xml"}},
		{"bad-format.golden", exitUsage, []string{"import", xml, "--format", "toml"}},
		{"bad-set.golden", exitUsage, []string{"import", xml, "--set", "novalue"}},
		{"no-file.golden", exitUsage, []string{"import"}},
		{"validate-gaps.golden", exitFail, []string{"validate", xml}},
		{"validate-completed.golden", exitOK, []string{"validate", xml, "--completion", comp}},
		{"validate-malformed.golden", exitUsage, []string{"validate", "testdata/import/broken.xml"}},
		{"plan-gaps.golden", exitFail, []string{"plan", xml, "--pool", "red-pool1.litwareinc.com"}},
		{"plan-completed.golden", exitOK, []string{"plan", xml, "--completion", comp, "--pool", "red-pool1.litwareinc.com", "--format", "ps1"}},
		{"analyze-completed.golden", exitFail, []string{"analyze", xml, "--completion", comp, "--depth", "1"}},
		{"analyze-gaps.golden", exitFail, []string{"analyze", xml, "--depth", "1"}},
		{"shell-gaps.golden", exitFail, []string{"shell", xml}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			code, got := cliRun(t, tt.args...)
			assert.Equal(t, tt.code, code, got)
			testkit.Golden(t, filepath.Join("testdata", "import", tt.golden), got)
		})
	}
}

// TestImportWritesOut checks -o: the file holds what standard output would, and gaps still
// write it.
func TestImportWritesOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "litware.yaml")
	var stdout, stderr bytes.Buffer
	code := runMain([]string{"import", importdata + "litware-published.xml", "-o", out}, nil, &stdout, &stderr)
	assert.Equal(t, exitFail, code)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	stdout.Reset()
	runMain([]string{"import", importdata + "litware-published.xml"}, nil, &stdout, &bytes.Buffer{})
	assert.Equal(t, stdout.String(), string(written))
	assert.Contains(t, stderr.String(), "wrote "+out)
}

// TestShellOnImport runs a script in the shell on a completed import.
func TestShellOnImport(t *testing.T) {
	var out, errb bytes.Buffer
	code := runMain([]string{"shell", importdata + "litware-published.xml", "--completion", importdata + "litware-completion.yaml"},
		strings.NewReader("Get-CsPoolBackupRelationship -PoolFqdn red-pool1.litwareinc.com\n"), &out, &errb)
	assert.Equal(t, exitOK, code, errb.String())
	assert.Contains(t, out.String(), "dub-pool1.litwareinc.com")
}
