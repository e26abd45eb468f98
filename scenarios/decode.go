package scenarios

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/decode"
	"failwright/engine/suggest"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// Scenario finding codes. docs/scenarios.md lists each with an example.
const (
	CodeSyntax       = "FW0901" // the file is not valid YAML
	CodeUnknownKey   = "FW0902" // a key the format does not have
	CodeMissing      = "FW0903" // a required key is missing
	CodeWrongType    = "FW0904" // a value of the wrong kind
	CodeBadDuration  = "FW0905" // not a Go duration
	CodeBadValue     = "FW0906" // a value outside its allowed set
	CodeOrder        = "FW0907" // steps out of time order
	CodeUnknownName  = "FW0908" // a pool, site or branch the topology does not have
	CodeImpossible   = "FW0909" // an expectation that no run can meet
	CodeTopology     = "FW0910" // the topology cannot be read
	CodeDuplicateKey = "FW0911" // the same key twice in one mapping
	CodeStep         = "FW0912" // a step with no action or with actions that exclude each other
	CodeTooLarge     = "FW0913" // the file is too large or not text
	CodeUnsupported  = "FW0914" // anchors, aliases and tags
)

// MaxInputBytes is the largest scenario file Decode reads: 1 MiB.
const MaxInputBytes = 1 << 20

// MaxDepth is the deepest nesting of mappings and lists Decode accepts: a scenario with an
// inline topology is about a dozen levels deep.
const MaxDepth = 64

// limits are the decoding kit's limits for a scenario file.
var limits = decode.Limits{MaxBytes: MaxInputBytes, MaxDepth: MaxDepth}

// Decode parses and checks a scenario. name prefixes every position and anchors the relative
// path of the topology file, which resolve reads (resolve may be nil for a scenario with an
// inline topology). Every problem is reported at once, sorted by position: unknown keys (with
// the likely intended key), bad durations, steps out of order, pools, sites and branches the
// topology does not have, and expectations no run can meet. The scenario is nil only when the
// file could not be parsed; when the findings hold errors it is partial and must not be run.
func Decode(name string, data []byte, resolve Resolver) (*Scenario, topology.Findings) {
	return decodeScenario(name, data, resolve, false)
}

// DecodeStrict is Decode with the topology validated strictly: its documented-but-unenforced
// rules (unsupported pairings, sizing) are errors (topology.ValidateStrict).
func DecodeStrict(name string, data []byte, resolve Resolver) (*Scenario, topology.Findings) {
	return decodeScenario(name, data, resolve, true)
}

func decodeScenario(name string, data []byte, resolve Resolver, strict bool) (*Scenario, topology.Findings) {
	d := &decoder{file: name, src: data, strict: strict}
	docs, p := decode.Parse(data, limits)
	if p != nil {
		return nil, topology.Findings{d.problem(p)}
	}
	switch {
	case len(docs) == 0:
		return nil, topology.Findings{{Code: CodeMissing, Severity: topology.Error,
			Pos: topology.Pos{File: name, Line: 1, Column: 1}, Message: "the file holds no scenario",
			Fix: "write a mapping with name, description, audience, level, topology and steps (see docs/scenarios.md)"}}
	case len(docs) > 1:
		d.errorf(CodeSyntax, docs[1], "", "keep one scenario per file; remove the extra '---' section",
			"the file holds more than one YAML document")
		return nil, d.fs
	}
	d.src = bytes.TrimPrefix(data, []byte("\ufeff")) // positions count from after a byte-order mark
	d.lineIndex()
	sc := &Scenario{File: name, src: d.src}
	d.scenario(sc, docs[0], resolve)
	d.fs.Sort()
	return sc, d.fs
}

type decoder struct {
	file   string
	src    []byte
	lines  []int // byte offset of each line's start
	fs     topology.Findings
	topo   *topology.Topology
	typos  map[string]bool // keys reported as likely typos, so they are not also reported missing
	strict bool            // validate the topology strictly
}

