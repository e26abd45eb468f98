//go:build !js

package browsertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestEditorForms fills the forms added for branches, registrar timers, back-end details and
// the Backup Service, seeing each validation message appear next to its field as the value
// is typed and go when it is fixed, and the changes reach the simulator.
func TestEditorForms(t *testing.T) {
	p := newPage(t, "/")

	// The Backup Service sync interval: out of range, then a documented change.
	p.typeIn("#backup-sync", "3")
	p.waitFor("#backup-sync-msgs .msg.error")
	assert.Contains(t, p.text("#backup-sync-msgs"), "FW0714")
	p.typeIn("#backup-sync", "300")
	p.poll(`document.getElementById("backup-sync-msgs").textContent.includes("FW0715")`, 5*time.Second)
	p.typeIn("#backup-sync", "")
	p.poll(`!document.querySelector("#backup-sync-msgs .msg")`, 5*time.Second)

	// A pool's registrar timers and back end.
	p.click("#pool-open-0")
	p.typeIn("#pool-failure-detection", "10")
	p.waitFor("#pool-failure-detection-msgs .msg.error")
	assert.Contains(t, p.text("#pool-failure-detection-msgs"), "FW0711")
	p.typeIn("#pool-failure-detection", "180")
	p.poll(`!document.querySelector("#pool-failure-detection-msgs .msg")`, 5*time.Second)
	p.choose("#pool-backend-ha", "Mirroring")
	p.waitFor("#pool-backend-ha-msgs .msg.error") // not supported on 2019
	p.waitFor("#pool-backend-mirror-msgs .msg")   // and a mirror is missing
	p.choose("#pool-backend-ha", "AlwaysOn")
	p.typeIn("#pool-backend-mirror", "sea-sql2.contoso.com")
	p.poll(`!document.querySelector("#pool-backend-ha-msgs .msg") && !document.querySelector("#pool-backend-mirror-msgs .msg")`, 5*time.Second)

	// A branch: a bad FQDN, then a good one homed on the Denver pool.
	p.click("#add-branch")
	p.typeIn("#branch-0-fqdn", "sba")
	p.waitFor("#branch-0-fqdn-msgs .msg.error")
	p.typeIn("#branch-0-fqdn", "sba01.contoso.com")
	p.poll(`!document.querySelector("#branch-0-fqdn-msgs .msg.error")`, 5*time.Second)
	p.choose("#branch-0-registrar", "den-pool.contoso.com")
	p.typeIn("#branch-0-users", "150")
	p.waitFor("#branch-0-registrar-msgs .msg") // branch users get no pool DR: a note
	p.screenshot("15-branch-and-backend-forms")
	assert.False(t, p.exists("#tab-topology .badge.bad"), "no errors left")

	// The simulator runs the edited topology: the branch is listed with the pools.
	p.click("#tab-simulate")
	p.shell("Get-CsPool")
	p.poll(`document.getElementById("console").textContent.includes("sba01.contoso.com")`, 10*time.Second)
	assert.Empty(t, p.errors(), "console errors")
}
