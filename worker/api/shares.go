package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"failwright/engine/topology"
)

// shareCreated is the answer to POST /api/shares.
type shareCreated struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

// createShare stores a workspace: the page's workspace export, exactly as sent, once it has
// passed decodeShare (shape, case-exact and unique member names, the log's bounds, a topology
// that decodes strictly) and the quota of the client and of all clients. Validation errors in
// the topology do not stop a share: a design in progress can be shared, and the page shows
// its findings when it opens it.
func (s *server) createShare(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	if p := requireJSON(r); p != nil {
		writeProblem(w, p)
		return
	}
	body, p := readBody(w, r, s.limits.ShareBytes)
	if p == nil {
		p = s.decodeShare(body)
	}
	if p != nil {
		writeProblem(w, p)
		return
	}
	now := s.cfg.Now().UTC()
	q := Quota{Now: now, PerClientPerHour: s.limits.PerClientPerHour, PerClient: s.limits.PerClient,
		Total: s.limits.Total, TotalBytes: s.limits.TotalBytes}
	client := ClientID(s.cfg.ClientKey, r)
	if s.publicKey {
		s.cfg.Logf("failwright api: no client key is configured: share clients are hashed with a public key (docs/deploy.md)")
	}
	// A fresh random ID is taken; should it ever be taken already (a 2^-122 chance, or a
	// broken ID source), another is drawn, and the share that holds it stays as it is.
	var id string
	for attempt := 0; ; attempt++ {
		var err error
		if id, err = s.cfg.NewID(); err != nil {
			s.internal(w, r, fmt.Errorf("new share ID: %w", err))
			return
		}
		if !ValidShareID(id) {
			s.internal(w, r, fmt.Errorf("new share ID %q is not a version 4 UUID", id))
			return
		}
		sh := Share{ID: id, CreatedAt: now, ExpiresAt: now.Add(s.limits.Retention), Client: client, Body: body, SHA256: digest(body)}
		err = s.cfg.Store.Create(reqContext(r), sh, q)
		var qe *QuotaError
		if errors.As(err, &qe) {
			tooMany(w, qe)
			return
		}
		if err == nil {
			break
		}
		if !errors.Is(err, ErrShareExists) || attempt == 2 {
			s.internal(w, r, err)
			return
		}
	}
	w.Header().Set("Location", "/api/shares/"+id)
	writeJSON(w, http.StatusCreated, shareCreated{ID: id, URL: "/#share=" + id})
}

// tooMany answers a share the quota refused: 429 with the seconds to wait in Retry-After.
func tooMany(w http.ResponseWriter, e *QuotaError) {
	secs := int64((e.RetryAfter + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	p := newProblem(ProblemRateLimited, "", fmt.Sprintf("%s; try again in %d seconds", e.Error(), secs))
	p.Limit = e.Max
	writeProblem(w, p)
}

// getShare answers a stored workspace exactly as it was shared, until it expires.
func (s *server) getShare(w http.ResponseWriter, r *http.Request, params map[string]string) {
	id := params["id"]
	if !ValidShareID(id) {
		writeProblem(w, newProblem(ProblemInvalidField, "id", fmt.Sprintf("%q is not a share ID: share IDs are version 4 UUIDs such as 7c9e6679-7425-40de-944b-e07fc1f90ae7", truncate(id, 80))))
		return
	}
	sh, err := s.cfg.Store.Get(reqContext(r), id, s.cfg.Now().UTC())
	switch {
	case errors.Is(err, ErrShareNotFound):
		writeProblem(w, newProblem(ProblemShareNotFound, "id", fmt.Sprintf("there is no share %s", id)))
		return
	case errors.Is(err, ErrShareExpired):
		writeProblem(w, newProblem(ProblemShareExpired, "id", fmt.Sprintf("the share %s has expired and is deleted", id)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	if digest(sh.Body) != sh.SHA256 {
		s.internal(w, r, fmt.Errorf("share %s: stored body does not match its SHA-256", id))
		return
	}
	w.Header().Set("ETag", `"`+sh.SHA256+`"`)
	w.Header().Set("Last-Modified", sh.CreatedAt.UTC().Format(http.TimeFormat))
	writeBytes(w, http.StatusOK, "application/json", sh.Body)
}

// isNull reports whether a raw JSON value is null.
func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// sourceOf turns a request member that holds a model into source bytes for the engine: a JSON
// string holds YAML or JSON source text, and a JSON object is JSON source itself.
func sourceOf(raw json.RawMessage, field string) ([]byte, *Problem) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, newProblem(ProblemMalformedJSON, field, err.Error())
		}
		if len(bytes.TrimSpace([]byte(s))) == 0 {
			return nil, newProblem(ProblemInvalidField, field, fmt.Sprintf("%q is empty", field))
		}
		return []byte(s), nil
	case len(raw) > 0 && raw[0] == '{':
		return raw, nil
	}
	return nil, newProblem(ProblemInvalidField, field, fmt.Sprintf("%q must be an object or a string of YAML or JSON source", field))
}

// truncate shortens s to at most n bytes for quoting in a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// fieldOf names the request member a model's first error is about: the member itself, then
// the error's model path ("topology.pools[atl-cs-001.litwareinc.com].backupPool").
func fieldOf(member string, fs topology.Findings) string {
	for _, f := range fs {
		if f.Severity == topology.Error && f.Path != "" {
			return member + "." + f.Path
		}
	}
	return member
}
