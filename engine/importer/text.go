package importer

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"failwright/engine/topology"
)

// Limits on what Import reads. A published topology of 2,000 servers with every service's
// ports is a few megabytes; these bounds keep a hostile file from exhausting memory or stack.
const (
	// MaxInputBytes is the largest file Import reads: 16 MiB (UTF-16 doubles the size of text).
	MaxInputBytes = 16 << 20
	// MaxElements is the most XML elements Import reads.
	MaxElements = 400_000
	// MaxDepth is the deepest nesting of XML elements Import accepts; the formats nest about
	// ten levels.
	MaxDepth = 48
)

// text is a decoded input: UTF-8, with its lines indexed for positions.
type text struct {
	file  string
	s     string
	lines []int // byte offset of the start of each line
}

func newText(file, s string) *text {
	t := &text{file: file, s: s, lines: []int{0}}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// pos is the position of byte offset off: its line, and its column counted in characters.
func (t *text) pos(off int) topology.Pos {
	off = max(0, min(off, len(t.s)))
	l := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	return topology.Pos{File: t.file, Line: l + 1, Column: utf8.RuneCountInString(t.s[t.lines[l]:off]) + 1}
}

// decodeText turns the file's bytes into UTF-8: a UTF-8 byte-order mark is dropped, UTF-16
// with a byte-order mark (what Windows PowerShell's Out-File writes) is converted.
func decodeText(file string, data []byte) (string, *topology.Finding) {
	at := topology.Pos{File: file, Line: 1, Column: 1}
	if len(data) > MaxInputBytes {
		return "", &topology.Finding{Code: CodeTooLarge, Severity: topology.Error, Pos: at,
			Message: fmt.Sprintf("the file is larger than %s bytes, the most the importer reads", topology.Thousands(MaxInputBytes)),
			Fix:     "import the published topology alone (Get-CsTopology -AsXml), without other content"}
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return utf16Text(file, data[2:], false)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return utf16Text(file, data[2:], true)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return "", &topology.Finding{Code: CodeNotText, Severity: topology.Error, Pos: newText(file, string(data[:off])).pos(off),
			Message: fmt.Sprintf("the file is not UTF-8 text: byte 0x%02x at offset %d", data[off], off),
			Fix:     "give the file as Get-CsTopology -AsXml or Topology Builder wrote it (UTF-8, or UTF-16 with a byte-order mark)"}
	}
	return string(data), nil
}

// utf16Text converts UTF-16 (after its byte-order mark) to UTF-8.
func utf16Text(file string, data []byte, bigEndian bool) (string, *topology.Finding) {
	if len(data)%2 != 0 {
		return "", &topology.Finding{Code: CodeNotText, Severity: topology.Error, Pos: topology.Pos{File: file, Line: 1, Column: 1},
			Message: "the file starts with a UTF-16 byte-order mark but has an odd number of bytes",
			Fix:     "save the file again with Out-File, or as UTF-8"}
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
	}
	return string(utf16.Decode(u)), nil
}

// looksLikeXML reports whether s starts (after white space) with '<'.
func looksLikeXML(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "<")
}
