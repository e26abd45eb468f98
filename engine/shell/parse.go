package shell

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ArgKind says what kind of literal an argument is.
type ArgKind int

// The argument kinds.
const (
	// ArgWord is a bare (unquoted) word such as atl-cs-001.litwareinc.com or 300. Numbers are
	// words; the binder converts them by the parameter's type.
	ArgWord ArgKind = iota
	// ArgQuoted is a word that was wholly or partly quoted ('...' or "...").
	ArgQuoted
	// ArgTrue is $true.
	ArgTrue
	// ArgFalse is $false.
	ArgFalse
	// ArgNull is $null.
	ArgNull
	// ArgList is a comma list such as a,b,'c'; its elements are in Items.
	ArgList
)

// Arg is one argument value as written on the command line.
type Arg struct {
	// Kind is the kind of literal.
	Kind ArgKind
	// Text is the value after quote removal and escapes ("" for $null, "True"/"False" for
	// the booleans, the items joined by "," for a list).
	Text string
	// Items holds a list's elements (Kind ArgList only).
	Items []Arg
	// Offset and End delimit the argument's source in the parsed text (bytes).
	Offset, End int
}

// Element is one parameter or argument after the command name.
type Element struct {
	// Param is the parameter name as typed, without the dash ("" for a positional argument).
	Param string
	// Colon is true for the -Name:value form; the value is then in Arg.
	Colon bool
	// Arg is the argument of a positional element or of a colon-form parameter, else nil.
	Arg *Arg
	// Offset and End delimit the element's source in the parsed text (bytes).
	Offset, End int
}

// IsParam reports whether the element is a parameter name (with or without a colon value).
func (e Element) IsParam() bool { return e.Param != "" }

// Statement is one command of a parsed input: a command name and its elements.
type Statement struct {
	// Name is the command name as typed.
	Name string
	// NameEnd is the byte offset in the parsed text where the name ends.
	NameEnd int
	// Elements are the parameters and arguments in order.
	Elements []Element
	// Text is the statement's source, from the command name to its last element (comments
	// and separators excluded; backtick continuations kept as typed).
	Text string
	// Offset is the byte offset of Text in the parsed text; End is where it ends.
	Offset, End int
	// Line and Col are the 1-based line and column (in characters) where the statement starts.
	Line, Col int
}

// ParseError is a syntax error: where it is, PowerShell's error ID and its message.
type ParseError struct {
	// ID is PowerShell's parser error ID, for example TerminatorExpectedAtEndOfString.
	ID string
	// Message is the message as PowerShell words it.
	Message string
	// Offset and End delimit the offending source (bytes); End may equal Offset.
	Offset, End int
	// Line and Col are the 1-based line and column (in characters) of Offset.
	Line, Col int
}

// Error renders the error as "line:col: message".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message)
}

// Console turns the parse error into a console error record, rendered by Format the way the
// Management Shell shows parser errors.
func (e *ParseError) Console() *Error {
	return &Error{ID: e.ID, Category: "ParserError", Reason: "ParentContainsErrorRecordException",
		Message: e.Message, Offset: e.Offset, End: e.End, Positioned: true}
}

// The parser error IDs (PowerShell's where one exists).
const (
	ErrTerminatorExpected   = "TerminatorExpectedAtEndOfString"
	ErrMissingArgument      = "MissingArgument"
	ErrEmptyPipeElement     = "EmptyPipeElement"
	ErrPipelineNotSupported = "PipelineNotSupported"
	ErrVariableNotSupported = "VariableNotSupported"
	ErrExpressionNotSupp    = "ExpressionNotSupported"
	ErrUnexpectedToken      = "UnexpectedToken"
	ErrRedirection          = "RedirectionNotSupported"
	ErrAmpersandNotAllowed  = "AmpersandNotAllowed"
	ErrMissingEndComment    = "MissingEndMultiLineComment"
	ErrIncompleteContinue   = "IncompleteContinuation"
)

// isSingleQuote reports whether r opens or closes a single-quoted string. PowerShell treats the
// typographic single quotes like the ASCII one.
func isSingleQuote(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201a' || r == '\u201b'
}

