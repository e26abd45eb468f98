package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Config is what the API needs from the surface that serves it.
type Config struct {
	// Store keeps shared workspaces. It is required.
	Store Store
	// Engine does the work of validate, run, plan and analyze. Nil means the real engine.
	Engine Engine
	// Now reads the wall clock, for a share's creation time only. Nil means time.Now.
	Now func() time.Time
	// NewID returns a fresh random (version 4) UUID for a share. Nil means google/uuid.
	NewID func() (string, error)
	// MaxBodyBytes bounds every request body but POST /api/evidence's. Zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxEvidenceBytes bounds the body of POST /api/evidence, which carries a plan and a run
	// log. Zero means DefaultMaxEvidenceBytes.
	MaxEvidenceBytes int64
	// Classes keeps classes (docs/classroom.md). Nil means the class routes answer 503.
	Classes ClassStore
	// ClassLimits bounds classes. Zero fields mean DefaultClassLimits.
	ClassLimits ClassLimits
	// Limits bounds shares: rates, totals, retention and the shared workspace's log. Zero
	// fields mean DefaultLimits.
	Limits Limits
	// ClientKey keys the hash that shares are counted per client under (ClientID). Empty means
	// a fixed public key, which hides addresses less well (see docs/deploy.md); every share
	// created with it logs a warning.
	ClientKey []byte
	// AllowedOrigins lists the origins ("https://app.example.com") that may call the API
	// from another site. Empty means no CORS headers at all: only same-origin pages can read
	// the answers.
	AllowedOrigins []string
	// Logf, when set, receives one line per internal error; details never reach the client.
	Logf func(format string, args ...any)
}

// Route is one API route: a method and a path pattern in which "{name}" matches one
// non-empty path segment.
type Route struct {
	Method  string
	Pattern string
	handle  func(s *server, w http.ResponseWriter, r *http.Request, params map[string]string)
}

// routes is the router's table; docs/openapi.yaml describes exactly these.
var routes = []Route{
	{http.MethodGet, "/api/health", (*server).health},
	{http.MethodPost, "/api/validate", (*server).validate},
	{http.MethodPost, "/api/run", (*server).run},
	{http.MethodPost, "/api/plan", (*server).plan},
	{http.MethodPost, "/api/analyze", (*server).analyze},
	{http.MethodPost, "/api/review", (*server).review},
	{http.MethodPost, "/api/evidence", (*server).evidence},
	{http.MethodPost, "/api/import", (*server).importTopology},
	{http.MethodPost, "/api/shares", (*server).createShare},
	{http.MethodGet, "/api/shares/{id}", (*server).getShare},
	{http.MethodPost, "/api/classes", (*server).createClass},
	{http.MethodPost, "/api/classes/join", (*server).joinClass},
	{http.MethodGet, "/api/classes/{id}/me", (*server).traineeView},
	{http.MethodPost, "/api/classes/{id}/commands", (*server).postCommand},
	{http.MethodGet, "/api/classes/{id}/board", (*server).board},
	{http.MethodPost, "/api/classes/{id}/events", (*server).postEvent},
	{http.MethodGet, "/api/classes/{id}/results.html", (*server).resultsHTML},
	{http.MethodGet, "/api/classes/{id}/results.csv", (*server).resultsCSV},
}

// Routes returns the method and pattern of every route, in the router's order.
func Routes() []Route {
	out := make([]Route, len(routes))
	for i, r := range routes {
		out[i] = Route{Method: r.Method, Pattern: r.Pattern}
	}
	return out
}

// server is the API handler built by New.
type server struct {
	cfg     Config
	origins []string
	limits  Limits
	classes ClassLimits
	// publicKey is set when Config.ClientKey was empty.
	publicKey bool
}

// New returns the API as an http.Handler. It answers every path: those outside the routes get
// a 404 problem, so that the handler can sit behind a static-asset server that only forwards
// what it does not have.
func New(cfg Config) http.Handler {
	if cfg.Engine == nil {
		cfg.Engine = DefaultEngine()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.NewID == nil {
		cfg.NewID = newUUID
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	publicKey := len(cfg.ClientKey) == 0
	if publicKey {
		cfg.ClientKey = []byte(defaultClientKey)
	}
	return &server{cfg: cfg, origins: cfg.AllowedOrigins, limits: cfg.Limits.withDefaults(cfg.MaxBodyBytes),
		classes: cfg.ClassLimits.withDefaults(), publicKey: publicKey}
}

// ServeHTTP sets the security headers, applies CORS, routes and recovers from panics.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	defer func() {
		if v := recover(); v != nil {
			s.cfg.Logf("failwright api: panic serving %s %s: %v", r.Method, r.URL.Path, v)
			writeProblem(w, newProblem(ProblemInternal, "", "the server failed to answer this request"))
		}
	}()
	preflight := s.cors(w, r)

	var allow []string
	for _, rt := range routes {
		params, ok := match(rt.Pattern, r.URL.Path)
		if !ok {
			continue
		}
		if rt.Method == r.Method {
			rt.handle(s, w, r, params)
			return
		}
		if rt.Method == http.MethodGet && r.Method == http.MethodHead {
			rt.handle(s, headWriter{w}, r, params)
			return
		}
		allow = append(allow, rt.Method)
		if rt.Method == http.MethodGet {
			allow = append(allow, http.MethodHead)
		}
	}
	if allow == nil {
		what := "API route"
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			what = "file or API route"
		}
		writeProblem(w, newProblem(ProblemNotFound, "", fmt.Sprintf("there is no %s %s", what, truncate(r.URL.Path, 200))))
		return
	}
	if preflight {
		w.Header().Set("Access-Control-Allow-Methods", strings.Join(allow, ", "))
		w.WriteHeader(http.StatusNoContent)
		return
	}
	slices.Sort(allow)
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeProblem(w, newProblem(ProblemMethodNotAllowed, "", fmt.Sprintf("%s does not answer %s; use %s", r.URL.Path, truncate(r.Method, 20), strings.Join(allow, " or "))))
}

// match reports whether path fits pattern and returns the values of its "{name}" segments.
func match(pattern, path string) (map[string]string, bool) {
	ps := strings.Split(pattern, "/")
	xs := strings.Split(path, "/")
	if len(ps) != len(xs) {
		return nil, false
	}
	var params map[string]string
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if xs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = xs[i]
			continue
		}
		if p != xs[i] {
			return nil, false
		}
	}
	return params, true
}

// health answers the liveness probe the page uses to find out that a Worker serves it.
func (s *server) health(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	writeJSON(w, http.StatusOK, map[string]string{"service": "failwright-worker"})
}

// internal logs err and answers a 500 problem that reveals nothing of it.
func (s *server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.cfg.Logf("failwright api: %s %s: %v", r.Method, r.URL.Path, err)
	writeProblem(w, newProblem(ProblemInternal, "", "the server failed to answer this request"))
}

// reqContext returns the request's context, never nil.
func reqContext(r *http.Request) context.Context {
	if ctx := r.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// headWriter answers a HEAD request: the headers and status of the GET, without its body and
// without its Content-Length, which the Workers runtime would hold the empty body to.
type headWriter struct{ http.ResponseWriter }

// WriteHeader drops Content-Length and sends the status.
func (h headWriter) WriteHeader(status int) {
	h.Header().Del("Content-Length")
	h.ResponseWriter.WriteHeader(status)
}

// Write discards the body.
func (headWriter) Write(b []byte) (int, error) { return len(b), nil }
