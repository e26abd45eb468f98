package plan

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// groupsOf lists p's groups in the order they first appear, and checks that each group's
// steps are contiguous.
func groupsOf(t *testing.T, p *Plan) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	for i, st := range p.Steps {
		require.NotEmpty(t, st.Group, "step %d %s has no group", st.Number, st.ID)
		if i > 0 && p.Steps[i-1].Group == st.Group {
			continue
		}
		require.False(t, seen[st.Group], "group %s comes back at step %d", st.Group, st.Number)
		seen[st.Group] = true
		out = append(out, st.Group)
	}
	return out
}

// TestWholeRecoveryGroups is issue 18's acceptance case: litwareinc's disaster plan has every
// group its topology has, whole-recovery's also Persistent Chat and XMPP; both pass their
// simulation with every feature back, or a PL026 that names the one that is not.
func TestWholeRecoveryGroups(t *testing.T) {
	tests := []struct {
		file, pool string
		failback   bool
		groups     []string
		missing    []topology.Feature
	}{
		{"litwareinc.yaml", atl, false, []string{GroupCMS, GroupEdge, GroupPool, GroupDNS, GroupResponseGroups,
			GroupCallPark, GroupLocation, GroupFederation, GroupVerify}, nil},
		{"litwareinc.yaml", atl, true, []string{GroupCMS, GroupEdge, GroupPool, GroupDNS, GroupResponseGroups,
			GroupCallPark, GroupLocation, GroupFederation, GroupVerify, GroupFailback, GroupConferenceContent,
			GroupFailbackDNS, GroupFailbackResponseGroups, GroupFailbackCallPark, GroupFailbackLocation,
			GroupFailbackFederation, GroupFailbackEdge, GroupFailbackVerify}, nil},
		// The GeoDNS provider runs in Seattle only (FW1205): meetings cannot come back.
		{"whole-recovery.yaml", "sea-cs-001.contoso.com", true, []string{GroupCMS, GroupEdge, GroupPool, GroupDNS,
			GroupResponseGroups, GroupCallPark, GroupLocation, GroupPersistentChat, GroupFederation, GroupVerify,
			GroupFailback, GroupConferenceContent, GroupFailbackDNS, GroupFailbackResponseGroups, GroupFailbackCallPark,
			GroupFailbackLocation, GroupFailbackPersistentChat, GroupFailbackFederation, GroupFailbackEdge, GroupFailbackVerify},
			[]topology.Feature{topology.FeatureMeetings}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			topo := load(t, tc.file)
			p, fs := Build(topo, Request{Pool: tc.pool, Mode: Disaster, Failback: tc.failback})
			require.NotNil(t, p, "%v", fs)
			assert.Equal(t, tc.groups, groupsOf(t, p))
			var missing []topology.Feature
			for _, f := range p.Findings {
				assert.NotEqual(t, "PL014", f.Code, f.Message)
				if f.Code == "PL026" {
					for _, ft := range topology.Features {
						if strings.Contains(f.Message, "("+string(ft)+")") {
							missing = append(missing, ft)
						}
					}
				}
			}
			assert.Equal(t, tc.missing, missing)
			require.NotEmpty(t, p.Prediction.Features)
			for _, fr := range p.Prediction.Features {
				want := tc.failback || !contains(tc.missing, fr.Feature)
				assert.Equal(t, want, fr.Restored, fr.Feature)
			}
		})
	}
}

// TestWholeRecoverySteps checks the steps of the new groups: commands quote every topology
// value, manual steps carry what the simulation runs, and a DNS record changed by hand adds
// its TTL to the predicted duration.
func TestWholeRecoverySteps(t *testing.T) {
	p := build(t, load(t, "whole-recovery.yaml"), Request{Pool: "sea-cs-001.contoso.com", Mode: Disaster, Failback: true})
	admin := step(t, p, "dns-admin")
	assert.Equal(t, KindManual, admin.Kind)
	assert.Equal(t, []string{"Set-SimDnsRecord -Name 'admin.contoso.com' -Target 'chi-web-ext.contoso.com'"}, admin.Simulate)
	assert.Equal(t, "01:05:00", admin.Duration.String(), "five minutes of work and the default TTL")
	assert.Equal(t, KindManual, step(t, p, "dns-check-meet").Kind)
	assert.Equal(t, "Set-CsPersistentChatState -Identity 'service:PersistentChatServer:sea-pchat-001.contoso.com' -PoolState FailedOver",
		step(t, p, "pchat-failover-sea-pchat-001.contoso.com").Command)
	assert.Equal(t, "Set-CsSite -Identity 'site:Chicago' -XmppExternalFederationRoute 'chi-edge-001.contoso.com'",
		step(t, p, "xmpp-route-contoso.com").Command)
	assert.Equal(t, "Set-CsPersistentChatState -Identity 'service:PersistentChatServer:sea-pchat-001.contoso.com' -PoolState Normal",
		step(t, p, "pchat-failback-sea-pchat-001.contoso.com").Command)
	reg := step(t, p, "verify-registration")
	assert.Equal(t, "Test-CsRegistration -TargetFqdn 'chi-cs-001.contoso.com' -UserSipAddress 'sip:annebeebe@contoso.com'", reg.Command)
	assert.Equal(t, "Success", reg.Shows)
	xmpp := step(t, p, "verify-xmpp")
	assert.Equal(t, KindManual, xmpp.Kind)
	assert.Contains(t, xmpp.Instructions, "-Receiver <an XMPP partner's address>")
	// The durations the failure analysis mirrors (engine/analysis).
	for id, want := range map[string]string{"rgs-import": "00:20:00", "call-park": "00:10:00", "announcements": "00:10:00", "lis-restore": "00:15:00"} {
		assert.Equal(t, want, step(t, p, id).Duration.String(), id)
	}
}

// TestNoRecoveryPartsKeepsTodaysSteps: a topology that models none of the new parts keeps the
// manual Response Group, Call Park, announcement and location steps, without DNS steps.
func TestNoRecoveryPartsKeepsTodaysSteps(t *testing.T) {
	p := build(t, load(t, "lync2013-pair.yaml"), Request{Pool: "red-pool-01.contoso.com", Mode: Disaster})
	for _, id := range []string{"rgs-import", "call-park", "announcements", "lis-restore", "verify-registration"} {
		st := step(t, p, id)
		assert.Empty(t, st.Simulate, id)
	}
	for _, st := range p.Steps {
		assert.NotEqual(t, GroupDNS, st.Group, st.ID)
	}
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
