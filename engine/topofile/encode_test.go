package topofile

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// FuzzEncodeText puts arbitrary text in every kind of string field and checks that topology.Encode
// writes YAML that Decode reads back to the same value.
func FuzzEncodeText(f *testing.F) {
	for _, s := range []string{"", "plain", "Litware, Inc.", "2019", "true", "null", "~", "-x", "a: b", "a #b", "'q'", "\"q\"",
		"tab\there", "line\nbreak", "\x00", "\u2028", "é", "😀", "  lead", "trail ", "[x]", "{x}", "*x", "&x", "!x", "%x", "@x", "`x`",
		"\x7f", "\u0085", "\ufeff", "0x10", "1e3", ".inf", "- ", "? x", "a,b", "|", ">"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		top := &topology.Topology{Name: s, Description: s, Sites: []topology.Site{{Name: s, Region: s}},
			Pools: []topology.Pool{{FQDN: s, Site: s, OS: s, SampleUsers: []string{s}, Servers: []topology.Server{{FQDN: s}}}}, CMS: topology.CMS{Pool: s}}
		out, err := topology.Encode(top)
		require.NoError(t, err)
		back, fs := Decode("enc.yaml", out)
		require.Empty(t, fs, "%q encoded as:\n%s", s, out)
		if s == "" {
			// Empty lists and strings are omitted or kept; the strings themselves survive.
			assert.Equal(t, "", back.Name)
			return
		}
		assert.Equal(t, top, back, "%q encoded as:\n%s", s, out)
	})
}

// TestLitwarePairs checks the capacity and pairing helpers on the decoded litwareinc.yaml.
func TestLitwarePairs(t *testing.T) {
	top, fs := Decode("litwareinc.yaml", readSample(t, "litwareinc.yaml"))
	require.Empty(t, fs)
	atl := top.PoolByFQDN("atl-cs-001.litwareinc.com")
	assert.Equal(t, 20400, top.TotalUsers(atl), "branch users count")
	assert.Equal(t, 400, top.BranchUsers(atl))
	pairs := topology.Pairs(top)
	require.Len(t, pairs, 1)
	assert.Equal(t, "atl-cs-001.litwareinc.com", pairs[0].A.FQDN)
	assert.Equal(t, "dfw-cs-001.litwareinc.com", pairs[0].B.FQDN)
	assert.Equal(t, 38400, top.PairUsers(pairs[0]))
	assert.Same(t, pairs[0].B, top.Partner(atl))
	assert.Nil(t, top.Partner(top.PoolByFQDN("atl-edge-001.litwareinc.com")))
}
