package topofile

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// samplesDir holds the sample topologies.
const samplesDir = "../samples"

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, name))
	require.NoError(t, err)
	return data
}

func TestDecodeLitware(t *testing.T) {
	doc, fs := DecodeDocument("litwareinc.yaml", readSample(t, "litwareinc.yaml"))
	require.Empty(t, fs)
	top := doc.Topology
	atl := top.PoolByFQDN("atl-cs-001.litwareinc.com")
	require.NotNil(t, atl)
	assert.Equal(t, "dfw-cs-001.litwareinc.com", atl.BackupPool)
	assert.Equal(t, 20000, atl.Users)
	assert.Len(t, atl.Servers, 4)
	assert.Equal(t, topology.HAMirroring, atl.BackEnd.HA)
	assert.Equal(t, "atl-cs-001.litwareinc.com", top.CMS.Pool)
	p := doc.Source["pools[atl-cs-001.litwareinc.com].backupPool"]
	assert.Equal(t, "litwareinc.yaml", p.File)
	assert.Greater(t, p.Line, 1)
	assert.Greater(t, p.Column, 1)
	assert.True(t, doc.Source["pools[1]"].IsValid(), "index paths are recorded too")
	assert.True(t, doc.Source["pools[atl-cs-001.litwareinc.com].servers[2].fqdn"].IsValid())
}

func TestEncodeRoundTrip(t *testing.T) {
	top, fs := Decode("litwareinc.yaml", readSample(t, "litwareinc.yaml"))
	require.Empty(t, fs)
	out, err := topology.Encode(top)
	require.NoError(t, err)
	back, fs := Decode("encoded.yaml", out)
	require.Empty(t, fs, "%s", out)
	assert.Equal(t, top, back)
	js, err := topology.EncodeJSON(top)
	require.NoError(t, err)
	fromJSON, fs := Decode("encoded.json", js)
	require.Empty(t, fs)
	assert.Equal(t, top, fromJSON)
	assert.Equal(t, topology.Fingerprint(top), topology.Fingerprint(back))
}

func TestDecodeBadInput(t *testing.T) {
	deep := ""
	for range 100 {
		deep += "["
	}
	tests := []struct {
		name, in, code string
		line, col      int
	}{
		{"syntax", "name: [unclosed\n", topology.CodeSyntax, 1, 0},
		{"unknown key", "name: x\nsites: []\npools: []\ncms: {pool: a.b}\nbogus: 1\n", topology.CodeUnknownKey, 5, 1},
		{"unknown nested", "pools:\n  - fqdn: a.b.c\n    bakupPool: x.y\n", topology.CodeUnknownKey, 3, 5},
		{"wrong type", "pools:\n  - fqdn: a.b.c\n    users: lots\n", topology.CodeWrongType, 3, 12},
		{"list for text", "name: [a, b]\n", topology.CodeWrongType, 1, 7},
		{"binary", "name: \x00\x01\x02", topology.CodeNotText, 1, 7},
		{"invalid utf8", "name: \xff\xfe", topology.CodeNotText, 1, 7},
		{"utf-16", "\xff\xfen\x00a\x00", topology.CodeNotText, 1, 1},
		{"deep flow", deep, topology.CodeTooDeep, 1, 32},
		{"deep block", "a:\n" + repeatSeq(60), topology.CodeTooDeep, 2, 0},
		{"anchor", "name: &x a\ndescription: *x\n", topology.CodeUnsupported, 1, 0},
		{"empty", "# nothing\n", topology.CodeEmpty, 1, 1},
		{"two docs", "name: a\n---\nname: b\n", topology.CodeMultiDocument, 3, 1},
		{"top level list", "- a\n- b\n", topology.CodeWrongType, 1, 1},
		{"duplicate key", "name: a\nsites: []\nname: b\n", topology.CodeDuplicateKey, 3, 1},
		{"number too large", "pools:\n  - users: 99999999999999999999999\n", topology.CodeWrongType, 2, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := Decode("in.yaml", []byte(tc.in))
			require.NotEmpty(t, fs)
			require.True(t, fs.HasErrors())
			f := fs[0]
			assert.Equal(t, tc.code, f.Code, "%v", fs)
			assert.Equal(t, "in.yaml", f.Pos.File)
			assert.Equal(t, tc.line, f.Pos.Line, "%v", f)
			if tc.col > 0 {
				assert.Equal(t, tc.col, f.Pos.Column, "%v", f)
			}
			assert.NotEmpty(t, f.Message)
		})
	}
}

