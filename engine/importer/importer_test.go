package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// render is what a golden file holds: the findings, one per line with its fix, then the
// topology as YAML.
func render(t *testing.T, r Result) []byte {
	var b bytes.Buffer
	topology.PrintFindings(&b, r.Findings)
	if r.Document != nil {
		b.WriteString("---\n")
		out, err := topology.Encode(r.Document.Topology)
		require.NoError(t, err)
		b.Write(out)
	}
	return b.Bytes()
}

func completion(t *testing.T, name string) *Completion {
	if name == "" {
		return nil
	}
	c, fs := DecodeCompletion("testdata/"+name, readTestdata(t, name))
	require.Empty(t, fs)
	return c
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name, file, completion string
		set                    map[string]string
		format                 Format
		gaps                   bool
	}{
		{"published", "litware-published.xml", "", nil, Published, true},
		{"published-completed", "litware-published.xml", "litware-completion.yaml", nil, Published, false},
		{"builder", "fabrikam.tbxml", "", nil, TopologyBuilder, true},
		{"ps1", "publish.ps1", "", map[string]string{"DomainName": "contoso.com", "sitename": "HQ (Redmond)", "PoolFqdn": "se01.contoso.com"}, Published, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Import("testdata/"+tc.file, readTestdata(t, tc.file), Options{Set: tc.set, Completion: completion(t, tc.completion)})
			require.False(t, r.Malformed, "%v", r.Findings)
			assert.Equal(t, tc.format, r.Format)
			assert.Equal(t, tc.gaps, r.Gaps(), "%v", r.Findings)
			got := render(t, r)
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}

// TestCompletedValidates checks that the completed import is a valid topology.
func TestCompletedValidates(t *testing.T) {
	r := Import("litware.xml", readTestdata(t, "litware-published.xml"), Options{Completion: completion(t, "litware-completion.yaml")})
	require.False(t, r.Gaps(), "%v", r.Findings)
	vs := r.Document.Validate()
	assert.False(t, vs.HasErrors(), "%v", vs)
	// The site name with parentheses is kept as Topology Builder allows it.
	assert.Equal(t, "HQ (Redmond)", r.Document.Topology.Sites[0].Name)
	p := r.Document.Topology.Pools[0]
	assert.Equal(t, []topology.Server{{FQDN: "red-fe01.litwareinc.com"}, {FQDN: "red-fe02.litwareinc.com"}, {FQDN: "red-fe03.litwareinc.com"}}, p.Servers, "OrdinalInCluster order")
	assert.Equal(t, "dub-pool1.litwareinc.com", p.BackupPool)
	assert.Equal(t, "red-pool1.litwareinc.com", r.Document.Topology.Pools[3].BackupPool, "pairing is reciprocal")
}

// TestUTF16 checks that the UTF-16LE file with a byte-order mark and CRLF line ends imports as
// its UTF-8 original does, positions included.
func TestUTF16(t *testing.T) {
	a := Import("t.xml", readTestdata(t, "litware-published.xml"), Options{})
	b := Import("t.xml", readTestdata(t, "litware-published-utf16.xml"), Options{})
	require.False(t, b.Malformed, "%v", b.Findings)
	assert.Equal(t, a.Findings, b.Findings)
	assert.Equal(t, a.Document.Topology, b.Document.Topology)
	bom := append([]byte("\ufeff"), bytes.ReplaceAll(readTestdata(t, "litware-published.xml"), []byte("\n"), []byte("\r\n"))...)
	c := Import("t.xml", bom, Options{})
	assert.Equal(t, a.Findings, c.Findings)
}

func TestMalformed(t *testing.T) {
	pub := string(readTestdata(t, "litware-published.xml"))
	tests := []struct {
		name, file, in string
		set            map[string]string
		code, pos      string
		contains       string
	}{
		{"syntax", "a.xml", "<Topology xmlns=\"" + NSTopology + "\">\n  <Sites>\n</Topology>\n", nil, CodeXMLSyntax, "a.xml:3:", "invalid XML"},
		{"unknown namespace", "a.xml", "<?xml version=\"1.0\"?>\n<Topology xmlns=\"urn:other\"/>", nil, CodeUnknownFormat, "a.xml:2:1", "urn:other"},
		{"no namespace", "a.xml", "<Topology/>", nil, CodeUnknownFormat, "a.xml:1:1", "no namespace"},
		{"dangling service", "a.xml", strings.Replace(pub, `RoleName="UserStore" Instance="1" />
        </Dependency>`, `RoleName="UserStore" Instance="9" />
        </Dependency>`, 1), nil, CodeDangling, "a.xml:", "1:userstore:9"},
		{"dangling cluster", "a.xml", strings.Replace(pub, `<InstalledOn>
        <ClusterId SiteId="1" Number="7" />`, `<InstalledOn>
        <ClusterId SiteId="1" Number="70" />`, 1), nil, CodeDangling, "a.xml:", "c:1:70"},
		{"dangling guid", "a.tbxml", strings.Replace(string(readTestdata(t, "fabrikam.tbxml")), `InstalledOn="a1000000-0000-4000-8000-000000000004"`, `InstalledOn="deadbeef-0000-4000-8000-000000000004"`, 1), nil, CodeDangling, "a.tbxml:", "deadbeef"},
		{"unresolved", "p.ps1", string(readTestdata(t, "publish.ps1")), map[string]string{"DomainName": "x.com"}, CodeUnresolved, "p.ps1:8:13", "$SiteName"},
		{"subexpression", "p.ps1", "$x = @\"\n<Topology>$(Get-Date)</Topology>\n\"@\n", nil, CodeUnresolved, "p.ps1:2:11", "subexpression"},
		{"unterminated", "p.ps1", "$x = @\"\n<Topology/>\n", nil, CodeNoHereString, "p.ps1:1:1", "no closing line"},
		{"no here-string", "p.ps1", "Get-CsPool\n", nil, CodeNoHereString, "p.ps1:1:1", "neither XML"},
		{"not text", "a.xml", "<Topology>\xff</Topology>", nil, CodeNotText, "a.xml:1:11", "0xff"},
		{"odd utf-16", "a.xml", "\xff\xfe<\x00a", nil, CodeNotText, "a.xml:1:1", "odd"},
		{"deep", "a.xml", strings.Repeat("<a>", MaxDepth+1), nil, CodeTooLarge, "a.xml:1:", "deep"},
		{"empty", "a.xml", "  ", nil, CodeNoHereString, "a.xml:1:1", "neither"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Import(tc.file, []byte(tc.in), Options{Set: tc.set})
			require.True(t, r.Malformed, "%v", r.Findings)
			require.Nil(t, r.Document)
			require.NotEmpty(t, r.Findings)
			f := r.Findings[0]
			assert.Equal(t, tc.code, f.Code, "%v", f)
			assert.True(t, strings.HasPrefix(f.Pos.String(), tc.pos), "%v", f)
			assert.Contains(t, f.Message, tc.contains)
			assert.NotEmpty(t, f.Fix)
		})
	}
}

