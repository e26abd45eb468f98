package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DefaultMaxBodyBytes bounds every request body unless Config says otherwise: 1 MiB.
const DefaultMaxBodyBytes = 1 << 20

// mediaType returns the request's media type, lower case and without parameters, or "" when
// the request has none. A Content-Type that does not parse is reported as a problem.
func mediaType(r *http.Request) (string, *Problem) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", newProblem(ProblemUnsupportedMedia, "", fmt.Sprintf("the Content-Type header %q does not parse: %v", ct, err))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return "", newProblem(ProblemUnsupportedMedia, "", fmt.Sprintf("charset %q is not supported: send UTF-8", cs))
	}
	return mt, nil
}

// isJSON reports whether a media type is JSON.
func isJSON(mt string) bool { return mt == "application/json" || strings.HasSuffix(mt, "+json") }

// isYAML reports whether a media type is YAML.
func isYAML(mt string) bool {
	return mt == "application/yaml" || mt == "application/x-yaml" || mt == "text/yaml" || mt == "text/x-yaml"
}

// requireJSON checks that a request declares a JSON body. Requiring it keeps cross-origin
// "simple" requests (form posts, text/plain) out: a browser must ask before sending JSON.
func requireJSON(r *http.Request) *Problem {
	mt, p := mediaType(r)
	if p != nil {
		return p
	}
	if !isJSON(mt) {
		return newProblem(ProblemUnsupportedMedia, "", fmt.Sprintf("send the body as application/json (got %q)", orNone(mt)))
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "no Content-Type"
	}
	return s
}

// readBody reads the whole request body, at most limit bytes. A longer body is a 413 problem,
// reported before reading when Content-Length already says so. An empty body or one that is
// not UTF-8 is a 400 problem.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *Problem) {
	tooLarge := func() *Problem {
		p := newProblem(ProblemBodyTooLarge, "", fmt.Sprintf("the request body is larger than the limit of %d bytes", limit))
		p.Limit = limit
		return p
	}
	if r.ContentLength > limit {
		return nil, tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge()
		}
		return nil, newProblem(ProblemMalformedJSON, "", "reading the request body failed: "+err.Error())
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, newProblem(ProblemInvalidField, "", "the request body is empty")
	}
	if !utf8.Valid(body) {
		return nil, newProblem(ProblemMalformedJSON, "", "the request body is not valid UTF-8")
	}
	return body, nil
}

// decodeStrict decodes one JSON value from data into v. Unknown object members, a value of
// the wrong type, a syntax error and anything after the value are problems that say where.
func decodeStrict(data []byte, v any) *Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		return newProblem(ProblemMalformedJSON, "", fmt.Sprintf("%s: unexpected data after the JSON value", lineCol(data, off)))
	}
	return nil
}

// jsonProblem turns an encoding/json error into a problem naming the field or position.
func jsonProblem(data []byte, err error) *Problem {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return newProblem(ProblemMalformedJSON, "", fmt.Sprintf("%s: %s", lineCol(data, syn.Offset), strings.TrimPrefix(syn.Error(), "json: ")))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return newProblem(ProblemMalformedJSON, "", fmt.Sprintf("%s: the JSON value ends too early", lineCol(data, int64(len(data)))))
	case errors.As(err, &typ):
		field := typ.Field
		want := jsonKind(typ.Type.Kind().String())
		if field == "" {
			return newProblem(ProblemInvalidField, "", fmt.Sprintf("%s: the body must be a JSON %s, not %s", lineCol(data, typ.Offset), want, article(typ.Value)))
		}
		return newProblem(ProblemInvalidField, field, fmt.Sprintf("%s: %q must be %s, not %s", lineCol(data, typ.Offset), field, article(want), article(typ.Value)))
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if n, err := strconv.Unquote(name); err == nil {
			name = n
		}
		return newProblem(ProblemUnknownField, name, fmt.Sprintf("unknown field %q", name))
	}
	return newProblem(ProblemMalformedJSON, "", strings.TrimPrefix(msg, "json: "))
}

// jsonKind names a Go kind the way JSON calls it.
func jsonKind(kind string) string {
	switch kind {
	case "struct", "map":
		return "object"
	case "slice", "array":
		return "array"
	case "bool":
		return "boolean"
	case "string":
		return "string"
	case "interface":
		return "value"
	}
	return "number"
}

// article puts "a" or "an" before a JSON kind.
func article(s string) string {
	switch {
	case s == "":
		return s
	case strings.ContainsRune("aeiou", rune(s[0])):
		return "an " + s
	}
	return "a " + s
}

// lineCol formats a byte offset in data as "line L, column C" (both from 1).
func lineCol(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// decodeJSONBody reads a JSON request body, bounded by MaxBodyBytes, into v as decodeStrict
// does. When the body cannot be used it answers the problem itself and returns false: the
// routes that take a JSON object start with it.
func (s *server) decodeJSONBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if p := requireJSON(r); p != nil {
		writeProblem(w, p)
		return false
	}
	body, p := readBody(w, r, s.cfg.MaxBodyBytes)
	if p != nil {
		writeProblem(w, p)
		return false
	}
	if p := decodeStrict(body, v); p != nil {
		writeProblem(w, p)
		return false
	}
	return true
}
