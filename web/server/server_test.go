package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gz(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func testHandler(t *testing.T) *Handler {
	wasm := []byte("\x00asm fake module")
	h, err := New(fstest.MapFS{
		"index.html":  {Data: []byte("<!doctype html><title>x</title>")},
		"app.wasm.gz": {Data: gz(t, wasm)},
		"app.css":     {Data: []byte("body{}")},
		"boot.js":     {Data: []byte("1")},
		".gitignore":  {Data: []byte("*")},
	})
	require.NoError(t, err)
	return h
}

func get(h http.Handler, method, path string, hdr map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServeTypesAndHeaders(t *testing.T) {
	h := testHandler(t)
	tests := []struct {
		path, ctype string
		status      int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/index.html", "text/html; charset=utf-8", 200},
		{"/app.css", "text/css; charset=utf-8", 200},
		{"/boot.js", "text/javascript; charset=utf-8", 200},
		{"/app.wasm", "application/wasm", 200},
		{"/.gitignore", "", 404},
		{"/missing.js", "", 404},
		{"/../index.html", "text/html; charset=utf-8", 200},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			w := get(h, "GET", tc.path, nil)
			assert.Equal(t, tc.status, w.Code)
			if tc.ctype != "" {
				assert.Equal(t, tc.ctype, w.Header().Get("Content-Type"))
			}
			assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
			assert.Contains(t, w.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'")
			assert.NotContains(t, w.Header().Get("Content-Security-Policy"), "'unsafe-eval'")
			assert.Equal(t, "DENY", w.Header().Get("X-Frame-Options"))
		})
	}
}

func TestServeWasmPrecompressed(t *testing.T) {
	h := testHandler(t)
	w := get(h, "GET", "/app.wasm", map[string]string{"Accept-Encoding": "br, gzip, deflate"})
	require.Equal(t, 200, w.Code)
	assert.Equal(t, "gzip", w.Header().Get("Content-Encoding"))
	assert.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
	zr, err := gzip.NewReader(w.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, "\x00asm fake module", string(body))

	// A client that does not take gzip gets the unpacked bytes.
	for _, ae := range []string{"", "identity", "gzip;q=0"} {
		w = get(h, "GET", "/app.wasm", map[string]string{"Accept-Encoding": ae})
		require.Equal(t, 200, w.Code, ae)
		assert.Empty(t, w.Header().Get("Content-Encoding"), ae)
		assert.Equal(t, "\x00asm fake module", w.Body.String(), ae)
	}
}

func TestServeETagAndMethods(t *testing.T) {
	h := testHandler(t)
	w := get(h, "GET", "/app.css", nil)
	etag := w.Header().Get("ETag")
	require.NotEmpty(t, etag)
	w = get(h, "GET", "/app.css", map[string]string{"If-None-Match": etag})
	assert.Equal(t, http.StatusNotModified, w.Code)

	w = get(h, "POST", "/", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, "GET, HEAD", w.Header().Get("Allow"))
	w = get(h, "HEAD", "/", nil)
	assert.Equal(t, 200, w.Code)
	assert.Empty(t, w.Body.String())
}

func TestServeHealth(t *testing.T) {
	w := get(testHandler(t), "GET", "/api/health", nil)
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	assert.JSONEq(t, `{"service":"failwright-serve"}`, w.Body.String())
}
