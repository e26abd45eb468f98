package importer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/collector"
	"failwright/engine/topology"
)

// litwareCollected is a collector file around testdata/litware-published.xml, its
// ServiceVersion 7 replaced by version.
func litwareCollected(t *testing.T, version string) *collector.File {
	xml := strings.ReplaceAll(string(readTestdata(t, "litware-published.xml")), `ServiceVersion="7"`, `ServiceVersion="`+version+`"`)
	return &collector.File{
		TopologyXML: xml,
		BackupRelationships: []collector.BackupRelationship{
			{PoolFqdn: "red-pool1.litwareinc.com", BackupPoolFqdn: "dub-pool1.litwareinc.com"},
			{PoolFqdn: "dub-pool1.litwareinc.com", BackupPoolFqdn: "red-pool1.litwareinc.com"},
		},
		UsersPerRegistrarPool: []collector.PoolUsers{
			{RegistrarPool: "red-pool1.litwareinc.com", Users: 12000},
			{RegistrarPool: "DUB-POOL1.litwareinc.com", Users: 9000},
			{RegistrarPool: "bel-sba1.litwareinc.com", Users: 150},
		},
		Registrars: []collector.RegistrarService{
			{PoolFqdn: "red-pool1.litwareinc.com", FailureDetectionInterval: "00:05:00", FailbackDetectionInterval: "00:04:00"},
			{PoolFqdn: "bel-sba1.litwareinc.com", BackupRegistrar: "Registrar:red-pool1.litwareinc.com"},
		},
		CentralManagement: collector.CentralManagement{ActiveMasterFqdn: "red-fe01.litwareinc.com"},
		Builds: []collector.Build{
			{Fqdn: "red-fe02.litwareinc.com", ProductVersion: "7.0.2046.900"},
			{Fqdn: "dub-fe01.litwareinc.com", ProductVersion: "7.0.2046.553"},
			{Fqdn: "red-dir01.litwareinc.com", ProductVersion: "7.0.2046.820"},
			{Fqdn: "red-edge02.litwareinc.com", ProductVersion: "7.0.2046.820"},
		},
	}
}

func poolByFQDN(t *testing.T, top *topology.Topology, fqdn string) topology.Pool {
	t.Helper()
	for _, p := range top.Pools {
		if p.FQDN == fqdn {
			return p
		}
	}
	require.Failf(t, "no pool", "%s", fqdn)
	return topology.Pool{}
}

func TestImportCollected(t *testing.T) {
	f := litwareCollected(t, "8")
	r := Import("collect.json", f.Encode(), Options{})
	require.False(t, r.Malformed, "%v", r.Findings)
	assert.Equal(t, Collected, r.Format)
	assert.False(t, r.Gaps(), "%v", r.Findings)
	top := r.Document.Topology
	red, dub := poolByFQDN(t, top, "red-pool1.litwareinc.com"), poolByFQDN(t, top, "dub-pool1.litwareinc.com")
	assert.Equal(t, 12000, red.Users)
	assert.Equal(t, 9000, dub.Users)
	assert.Equal(t, "dub-pool1.litwareinc.com", red.BackupPool)
	assert.Equal(t, "red-pool1.litwareinc.com", dub.BackupPool)
	// The build of the pool's first server in order that has one: red-fe01 has none.
	assert.Equal(t, "7.0.2046.900", red.Build)
	assert.Equal(t, topology.SfBSE, red.Version, "at or past 7.0.2046.820")
	assert.Equal(t, topology.SfB2019, dub.Version, "before 7.0.2046.820")
	assert.Equal(t, topology.Registrar{FailureDetectionSeconds: 300}, red.Registrar, "the default failback stays unwritten")
	assert.Equal(t, "red-pool1.litwareinc.com", top.CMS.Pool)
	require.Len(t, top.Branches, 1)
	assert.Equal(t, 150, top.Branches[0].Users)
	assert.Equal(t, "red-pool1.litwareinc.com", top.Branches[0].BackupRegistrar)
}

