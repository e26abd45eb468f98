package decode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v3"
)

var testLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 32}

// flatMapping is a mapping of n keys on one level, the input that made the previous YAML
// library recurse once per key.
func flatMapping(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%05d: v%d\n", i, i)
	}
	return []byte(b.String())
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, in string
		kind     Kind
		pos      Pos
	}{
		{"too large", strings.Repeat(" ", 1<<20+1), TooLarge, Pos{1, 1}},
		{"utf-16", "\xff\xfen\x00", UTF16, Pos{1, 1}},
		{"nul", "a: b\nname: \x00", NotText, Pos{2, 7}},
		{"bom inside", "a: \ufeffb", NotText, Pos{1, 4}},
		{"deep flow", strings.Repeat("[", 40), TooDeep, Pos{1, 32}},
		{"unclosed list", "name: [unclosed\nsites:\n", Syntax, Pos{2, 1}},
		{"unclosed list at the end", "name: t\nsteps:\n  - run: [Get-CsPool\n", Syntax, Pos{3, 10}},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", Syntax, Pos{3, 2}},
		{"tab", "name: a\nsites:\n\t- name: x\n", Tab, Pos{3, 1}},
		{"unknown anchor", "a: 1\nb: *nowhere\n", Syntax, Pos{2, 4}},
		{"duplicate key", "name: a\nsites:\n  - x: 1\n    x: 2\nname: b\n", DuplicateKey, Pos{4, 5}},
		{"duplicate key in flow", `{"a": 1, "a": 2}`, DuplicateKey, Pos{1, 10}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, p := Parse([]byte(tc.in), testLimits)
			require.NotNil(t, p, "%v", docs)
			assert.Equal(t, tc.kind, p.Kind, "%+v", p)
			assert.Equal(t, tc.pos, p.Pos, "%+v", p)
		})
	}
	_, p := Parse([]byte("name: a\nname: b\n"), testLimits)
	require.NotNil(t, p)
	assert.Equal(t, Problem{Kind: DuplicateKey, Pos: Pos{2, 1}, Key: "name", First: Pos{1, 1}}, *p)
}

func TestParseDocuments(t *testing.T) {
	tests := []struct {
		in   string
		docs int
	}{
		{"", 0},
		{"# only a comment\n", 0},
		{"---\n---\n", 0},
		{"%YAML 1.2\n---\nname: a\n", 1},
		{"\ufeffname: a\r\n", 1},
		{"name: a\n---\nname: b\n", 2},
		{`{"name": "x", "sites": [{"name": "A"}]}`, 1},
	}
	for _, tc := range tests {
		docs, p := Parse([]byte(tc.in), testLimits)
		require.Nil(t, p, "%q: %+v", tc.in, p)
		assert.Len(t, docs, tc.docs, "%q", tc.in)
	}
}

// TestParseFlatMapping checks that a flat mapping of 60,000 keys (about 870 KB) is parsed,
// and every key kept: the parser does not recurse per key, natively or as WebAssembly.
func TestParseFlatMapping(t *testing.T) {
	docs, p := Parse(flatMapping(60000), testLimits)
	require.Nil(t, p)
	require.Len(t, docs, 1)
	entries, ok := Entries(docs[0])
	require.True(t, ok)
	assert.Len(t, entries, 60000)
	assert.Equal(t, Pos{60000, 1}, PosOf(entries[59999].Key))
}

func TestNodeHelpers(t *testing.T) {
	docs, p := Parse([]byte("a: 12\nb: 0x10\nc: 99999999999999999999\nd: \"7\"\ne: true\nf: ~\ng: [x]\nh: {y: 1}\ni: 1.5\nj: &k v\nl: *k\nm: !!str s\n<<: {}\n"), testLimits)
	require.Nil(t, p)
	entries, _ := Entries(docs[0])
	at := map[string]*yaml.Node{}
	for _, e := range entries {
		at[e.Key.Value] = e.Value
	}
	v, ok, big := Int(at["a"])
	assert.Equal(t, []any{int64(12), true, false}, []any{v, ok, big})
	v, ok, _ = Int(at["b"])
	assert.Equal(t, []any{int64(16), true}, []any{v, ok})
	_, ok, big = Int(at["c"])
	assert.True(t, ok && big, "digits too large for 64 bits")
	_, ok, _ = Int(at["d"])
	assert.False(t, ok, "a quoted number is text")
	b, ok := Bool(at["e"])
	assert.True(t, b && ok)
	assert.True(t, IsNull(at["f"]))
	_, ok = Scalar(at["f"])
	assert.False(t, ok, "a null is no scalar text")
	s, ok := Scalar(at["d"])
	assert.Equal(t, "7", s)
	assert.True(t, ok)
	for k, want := range map[string]string{"a": "a whole number", "d": "text", "e": "true/false", "f": "null", "g": "a list", "h": "a mapping", "i": "a decimal number"} {
		assert.Equal(t, want, Describe(at[k]), k)
	}
	assert.True(t, IsFlow(at["g"]))
	assert.Equal(t, Anchor, Unsupported(at["j"]))
	assert.Equal(t, Alias, Unsupported(at["l"]))
	assert.Equal(t, Tag, Unsupported(at["m"]))
	assert.Equal(t, MergeKey, Unsupported(entries[len(entries)-1].Key))
	assert.Equal(t, NoFeature, Unsupported(at["a"]))
	assert.Equal(t, "pools[a].users", Join("pools[a]", "users"))
	assert.Equal(t, "users", Join("", "users"))
	assert.Equal(t, "steps[2]", Index("steps", 2))
}
