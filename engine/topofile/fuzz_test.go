package topofile

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic, every finding must carry a
// position, and whatever decodes cleanly must survive topology.Encode and Decode unchanged and
// validate with every finding positioned.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"litwareinc.yaml", "lync2013-pair.yaml", "standard-pair.yaml", "unpaired.yaml", "mixed-version.yaml"} {
		f.Add(readSample(f, name))
	}
	for _, s := range []string{
		"", "{}", "[]", "name: x", "pools: [{fqdn: a.b, servers: [{fqdn: c.d}]}]",
		"name: &a x\nsipDomain: *a\n", "!!binary abc", "<<: {a: 1}", "pools:\n  - users: 99999999999999999999\n",
		"\x00\x01", "\xff", "a: b: c", "- - - - -", "{\"name\": \"x\", \"sites\": [{\"name\": \"A\"}]}",
		"name: |\n  multi\n  line\n", "pools:\n- fqdn: \"a\\u0000.b\"\n", strings.Repeat("[", 40), "key: 'unterminated",
		"sites:\n  - name: 2019\n    region: 1.5\n", "---\n---\n", "cms:\n  pool:\n", "? complex\n: key\n",
		"{\"sites\": [{\"name\": \"A\\u200bB\"}], \"pools\": [{\"fqdn\": \"\\u001b]0;x.y\", \"bogus\": 1}]}",
		"name: a\nname: b\n", "name: a\nsites:\n\t- name: x\n", "%YAML 1.2\n---\nname: a\n",
	} {
		f.Add([]byte(s))
	}
	f.Add(flatMapping(2000)) // the hostile flat mapping, small
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, fs := DecodeDocument("fuzz.yaml", data)
		for _, x := range fs {
			assert.True(t, x.Pos.IsValid(), "finding without a position: %v", x)
			assert.Equal(t, "fuzz.yaml", x.Pos.File)
			assert.NotEmpty(t, x.Code)
		}
		if doc == nil {
			require.True(t, fs.HasErrors())
			return
		}
		vs := doc.Validate()
		for _, x := range append(vs, fs...) {
			assert.True(t, x.Pos.IsValid(), "validation finding without a position: %v", x)
			assert.Less(t, strings.IndexFunc(x.Path, func(r rune) bool { return !unicode.IsGraphic(r) }), 0,
				"a path shows every character it holds: %q", x.Path)
		}
		_ = topology.Fingerprint(doc.Topology)
		_ = topology.ValidateStrict(doc.Topology)
		if len(fs) > 0 {
			return
		}
		out, err := topology.Encode(doc.Topology)
		require.NoError(t, err)
		back, fs2 := Decode("re-encoded", out)
		require.Empty(t, fs2, "re-encoding of a clean decode must decode cleanly:\n%s", out)
		assert.Equal(t, doc.Topology, back)
	})
}

// BenchmarkDecodeValidateLarge measures decoding and validating large.yaml (200 pools,
// 2,000 servers).
func BenchmarkDecodeValidateLarge(b *testing.B) {
	data := readSample(b, "large.yaml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		doc, fs := DecodeDocument("large.yaml", data)
		if len(fs) > 0 {
			b.Fatal(fs)
		}
		if vs := doc.Validate(); vs.HasErrors() {
			b.Fatal(vs)
		}
	}
}