// TestUnresolvedEach checks that every unresolved variable is named, each at its position.
func TestUnresolvedEach(t *testing.T) {
	r := Import("p.ps1", readTestdata(t, "publish.ps1"), Options{})
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Pos.String()+" "+f.Message)
	}
	assert.Equal(t, []string{
		"p.ps1:5:59 the here-string uses $DomainName, which has no value",
		"p.ps1:8:13 the here-string uses $SiteName, which has no value",
		"p.ps1:12:68 the here-string uses $PoolFqdn, which has no value",
		"p.ps1:14:43 the here-string uses $PoolFqdn, which has no value",
	}, got)
}

func TestCompletionErrors(t *testing.T) {
	tests := []struct{ in, code, contains string }{
		{"pools:\n  nowhere.litwareinc.com: {users: 1}\n", CodeUnknownName, "nowhere"},
		{"pools:\n  red-pool1.litwareinc.com: {backupPool: nowhere.litwareinc.com}\n", CodeUnknownName, "nowhere"},
		{"cms: nowhere.litwareinc.com\n", CodeUnknownName, "nowhere"},
		{"branches:\n  x.litwareinc.com: {users: 1}\n", CodeUnknownName, "x.litwareinc.com"},
	}
	for _, tc := range tests {
		c, fs := DecodeCompletion("c.yaml", []byte(tc.in))
		require.Empty(t, fs)
		r := Import("a.xml", readTestdata(t, "litware-published.xml"), Options{Completion: c})
		require.True(t, r.Malformed, tc.in)
		assert.Equal(t, tc.code, r.Findings[0].Code)
		assert.Contains(t, r.Findings[0].Message, tc.contains)
		assert.Equal(t, "c.yaml", r.Findings[0].Pos.File)
	}
	bad := []struct{ in, code string }{
		{"pools: [\n", CodeCompletion},
		{"colour: red\n", CodeCompletion},
		{"version: SfB2020\n", CodeBadValue},
		{"pools:\n  a.b.com: {users: -3}\n", CodeBadValue},
		{"pools:\n  a.b.com: {user: 3}\n", CodeCompletion},
		{"a: 1\n---\nb: 2\n", CodeCompletion},
	}
	for _, tc := range bad {
		_, fs := DecodeCompletion("c.yaml", []byte(tc.in))
		require.NotEmpty(t, fs, tc.in)
		assert.Equal(t, tc.code, fs[0].Code, tc.in)
		assert.True(t, fs[0].Pos.IsValid(), tc.in)
	}
}

