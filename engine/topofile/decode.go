// Package topofile reads topology files: YAML and JSON into the model (package topology),
// with the position in the file of every model path. It is the one place that turns a
// topology file into a topology.Topology, so that the model itself does not depend on the
// YAML library.
package topofile

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/decode"
	"failwright/engine/suggest"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Limits on what Decode accepts. They keep a hostile or broken file from exhausting memory or
// the stack; a real topology, even a large one, is far below them.
const (
	// MaxInputBytes is the largest file Decode reads: 1 MiB. The generated large.yaml (200
	// pools, 2,000 servers) is about 200 KB.
	MaxInputBytes = 1 << 20
	// MaxDepth is the deepest nesting of mappings and sequences Decode accepts. The model
	// itself is at most six levels deep.
	MaxDepth = 32
)

// MaxDecodeFindings is how many decoding findings Decode reports before it stops, as go/scanner
// does: past that point more findings only repeat one mistake.
const MaxDecodeFindings = 100

// Document is a decoded topology together with where each part of it came from.
type Document struct {
	// Name is the file name given to the decoder; it prefixes every position.
	Name string
	// Topology is the decoded model.
	Topology *topology.Topology
	// Source maps model paths to positions in the file.
	Source topology.Source
}

// Validate validates the document's topology and anchors each finding to its position in
// the file.
func (d *Document) Validate() topology.Findings {
	return topology.Check(d.Topology, topology.Options{Source: d.Source})
}

// Check validates the document's topology with opt, its findings anchored to the document's
// file (opt.Source is the document's own).
func (d *Document) Check(opt topology.Options) topology.Findings {
	opt.Source = d.Source
	return topology.Check(d.Topology, opt)
}

// ValidateStrict is Validate with documented-but-unenforced rules reported as errors.
func (d *Document) ValidateStrict() topology.Findings {
	return topology.Check(d.Topology, topology.Options{Source: d.Source, Strict: true})
}

// Decode parses a topology from YAML or JSON (JSON is read as YAML flow style) and returns it
// with every decoding problem: syntax errors, unknown keys, values of the wrong type, input
// over MaxInputBytes or nested deeper than MaxDepth, binary data. Each finding carries the
// position name:line:column. Decode does not validate the model; see Validate and
// DecodeDocument. The topology is nil only when the input could not be parsed at all; when
// there are error findings it is partial and must not be used.
func Decode(name string, data []byte) (*topology.Topology, topology.Findings) {
	doc, fs := DecodeDocument(name, data)
	if doc == nil {
		return nil, fs
	}
	return doc.Topology, fs
}

// DecodeDocument is Decode that also returns the Source positions of every model path.
func DecodeDocument(name string, data []byte) (*Document, topology.Findings) {
	docs, f := parseDocs(name, data)
	if f != nil {
		return nil, topology.Findings{*f}
	}
	switch {
	case len(docs) == 0:
		return nil, topology.Findings{{Code: topology.CodeEmpty, Severity: topology.Error, Pos: topology.Pos{File: name, Line: 1, Column: 1},
			Message: "the file holds no topology", Fix: "write a mapping with at least name, sites and pools (see docs/topology.md)"}}
	case len(docs) > 1:
		d := &decoder{file: name}
		return nil, topology.Findings{{Code: topology.CodeMultiDocument, Severity: topology.Error, Pos: d.pos(docs[1]),
			Message: "the file holds more than one YAML document", Fix: "keep one topology per file; remove the extra '---' section"}}
	}
	return DecodeNode(name, docs[0])
}

// DecodeNode decodes a topology from an already parsed YAML node, for files that embed a
// topology (a scenario's inline topology). Paths in Source are relative to the node.
func DecodeNode(name string, node *yaml.Node) (*Document, topology.Findings) {
	d := &decoder{file: name, src: topology.Source{}}
	t := &topology.Topology{}
	if node != nil {
		d.src[""] = d.pos(node)
	}
	d.value("", node, reflect.ValueOf(t).Elem(), 1)
	d.fs.Sort()
	return &Document{Name: name, Topology: t, Source: d.src}, d.fs
}

// limits are the decoding kit's limits for a topology file.
var limits = decode.Limits{MaxBytes: MaxInputBytes, MaxDepth: MaxDepth}

