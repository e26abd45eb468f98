package shell

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// words flattens a statement to its name and element texts: "-Name", "-Name:value", "value",
// "[a b]" for a list, "$true".
func words(st Statement) []string {
	out := []string{st.Name}
	for _, el := range st.Elements {
		s := ""
		if el.IsParam() {
			s = "-" + el.Param
			if el.Colon {
				s += ":"
			}
		}
		if el.Arg != nil {
			s += argString(*el.Arg)
		}
		out = append(out, s)
	}
	return out
}

func argString(a Arg) string {
	switch a.Kind {
	case ArgTrue:
		return "$true"
	case ArgFalse:
		return "$false"
	case ArgNull:
		return "$null"
	case ArgList:
		s := "["
		for i, it := range a.Items {
			if i > 0 {
				s += " "
			}
			s += argString(it)
		}
		return s + "]"
	}
	return a.Text
}

func TestParseStatements(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want [][]string
	}{
		{"named value", `Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com`, [][]string{{"Invoke-CsPoolFailOver", "-PoolFqdn", "atl-cs-001.litwareinc.com"}}},
		{"colon value", `X -PoolFqdn:pool1 -Confirm:$false`, [][]string{{"X", "-PoolFqdn:pool1", "-Confirm:$false"}}},
		{"colon then space", `X -WaitTime: 00:05:00`, [][]string{{"X", "-WaitTime:00:05:00"}}},
		{"switches", `X -DisasterMode -Force`, [][]string{{"X", "-DisasterMode", "-Force"}}},
		{"true false null", `X $TRUE $False $null`, [][]string{{"X", "$true", "$false", "$null"}}},
		{"single quotes", `X 'a b' 'it''s'`, [][]string{{"X", "a b", "it's"}}},
		{"single quotes keep backtick and dollar", "X 'a`n$x'", [][]string{{"X", "a`n$x"}}},
		{"double quotes with escapes", "X \"a`tb\" \"say `\"hi`\"\" \"x\"\"y\" \"cost `$5\"", [][]string{{"X", "a\tb", `say "hi"`, `x"y`, "cost $5"}}},
		{"lone dollar is literal", `X "5 $" $`, [][]string{{"X", "5 $", "$"}}},
		{"quoted pieces join a word", `X a"b c"'d'`, [][]string{{"X", "ab cd"}}},
		{"comma list", `X -SkipServer a,'b c' , d`, [][]string{{"X", "-SkipServer", "[a b c d]"}}},
		{"list across lines after comma", "X a,\n  b", [][]string{{"X", "[a b]"}}},
		{"numbers are words", `X -RetryCount 3 -5`, [][]string{{"X", "-RetryCount", "3", "-5"}}},
		{"lone dash is an argument", `X - a`, [][]string{{"X", "-", "a"}}},
		{"comment", "X -Force # the rest -Nope\nY", [][]string{{"X", "-Force"}, {"Y"}}},
		{"hash inside a word", `X a#b`, [][]string{{"X", "a#b"}}},
		{"block comment", "X <# skip\nthis #> -Force", [][]string{{"X", "-Force"}}},
		{"semicolons and blank lines", "\n\nX; Y -a 1 ;;\n\n Z\n", [][]string{{"X"}, {"Y", "-a", "1"}, {"Z"}}},
		{"backtick continuation", "X -PoolFqdn p `\n  -Force `\r\n  -WaitTime 00:01:00", [][]string{{"X", "-PoolFqdn", "p", "-Force", "-WaitTime", "00:01:00"}}},
		{"backtick escapes in a word", "X a` b", [][]string{{"X", "a b"}}},
		{"typographic quotes and dashes", "X \u2013PoolFqdn \u2018a b\u2019 \u201cc\u201d", [][]string{{"X", "-PoolFqdn", "a b", "c"}}},
		{"crlf", "X\r\nY\r\n", [][]string{{"X"}, {"Y"}}},
		{"empty", "  \n# only a comment\n", nil},
		{"unicode", "X 'café' -Name:naïve", [][]string{{"X", "café", "-Name:naïve"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts, err := Parse(tt.src)
			require.NoError(t, err)
			var got [][]string
			for _, st := range sts {
				got = append(got, words(st))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParsePositions(t *testing.T) {
	src := "Get-SimState # c\n  X -Force 'a' ; Y b"
	sts, err := Parse(src)
	require.NoError(t, err)
	require.Len(t, sts, 3)
	assert.Equal(t, "Get-SimState", sts[0].Text)
	assert.Equal(t, [2]int{1, 1}, [2]int{sts[0].Line, sts[0].Col})
	assert.Equal(t, "X -Force 'a'", sts[1].Text)
	assert.Equal(t, [2]int{2, 3}, [2]int{sts[1].Line, sts[1].Col})
	assert.Equal(t, src[sts[1].Offset:sts[1].End], sts[1].Text)
	assert.Equal(t, "Y b", sts[2].Text)
	assert.Equal(t, 18, sts[2].Col)
	el := sts[1].Elements[1]
	assert.Equal(t, "'a'", src[el.Offset:el.End], "an element's span covers its quotes")
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src      string
		id       string
		msg      string
		line     int
		col      int
		complete bool // whether the input is complete (no more lines would help)
	}{
		{`X -PoolFqdn "abc`, ErrTerminatorExpected, `The string is missing the terminator: ".`, 1, 13, false},
		{`X 'abc`, ErrTerminatorExpected, `The string is missing the terminator: '.`, 1, 3, false},
		{"X -a 1 `", "IncompleteContinuation", "Missing the next line after the line-continuation backtick (`).", 1, 8, false},
		{"X <# open", ErrMissingEndComment, "Missing the terminator '#>' of a block comment.", 1, 3, false},
		{`X a,`, ErrMissingArgument, "Missing argument in parameter list.", 1, 5, true},
		{`X -PoolFqdn:`, ErrMissingArgument, "Missing argument in parameter list.", 1, 13, true},
		{`X -a | Y`, ErrPipelineNotSupported, "Pipelines (|) are not supported by the failwright shell: run each command on its own line.", 1, 6, true},
		{`| Y`, ErrEmptyPipeElement, "An empty pipe element is not allowed.", 1, 1, true},
		{`X $pool`, ErrVariableNotSupported, "Variables and subexpressions ($...) are not supported by the failwright shell: give the value literally, or quote it with single quotes.", 1, 3, true},
		{`X "a $(b)"`, ErrVariableNotSupported, "Variables and subexpressions ($...) inside double quotes are not expanded by the failwright shell: use single quotes, or escape the dollar sign as `$.", 1, 6, true},
		{`$x = 1`, ErrVariableNotSupported, "Variables and expressions are not supported by the failwright shell: a line must start with a cmdlet name.", 1, 1, true},
		{`X (Get-Y)`, ErrExpressionNotSupp, "Expressions, script blocks and splatting ('(') are not supported by the failwright shell: give each value literally.", 1, 3, true},
		{`X > out.txt`, ErrRedirection, "Redirection (> and <) is not supported by the failwright shell.", 1, 3, true},
		{`X a)`, ErrUnexpectedToken, "Unexpected token ')' in expression or statement.", 1, 4, true},
		{"Y\nX 'ok' & Z", ErrAmpersandNotAllowed, "The ampersand (&) character is not allowed. The & operator is reserved for future use; wrap an ampersand in double quotation marks (\"&\") to pass it as part of a string.", 2, 8, true},
		{`'Get-SimState'`, ErrExpressionNotSupp, "A line must start with a cmdlet name, not a quoted string.", 1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			sts, err := Parse(tt.src)
			require.Error(t, err)
			assert.Nil(t, sts, "nothing of a line that does not parse runs")
			pe, ok := err.(*ParseError)
			require.True(t, ok)
			assert.Equal(t, tt.id, pe.ID)
			assert.Equal(t, tt.msg, pe.Message)
			assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{pe.Line, pe.Col})
			assert.Equal(t, !tt.complete, Incomplete(tt.src))
		})
	}
}

func TestParseErrorConsole(t *testing.T) {
	src := `Invoke-CsPoolFailOver -PoolFqdn "atl-cs-001`
	_, err := Parse(src)
	require.Error(t, err)
	got := err.(*ParseError).Console().Format(src)
	assert.Equal(t, []string{
		"At line:1 char:33",
		`+ Invoke-CsPoolFailOver -PoolFqdn "atl-cs-001`,
		"+                                 ~~~~~~~~~~~",
		`The string is missing the terminator: ".`,
		"    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
		"    + FullyQualifiedErrorId : TerminatorExpectedAtEndOfString",
	}, got)
}

func TestIncompleteJoinsLines(t *testing.T) {
	assert.True(t, Incomplete("Invoke-CsPoolFailOver -PoolFqdn p `"))
	assert.False(t, Incomplete("Invoke-CsPoolFailOver -PoolFqdn p `\n -Force"))
	assert.True(t, Incomplete("X 'multi\nline"))
	assert.False(t, Incomplete("X 'multi\nline'"))
	assert.False(t, Incomplete("X -a"))
	assert.True(t, Continues("X -a `"))
	assert.False(t, Continues("X 'open"), "scripts join lines only on a backtick")
}

func TestQuoteArgRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", "it's", "''", "a b", "$x $(y)", "`n", "\"q\"", "#", "a;b|c", "line\nbreak",
		"\u2019typographic\u2018", "café", "-Force", "1,2", "<# x #>"} {
		q := QuoteArg(s)
		sts, err := Parse("X " + q)
		require.NoError(t, err, q)
		require.Len(t, sts, 1)
		require.Len(t, sts[0].Elements, 1)
		assert.Equal(t, s, sts[0].Elements[0].Arg.Text, q)
	}
	assert.Equal(t, "'it''s'", QuoteArg("it's"))
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`Invoke-CsPoolFailOver -PoolFqdn "atl-cs-001.litwareinc.com" -DisasterMode -cf:$false`,
		"X 'a''b' \"c`\"d\" e,f # g\nY `\n -z:1; Z",
		"X <# a #> \"$(x)\"", "X -a: ,", "`", "X '", "\u2018\u2019", "X\r\n\r\n", "| a", "X a)",
	} {
		f.Add(s)
	}
	f.Add("exit 3 # done")
	f.Fuzz(func(t *testing.T, src string) {
		if code, has, ok := ExitCode(src); !ok && (has || code != 0) {
			t.Fatalf("ExitCode(%q) = %d, %v, %v", src, code, has, ok)
		}
		sts, err := Parse(src)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("error of type %T", err)
			}
			if pe.Offset < 0 || pe.Offset > len(src) || pe.End < pe.Offset || pe.End > len(src) {
				t.Fatalf("error span %d..%d outside the input (%d bytes)", pe.Offset, pe.End, len(src))
			}
			line, col := LineCol(src, pe.Offset)
			if line != pe.Line || col != pe.Col {
				t.Fatalf("line:col %d:%d, want %d:%d", pe.Line, pe.Col, line, col)
			}
			_ = pe.Console().Format(src)
			return
		}
		for _, st := range sts {
			if st.Offset < 0 || st.End > len(src) || src[st.Offset:st.End] != st.Text {
				t.Fatalf("statement span %d..%d does not match its text %q", st.Offset, st.End, st.Text)
			}
			if st.Name == "" {
				t.Fatalf("statement without a name in %q", src)
			}
			if utf8.ValidString(src) && !utf8.ValidString(st.Text) {
				t.Fatalf("statement text cut inside a character")
			}
		}
	})
}

