package ui

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workerHost is a MemHost served "by the Worker": health answers, shares are s1, s2, ...
func workerHost(t *testing.T, shares map[string]string) (*App, *MemHost) {
	t.Helper()
	h := NewMemHost()
	h.URL = "https://fw.example/app/?x=1"
	h.Answer = true
	h.FetchFunc = func(method, url string, body []byte) (int, []byte, error) {
		switch {
		case url == "api/health":
			return 200, []byte(`{"service":"failwright-worker"}`), nil
		case method == "POST":
			return 201, []byte(`{"id":"s9","url":"/#share=s9"}`), nil
		}
		id := url[len("api/shares/"):]
		if s, ok := shares[id]; ok {
			return 200, []byte(s), nil
		}
		return http.StatusBadRequest, []byte(`{"type":"tag:failwright,2026:problem:invalid-field","title":"Invalid field","status":400,"detail":"id must be a version 4 UUID","field":"id"}`), nil
	}
	return NewApp(h), h
}

func TestShareLinkIsAbsoluteAndCopies(t *testing.T) {
	a, h := workerHost(t, nil)
	require.True(t, a.ShareAvailable)
	a.Share()
	assert.Equal(t, "https://fw.example/#share=s9", a.ShareURL)
	require.True(t, a.CanCopy())
	a.CopyShare()
	assert.Equal(t, []string{"https://fw.example/#share=s9"}, h.Copied)
	assert.True(t, a.ShareCopied)
}

func TestMalformedShareLinkShowsTheAPIMessage(t *testing.T) {
	a, h := workerHost(t, nil)
	h.Hash = "#share=not-a-uuid"
	for _, f := range h.HashChange {
		f()
	}
	require.NotEmpty(t, a.Notices)
	assert.Equal(t, "The shared workspace not-a-uuid could not be loaded: Invalid field: id must be a version 4 UUID.", a.Notices[len(a.Notices)-1].Text)
}

func TestPastedShareLinkLoadsInAnOpenTab(t *testing.T) {
	shared := `{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"Shared drill"},"seed":1}}`
	a, h := workerHost(t, map[string]string{"s1": shared, "s2": shared})
	require.Len(t, h.HashChange, 1)
	h.Hash = "#share=s1"
	h.HashChange[0]()
	assert.Equal(t, "Shared drill", a.T().Name)
	assert.Empty(t, h.Hash, "the link is answered: a reload restores the saved workspace")

	// A second link asks first when the workspace holds work; saying no keeps it.
	a.SetTopField("syncInterval", "300")
	h.Answer = false
	h.Hash = "#share=s2"
	h.HashChange[0]()
	assert.Equal(t, 300, a.T().BackupService.SyncIntervalSeconds)
	h.Answer = true
	h.Hash = "#share=s1"
	h.HashChange[0]()
	assert.Equal(t, 0, a.T().BackupService.SyncIntervalSeconds)
	assert.True(t, a.CanUndo(), "Undo brings the replaced workspace back")
}

func TestProblemText(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{404, `{"title":"Share not found","detail":"there is no share x"}`, "Share not found: there is no share x."},
		{400, `{"title":"Invalid field"}`, "Invalid field."},
		{400, `{"detail":"bad id"}`, "bad id."},
		{404, `not json`, "not found or expired."},
		{500, ``, "HTTP 500."},
	} {
		assert.Equal(t, tc.want, problemText(tc.status, []byte(tc.body), nil), tc.body)
	}
}
