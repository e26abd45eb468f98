package topology

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alwaysOn moves both pools of clean()'s pair from mirroring to AlwaysOn, which 2019 and
// Subscription Edition need.
func alwaysOn(t *Topology) {
	for _, p := range []*Pool{poolA(t), poolB(t)} {
		p.BackEnd = &BackEnd{FQDN: p.FQDN[:1] + "-ag.example.com", HA: HAAlwaysOn}
	}
}

// codesOf returns the codes of fs, in order.
func codesOf(fs Findings) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// TestPairVersions pins what each pairing of versions reports: the same version nothing,
// 2019 with Subscription Edition a supported move (with the update re-run), Subscription
// Edition with 2015 or 2013 an unsupported steady state, other mixes FW0207.
func TestPairVersions(t *testing.T) {
	tests := []struct {
		a, b   Version
		builds [2]string
		want   []string
	}{
		{SfB2015, SfB2015, [2]string{}, nil},
		{SfB2019, SfB2019, [2]string{}, nil},
		{SfB2019, SfB2019, [2]string{"7.0.2046.553", "7.0.2046.553"}, []string{CodePairRerunUpdate}},
		{SfB2019, SfB2019, [2]string{"7.0.2046.553", "7.0.2046.404"}, []string{CodePairBuilds, CodePairRerunUpdate}},
		{SfBSE, SfBSE, [2]string{}, []string{CodePairRerunUpdate}},
		{SfB2019, SfBSE, [2]string{}, []string{CodePairSE2019, CodePairRerunUpdate}},
		{SfBSE, SfB2019, [2]string{"7.0.2046.820", "7.0.2046.820"}, []string{CodePairSE2019, CodePairRerunUpdate}},
		{SfB2019, SfBSE, [2]string{"7.0.2046.553", "7.0.2046.820"}, []string{CodePairBuilds, CodePairSE2019, CodePairRerunUpdate}},
		{SfB2015, SfBSE, [2]string{}, []string{CodePairSEOld, CodePairRerunUpdate}},
		{SfBSE, Lync2013, [2]string{}, []string{CodePairSEOld, CodePairRerunUpdate}},
		{SfB2015, SfB2019, [2]string{}, []string{CodePairVersion}},
		{Lync2013, SfB2015, [2]string{}, []string{CodePairVersion}},
		{SfB2015, SfB2015, [2]string{"6.0.9319.0", "6.0.9319.0"}, nil},
		{SfB2015, SfB2015, [2]string{"6.0.9319.881", ""}, []string{CodePairRerunUpdate}},
	}
	for _, tc := range tests {
		t.Run(string(tc.a)+"-"+string(tc.b)+"-"+tc.builds[0]+"-"+tc.builds[1], func(t *testing.T) {
			top := clean()
			alwaysOn(top)
			poolA(top).Version, poolB(top).Version = tc.a, tc.b
			poolA(top).Build, poolB(top).Build = tc.builds[0], tc.builds[1]
			for i := 2; i < len(top.Pools); i++ {
				top.Pools[i].Version = tc.a
			}
			var got []string
			for _, f := range Validate(top) {
				if f.Path == pa+".backupPool" {
					got = append(got, f.Code)
				}
			}
			assert.ElementsMatch(t, tc.want, got, "%v", Validate(top))
		})
	}
}

// TestPairNeedsUpdateRerun covers the rule plans use for the re-run step.
func TestPairNeedsUpdateRerun(t *testing.T) {
	pool := func(v Version, build string) *Pool { return &Pool{Version: v, Build: build} }
	tests := []struct {
		name string
		pr   Pair
		want bool
	}{
		{"2019 pair", Pair{pool(SfB2019, ""), pool(SfB2019, "")}, true},
		{"SE pair", Pair{pool(SfBSE, ""), pool(SfBSE, "")}, true},
		{"2019 and SE", Pair{pool(SfB2019, ""), pool(SfBSE, "")}, true},
		{"2015 pair, builds unknown", Pair{pool(SfB2015, ""), pool(SfB2015, "")}, false},
		{"2015 pair at release", Pair{pool(SfB2015, "6.0.9319.0"), pool(SfB2015, "6.0.9319.0")}, false},
		{"2015 pair on CU13", Pair{pool(SfB2015, "6.0.9319.881"), pool(SfB2015, "")}, true},
		{"2013 pair on a CU", Pair{pool(Lync2013, ""), pool(Lync2013, "5.0.8308.1001")}, true},
		{"bad build", Pair{pool(SfB2015, "x"), pool(SfB2015, "")}, false},
		{"nil pools", Pair{}, false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, PairNeedsUpdateRerun(tc.pr), tc.name)
	}
}

