package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
	"failwright/engine/topology"
	"failwright/web/workspace"
)

// hostileWorkspace is a workspace whose log is over workspace.CheckLog's bounds: lines of a
// thousand failing statements, more than the page replays.
func hostileWorkspace(name string) *workspace.Doc {
	w := workspace.Workspace{Topology: &topology.Topology{Name: name}, Seed: 1}
	for range 21 {
		w.Log = append(w.Log, strings.Repeat("a;", shell.MaxStatements))
	}
	return workspace.New(w)
}

// TestHostileShareKeepsTheWorkspace: a shared workspace whose log is over the bounds is
// neither opened, replayed nor stored: the page keeps the user's workspace and says why.
func TestHostileShareKeepsTheWorkspace(t *testing.T) {
	h := NewMemHost()
	mine := string(workspace.New(workspace.Workspace{Topology: &topology.Topology{Name: "Mine"}, Seed: 1}).Marshal())
	h.Items[workspace.StorageKey] = mine
	h.Hash = "#share=evil-1"
	h.FetchFunc = func(method, url string, body []byte) (int, []byte, error) {
		if url == "api/health" {
			return 200, []byte(`{"service":"failwright-worker"}`), nil
		}
		return 200, hostileWorkspace("Theirs").ExportJSON(), nil
	}
	h.Answer = true
	a := NewApp(h)
	assert.Equal(t, "Mine", a.T().Name)
	assert.Empty(t, a.History())
	assert.Equal(t, mine, h.Items[workspace.StorageKey], "nothing of the share was stored")
	require.NotEmpty(t, a.Notices)
	last := a.Notices[len(a.Notices)-1]
	assert.Equal(t, "error", last.Kind)
	assert.Contains(t, last.Text, "more than 20000 statements")
}

// TestHostileStoredWorkspaceIsNotReplayed: a stored workspace over the bounds (saved before
// the check existed) is not replayed on load; the page starts clean, offers the stored text
// for download and leaves it in storage.
func TestHostileStoredWorkspaceIsNotReplayed(t *testing.T) {
	h := NewMemHost()
	stored := string(hostileWorkspace("Stored").Marshal())
	h.Items[workspace.StorageKey] = stored
	a := NewApp(h)
	assert.NotEqual(t, "Stored", a.T().Name)
	assert.Empty(t, a.History())
	require.NotEmpty(t, a.Notices)
	assert.Equal(t, "error", a.Notices[0].Kind)
	assert.Contains(t, a.Notices[0].Text, "The workspace was not opened.")
	assert.Equal(t, stored, a.Notices[0].DownloadData)
	assert.Equal(t, stored, h.Items[workspace.StorageKey])
}