// problem words a problem of the decoding kit as a scenario finding.
func (d *decoder) problem(p *decode.Problem) topology.Finding {
	f := topology.Finding{Code: CodeTooLarge, Severity: topology.Error, Pos: topology.Pos{File: d.file, Line: p.Pos.Line, Column: p.Pos.Column}}
	switch p.Kind {
	case decode.TooLarge:
		f.Message = fmt.Sprintf("the file is larger than the limit of %d bytes (1 MiB)", MaxInputBytes)
		f.Fix = "split the scenario, or refer to the topology by path instead of inlining it"
	case decode.UTF16:
		f.Message = "the file is UTF-16 text (the default of Windows PowerShell's Out-File); failwright reads UTF-8"
		f.Fix = "save it as UTF-8, for example Out-File -Encoding utf8 or Set-Content -Encoding UTF8"
	case decode.NotText:
		f.Message = fmt.Sprintf("the file is not UTF-8 text: byte 0x%02x at offset %d", p.Byte, p.Offset)
		f.Fix = "give a YAML scenario saved as UTF-8"
	case decode.TooDeep:
		f.Message = fmt.Sprintf("the file nests mappings and lists more than %d levels deep", MaxDepth)
		f.Fix = "a scenario is a few levels deep; check the indentation and brackets here"
	case decode.DuplicateKey:
		f.Code = CodeDuplicateKey
		f.Message = fmt.Sprintf("duplicate key: mapping key %q already defined at [%d:%d]", p.Key, p.First.Line, p.First.Column)
		f.Fix = "keep one of the two keys"
	case decode.Tab:
		f.Code, f.Message, f.Fix = CodeSyntax, "invalid YAML: a tab character where YAML allows only spaces", "indent with spaces, not tabs"
	case decode.ParserFailure:
		f.Code, f.Message = CodeSyntax, "invalid YAML: the YAML parser failed on this input: "+p.Message
		f.Fix = "simplify the file; if it is valid YAML, report it as a failwright bug"
	default:
		f.Code, f.Message, f.Fix = CodeSyntax, "invalid YAML: "+p.Message, "correct the YAML syntax at this position"
	}
	return f
}

// lineIndex records where each line starts, to turn positions into byte offsets.
func (d *decoder) lineIndex() {
	d.lines = []int{0}
	for i, b := range d.src {
		if b == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
}

// offset converts a 1-based line and column (in characters) into a byte offset.
func (d *decoder) offset(line, col int) int {
	if line < 1 || line > len(d.lines) {
		return -1
	}
	off := d.lines[line-1]
	for c := 1; c < col && off < len(d.src) && d.src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(d.src[off:])
		off += size
	}
	return off
}

// scalarSpan finds the bytes of the scalar that starts at the node's position.
func (d *decoder) scalarSpan(n *yaml.Node) span {
	p := d.pos(n)
	start := d.offset(p.Line, p.Column)
	if start < 0 || start >= len(d.src) {
		return span{Start: -1, End: -1}
	}
	s := d.src
	switch s[start] {
	case '"':
		for i := start + 1; i < len(s) && s[i] != '\n'; i++ {
			if s[i] == '\\' {
				i++
				continue
			}
			if s[i] == '"' {
				return span{Start: start, End: i + 1}
			}
		}
		return span{Start: -1, End: -1}
	case '\'':
		for i := start + 1; i < len(s) && s[i] != '\n'; i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				return span{Start: start, End: i + 1}
			}
		}
		return span{Start: -1, End: -1}
	case '|', '>', '[', '{', '\n':
		return span{Start: -1, End: -1}
	}
	end := start
	for end < len(s) && s[end] != '\n' && s[end] != '\r' && s[end] != ',' && s[end] != '}' && s[end] != ']' {
		if s[end] == '#' && end > start && (s[end-1] == ' ' || s[end-1] == '\t') {
			break
		}
		end++
	}
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	return span{Start: start, End: end}
}

