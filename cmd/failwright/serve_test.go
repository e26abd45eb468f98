package main

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/web/assets"
)

func TestServeUsage(t *testing.T) {
	var out, errb bytes.Buffer
	code := runMain([]string{"serve", "extra"}, nil, &out, &errb)
	if !assets.Built() {
		// Without the app embedded, serve refuses before looking at its arguments' use.
		assert.Contains(t, []int{exitUsage, exitFail}, code)
		return
	}
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errb.String(), "usage: failwright serve")

	errb.Reset()
	code = runMain([]string{"serve", "--bogus"}, nil, &out, &errb)
	assert.Equal(t, exitUsage, code)
}

func TestServeBadAddr(t *testing.T) {
	if !assets.Built() {
		t.Skip("web app not built into web/assets (make web)")
	}
	var out, errb bytes.Buffer
	code := runMain([]string{"serve", "--addr", "256.0.0.1:99999"}, nil, &out, &errb)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errb.String(), "failwright serve:")
}

// lineWriter hands the first line written to it to a channel.
type lineWriter struct{ ch chan string }

func (w lineWriter) Write(b []byte) (int, error) {
	select {
	case w.ch <- string(b):
	default:
	}
	return len(b), nil
}

func TestServeServesTheEmbeddedApp(t *testing.T) {
	if !assets.Built() {
		t.Skip("web app not built into web/assets (make web)")
	}
	serveStop = make(chan struct{})
	defer func() { serveStop = nil }()
	out := lineWriter{ch: make(chan string, 1)}
	done := make(chan int, 1)
	go func() { done <- runMain([]string{"serve", "--addr", "127.0.0.1:0"}, nil, out, io.Discard) }()
	line := <-out.ch
	m := regexp.MustCompile(`http://[0-9.:]+/`).FindString(line)
	require.NotEmpty(t, m, line)

	req, err := http.NewRequest("GET", m+"app.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))

	resp, err = http.Get(m)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(body), `id="load-progress"`)
	assert.NotContains(t, string(body), "__WASM_SIZE__", "make web writes the wasm's size into the page")

	close(serveStop)
	assert.Equal(t, exitOK, <-done)
}
