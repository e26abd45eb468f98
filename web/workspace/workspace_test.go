package workspace

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

func sample() Workspace {
	return Workspace{Topology: &topology.Topology{Name: "T", Sites: []topology.Site{{Name: "A"}}}, Seed: 7, Log: []string{"Get-SimState"}}
}

func TestUndoRedoRestoresEachStep(t *testing.T) {
	d := New(sample())
	d.Edit("rename", "", func(w *Workspace) { w.Topology.Name = "U" })
	d.Edit("add site", "", func(w *Workspace) { w.Topology.Sites = append(w.Topology.Sites, topology.Site{Name: "B"}) })
	require.Len(t, d.Current().Topology.Sites, 2)

	label, ok := d.CanUndo()
	require.True(t, ok)
	assert.Equal(t, "add site", label)
	require.True(t, d.Undo())
	assert.Len(t, d.Current().Topology.Sites, 1)
	assert.Equal(t, "U", d.Current().Topology.Name)
	require.True(t, d.Undo())
	assert.Equal(t, "T", d.Current().Topology.Name)
	assert.False(t, d.Undo(), "nothing left to undo")

	require.True(t, d.Redo())
	require.True(t, d.Redo())
	assert.Len(t, d.Current().Topology.Sites, 2)
	assert.False(t, d.Redo())

	// A new edit after an undo clears the redo stack.
	d.Undo()
	d.Edit("x", "", func(w *Workspace) { w.Seed = 9 })
	_, ok = d.CanRedo()
	assert.False(t, ok)
}

func TestTypingInOneFieldIsOneUndoStep(t *testing.T) {
	d := New(sample())
	for _, s := range []string{"a", "ab", "abc"} {
		d.Edit("rename", "name", func(w *Workspace) { w.Topology.Name = s })
	}
	d.Edit("region", "region", func(w *Workspace) { w.Topology.Sites[0].Region = "EU" })
	require.True(t, d.Undo())
	assert.Equal(t, "abc", d.Current().Topology.Name)
	require.True(t, d.Undo())
	assert.Equal(t, "T", d.Current().Topology.Name)
}

func TestMarshalRestoreRoundTrip(t *testing.T) {
	d := New(sample())
	d.Edit("rename", "", func(w *Workspace) { w.Topology.Name = "U" })
	got, p := Restore(string(d.Marshal()))
	require.Nil(t, p)
	assert.Equal(t, d.Current(), got.Current())
	require.True(t, got.Undo(), "the undo history survives a reload")
	assert.Equal(t, "T", got.Current().Topology.Name)
}

func TestRestoreReportsProblems(t *testing.T) {
	tests := []struct {
		name   string
		stored string
		kind   ProblemKind
		doc    bool
		msg    string
	}{
		{"not json", `{"format": "failwright-workspace", "version": 1,`, Corrupt, false, "damaged"},
		{"syntax with position", "{\n  \"version\": 1,\n  oops\n}", Corrupt, false, "line 3"},
		{"wrong format", `{"format":"other","version":1,"workspace":{"topology":{}}}`, Corrupt, false, "not a failwright workspace"},
		{"no topology", `{"format":"failwright-workspace","version":1,"workspace":{}}`, Corrupt, false, "no topology"},
		{"unknown field", `{"format":"failwright-workspace","version":1,"workspace":{"topology":{}},"extra":1}`, Corrupt, false, "damaged"},
		{"newer", `{"format":"failwright-workspace","version":99,"workspace":{}}`, Newer, false, "newer"},
		{"older", `{"topology":{"name":"Old","sites":[],"pools":[]},"log":["Get-SimState"]}`, Migrated, true, "older"},
		{"json but nothing", `[1,2]`, Corrupt, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, p := Restore(tc.stored)
			require.NotNil(t, p)
			assert.Equal(t, tc.kind, p.Kind)
			assert.Equal(t, tc.stored, p.Raw, "the stored text is kept for download")
			assert.Contains(t, p.Message, tc.msg)
			assert.Equal(t, tc.doc, d != nil)
		})
	}
	d, _ := Restore(`{"topology":{"name":"Old"},"log":["Get-SimState"]}`)
	assert.Equal(t, "Old", d.Current().Topology.Name)
	assert.Equal(t, []string{"Get-SimState"}, d.Current().Log)
}

