package collector

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleFile() *File {
	return &File{
		TopologyXML:           `<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008" />`,
		BackupRelationships:   []BackupRelationship{{PoolFqdn: "atl-cs-001.litwareinc.com", BackupPoolFqdn: "dfw-cs-001.litwareinc.com"}},
		UsersPerRegistrarPool: []PoolUsers{{RegistrarPool: "atl-cs-001.litwareinc.com", Users: 20000}},
		CentralManagement:     CentralManagement{ActiveMasterFqdn: "atl-cs-001.litwareinc.com", Services: []CMSService{{PoolFqdn: "atl-cs-001.litwareinc.com", SiteID: "Site:Atlanta", Active: "True"}}},
		EdgeNextHops:          []EdgeNextHop{{EdgePoolFqdn: "atl-edge-001.litwareinc.com", NextHop: "Registrar:atl-cs-001.litwareinc.com"}},
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestParseReadsWhatEncodeWrites(t *testing.T) {
	f := sampleFile()
	enc := f.Encode()
	crlf := strings.ReplaceAll(string(enc), "\n", "\r\n")
	for name, data := range map[string][]byte{
		"utf8":       enc,
		"utf8-bom":   append([]byte{0xEF, 0xBB, 0xBF}, enc...),
		"utf16-crlf": utf16LE(crlf),
	} {
		t.Run(name, func(t *testing.T) {
			require.True(t, Detect(data))
			got, err := Parse(data, "c.json")
			require.NoError(t, err)
			assert.Equal(t, string(enc), string(got.Encode()))
			assert.Equal(t, "atl-cs-001.litwareinc.com", got.EdgeNextHops[0].NextHopPool())
		})
	}
}

func TestParseUnwrapsWindowsPowerShellArrays(t *testing.T) {
	doc := `{"format":"failwright-collector","formatVersion":1,"topologyXml":"",
	"usersPerRegistrarPool":{"value":[{"registrarPool":"p","users":3}],"Count":1}}`
	f, err := Parse([]byte(doc), "c.json")
	require.NoError(t, err)
	assert.Equal(t, []PoolUsers{{RegistrarPool: "p", Users: 3}}, f.UsersPerRegistrarPool)
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{"{\n  \"format\": \"failwright-collector\",\n  \"formatVersion\": 1,\n  x\n}", "c.json:4:3: "},
		{`{"format":"failwright-collector","formatVersion":1`, "c.json:1:51: "},
		{`[]`, "c.json:1:1: a collector file is a JSON object"},
		{`{"format":"other"}`, "not a failwright collector file"},
		{`{"format":"failwright-collector","formatVersion":2}`, "version 2 is not supported"},
		{`{"format":"failwright-collector","formatVersion":1,"usersPerRegistrarPool":[{"users":"many"}]}`, `"usersPerRegistrarPool.users": expected int`},
		{"\xff\xfe\x00", "odd number of bytes"},
		{"{\"a\":\"\xff\"}", "neither UTF-8 nor UTF-16"},
	} {
		_, err := Parse([]byte(tc.doc), "c.json")
		require.Error(t, err, tc.doc)
		assert.Contains(t, err.Error(), tc.want, tc.doc)
		assert.False(t, Detect([]byte(tc.doc)) && strings.Contains(tc.want, "not a failwright"), tc.doc)
	}
	assert.False(t, Detect([]byte(`<Topology/>`)))
}

func FuzzParse(f *testing.F) {
	f.Add(sampleFile().Encode())
	f.Add([]byte(`{"format":"failwright-collector","formatVersion":1,"builds":{"value":[],"Count":0}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data, "fuzz.json")
		if err == nil {
			again, err := Parse(file.Encode(), "again.json")
			require.NoError(t, err)
			assert.Equal(t, string(file.Encode()), string(again.Encode()))
		}
	})
}
