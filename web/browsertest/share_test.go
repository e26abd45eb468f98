//go:build !js

package browsertest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/web/assets"
	"failwright/web/server"
)

// fakeWorker serves the app like the Cloudflare Worker does: the static files, /api/health
// naming the Worker, and an in-memory /api/shares.
func fakeWorker(t *testing.T) *httptest.Server {
	t.Helper()
	static, err := server.New(assets.FS())
	require.NoError(t, err)
	var mu sync.Mutex
	shares := map[string][]byte{}
	mux := http.NewServeMux()
	mux.Handle("/", static)
	mux.HandleFunc("GET /api/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"service":"failwright-worker"}`)
	})
	mux.HandleFunc("POST /api/shares", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !json.Valid(body) {
			http.Error(w, "bad json", 400)
			return
		}
		mu.Lock()
		id := "s" + itoa(len(shares)+1)
		shares[id] = body
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		json.NewEncoder(w).Encode(map[string]string{"id": id, "url": "/#share=" + id}) // relative, as the Worker's
	})
	mux.HandleFunc("GET /api/shares/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.PathValue("id"), "s") {
			// The Worker's answer to an ID that is not one of its IDs (docs/api.md).
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(400)
			io.WriteString(w, `{"type":"tag:failwright,2026:problem:invalid-field","title":"Invalid field","status":400,"detail":"id must be a version 4 UUID","field":"id"}`)
			return
		}
		mu.Lock()
		body, ok := shares[r.PathValue("id")]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// TestShare shares a workspace through the Worker's API and opens the link in a fresh
// browser: the workspace, and the simulation's state, arrive intact.
func TestShare(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	ws := fakeWorker(t)

	p := newPageAt(t, ws.URL+"/")
	p.waitFor("#share")
	p.typeIn("#topo-name", "Shared drill")
	p.click("#tab-simulate")
	p.shell("Stop-SimSite -Site Seattle")
	p.click("#share")
	p.waitFor("#share-url")
	url := eval[string](p, `document.getElementById("share-url").href`)
	require.True(t, strings.Contains(url, "#share=s1"), url)

	q := newPageAt(t, url)
	q.poll(`document.getElementById("ws-name").textContent === "Shared drill"`, 15*time.Second)
	q.click("#tab-simulate")
	assert.Equal(t, "Down", eval[string](q, `document.querySelector('g[data-pool="sea-pool.contoso.com"]').dataset.health`))
	assert.Empty(t, p.errors(), "console errors")
	assert.Empty(t, q.errors(), "console errors")
}

// newPageAt opens a fresh tab, in a fresh browser context, on url and waits until the app is
// interactive.
func newPageAt(t *testing.T, url string) *page {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	require.NoError(t, setupErr)
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	p := &page{t: t, ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.console = append(p.console, m)
			p.mu.Unlock()
		}
	}()
	tctx, tcancel := context.WithTimeout(ctx, 30*time.Second)
	defer tcancel()
	require.NoError(t, chromedp.Do(tctx, chromedp.Navigate(url)))
	p.waitReady()
	return p
}

// TestShareLinks: the link shown is absolute and copies; a share link pasted into an open
// tab loads it; a malformed one shows the API's own message.
func TestShareLinks(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	ws := fakeWorker(t)

	p := newPageAt(t, ws.URL+"/")
	p.waitFor("#share")
	p.typeIn("#topo-name", "Shared drill")
	p.click("#share")
	p.waitFor("#share-url")
	assert.Equal(t, ws.URL+"/#share=s1", p.text("#share-url"), "the link shown is absolute")
	p.click("#share-copy")
	p.poll(`document.getElementById("share-copy").textContent === "Copied"`, 5*time.Second)

	// Another tab, open on the untouched starter: the link pasted into its address bar.
	q := newPageAt(t, ws.URL+"/")
	q.waitFor("#share")
	q.act(`location.hash = "#share=s1"`)
	q.poll(`document.getElementById("ws-name").textContent === "Shared drill"`, 15*time.Second)
	assert.Equal(t, "", eval[string](q, `location.hash`), "a reload restores the saved workspace, without asking to open the link again")
	q.waitSaved()
	q.do(chromedp.Reload())
	q.waitReady()
	assert.Equal(t, "Shared drill", q.text("#ws-name"))

	q.act(`location.hash = "#share=bad-id"`)
	q.poll(`[...document.querySelectorAll(".notice-error .notice-text")].some((e) => e.textContent.includes("Invalid field: id must be a version 4 UUID."))`, 15*time.Second)
	assert.NotContains(t, q.text(".notices"), "HTTP 400")
	assert.Equal(t, "Shared drill", q.text("#ws-name"), "a link that does not load leaves the workspace alone")
	assert.Empty(t, p.errors(), "console errors")
}
