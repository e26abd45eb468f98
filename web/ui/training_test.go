package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrainingShowsTheDrillInTimeOrderWithoutTrainerNotes(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetTab(TabScenarios)
	a.StartTraining("training-beginner-planned-failover.yaml")
	require.Empty(t, a.Scen.Error)
	require.NotEmpty(t, a.Scen.DrillHTML, "the drill's deployment is drawn")
	a.TrainInput("Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com")
	require.NotNil(t, a.Scen.Prompt)

	var kinds []string
	for _, e := range a.Scen.Training {
		kinds = append(kinds, e.Kind)
		assert.NotContains(t, e.Text, "Tell the class", "notes for the trainer are not shown to the trainee")
		assert.NotContains(t, e.Text, "The patching reboots", "notes for the trainer are not shown to the trainee")
	}
	order := strings.Join(kinds, " ")
	assert.Regexp(t, `command( feedback)* event`, order, "the scripted steps the command set off come after it")

	html := render(t, a)
	assert.Contains(t, html, `id="drill-diagram"`)
	assert.Contains(t, html, `data-mode="Backup"`, "the chart of users by mode")
	assert.Contains(t, html, `data-pool="chi-pool-01.contoso.com"`)
	assert.Contains(t, html, "] scenario&gt; Stop-SimPool", "a scripted command has the scenario's prompt and its time")
	assert.Contains(t, html, "PS C:\\&gt; Invoke-CsPoolFailOver", "the trainee's command has the shell's prompt")
	chi, ok := PoolSnap(a.Scen.DrillSnap, "chi-pool-01.contoso.com")
	require.True(t, ok)
	assert.Equal(t, "FailedOver", string(chi.PoolState), "the drawing follows the drill")
}