// pos is where n starts (see decode.PosOf).
func (d *decoder) pos(n *yaml.Node) topology.Pos {
	p := decode.PosOf(n)
	return topology.Pos{File: d.file, Line: p.Line, Column: p.Column}
}

// errorf records a decoding finding at n. It stops at topofile.MaxDecodeFindings, as the topology decoder does, so that a hostile file
// (60,000 unknown keys) costs a bounded report.
func (d *decoder) errorf(code string, n *yaml.Node, path, fix, format string, args ...any) {
	if d.full() {
		return
	}
	if len(d.fs) == topofile.MaxDecodeFindings-1 {
		d.fs = append(d.fs, topology.Finding{Code: topology.CodeTooMany, Severity: topology.Error, Path: path, Pos: d.pos(n),
			Message: fmt.Sprintf("too many errors: decoding stopped after %d", topofile.MaxDecodeFindings-1),
			Fix:     "fix the findings above and validate again"})
		return
	}
	d.fs = append(d.fs, topology.Finding{Code: code, Severity: topology.Error, Path: path, Pos: d.pos(n),
		Message: fmt.Sprintf(format, args...), Fix: fix})
}

// full reports whether the decoder has stopped recording findings.
func (d *decoder) full() bool { return len(d.fs) >= topofile.MaxDecodeFindings }

// kindName names a node's kind the way a scenario author thinks of it.
func kindName(n *yaml.Node) string {
	switch {
	case decode.IsNull(n):
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	default:
		return "a single value"
	}
}

// unsupported reports anchors, aliases and tags, which scenarios do not use.
func (d *decoder) unsupported(n *yaml.Node, p string) bool {
	if decode.Unsupported(n) == decode.NoFeature {
		return false
	}
	d.errorf(CodeUnsupported, n, p, "write the value out in full", "anchors, aliases, tags and merge keys are not supported in scenarios")
	return true
}

// field is one key of a mapping, with its key and value nodes.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// fields reads a mapping strictly: every key must be in known; duplicates are errors. It
// returns the fields by key, and false when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, p string, known ...string) (map[string]field, bool) {
	if d.unsupported(n, p) {
		return nil, false
	}
	values, ok := decode.Entries(n)
	if !ok {
		d.errorf(CodeWrongType, n, p, "write a mapping of "+strings.Join(known, ", "),
			"%s must be a mapping, not %s", label(p), kindName(n))
		return nil, false
	}
	out := map[string]field{}
	for _, mv := range values {
		k, ok := d.keyText(mv.Key, p)
		if !ok {
			continue
		}
		if _, dup := out[k]; dup {
			d.errorf(CodeDuplicateKey, mv.Key, join(p, k), "keep one "+k+" key", "duplicate key %q", k)
			continue
		}
		if !contains(known, k) {
			d.unknownKey(mv.Key, p, k, known)
			continue
		}
		out[k] = field{mv.Key, mv.Value}
	}
	return out, true
}

func (d *decoder) unknownKey(n *yaml.Node, p, k string, known []string) {
	if d.full() {
		return // no suggestion to compute for a finding that is not kept
	}
	msg := fmt.Sprintf("unknown key %q", k)
	fix := "the keys here are " + strings.Join(known, ", ")
	if s := closest(k, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
		fix = "write " + s
		if d.typos == nil {
			d.typos = map[string]bool{}
		}
		d.typos[join(p, s)] = true
	}
	d.errorf(CodeUnknownKey, n, join(p, k), fix, "%s", msg)
}

func (d *decoder) keyText(n *yaml.Node, p string) (string, bool) {
	if d.unsupported(n, p) {
		return "", false
	}
	s, ok := scalarText(n)
	if !ok {
		d.errorf(CodeWrongType, n, p, "use a plain name as the key", "a key must be a single value, not %s", kindName(n))
	}
	return s, ok
}

