//go:build !js

package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestPhoneNoSidewaysScroll opens every tab on a 390-pixel-wide phone: the page never
// scrolls sideways (wide content such as the diagram scrolls inside its own box).
func TestPhoneNoSidewaysScroll(t *testing.T) {
	p := newPage(t, "/")
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile))
	p.do(chromedp.Reload())
	p.waitReady()
	for _, tab := range []string{"Topology", "Simulate", "Scenarios", "Plans", "Analysis"} {
		p.clickTab(tab)
		if tab == "Plans" {
			p.click("#plan-build")
			p.waitFor("#plan-preview")
		}
		w := eval[int](p, `document.documentElement.scrollWidth`)
		if !assert.LessOrEqual(t, w, 390, "the %s tab scrolls sideways", tab) {
			t.Log(eval[string](p, `[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 391).slice(0, 12).map((e) => e.tagName + "#" + e.id + "." + e.className.baseVal + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join("\n")`))
		}
	}
	p.screenshot("16-phone")
	assert.Empty(t, p.errors(), "console errors")
}
