//go:build !js

package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestDamagedStorage stores a damaged workspace, reloads, and checks that the app says so,
// starts clean and offers the stored text for download, byte for byte.
func TestDamagedStorage(t *testing.T) {
	p := newPage(t, "/")
	dir := p.allowDownloads()
	damaged := `{"format":"failwright-workspace","version":1,"workspace":{"topology":`
	eval[bool](p, `(localStorage.setItem("failwright.workspace", `+jsString(damaged)+`), true)`)
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitFor(".notice-error")
	assert.Contains(t, p.text(".notice-error"), "damaged")
	assert.Equal(t, "Contoso", p.text("#ws-name"), "the app started with the starter workspace")
	p.screenshot("10-damaged-storage")
	p.click(".notice-error button.link")
	assert.Equal(t, damaged, string(p.downloaded(dir, "failwright-workspace-saved.json")))
	assert.Empty(t, p.errors(), "console errors")
}