// scalarText returns a scalar's text (see decode.Scalar).
func scalarText(n *yaml.Node) (string, bool) { return decode.Scalar(n) }

func (d *decoder) str(f field, p string) (string, bool) {
	if d.unsupported(f.value, p) {
		return "", false
	}
	if decode.IsNull(f.value) {
		d.errorf(CodeMissing, f.key, p, "give "+label(p)+" a value", "%s has no value", label(p))
		return "", false
	}
	s, ok := scalarText(f.value)
	if !ok {
		d.errorf(CodeWrongType, f.value, p, "write a single value", "%s must be a single value, not %s", label(p), kindName(f.value))
	}
	return s, ok
}

func (d *decoder) strList(f field, p string) ([]string, []*yaml.Node) {
	if d.unsupported(f.value, p) {
		return nil, nil
	}
	if _, ok := scalarText(f.value); ok {
		s, _ := d.str(f, p)
		return []string{s}, []*yaml.Node{f.value}
	}
	items, ok := decode.Items(f.value)
	if !ok {
		d.errorf(CodeWrongType, f.value, p, "write a list of values", "%s must be a list, not %s", label(p), kindName(f.value))
		return nil, nil
	}
	var out []string
	var nodes []*yaml.Node
	for i, e := range items {
		ep := fmt.Sprintf("%s[%d]", p, i)
		s, ok := d.str(field{e, e}, ep)
		if ok {
			out = append(out, s)
			nodes = append(nodes, e)
		}
	}
	return out, nodes
}

func (d *decoder) boolean(f field, p string) (bool, bool) {
	s, ok := d.str(f, p)
	if !ok {
		return false, false
	}
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	d.errorf(CodeBadValue, f.value, p, "write true or false", "%s must be true or false, not %q", label(p), s)
	return false, false
}

// duration parses a Go duration ("90s", "5m", "1h30m").
func (d *decoder) duration(f field, p string) (time.Duration, bool) {
	s, ok := d.str(f, p)
	if !ok {
		return 0, false
	}
	v, err := parseDuration(s)
	if err != nil {
		d.errorf(CodeBadDuration, f.value, p, "write a Go duration such as 90s, 5m or 1h30m",
			"bad duration %q for %s: %v", s, label(p), err)
		return 0, false
	}
	return v, true
}

func parseDuration(s string) (time.Duration, error) {
	if _, err := strconv.ParseFloat(s, 64); err == nil && s != "0" {
		return 0, fmt.Errorf("a number needs a unit (s, m or h)")
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("not a duration")
	}
	if v < 0 {
		return 0, fmt.Errorf("a duration cannot be negative")
	}
	return v, nil
}

func (d *decoder) enum(f field, p string, allowed []string) (string, bool) {
	s, ok := d.str(f, p)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a, true
		}
	}
	msg := fmt.Sprintf("%s %q does not exist; it is one of %s", label(p), s, strings.Join(allowed, ", "))
	if sg := closest(s, allowed); sg != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sg)
	}
	d.errorf(CodeImpossible, f.value, p, "write one of "+strings.Join(allowed, ", "), "%s", msg)
	return "", false
}