// parseDocs runs the checks every input gets (size, text, depth, syntax, duplicate keys) and
// returns the bodies of the file's non-empty YAML documents, or the finding that stopped it.
func parseDocs(name string, data []byte) ([]*yaml.Node, *topology.Finding) {
	docs, p := decode.Parse(data, limits)
	if p == nil {
		return docs, nil
	}
	f := &topology.Finding{Code: topology.CodeSyntax, Severity: topology.Error, Pos: topology.Pos{File: name, Line: p.Pos.Line, Column: p.Pos.Column}}
	switch p.Kind {
	case decode.TooLarge:
		f.Code, f.Message = topology.CodeTooLarge, fmt.Sprintf("the file is larger than 1 MiB (%s bytes), the most failwright reads", topology.Thousands(MaxInputBytes))
		f.Fix = "split the deployment into several topologies, or remove what failwright does not model"
	case decode.UTF16:
		f.Code, f.Message = topology.CodeNotText, "the file is UTF-16 text (the default of Windows PowerShell's Out-File); failwright reads UTF-8"
		f.Fix = "save it as UTF-8, for example Out-File -Encoding utf8 or Set-Content -Encoding UTF8"
	case decode.NotText:
		f.Code, f.Message = topology.CodeNotText, fmt.Sprintf("the file is not UTF-8 text: byte 0x%02x at offset %d", p.Byte, p.Offset)
		f.Fix = "give a YAML or JSON topology file saved as UTF-8"
	case decode.TooDeep:
		f.Code, f.Message = topology.CodeTooDeep, fmt.Sprintf("the file nests mappings and lists more than %d levels deep", MaxDepth)
		f.Fix = "a topology is at most six levels deep; check the indentation and brackets here"
	case decode.DuplicateKey:
		f.Code = topology.CodeDuplicateKey
		f.Message = fmt.Sprintf("the key %q appears twice in one mapping (first at line %d, column %d)", p.Key, p.First.Line, p.First.Column)
		f.Fix = "remove one of them"
	case decode.Tab:
		f.Message, f.Fix = "invalid YAML: a tab character where YAML allows only spaces", "indent with spaces, not tabs"
	case decode.ParserFailure:
		f.Code, f.Message = topology.CodeParserFailure, "the YAML parser failed on this input: "+p.Message
		f.Fix = "simplify the file; if it is valid YAML, report it as a failwright bug"
	default:
		f.Message, f.Fix = "invalid YAML: "+p.Message, "correct the YAML syntax at this position"
	}
	return nil, f
}

// decoder walks YAML nodes into the model by reflection over the model's json tags, strictly.
type decoder struct {
	file string
	src  topology.Source
	fs   topology.Findings
}

// pos is the position of n in the file; a mapping's is that of its first key.
func (d *decoder) pos(n *yaml.Node) topology.Pos {
	if decode.IsMapping(n) && len(n.Content) > 0 {
		n = n.Content[0]
	}
	p := decode.PosOf(n)
	return topology.Pos{File: d.file, Line: p.Line, Column: p.Column}
}

// errorf records a decoding finding at n, until MaxDecodeFindings.
func (d *decoder) errorf(code string, n *yaml.Node, path, fix, format string, args ...any) {
	if d.full() {
		return
	}
	if len(d.fs) == MaxDecodeFindings-1 {
		d.fs = append(d.fs, topology.Finding{Code: topology.CodeTooMany, Severity: topology.Error, Path: path, Pos: d.pos(n),
			Message: fmt.Sprintf("too many errors: decoding stopped after %d", MaxDecodeFindings-1),
			Fix:     "fix the findings above and validate again"})
		return
	}
	d.fs = append(d.fs, topology.Finding{Code: code, Severity: topology.Error, Path: path, Pos: d.pos(n),
		Message: fmt.Sprintf(format, args...), Fix: fix})
}

// record remembers where path is in the file, keeping the first position seen.
func (d *decoder) record(path string, n *yaml.Node) {
	if _, seen := d.src[path]; !seen {
		d.src[path] = d.pos(n)
	}
}

