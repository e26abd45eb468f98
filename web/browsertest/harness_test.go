//go:build !js

package browsertest

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"failwright/web/assets"
	"failwright/web/server"
)

const chromiumPath = "/usr/bin/chromium"

var screenshots = flag.Bool("screenshots", false, "write the screenshots to docs/screenshots/*.png (make screenshots); without it they go to a temporary directory")

// The one browser and one server that every test shares; each test opens its own tab in its
// own browser context, so storage does not leak between tests.
var (
	browserCtx context.Context
	srv        *httptest.Server
	setupErr   error
	skipReason string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := func() int {
		if _, err := os.Stat(chromiumPath); err != nil {
			skipReason = chromiumPath + " is absent: run 'make test' (it installs Debian's chromium) to run the browser tests"
			return m.Run()
		}
		if !assets.Built() {
			setupErr = fmt.Errorf("the web app is not built into web/assets: run 'make web' first")
			return m.Run()
		}
		h, err := server.New(assets.FS())
		if err != nil {
			setupErr = err
			return m.Run()
		}
		srv = httptest.NewServer(h)
		defer srv.Close()
		dir, err := os.MkdirTemp("", "failwright-chromium-")
		if err != nil {
			setupErr = err
			return m.Run()
		}
		defer os.RemoveAll(dir)
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(chromiumPath),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.WindowSize(1400, 900),
			chromedp.UserDataDir(dir),
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		defer cancelAlloc()
		bctx, cancelBrowser := chromedp.NewContext(actx)
		defer cancelBrowser()
		if err := chromedp.Do(bctx); err != nil { // start the browser
			setupErr = fmt.Errorf("starting chromium: %w", err)
			return m.Run()
		}
		browserCtx = bctx
		return m.Run()
	}()
	os.Exit(code)
}

// page is one tab on the app.
type page struct {
	t   *testing.T
	ctx context.Context

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// newPage opens a fresh tab, in a fresh browser context, on the app at path (for example
// "/" or "/#share=x") and waits until the app is interactive.
func newPage(t *testing.T, path string) *page {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	require.NoError(t, setupErr)
	return newPageAt(t, srv.URL+path)
}

// waitReady waits until the app has rendered once after a (re)load.
func (p *page) waitReady() {
	p.t.Helper()
	p.poll(`document.body.dataset.ready === "1"`, 20*time.Second)
}

// do runs actions, failing the test on error.
func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	require.NoError(p.t, chromedp.Do(ctx, actions...))
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	require.NoError(p.t, err, "evaluating %s", js)
	return v
}

// poll waits until the JavaScript expression is truthy.
func (p *page) poll(js string, timeout time.Duration) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout+5*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(timeout)))
	require.NoError(p.t, err, "waiting for %s", js)
}

// errors returns the console errors and exceptions seen so far.
func (p *page) errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, m := range p.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

// screenshot saves the page to docs/screenshots/NAME.png.
func (p *page) screenshot(name string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(p.t, err)
	dir := p.t.TempDir()
	if *screenshots {
		dir = filepath.Join("..", "..", "docs", "screenshots")
	}
	require.NoError(p.t, os.MkdirAll(dir, 0o755))
	require.NoError(p.t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "</", `<\/`)
	return `"` + r.Replace(s) + `"`
}

// allowDownloads saves the tab's downloads into a fresh directory, under their own names, and
// returns the directory.
func (p *page) allowDownloads() string {
	p.t.Helper()
	dir := p.t.TempDir()
	yes := true
	_, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
		DownloadPath:     dir,
		EventsEnabled:    &yes,
	})
	require.NoError(p.t, err)
	return dir
}

// downloaded waits until the file name appears, complete, in dir and returns its content.
func (p *page) downloaded(dir, name string) []byte {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil && len(data) > 0 {
			if _, err := os.Stat(filepath.Join(dir, name+".crdownload")); os.IsNotExist(err) {
				return data
			}
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			p.t.Fatalf("download %s did not arrive in %s (found %v)", name, dir, names)
		}
		// Downloads are written by the browser process; poll the file system gently.
		<-time.After(50 * time.Millisecond)
	}
}

// pollGo waits until cond holds, checking it every 50 ms (for conditions outside the page,
// such as a downloaded file).
func (p *page) pollGo(cond func() bool, timeout time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			p.t.Fatalf("condition not met within %v", timeout)
		}
		<-time.After(50 * time.Millisecond)
	}
}