func (d *decoder) scenario(sc *Scenario, body *yaml.Node, resolve Resolver) {
	fs, ok := d.fields(body, "", "name", "description", "audience", "level", "topology", "seed", "goals", "steps")
	if !ok {
		return
	}
	for _, k := range []string{"name", "description", "audience", "level", "topology", "steps"} {
		if _, ok := fs[k]; !ok && !d.typos[k] {
			d.errorf(CodeMissing, body, "", "add a "+k+" key (see docs/scenarios.md)", "the scenario has no %s", k)
		}
	}
	if f, ok := fs["name"]; ok {
		sc.Name, _ = d.str(f, "name")
	}
	if f, ok := fs["description"]; ok {
		if s, ok := d.str(f, "description"); ok {
			sc.Description = strings.TrimSpace(s)
		}
	}
	if f, ok := fs["audience"]; ok {
		if s, ok := d.enumOf(f, "audience", []string{string(ForArchitect), string(ForTrainer), string(ForOperator)}); ok {
			sc.Audience = Audience(s)
		}
	}
	if f, ok := fs["level"]; ok {
		if s, ok := d.enumOf(f, "level", []string{string(Beginner), string(Intermediate), string(Expert)}); ok {
			sc.Level = Level(s)
		}
	}
	if f, ok := fs["seed"]; ok {
		if s, ok := d.str(f, "seed"); ok {
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				d.errorf(CodeWrongType, f.value, "seed", "write a whole number such as 1", "seed must be a whole number, not %q", s)
			}
			sc.Seed = v
		}
	}
	if f, ok := fs["topology"]; ok {
		d.topology(sc, f, resolve)
	}
	if f, ok := fs["goals"]; ok {
		sc.Goals = d.goals(f)
	}
	if f, ok := fs["steps"]; ok {
		d.steps(sc, f)
	}
}

// enumOf is enum for the scenario's own settings, reported as a bad value.
func (d *decoder) enumOf(f field, p string, allowed []string) (string, bool) {
	s, ok := d.str(f, p)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a, true
		}
	}
	d.errorf(CodeBadValue, f.value, p, "write one of "+strings.Join(allowed, ", "),
		"%s must be one of %s, not %q", p, strings.Join(allowed, ", "), s)
	return "", false
}

func (d *decoder) topology(sc *Scenario, f field, resolve Resolver) {
	if d.unsupported(f.value, "topology") {
		return
	}
	var doc *topofile.Document
	var tfs topology.Findings
	if s, ok := scalarText(f.value); ok {
		sc.TopologyFile = s
		p := path.Join(path.Dir(d.file), s)
		if path.IsAbs(s) {
			p = s
		}
		if resolve == nil {
			d.errorf(CodeTopology, f.value, "topology", "give the topology inline, or run the scenario where its files are",
				"cannot read topology %q: no files are available here", s)
			return
		}
		data, err := resolve(p)
		if err != nil {
			d.errorf(CodeTopology, f.value, "topology", "check the path; it is relative to the scenario file",
				"cannot read topology %q: %v", s, err)
			return
		}
		doc, tfs = topofile.DecodeDocument(p, data)
	} else {
		if !decode.IsMapping(f.value) {
			d.errorf(CodeWrongType, f.value, "topology", "write a path to a topology file, or the topology inline as a mapping",
				"topology must be a file path or a mapping, not %s", kindName(f.value))
			return
		}
		doc, tfs = topofile.DecodeNode(d.file, f.value)
		for i := range tfs {
			tfs[i].Path = join("topology", tfs[i].Path)
		}
	}
	if doc == nil || tfs.HasErrors() {
		d.fs = append(d.fs, tfs...)
		if !tfs.HasErrors() {
			d.errorf(CodeTopology, f.value, "topology", "check the topology file", "the topology could not be read")
		}
		return
	}
	vfs := doc.Validate()
	if d.strict {
		vfs = doc.ValidateStrict()
	}
	if decode.IsMapping(f.value) {
		for i := range vfs {
			vfs[i].Path = join("topology", vfs[i].Path)
		}
		d.fs = append(d.fs, vfs...)
	} else {
		// A topology file's warnings belong to that file: validate it to see them.
		for _, x := range vfs {
			if x.Severity == topology.Error {
				d.fs = append(d.fs, x)
			}
		}
	}
	if vfs.HasErrors() {
		return
	}
	sc.Topology = doc.Topology
	d.topo = doc.Topology
}