func FuzzQuoteArg(f *testing.F) {
	for _, s := range []string{"", "it's", "\u2019", "a\nb", "`$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		q := QuoteArg(s)
		sts, err := Parse("X " + q)
		if err != nil {
			t.Fatalf("QuoteArg(%q) = %s does not parse: %v", s, q, err)
		}
		if len(sts) != 1 || len(sts[0].Elements) != 1 || sts[0].Elements[0].Arg.Text != s {
			t.Fatalf("QuoteArg(%q) = %s parses back differently", s, q)
		}
	})
}

func TestVariableErrorSpan(t *testing.T) {
	for src, want := range map[string]string{`X -PoolFqdn $pool.x`: "$pool", `X "a $(b)"`: "$(", `X "${x}"`: "${", `X a$b_1 c`: "$b_1"} {
		_, err := Parse(src)
		require.Error(t, err)
		pe := err.(*ParseError)
		assert.Equal(t, want, src[pe.Offset:pe.End], src)
	}
}

func BenchmarkParse(b *testing.B) {
	src := "Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -DisasterMode -WaitTime 00:05:00 -Confirm:$false # go\n" +
		"Get-CsBackupServiceStatus -PoolFqdn atl-cs-001.litwareinc.com -Category UserData; Get-SimState"
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		line          string
		code          int
		hasCode, isOK bool
	}{
		{"exit", 0, false, true},
		{"  EXIT ; ", 0, false, true},
		{"exit 3", 3, true, true},
		{"exit 0x10 # hex", 16, true, true},
		{"exit -1", -1, true, true},
		{"exitcode", 0, false, false},
		{"exit now", 0, false, false},
		{"Get-CsPool", 0, false, false},
		{"", 0, false, false},
	} {
		code, has, ok := ExitCode(tc.line)
		assert.Equal(t, tc.isOK, ok, tc.line)
		assert.Equal(t, tc.hasCode, has, tc.line)
		assert.Equal(t, tc.code, code, tc.line)
	}
}