func TestMarshalLimitDropsOldestHistory(t *testing.T) {
	d := New(sample())
	for i := 0; i < 50; i++ {
		d.Edit("desc", "", func(w *Workspace) { w.Topology.Description = strings.Repeat("x", 1000) + string(rune('a'+i%26)) })
	}
	full := len(d.Marshal())
	b := d.MarshalLimit(full / 2)
	assert.LessOrEqual(t, len(b), full/2)
	got, p := Restore(string(b))
	require.Nil(t, p)
	assert.Equal(t, d.Current(), got.Current(), "the current state is always kept")
	assert.True(t, got.Undo(), "recent history is kept")
}

func TestImport(t *testing.T) {
	good := "name: X\nsites:\n  - name: A\npools: []\n"
	w, err := Import("x.yaml", []byte(good))
	require.NoError(t, err)
	assert.Equal(t, "X", w.Topology.Name)
	assert.Equal(t, "import x.yaml", w.Origin)

	_, err = Import("bad.yaml", []byte("name: X\nsites: [\n"))
	var ie *ImportError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, err.Error(), "bad.yaml:")

	_, err = Import("unknown.yaml", []byte("name: X\nbogus: 1\n"))
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, err.Error(), "unknown.yaml:2:1")

	_, err = Import("empty.yaml", []byte("  \n"))
	require.Error(t, err)

	d := New(sample())
	exported := d.ExportJSON()
	w, err = Import("ws.json", exported)
	require.NoError(t, err)
	assert.Equal(t, sample().Log, w.Log)

	var env map[string]any
	require.NoError(t, json.Unmarshal(exported, &env))
	assert.Equal(t, float64(Version), env["version"])
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{"Litware, Inc.": "litware-inc", "": "topology", "  ": "topology", "A/B": "a-b"} {
		assert.Equal(t, want, FileName(&Workspace{Topology: &topology.Topology{Name: in}}), in)
	}
}

func FuzzRestore(f *testing.F) {
	f.Add(string(New(sample()).Marshal()))
	f.Add(`{"topology":{}}`)
	f.Add(`{"version":"x"}`)
	f.Add(``)
	for _, s := range hostileStored() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, p := Restore(s)
		if d == nil && p == nil {
			t.Fatal("Restore returned neither a document nor a problem")
		}
		if p != nil && p.Raw != s {
			t.Fatal("the stored text was not kept")
		}
	})
}

func TestShellLinesUndoWithoutSnapshots(t *testing.T) {
	d := New(sample())
	d.AppendLog("run Stop-SimSite", "Stop-SimSite -Site A")
	d.AppendLog("run Wait-SimTime", "Wait-SimTime -Minutes 3")
	assert.Equal(t, []string{"Get-SimState", "Stop-SimSite -Site A", "Wait-SimTime -Minutes 3"}, d.Current().Log)
	require.True(t, d.Undo())
	assert.Equal(t, []string{"Get-SimState", "Stop-SimSite -Site A"}, d.Current().Log)
	require.True(t, d.Redo())
	assert.Len(t, d.Current().Log, 3)

	// The history survives storage.
	got, p := Restore(string(d.Marshal()))
	require.Nil(t, p)
	require.True(t, got.Undo())
	require.True(t, got.Undo())
	assert.Equal(t, []string{"Get-SimState"}, got.Current().Log)
}

func FuzzImport(f *testing.F) {
	f.Add("x.yaml", "name: X\nsites:\n  - name: A\npools: []\n")
	f.Add("x.json", `{"name":"X","sites":[],"pools":[]}`)
	f.Add("w.json", string(New(sample()).ExportJSON()))
	f.Add("bad.yaml", "sites: [\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		w, err := Import(name, []byte(data))
		if err == nil && w.Topology == nil {
			t.Fatal("an accepted import has no topology")
		}
		if err != nil && len(ImportMessages(err)) == 0 {
			t.Fatal("a refused import gives no message")
		}
	})
}
