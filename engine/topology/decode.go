package topology

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits on what Decode accepts. They keep a hostile or broken file from exhausting memory or
// the stack; a real topology, even a large one, is far below them.
const (
	// MaxInputBytes is the largest file Decode reads: 1 MiB. The generated large.yaml (200
	// pools, 2,000 servers) is about 200 KB; 1 MiB keeps the worst-case parse of hostile
	// input around two seconds natively.
	MaxInputBytes = 1 << 20
	// MaxDepth is the deepest nesting of mappings and sequences Decode accepts. The model
	// itself is at most six levels deep.
	MaxDepth = 32
)

// Decode-stage finding codes. docs/validation.md describes each.
const (
	CodeSyntax        = "FW0001" // the file is not valid YAML or JSON
	CodeUnknownKey    = "FW0002" // a key the model does not have
	CodeWrongType     = "FW0003" // a value of the wrong kind (a list where a name belongs, ...)
	CodeTooLarge      = "FW0004" // the file exceeds MaxInputBytes
	CodeTooDeep       = "FW0005" // nesting deeper than MaxDepth
	CodeNotText       = "FW0006" // binary data: NUL bytes or invalid UTF-8
	CodeUnsupported   = "FW0007" // anchors, aliases, tags or merge keys
	CodeEmpty         = "FW0008" // nothing in the file
	CodeMultiDocument = "FW0009" // more than one YAML document
	CodeDuplicateKey  = "FW0010" // the same key twice in one mapping
	CodeParserFailure = "FW0011" // the YAML library failed unexpectedly
	CodeTooMany       = "FW0012" // decoding stopped after MaxDecodeFindings findings
)

// MaxDecodeFindings is how many decoding findings Decode reports before it stops, as go/scanner
// does: past that point more findings only repeat one mistake.
const MaxDecodeFindings = 100

// utf8BOM is the byte-order mark some Windows editors put at the start of UTF-8 files.
var utf8BOM = []byte("\ufeff")

// Document is a decoded topology together with where each part of it came from.
type Document struct {
	// Name is the file name given to the decoder; it prefixes every position.
	Name string
	// Topology is the decoded model.
	Topology *Topology
	// Source maps model paths to positions in the file.
	Source Source
}

// Validate validates the document's topology and anchors each finding to its position in
// the file.
func (d *Document) Validate() Findings { return Check(d.Topology, Options{Source: d.Source}) }

// ValidateStrict is Validate with documented-but-unenforced rules reported as errors.
func (d *Document) ValidateStrict() Findings {
	return Check(d.Topology, Options{Source: d.Source, Strict: true})
}

// Decode parses a topology from YAML or JSON (JSON is read as YAML flow style) and returns it
// with every decoding problem: syntax errors, unknown keys, values of the wrong type, input
// over MaxInputBytes or nested deeper than MaxDepth, binary data. Each finding carries the
// position name:line:column. Decode does not validate the model; see Validate and
// DecodeDocument. The topology is nil only when the input could not be parsed at all; when
// there are error findings it is partial and must not be used.
func Decode(name string, data []byte) (*Topology, Findings) {
	doc, fs := DecodeDocument(name, data)
	if doc == nil {
		return nil, fs
	}
	return doc.Topology, fs
}

// DecodeDocument is Decode that also returns the Source positions of every model path.
func DecodeDocument(name string, data []byte) (*Document, Findings) {
	docs, f := parseDocs(name, data)
	if f != nil {
		return nil, Findings{*f}
	}
	switch {
	case len(docs) == 0:
		return nil, Findings{{Code: CodeEmpty, Severity: Error, Pos: Pos{File: name, Line: 1, Column: 1},
			Message: "the file holds no topology", Fix: "write a mapping with at least name, sites and pools (see docs/topology.md)"}}
	case len(docs) > 1:
		d := &decoder{file: name}
		return nil, Findings{{Code: CodeMultiDocument, Severity: Error, Pos: d.pos(docs[1]),
			Message: "the file holds more than one YAML document", Fix: "keep one topology per file; remove the extra '---' section"}}
	}
	return DecodeNode(name, docs[0])
}