// TestVersionChoice checks FW1103: asked for the 2019 code line, answered for every pool or
// for one.
func TestVersionChoice(t *testing.T) {
	data := readTestdata(t, "fabrikam.tbxml")
	count := func(r Result) int {
		n := 0
		for _, f := range r.Findings {
			if f.Code == CodeVersionChoice {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 3, count(Import("f.tbxml", data, Options{})), "two Front End pools and the Edge pool")
	r := Import("f.tbxml", data, Options{Completion: &Completion{Version: topology.SfBSE}})
	assert.Zero(t, count(r))
	assert.Equal(t, topology.SfBSE, r.Document.Topology.Pools[0].Version)
	r = Import("f.tbxml", data, Options{Completion: &Completion{Pools: []PoolAnswer{{FQDN: "NYC-POOL.fabrikam.com", Version: topology.SfB2019}}}})
	assert.Equal(t, 2, count(r))
}

func TestIsImport(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     bool
	}{
		{"a.yaml", "name: x\n", false},
		{"a.json", `{"name": "x"}`, false},
		{"a.xml", "\ufeff<?xml version=\"1.0\"?><Topology/>", true},
		{"a.txt", "\xff\xfe<\x00", true},
		{"a.yaml", "\xff\xfen\x00a\x00", false},
		{"a.PS1", "Get-CsPool", true},
		{"script", "$x = @'\n<Topology/>\n'@\n", true},
		{"a.yaml", "description: <Topology is mentioned>\n", false},
	} {
		assert.Equal(t, tc.want, IsImport(tc.name, []byte(tc.in)), tc.in)
	}
}

// TestGaps checks each gap the published file can leave, by editing the test file.
func TestGaps(t *testing.T) {
	pub := string(readTestdata(t, "litware-published.xml"))
	tests := []struct{ name, old, new, code, path string }{
		{"no active CMS", `IsActive="true"`, `IsActive="false"`, CodeCMS, "cms"},
		{"Edge without a registrar", `<ServiceId SiteId="1" RoleName="Registrar" Instance="2" />
        </Dependency>`, `<ServiceId SiteId="1" RoleName="CentralMgmtStore" Instance="1" />
        </Dependency>`, CodeNextHop, "pools[red-edge.litwareinc.com].nextHop"},
		{"branch without a backup registrar", `<ServiceId SiteId="1" RoleName="Registrar" Instance="1" />
        </Dependency>
      </DependsOn>
      <InstalledOn>
        <ClusterId SiteId="3" Number="1" />`, `<ServiceId SiteId="1" RoleName="UserStore" Instance="1" />
        </Dependency>
      </DependsOn>
      <InstalledOn>
        <ClusterId SiteId="3" Number="1" />`, CodeBackupRegistrar, "branches[bel-sba1.litwareinc.com].backupRegistrar"},
		{"unedited: no gap", `ServiceVersion="7">
      <ServiceId SiteId="2" RoleName="UserServices"`, `ServiceVersion="7">
      <ServiceId SiteId="2" RoleName="UserServices"`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(pub, tc.old, tc.new, 1)
			require.NotEqual(t, tc.code != "", in == pub, "the edit applies")
			r := Import("a.xml", []byte(in), Options{Completion: completion(t, "litware-completion.yaml")})
			require.False(t, r.Malformed, "%v", r.Findings)
			var codes []string
			for _, f := range r.Findings {
				if f.Severity == topology.Error {
					codes = append(codes, f.Code+" "+f.Path)
				}
			}
			if tc.code == "" {
				assert.Empty(t, codes)
				return
			}
			assert.Equal(t, []string{tc.code + " " + tc.path}, codes)
		})
	}
	// A registrar of an unknown service version asks for the version.
	in := strings.ReplaceAll(pub, `ServiceVersion="7" Type="Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.RegistrarService">
      <ServiceId SiteId="2"`, `ServiceVersion="5" Type="Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.RegistrarService">
      <ServiceId SiteId="2"`)
	r := Import("a.xml", []byte(in), Options{Completion: completion(t, "litware-completion.yaml")})
	require.True(t, r.Gaps())
	assert.Contains(t, string(render(t, r)), "FW1104 pools[dub-pool1.litwareinc.com].version")
	// A single-quoted here-string is read as it is.
	r = Import("s.ps1", []byte("$t = @'\n<Topology xmlns=\""+NSTopology+"\"><Sites><CentralSite SiteId=\"1\"><Name>$Site</Name></CentralSite></Sites></Topology>\n'@\n"), Options{})
	require.False(t, r.Malformed, "%v", r.Findings)
	assert.Equal(t, "$Site", r.Document.Topology.Sites[0].Name)
}
