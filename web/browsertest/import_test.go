//go:build !js

package browsertest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportFile imports topology files through the file picker: a broken one (errors with
// line and column, nothing changes), then a good one; then exports it back.
func TestImportFile(t *testing.T) {
	p := newPage(t, "/")
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	require.NoError(t, os.WriteFile(broken, []byte("name: Broken\nsites:\n  - name: A\n    bogus: 1\n"), 0o644))
	good, err := filepath.Abs(filepath.Join("..", "..", "scenarios", "topologies", "standard-pair.yaml"))
	require.NoError(t, err)

	p.click("#import")
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{broken}))
	p.waitFor("#import-errors li")
	assert.Contains(t, p.text("#import-errors"), "broken.yaml:4:5")
	assert.Equal(t, "Contoso", p.text("#ws-name"))

	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{good}))
	p.poll(`!document.getElementById("import-dialog")`, 15*time.Second)
	assert.NotEqual(t, "Contoso", p.text("#ws-name"))

	downloads := p.allowDownloads()
	p.click("#export-yaml")
	entries := func() []os.DirEntry { e, _ := os.ReadDir(downloads); return e }
	p.pollGo(func() bool { return len(entries()) == 1 && filepath.Ext(entries()[0].Name()) == ".yaml" }, 15*time.Second)
	assert.Empty(t, p.errors(), "console errors")
}
