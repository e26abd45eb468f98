//go:build !js

package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// typeLine types a line in the tab's input with the given id and presses Enter.
func (b *tab) typeLine(id, line string) {
	b.t.Helper()
	b.act(`const e = document.getElementById(` + js(id) + `); e.focus(); e.value = ` + js(line) + `; e.dispatchEvent(new Event("input", {bubbles: true}))`)
	b.act(`document.getElementById(` + js(id) + `).dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}))`)
}

// text is the text of the element with the id ("" when there is none).
func (b *tab) text(id string) string {
	return evalIn[string](b, `(document.getElementById(`+js(id)+`) || {textContent: ""}).textContent`)
}

// classroomJourney is issue 20's "done when": a trainer and three trainees run the expert
// site-loss drill together in real Chromium against the Worker: open, join (a wrong code
// first), start, drill, a fault injected for everyone, the board changing, the end, the
// printed results; a late join to the ended class is refused with a clear message.
func classroomJourney(t *testing.T, base string) {
	browser := newBrowser(t)
	tr := open(t, browser, base+"/")
	tr.act(`document.getElementById("tab-scenarios").click()`)
	tr.act(`document.getElementById("class-open-panel").click()`)
	tr.poll(`!!document.querySelector('input[data-file="training-expert-site-loss.yaml"]')`) // the library has loaded
	require.True(t, evalIn[bool](tr, `document.querySelector('input[data-file="training-expert-site-loss.yaml"]').checked`), "the expert drill is picked")
	tr.act(`const e = document.getElementById("class-title"); e.value = "Night shift"; e.dispatchEvent(new Event("input", {bubbles: true}))`)
	tr.act(`document.getElementById("class-create").click()`)
	tr.poll(`document.getElementById("class-code") && document.getElementById("class-code").textContent.length === 8`)
	code := tr.text("class-code")
	joinLink := evalIn[string](tr, `document.getElementById("class-join-link").getAttribute("href")`)
	assert.True(t, strings.HasSuffix(joinLink, "#join="+code), joinLink)

	names := []string{"Ann", "Bob", "Cyd"}
	var trainees []*tab
	for i, n := range names {
		b := open(t, browser, base+"/#join="+code)
		b.poll(`!!document.getElementById("join-class")`)
		if i == 0 { // a wrong code first
			b.act(`const e = document.getElementById("join-code"); e.value = "AAAA-AAAA"; e.dispatchEvent(new Event("input", {bubbles: true}))`)
			b.act(`const e = document.getElementById("join-name"); e.value = "Ann"; e.dispatchEvent(new Event("input", {bubbles: true}))`)
			b.act(`document.getElementById("join-class").click()`)
			b.poll(`document.getElementById("class-error") && document.getElementById("class-error").textContent.includes("No class has the join code")`)
			b.act(`const e = document.getElementById("join-code"); e.value = ` + js(code) + `; e.dispatchEvent(new Event("input", {bubbles: true}))`)
		}
		assert.Equal(t, code, evalIn[string](b, `document.getElementById("join-code").value`), "the join link fills the code in")
		b.act(`const e = document.getElementById("join-name"); e.value = ` + js(n) + `; e.dispatchEvent(new Event("input", {bubbles: true}))`)
		b.act(`document.getElementById("join-class").click()`)
		b.poll(`(document.getElementById("class-trainee-status") || {textContent: ""}).textContent.includes("Waiting for the trainer")`)
		trainees = append(trainees, b)
	}
	tr.poll(`document.querySelectorAll("tr.board-row").length === 3`)

	tr.act(`document.getElementById("class-start").click()`)
	for _, b := range trainees {
		b.poll(`!!document.getElementById("class-input")`)
	}
	ann, bob, cyd := trainees[0], trainees[1], trainees[2]
	ann.typeLine("class-input", "Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force")
	ann.poll(`document.getElementById("class-log").textContent.includes("Invoke-CsManagementServerFailover -BackupSqlServerFqdn")`)
	bob.act(`document.getElementById("class-hint").click()`)
	bob.poll(`document.getElementById("class-log").textContent.includes("Hint:")`)
	tr.poll(`document.querySelector('tr[data-name="Bob"] .board-hints').textContent === "1"`)
	tr.poll(`document.querySelector('tr[data-name="Ann"] .board-last') !== null`)

	// The trainer injects a fault: it reaches every trainee's page, and the board changes.
	before := tr.text("class-board")
	tr.act(`const e = document.getElementById("class-fault"); e.value = "Stop-SimSite -Site Dallas"; e.dispatchEvent(new Event("input", {bubbles: true}))`)
	tr.act(`document.getElementById("class-inject").click()`)
	for _, b := range trainees {
		b.poll(`document.getElementById("class-log").textContent.includes("The trainer injects a fault: Stop-SimSite -Site Dallas")`)
	}
	cyd.typeLine("class-input", "Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force")
	tr.poll(`document.querySelector('tr[data-name="Cyd"] .board-commands').textContent === "1 (1 failed)"`)
	assert.NotEqual(t, before, tr.text("class-board"), "the board changed")

	tr.act(`document.getElementById("class-end").click()`)
	for _, b := range trainees {
		b.poll(`document.getElementById("class-trainee-status").textContent === "The class has ended."`)
		b.poll(`!!document.getElementById("class-score")`)
	}
	late := open(t, browser, base+"/#join="+code)
	late.poll(`!!document.getElementById("join-class")`)
	late.act(`const e = document.getElementById("join-name"); e.value = "Dee"; e.dispatchEvent(new Event("input", {bubbles: true}))`)
	late.act(`document.getElementById("join-class").click()`)
	late.poll(`(document.getElementById("class-error") || {textContent: ""}).textContent.includes("The class has ended")`)

	// Print: the results page opens in a window of its own (caught here, with the Blob it
	// shows: the page's CSP lets nothing fetch a blob: URL) and prints.
	evalIn[bool](tr, `(() => { window.__printed = ""; const mk = URL.createObjectURL;
		URL.createObjectURL = (b) => { window.__blob = b; return mk.call(URL, b) };
		window.open = (u) => { window.__printed = u; return null }; return true })()`)
	tr.act(`document.getElementById("class-print").click()`)
	tr.poll(`window.__printed !== ""`)
	page := evalIn[string](tr, `window.__blob.text()`)
	assert.Contains(t, page, "Class results: Night shift")
	assert.Contains(t, page, "@media print")
	for _, n := range names {
		assert.Contains(t, page, n)
	}

	for _, b := range append(trainees, tr, late) {
		for _, e := range b.errors() {
			assert.NotContains(t, e, "Content Security Policy")
		}
	}
}
