package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// APIContentSecurityPolicy is the Content-Security-Policy of every API answer: JSON and
// problem documents load nothing, run nothing and may not be framed.
const APIContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// setSecurityHeaders sets the headers every API answer carries. API answers are never cached:
// they can hold a private workspace.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", APIContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// cors adds CORS headers when the request's Origin is one of the configured origins, and
// reports whether the request is a preflight the router should answer. With no configured
// origins it does nothing, and browsers keep other sites from reading the answers.
func (s *server) cors(w http.ResponseWriter, r *http.Request) bool {
	if len(s.origins) == 0 {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if origin == "" || !slices.Contains(s.origins, origin) {
		return false
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", "Location")
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
		h.Set("Access-Control-Max-Age", "600")
		return true
	}
	return false
}

// writeJSON sends v as JSON with status, one value and a final newline.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		writeProblem(w, newProblem(ProblemInternal, "", "encoding the answer failed"))
		return
	}
	writeBytes(w, status, "application/json", append(body, '\n'))
}

// writeBytes sends body with status and content type.
func writeBytes(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