func (d *decoder) goals(f field) *Goals {
	fs, ok := d.fields(f.value, "goals", "maxRTO", "maxDataLoss", "maxFeatureRTO", "require", "forbid")
	if !ok {
		return nil
	}
	g := &Goals{}
	if v, ok := fs["maxRTO"]; ok {
		g.MaxRTO, _ = d.duration(v, "goals.maxRTO")
	}
	if v, ok := fs["maxDataLoss"]; ok {
		if dl, ok := d.duration(v, "goals.maxDataLoss"); ok {
			g.MaxDataLoss = &dl
		}
	}
	if v, ok := fs["maxFeatureRTO"]; ok {
		g.MaxFeatureRTO = d.featureBounds(v, "goals.maxFeatureRTO")
	}
	if v, ok := fs["require"]; ok {
		g.Require = d.rules(v, "goals.require", 10)
	}
	if v, ok := fs["forbid"]; ok {
		g.Forbid = d.rules(v, "goals.forbid", 10)
	}
	return g
}

func (d *decoder) rules(f field, p string, points int) []Rule {
	items, ok := decode.Items(f.value)
	if !ok {
		d.errorf(CodeWrongType, f.value, p, "write a list of commands", "%s must be a list, not %s", p, kindName(f.value))
		return nil
	}
	var out []Rule
	for i, e := range items {
		ep := fmt.Sprintf("%s[%d]", p, i)
		r := Rule{Points: points, Pos: d.pos(e)}
		if s, ok := scalarText(e); ok {
			r.Command = s
		} else {
			fs, ok := d.fields(e, ep, "command", "reason", "points")
			if !ok {
				continue
			}
			c, ok := fs["command"]
			if !ok {
				d.errorf(CodeMissing, e, ep, "add command: followed by a cmdlet and its parameters", "%s has no command", ep)
				continue
			}
			r.Command, _ = d.str(c, ep+".command")
			if v, ok := fs["reason"]; ok {
				r.Reason, _ = d.str(v, ep+".reason")
			}
			if v, ok := fs["points"]; ok {
				if s, ok := d.str(v, ep+".points"); ok {
					n, err := strconv.Atoi(s)
					if err != nil || n < 0 || n > 100 {
						d.errorf(CodeBadValue, v.value, ep+".points", "write a whole number from 0 to 100", "points must be a whole number from 0 to 100, not %q", s)
					}
					r.Points = n
				}
			}
		}
		if _, err := parsePattern(r.Command); err != nil {
			d.errorf(CodeBadValue, e, ep, "write a cmdlet name, then its parameters", "%s: %v", ep, err)
			continue
		}
		out = append(out, r)
	}
	return out
}

func (d *decoder) steps(sc *Scenario, f field) {
	items, ok := decode.Items(f.value)
	if !ok {
		d.errorf(CodeWrongType, f.value, "steps", "write a list of steps, each starting with '- at:'", "steps must be a list, not %s", kindName(f.value))
		return
	}
	if len(items) == 0 {
		d.errorf(CodeMissing, f.key, "steps", "add at least one step", "the scenario has no steps")
	}
	var last time.Duration
	ran := false // a command ran before this step
	for i, e := range items {
		p := fmt.Sprintf("steps[%d]", i)
		fs, ok := d.fields(e, p, "at", "run", "expect", "trainee", "note")
		if !ok {
			continue
		}
		st := Step{Pos: d.pos(e), At: last}
		if v, ok := fs["at"]; ok {
			if at, ok := d.duration(v, p+".at"); ok {
				if at < last {
					d.errorf(CodeOrder, v.value, p+".at", "order the steps by time, or give this step a later at",
						"step at %s comes before the previous step at %s; steps must be in time order", at, last)
				}
				st.At = at
				last = max(at, last)
			}
		}
		if v, ok := fs["note"]; ok {
			st.Note, _ = d.str(v, p+".note")
		}
		_, hasRun := fs["run"]
		_, hasExpect := fs["expect"]
		_, hasTrainee := fs["trainee"]
		switch {
		case !hasRun && !hasExpect && !hasTrainee:
			d.errorf(CodeStep, e, p, "add run:, expect: or trainee:", "%s does nothing: it needs run, expect or trainee", p)
		case hasTrainee && (hasRun || hasExpect):
			d.errorf(CodeStep, fs["trainee"].key, p, "put the state to reach under trainee.expect, and the commands in separate steps",
				"%s cannot have trainee together with run or expect", p)
			continue
		}
		if v, ok := fs["run"]; ok {
			if s, ok := d.str(v, p+".run"); ok {
				if strings.TrimSpace(s) == "" {
					d.errorf(CodeMissing, v.value, p+".run", "write the shell line to run", "%s.run is empty", p)
				}
				st.Run = s
				ran = true
			}
		}
		if v, ok := fs["expect"]; ok {
			st.Expect = d.expect(v, p+".expect", ran)
		}
		if v, ok := fs["trainee"]; ok {
			st.Trainee = d.trainee(v, p+".trainee", ran)
			if st.Trainee != nil {
				ran = true
			}
		}
		sc.Steps = append(sc.Steps, st)
	}
}

