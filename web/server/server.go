// Package server serves the built browser app over HTTP: static files from an fs.FS with the
// right MIME types, precompressed variants (NAME.gz) sent with Content-Encoding gzip to
// clients that accept it and unpacked for those that do not, ETags for revalidation, and
// security headers. "failwright serve" and the browser tests use it.
package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// ContentSecurityPolicy is sent with every response. Scripts come from the site only and
// nothing is evaluated from a string: vugu's DOM renderer, which installs its helper script with
// eval, finds it already loaded from vugu-helper.js (web/internal/vuguhelper). WebAssembly
// compilation needs 'wasm-unsafe-eval'.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// types fixes the MIME types the app needs, whatever the host's mime tables say.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".yaml": "application/yaml; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
}

// file is one servable file, read once.
type file struct {
	data []byte
	gz   bool // data is gzip-compressed and must be sent with Content-Encoding gzip or unpacked
	etag string
}

// Handler serves a built app.
type Handler struct {
	files   map[string]file // keyed by URL path, "/" for index.html
	modTime time.Time
}

// New reads every file of fsys (except dotfiles) and returns a handler serving them. A file
// NAME.gz with no NAME beside it is served as NAME, compressed.
func New(fsys fs.FS) (*Handler, error) {
	h := &Handler{files: map[string]file{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f := file{data: data, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		name := "/" + p
		if strings.HasSuffix(name, ".gz") {
			name = strings.TrimSuffix(name, ".gz")
			if _, err := fs.Stat(fsys, strings.TrimPrefix(name, "/")); err == nil {
				// The uncompressed file is there too: serve the .gz only under its own name
				// and use it as the compressed variant of the other.
				h.files[name+".gz"] = f
				name += "\x00gz"
			}
			f.gz = true
		}
		h.files[name] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	if idx, ok := h.files["/index.html"]; ok {
		h.files["/"] = idx
	}
	return h, nil
}

// Has reports whether the handler serves the URL path p.
func (h *Handler) Has(p string) bool { _, ok := h.files[p]; return ok }

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
	hdr.Set("Cross-Origin-Resource-Policy", "same-origin")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if r.URL.Path == "/" {
		p = "/"
	}
	if p == "/api/health" {
		// The app probes this to learn whether the failwright Worker (which stores shared
		// links) serves it; answering here keeps the probe from logging a 404 in the console.
		hdr.Set("Content-Type", "application/json")
		hdr.Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(`{"service":"failwright-serve"}` + "\n"))
		return
	}
	f, ok := h.files[p]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if gzf, ok := h.files[p+"\x00gz"]; ok && acceptsGzip(r) {
		f = gzf
	}
	ctype := types[path.Ext(p)]
	if p == "/" {
		ctype = types[".html"]
	}
	if ctype == "" {
		ctype = mime.TypeByExtension(path.Ext(p))
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	hdr.Set("Content-Type", ctype)
	// Files are not fingerprinted: let the browser revalidate each time (cheap with ETags).
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("Vary", "Accept-Encoding")
	data := f.data
	etag := f.etag
	if f.gz {
		if acceptsGzip(r) {
			hdr.Set("Content-Encoding", "gzip")
			etag = strings.TrimSuffix(etag, `"`) + `-gz"`
		} else {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err == nil {
				data, err = io.ReadAll(zr)
			}
			if err != nil {
				http.Error(w, "corrupt precompressed asset", http.StatusInternalServerError)
				return
			}
		}
	}
	hdr.Set("ETag", etag)
	http.ServeContent(w, r, "", h.modTime, bytes.NewReader(data))
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip (and does not refuse
// it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		part = strings.TrimSpace(part)
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		params = strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000" {
			return false
		}
		return true
	}
	return false
}