// isDoubleQuote reports whether r opens or closes a double-quoted string.
func isDoubleQuote(r rune) bool {
	return r == '"' || r == '\u201c' || r == '\u201d' || r == '\u201e'
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\f' || r == '\v' || r == '\u00a0'
}

func isNewline(r rune) bool { return r == '\n' || r == '\r' }

// isDelim reports whether r ends a bare word.
func isDelim(r rune) bool {
	switch r {
	case ';', '|', ',', '(', ')', '{', '}', '&', '<', '>':
		return true
	}
	return isSpace(r) || isNewline(r)
}

type parser struct {
	src string
	pos int
	// at, atLine and atCol cache the last position lineCol computed, so that finding the
	// line and column of each statement in turn costs linear time in all.
	at, atLine, atCol int
}

// Parse splits src into statements. Statements are separated by newlines and semicolons; a
// backtick at the end of a line continues the statement on the next line; # starts a comment
// to the end of the line and <# ... #> a block comment. Each statement is a command name
// followed by parameters (-Name, -Name value, -Name:value) and arguments: bare words,
// 'single-quoted' and "double-quoted" strings, $true, $false, $null and comma lists.
// Variables, subexpressions, script blocks, pipelines and redirection are not supported and
// are reported as errors. On error Parse returns no statements: like PowerShell, nothing of
// a line that does not parse is run. An input longer than MaxLineBytes or with more than
// MaxStatements statements is refused whole (FW-LINE-TOO-LONG, FW-TOO-MANY-STATEMENTS).
func Parse(src string) ([]Statement, error) {
	if err := checkLimits(src); err != nil {
		return nil, err
	}
	p := &parser{src: src}
	var out []Statement
	for {
		if err := p.skipBetweenStatements(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return out, nil
		}
		if len(out) == MaxStatements {
			return nil, p.tooManyStatements(p.pos)
		}
		st, err := p.statement()
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
}

// Incomplete reports whether src ends inside a statement that continues on the next line: a
// backtick at the end, an unterminated string, or an open block comment. An interactive shell
// reads another line (PowerShell's ">>" prompt) before running such input.
func Incomplete(src string) bool {
	_, err := Parse(src)
	pe, ok := err.(*ParseError)
	if !ok {
		return false
	}
	return pe.ID == ErrTerminatorExpected || pe.ID == ErrMissingEndComment || pe.ID == ErrIncompleteContinue
}

// Continues reports whether src ends with a backtick line continuation, so that the statement
// goes on on the next line. Scripts join lines only on this; Incomplete also counts open
// strings and comments, as an interactive prompt does.
func Continues(src string) bool {
	_, err := Parse(src)
	pe, ok := err.(*ParseError)
	return ok && pe.ID == ErrIncompleteContinue
}

func (p *parser) peek() (rune, int) {
	if p.pos >= len(p.src) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(p.src[p.pos:])
}

func (p *parser) peekAt(off int) rune {
	if off >= len(p.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(p.src[off:])
	return r
}

func (p *parser) errAt(id, msg string, off, end int) *ParseError {
	line, col := LineCol(p.src, off)
	return &ParseError{ID: id, Message: msg, Offset: off, End: end, Line: line, Col: col}
}

// LineCol returns the 1-based line and column (in characters) of byte offset off in src.
func LineCol(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	col = 1 + utf8.RuneCountInString(src[start:off])
	return line, col
}

// lineCol is LineCol(p.src, off) for offsets that only grow, counting from the last one.
func (p *parser) lineCol(off int) (line, col int) {
	if off < p.at || p.atLine == 0 {
		p.at, p.atLine, p.atCol = 0, 1, 1
	}
	seg := p.src[p.at:off]
	if nl := strings.LastIndexByte(seg, '\n'); nl >= 0 {
		p.atLine += strings.Count(seg, "\n")
		p.atCol = 1 + utf8.RuneCountInString(seg[nl+1:])
	} else {
		p.atCol += utf8.RuneCountInString(seg)
	}
	p.at = off
	return p.atLine, p.atCol
}

// skipComment skips a # comment to the end of the line or a <# #> block comment when one
// starts at pos; it reports whether it skipped anything.
func (p *parser) skipComment() (bool, error) {
	if strings.HasPrefix(p.src[p.pos:], "<#") {
		end := strings.Index(p.src[p.pos+2:], "#>")
		if end < 0 {
			return false, p.errAt(ErrMissingEndComment, "Missing the terminator '#>' of a block comment.", p.pos, len(p.src))
		}
		p.pos += 2 + end + 2
		return true, nil
	}
	if r, _ := p.peek(); r == '#' {
		for p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
			p.pos++
		}
		return true, nil
	}
	return false, nil
}

// continuation reports the width of a backtick line continuation at pos (backtick, optional
// spaces, newline), or 0.
func (p *parser) continuation() int {
	if p.pos >= len(p.src) || p.src[p.pos] != '`' {
		return 0
	}
	i := p.pos + 1
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i < len(p.src) && p.src[i] == '\r' {
		i++
		if i < len(p.src) && p.src[i] == '\n' {
			i++
		}
		return i - p.pos
	}
	if i < len(p.src) && p.src[i] == '\n' {
		return i + 1 - p.pos
	}
	return 0
}

// skipBetweenStatements skips blank space, newlines, semicolons and comments.
func (p *parser) skipBetweenStatements() error {
	for p.pos < len(p.src) {
		r, w := p.peek()
		switch {
		case isSpace(r) || isNewline(r) || r == ';':
			p.pos += w
		case r == '`' && p.continuation() > 0:
			p.pos += p.continuation()
		case r == '`' && p.pos+1 == len(p.src):
			return p.errAt(ErrIncompleteContinue, "Missing the next line after the line-continuation backtick (`).", p.pos, p.pos+1)
		default:
			skipped, err := p.skipComment()
			if err != nil {
				return err
			}
			if !skipped {
				return nil
			}
		}
	}
	return nil
}

// skipInline skips spaces, continuations and comments inside a statement (not newlines). It
// reports an error for a backtick at the very end of the input.
func (p *parser) skipInline() error {
	for p.pos < len(p.src) {
		r, w := p.peek()
		switch {
		case isSpace(r):
			p.pos += w
		case r == '`' && p.continuation() > 0:
			p.pos += p.continuation()
		case r == '`' && strings.TrimRight(p.src[p.pos+1:], " \t") == "":
			return p.errAt(ErrIncompleteContinue, "Missing the next line after the line-continuation backtick (`).", p.pos, p.pos+1)
		case strings.HasPrefix(p.src[p.pos:], "<#"):
			if _, err := p.skipComment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

// atStatementEnd reports whether the statement ends at pos (end of input, newline, ';', or a
// comment running to the end of the line).
func (p *parser) atStatementEnd() bool {
	r, _ := p.peek()
	return r == -1 || isNewline(r) || r == ';' || r == '#'
}

func (p *parser) statement() (Statement, error) {
	start := p.pos
	st := Statement{Offset: start}
	st.Line, st.Col = p.lineCol(start)
	if err := p.checkWordStart(true); err != nil {
		return st, err
	}
	name, err := p.word()
	if err != nil {
		return st, err
	}
	st.Name = name.Text
	st.NameEnd = name.End
	end := name.End
	for {
		if err := p.skipInline(); err != nil {
			return st, err
		}
		if p.atStatementEnd() {
			break
		}
		el, err := p.element()
		if err != nil {
			return st, err
		}
		st.Elements = append(st.Elements, el)
		end = el.End
	}
	st.End = end
	st.Text = p.src[start:end]
	return st, nil
}

// checkWordStart reports an error when the text at pos cannot start a command name (when
// first is true) or an argument.
func (p *parser) checkWordStart(first bool) error {
	r, w := p.peek()
	switch {
	case r == '|':
		if first {
			return p.errAt(ErrEmptyPipeElement, "An empty pipe element is not allowed.", p.pos, p.pos+w)
		}
		return p.errAt(ErrPipelineNotSupported, "Pipelines (|) are not supported by the failwright shell: run each command on its own line.", p.pos, p.pos+w)
	case r == '&':
		if first {
			return p.errAt(ErrExpressionNotSupp, "The call operator (&) is not supported by the failwright shell: type the cmdlet name.", p.pos, p.pos+w)
		}
		return p.errAt(ErrAmpersandNotAllowed, "The ampersand (&) character is not allowed. The & operator is reserved for future use; wrap an ampersand in double quotation marks (\"&\") to pass it as part of a string.", p.pos, p.pos+w)
	case r == '>' || r == '<':
		return p.errAt(ErrRedirection, "Redirection (> and <) is not supported by the failwright shell.", p.pos, p.pos+w)
	case r == ')' || r == '}':
		return p.errAt(ErrUnexpectedToken, fmt.Sprintf("Unexpected token '%c' in expression or statement.", r), p.pos, p.pos+w)
	case r == '(' || r == '{' || r == '@':
		return p.errAt(ErrExpressionNotSupp, fmt.Sprintf("Expressions, script blocks and splatting ('%c') are not supported by the failwright shell: give each value literally.", r), p.pos, p.pos+w)
	case r == ',':
		if first {
			return p.errAt(ErrExpressionNotSupp, "A line must start with a cmdlet name.", p.pos, p.pos+w)
		}
	}
	if first {
		switch {
		case r == '$':
			return p.errAt(ErrVariableNotSupported, "Variables and expressions are not supported by the failwright shell: a line must start with a cmdlet name.", p.pos, p.pos+w)
		case isSingleQuote(r) || isDoubleQuote(r):
			return p.errAt(ErrExpressionNotSupp, "A line must start with a cmdlet name, not a quoted string.", p.pos, p.pos+w)
		case r == '-' || r == '.' || (r >= '0' && r <= '9') || r == '[':
			return p.errAt(ErrExpressionNotSupp, "Expressions are not supported by the failwright shell: a line must start with a cmdlet name.", p.pos, p.pos+w)
		}
	}
	return nil
}

// element reads a parameter (with its colon value) or a positional argument.
func (p *parser) element() (Element, error) {
	start := p.pos
	r, _ := p.peek()
	if r == '-' || r == '\u2013' || r == '\u2014' {
		_, w := p.peek()
		next := p.peekAt(p.pos + w)
		if isParamStart(next) {
			p.pos += w
			nameStart := p.pos
			for p.pos < len(p.src) {
				c, cw := p.peek()
				if isDelim(c) || c == ':' || isSingleQuote(c) || isDoubleQuote(c) || c == '`' || c == '$' {
					break
				}
				p.pos += cw
			}
			el := Element{Param: p.src[nameStart:p.pos], Offset: start, End: p.pos}
			if c, _ := p.peek(); c == ':' {
				p.pos++
				el.Colon = true
				el.End = p.pos
				if err := p.skipInline(); err != nil {
					return el, err
				}
				if p.atStatementEnd() || p.atSeparator() {
					return el, p.errAt(ErrMissingArgument, "Missing argument in parameter list.", el.End, el.End)
				}
				a, err := p.value()
				if err != nil {
					return el, err
				}
				el.Arg = &a
				el.End = a.End
			}
			return el, nil
		}
	}
	a, err := p.value()
	if err != nil {
		return Element{}, err
	}
	return Element{Arg: &a, Offset: a.Offset, End: a.End}, nil
}

func (p *parser) atSeparator() bool {
	r, _ := p.peek()
	return r == '|' || r == ','
}

func isParamStart(r rune) bool {
	return r == '_' || r == '?' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127 && r != '\u2013' && r != '\u2014' && !isSingleQuote(r) && !isDoubleQuote(r) && r != '\u00a0'
}

// value reads one argument: a single value or a comma list of values.
func (p *parser) value() (Arg, error) {
	first, err := p.single()
	if err != nil {
		return first, err
	}
	save := p.pos
	if err := p.skipInline(); err != nil {
		return first, err
	}
	if r, _ := p.peek(); r != ',' {
		p.pos = save
		return first, nil
	}
	list := Arg{Kind: ArgList, Items: []Arg{first}, Offset: first.Offset}
	for {
		r, _ := p.peek()
		if r != ',' {
			break
		}
		comma := p.pos
		p.pos++
		// A newline may follow a comma: the list goes on on the next line.
		for p.pos < len(p.src) {
			c, w := p.peek()
			if isSpace(c) || isNewline(c) {
				p.pos += w
				continue
			}
			if n := p.continuation(); n > 0 {
				p.pos += n
				continue
			}
			break
		}
		if p.pos >= len(p.src) || p.atSeparator() || func() bool { c, _ := p.peek(); return c == ';' || c == '#' }() {
			return list, p.errAt(ErrMissingArgument, "Missing argument in parameter list.", comma+1, comma+1)
		}
		item, err := p.single()
		if err != nil {
			return list, err
		}
		list.Items = append(list.Items, item)
		save = p.pos
		if err := p.skipInline(); err != nil {
			return list, err
		}
		if r, _ := p.peek(); r != ',' {
			p.pos = save
			break
		}
	}
	list.End = list.Items[len(list.Items)-1].End
	texts := make([]string, len(list.Items))
	for i, it := range list.Items {
		texts[i] = it.Text
	}
	list.Text = strings.Join(texts, ",")
	return list, nil
}

// single reads one value: $true/$false/$null or a word made of bare and quoted pieces.
func (p *parser) single() (Arg, error) {
	if err := p.checkWordStart(false); err != nil {
		return Arg{}, err
	}
	start := p.pos
	if r, _ := p.peek(); r == '$' {
		rest := p.src[p.pos+1:]
		for _, lit := range []struct {
			name string
			kind ArgKind
			text string
		}{{"true", ArgTrue, "True"}, {"false", ArgFalse, "False"}, {"null", ArgNull, ""}} {
			if len(rest) >= len(lit.name) && strings.EqualFold(rest[:len(lit.name)], lit.name) {
				after := p.peekAt(p.pos + 1 + len(lit.name))
				if after == -1 || isDelim(after) || after == '#' {
					p.pos += 1 + len(lit.name)
					return Arg{Kind: lit.kind, Text: lit.text, Offset: start, End: p.pos}, nil
				}
			}
		}
	}
	return p.word()
}

// varStart reports whether a $ at off starts a variable or subexpression.
func (p *parser) varStart(off int) bool {
	r := p.peekAt(off + 1)
	return r == '(' || r == '{' || r == '_' || r == '?' || r == '^' || r == ':' ||
		(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r > 127 && r != '\u00a0'
}

// varEnd returns where the variable name starting with the $ at off ends (just the $ and the
// opening bracket for $( and ${).
func (p *parser) varEnd(off int) int {
	i := off + 1
	if i < len(p.src) && (p.src[i] == '(' || p.src[i] == '{') {
		return i + 1
	}
	for i < len(p.src) {
		c := p.src[i]
		if c == '_' || c == ':' || c == '?' || c == '^' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 {
			i++
			continue
		}
		break
	}
	for i > off+1 && !utf8.ValidString(p.src[off:i]) {
		i--
	}
	return i
}

// word reads a bare word, which may contain quoted pieces (a"b c"d is one word).
func (p *parser) word() (Arg, error) {
	start := p.pos
	var b strings.Builder
	quoted := false
	for p.pos < len(p.src) {
		r, w := p.peek()
		switch {
		case isDelim(r):
			goto done
		case isSingleQuote(r):
			quoted = true
			if err := p.singleQuoted(&b); err != nil {
				return Arg{}, err
			}
		case isDoubleQuote(r):
			quoted = true
			if err := p.doubleQuoted(&b); err != nil {
				return Arg{}, err
			}
		case r == '`':
			if p.continuation() > 0 {
				goto done
			}
			if p.pos+w >= len(p.src) {
				return Arg{}, p.errAt(ErrIncompleteContinue, "Missing the next line after the line-continuation backtick (`).", p.pos, p.pos+1)
			}
			_, w2 := utf8.DecodeRuneInString(p.src[p.pos+w:])
			b.WriteString(p.src[p.pos+w : p.pos+w+w2])
			p.pos += w + w2
		case r == '$' && p.varStart(p.pos):
			return Arg{}, p.errAt(ErrVariableNotSupported, "Variables and subexpressions ($...) are not supported by the failwright shell: give the value literally, or quote it with single quotes.", p.pos, p.varEnd(p.pos))
		default:
			b.WriteString(p.src[p.pos : p.pos+w])
			p.pos += w
		}
	}
done:
	kind := ArgWord
	if quoted {
		kind = ArgQuoted
	}
	return Arg{Kind: kind, Text: b.String(), Offset: start, End: p.pos}, nil
}

// singleQuoted reads '...' at pos into b: everything is literal, a doubled quote is a quote.
func (p *parser) singleQuoted(b *strings.Builder) error {
	open := p.pos
	_, w := p.peek()
	p.pos += w
	for p.pos < len(p.src) {
		r, w := p.peek()
		if isSingleQuote(r) {
			next := p.peekAt(p.pos + w)
			if next != -1 && isSingleQuote(next) {
				_, w2 := utf8.DecodeRuneInString(p.src[p.pos+w:])
				b.WriteString(p.src[p.pos+w : p.pos+w+w2])
				p.pos += w + w2
				continue
			}
			p.pos += w
			return nil
		}
		b.WriteString(p.src[p.pos : p.pos+w])
		p.pos += w
	}
	return p.errAt(ErrTerminatorExpected, "The string is missing the terminator: '.", open, len(p.src))
}

// doubleQuoted reads "..." at pos into b: backtick escapes apply, a doubled quote is a quote,
// and $variables or $(...) are errors (the failwright shell does not expand them).
func (p *parser) doubleQuoted(b *strings.Builder) error {
	open := p.pos
	_, w := p.peek()
	p.pos += w
	for p.pos < len(p.src) {
		r, w := p.peek()
		switch {
		case isDoubleQuote(r):
			next := p.peekAt(p.pos + w)
			if next != -1 && isDoubleQuote(next) {
				_, w2 := utf8.DecodeRuneInString(p.src[p.pos+w:])
				b.WriteString(p.src[p.pos+w : p.pos+w+w2])
				p.pos += w + w2
				continue
			}
			p.pos += w
			return nil
		case r == '`':
			if p.pos+1 >= len(p.src) {
				p.pos++
				continue // reported as unterminated below
			}
			e, w2 := utf8.DecodeRuneInString(p.src[p.pos+1:])
			switch e {
			case '0':
				b.WriteByte(0)
			case 'a':
				b.WriteByte(7)
			case 'b':
				b.WriteByte(8)
			case 'f':
				b.WriteByte(12)
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'v':
				b.WriteByte(11)
			case 'e':
				b.WriteByte(27)
			default:
				b.WriteString(p.src[p.pos+1 : p.pos+1+w2])
			}
			p.pos += 1 + w2
		case r == '$' && p.varStart(p.pos):
			return p.errAt(ErrVariableNotSupported, "Variables and subexpressions ($...) inside double quotes are not expanded by the failwright shell: use single quotes, or escape the dollar sign as `$.", p.pos, p.varEnd(p.pos))
		default:
			b.WriteString(p.src[p.pos : p.pos+w])
			p.pos += w
		}
	}
	return p.errAt(ErrTerminatorExpected, "The string is missing the terminator: \".", open, len(p.src))
}

// ExitCode reports whether line is PowerShell's exit statement ("exit", "exit 3", "exit;",
// case-insensitive, with an optional comment) and the exit code it names, if any: hasCode is
// false for a bare exit, whose code the caller decides.
func ExitCode(line string) (code int, hasCode, ok bool) {
	t := strings.TrimSpace(line)
	if i := strings.IndexByte(t, '#'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, ";"))
	if len(t) < 4 || !strings.EqualFold(t[:4], "exit") {
		return 0, false, false
	}
	rest := strings.TrimSpace(t[4:])
	if rest == "" {
		return 0, false, true
	}
	if len(rest) == len(t[4:]) {
		return 0, false, false // "exitfoo" is another word
	}
	n, err := parseInt(rest)
	if err != nil {
		return 0, false, false
	}
	return int(n), true, true
}
