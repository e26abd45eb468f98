package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"failwright/engine/shell"
)

// errInterrupt is returned by readLine when the user presses Ctrl-C.
var errInterrupt = errors.New("interrupted")

// lineEditor reads lines from a terminal in raw mode with editing keys, history and tab
// completion. It knows nothing of the terminal itself: the caller switches raw mode on and off
// around readLine (raw), so that tests drive it with plain byte streams.
type lineEditor struct {
	in  *bufio.Reader
	out io.Writer
	// raw switches the terminal to raw mode and returns the function that restores it; nil
	// when there is nothing to switch (tests).
	raw func() (restore func(), err error)
	// complete returns where the word before the cursor starts and its candidates.
	complete func(line string, cursor int) (start int, cands []string)

	history []string
	// maxHistory bounds the history kept.
	maxHistory int

	// The line being edited.
	buf    []rune
	pos    int
	prompt string
	// histIdx is the history entry shown (len(history) for the line being typed); saved is
	// that line while browsing.
	histIdx int
	saved   []rune
	// tab holds the state of a run of Tab presses: the candidates cycled through.
	tab *tabState
	// width returns the terminal's width in columns (nil or <= 0: unknown); lines longer than
	// it scroll horizontally. off is the first rune shown.
	width func() int
	off   int
}

type tabState struct {
	start int      // rune offset where the completed word starts
	cands []string // candidates
	idx   int      // candidate shown, -1 for the common prefix
	tail  []rune   // text after the cursor when completion started
}

func newLineEditor(in io.Reader, out io.Writer) *lineEditor {
	return &lineEditor{in: bufio.NewReader(in), out: out, maxHistory: 500}
}

// addHistory records a line (not blank, not a repeat of the last one).
func (e *lineEditor) addHistory(line string) {
	if strings.TrimSpace(line) == "" {
		return
	}
	if n := len(e.history); n > 0 && e.history[n-1] == line {
		return
	}
	e.history = append(e.history, line)
	if len(e.history) > e.maxHistory {
		e.history = e.history[len(e.history)-e.maxHistory:]
	}
}

// readLine shows prompt and returns the line typed, io.EOF on Ctrl-D at an empty line or at
// the end of input, or errInterrupt on Ctrl-C.
func (e *lineEditor) readLine(prompt string) (string, error) {
	if e.raw != nil {
		restore, err := e.raw()
		if err != nil {
			return "", err
		}
		defer restore()
	}
	e.prompt, e.buf, e.pos, e.histIdx, e.saved, e.tab, e.off = prompt, nil, 0, len(e.history), nil, nil, 0
	e.write(prompt)
	for {
		r, _, err := e.in.ReadRune()
		if err != nil {
			if len(e.buf) > 0 && err == io.EOF {
				e.write("\r\n")
				return string(e.buf), nil
			}
			return "", err
		}
		if r != '\t' && r != 0x1b {
			e.tab = nil
		}
		switch r {
		case '\r', '\n':
			if r == '\r' {
				// Swallow the \n of a \r\n pair.
				if next, _, err := e.in.ReadRune(); err == nil && next != '\n' {
					_ = e.in.UnreadRune()
				}
			}
			e.write("\r\n")
			return string(e.buf), nil
		case 3: // Ctrl-C
			e.write("^C\r\n")
			return "", errInterrupt
		case 4: // Ctrl-D
			if len(e.buf) == 0 {
				e.write("\r\n")
				return "", io.EOF
			}
			e.deleteAt(e.pos)
		case 1: // Ctrl-A
			e.pos = 0
		case 5: // Ctrl-E
			e.pos = len(e.buf)
		case 2: // Ctrl-B
			e.move(-1)
		case 6: // Ctrl-F
			e.move(1)
		case 11: // Ctrl-K
			e.buf = e.buf[:e.pos]
		case 21: // Ctrl-U
			e.buf = append([]rune(nil), e.buf[e.pos:]...)
			e.pos = 0
		case 23: // Ctrl-W
			e.deleteWordBack()
		case 12: // Ctrl-L
			e.write("\x1b[H\x1b[2J")
		case 16: // Ctrl-P
			e.historyStep(-1)
		case 14: // Ctrl-N
			e.historyStep(1)
		case 127, 8: // Backspace
			if e.pos > 0 {
				e.deleteAt(e.pos - 1)
				e.pos--
			}
		case '\t':
			e.completeStep(1)
		case 0x1b:
			e.escape()
		default:
			if r < 32 || r == utf8.RuneError {
				continue
			}
			e.insert(r)
		}
		e.redraw()
	}
}

