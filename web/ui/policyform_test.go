package ui

import (
	"strings"
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

// TestPolicyFieldsPerLevel: the deployment, a site and a Front End pool each set, refuse and
// clear their recovery policy through the same fields, each finding under the field it names.
func TestPolicyFieldsPerLevel(t *testing.T) {
	levels := []struct {
		name   string
		id     string // the fields' element id prefix
		set    func(a *App, key, v string)
		fields func(a *App) []Field
		policy func(a *App) *topology.RecoveryPolicy
	}{
		{"deployment", "policy", func(a *App, k, v string) { a.SetTopField(k, v) },
			func(a *App) []Field { return policyOnly(a.TopFields()) }, func(a *App) *topology.RecoveryPolicy { return a.T().RecoveryPolicy }},
		{"site", "site-0-policy", func(a *App, k, v string) { a.SetSitePolicyField(0, k, v) },
			func(a *App) []Field { return a.SitePolicyFields(0) }, func(a *App) *topology.RecoveryPolicy { return a.T().Sites[0].RecoveryPolicy }},
		{"pool", "pool-policy", func(a *App, k, v string) { a.SetPoolField(0, k, v) },
			func(a *App) []Field { return policyOnly(a.PoolFields(0)) },
			func(a *App) *topology.RecoveryPolicy { return a.T().Pools[0].RecoveryPolicy }},
	}
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			a.OpenPool(0)
			require.True(t, a.T().Pools[0].Role.IsFrontEnd())
			require.Nil(t, lv.policy(a))
			fs := lv.fields(a)
			require.Len(t, fs, 3)
			assert.Equal(t, []string{lv.id + "-rto", lv.id + "-rpo", lv.id + "-clock"}, []string{fs[0].ID, fs[1].ID, fs[2].ID})
			assert.Equal(t, "", fs[2].Options[0].Value, "the empty choice inherits")

			// Set.
			lv.set(a, "policyRTO", " 01:00:00 ")
			lv.set(a, "policyClock", "failure")
			require.NotNil(t, lv.policy(a))
			assert.Equal(t, units.Duration(time.Hour), lv.policy(a).RTO)
			assert.Equal(t, topology.ClockFailure, lv.policy(a).Clock)
			assert.Equal(t, "01:00:00", lv.fields(a)[0].Value)

			// A bad value is kept as typed, with a finding under its field; the model keeps the last good one.
			lv.set(a, "policyRPO", "5m")
			assert.Zero(t, lv.policy(a).RPO)
			fs = lv.fields(a)
			assert.Equal(t, "5m", fs[1].Value)
			require.NotEmpty(t, fs[1].Findings)
			assert.Equal(t, topology.CodeWrongType, fs[1].Findings[0].Code)
			assert.Contains(t, msgsOf(t, render(t, a), lv.id+"-rpo"), topology.CodeWrongType)
			assert.Empty(t, fs[0].Findings)

			// A finding of the validator (FW1304: tighter than the engineering target) shows
			// under the field it names, and once.
			lv.set(a, "policyRPO", "00:01:00")
			fs = lv.fields(a)
			assert.Equal(t, "00:01:00", fs[1].Value, "a good value replaces the one refused")
			html := render(t, a)
			assert.Contains(t, msgsOf(t, html, lv.id+"-rpo"), topology.CodePolicyTight)
			assert.NotContains(t, msgsOf(t, html, lv.id+"-rto"), topology.CodePolicyTight)
			assert.Equal(t, 1, strings.Count(html, "("+topology.CodePolicyTight+")"), "shown once in the forms (the validation list has them all)")

			// Clear: empty inherits, and an empty policy is removed.
			for _, k := range []string{"policyRTO", "policyRPO", "policyClock"} {
				lv.set(a, k, "")
			}
			assert.Nil(t, lv.policy(a))
			a.Undo()
			require.NotNil(t, lv.policy(a))
			assert.Equal(t, topology.ClockFailure, lv.policy(a).Clock)
		})
	}
}

func TestPolicyFieldsOnlyOnFrontEndPools(t *testing.T) {
	a, _ := newTestApp(t)
	for i, p := range a.T().Pools {
		has := false
		for _, f := range a.PoolFields(i) {
			has = has || f.Key == "policyRTO"
		}
		assert.Equal(t, p.Role.IsFrontEnd(), has, p.FQDN)
	}
	a.SetSitePolicyField(0, "policyRTO", "00:40:00")
	assert.True(t, a.SitePolicyOpen(0))
	assert.False(t, a.SitePolicyOpen(1))
	a.SetSitePolicyField(len(a.T().Sites), "policyRTO", "00:40:00") // no such site: nothing happens
}

// policyOnly keeps the recovery-policy fields of a form.
func policyOnly(fs []Field) []Field {
	var out []Field
	for _, f := range fs {
		if strings.HasPrefix(f.Key, "policy") {
			out = append(out, f)
		}
	}
	return out
}