// displayPath names the top level "the document" in messages.
func displayPath(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

// full reports whether the decoder has stopped reporting.
func (d *decoder) full() bool { return len(d.fs) >= MaxDecodeFindings }

// unsupported reports a YAML feature topologies do not use.
func (d *decoder) unsupported(n *yaml.Node, path string) bool {
	switch decode.Unsupported(n) {
	case decode.Anchor, decode.Alias:
		d.errorf(topology.CodeUnsupported, n, path, "write the value out in full", "YAML anchors and aliases are not supported")
	case decode.Tag:
		d.errorf(topology.CodeUnsupported, n, path, "remove the tag", "YAML tags such as %s are not supported", n.Tag)
	case decode.MergeKey:
		d.errorf(topology.CodeUnsupported, n, path, "write the keys out in full", "YAML merge keys (<<) are not supported")
	default:
		return false
	}
	return true
}

// value decodes node n into v, which is addressable.
func (d *decoder) value(path string, n *yaml.Node, v reflect.Value, depth int) {
	if d.full() {
		return
	}
	if depth > MaxDepth {
		d.errorf(topology.CodeTooDeep, n, path, "flatten the structure", "nested more than %d levels deep", MaxDepth)
		return
	}
	if n == nil {
		return
	}
	d.record(path, n)
	if d.unsupported(n, path) || decode.IsNull(n) {
		return // a null leaves the zero value
	}
	switch v.Kind() {
	case reflect.Pointer:
		nv := reflect.New(v.Type().Elem())
		d.value(path, n, nv.Elem(), depth)
		v.Set(nv)
	case reflect.Struct:
		d.mapping(path, n, v, depth)
	case reflect.Slice:
		d.sequence(path, n, v, depth)
	case reflect.String:
		if s, ok := decode.Scalar(n); ok {
			v.SetString(s)
			return
		}
		d.errorf(topology.CodeWrongType, n, path, "give a single value, quoted if it contains special characters",
			"expected text, found %s", decode.Describe(n))
	case reflect.Int:
		d.integer(path, n, v)
	case reflect.Int64:
		d.duration(path, n, v)
	case reflect.Bool:
		b, ok := decode.Bool(n)
		if !ok {
			d.errorf(topology.CodeWrongType, n, path, "write true or false", "expected true or false, found %s", decode.Describe(n))
			return
		}
		v.SetBool(b)
	default:
		panic("topofile: decoder cannot handle " + v.Type().String())
	}
}

// integer decodes a whole number that fits in 32 bits into v.
func (d *decoder) integer(path string, n *yaml.Node, v reflect.Value) {
	x, ok, tooLarge := decode.Int(n)
	switch {
	case !ok:
		d.errorf(topology.CodeWrongType, n, path, "give a whole number without quotes, such as 20000",
			"expected a whole number, found %s", decode.Describe(n))
	case tooLarge || x < -1<<31 || x > 1<<31-1:
		d.errorf(topology.CodeWrongType, n, path, "give a number between -2147483648 and 2147483647", "number %s is out of range", n.Value)
	default:
		v.SetInt(x)
	}
}

// duration decodes a TimeSpan ("00:20:00", units.ParseDuration) into v, a units.Duration.
func (d *decoder) duration(path string, n *yaml.Node, v reflect.Value) {
	if v.Type() != reflect.TypeFor[units.Duration]() {
		panic("topofile: decoder cannot handle " + v.Type().String())
	}
	s, ok := decode.Scalar(n)
	var err error
	var x units.Duration
	if ok {
		x, err = units.ParseDuration(s)
	}
	fix := `write a TimeSpan hh:mm:ss in quotes, such as "00:20:00", with "d." first from a day on`
	switch {
	case !ok:
		d.errorf(topology.CodeWrongType, n, path, fix, "expected a duration hh:mm:ss, found %s", decode.Describe(n))
		return
	case err != nil:
		d.errorf(topology.CodeWrongType, n, path, fix, "expected a duration hh:mm:ss, found %q", s)
		return
	}
	v.SetInt(int64(x))
}

// fieldsByKey maps json key names to struct field indexes.
func fieldsByKey(t reflect.Type) (map[string]int, []string) {
	m := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		m[name] = i
		names = append(names, name)
	}
	return m, names
}

// mapping decodes a YAML mapping into the struct v, reporting unknown keys with a suggestion.
func (d *decoder) mapping(path string, n *yaml.Node, v reflect.Value, depth int) {
	entries, ok := decode.Entries(n)
	if !ok {
		d.errorf(topology.CodeWrongType, n, path, "write key: value pairs here (see docs/topology.md)",
			"expected a mapping of keys to values, found %s", decode.Describe(n))
		return
	}
	fields, names := fieldsByKey(v.Type())
	seen := map[string]bool{}
	for _, e := range entries {
		if d.unsupported(e.Key, path) {
			continue
		}
		key, ok := decode.Scalar(e.Key)
		if !ok {
			d.errorf(topology.CodeWrongType, e.Key, path, "keys are plain names such as fqdn or site", "a key must be a plain name, found %s", decode.Describe(e.Key))
			continue
		}
		fp := decode.Join(path, key)
		if seen[key] {
			d.errorf(topology.CodeDuplicateKey, e.Key, fp, "remove one of the two entries", "key %q appears twice in this mapping", key)
			continue
		}
		seen[key] = true
		i, known := fields[key]
		if !known {
			if d.full() {
				continue // no suggestion to compute for a finding that is not kept
			}
			d.errorf(topology.CodeUnknownKey, e.Key, fp, "use one of: "+strings.Join(names, ", ")+didYouMean(key, names),
				"unknown key %q in %s", key, displayPath(path))
			continue
		}
		d.record(fp, e.Value)
		d.value(fp, e.Value, v.Field(i), depth+1)
	}
}