// DecodeNode decodes a topology from an already parsed YAML node, for files that embed a
// topology (a scenario's inline topology). Paths in Source are relative to the node.
func DecodeNode(name string, node ast.Node) (*Document, Findings) {
	d := &decoder{file: name, src: Source{}}
	t := &Topology{}
	if node != nil {
		d.src[""] = d.pos(node)
	}
	d.value("", node, reflect.ValueOf(t).Elem(), 1)
	d.fs.Sort()
	return &Document{Name: name, Topology: t, Source: d.src}, d.fs
}

// parseDocs runs the checks every input gets (size, text, depth, syntax) and returns the
// bodies of the file's non-empty YAML documents, or the finding that stopped it.
func parseDocs(name string, data []byte) ([]ast.Node, *Finding) {
	if f := precheck(name, data); f != nil {
		return nil, f
	}
	file, f := parseYAML(name, bytes.TrimPrefix(data, utf8BOM))
	if f != nil {
		return nil, f
	}
	return nonEmptyDocs(file), nil
}

// nonEmptyDocs returns the bodies of the documents that hold something other than comments.
func nonEmptyDocs(f *ast.File) []ast.Node {
	var out []ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, ok := doc.Body.(*ast.CommentGroupNode); ok {
			continue
		}
		if _, ok := doc.Body.(*ast.CommentNode); ok {
			continue
		}
		if _, ok := doc.Body.(*ast.DirectiveNode); ok {
			continue // %YAML or %TAG before the document
		}
		out = append(out, doc.Body)
	}
	return out
}

// parseYAML runs the YAML parser, turning its errors (and, defensively, its panics) into a
// positioned finding.
func parseYAML(name string, data []byte) (file *ast.File, bad *Finding) {
	defer func() {
		if r := recover(); r != nil {
			file = nil
			bad = &Finding{Code: CodeParserFailure, Severity: Error, Pos: Pos{File: name, Line: 1, Column: 1},
				Message: fmt.Sprintf("the YAML parser failed on this input: %v", r),
				Fix:     "simplify the file; if it is valid YAML, report it as a failwright bug"}
		}
	}()
	f, err := parser.ParseBytes(data, 0)
	if err == nil {
		return f, nil
	}
	pos := Pos{File: name, Line: 1, Column: 1}
	var msg string
	// The library's Error() prints the surrounding source, which is slow on large inputs: only
	// the message and the token are used.
	if ye, ok := err.(yaml.Error); !ok {
		msg = err.Error()
	} else {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line > 0 {
			pos.Line, pos.Column = tk.Position.Line, max(tk.Position.Column, 1)
		}
	}
	if m := duplicateKey.FindStringSubmatch(msg); m != nil {
		return nil, &Finding{Code: CodeDuplicateKey, Severity: Error, Pos: pos,
			Message: fmt.Sprintf("the key %s appears twice in one mapping (first at line %s, column %s)", m[1], m[2], m[3]),
			Fix:     "remove one of them"}
	}
	if strings.Contains(msg, "'\t'") {
		return nil, &Finding{Code: CodeSyntax, Severity: Error, Pos: pos, Message: "invalid YAML: a tab character where YAML allows only spaces",
			Fix: "indent with spaces, not tabs"}
	}
	return nil, &Finding{Code: CodeSyntax, Severity: Error, Pos: pos, Message: "invalid YAML: " + firstLine(msg),
		Fix: "correct the YAML syntax at this position"}
}

// duplicateKey matches the YAML library's message for a key given twice in one mapping.
var duplicateKey = regexp.MustCompile(`mapping key (".*") already defined at \[(\d+):(\d+)\]`)

