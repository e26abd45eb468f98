package app_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/importer"
	"failwright/engine/topology"
)

func importSource(t *testing.T, name string) app.Source {
	t.Helper()
	data, err := os.ReadFile("../engine/importer/testdata/" + name)
	require.NoError(t, err)
	return app.Source{Name: name, Data: data}
}

func TestImport(t *testing.T) {
	xml := importSource(t, "litware-published.xml")
	comp := importSource(t, "litware-completion.yaml")

	open := app.Import(app.ImportRequest{File: xml})
	assert.Equal(t, app.StatusFail, open.Status, "gaps left open")
	require.NotNil(t, open.Document)
	assert.NotEmpty(t, open.Gaps())
	assert.True(t, strings.HasPrefix(string(open.Output), "name: litwareinc.com\n"), "%s", open.Output)

	done := app.Import(app.ImportRequest{File: xml, ImportInputs: app.ImportInputs{Completion: &comp}})
	assert.Equal(t, app.StatusOK, done.Status, "%v", done.Findings)
	assert.Equal(t, importer.Published, done.Kind)
	assert.Empty(t, done.Gaps())
	// The rendering decodes to the same topology.
	back, fs := topology.Decode("out.yaml", done.Output)
	require.Empty(t, fs)
	assert.Equal(t, done.Document.Topology, back)

	js := app.Import(app.ImportRequest{File: xml, ImportInputs: app.ImportInputs{Completion: &comp}, Format: app.TopologyJSON})
	assert.Equal(t, app.StatusOK, js.Status)
	assert.True(t, strings.HasPrefix(string(js.Output), "{\n"))

	bad := app.Import(app.ImportRequest{File: app.Source{Name: "x.xml", Data: []byte("<Topology")}})
	assert.Equal(t, app.StatusBadInput, bad.Status)
	assert.Nil(t, bad.Output)

	badComp := app.Source{Name: "c.yaml", Data: []byte("pools: [")}
	bc := app.Import(app.ImportRequest{File: xml, ImportInputs: app.ImportInputs{Completion: &badComp}})
	assert.Equal(t, app.StatusBadInput, bc.Status)
	assert.Equal(t, "c.yaml", bc.Findings[0].Pos.File)

	unresolved := app.Import(app.ImportRequest{File: importSource(t, "publish.ps1")})
	assert.Equal(t, app.StatusBadInput, unresolved.Status)
	set := app.Import(app.ImportRequest{File: importSource(t, "publish.ps1"), ImportInputs: app.ImportInputs{
		Set: map[string]string{"DomainName": "contoso.com", "SiteName": "HQ", "PoolFqdn": "se.contoso.com"}}})
	assert.Equal(t, app.StatusFail, set.Status, "%v", set.Findings)

	_, err := app.ParseTopologyFormat("xml")
	assert.EqualError(t, err, `must be yaml or json, not "xml"`)
	f := app.Import(app.ImportRequest{File: xml, Format: "xml"})
	assert.Equal(t, app.StatusBadInput, f.Status)
}

// TestLoadTopologyWith checks that YAML and JSON topologies load exactly as before and that
// import files are imported.
func TestLoadTopologyWith(t *testing.T) {
	for name, src := range samples(t) {
		assert.False(t, app.IsImportFile(src), name)
		d1, f1, s1 := app.LoadTopology(src)
		d2, f2, s2 := app.LoadTopologyWith(src, app.ImportInputs{})
		assert.Equal(t, s1, s2, name)
		assert.Equal(t, f1, f2, name)
		assert.Equal(t, d1, d2, name)
	}
	xml := importSource(t, "litware-published-utf16.xml")
	comp := importSource(t, "litware-completion.yaml")
	doc, fs, st := app.LoadTopologyWith(xml, app.ImportInputs{Completion: &comp})
	assert.Equal(t, app.StatusOK, st, "%v", fs)
	require.NotNil(t, doc)
	assert.Equal(t, "Litware, Inc.", doc.Topology.Name)
	doc, _, st = app.LoadTopology(importSource(t, "fabrikam.tbxml"))
	assert.Equal(t, app.StatusFail, st)
	assert.NotNil(t, doc)
	// A UTF-16 YAML file is still the YAML decoder's to refuse.
	_, fs, st = app.LoadTopology(app.Source{Name: "a.yaml", Data: []byte("\xff\xfen\x00")})
	assert.Equal(t, app.StatusBadInput, st)
	assert.Equal(t, topology.CodeNotText, fs[0].Code)
}

func TestParseSet(t *testing.T) {
	set, err := app.ParseSet([]string{"$PoolFqdn=a.b.com", "Empty=", "Url=https://x?a=b"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"PoolFqdn": "a.b.com", "Empty": "", "Url": "https://x?a=b"}, set)
	_, err = app.ParseSet([]string{"novalue"})
	assert.EqualError(t, err, `"novalue" is not NAME=VALUE`)
	_, err = app.ParseSet([]string{"=x"})
	assert.Error(t, err)
}
