package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// TestDecodeFeatureErrors checks what the decoder refuses in per-feature expectations and
// goals: an unknown feature, one the topology does not model, features on an Edge pool, a
// count that is not one, a feature bound inside a trainee step, and a block that checks
// nothing.
func TestDecodeFeatureErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown feature", head + "  - expect:\n      features:\n        meeting: {without: none}\n",
			`s.yaml:9:9: error FW0906 steps[0].expect.features[meeting]: unknown feature "meeting" (did you mean "meetings"?)`},
		{"feature the topology does not model", head + "  - expect:\n      features:\n        persistent-chat: {without: none}\n",
			`s.yaml:9:9: error FW0909 steps[0].expect.features[persistent-chat]: the topology does not model persistent-chat (Persistent Chat): no user can have or lack it`},
		{"unknown key under a feature", head + "  - expect:\n      features:\n        meetings: {withou: none}\n",
			`s.yaml:9:20: error FW0902 steps[0].expect.features[meetings].withou: unknown key "withou"; did you mean "without"?`},
		{"without that is not a count", head + "  - expect:\n      features:\n        meetings: {without: some}\n",
			`s.yaml:9:29: error FW0904 steps[0].expect.features[meetings].without: without must be a whole number or none, not "some"`},
		{"missing on an Edge pool", head + "  - expect:\n      pools:\n        atl-edge-001.litwareinc.com: {missing: [meetings]}\n",
			`s.yaml:9:39: error FW0909 steps[0].expect.pools[atl-edge-001.litwareinc.com].missing: atl-edge-001.litwareinc.com is an Edge pool: it homes no users to have features`},
		{"unknown feature in missing", head + "  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {missing: [meetings, xmpp]}\n",
			`s.yaml:9:57: error FW0906 steps[0].expect.pools[atl-cs-001.litwareinc.com].missing[1]: unknown feature "xmpp"`},
		{"feature rto in a trainee step", head + "  - trainee:\n      prompt: p\n      solution: [Get-CsPool]\n      expect:\n        features:\n          meetings: {rto: 30m}\n",
			`s.yaml:10:7: error FW0909 steps[0].trainee.expect: a trainee step cannot wait for featureRto: it is only known when the run ends`},
		{"feature that checks nothing", head + "  - expect:\n      features:\n        meetings: {}\n",
			`s.yaml:9:9: error FW0903 steps[0].expect.features[meetings]: steps[0].expect.features[meetings] checks nothing`},
		{"goal on an unknown feature", "goals:\n  maxFeatureRTO: {meetngs: 30m}\n" + head + "  - run: Get-CsPool\n",
			`s.yaml:2:19: error FW0906 goals.maxFeatureRTO[meetngs]: unknown feature "meetngs" (did you mean "meetings"?)`},
		{"goal that is not a duration", "goals:\n  maxFeatureRTO: {meetings: soon}\n" + head + "  - run: Get-CsPool\n",
			`s.yaml:2:29: error FW0905 goals.maxFeatureRTO[meetings]: bad duration "soon" for maxFeatureRTO[meetings]: not a duration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := Decode("s.yaml", []byte(tt.src), diskResolver)
			require.True(t, fs.HasErrors(), "want an error")
			assert.Equal(t, tt.want, fs[0].String())
		})
	}
}

// TestDecodeFeatures decodes every per-feature key into its expectation and goal.
func TestDecodeFeatures(t *testing.T) {
	src := "goals:\n  maxFeatureRTO: {meetings: 30m, Response-Groups: 1h}\n" + head +
		"  - expect:\n      pools:\n        atl-cs-001.litwareinc.com: {missing: none, features: [im-presence, peer-calls, meetings, pstn-calls, external-access, response-groups, emergency-location]}\n" +
		"      features:\n        meetings: {without: \"<= 10\", rto: \">= 0s\"}\n"
	sc, fs := Decode("s.yaml", []byte(src), diskResolver)
	require.False(t, fs.HasErrors(), "%v", fs)
	assert.Equal(t, map[topology.Feature]int64{topology.FeatureMeetings: 30 * 60e9, topology.FeatureResponseGroups: 3600e9},
		func() map[topology.Feature]int64 {
			m := map[topology.Feature]int64{}
			for f, d := range sc.Goals.MaxFeatureRTO {
				m[f] = int64(d)
			}
			return m
		}())
	var kinds []ExpectKind
	for _, e := range sc.Steps[0].Expect {
		kinds = append(kinds, e.Kind)
	}
	assert.Equal(t, []ExpectKind{KindMissing, KindFeatures, KindWithout, KindFeatureRTO}, kinds)
	rep, err := Run(sc, Options{})
	require.NoError(t, err)
	assert.True(t, rep.Passed, "%s", rep.Text(TextOptions{}))
}