// TestSEBehavesAs2019 checks that Subscription Edition gets 2019's limits and rules.
func TestSEBehavesAs2019(t *testing.T) {
	assert.Equal(t, MaxFrontEnds(SfB2019), MaxFrontEnds(SfBSE))
	assert.Equal(t, MaxPoolUsers(SfB2019), MaxPoolUsers(SfBSE))
	assert.Equal(t, MaxPairedPoolUsers(SfB2019), MaxPairedPoolUsers(SfBSE))

	for _, tc := range []struct {
		name   string
		mutate func(p *Pool)
		code   string
		want   string
	}{
		{"two Front Ends", func(p *Pool) { p.Servers = p.Servers[:2] }, CodeTwoFE2019,
			"Skype for Business Server Subscription Edition does not support 2-server Enterprise pools; Topology Builder will not publish it"},
		{"mirroring", func(p *Pool) {
			p.BackEnd = &BackEnd{FQDN: "m1.example.com", HA: HAMirroring, Mirror: &SQLStore{FQDN: "m2.example.com"}, Witness: "w.example.com"}
		}, CodeMirroring2019, "SQL mirroring is not supported on Skype for Business Server Subscription Edition"},
		{"14 Front Ends", func(p *Pool) { p.Servers = servers("a-fe", 14) }, CodeQuorumUnknown, ""},
		{"16 Front Ends", func(p *Pool) { p.Servers = servers("a-fe", 16) }, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range []Version{SfB2019, SfBSE} {
				top := clean()
				alwaysOn(top)
				for i := range top.Pools {
					top.Pools[i].Version = v
				}
				tc.mutate(poolA(top))
				fs := Validate(top)
				var msgs []string
				for _, f := range fs {
					if f.Path == pa+".servers" || f.Path == pa+".backEnd.ha" {
						msgs = append(msgs, f.Code)
						if v == SfBSE && f.Code == tc.code && tc.want != "" {
							assert.Equal(t, tc.want, f.Message)
						}
					}
				}
				if tc.code == "" {
					assert.NotContains(t, codesOf(fs), CodeTooManyFEs, "%s allows 16 Front Ends", v)
				} else {
					assert.Contains(t, msgs, tc.code, "%s: %v", v, fs)
				}
			}
		})
	}
}

// TestBuilds covers ParseBuild, its round trip and the release builds.
func TestBuilds(t *testing.T) {
	for _, s := range []string{"7.0.2046.820", "6.0.9319.881", "0.0.0.0", "99999.1.2.3"} {
		b, ok := ParseBuild(s)
		require.True(t, ok, s)
		assert.Equal(t, s, b.String())
	}
	for _, s := range []string{"", "7", "7.0.2046", "7.0.2046.820.1", "7.0.2046.0820", "7.0.-1.2", "7.0.+1.2", "7.0.2046.x", "7..2046.1", "100000.0.0.0", "CU8"} {
		_, ok := ParseBuild(s)
		assert.False(t, ok, s)
	}
	se, _ := ParseBuild("7.0.2046.820")
	cu8, _ := ParseBuild("7.0.2046.553")
	assert.Equal(t, 1, se.Compare(cu8))
	assert.Equal(t, -1, cu8.Compare(se))
	assert.Equal(t, 0, se.Compare(se))
	for _, v := range Versions {
		rel, ok := ReleaseBuild(v)
		require.True(t, ok, v)
		assert.True(t, buildFits(v, rel), v)
	}
	assert.False(t, buildFits(SfBSE, cu8), "a 2019 CU8 build predates Subscription Edition")
	assert.True(t, buildFits(SfB2019, cu8))
	assert.False(t, buildFits(SfB2015, cu8))
	_, ok := ReleaseBuild("SfB2030")
	assert.False(t, ok)
}
