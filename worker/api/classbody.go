package api

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"failwright/app"
)

// createClassBody is the body of POST /api/classes.
type createClassBody struct {
	Title  string      `json:"title"`
	Drills []drillBody `json:"drills"`
}

// drillBody is one drill of a new class: a library scenario by file name, or the trainer's own
// scenario file (name and YAML source).
type drillBody struct {
	Library string `json:"library"`
	Name    string `json:"name"`
	Source  string `json:"source"`
}

// joinBody is the body of POST /api/classes/join.
type joinBody struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// commandBody is the body of POST /api/classes/{id}/commands.
type commandBody struct {
	Line string `json:"line"`
}

// eventBody is the body of POST /api/classes/{id}/events.
type eventBody struct {
	Kind  string `json:"kind"`
	Drill int    `json:"drill"`
	Verb  string `json:"verb"`
}

// JoinCodeLen is the length of a join code.
const JoinCodeLen = 8

// joinAlphabet is the join codes' alphabet: capitals and digits without the look-alikes
// 0/O and 1/I, 32 symbols, so that a code holds 40 random bits.
const joinAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// newJoinCode draws a random join code.
func newJoinCode() (string, error) {
	var b [JoinCodeLen]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = joinAlphabet[int(b[i])%len(joinAlphabet)]
	}
	return string(b[:]), nil
}

// normalCode is a join code as typed (any case, spaces and dashes) in canonical form, and
// whether it has the form of one.
func normalCode(s string) (string, bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(s))
	if len(s) != JoinCodeLen {
		return "", false
	}
	for _, r := range s {
		if !strings.ContainsRune(joinAlphabet, r) {
			return "", false
		}
	}
	return s, true
}

// tokenLen is the length of a token: 32 random bytes in unpadded base64url.
const tokenLen = 43

// newToken draws a random secret token.
func newToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// tokenHash is what is stored of a token: its lower-case hex SHA-256.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// bearer returns the token of the request's "Authorization: Bearer" header, or a 401 problem.
func bearer(r *http.Request, who string) (string, *Problem) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	tok = strings.TrimSpace(tok)
	if !ok || len(tok) != tokenLen {
		return "", newProblem(ProblemUnauthorized, "", fmt.Sprintf("send the %s token as \"Authorization: Bearer TOKEN\"", who))
	}
	if _, err := base64.RawURLEncoding.DecodeString(tok); err != nil {
		return "", newProblem(ProblemUnauthorized, "", fmt.Sprintf("the %s token is not a token", who))
	}
	return tok, nil
}

// cleanText trims s and checks it for a title or a name: not empty, at most max runes, no
// control or formatting characters (which could hide or reorder what the board shows).
func cleanText(s, field string, max int) (string, *Problem) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", newProblem(ProblemInvalidField, field, fmt.Sprintf("%q is empty", field))
	}
	if n := utf8.RuneCountInString(s); n > max {
		p := newProblem(ProblemInvalidField, field, fmt.Sprintf("%q has %d characters; the limit is %d", field, n, max))
		p.Limit = int64(max)
		return "", p
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return "", newProblem(ProblemInvalidField, field, fmt.Sprintf("%q holds the control or formatting character %U", field, r))
		}
	}
	return s, nil
}

// checkLine checks a command line or a fault: not empty, one line, at most max bytes.
func checkLine(s, field string, max int) (string, *Problem) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", newProblem(ProblemInvalidField, field, fmt.Sprintf("%q is empty", field))
	case len(s) > max:
		p := newProblem(ProblemLimitExceeded, field, fmt.Sprintf("%q has %d bytes; the limit is %d", field, len(s), max))
		p.Limit = int64(max)
		return "", p
	case strings.ContainsAny(s, "\r\n\x00"):
		return "", newProblem(ProblemInvalidField, field, fmt.Sprintf("%q must be one line", field))
	}
	return s, nil
}

// drills checks a new class's drills and returns them as stored and as app sources. Each must
// be a training scenario that decodes.
func (s *server) drills(in []drillBody) ([]StoredDrill, []app.Source, *Problem) {
	lim := s.classes
	if len(in) == 0 {
		return nil, nil, newProblem(ProblemInvalidField, "drills", `"drills" is empty: pick at least one drill`)
	}
	if len(in) > lim.Drills {
		p := newProblem(ProblemLimitExceeded, "drills", fmt.Sprintf("%d drills; the limit is %d", len(in), lim.Drills))
		p.Limit = int64(lim.Drills)
		return nil, nil, p
	}
	stored := make([]StoredDrill, len(in))
	srcs := make([]app.Source, len(in))
	for i, d := range in {
		field := fmt.Sprintf("drills[%d]", i)
		switch {
		case d.Library != "" && (d.Source != "" || d.Name != ""):
			return nil, nil, newProblem(ProblemInvalidField, field, field+` names a library drill ("library") or holds a scenario ("name" and "source"), not both`)
		case d.Library != "":
			src, err := app.LibraryDrill(d.Library)
			if err != nil || strings.ContainsAny(d.Library, "/\\") {
				return nil, nil, newProblem(ProblemInvalidField, field+".library", fmt.Sprintf("%q is not a scenario of the library", truncate(d.Library, 80)))
			}
			stored[i], srcs[i] = StoredDrill{Name: d.Library, Library: true}, src
		default:
			if len(d.Source) > lim.DrillBytes {
				p := newProblem(ProblemLimitExceeded, field+".source", fmt.Sprintf("the scenario has %d bytes; the limit is %d", len(d.Source), lim.DrillBytes))
				p.Limit = int64(lim.DrillBytes)
				return nil, nil, p
			}
			name, p := cleanText(d.Name, field+".name", 200)
			if p != nil {
				return nil, nil, p
			}
			if strings.TrimSpace(d.Source) == "" {
				return nil, nil, newProblem(ProblemInvalidField, field+".source", field+` has no "source" (or name a library drill in "library")`)
			}
			stored[i], srcs[i] = StoredDrill{Name: name, Source: d.Source}, app.Source{Name: name, Data: []byte(d.Source)}
		}
	}
	scs, err := (&app.Class{Drills: srcs}).LoadDrills(libraryResolver)
	if err != nil {
		return nil, nil, newProblem(ProblemInvalidScenario, "drills", err.Error())
	}
	for i, sc := range scs {
		stored[i].Title = sc.Name
	}
	return stored, srcs, nil
}

// sources turns stored drills back into app sources.
func sources(ds []StoredDrill) ([]app.Source, error) {
	out := make([]app.Source, len(ds))
	for i, d := range ds {
		if d.Library {
			src, err := app.LibraryDrill(d.Name)
			if err != nil {
				return nil, err
			}
			out[i] = src
			continue
		}
		out[i] = app.Source{Name: d.Name, Data: []byte(d.Source)}
	}
	return out, nil
}
