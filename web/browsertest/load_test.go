//go:build !js

package browsertest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLoad opens the app and checks that it becomes interactive with a clean console under a
// Content-Security-Policy without 'unsafe-eval' (no string is ever evaluated: vugu's helper
// comes from vugu-helper.js); it logs the time to interactive (the budget is 1.5 s) without
// asserting it.
func TestLoad(t *testing.T) {
	p := newPage(t, "/")
	tti := eval[float64](p, `window.failwrightReadyAt`)
	t.Logf("time to interactive: %.0f ms (budget 1500 ms)", tti)
	assert.Equal(t, "failwright", eval[string](p, `document.querySelector("h1").textContent`))
	assert.False(t, eval[bool](p, `!!document.getElementById("loader")`), "the loader is gone")
	assert.Empty(t, p.errors(), "console errors")
	assert.Equal(t, "EvalError", eval[string](p, `(() => { try { window.eval("1"); return "evaluated" } catch (e) { return e.name } })()`),
		"window.eval refuses any text but vugu's helper")
	csp := eval[string](p, `fetch(location.href).then((r) => r.headers.get("Content-Security-Policy"))`)
	assert.Contains(t, csp, "script-src 'self' 'wasm-unsafe-eval';", "the page is served without 'unsafe-eval'")
}
