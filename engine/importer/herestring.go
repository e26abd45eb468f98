package importer

import (
	"strings"

	"failwright/engine/topology"
)

// HereString is a PowerShell here-string found in a script: its body and where it starts.
type HereString struct {
	// Body is the text between the opening line (ending in @" or @') and the closing line
	// (starting with "@ or '@), without the line break before the closing line.
	Body string
	// Offset is the byte offset of the body in the script.
	Offset int
	// Expandable is true for a double-quoted here-string, whose $variables PowerShell expands.
	Expandable bool
}

// FindHereStrings returns the here-strings of a PowerShell script in order. An opener whose
// closing line is missing ends the search and is returned as unterminated (its offset).
func FindHereStrings(s string) (hs []HereString, unterminated int) {
	unterminated = -1
	for off := 0; off < len(s); {
		end := strings.IndexByte(s[off:], '\n')
		line := s[off:]
		next := len(s)
		if end >= 0 {
			line, next = s[off:off+end], off+end+1
		}
		trimmed := strings.TrimRight(line, " \t\r")
		var q byte
		switch {
		case strings.HasSuffix(trimmed, `@"`):
			q = '"'
		case strings.HasSuffix(trimmed, `@'`):
			q = '\''
		}
		if q == 0 || end < 0 {
			off = next
			continue
		}
		closer := string([]byte{q, '@'})
		body := next
		found := false
		for l := body; l <= len(s); {
			e := strings.IndexByte(s[l:], '\n')
			if strings.HasPrefix(s[l:], closer) {
				b := s[body:l]
				b = strings.TrimSuffix(strings.TrimSuffix(b, "\n"), "\r")
				hs = append(hs, HereString{Body: b, Offset: body, Expandable: q == '"'})
				found = true
				if e < 0 {
					off = len(s)
				} else {
					off = l + e + 1
				}
				break
			}
			if e < 0 {
				break
			}
			l += e + 1
		}
		if !found {
			return hs, off
		}
	}
	return hs, unterminated
}

// variable is a $reference in an expandable here-string.
type variable struct {
	name     string // as written, without $ and braces; "(...)" for a subexpression
	off, end int    // byte range of the reference in the body
}

// scanVariables lists the $references of an expandable here-string's body: $name,
// $scope:name and ${name}, and $( subexpressions, which cannot be resolved. A backtick
// escapes the next character; a $ followed by anything else is literal, as in PowerShell.
func scanVariables(body string) []variable {
	var vs []variable
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '`':
			i++
			continue
		case '$':
		default:
			continue
		}
		if i+1 >= len(body) {
			break
		}
		switch c := body[i+1]; {
		case c == '{':
			if j := strings.IndexByte(body[i+2:], '}'); j >= 0 {
				vs = append(vs, variable{name: body[i+2 : i+2+j], off: i, end: i + 3 + j})
				i += 2 + j
			}
		case c == '(':
			vs = append(vs, variable{name: "(...)", off: i, end: i + 2})
			i++
		case isNameByte(c):
			j := i + 1
			for j < len(body) && (isNameByte(body[j]) || body[j] == ':' && j+1 < len(body) && isNameByte(body[j+1])) {
				j++
			}
			vs = append(vs, variable{name: body[i+1 : j], off: i, end: j})
			i = j - 1
		}
	}
	return vs
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// lookup finds a variable's value, ignoring case as PowerShell does.
func lookup(set map[string]string, name string) (string, bool) {
	if v, ok := set[name]; ok {
		return v, true
	}
	for k, v := range set {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// expand replaces the references of an expandable here-string's body with their values and
// drops escaping backticks before $ and backticks. It reports each unresolved reference, at
// its position in the script, and returns the body unchanged when there is one.
func expand(t *text, h HereString, set map[string]string) (string, topology.Findings) {
	vs := scanVariables(h.Body)
	var fs topology.Findings
	for _, v := range vs {
		if _, ok := lookup(set, v.name); ok && v.name != "(...)" {
			continue
		}
		f := topology.Finding{Code: CodeUnresolved, Severity: topology.Error, Pos: t.pos(h.Offset + v.off),
			Message: "the here-string uses $" + v.name + ", which has no value",
			Fix:     "give its value: failwright import --set " + v.name + "=VALUE (or write the value into the file)"}
		if v.name == "(...)" {
			f.Message = "the here-string uses a $( ) subexpression, which the importer cannot run"
			f.Fix = "replace the subexpression with its value in the file"
		}
		fs = append(fs, f)
	}
	if len(fs) > 0 {
		return h.Body, fs
	}
	var b strings.Builder
	b.Grow(len(h.Body))
	last := 0
	flush := func(to int) {
		seg := h.Body[last:to]
		if strings.IndexByte(seg, '`') >= 0 {
			seg = strings.NewReplacer("`$", "$", "``", "`").Replace(seg)
		}
		b.WriteString(seg)
	}
	for _, v := range vs {
		flush(v.off)
		val, _ := lookup(set, v.name)
		b.WriteString(val)
		last = v.end
	}
	flush(len(h.Body))
	return b.String(), nil
}

// topologyHereString picks the first here-string holding a topology (a Topology or
// TopologyBuilder element).
func topologyHereString(hs []HereString) (HereString, bool) {
	for _, h := range hs {
		if strings.Contains(h.Body, "<Topology") && looksLikeXML(h.Body) {
			return h, true
		}
	}
	return HereString{}, false
}
