package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnalysisPolicy checks the page's recovery-policy verdict: litwareinc.yaml promises
// Atlanta's users 30 minutes, and losing the Atlanta pool or site takes 00:31:05, so two single
// failures break it, each with a button that fails the simulator to it; the Lync 2013 pair
// meets its 30 minutes.
func TestAnalysisPolicy(t *testing.T) {
	var s Server
	answers := runAnalysis(t, &s, 1, topologyJSON(t, "litwareinc.yaml"), 1)
	page := answers[len(answers)-1].Analysis
	require.NotNil(t, page)
	p := s.finished.viewed.Policy
	assert.False(t, p.Met)
	assert.Equal(t, 2, p.Count)
	require.Len(t, p.Breaks, 2)
	assert.Equal(t, "atl-cs-001.litwareinc.com", p.Breaks[0].Pool)
	assert.Contains(t, page.HTML, `<div id="analysis-policy">`)
	assert.Contains(t, page.HTML, "Single failures break the recovery policy 2 times")
	assert.Contains(t, page.HTML, "BROKEN: RTO 00:31:05 of 00:30:00 (over by 00:01:05) on the decision clock")

	var s2 Server
	answers = runAnalysis(t, &s2, 2, topologyJSON(t, "lync2013-pair.yaml"), 1)
	page = answers[len(answers)-1].Analysis
	require.NotNil(t, page)
	assert.True(t, s2.finished.viewed.Policy.Met)
	assert.Contains(t, page.HTML, "No single failure breaks a pool&#39;s recovery policy")
}