func (d *decoder) trainee(f field, p string, ran bool) *TraineeStep {
	fs, ok := d.fields(f.value, p, "prompt", "goal", "hints", "accept", "expect", "solution")
	if !ok {
		return nil
	}
	t := &TraineeStep{}
	if v, ok := fs["prompt"]; ok {
		if s, ok := d.str(v, p+".prompt"); ok {
			t.Prompt = strings.TrimSpace(s)
		}
	} else {
		d.errorf(CodeMissing, f.value, p, "add prompt: what the trainee is told", "%s has no prompt", p)
	}
	if v, ok := fs["goal"]; ok {
		if s, ok := d.str(v, p+".goal"); ok {
			t.Goal = strings.TrimSpace(s)
		}
	}
	if v, ok := fs["hints"]; ok {
		t.Hints, _ = d.strList(v, p+".hints")
	}
	if v, ok := fs["accept"]; ok {
		var nodes []*yaml.Node
		t.Accept, nodes = d.strList(v, p+".accept")
		for i, a := range t.Accept {
			if _, err := parsePattern(a); err != nil {
				d.errorf(CodeBadValue, nodes[i], fmt.Sprintf("%s.accept[%d]", p, i), "write a cmdlet name, then its parameters", "%v", err)
			}
		}
	}
	if v, ok := fs["expect"]; ok {
		t.Expect = d.expect(v, p+".expect", true)
		for _, e := range t.Expect {
			if e.AtEnd {
				d.errorf(CodeImpossible, v.key, p+".expect", "put rto and dataLoss in a plain expect step",
					"a trainee step cannot wait for %s: it is only known when the run ends", e.Kind)
				break
			}
		}
	}
	if v, ok := fs["solution"]; ok {
		t.Solution, _ = d.strList(v, p+".solution")
	} else {
		d.errorf(CodeMissing, f.value, p, "add solution: the lines of the model answer", "%s has no solution (the model answer the runner plays)", p)
	}
	if len(t.Accept) == 0 && len(t.Expect) == 0 {
		d.errorf(CodeStep, f.value, p, "add accept: (commands) or expect: (state)", "%s needs accept or expect to know when the trainee is done", p)
	}
	return t
}

// join joins model path segments.
func join(p, k string) string { return decode.Join(p, k) }

// label is the last segment of a model path, for messages.
func label(p string) string {
	if p == "" {
		return "scenario"
	}
	depth := 0
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case ']':
			depth++
		case '[':
			depth--
		case '.':
			if depth == 0 {
				return p[i+1:]
			}
		}
	}
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the element of known closest to s, if it is close enough to be a typo.
func closest(s string, known []string) string {
	best, _ := suggest.Closest(s, known)
	return best
}
