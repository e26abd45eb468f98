package topofile

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

func TestFindingsAnchoredToSource(t *testing.T) {
	src := []byte("name: x\nsites:\n  - name: A\npools:\n  - fqdn: p.example.com\n    site: A\n    role: FrontEndStandard\n    version: SfB2015\n    servers:\n      - fqdn: p.example.com\n    backupPool: q.example.com\ncms:\n  pool: p.example.com\n")
	doc, fs := DecodeDocument("t.yaml", src)
	require.Empty(t, fs)
	vs := doc.Validate()
	var dangling *topology.Finding
	for i := range vs {
		if vs[i].Code == topology.CodeDangling {
			dangling = &vs[i]
		}
	}
	require.NotNil(t, dangling, "%v", vs)
	assert.Equal(t, "pools[p.example.com].backupPool", dangling.Path)
	assert.Equal(t, topology.Pos{File: "t.yaml", Line: 11, Column: 17}, dangling.Pos)
	for _, f := range vs {
		assert.True(t, f.Pos.IsValid(), "every finding has a position: %v", f)
	}
}

// TestDuplicatePoolsKeepTheirOwnPositions: a pool whose FQDN repeats an earlier one is named
// by index, so findings about it point at it, not at the first pool.
func TestDuplicatePoolsKeepTheirOwnPositions(t *testing.T) {
	src := []byte(`name: x
sites: [{name: A}]
pools:
  - fqdn: p.example.com
    site: A
    role: FrontEndStandard
    version: SfB2015
    servers: [{fqdn: p.example.com}]
  - fqdn: P.example.com
    site: A
    role: FrontEndStandard
    version: SfB2015
    servers: [{fqdn: "bad name"}]
cms: {pool: p.example.com}
`)
	doc, fs := DecodeDocument("dup.yaml", src)
	require.Empty(t, fs)
	var bad, dup *topology.Finding
	vs := doc.Validate()
	for i := range vs {
		switch vs[i].Code {
		case topology.CodeBadFQDN:
			bad = &vs[i]
		case topology.CodeDuplicate:
			dup = &vs[i]
		}
	}
	require.NotNil(t, bad, "%v", vs)
	require.NotNil(t, dup, "%v", vs)
	assert.Equal(t, "pools[1].servers[0].fqdn", bad.Path)
	assert.Equal(t, 13, bad.Pos.Line)
	assert.Equal(t, "pools[1].fqdn", dup.Path)
	assert.Equal(t, 9, dup.Pos.Line)
	assert.Equal(t, "pools[1]", doc.Topology.PoolPath(1))
	assert.Equal(t, "pools[p.example.com]", doc.Topology.PoolPath(0))
}
