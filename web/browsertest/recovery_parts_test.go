//go:build !js

package browsertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"failwright/engine/topology"
)

// badURL is a simple URL the validator refuses (not https, a space in the host).
const badURL = "http://meet contoso"

// urlRuleIn reports whether the validator has the simple URL rules (they came on their own
// branch, wt-recotopo): a bad URL gives a finding at simpleUrls[0].url.
func urlRuleIn() bool {
	t := &topology.Topology{SimpleURLs: []topology.SimpleURL{{Kind: topology.SimpleURLMeet, URL: badURL}}}
	for _, f := range topology.Check(t, topology.Options{}) {
		if f.Path == "simpleUrls[0].url" {
			return true
		}
	}
	return false
}

// TestRecoveryPartsForms adds a load balancer and a simple URL in the forms, puts the pool's
// web services behind the load balancer, sees the finding under a bad URL go when it is
// fixed, and sees both parts drawn in the diagram with their accessible names.
func TestRecoveryPartsForms(t *testing.T) {
	p := newPage(t, "/")

	p.click("#add-lb")
	p.typeIn("#lb-0-name", "sea-hlb")
	p.poll(`document.querySelector("#lb-list strong").textContent.startsWith("sea-hlb")`, 5*time.Second)
	p.choose("#lb-0-site", "Seattle")
	p.click("#pool-open-0")
	p.choose("#pool-web-lb", "sea-hlb")
	p.typeIn("#pool-web-internal", "webint.contoso.com")

	p.click("#add-url")
	p.typeIn("#url-0-url", badURL)
	if urlRuleIn() {
		p.waitFor("#url-0-url-msgs .msg.error")
	} else {
		t.Log("the simple URL rules are not in this build: the finding under the URL is not checked")
	}
	p.typeIn("#url-0-url", "https://meet.contoso.com")
	p.poll(`!document.querySelector("#url-0-url-msgs .msg.error")`, 5*time.Second)
	assert.Equal(t, "sea-pool.contoso.com", eval[string](p, `document.getElementById("url-0-pools").value`), "a new URL resolves to the first pool")
	p.screenshot("16-recovery-parts-forms")

	p.click("#tab-simulate")
	p.waitFor(`#diagram-svg [data-part="lb:sea-hlb"]`)
	p.waitFor(`#diagram-svg [data-url="Meet https://meet.contoso.com"] line`)
	assert.Equal(t, "Load balancer sea-hlb, Up", eval[string](p, `document.querySelector('#diagram-svg [data-part="lb:sea-hlb"]').getAttribute("aria-label")`))
	assert.Contains(t, eval[string](p, `document.querySelector('#diagram-svg [data-url="Meet https://meet.contoso.com"]').getAttribute("aria-label")`),
		"resolves to sea-pool.contoso.com")
	p.screenshot("17-recovery-parts-diagram")
	assert.Empty(t, p.errors(), "console errors")
}
