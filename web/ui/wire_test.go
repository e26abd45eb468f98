package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/vugu/vugu"
)

// TestWireGivesEachComponentOnlyItsStores checks that App.Wire fills the stores a component
// asks for, and no others.
func TestWireGivesEachComponentOnlyItsStores(t *testing.T) {
	a, _ := newTestApp(t)
	type stores struct {
		ses *Session
		ed  *EditorStore
		sim *SimStore
		lib *ScenarioStore
		pl  *PlanStore
		az  *AnalysisStore
		sh  *ShareStore
	}
	for _, tc := range []struct {
		name string
		c    vugu.Builder
		got  func(vugu.Builder) stores
		want stores
	}{
		{"root", &Root{}, func(b vugu.Builder) stores { c := b.(*Root); return stores{ses: c.Ses, az: c.Az, sh: c.Sh} },
			stores{ses: a.Session, az: a.AnalysisStore, sh: a.ShareStore}},
		{"editor", &Editor{}, func(b vugu.Builder) stores { c := b.(*Editor); return stores{ses: c.Ses, ed: c.Ed} },
			stores{ses: a.Session, ed: a.EditorStore}},
		{"diagram", &Diagram{}, func(b vugu.Builder) stores { c := b.(*Diagram); return stores{ed: c.Ed, sim: c.Sim} },
			stores{ed: a.EditorStore, sim: a.SimStore}},
		{"inspector", &Inspector{}, func(b vugu.Builder) stores {
			c := b.(*Inspector)
			return stores{ses: c.Ses, ed: c.Ed, sim: c.Sim, pl: c.Pl}
		}, stores{ses: a.Session, ed: a.EditorStore, sim: a.SimStore, pl: a.PlanStore}},
		{"shell", &Shell{}, func(b vugu.Builder) stores { return stores{sim: b.(*Shell).Sim} }, stores{sim: a.SimStore}},
		{"timeline", &Timeline{}, func(b vugu.Builder) stores { return stores{sim: b.(*Timeline).Sim} }, stores{sim: a.SimStore}},
		{"scenarios", &Scenarios{}, func(b vugu.Builder) stores { c := b.(*Scenarios); return stores{ses: c.Ses, lib: c.Lib} },
			stores{ses: a.Session, lib: a.ScenarioStore}},
		{"plans", &Plans{}, func(b vugu.Builder) stores { c := b.(*Plans); return stores{ses: c.Ses, pl: c.Pl} },
			stores{ses: a.Session, pl: a.PlanStore}},
		{"analysis", &Analysis{}, func(b vugu.Builder) stores { return stores{az: b.(*Analysis).Az} }, stores{az: a.AnalysisStore}},
		{"import dialog", &ImportDialog{}, func(b vugu.Builder) stores { return stores{sh: b.(*ImportDialog).Sh} }, stores{sh: a.ShareStore}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a.Wire(tc.c)
			assert.Equal(t, tc.want, tc.got(tc.c))
		})
	}
	f := &Fields{}
	a.Wire(f)
	assert.Equal(t, &Fields{}, f, "a component that asks for nothing gets nothing")
}

// TestStoresFollowTheSession checks the hooks: a new workspace closes the editor's form and
// the inspector, an edit makes the simulation stale, and leaving the Simulate tab pauses it.
func TestStoresFollowTheSession(t *testing.T) {
	a, _ := newTestApp(t)
	a.OpenPool(1)
	a.SelectPool("sea-pool.contoso.com")
	a.LoadSample("")
	assert.Equal(t, -1, a.EditPool)
	assert.Empty(t, a.SelectedPool)

	before := a.Sim()
	a.SetName("Renamed")
	assert.NotSame(t, before, a.Sim(), "an edit rebuilds the simulation")

	a.SetTab(TabSimulate)
	a.Play()
	assert.True(t, a.Playing)
	a.SetTab(TabPlans)
	assert.False(t, a.Playing, "leaving the Simulate tab pauses the playback")
}
