package workspace

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
)

// hostileLogs are shared or stored logs that once hung the page replaying them (a 23 KB line
// of failing statements) or kept replaying from storage on every visit. They are FuzzRestore
// seeds too.
var hostileLogs = []struct {
	name string
	log  []string
	line int // the log line CheckLog names (0: the log as a whole)
}{
	{"too many lines", make([]string, MaxLogLines+1), 0},
	{"one line too long", []string{"Get-SimState", "Foo " + strings.Repeat("x", MaxLogLineBytes)}, 2},
	{"too many bytes", repeatLines("Get-SimState "+strings.Repeat("x", 16000-13), 40), 33},
	{"too many statements", repeatLines(strings.Repeat("a;", shell.MaxStatements), 30), 21},
}

func repeatLines(l string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = l
	}
	return out
}

// TestCheckLog: a log at the bounds passes; one over them is refused, naming the line.
func TestCheckLog(t *testing.T) {
	assert.Nil(t, CheckLog([]string{"Get-SimState", strings.Repeat("a;", shell.MaxStatements)}))
	assert.Nil(t, CheckLog(make([]string, MaxLogLines)))
	assert.Nil(t, CheckLog([]string{"Foo " + strings.Repeat("x", shell.MaxLineBytes)}), "a line the shell refused replays cheaply")
	for _, tc := range hostileLogs {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckLog(tc.log)
			require.NotNil(t, err)
			assert.Equal(t, tc.line, err.Line)
			assert.Contains(t, err.Message, "failwright replays")
		})
	}
}

// hostileStored returns the stored and shared forms of workspaces whose log (or history) is
// over the bounds.
func hostileStored() map[string]string {
	out := map[string]string{}
	for _, tc := range hostileLogs {
		w := sample()
		w.Log = tc.log
		out["current: "+tc.name] = string(New(w).Marshal())
		out["shared: "+tc.name] = string(New(w).ExportJSON())
	}
	// The bad log hides in the undo history: undo would restore and replay it.
	w := sample()
	w.Log = hostileLogs[1].log
	d := New(w)
	d.Edit("clear", "", func(w *Workspace) { w.Log = nil })
	out["undo history"] = string(d.Marshal())
	// Many logged lines, each within the bounds, that redo would append.
	d = New(sample())
	for range MaxUndo {
		d.AppendLog("run", strings.Repeat("a;", shell.MaxStatements))
	}
	for d.Undo() {
	}
	out["redo lines"] = string(d.Marshal())
	out["format 0"] = `{"topology":{"name":"X"},"log":["` + strings.Repeat("a;", MaxLogLineBytes) + `"]}`
	return out
}

// TestRestoreRefusesOverLimitLogs: a stored or shared workspace over the bounds is refused
// with an over-limit problem that keeps the text; ParseShared (share links, imports) refuses it
// too, so the page keeps its workspace.
func TestRestoreRefusesOverLimitLogs(t *testing.T) {
	for name, stored := range hostileStored() {
		t.Run(name, func(t *testing.T) {
			d, p := Restore(stored)
			assert.Nil(t, d)
			require.NotNil(t, p)
			assert.Equal(t, OverLimit, p.Kind)
			assert.Equal(t, stored, p.Raw)
			assert.Contains(t, p.Message, "The workspace was not opened.")
			_, err := ParseShared([]byte(stored))
			require.Error(t, err)
			_, err = Import("w.json", []byte(stored))
			require.Error(t, err)
		})
	}
}
