//go:build !js

package browsertest

import (
	"time"
)

// renders reads how many times the app has rendered.
func (p *page) renders() int {
	p.t.Helper()
	return eval[int](p, `+(document.getElementById("app") || {dataset: {renders: "0"}}).dataset.renders`)
}

// act runs JavaScript that triggers an app event and waits until the app has rendered it.
func (p *page) act(js string) {
	p.t.Helper()
	// Let deferred work (validation, saving, engine answers already in flight) finish first,
	// so that the render counted below is the one this event causes.
	eval[bool](p, `new Promise((r) => requestIdleCallback(() => r(true), {timeout: 2000}))`)
	before := p.renders()
	eval[bool](p, `(() => { `+js+`; return true })()`)
	p.poll(`+document.getElementById("app").dataset.renders > `+itoa(before), 10*time.Second)
}

// click clicks the element matching a CSS selector.
func (p *page) click(sel string) {
	p.t.Helper()
	p.waitFor(sel)
	p.act(`document.querySelector(` + jsString(sel) + `).dispatchEvent(new MouseEvent("click", {bubbles: true}))`)
}

// typeIn sets a text field as if the user had typed value.
func (p *page) typeIn(sel, value string) {
	p.t.Helper()
	p.waitFor(sel)
	p.act(`const e = document.querySelector(` + jsString(sel) + `); e.focus(); e.value = ` + jsString(value) + `; e.dispatchEvent(new Event("input", {bubbles: true}))`)
}

// choose selects an option of a <select>.
func (p *page) choose(sel, value string) {
	p.t.Helper()
	p.waitFor(sel)
	p.act(`const e = document.querySelector(` + jsString(sel) + `); e.value = ` + jsString(value) + `; e.dispatchEvent(new Event("change", {bubbles: true}))`)
}

// key sends a keydown to the element.
func (p *page) key(sel, key string) {
	p.t.Helper()
	p.waitFor(sel)
	p.act(`document.querySelector(` + jsString(sel) + `).dispatchEvent(new KeyboardEvent("keydown", {key: ` + jsString(key) + `, bubbles: true, cancelable: true}))`)
}

// shell types a line into the shell prompt and presses Enter.
func (p *page) shell(line string) {
	p.t.Helper()
	p.typeIn("#shell-input", line)
	p.key("#shell-input", "Enter")
}

// waitFor waits until an element matches sel.
func (p *page) waitFor(sel string) {
	p.t.Helper()
	p.poll(`!!document.querySelector(`+jsString(sel)+`)`, 10*time.Second)
}

// text returns the text of the element matching sel ("" when there is none).
func (p *page) text(sel string) string {
	p.t.Helper()
	return eval[string](p, `(document.querySelector(`+jsString(sel)+`) || {textContent: ""}).textContent`)
}

// exists reports whether an element matches sel.
func (p *page) exists(sel string) bool {
	p.t.Helper()
	return eval[bool](p, `!!document.querySelector(`+jsString(sel)+`)`)
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// clickNative clicks an element the browser handles itself (no app render follows).
func (p *page) clickNative(sel string) {
	p.t.Helper()
	p.waitFor(sel)
	eval[bool](p, `(document.querySelector(`+jsString(sel)+`).click(), true)`)
}
