package topology_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"failwright/engine/topofile"
	. "failwright/engine/topology"
)

// genTopology draws a random topology: pools with random roles, versions, sizes, pairings and
// references, valid or not.
func genTopology(t *rapid.T) *Topology {
	nSites := rapid.IntRange(0, 4).Draw(t, "sites")
	nPools := rapid.IntRange(0, 8).Draw(t, "pools")
	top := &Topology{Name: rapid.SampledFrom([]string{"", "T", "Litware, Inc."}).Draw(t, "name")}
	for i := range nSites {
		top.Sites = append(top.Sites, Site{Name: fmt.Sprintf("S%d", i), Region: rapid.SampledFrom([]string{"", "NA", "EU"}).Draw(t, "region")})
	}
	fqdn := func(i int) string { return fmt.Sprintf("p%d.example.com", i) }
	for i := range nPools {
		p := Pool{
			FQDN:    rapid.SampledFrom([]string{fqdn(i), fqdn(i), "bad fqdn", ""}).Draw(t, "fqdn"),
			Site:    fmt.Sprintf("S%d", rapid.IntRange(0, nSites).Draw(t, "site")),
			Role:    rapid.SampledFrom(append(Roles, "Bogus")).Draw(t, "role"),
			Version: rapid.SampledFrom(append(Versions, "")).Draw(t, "version"),
			Users:   rapid.IntRange(-1, 120000).Draw(t, "users"),
		}
		for j := range rapid.IntRange(0, 17).Draw(t, "servers") {
			p.Servers = append(p.Servers, Server{FQDN: fmt.Sprintf("s%d-%d.example.com", i, j)})
		}
		if rapid.Bool().Draw(t, "paired") && nPools > 0 {
			p.BackupPool = fqdn(rapid.IntRange(0, nPools-1).Draw(t, "backup"))
		}
		if rapid.Bool().Draw(t, "backEnd") {
			p.BackEnd = &BackEnd{FQDN: fmt.Sprintf("sql%d.example.com", i), HA: rapid.SampledFrom([]BackEndHA{"", HANone, HAMirroring, HAAlwaysOn}).Draw(t, "ha")}
		}
		if p.Role == Edge && nPools > 0 {
			p.NextHop = fqdn(rapid.IntRange(0, nPools-1).Draw(t, "nextHop"))
		}
		p.Registrar.FailureDetectionSeconds = rapid.SampledFrom([]int{0, 10, 60, 120, 300, 90000}).Draw(t, "fd")
		top.Pools = append(top.Pools, p)
	}
	if nPools > 0 {
		top.CMS.Pool = fqdn(rapid.IntRange(0, nPools-1).Draw(t, "cms"))
		for i := range rapid.IntRange(0, 3).Draw(t, "branches") {
			top.Branches = append(top.Branches, Branch{FQDN: fmt.Sprintf("b%d.example.com", i), Site: "S0",
				Users: rapid.IntRange(0, 5000).Draw(t, "branchUsers"), BackupRegistrar: fqdn(rapid.IntRange(0, nPools-1).Draw(t, "registrar"))})
		}
	}
	return top
}

// TestValidateProperties: for any topology, validation never panics, uses documented codes,
// gives every finding a message and a fix, is deterministic, and strict mode only raises
// severities; encoding round-trips; the fingerprint ignores pool order.
func TestValidateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		top := genTopology(t)
		fs := Validate(top)
		require.Equal(t, fs, Validate(top), "deterministic")
		strict := ValidateStrict(top)
		require.Len(t, strict, len(fs))
		require.GreaterOrEqual(t, strict.Count(Error), fs.Count(Error))
		for _, f := range fs {
			_, ok := RuleFor(f.Code)
			require.True(t, ok, f.Code)
			require.NotEmpty(t, f.Message)
			require.NotEmpty(t, f.Fix)
			require.NotEmpty(t, f.Path)
		}
		out, err := Encode(top)
		require.NoError(t, err)
		back, dfs := topofile.Decode("gen.yaml", out)
		require.Empty(t, dfs, "%s", out)
		require.Equal(t, top, back)

		perm := *top
		perm.Pools = append([]Pool(nil), top.Pools...)
		for i, j := 0, len(perm.Pools)-1; i < j; i, j = i+1, j-1 {
			perm.Pools[i], perm.Pools[j] = perm.Pools[j], perm.Pools[i]
		}
		require.Equal(t, Fingerprint(top), Fingerprint(&perm))
	})
}
