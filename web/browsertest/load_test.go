//go:build !js

package browsertest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLoad opens the app and checks that it becomes interactive with a clean console; it logs
// the time to interactive (the budget is 1.5 s) without asserting it.
func TestLoad(t *testing.T) {
	p := newPage(t, "/")
	tti := eval[float64](p, `window.failwrightReadyAt`)
	t.Logf("time to interactive: %.0f ms (budget 1500 ms)", tti)
	assert.Equal(t, "failwright", eval[string](p, `document.querySelector("h1").textContent`))
	assert.False(t, eval[bool](p, `!!document.getElementById("loader")`), "the loader is gone")
	assert.Empty(t, p.errors(), "console errors")
}