// firstLine is the first line of s, trimmed.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// precheck rejects input that is too large, binary, or nested too deeply before the YAML
// parser (which recurses per nesting level) sees it.
func precheck(name string, data []byte) *Finding {
	if len(data) > MaxInputBytes {
		return &Finding{Code: CodeTooLarge, Severity: Error, Pos: Pos{File: name, Line: 1, Column: 1},
			Message: fmt.Sprintf("the file is larger than 1 MiB (%s bytes), the most failwright reads", Thousands(MaxInputBytes)),
			Fix:     "split the deployment into several topologies, or remove what failwright does not model"}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &Finding{Code: CodeNotText, Severity: Error, Pos: Pos{File: name, Line: 1, Column: 1},
			Message: "the file is UTF-16 text (the default of Windows PowerShell's Out-File); failwright reads UTF-8",
			Fix:     "save it as UTF-8, for example Out-File -Encoding utf8 or Set-Content -Encoding UTF8"}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && size <= 1) || r == 0 || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFEFF && i > 0 {
			return &Finding{Code: CodeNotText, Severity: Error, Pos: Pos{File: name, Line: line, Column: col},
				Message: fmt.Sprintf("the file is not UTF-8 text: byte 0x%02x at offset %d", data[i], i),
				Fix:     "give a YAML or JSON topology file saved as UTF-8"}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	if p, ok := tooDeep(data); ok {
		return &Finding{Code: CodeTooDeep, Severity: Error, Pos: Pos{File: name, Line: p.Line, Column: p.Column},
			Message: fmt.Sprintf("the file nests mappings and lists more than %d levels deep", MaxDepth),
			Fix:     "a topology is at most six levels deep; check the indentation and brackets here"}
	}
	return nil
}

// tooDeep estimates, without parsing, how deeply the input nests, and reports the first
// position past MaxDepth. It counts flow brackets outside quoted strings and comments, block
// indentation levels, and block indicators ("- ", "? ", ": ") that open a new level on the
// same line. The estimate is an upper bound for real topologies.
func tooDeep(data []byte) (Pos, bool) {
	lines := strings.Split(string(data), "\n")
	var indents []int // stack of block indentation columns
	flow := 0
	inQuote := byte(0)
	blockScalarIndent := -1 // lines indented deeper than this are block scalar text
	for ln, raw := range lines {
		s := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimLeft(s, " \t")
		indent := len(s) - len(trimmed)
		if blockScalarIndent >= 0 {
			if trimmed == "" || indent > blockScalarIndent {
				continue
			}
			blockScalarIndent = -1
		}
		if inQuote == 0 && flow == 0 && trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, indent)
		}
		depth := len(indents)
		for i := indent; i < len(s); i++ {
			c := s[i]
			if inQuote != 0 {
				switch {
				case inQuote == '"' && c == '\\':
					i++
				case c == inQuote:
					if inQuote == '\'' && i+1 < len(s) && s[i+1] == '\'' {
						i++
					} else {
						inQuote = 0
					}
				}
				continue
			}
			switch c {
			case '"', '\'':
				inQuote = c
			case '#':
				if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
					i = len(s)
				}
			case '[', '{':
				flow++
			case ']', '}':
				if flow > 0 {
					flow--
				}
			case '-', '?', ':':
				if flow == 0 && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') && (c == ':' || i == indent || s[i-1] == ' ') {
					depth++
				}
			case '|', '>':
				if flow == 0 && i > 0 && s[i-1] == ' ' && strings.TrimRight(strings.SplitN(s[i+1:], " #", 2)[0], "+-0123456789 \t") == "" {
					blockScalarIndent = indent
					i = len(s)
				}
			}
			if depth+flow > MaxDepth {
				return Pos{Line: ln + 1, Column: i + 1}, true
			}
		}
	}
	return Pos{}, false
}

// decoder walks a YAML AST into the model by reflection over the model's json tags, strictly.
type decoder struct {
	file string
	src  Source
	fs   Findings
}

// pos is the position of n in the file.
func (d *decoder) pos(n ast.Node) Pos {
	p := Pos{File: d.file}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	if n == nil {
		return p
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return p
	}
	p.Line, p.Column = tk.Position.Line, max(tk.Position.Column, 1)
	return p
}

// errorf records a decoding finding at n, until MaxDecodeFindings.
func (d *decoder) errorf(code string, n ast.Node, path, fix, format string, args ...any) {
	if d.full() {
		return
	}
	if len(d.fs) == MaxDecodeFindings-1 {
		d.fs = append(d.fs, Finding{Code: CodeTooMany, Severity: Error, Path: path, Pos: d.pos(n),
			Message: fmt.Sprintf("too many errors: decoding stopped after %d", MaxDecodeFindings-1),
			Fix:     "fix the findings above and validate again"})
		return
	}
	d.fs = append(d.fs, Finding{Code: code, Severity: Error, Path: path, Pos: d.pos(n),
		Message: fmt.Sprintf(format, args...), Fix: fix})
}

