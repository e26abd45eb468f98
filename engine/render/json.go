package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"failwright/engine/plan"
	"failwright/engine/topology"
)

// JSON renders p as the versioned plan document of docs/plan-format.md: two-space indented,
// fields in a fixed order, no HTML escaping, a final newline.
func JSON(p *plan.Plan) ([]byte, error) {
	if err := checkPlan(p); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return b.Bytes(), nil
}

// MaxPlanBytes is the largest plan document ParseJSON reads: 8 MiB.
const MaxPlanBytes = 8 << 20

// ParseJSON reads a plan document strictly: every field must be known and spelled exactly,
// none may repeat, the fields that are always written must be present, values must have
// their documented types, the format version must be one this failwright reads, the steps
// must be numbered from 1, and each command must be the line its call writes. Errors name
// the line, column and path ("3:5: steps[2].expct: unknown field").
func ParseJSON(data []byte) (*plan.Plan, error) {
	if len(data) > MaxPlanBytes {
		return nil, fmt.Errorf("the plan document is larger than 8 MiB (%s bytes), the most failwright reads", topology.Thousands(MaxPlanBytes))
	}
	s := &shape{data: data, dec: json.NewDecoder(bytes.NewReader(data)), at: map[string]int{}}
	s.dec.UseNumber()
	if err := s.value("", reflect.TypeOf(plan.Plan{}), 0); err != nil {
		return nil, err
	}
	if _, err := s.dec.Token(); err != io.EOF {
		return nil, s.errorf("", "unexpected data after the plan document")
	}
	var p plan.Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("plan document: %w", err)
	}
	if err := semantics(&p); err != nil {
		var fe *fieldError
		if errors.As(err, &fe) {
			return nil, s.errorAt(fe.path, "%s", fe.msg)
		}
		return nil, err
	}
	return &p, nil
}

// semantics checks what the shape cannot.
func semantics(p *plan.Plan) error {
	if p.Request.Mode != plan.Planned && p.Request.Mode != plan.Disaster && p.Request.Mode != plan.Migrate {
		return fieldErrorf("request.mode", "%q is not planned, disaster or migrate", p.Request.Mode)
	}
	if err := stagesSemantics(p); err != nil {
		return err
	}
	for i, st := range p.Steps {
		path := "steps[" + strconv.Itoa(i) + "]"
		if st.Number != i+1 {
			return fieldErrorf(path+".number", "step %d is numbered %d", i+1, st.Number)
		}
		if st.Call != nil {
			if err := checkCall(path+".call", *st.Call); err != nil {
				return err
			}
		}
		switch st.Kind {
		case plan.KindCheck, plan.KindChange:
			if st.Call == nil {
				return fieldErrorf(path+".call", "a %s step needs a call", st.Kind)
			}
			if st.Command != st.Call.Line() {
				return fieldErrorf(path+".command", "%q is not what its call writes (%q)", st.Command, st.Call.Line())
			}
		case plan.KindManual, plan.KindWait:
			if st.Call != nil || st.Command != "" {
				return fieldErrorf(path, "a %s step has no command", st.Kind)
			}
		default:
			return fieldErrorf(path+".kind", "%q is not check, change, manual or wait", st.Kind)
		}
		for j, v := range st.Verify {
			if err := checkCall(path+".verify["+strconv.Itoa(j)+"]", v); err != nil {
				return err
			}
		}
	}
	for i, f := range p.Findings {
		switch f.Severity {
		case topology.Error, topology.Warning, topology.Info:
		default:
			return fieldErrorf("findings["+strconv.Itoa(i)+"].severity", "%q is not error, warning or info", f.Severity)
		}
	}
	return checkPlan(p)
}

// shape walks a JSON document token by token against a Go type, the way encoding/json
// would decode it, but strictly. It records where each path's value is, so that later checks
// can name the line and column too.
type shape struct {
	data []byte
	dec  *json.Decoder
	at   map[string]int // path -> offset of its value
	last json.Token     // the first token of the value read last
}

var durationType = reflect.TypeOf(plan.Duration(0))

// errorf reports a problem at the decoder's current position.
func (s *shape) errorf(path, format string, args ...any) error {
	return s.errorAtOffset(int(s.dec.InputOffset()), path, format, args...)
}

// errorAt reports a problem at the value of path, or of its nearest ancestor the walk saw.
func (s *shape) errorAt(path, format string, args ...any) error {
	for p := path; p != ""; p = topology.ParentPath(p) {
		if off, ok := s.at[p]; ok {
			return s.errorAtOffset(off, path, format, args...)
		}
	}
	return s.errorAtOffset(0, path, format, args...)
}

