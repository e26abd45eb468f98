package engine

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/topology"
	"failwright/web/engine/proto"
)

// TestImportStep drops the UTF-16 published topology (as bytes), answers the step's
// questions and gets the topology "failwright import" makes with the equivalent completion.
func TestImportStep(t *testing.T) {
	var s Server
	data, err := os.ReadFile("../../engine/importer/testdata/litware-published-utf16.xml")
	require.NoError(t, err)
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpImport, File: "Topology.xml", Data: data})
	require.Empty(t, r.ImportErrors)
	assert.Nil(t, r.Workspace)
	require.NotNil(t, r.ImportGaps)
	step := stepOf(app.Import(app.ImportRequest{File: app.Source{Name: "Topology.xml", Data: data}}))
	assert.Equal(t, []importGap{
		{FQDN: "red-pool1.litwareinc.com", Users: true, Backup: true},
		{FQDN: "dub-pool1.litwareinc.com", Users: true, Backup: true},
		{FQDN: "bel-sba1.litwareinc.com", Branch: true, Users: true},
	}, step.pools)
	assert.Contains(t, r.ImportGaps.HTML, `<input inputmode="numeric" id="u/branch/bel-sba1.litwareinc.com">`)
	assert.Contains(t, r.ImportGaps.HTML, `<select id="b/red-pool1.litwareinc.com"><option value="">choose…</option><option>none</option><option>red-pool1.litwareinc.com</option><option>dub-pool1.litwareinc.com</option></select>`)
	assert.NotContains(t, r.ImportGaps.HTML, `id="v"`, "the file says 2015")

	// Part of the answers: asked again, only what is still open.
	r = call(t, &s, proto.Request{ID: 2, Op: proto.OpImport, File: "Topology.xml", Data: data, Answers: map[string]string{"u/red-pool1.litwareinc.com": "12,000", "b/dub-pool1.litwareinc.com": ""}})
	require.NotNil(t, r.ImportGaps)
	assert.NotContains(t, r.ImportGaps.HTML, `id="u/red-pool1.litwareinc.com"`)
	assert.Contains(t, r.ImportGaps.HTML, `id="b/red-pool1.litwareinc.com"`)

	answers := map[string]string{
		"u/red-pool1.litwareinc.com": "12000", "u/dub-pool1.litwareinc.com": "9000", "u/branch/bel-sba1.litwareinc.com": "150",
		"b/red-pool1.litwareinc.com": "dub-pool1.litwareinc.com",
	}
	r = call(t, &s, proto.Request{ID: 3, Op: proto.OpImport, File: "Topology.xml", Data: data, Answers: answers})
	require.Empty(t, r.ImportErrors)
	require.Nil(t, r.ImportGaps)
	require.NotNil(t, r.Workspace)

	comp := []byte("pools:\n  red-pool1.litwareinc.com: {users: 12000, backupPool: dub-pool1.litwareinc.com}\n  dub-pool1.litwareinc.com: {users: 9000}\nbranches:\n  bel-sba1.litwareinc.com: {users: 150}\n")
	want := app.Import(app.ImportRequest{File: app.Source{Name: "Topology.xml", Data: data}, ImportInputs: app.ImportInputs{Completion: &app.Source{Name: "c.yaml", Data: comp}}})
	require.Equal(t, app.StatusOK, want.Status, "%v", want.Findings)
	got, err := topology.Encode(r.Workspace.Topology)
	require.NoError(t, err)
	assert.Equal(t, string(want.Output), string(got))
	assert.Equal(t, "import Topology.xml", r.Workspace.Origin)
}

func TestImportStepRefuses(t *testing.T) {
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpImport, File: "t.xml", Text: "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">"})
	require.NotEmpty(t, r.ImportErrors)
	assert.Contains(t, r.ImportErrors[0], "t.xml:")
	assert.Nil(t, r.Workspace)

	data, err := os.ReadFile("../../engine/importer/testdata/litware-published.xml")
	require.NoError(t, err)
	r = call(t, &s, proto.Request{ID: 2, Op: proto.OpImport, File: "t.xml", Data: data, Answers: map[string]string{"u/red-pool1.litwareinc.com": "many"}})
	assert.Equal(t, []string{`The users of red-pool1.litwareinc.com must be a whole number, not "many".`}, r.ImportErrors)
	r = call(t, &s, proto.Request{ID: 3, Op: proto.OpImport, File: "t.xml", Data: data, Answers: map[string]string{"b/no.example.com": "none"}})
	require.NotEmpty(t, r.ImportErrors)
	assert.Contains(t, r.ImportErrors[0], "no.example.com")
}
