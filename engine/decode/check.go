// Package decode is the strict decoding kit shared by failwright's topology and scenario
// decoders: it checks that input is small, text and shallow enough, parses YAML or JSON into
// positioned go.yaml.in/yaml/v3 nodes (refusing duplicate keys), and gives what a strict
// decoder walking those nodes needs: positions, model paths, scalar and kind helpers, and
// the features (anchors, aliases, tags, merge keys) that failwright's files do not use.
//
// The kit reports Problems, not findings: each decoder words them in its own finding codes.
package decode

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Pos is a 1-based line and column (in characters) in the input.
type Pos struct{ Line, Column int }

// Kind says what is wrong with an input that cannot be decoded at all.
type Kind int

// The kinds of Problem.
const (
	TooLarge      Kind = iota + 1 // more than Limits.MaxBytes
	UTF16                         // UTF-16 text (a byte-order mark FF FE or FE FF)
	NotText                       // NUL or control bytes, invalid UTF-8, a byte-order mark inside
	TooDeep                       // nested deeper than Limits.MaxDepth
	Syntax                        // not valid YAML
	Tab                           // a tab where YAML allows only spaces
	DuplicateKey                  // the same key twice in one mapping
	ParserFailure                 // the YAML library failed unexpectedly
)

// Problem is why an input cannot be decoded at all.
type Problem struct {
	Kind Kind
	// Pos is where the problem is.
	Pos Pos
	// Byte and Offset are the offending byte and its offset, for NotText.
	Byte   byte
	Offset int
	// Message is the YAML parser's message, for Syntax and ParserFailure.
	Message string
	// Key and First are the repeated key and where it first appears, for DuplicateKey.
	Key   string
	First Pos
}

// Limits bound what Parse accepts, so that a hostile or broken file cannot exhaust memory or
// the stack.
type Limits struct {
	// MaxBytes is the largest input accepted.
	MaxBytes int
	// MaxDepth is the deepest nesting of mappings and lists accepted, estimated by Depth.
	MaxDepth int
}

// utf8BOM is the byte-order mark some Windows editors put at the start of UTF-8 files.
var utf8BOM = []byte("\ufeff")

// Check rejects input that is too large, not UTF-8 text, or nested too deeply, before any
// parser sees it.
func Check(data []byte, lim Limits) *Problem {
	start := Pos{Line: 1, Column: 1}
	if len(data) > lim.MaxBytes {
		return &Problem{Kind: TooLarge, Pos: start}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &Problem{Kind: UTF16, Pos: start}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && size <= 1) || r == 0 || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFEFF && i > 0 {
			return &Problem{Kind: NotText, Pos: Pos{line, col}, Byte: data[i], Offset: i}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	if p, ok := Depth(data, lim.MaxDepth); ok {
		return &Problem{Kind: TooDeep, Pos: p}
	}
	return nil
}

// Depth estimates, without parsing and in one pass over the lines, how deeply the input
// nests, and reports the first position past limit. It counts flow brackets outside quoted
// strings and comments, block indentation levels, and block indicators ("- ", "? ", ": ")
// that open a new level on the same line. The estimate is an upper bound for real files.
func Depth(data []byte, limit int) (Pos, bool) {
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
			if depth+flow > limit {
				return Pos{Line: ln + 1, Column: i + 1}, true
			}
		}
	}
	return Pos{}, false
}