// errorAtOffset formats "line:col: path: message" for a byte offset of the document.
func (s *shape) errorAtOffset(off int, path, format string, args ...any) error {
	line, col := 1, 1
	for i := 0; i < off && i < len(s.data); i++ {
		if s.data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	where := strconv.Itoa(line) + ":" + strconv.Itoa(col) + ": "
	if path != "" {
		where += path + ": "
	}
	return errors.New(where + fmt.Sprintf(format, args...))
}

// valueStart is the offset of the next value: past the white space and the ':' or ','
// before it.
func (s *shape) valueStart() int {
	off := int(s.dec.InputOffset())
	for off < len(s.data) && strings.IndexByte(" \t\r\n:,", s.data[off]) >= 0 {
		off++
	}
	return off
}

// token reads the next token, turning the decoder's errors into positioned ones.
func (s *shape) token(path string) (json.Token, error) {
	t, err := s.dec.Token()
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, s.errorf(path, "unexpected end of the document")
	}
	if err != nil {
		return nil, s.errorf(path, "%s", syntaxMessage(err))
	}
	return t, nil
}

// syntaxWords rewords the endings of encoding/json's syntax errors.
var syntaxWords = []struct{ from, to string }{
	{" looking for beginning of value", " where a value should start"},
	{" looking for beginning of object key string", " where a quoted field name should start"},
	{" after object key", " after a field name (a colon should follow)"},
	{" after object key:value pair", " after a field (a comma or } should follow)"},
	{" after array element", " after an array element (a comma or ] should follow)"},
}

// syntaxMessage words a JSON syntax error for an operator: "not valid JSON: unexpected
// character '#' where a value should start".
func syntaxMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "json: ")
	for _, r := range syntaxWords {
		if strings.HasSuffix(msg, r.from) {
			msg = strings.TrimSuffix(msg, r.from) + r.to
			break
		}
	}
	return "not valid JSON: " + strings.Replace(msg, "invalid character", "unexpected character", 1)
}

// value checks one value of type t.
func (s *shape) value(path string, t reflect.Type, depth int) error {
	if depth > 32 {
		return s.errorf(path, "nested too deeply")
	}
	start := s.valueStart()
	tok, err := s.token(path)
	if err != nil {
		return err
	}
	s.at[path], s.last = start, tok
	if t == durationType {
		if str, ok := tok.(string); ok {
			if _, err := plan.ParseDuration(str); err != nil {
				return s.errorf(path, "%v", err)
			}
			return nil
		}
		return s.errorf(path, "want a duration string \"hh:mm:ss\"")
	}
	switch t.Kind() {
	case reflect.Pointer:
		if tok == nil {
			return nil
		}
		return s.valueFrom(path, t.Elem(), tok, depth)
	default:
		return s.valueFrom(path, t, tok, depth)
	}
}

// valueFrom checks a value of type t whose first token is tok.
func (s *shape) valueFrom(path string, t reflect.Type, tok json.Token, depth int) error {
	switch t.Kind() {
	case reflect.Struct:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return s.errorf(path, "want an object")
		}
		return s.object(path, t, depth)
	case reflect.Slice:
		if tok == nil {
			return nil
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return s.errorf(path, "want an array")
		}
		for i := 0; s.dec.More(); i++ {
			if err := s.value(path+"["+strconv.Itoa(i)+"]", t.Elem(), depth+1); err != nil {
				return err
			}
		}
		_, err := s.token(path)
		return err
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return s.errorf(path, "want a string")
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return s.errorf(path, "want true or false")
		}
	case reflect.Int, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return s.errorf(path, "want an integer")
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			return s.errorf(path, "want an integer, got %s", n)
		}
	default:
		return s.errorf(path, "unsupported type %s", t)
	}
	return nil
}

// object checks the members of an object against struct type t.
func (s *shape) object(path string, t reflect.Type, depth int) error {
	type field struct {
		typ      reflect.Type
		required bool
	}
	fields := map[string]field{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		optional := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		fields[name] = field{f.Type, !optional}
	}
	seen := map[string]bool{}
	for s.dec.More() {
		tok, err := s.token(path)
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		kp := key
		if path != "" {
			kp = path + "." + key
		}
		f, ok := fields[key]
		if !ok {
			return s.errorf(kp, "unknown field %q", key)
		}
		if seen[key] {
			return s.errorf(kp, "field %q appears twice", key)
		}
		seen[key] = true
		if err := s.value(kp, f.typ, depth+1); err != nil {
			return err
		}
		if kp == "formatVersion" {
			if err := s.checkVersion(); err != nil {
				return err
			}
		}
	}
	if _, err := s.token(path); err != nil {
		return err
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	// Report the first missing field in a stable order.
	slices.Sort(names)
	for _, name := range names {
		if fields[name].required && !seen[name] {
			kp := name
			if path != "" {
				kp = path + "." + name
			}
			return s.errorf(kp, "missing field %q", name)
		}
	}
	return nil
}

// checkVersion refuses a format version this failwright does not read as soon as the walk
// has read it: formatVersion is the first field, so a plan of another format is named as such
// ("the plan was made by failwright format 1; this is format 2: rebuild it") rather than by
// the first field this version does not know or misses.
func (s *shape) checkVersion() error {
	n, _ := s.last.(json.Number)
	if string(n) == strconv.Itoa(plan.FormatVersion) {
		return nil
	}
	if v, err := strconv.Atoi(string(n)); err == nil && v > 0 {
		return s.errorAt("formatVersion", "%s", plan.VersionMessage(v))
	}
	return s.errorAt("formatVersion", "%v is not a plan format version (this is format %d)", s.last, plan.FormatVersion)
}
