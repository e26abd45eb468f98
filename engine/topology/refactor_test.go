package topology

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// refactorBase is two paired Front End pools in two sites, an Edge pool and a branch in each
// site, with references spelt in other cases than the names.
func refactorBase() *Topology {
	return &Topology{
		Sites: []Site{{Name: "Atlanta"}, {Name: "Dallas"}},
		Pools: []Pool{
			{FQDN: "atl-pool.example.com", Site: "atlanta", Role: FrontEndEnterprise, BackupPool: "DAL-POOL.example.com"},
			{FQDN: "dal-pool.example.com", Site: "Dallas", Role: FrontEndEnterprise, BackupPool: "atl-pool.example.com"},
			{FQDN: "atl-edge.example.com", Site: "ATLANTA", Role: Edge, NextHop: "Atl-Pool.example.com"},
		},
		Branches: []Branch{
			{FQDN: "sba1.example.com", Site: "Atlanta", BackupRegistrar: "ATL-POOL.EXAMPLE.COM"},
			{FQDN: "sba2.example.com", Site: "dallas", BackupRegistrar: "dal-pool.example.com"},
		},
		CMS: CMS{Pool: "atl-pool.EXAMPLE.com"},
	}
}

func TestRenameSite(t *testing.T) {
	for _, tc := range []struct {
		name     string
		i        int
		to       string
		edit     func(*Topology)
		changed  int
		check    func(t *testing.T, x *Topology)
		unchange bool
	}{
		{name: "pools and branches follow, whatever their case", i: 0, to: "Atlanta2", changed: 3,
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "Atlanta2", x.Sites[0].Name)
				assert.Equal(t, []string{"Atlanta2", "Dallas", "Atlanta2"}, []string{x.Pools[0].Site, x.Pools[1].Site, x.Pools[2].Site})
				assert.Equal(t, []string{"Atlanta2", "dallas"}, []string{x.Branches[0].Site, x.Branches[1].Site})
			}},
		{name: "a change of case respells the references", i: 1, to: "DALLAS", changed: 2,
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "DALLAS", x.Pools[1].Site)
				assert.Equal(t, "DALLAS", x.Branches[1].Site)
				assert.Equal(t, "atlanta", x.Pools[0].Site)
			}},
		{name: "an unnamed site takes no references", i: 0, to: "Boston", changed: 0,
			edit: func(x *Topology) { x.Sites[0].Name = ""; x.Pools[0].Site = "" },
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "Boston", x.Sites[0].Name)
				assert.Empty(t, x.Pools[0].Site)
			}},
		{name: "a duplicate keeps the references of the site that still has the name", i: 1, to: "Dallas", changed: 0,
			edit: func(x *Topology) { x.Sites[1].Name = "atlanta" },
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "atlanta", x.Pools[0].Site)
				assert.Equal(t, "Atlanta", x.Branches[0].Site)
			}},
		{name: "an index out of range changes nothing", i: 5, to: "X", changed: 0, unchange: true},
		{name: "a negative index changes nothing", i: -1, to: "X", changed: 0, unchange: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := refactorBase()
			if tc.edit != nil {
				tc.edit(x)
			}
			assert.Equal(t, tc.changed, x.RenameSite(tc.i, tc.to))
			if tc.unchange {
				assert.Equal(t, refactorBase(), x)
			}
			if tc.check != nil {
				tc.check(t, x)
			}
		})
	}
}

func TestRenamePool(t *testing.T) {
	for _, tc := range []struct {
		name     string
		i        int
		to       string
		edit     func(*Topology)
		changed  int
		check    func(t *testing.T, x *Topology)
		unchange bool
	}{
		{name: "partner, next hop, CMS and branch follow, whatever their case", i: 0, to: "atl-new.example.com", changed: 4,
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "atl-new.example.com", x.Pools[0].FQDN)
				assert.Equal(t, "atl-new.example.com", x.Pools[1].BackupPool)
				assert.Equal(t, "atl-new.example.com", x.Pools[2].NextHop)
				assert.Equal(t, "atl-new.example.com", x.CMS.Pool)
				assert.Equal(t, "atl-new.example.com", x.Branches[0].BackupRegistrar)
				assert.Equal(t, "DAL-POOL.example.com", x.Pools[0].BackupPool, "other references stay")
				assert.Equal(t, "dal-pool.example.com", x.Branches[1].BackupRegistrar)
			}},
		{name: "the partner's pool follows", i: 1, to: "dal2.example.com", changed: 2,
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "dal2.example.com", x.Pools[0].BackupPool)
				assert.Equal(t, "dal2.example.com", x.Branches[1].BackupRegistrar)
				assert.Equal(t, "atl-pool.EXAMPLE.com", x.CMS.Pool)
			}},
		{name: "an unnamed pool takes no references", i: 0, to: "x.example.com", changed: 0,
			edit: func(x *Topology) { x.Pools[0].FQDN = "" },
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "atl-pool.EXAMPLE.com", x.CMS.Pool)
			}},
		{name: "a duplicate keeps the references of the pool that still has the name", i: 2, to: "edge.example.com", changed: 0,
			edit: func(x *Topology) { x.Pools[2].FQDN = "atl-pool.example.com" },
			check: func(t *testing.T, x *Topology) {
				assert.Equal(t, "atl-pool.EXAMPLE.com", x.CMS.Pool)
				assert.Equal(t, "Atl-Pool.example.com", x.Pools[2].NextHop)
			}},
		{name: "an index out of range changes nothing", i: 3, to: "x.example.com", changed: 0, unchange: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := refactorBase()
			if tc.edit != nil {
				tc.edit(x)
			}
			assert.Equal(t, tc.changed, x.RenamePool(tc.i, tc.to))
			if tc.unchange {
				assert.Equal(t, refactorBase(), x)
			}
			if tc.check != nil {
				tc.check(t, x)
			}
		})
	}
}
