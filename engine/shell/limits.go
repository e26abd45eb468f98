package shell

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The bounds on one input (docs/security.md). A line the simulated shell is given costs time
// and output in proportion to its length and to its number of statements; these bounds keep
// that small whatever is typed, pasted or shared.
const (
	// MaxLineBytes is the longest input Parse accepts (16 KiB, continuation lines included).
	// The longest line of a real runbook is a few hundred characters.
	MaxLineBytes = 16 << 10
	// MaxStatements is the most statements Parse accepts in one input.
	MaxStatements = 1000
	// maxShownLine is the longest source line an error record shows whole (in characters);
	// a longer one is shown as a window of that width around the error, with "..." for the
	// parts left out, as PowerShell shortens its position message.
	maxShownLine = 240
	// maxShownContext is how much of the window precedes the error's position.
	maxShownContext = 80
	// maxMessage bounds a message line of an error record (in characters): a message quotes
	// the argument it is about, which may be as long as the line.
	maxMessage = 1024
)

// The input-limit error IDs.
const (
	ErrLineTooLong       = "FW-LINE-TOO-LONG"
	ErrTooManyStatements = "FW-TOO-MANY-STATEMENTS"
)

// checkLimits refuses an input longer than MaxLineBytes before anything of it is parsed.
func checkLimits(src string) *ParseError {
	if len(src) <= MaxLineBytes {
		return nil
	}
	return &ParseError{ID: ErrLineTooLong, Line: 1, Col: 1, Offset: 0, End: 0,
		Message: fmt.Sprintf("The input is %d bytes long; the failwright shell accepts at most %d bytes (%d KiB) in one line. Run the commands one per line.",
			len(src), MaxLineBytes, MaxLineBytes>>10)}
}

// tooManyStatements is the error for the statement at off, one more than MaxStatements.
func (p *parser) tooManyStatements(off int) *ParseError {
	return p.errAt(ErrTooManyStatements, fmt.Sprintf("The input holds more than %d statements; the failwright shell runs at most %d from one line. Run them in smaller parts.",
		MaxStatements, MaxStatements), off, off)
}

// IsReorderingFormat reports whether r is a format character that can change how the text
// around it is shown: the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
// U+2066-U+2069), the directional marks and every other Unicode format character (category
// Cf: zero-width joiners, the byte order mark, soft hyphen, ...).
func IsReorderingFormat(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

// EscapeFormat returns s with every format character (IsReorderingFormat) written as \uXXXX,
// so that echoed text cannot reorder or hide what the console shows. Text without one is
// returned as is.
func EscapeFormat(s string) string {
	i := strings.IndexFunc(s, IsReorderingFormat)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if IsReorderingFormat(r) {
			b.WriteString(`\u`)
			h := strings.ToUpper(strconv.FormatInt(int64(r), 16))
			b.WriteString(strings.Repeat("0", max(0, 4-len(h))) + h)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shown is the part of a source line an error record shows: the text and where the marker
// goes in it (0-based column and width, in characters).
type shown struct {
	text       string
	col, width int
}

// showLine returns how an error record shows text (one source line) with the bytes a..b
// marked: whole when it has at most maxShownLine characters, else a window around a with
// "... " and " ..." where text is left out; format characters escaped either way.
func showLine(text string, a, b int) shown {
	a = clamp(a, 0, len(text))
	b = clamp(b, a, len(text))
	ws, we := 0, len(text)
	if utf8.RuneCountInString(text) > maxShownLine {
		ws = backRunes(text, a, maxShownContext)
		we = forwardRunes(text, ws, maxShownLine)
		if b > we {
			b = we
		}
	}
	var pre, post string
	if ws > 0 {
		pre = "... "
	}
	if we < len(text) {
		post = " ..."
	}
	head := EscapeFormat(text[ws:a])
	mark := EscapeFormat(text[a:b])
	return shown{
		text:  pre + head + mark + EscapeFormat(text[b:we]) + post,
		col:   utf8.RuneCountInString(pre) + utf8.RuneCountInString(head),
		width: utf8.RuneCountInString(mark),
	}
}

// backRunes returns the byte offset n characters before off in s (0 at the start).
func backRunes(s string, off, n int) int {
	for ; n > 0 && off > 0; n-- {
		_, w := utf8.DecodeLastRuneInString(s[:off])
		off -= w
	}
	return off
}

// forwardRunes returns the byte offset n characters after off in s (len(s) at the end).
func forwardRunes(s string, off, n int) int {
	for ; n > 0 && off < len(s); n-- {
		_, w := utf8.DecodeRuneInString(s[off:])
		off += w
	}
	return off
}

// shortMessage returns a message line as an error record shows it: format characters
// escaped and, past maxMessage characters, cut with " ...".
func shortMessage(s string) string {
	if utf8.RuneCountInString(s) > maxMessage {
		s = s[:forwardRunes(s, 0, maxMessage)] + " ..."
	}
	return EscapeFormat(s)
}