func TestImportCollectedExplicitWins(t *testing.T) {
	f := litwareCollected(t, "8")
	users, none := 1, ""
	explicit := &Completion{Name: "Litware", Version: topology.SfB2019,
		Pools: []PoolAnswer{{FQDN: "red-pool1.litwareinc.com", Users: &users, BackupPool: &none}}}
	r := Import("collect.json", f.Encode(), Options{Completion: explicit})
	require.False(t, r.Malformed, "%v", r.Findings)
	top := r.Document.Topology
	red, dub := poolByFQDN(t, top, "red-pool1.litwareinc.com"), poolByFQDN(t, top, "dub-pool1.litwareinc.com")
	assert.Equal(t, "Litware", top.Name)
	assert.Equal(t, 1, red.Users)
	assert.Empty(t, red.BackupPool)
	assert.Equal(t, topology.SfB2019, red.Version, "the completion's version wins over the build's")
	assert.Equal(t, 9000, dub.Users, "the file answers what the completion does not")
}

func TestImportCollectedFailedSteps(t *testing.T) {
	f := litwareCollected(t, "8")
	f.UsersPerRegistrarPool, f.Builds = nil, nil
	f.Errors = []collector.StepError{{Step: "Get-CsUser", Message: "Access denied."}}
	r := Import("collect.json", f.Encode(), Options{})
	require.False(t, r.Malformed, "%v", r.Findings)
	codes := map[string]int{}
	for _, fd := range r.Findings {
		codes[fd.Code]++
	}
	assert.Equal(t, 3, codes[CodeUsers], "two pools and a branch: %v", r.Findings)
	assert.Equal(t, 4, codes[CodeVersionChoice], "no build, no answer (two Front End pools, a Director, an Edge): %v", r.Findings)
	assert.Zero(t, codes[CodeBackupPool], "%v", r.Findings)
	assert.Equal(t, 1, codes[CodeNotModelled]-notModelled(t), "the failed step is a note: %v", r.Findings)
}

// notModelled counts the notes of litware-published.xml imported bare.
func notModelled(t *testing.T) int {
	n := 0
	for _, f := range Import("x.xml", readTestdata(t, "litware-published.xml"), Options{}).Findings {
		if f.Code == CodeNotModelled {
			n++
		}
	}
	return n
}

func TestImportCollectedMalformed(t *testing.T) {
	empty := (&collector.File{}).Encode()
	for _, tc := range []struct {
		name string
		data string
		line int
		msg  string
	}{
		{"syntax", "{\n  \"format\": \"failwright-collector\",\n  \"formatVersion\": 1,\n  oops\n}", 4, "invalid character"},
		{"version", `{"format": "failwright-collector", "formatVersion": 9}`, 1, "format version 9"},
		{"no topology", string(empty), 1, "topologyXml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Import("collect.json", []byte(tc.data), Options{})
			require.True(t, r.Malformed)
			require.Len(t, r.Findings, 1)
			fd := r.Findings[0]
			assert.Equal(t, CodeCollector, fd.Code)
			assert.True(t, IsBadInput(fd.Code))
			assert.Equal(t, tc.line, fd.Pos.Line, fd.Message)
			assert.Contains(t, fd.Message, tc.msg)
		})
	}
}

func TestIsImportCollected(t *testing.T) {
	assert.True(t, IsImport("collect.json", litwareCollected(t, "7").Encode()))
	assert.False(t, IsImport("t.json", []byte(`{"name": "x", "sites": []}`)))
}

func TestCodeLine2019(t *testing.T) {
	for _, tc := range []struct {
		build string
		want  topology.Version
	}{
		{"7.0.2046.820", topology.SfBSE},
		{"7.0.2046.1000", topology.SfBSE},
		{"7.0.2046.819", topology.SfB2019},
		{"7.0.2046.0", topology.SfB2019},
		{"6.0.9319.0", ""},
		{"", ""},
		{"seven", ""},
	} {
		assert.Equal(t, tc.want, codeLine2019(tc.build), tc.build)
	}
}
