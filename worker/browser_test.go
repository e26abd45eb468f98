//go:build !js

package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium is Debian's browser, which "make test" installs for the browser tests.
const chromium = "/usr/bin/chromium"

// tab is one browser tab, in its own browser context (its own storage), on the Worker.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

// newBrowser starts a headless Chromium for the test and returns its context, or skips the
// test when Chromium is not installed.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skip(chromium + " is absent: 'make test' installs it (deps-chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(bctx), "starting chromium")
	return bctx
}

// open opens url in a fresh browser context and waits until the app is interactive.
func open(t *testing.T, browser context.Context, url string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	b := &tab{t: t, ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.problems = append(b.problems, m.String())
				b.mu.Unlock()
			}
		}
	}()
	run, cancelRun := context.WithTimeout(ctx, 30*time.Second)
	defer cancelRun()
	require.NoError(t, chromedp.Do(run, chromedp.Navigate(url)))
	b.poll(`document.body.dataset.ready === "1"`)
	return b
}

// eval evaluates a JavaScript expression in the tab.
func evalIn[T any](b *tab, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	require.NoError(b.t, err, "evaluating %s", js)
	return v
}

// poll waits up to 20 seconds until the expression is truthy.
func (b *tab) poll(js string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 25*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second)))
	require.NoError(b.t, err, "waiting for %s; console errors: %v", js, b.errors())
}

// act dispatches an event with JavaScript and waits until the app has rendered again.
func (b *tab) act(js string) {
	b.t.Helper()
	before := evalIn[int](b, `+document.getElementById("app").dataset.renders`)
	evalIn[bool](b, `(() => { `+js+`; return true })()`)
	b.poll(`+document.getElementById("app").dataset.renders > ` + strconv.Itoa(before))
}

func (b *tab) errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// js quotes s as a JavaScript string literal.
func js(s string) string { return strconv.Quote(s) }

// shareJourney is the "done when": one browser opens the page from the Worker, changes
// the workspace and shares it; a second browser opens the link and sees the same workspace.
// Both run under the Content-Security-Policy the Worker serves, with no console errors.
func shareJourney(t *testing.T, base string) {
	browser := newBrowser(t)
	a := open(t, browser, base+"/")
	a.poll(`!!document.querySelector("#share")`) // the page found /api/health
	name := evalIn[string](a, `document.getElementById("ws-name").textContent`)
	require.NotEmpty(t, name)

	// Run a shell line, so that the shared workspace holds more than the topology.
	a.act(`document.getElementById("tab-simulate").click()`)
	a.poll(`!!document.querySelector("#shell-input")`)
	a.act(`const e = document.getElementById("shell-input"); e.focus(); e.value = "Get-CsPool"; e.dispatchEvent(new Event("input", {bubbles: true}))`)
	a.act(`document.getElementById("shell-input").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}))`)

	a.act(`document.getElementById("share").click()`)
	a.poll(`!!document.querySelector("#share-url")`)
	link := evalIn[string](a, `document.getElementById("share-url").getAttribute("href")`)
	link = strings.TrimPrefix(link, base) // the page shows the link absolute, to be copied
	require.True(t, strings.HasPrefix(link, "/#share="), link)
	id := strings.TrimPrefix(link, "/#share=")
	assert.Regexp(t, uuidV4, id)

	stored := evalIn[string](a, `fetch("/api/shares/`+id+`").then(r => r.text())`)
	assert.Contains(t, stored, `"Get-CsPool"`, "the share holds the shell line run before sharing")
	assert.Contains(t, stored, `"failwright-workspace"`, "the share is the page's own workspace document")

	b := open(t, browser, base+link)
	b.poll(`document.getElementById("ws-name").textContent === ` + js(name))
	assert.Equal(t, name, evalIn[string](b, `document.getElementById("ws-name").textContent`), "the second browser sees the same topology")

	for _, tb := range []*tab{a, b} {
		for _, e := range tb.errors() {
			assert.NotContains(t, e, "Content Security Policy", "the page runs under the Worker's CSP")
		}
	}
	assert.Empty(t, a.errors(), "console errors in the sharing browser")
	assert.Empty(t, b.errors(), "console errors in the opening browser")
}
