package shell

import (
	"strings"
)

// Error is an error record as the Management Shell prints it: the cmdlet, the message, where
// in the line it happened, its category and a stable ID. Binding errors, parser errors (via
// ParseError.Console) and the simulated cmdlets' own runtime errors (NewError) all render the
// same way through Format.
type Error struct {
	// Cmdlet is the command the error is about ("" for parser errors).
	Cmdlet string
	// ID is the stable error ID, the first part of FullyQualifiedErrorId, for example
	// NamedParameterNotFound.
	ID string
	// Category is PowerShell's error category, for example InvalidArgument, ObjectNotFound,
	// InvalidOperation, ParserError.
	Category string
	// Reason is the exception type shown after the category, for example
	// ParameterBindingException.
	Reason string
	// Target and TargetType fill CategoryInfo's "(Target:TargetType)"; both may be empty.
	Target, TargetType string
	// Message is the error message, without the "Cmdlet : " prefix.
	Message string
	// Class is the implementing class appended to the ID in FullyQualifiedErrorId
	// ("" for none, as for parser and command-not-found errors).
	Class string
	// Offset and End delimit the source the error points at (bytes into the parsed text);
	// meaningful only when Positioned.
	Offset, End int
	// Positioned is false for errors that point at the whole input.
	Positioned bool
}

// NewError returns a runtime error of a simulated cmdlet: cmdlet is its canonical name, id the
// stable error ID (docs/errors.md), category PowerShell's error category (for example
// "InvalidOperation", "ObjectNotFound", "ResourceUnavailable") and message the text after
// "Cmdlet : ". The Reason defaults to the category followed by "Exception"; the Class to the
// cmdlet's class in the Default catalog.
func NewError(cmdlet, id, category, message string) *Error {
	e := &Error{Cmdlet: cmdlet, ID: id, Category: category, Message: message, Reason: category + "Exception"}
	if c := Default.Lookup(cmdlet); c != nil {
		e.Cmdlet = c.Name
		e.Class = c.className()
	}
	return e
}

// At points the error at a statement (the whole command), as PowerShell does for errors a
// cmdlet writes while it runs, and returns e.
func (e *Error) At(st Statement) *Error {
	e.Offset, e.End, e.Positioned = st.Offset, st.End, true
	return e
}

// Error returns "Cmdlet : message" (or the message alone when there is no cmdlet).
func (e *Error) Error() string {
	if e.Cmdlet == "" {
		return e.Message
	}
	return e.Cmdlet + " : " + e.Message
}

// FullyQualifiedErrorID returns the ID, followed by a comma and the class when there is one.
func (e *Error) FullyQualifiedErrorID() string {
	if e.Class == "" {
		return e.ID
	}
	return e.ID + "," + e.Class
}

// Format renders the error as the console shows it, one string per line. src is the text the
// error's positions refer to: the input given to Parse (the typed line). For example:
//
//	Invoke-CsPoolFailOver : A parameter cannot be found that matches parameter name 'Foo'.
//	At line:1 char:23
//	+ Invoke-CsPoolFailOver -Foo
//	+                       ~~~~
//	    + CategoryInfo          : InvalidArgument: (:) [Invoke-CsPoolFailOver], ParameterBindingException
//	    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.Rtc.Management.Hadr.InvokePoolFailOverCmdlet
//
// Parser errors (Category ParserError) print the message after the position, as PowerShell
// does. Messages are not wrapped to a console width.
func (e *Error) Format(src string) []string {
	off, end := e.Offset, e.End
	if !e.Positioned {
		// The whole input, without surrounding blank space.
		trimmed := strings.TrimLeft(src, " \t\r\n")
		off = len(src) - len(trimmed)
		end = off + len(strings.TrimRight(trimmed, " \t\r\n"))
	}
	off = clamp(off, 0, len(src))
	end = clamp(end, off, len(src))
	line, col := LineCol(src, off)
	ls := strings.LastIndexByte(src[:off], '\n') + 1
	le := strings.IndexByte(src[off:], '\n')
	if le < 0 {
		le = len(src)
	} else {
		le += off
	}
	text := strings.TrimRight(src[ls:le], "\r")
	if end > ls+len(text) {
		end = ls + len(text)
	}
	if end < off {
		end = off
	}
	sh := showLine(text, off-ls, end-ls)
	width := max(sh.width, 1)
	pos := []string{
		"At line:" + itoa(line) + " char:" + itoa(col),
		"+ " + sh.text,
		"+ " + strings.Repeat(" ", sh.col) + strings.Repeat("~", width),
	}
	target := e.Target + ":" + e.TargetType
	activity := e.Cmdlet
	if e.Category == "ParserError" || (e.ID == "CommandNotFoundException" && e.Class == "") {
		activity = ""
	}
	info := []string{
		shortMessage("    + CategoryInfo          : " + e.Category + ": (" + target + ") [" + activity + "], " + e.Reason),
		shortMessage("    + FullyQualifiedErrorId : " + e.FullyQualifiedErrorID()),
	}
	var out []string
	if e.Category == "ParserError" {
		out = append(out, pos...)
		out = appendMessage(out, e.Message)
	} else {
		out = appendMessage(out, e.Error())
		out = append(out, pos...)
	}
	return append(out, info...)
}

// appendMessage appends the lines of msg, each as shortMessage shows it.
func appendMessage(out []string, msg string) []string {
	for _, l := range strings.Split(msg, "\n") {
		out = append(out, shortMessage(l))
	}
	return out
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