func (e *lineEditor) write(s string) { _, _ = io.WriteString(e.out, s) }

func (e *lineEditor) insert(r rune) {
	e.buf = append(e.buf, 0)
	copy(e.buf[e.pos+1:], e.buf[e.pos:])
	e.buf[e.pos] = r
	e.pos++
}

func (e *lineEditor) deleteAt(i int) {
	if i < 0 || i >= len(e.buf) {
		return
	}
	e.buf = append(e.buf[:i], e.buf[i+1:]...)
}

func (e *lineEditor) move(d int) {
	e.pos = max(0, min(len(e.buf), e.pos+d))
}

func (e *lineEditor) deleteWordBack() {
	i := e.pos
	for i > 0 && e.buf[i-1] == ' ' {
		i--
	}
	for i > 0 && e.buf[i-1] != ' ' {
		i--
	}
	e.buf = append(e.buf[:i], e.buf[e.pos:]...)
	e.pos = i
}

// escape handles an escape sequence: arrows, Home, End, Delete, Shift-Tab.
func (e *lineEditor) escape() {
	r, _, err := e.in.ReadRune()
	if err != nil || (r != '[' && r != 'O') {
		return
	}
	// Parameters then a final byte.
	var param strings.Builder
	for {
		c, _, err := e.in.ReadRune()
		if err != nil {
			return
		}
		if (c >= '0' && c <= '9') || c == ';' {
			param.WriteRune(c)
			continue
		}
		if c != 'Z' {
			e.tab = nil
		}
		switch c {
		case 'A':
			e.historyStep(-1)
		case 'B':
			e.historyStep(1)
		case 'C':
			e.move(1)
		case 'D':
			e.move(-1)
		case 'H':
			e.pos = 0
		case 'F':
			e.pos = len(e.buf)
		case 'Z':
			e.completeStep(-1)
		case '~':
			n, _ := strconv.Atoi(strings.SplitN(param.String(), ";", 2)[0])
			switch n {
			case 1, 7:
				e.pos = 0
			case 4, 8:
				e.pos = len(e.buf)
			case 3:
				e.deleteAt(e.pos)
			}
		}
		return
	}
}

// historyStep shows the previous (d = -1) or next (d = 1) history entry.
func (e *lineEditor) historyStep(d int) {
	i := e.histIdx + d
	if i < 0 || i > len(e.history) {
		return
	}
	if e.histIdx == len(e.history) {
		e.saved = append([]rune(nil), e.buf...)
	}
	e.histIdx = i
	if i == len(e.history) {
		e.buf = append([]rune(nil), e.saved...)
	} else {
		e.buf = []rune(e.history[i])
	}
	e.pos = len(e.buf)
}

// completeStep completes the word before the cursor. The first Tab inserts the candidates'
// common prefix when that adds something, else the first candidate; further Tabs (or
// Shift-Tab, d = -1) cycle through the candidates, as PowerShell does.
func (e *lineEditor) completeStep(d int) {
	if e.complete == nil {
		return
	}
	if e.tab == nil {
		line := string(e.buf[:e.pos])
		start, cands := e.complete(string(e.buf), len(line))
		if len(cands) == 0 {
			e.write("\a")
			return
		}
		rstart := utf8.RuneCountInString(line[:start])
		e.tab = &tabState{start: rstart, cands: cands, idx: -1, tail: append([]rune(nil), e.buf[e.pos:]...)}
		word := string(e.buf[rstart:e.pos])
		if p := commonPrefix(cands); len(cands) > 1 && len(p) > len(word) {
			e.replaceWord(p)
			return
		}
		if d < 0 {
			e.tab.idx = len(cands) - 1
		} else {
			e.tab.idx = 0
		}
	} else {
		n := len(e.tab.cands)
		e.tab.idx = ((e.tab.idx+d)%n + n) % n
	}
	e.replaceWord(e.tab.cands[e.tab.idx])
}