func TestDecodeTabIndentation(t *testing.T) {
	_, fs := Decode("in.yaml", []byte("name: a\nsites:\n\t- name: x\n"))
	require.Len(t, fs, 1)
	assert.Equal(t, "in.yaml:3:1: error FW0001: invalid YAML: a tab character where YAML allows only spaces", fs[0].String())
	assert.Equal(t, "indent with spaces, not tabs", fs[0].Fix)
}

func TestDecodeDirectiveIsNotADocument(t *testing.T) {
	top, fs := Decode("in.yaml", []byte("%YAML 1.2\n---\nname: a\n"))
	require.Empty(t, fs)
	assert.Equal(t, "a", top.Name)
}

func TestDecodeDuplicateKeyMessage(t *testing.T) {
	_, fs := Decode("in.yaml", []byte("name: a\nname: b\n"))
	require.Len(t, fs, 1)
	assert.Equal(t, `in.yaml:2:1: error FW0010: the key "name" appears twice in one mapping (first at line 1, column 1)`, fs[0].String())
}

func TestDecodeNumberOutOfRange(t *testing.T) {
	_, fs := Decode("in.yaml", []byte("pools:\n  - users: 99999999999999999999999\n"))
	require.Len(t, fs, 1)
	assert.Equal(t, "number 99999999999999999999999 is out of range", fs[0].Message)
	_, fs = Decode("in.yaml", []byte("pools:\n  - users: \"123\"\n"))
	require.Len(t, fs, 1)
	assert.Equal(t, "expected a whole number, found text", fs[0].Message, "a quoted number is text")
}

func repeatSeq(n int) string {
	s := ""
	for range n {
		s += "- "
	}
	return s + "x\n"
}

func TestDecodeTooLarge(t *testing.T) {
	big := make([]byte, MaxInputBytes+1)
	for i := range big {
		big[i] = ' '
	}
	_, fs := Decode("big.yaml", big)
	require.Len(t, fs, 1)
	assert.Equal(t, topology.CodeTooLarge, fs[0].Code)
	// The CLI reads one byte past the limit, so the message must not claim a size.
	assert.Equal(t, "the file is larger than 1 MiB (1,048,576 bytes), the most failwright reads", fs[0].Message)
	assert.Equal(t, 1, fs[0].Pos.Line)
}

func TestDecodeStopsAfterTooManyFindings(t *testing.T) {
	in := "pools:\n"
	for i := range 300 {
		in += fmt.Sprintf("  - fqdn: p%d.example.com\n    bogus: 1\n", i)
	}
	_, fs := Decode("many.yaml", []byte(in))
	require.Len(t, fs, MaxDecodeFindings)
	last := fs[len(fs)-1]
	assert.Equal(t, topology.CodeTooMany, last.Code)
	assert.True(t, last.Pos.IsValid())
}

func TestUnknownKeySuggestion(t *testing.T) {
	_, fs := Decode("t.yaml", []byte("pools:\n  - fqdn: a.b.c\n    bakupPool: x.y\n    Users: 3\n    zzz: 1\n"))
	require.Len(t, fs, 3)
	assert.Contains(t, fs[0].Fix, `(did you mean "backupPool"?)`)
	assert.Contains(t, fs[1].Fix, `(did you mean "users"? keys are case-sensitive)`)
	assert.NotContains(t, fs[2].Fix, "did you mean")
}

func TestDecodeByteOrderMarkAndCRLF(t *testing.T) {
	src := "\ufeffname: x\r\nsites:\r\n  - name: A\r\n"
	top, fs := Decode("bom.yaml", []byte(src))
	require.Empty(t, fs)
	assert.Equal(t, "x", top.Name)
	assert.Equal(t, "A", top.Sites[0].Name)
}

// TestDecodeFlatMapping checks that a flat mapping of 60,000 keys (about 870 KB, under the
// size limit) is refused with findings rather than exhausting time or the stack: the YAML
// parser does not recurse per key.
func TestDecodeFlatMapping(t *testing.T) {
	top, fs := Decode("flat.yaml", flatMapping(60000))
	require.NotNil(t, top)
	require.Len(t, fs, MaxDecodeFindings)
	assert.Equal(t, topology.CodeUnknownKey, fs[0].Code)
	assert.Equal(t, topology.CodeTooMany, fs[len(fs)-1].Code)
}

// flatMapping is a mapping of n keys on one level.
func flatMapping(n int) []byte {
	var b []byte
	for i := range n {
		b = fmt.Appendf(b, "k%05d: v%d\n", i, i)
	}
	return b
}