// record remembers where path is in the file, keeping the first position seen.
func (d *decoder) record(path string, n ast.Node) {
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

// value decodes node n into v, which is addressable.
func (d *decoder) value(path string, n ast.Node, v reflect.Value, depth int) {
	if d.full() {
		return
	}
	if depth > MaxDepth {
		d.errorf(CodeTooDeep, n, path, "flatten the structure", "nested more than %d levels deep", MaxDepth)
		return
	}
	if n == nil {
		return
	}
	d.record(path, n)
	switch nn := n.(type) {
	case *ast.NullNode:
		return // leave the zero value
	case *ast.AnchorNode, *ast.AliasNode:
		d.errorf(CodeUnsupported, n, path, "write the value out in full", "YAML anchors and aliases are not supported")
		return
	case *ast.TagNode:
		d.errorf(CodeUnsupported, n, path, "remove the tag", "YAML tags such as %s are not supported", nn.Start.Value)
		return
	case *ast.MergeKeyNode:
		d.errorf(CodeUnsupported, n, path, "write the keys out in full", "YAML merge keys (<<) are not supported")
		return
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
		if s, ok := scalarText(n); ok {
			v.SetString(s)
			return
		}
		d.errorf(CodeWrongType, n, path, "give a single value, quoted if it contains special characters",
			"expected text, found %s", kindOf(n))
	case reflect.Int:
		in, ok := n.(*ast.IntegerNode)
		if !ok && isBareDigits(n) {
			d.errorf(CodeWrongType, n, path, "give a number between -2147483648 and 2147483647", "number %s is out of range", n.GetToken().Value)
			return
		}
		if !ok {
			d.errorf(CodeWrongType, n, path, "give a whole number without quotes, such as 20000",
				"expected a whole number, found %s", kindOf(n))
			return
		}
		var x int64
		switch iv := in.Value.(type) {
		case int64:
			x = iv
		case uint64:
			x = 1 << 40
			if iv < 1<<31 {
				x = int64(iv)
			}
		default:
			x = 1 << 40
		}
		if x < -1<<31 || x > 1<<31-1 {
			d.errorf(CodeWrongType, n, path, "give a number between -2147483648 and 2147483647", "number %s is out of range", in.Token.Value)
			return
		}
		v.SetInt(x)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.errorf(CodeWrongType, n, path, "write true or false", "expected true or false, found %s", kindOf(n))
			return
		}
		v.SetBool(b.Value)
	default:
		panic("topology: decoder cannot handle " + v.Type().String())
	}
}

