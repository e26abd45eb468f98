package collector

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generalCmdlets are the PowerShell cmdlets that only shape and write output, which the
// script may call besides the Get-Cs* cmdlets of Reads.
var generalCmdlets = []string{
	"Add-Member", "ConvertTo-Json", "ForEach-Object", "Get-Command", "Get-Date", "Group-Object",
	"New-Object", "Out-File", "Where-Object", "Write-Output", "Write-Progress",
}

// keywords are the PowerShell language keywords the script may start a statement with.
var keywords = []string{"catch", "continue", "else", "elseif", "foreach", "function", "if", "param", "return", "try"}

// code returns src with comments removed and the contents of string literals blanked, so that
// only code is left: what a string or a comment says runs nothing.
func code(t *testing.T, src string) string {
	var b strings.Builder
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "<#"):
			end := strings.Index(src[i:], "#>")
			require.GreaterOrEqual(t, end, 0, "unterminated block comment")
			b.WriteString(strings.Repeat("\n", strings.Count(src[i:i+end], "\n")))
			i += end + 2
		case src[i] == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case src[i] == '\'':
			j := i + 1
			for ; j < len(src); j++ {
				if src[j] == '\'' {
					if j+1 < len(src) && src[j+1] == '\'' {
						j++
						continue
					}
					break
				}
			}
			require.Less(t, j, len(src), "unterminated single-quoted string")
			b.WriteString("''")
			i = j + 1
		case src[i] == '"':
			j := i + 1
			for ; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '`' {
					j++
				}
			}
			require.Less(t, j, len(src), "unterminated double-quoted string")
			// A subexpression in a double-quoted string is code: keep it.
			inner := src[i+1 : j]
			b.WriteString(`""`)
			for _, m := range regexp.MustCompile(`\$\(([^)]*)\)`).FindAllStringSubmatch(inner, -1) {
				b.WriteString(" (" + m[1] + ")")
			}
			i = j + 1
		default:
			b.WriteByte(src[i])
			i++
		}
	}
	return b.String()
}

