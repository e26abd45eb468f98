package render

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// linkValues are topology values and texts that would render as links in a runbook if
// written as they are: bare URLs, www., e-mail, <autolinks> and [inline](links).
var linkValues = []string{
	"http://evil.example/x",
	"see HTTPS://evil.example. now",
	"www.evil.example",
	"admin@evil.example",
	"mailto:admin@evil.example",
	"<http://evil.example>",
	"[click](http://evil.example)",
	"[click](javascript:alert(1))",
	"![img](http://evil.example/p.png)",
	"x|www.evil.example|y",
}

// codeOrFence matches code blocks and inline code spans, where nothing is a link.
var codeOrFence = regexp.MustCompile("(?s)(`{3,})powershell\n.*?\n`{3,}|(`+)[^`]*?`+")

// TestMarkdownWritesNoLinks: a value that looks like a link is written as inline code (or
// escaped), so the runbook has no link a reader could follow: the golden file shows how.
func TestMarkdownWritesNoLinks(t *testing.T) {
	var all strings.Builder
	for _, v := range linkValues {
		md, err := Markdown(fuzzPlan("dfw-cs-001.litwareinc.com", v))
		require.NoError(t, err)
		prose := codeOrFence.ReplaceAllString(string(md), "")
		for _, bad := range []string{"://", "www.", "@", "mailto:"} {
			assert.NotContains(t, strings.ToLower(prose), strings.ToLower(bad), "value %q", v)
		}
		assert.NotRegexp(t, `(^|[^\\])(\]\(|<)`, prose, "value %q: an unescaped ]( or <", v)
		all.WriteString("<!-- value: " + strings.ReplaceAll(v, "--", "- -") + " -->\n")
		for _, l := range strings.Split(string(md), "\n") {
			if strings.Contains(l, "Why:") || strings.HasPrefix(l, "### ") || strings.Contains(l, "PL009") {
				all.WriteString(l + "\n")
			}
		}
	}
	testkit.Golden(t, filepath.Join("testdata", "links.md"), all.String())
}

// TestEscKeepsPlainText: text with nothing to escape is unchanged, and escaping keeps the
// blank space between words.
func TestEscKeepsPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"dfw-cs-001.litwareinc.com fails over": "dfw-cs-001.litwareinc.com fails over",
		"a  *b*\tc":                            "a  \\*b\\*\tc",
		" www.x.example ":                      " `www.x.example` ",
		"a`b www.x":                            "a\\`b ``www.x``"[:0] + "a\\`b `www.x`",
	} {
		assert.Equal(t, want, esc(in), "%q", in)
	}
}