// scalarText returns the text of a scalar node as the model stores it.
func scalarText(n ast.Node) (string, bool) {
	switch s := n.(type) {
	case *ast.StringNode:
		return s.Value, true
	case *ast.LiteralNode:
		if s.Value == nil {
			return "", true
		}
		return s.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	return "", false
}

// kindOf describes a node for messages.
// isBareDigits reports whether n is an unquoted run of digits that the YAML parser kept as
// text because it does not fit a 64-bit integer.
func isBareDigits(n ast.Node) bool {
	sn, ok := n.(*ast.StringNode)
	if !ok || sn.Token == nil || sn.Token.Type != token.StringType {
		return false
	}
	digits := strings.TrimPrefix(sn.Value, "-")
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

// kindOf names the kind of value n holds, for messages: "a mapping", "text", ...
func kindOf(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	case *ast.IntegerNode:
		return "a whole number"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a decimal number"
	case *ast.BoolNode:
		return "true/false"
	}
	return strings.ToLower(n.Type().String())
}

// mappingValues returns the entries of a mapping node, or false when n is not a mapping.
func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
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

// join appends a key to a model path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping decodes a YAML mapping into the struct v, reporting unknown keys with a suggestion.
func (d *decoder) mapping(path string, n ast.Node, v reflect.Value, depth int) {
	entries, ok := mappingValues(n)
	if !ok {
		d.errorf(CodeWrongType, n, path, "write key: value pairs here (see docs/topology.md)",
			"expected a mapping of keys to values, found %s", kindOf(n))
		return
	}
	fields, names := fieldsByKey(v.Type())
	seen := map[string]bool{}
	for _, e := range entries {
		if e == nil || e.Key == nil {
			continue
		}
		if _, isMerge := e.Key.(*ast.MergeKeyNode); isMerge {
			d.errorf(CodeUnsupported, e.Key, path, "write the keys out in full", "YAML merge keys (<<) are not supported")
			continue
		}
		key, ok := scalarText(e.Key)
		if !ok {
			d.errorf(CodeWrongType, e.Key, path, "keys are plain names such as fqdn or site", "a key must be a plain name, found %s", kindOf(e.Key))
			continue
		}
		fp := join(path, key)
		if seen[key] {
			d.errorf(CodeDuplicateKey, e.Key, fp, "remove one of the two entries", "key %q appears twice in this mapping", key)
			continue
		}
		seen[key] = true
		i, known := fields[key]
		if !known {
			d.errorf(CodeUnknownKey, e.Key, fp, "use one of: "+strings.Join(names, ", ")+suggest(key, names),
				"unknown key %q in %s", key, displayPath(path))
			continue
		}
		d.record(fp, e.Value)
		d.value(fp, e.Value, v.Field(i), depth+1)
	}
}

// suggest proposes the known key closest to key: one that differs only in case, or by at most
// two edits (a typo such as "bakupPool").
func suggest(key string, names []string) string {
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return fmt.Sprintf(" (did you mean %q? keys are case-sensitive)", n)
		}
	}
	best, bestD := "", 3
	for _, n := range names {
		if d := EditDistance(strings.ToLower(key), strings.ToLower(n), bestD); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// elementKey is the key field that names elements of a list in model paths.
var elementKey = map[reflect.Type]string{
	reflect.TypeFor[Site]():   "name",
	reflect.TypeFor[Pool]():   "fqdn",
	reflect.TypeFor[Branch](): "fqdn",
}

// sequence decodes a YAML list into the slice v, naming elements by their key where they have one.
func (d *decoder) sequence(path string, n ast.Node, v reflect.Value, depth int) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.errorf(CodeWrongType, n, path, "write a list: one '- ' item per line, or [a, b]",
			"expected a list, found %s", kindOf(n))
		return
	}
	if len(seq.Values) == 0 {
		return // empty lists decode to nil, as Encode omits them
	}
	et := v.Type().Elem()
	keyName := elementKey[et]
	out := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
	taken := map[string]bool{} // keys already naming an element, lower-cased
	for i, item := range seq.Values {
		ip := indexPath(path, i)
		ep := ip
		if keyName != "" {
			if entries, ok := mappingValues(item); ok {
				for _, e := range entries {
					if e == nil || e.Key == nil {
						continue
					}
					if k, ok := scalarText(e.Key); ok && k == keyName {
						if s, ok := scalarText(e.Value); ok && usableKey(s) && !taken[strings.ToLower(s)] {
							taken[strings.ToLower(s)] = true
							ep = path + "[" + s + "]"
						}
						break
					}
				}
			}
			d.record(ip, item)
		}
		d.value(ep, item, out.Index(i), depth+1)
	}
	v.Set(out)
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
			walk(join(prefix, name), t.Field(i).Type)
		}
	}
	walk("", reflect.TypeFor[Topology]())
	return out
}

// TopLevelKeys returns the keys of the top-level mapping of a YAML or JSON file, in file
// order, after the same checks as Decode (size, text, depth, syntax). Callers use it to tell a
// topology from a scenario file (which has "steps") before decoding.
func TopLevelKeys(name string, data []byte) ([]string, Findings) {
	docs, f := parseDocs(name, data)
	if f != nil {
		return nil, Findings{*f}
	}
	if len(docs) == 0 {
		return nil, nil
	}
	entries, _ := mappingValues(docs[0])
	var keys []string
	for _, e := range entries {
		if e == nil || e.Key == nil {
			continue
		}
		if k, ok := scalarText(e.Key); ok {
			keys = append(keys, k)
		}
	}
	return keys, nil
}