// commands returns every word in command position in the code: the first word of each
// statement and pipeline element, leaving out hashtable keys and assignments (a word followed
// by "=").
func commands(c string) []string {
	var out []string
	start := true
	for i := 0; i < len(c); {
		ch := c[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '\r':
			i++
		case ch == '\n' || ch == ';' || ch == '|' || ch == '{' || ch == '(' || ch == '}' || ch == '=':
			start = true
			i++
		case isWordByte(ch):
			j := i
			for j < len(c) && (isWordByte(c[j]) || c[j] == '-') {
				j++
			}
			word := c[i:j]
			rest := strings.TrimLeft(c[j:], " \t")
			if start && !isDigit(word[0]) && !(strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==")) && (i == 0 || c[i-1] != '$' && c[i-1] != '-' && c[i-1] != '.') {
				out = append(out, word)
			}
			start = false
			i = j
		case start && (ch == '%' || ch == '?'):
			out = append(out, string(ch))
			start = false
			i++
		default:
			start = false
			i++
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// functions returns the names of the functions the script defines.
func functions(c string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^\s*function\s+([\w-]+)`).FindAllStringSubmatch(c, -1) {
		out = append(out, m[1])
	}
	return out
}

func readCmdlets() []string {
	var out []string
	for _, r := range Reads {
		out = append(out, r.Cmdlet)
	}
	return out
}

func TestScriptCallsOnlyGetCsAndGeneralCmdlets(t *testing.T) {
	src := Script()
	c := code(t, src)
	defined := functions(c)
	allowed := slices.Concat(generalCmdlets, readCmdlets(), defined)
	for _, f := range defined {
		assert.NotContains(t, strings.ToLower(f), "-cs", "a function of the script must not look like a Skype for Business cmdlet")
	}
	cmds := commands(c)
	require.Contains(t, cmds, "Get-CsTopology", "the command scanner finds the script's commands")
	for _, w := range cmds {
		ok := slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, w) }) ||
			slices.Contains(keywords, strings.ToLower(w))
		assert.True(t, ok, "the script runs %q, which is neither a Get-Cs* cmdlet of Reads, an allow-listed general cmdlet, a keyword nor a function of its own", w)
	}
	// Every Verb-Noun word of the code, in any position (a command passed to Get-Command or
	// ForEach-Object included), is allowed.
	for _, w := range regexp.MustCompile(`(?:^|[^\w$.-])([A-Za-z]+-[A-Za-z]+)\b`).FindAllStringSubmatch(c, -1) {
		ok := slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, w[1]) })
		assert.True(t, ok, "the code names the command %q, which is not allowed", w[1])
	}
	// Anywhere, comments and strings included, a Skype for Business cmdlet named is a Get-Cs*.
	for _, w := range regexp.MustCompile(`(?i)\b([a-z]+)-cs[a-z]+\b`).FindAllStringSubmatch(src, -1) {
		assert.True(t, strings.EqualFold(w[1], "Get"), "the script names %q: only Get-Cs* cmdlets may appear", w[0])
	}
	// Every cmdlet of Reads is called, and the header lists it.
	header, _, _ := strings.Cut(src, "#>")
	for _, r := range Reads {
		assert.Contains(t, cmds, r.Cmdlet)
		assert.Contains(t, header, r.Cmdlet, "the header lists what the script reads")
	}
	assert.Contains(t, header, "It changes nothing")
}

// TestScannerRefusesWrites makes sure the checks above can fail: a script that sets, invokes
// or hides a cmdlet behind an alias is caught.
func TestScannerRefusesWrites(t *testing.T) {
	for _, src := range []string{
		"Get-CsPool | Set-CsRegistrar -PoolState Active\n",
		"$x = @(Invoke-CsPoolFailOver -PoolFqdn 'a')\n",
		"if ($true) { Remove-Item 'x' }\n",
		"Get-CsPool | % { $_ }\n",
		"\"$(Stop-Service x)\"\n",
	} {
		c := code(t, src)
		var bad []string
		for _, w := range commands(c) {
			if !slices.ContainsFunc(slices.Concat(generalCmdlets, readCmdlets()), func(a string) bool { return strings.EqualFold(a, w) }) && !slices.Contains(keywords, strings.ToLower(w)) {
				bad = append(bad, w)
			}
		}
		assert.NotEmpty(t, bad, "%q", src)
	}
}

// ps7Only are constructs that Windows PowerShell 3.0 does not parse or run.
var ps7Only = []struct{ name, re string }{
	{"null-coalescing ??", `\?\?`},
	{"null-conditional ?. or ?[", `\?[.\[]`},
	{"ternary a ? b : c", `\s\?\s[^\n:]*\s:\s`},
	{"pipeline chain && or ||", `&&|\|\|`},
	{"ForEach-Object -Parallel", `(?i)-Parallel\b`},
	{"ConvertFrom-Json -AsHashtable", `(?i)-AsHashtable\b`},
	{"ConvertTo-Json -AsArray or -EnumsAsStrings", `(?i)-(AsArray|EnumsAsStrings)\b`},
	{"Out-File -NoNewline (5.0)", `(?i)-NoNewline\b`},
	{"[type]::new() (5.0)", `(?i)::new\(`},
	{"class or using (5.0)", `(?im)^\s*(class|using)\s`},
	{"utf8NoBOM encoding", `(?i)utf8NoBOM`},
	{"Join-String, Get-Error, $PSStyle", `(?i)Join-String|Get-Error|\$PSStyle`},
	{"clean block", `(?im)^\s*clean\s*\{`},
}

func TestScriptHasNoPowerShell7Constructs(t *testing.T) {
	c := code(t, Script())
	for _, p := range ps7Only {
		re := regexp.MustCompile(p.re)
		assert.Empty(t, re.FindAllString(c, -1), "PowerShell 7 only: %s", p.name)
	}
	// The patterns catch what they are for.
	for _, bad := range []string{"$a ?? $b", "$a?.b", "$a ? 1 : 2", "a && b", "1..3 | ForEach-Object -Parallel { $_ }", "[text.utf8encoding]::new($false)"} {
		caught := slices.ContainsFunc(ps7Only, func(p struct{ name, re string }) bool { return regexp.MustCompile(p.re).MatchString(bad) })
		assert.True(t, caught, bad)
	}
}

func TestScriptIsCRLFAndASCII(t *testing.T) {
	s := Script()
	assert.Equal(t, strings.Count(s, "\n"), strings.Count(s, "\r\n"), "every line ends in CRLF")
	for i, r := range s {
		require.Less(t, r, rune(128), "offset %d: Windows PowerShell reads a .ps1 without a byte-order mark as ANSI: keep the script ASCII", i)
	}
}
