//go:build !js

package browsertest

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/web/assets"
	"failwright/web/server"
)

// TestOffline loads the app once, waits for its service worker to keep a copy, then stops the
// server and reloads: the app still opens, from the copy, and simulates.
func TestOffline(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	h, err := server.New(assets.FS())
	require.NoError(t, err)
	own := httptest.NewServer(h)
	defer own.Close()

	p := newPageAt(t, own.URL+"/")
	p.poll(`(async () => { const c = await caches.open("failwright-app-v2"); return !!(await c.match("engine.wasm")) && !!navigator.serviceWorker.controller; })()`, 40*time.Second)
	own.Close()

	p.do(chromedp.Reload())
	p.waitReady()
	assert.Equal(t, "Contoso", p.text("#ws-name"))
	p.click("#tab-simulate")
	p.shell("Stop-SimSite -Site Seattle")
	p.poll(`document.querySelector('g[data-pool="sea-pool.contoso.com"]').dataset.health === "Down"`, 10*time.Second)
}
