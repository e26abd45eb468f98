//go:build !js

package browsertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestKeyboard moves between the tabs with the arrow keys and inspects a pool of the diagram
// with the keyboard alone.
func TestKeyboard(t *testing.T) {
	p := newPage(t, "/")
	eval[bool](p, `(document.getElementById("tab-topology").focus(), true)`)
	p.key("#tab-topology", "ArrowRight")
	p.poll(`document.activeElement && document.activeElement.id === "tab-simulate"`, 5*time.Second)
	assert.Equal(t, "true", eval[string](p, `document.getElementById("tab-simulate").getAttribute("aria-selected")`))
	assert.Equal(t, "-1", eval[string](p, `document.getElementById("tab-topology").getAttribute("tabindex")`))

	eval[bool](p, `(document.querySelector('g[data-pool="den-pool.contoso.com"]').focus(), true)`)
	p.key(`g[data-pool="den-pool.contoso.com"]`, "Enter")
	p.waitFor("#inspect-title")
	assert.Equal(t, "den-pool.contoso.com", p.text("#inspect-title"))
	assert.Empty(t, p.errors(), "console errors")
}
