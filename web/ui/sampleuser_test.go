package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSampleUserField: the pool form sets the sample user a plan checks; a bad SIP address is
// flagged next to the field, and a plan of the starter with one asks for nothing more.
func TestSampleUserField(t *testing.T) {
	a, _ := newTestApp(t)
	field := func() Field {
		for _, f := range a.PoolFields(1) {
			if f.Key == "sampleUsers" {
				return f
			}
		}
		t.Fatal("no sample user field")
		return Field{}
	}
	assert.Equal(t, "sip:user@contoso.com", field().Placeholder)

	a.SetPoolField(1, "sampleUsers", "kenmyer")
	require.NotEmpty(t, field().Findings, "a bad SIP address is flagged next to the field")
	a.SetPoolField(1, "sampleUsers", "sip:kenmyer@contoso.com")
	assert.Empty(t, field().Findings)
	assert.Equal(t, []string{"sip:kenmyer@contoso.com"}, a.T().Pools[1].SampleUsers)

	a.SetPlanPool("den-pool.contoso.com")
	a.BuildPlan()
	require.NotNil(t, a.Plan.Result)
	for _, f := range a.PlanFindings() {
		assert.NotEqual(t, "PL018", f.Code, "the plan no longer asks for a sample user")
	}
	assert.True(t, strings.Contains(a.Plan.Result.PS1, "Get-CsUserPoolInfo"), "the plan checks where the user registers")

	a.SetPoolField(1, "sampleUsers", "")
	assert.Nil(t, a.T().Pools[1].SampleUsers)
}
