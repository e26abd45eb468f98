package ui

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
	"failwright/engine/units"
)

func TestPolicyFields(t *testing.T) {
	a, _ := newTestApp(t)
	require.Nil(t, a.T().RecoveryPolicy)

	a.SetTopField("policyRTO", "00:45:00")
	require.NotNil(t, a.T().RecoveryPolicy)
	assert.Equal(t, units.Duration(45*time.Minute), a.T().RecoveryPolicy.RTO)
	a.SetTopField("policyRTO", "45m") // not a TimeSpan: nothing changes
	assert.Equal(t, units.Duration(45*time.Minute), a.T().RecoveryPolicy.RTO)

	a.SetTopField("policyRPO", "00:01:00") // tighter than the engineering target
	assert.Contains(t, msgsOf(t, render(t, a), "policy-rpo"), topology.CodePolicyTight)
	for _, f := range a.GlobalFindings() {
		assert.NotEqual(t, topology.CodePolicyTight, f.Code, "shown once, under the field")
	}

	a.SetTopField("policyClock", "failure")
	assert.Equal(t, topology.ClockFailure, a.T().RecoveryPolicy.Clock)
	html := render(t, a)
	assert.Contains(t, html, `id="policy-clock"`)

	for _, k := range []string{"policyRTO", "policyRPO", "policyClock"} {
		a.SetTopField(k, "")
	}
	assert.Nil(t, a.T().RecoveryPolicy, "an empty policy is removed")
	a.Undo()
	require.NotNil(t, a.T().RecoveryPolicy)
	assert.Equal(t, topology.ClockFailure, a.T().RecoveryPolicy.Clock)
}
