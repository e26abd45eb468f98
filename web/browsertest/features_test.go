//go:build !js

package browsertest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// manualMeetTopology is a pair of pools whose Meet URL is a manual DNS record on Atlanta with
// a 10-minute TTL (the CMS is in Dallas, so Atlanta fails over at once).
const manualMeetTopology = `name: Manual Meet
sites:
  - name: Atlanta
  - name: Dallas
pools:
  - fqdn: atl-cs-001.litwareinc.com
    site: Atlanta
    role: FrontEndEnterprise
    version: SfB2015
    servers: [{fqdn: atl-fe-01.litwareinc.com}, {fqdn: atl-fe-02.litwareinc.com}, {fqdn: atl-fe-03.litwareinc.com}]
    users: 12000
    backEnd: {fqdn: atl-sql-01.litwareinc.com}
    backupPool: dfw-cs-001.litwareinc.com
    webServices: {internal: atlweb.litwareinc.com, external: atlext.litwareinc.com, loadBalancer: atl-hlb}
  - fqdn: dfw-cs-001.litwareinc.com
    site: Dallas
    role: FrontEndEnterprise
    version: SfB2015
    servers: [{fqdn: dfw-fe-01.litwareinc.com}, {fqdn: dfw-fe-02.litwareinc.com}, {fqdn: dfw-fe-03.litwareinc.com}]
    users: 9000
    backEnd: {fqdn: dfw-sql-01.litwareinc.com}
    backupPool: atl-cs-001.litwareinc.com
    webServices: {internal: dfwweb.litwareinc.com, external: dfwext.litwareinc.com, loadBalancer: dfw-hlb}
cms:
  pool: dfw-cs-001.litwareinc.com
loadBalancers:
  - {name: atl-hlb, site: Atlanta}
  - {name: dfw-hlb, site: Dallas}
simpleUrls:
  - {kind: Meet, url: https://meet.litwareinc.com, ttlSeconds: 600, pools: [atl-cs-001.litwareinc.com]}
`

// TestMeetingsWaitForTheSimpleURL loses Atlanta and fails its pool over in the page's shell:
// its users are back but meetings stay missing, and the Meet URL is drawn down, until the
// record is switched and its TTL has passed; then the report gives the meetings' RTO.
func TestMeetingsWaitForTheSimpleURL(t *testing.T) {
	p := newPage(t, "/")
	p.dropFile("recovery.yaml", manualMeetTopology)
	p.poll(`document.getElementById("ws-name").textContent === "Manual Meet"`, 20*time.Second)
	p.click("#tab-simulate")
	const atl = `#diagram-svg g[data-pool="atl-cs-001.litwareinc.com"]`
	const meet = `#diagram-svg [data-url="Meet https://meet.litwareinc.com"]`
	p.waitFor(atl)
	p.waitFor(meet + ".health-up")

	p.shell("Stop-SimSite -Site Atlanta")
	p.waitFor(`#diagram-svg [data-part="lb:atl-hlb"].health-down`)
	p.shell("Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode -Confirm:$false")
	p.poll(`document.querySelector(`+jsString(atl)+`).dataset.state === "FailedOver"`, 10*time.Second)
	assert.Contains(t, p.text(atl+" .pool-users"), "on backup")
	assert.Contains(t, eval[string](p, `document.querySelector(`+jsString(atl)+`).getAttribute("aria-label")`), "Meetings")
	assert.True(t, p.exists(meet+".health-down"), "the Meet URL still resolves to Atlanta")
	assert.True(t, p.exists(`#chart path[data-mode="meetings"]`), "the chart's row of users without meetings")
	p.click(atl)
	p.waitFor("#inspect-missing")
	assert.Contains(t, p.text("#inspect-missing"), "Meetings")
	assert.Regexp(t, `RTO Meetings · atl-cs-001\.litwareinc\.com\s*not yet restored`, p.text("#figures"))

	p.shell("Set-SimDnsRecord -Name meet.litwareinc.com -Target dfw-cs-001.litwareinc.com")
	p.poll(`document.querySelector(`+jsString(meet)+`).textContent.includes("pending until")`, 10*time.Second)
	assert.True(t, p.exists(meet+".health-down"), "clients keep the old answer for the TTL")

	p.shell("Wait-SimTime -Minutes 11")
	p.waitFor(meet + ".health-up")
	assert.NotContains(t, p.text(meet), "pending")
	assert.NotContains(t, p.text("#inspector"), "Meetings")
	assert.Regexp(t, `RTO Meetings · atl-cs-001\.litwareinc\.com\s*\d\d:\d\d:\d\d`, p.text("#figures"), "the meetings' RTO")
	p.screenshot("18-feature-service")
	assert.Empty(t, p.errors(), "console errors")
}
