package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Parse checks data (Check), parses it as YAML (JSON is YAML flow style) and returns the
// bodies of its non-empty documents, or the Problem that stopped it. A mapping that gives the
// same key twice is a DuplicateKey problem. The parser builds the nodes one nesting level per
// call, not one key per call, so a flat mapping of any length is parsed in linear time and
// constant stack.
func Parse(data []byte, lim Limits) ([]*yaml.Node, *Problem) {
	if p := Check(data, lim); p != nil {
		return nil, p
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	docs, p := parseDocs(data)
	if p != nil {
		return nil, p
	}
	if p := duplicateKeys(docs); p != nil {
		return nil, p
	}
	return docs, nil
}

// parseDocs runs the YAML parser over every document, turning its errors (and, defensively,
// its panics) into a positioned Problem.
func parseDocs(data []byte) (docs []*yaml.Node, bad *Problem) {
	defer func() {
		if r := recover(); r != nil {
			docs, bad = nil, &Problem{Kind: ParserFailure, Pos: Pos{1, 1}, Message: fmt.Sprint(r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(yaml12(data)))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, syntaxProblem(data, err)
		}
		if len(doc.Content) == 0 || isEmpty(doc.Content[0]) {
			continue // only comments, or an explicit empty document ("---" and nothing)
		}
		docs = append(docs, doc.Content[0])
	}
}

// isEmpty reports whether a document body is the empty scalar the parser makes of nothing.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style == 0 && n.Value == "" && n.ShortTag() == "!!null"
}

// yaml12 rewrites a "%YAML 1.2" directive as "%YAML 1.1" (same length, so positions hold):
// the parser accepts only 1.1, and what failwright's files use is the same in both.
func yaml12(data []byte) []byte {
	const dir = "%YAML 1.2"
	if !bytes.HasPrefix(data, []byte(dir)) && !bytes.Contains(data, []byte("\n"+dir)) {
		return data
	}
	out := bytes.Clone(data)
	for off := 0; off < len(out); {
		if bytes.HasPrefix(out[off:], []byte(dir)) {
			out[off+len(dir)-1] = '1'
		}
		i := bytes.IndexByte(out[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	return out
}

// lineOf matches the "line N: " the parser puts before most messages.
var lineOf = regexp.MustCompile(`^line (\d+): `)

// parserErrors are the parser's own messages (not the scanner's): they number lines from 0.
var parserErrors = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive", "found duplicate %YAML directive",
	"found incompatible YAML document", "found undefined tag handle",
}

// unknownAnchor matches the message for an alias whose anchor is not defined.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced`)

// syntaxProblem turns a parser error into a Problem. The parser gives only a line (the
// scanner's from 1, the parser's from 0, and none on the first line), which is moved up from
// blank lines at the end to the last one that holds something; the column is that of the
// line's first character that is not a space.
func syntaxProblem(data []byte, err error) *Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := lineOf.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	for _, pe := range parserErrors {
		if msg == pe {
			line++
			break
		}
	}
	lines := strings.Split(string(data), "\n")
	line = min(max(line, 1), len(lines))
	for line > 1 && strings.TrimSpace(lines[line-1]) == "" {
		line-- // the end of the input: the problem is on the last line that holds something
	}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			return &Problem{Kind: Syntax, Pos: offsetPos(data, i), Message: msg}
		}
	}
	text := strings.TrimRight(lines[line-1], "\r")
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	if strings.Contains(msg, "tab character") || strings.Contains(indent, "\t") {
		return &Problem{Kind: Tab, Pos: Pos{line, strings.IndexByte(text, '\t') + 1}, Message: msg}
	}
	col := len([]rune(indent)) + 1
	if open, ok := unclosed[msg]; ok {
		if i := lastUnclosed(text, open); i >= 0 {
			col = len([]rune(text[:i])) + 1
		}
	}
	return &Problem{Kind: Syntax, Pos: Pos{line, col}, Message: msg}
}

// unclosed maps the parser's messages for an unclosed flow collection to its opening bracket,
// which is on the line the parser names.
var unclosed = map[string]byte{"did not find expected ',' or ']'": '[', "did not find expected ',' or '}'": '{'}

// lastUnclosed is the byte index of the last open bracket of a line that the line does not
// close, or -1.
func lastUnclosed(line string, open byte) int {
	closing := map[byte]byte{'[': ']', '{': '}'}[open]
	var stack []int
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case open:
			stack = append(stack, i)
		case closing:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

// offsetPos is the line and column of a byte offset.
func offsetPos(data []byte, off int) Pos {
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return Pos{line, len([]rune(string(before[start:]))) + 1}
}

// duplicateKeys finds the first key, in file order, that a mapping gives twice. It walks the
// nodes with a stack of its own, not by recursion.
func duplicateKeys(docs []*yaml.Node) *Problem {
	var found *Problem
	stack := append([]*yaml.Node(nil), docs...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			continue
		}
		if n.Kind == yaml.MappingNode {
			seen := make(map[string]*yaml.Node, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode {
					continue
				}
				first, dup := seen[k.Value]
				if !dup {
					seen[k.Value] = k
					continue
				}
				p := PosOf(k)
				if found == nil || before(p, found.Pos) {
					found = &Problem{Kind: DuplicateKey, Pos: p, Key: k.Value, First: PosOf(first)}
				}
			}
		}
		stack = append(stack, n.Content...)
	}
	return found
}

// before reports whether a comes before b in the file.
func before(a, b Pos) bool { return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column }
