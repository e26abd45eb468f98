package ui

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/web/engine"
	"failwright/worker/api"
)

// classTestHost is a page host whose Worker is the API in-process, with classes in memory.
type classTestHost struct {
	*MemHost
	api     http.Handler
	printed []byte
}

func (c *classTestHost) FetchAuth(method, url, token string, body []byte, done func(int, []byte, error)) {
	req := httptest.NewRequest(method, "/"+url, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	c.api.ServeHTTP(rec, req)
	done(rec.Code, rec.Body.Bytes(), nil)
}

func (c *classTestHost) PrintHTML(html []byte) { c.printed = html }

// newClassApp starts a page whose Worker is h (nil: a page served without the Worker).
func newClassApp(t *testing.T, h http.Handler) (*App, *classTestHost) {
	t.Helper()
	mh := NewMemHost()
	var srv engine.Server
	mh.EngineFunc = srv.Handle
	host := &classTestHost{MemHost: mh, api: h}
	if h != nil {
		mh.FetchFunc = func(method, url string, body []byte) (int, []byte, error) {
			var code int
			var out []byte
			host.FetchAuth(method, url, "", body, func(c int, b []byte, _ error) { code, out = c, b })
			return code, out, nil
		}
	}
	return NewApp(host), host
}

func TestClassNeedsTheWorker(t *testing.T) {
	a, _ := newClassApp(t, nil)
	a.SetTab(TabScenarios)
	a.Class.OpenPanel()
	html := render(t, a)
	assert.Contains(t, html, `id="class-needs-worker"`)
	assert.Contains(t, html, "make worker-dev")
}

func TestClassTrainerAndTrainee(t *testing.T) {
	h := api.New(api.Config{Store: api.NewMemStore(), Classes: api.NewMemClasses()})
	tr, trHost := newClassApp(t, h)
	tr.SetTab(TabScenarios)
	tr.Class.OpenPanel()
	tr.Class.Cls.Title = "Tuesday"
	tr.Class.OpenClass()
	require.Empty(t, tr.Class.Cls.Error)
	require.NotNil(t, tr.Class.Cls.Trainer)
	code := tr.Class.Cls.Trainer.Code
	require.Len(t, code, 8, "the board gave the code")

	ann, _ := newClassApp(t, h)
	ann.SetTab(TabScenarios)
	ann.Class.OpenPanel()
	ann.Class.Cls.JoinCode, ann.Class.Cls.Name = "WRONG-CODE", "Ann"
	ann.Class.Join()
	assert.Contains(t, ann.Class.Cls.Error, "No class has the join code")
	ann.Class.Cls.JoinCode = strings.ToLower(code)
	ann.Class.Join()
	require.Empty(t, ann.Class.Cls.Error)
	assert.Equal(t, "Waiting for the trainer to start the drill.", ann.Class.ViewStatus())

	tr.Class.Event("start")
	ann.Class.refresh()
	require.NotNil(t, ann.Class.Cls.Prompt, "the drill started in the trainee's page")
	assert.True(t, ann.Class.CanType())
	ann.Class.Send("Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force")
	tr.Class.Cls.Fault = "Stop-SimSite -Site Dallas"
	tr.Class.Event("inject")
	ann.Class.refresh()
	html := render(t, ann)
	assert.Contains(t, html, "The trainer injects a fault: Stop-SimSite -Site Dallas")
	ann.Class.Send("Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com")

	tr.Class.refresh()
	b := tr.Class.Cls.Board
	require.NotNil(t, b)
	require.Len(t, b.Trainees, 1)
	assert.Equal(t, 2, b.Trainees[0].Commands)
	html = render(t, tr)
	assert.Contains(t, html, `data-name="Ann"`)

	tr.Class.Event("end")
	ann.Class.refresh()
	assert.Equal(t, "The class has ended.", ann.Class.ViewStatus())
	require.NotNil(t, ann.Class.Cls.Score, "the end finishes the local drill")
	ann.Class.Send("Get-CsPool")
	assert.Contains(t, ann.Class.Cls.Error, "The class has ended")

	tr.Class.PrintResults()
	assert.Contains(t, string(trHost.printed), "Class results: Tuesday")
	tr.Class.DownloadCSV()
	require.Len(t, trHost.Downloads, 1)
}