func (e *lineEditor) replaceWord(s string) {
	r := []rune(s)
	e.buf = append(append(append([]rune(nil), e.buf[:e.tab.start]...), r...), e.tab.tail...)
	e.pos = e.tab.start + len(r)
}

func commonPrefix(ss []string) string {
	p := ss[0]
	for _, s := range ss[1:] {
		i := 0
		for i < len(p) && i < len(s) && strings.EqualFold(p[i:i+1], s[i:i+1]) {
			i++
		}
		p = p[:i]
	}
	for !utf8.ValidString(p) {
		p = p[:len(p)-1]
	}
	return p
}

// redraw rewrites the line: back to the start, prompt and text, clear the rest, and put the
// cursor in place. When the line is wider than the terminal it shows a window of it around
// the cursor.
func (e *lineEditor) redraw() {
	shown := e.buf
	cursor := e.pos
	if e.width != nil {
		if avail := e.width() - utf8.RuneCountInString(e.prompt) - 1; avail >= 8 && len(e.buf) > avail {
			if e.pos < e.off {
				e.off = e.pos
			}
			if e.pos > e.off+avail {
				e.off = e.pos - avail
			}
			e.off = min(e.off, len(e.buf)-avail)
			shown = e.buf[e.off : e.off+avail]
			cursor = e.pos - e.off
		} else {
			e.off = 0
		}
	}
	var b strings.Builder
	b.WriteString("\r")
	b.WriteString(e.prompt)
	b.WriteString(string(shown))
	b.WriteString("\x1b[K")
	if back := len(shown) - cursor; back > 0 {
		b.WriteString("\x1b[" + strconv.Itoa(back) + "D")
	}
	e.write(b.String())
}

// readStatement reads the rest of a statement whose first line is first: while more (for
// example shell.Incomplete) says the text goes on, it reads another line after the
// continuation prompt. It returns the lines joined by newlines and, on Ctrl-C, Ctrl-D or the
// end of input, what was read with the error.
func (e *lineEditor) readStatement(first string, more func(string) bool) (string, error) {
	j := newJoiner(first, more)
	for j.goesOn() {
		next, err := e.readLine(continuationPrompt)
		if err != nil {
			return j.String(), err
		}
		j.add(next)
	}
	return j.String(), nil
}

// joiner assembles a statement typed or piped over several lines in time linear in its
// length. Asking more after each line parses the whole text so far, which for n continuation
// lines costs the square of n (10,000 lines took 42 seconds); so more is asked only while the
// text is within shell.MaxLineBytes. Past it, the shell refuses the statement whole
// (FW-LINE-TOO-LONG) and only where it ends matters: it goes on while a line ends with a
// backtick, so the rest of a long paste is not run line by line.
type joiner struct {
	b    strings.Builder
	last string
	more func(string) bool
}

func newJoiner(first string, more func(string) bool) *joiner {
	j := &joiner{last: first, more: more}
	j.b.WriteString(first)
	return j
}

// add appends the next line.
func (j *joiner) add(line string) {
	j.b.WriteByte('\n')
	j.b.WriteString(line)
	j.last = line
}

// goesOn reports whether the statement continues on another line.
func (j *joiner) goesOn() bool {
	if j.b.Len() <= shell.MaxLineBytes {
		return j.more(j.b.String())
	}
	return strings.HasSuffix(strings.TrimRight(j.last, " \t\r"), "`")
}

// String returns the lines joined by newlines.
func (j *joiner) String() string { return j.b.String() }

// terminalEditor returns a line editor on stdin when both stdin and stdout are terminals, with
// raw mode switched on around each read, or nil.
func terminalEditor(stdin io.Reader, stdout io.Writer) *lineEditor {
	in, ok := stdin.(*os.File)
	out, ok2 := stdout.(*os.File)
	if !ok || !ok2 || !term.IsTerminal(int(in.Fd())) || !term.IsTerminal(int(out.Fd())) {
		return nil
	}
	fd := int(in.Fd())
	ed := newLineEditor(in, stdout)
	ed.raw = func() (func(), error) {
		st, err := term.MakeRaw(fd)
		if err != nil {
			return nil, err
		}
		return func() { _ = term.Restore(fd, st) }, nil
	}
	ed.width = func() int {
		w, _, err := term.GetSize(int(out.Fd()))
		if err != nil {
			return 0
		}
		return w
	}
	return ed
}