// didYouMean proposes the known key closest to key, saying so when only the case differs.
func didYouMean(key string, names []string) string {
	best, caseOnly := suggest.Closest(key, names)
	switch {
	case best == "":
		return ""
	case caseOnly:
		return fmt.Sprintf(" (did you mean %q? keys are case-sensitive)", best)
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// elementKey is the key field that names elements of a list in model paths.
var elementKey = map[reflect.Type]string{
	reflect.TypeFor[topology.Site]():   "name",
	reflect.TypeFor[topology.Pool]():   "fqdn",
	reflect.TypeFor[topology.Branch](): "fqdn",
	// The recovery parts (topology/recovery.go); simple URLs are named by index.
	reflect.TypeFor[topology.DNSProvider]():        "name",
	reflect.TypeFor[topology.LoadBalancer]():       "name",
	reflect.TypeFor[topology.PersistentChatPool](): "fqdn",
	reflect.TypeFor[topology.XMPPGateway]():        "domain",
	reflect.TypeFor[topology.PSTNGateway]():        "fqdn",
}

// sequence decodes a YAML list into the slice v, naming elements by their key where they have one.
func (d *decoder) sequence(path string, n *yaml.Node, v reflect.Value, depth int) {
	items, ok := decode.Items(n)
	if !ok {
		d.errorf(topology.CodeWrongType, n, path, "write a list: one '- ' item per line, or [a, b]",
			"expected a list, found %s", decode.Describe(n))
		return
	}
	if len(items) == 0 {
		return // empty lists decode to nil, as Encode omits them
	}
	et := v.Type().Elem()
	keyName := elementKey[et]
	out := reflect.MakeSlice(v.Type(), len(items), len(items))
	taken := map[string]bool{} // keys already naming an element, lower-cased
	for i, item := range items {
		ip := topology.IndexPath(path, i)
		ep := ip
		if keyName != "" {
			if s, ok := elementName(item, keyName); ok && topology.UsableKey(s) && !taken[strings.ToLower(s)] {
				taken[strings.ToLower(s)] = true
				ep = path + "[" + s + "]"
			}
			d.record(ip, item)
		}
		d.value(ep, item, out.Index(i), depth+1)
	}
	v.Set(out)
}

// elementName is the value of the first keyName key of a list element that is a mapping.
func elementName(item *yaml.Node, keyName string) (string, bool) {
	entries, _ := decode.Entries(item)
	for _, e := range entries {
		if k, ok := decode.Scalar(e.Key); ok && k == keyName {
			return decode.Scalar(e.Value)
		}
	}
	return "", false
}

// KnownKeys lists the keys the model accepts at a model path's level, sorted; the docs test
// uses it to check that docs/topology.md describes every field.
func KnownKeys() map[string][]string {
	out := map[string][]string{}
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		_, names := fieldsByKey(t)
		sorted := append([]string(nil), names...)
		sort.Strings(sorted)
		out[prefix] = sorted
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			walk(decode.Join(prefix, name), t.Field(i).Type)
		}
	}
	walk("", reflect.TypeFor[topology.Topology]())
	return out
}

// TopLevelKeys returns the keys of the top-level mapping of a YAML or JSON file, in file
// order, after the same checks as Decode (size, text, depth, syntax). Callers use it to tell a
// topology from a scenario file (which has "steps") before decoding.
func TopLevelKeys(name string, data []byte) ([]string, topology.Findings) {
	docs, f := parseDocs(name, data)
	if f != nil {
		return nil, topology.Findings{*f}
	}
	if len(docs) == 0 {
		return nil, nil
	}
	entries, _ := decode.Entries(docs[0])
	var keys []string
	for _, e := range entries {
		if k, ok := decode.Scalar(e.Key); ok {
			keys = append(keys, k)
		}
	}
	return keys, nil
}
