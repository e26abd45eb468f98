//go:build !js

package browsertest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enginePlan "failwright/engine/plan"
)

// TestPlanDownload builds a plan for the starter pair and downloads its three renderings.
func TestPlanDownload(t *testing.T) {
	p := newPage(t, "/")
	dir := p.allowDownloads()
	p.click("#tab-plans")
	p.choose("#plan-pool", "den-pool.contoso.com")
	p.click("#plan-build")
	p.poll(`(document.getElementById("plan-preview") || {textContent: ""}).textContent.includes("Invoke-CsPoolFailOver")`, 20*time.Second)
	assert.NotEmpty(t, p.text("#plan-steps"))

	p.click("#download-ps1")
	ps1 := string(p.downloaded(dir, "contoso-den-pool.contoso.com-planned.ps1"))
	assert.Contains(t, ps1, "Invoke-CsPoolFailOver")
	assert.Contains(t, ps1, "den-pool.contoso.com")

	p.click("#download-md")
	md := string(p.downloaded(dir, "contoso-den-pool.contoso.com-planned.md"))
	assert.Contains(t, md, "# ")

	p.click("#download-json")
	var plan struct {
		FormatVersion int `json:"formatVersion"`
		Request       struct {
			Pool string `json:"pool"`
			Mode string `json:"mode"`
		} `json:"request"`
		Fingerprint string `json:"fingerprint"`
	}
	require.NoError(t, json.Unmarshal(p.downloaded(dir, "contoso-den-pool.contoso.com-planned.plan.json"), &plan))
	assert.Equal(t, enginePlan.FormatVersion, plan.FormatVersion)
	assert.Equal(t, "den-pool.contoso.com", plan.Request.Pool)
	assert.Equal(t, "planned", plan.Request.Mode)
	assert.Len(t, plan.Fingerprint, 64)
	assert.Empty(t, p.errors(), "console errors")
}

// TestScenarios runs a library scenario and starts a training drill.
func TestScenarios(t *testing.T) {
	p := newPage(t, "/")
	p.click("#tab-scenarios")
	p.waitFor(".lib-item .run-scenario")
	p.click(`.lib-item[data-file="site-loss.yaml"] .run-scenario`)
	p.waitFor("#scenario-verdict")
	assert.Contains(t, p.text("#scenario-verdict"), "PASSED")
	assert.True(t, p.exists("#scenario-report .checks li.pass"))
	p.screenshot("07-scenario-run")

	p.click(".lib-item .train-scenario")
	p.waitFor("#train-input")
	p.click("#train-hint")
	p.poll(`!!document.querySelector("#train-log .tentry.hint")`, 10*time.Second)
	p.typeIn("#train-input", "Get-CsPoolFabricState")
	p.key("#train-input", "Enter")
	p.poll(`document.querySelectorAll("#train-log .tentry.command").length > 0`, 10*time.Second)
	p.click("#train-finish")
	p.waitFor("#score")
	assert.Contains(t, p.text("#score"), "Score")
	p.screenshot("08-training")
	assert.Empty(t, p.errors(), "console errors")
}
