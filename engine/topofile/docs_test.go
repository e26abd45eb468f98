package topofile

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

func readDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../docs/" + name)
	require.NoError(t, err)
	return string(data)
}

// TestTopologyDocExample decodes and validates the annotated example in docs/topology.md.
func TestTopologyDocExample(t *testing.T) {
	doc := readDoc(t, "topology.md")
	start := strings.Index(doc, "```yaml\n")
	require.GreaterOrEqual(t, start, 0, "topology.md has a ```yaml example")
	body := doc[start+len("```yaml\n"):]
	body = body[:strings.Index(body, "```")]
	d, fs := DecodeDocument("topology.md", []byte(body))
	require.Empty(t, fs)
	vs := d.Validate()
	assert.False(t, vs.HasErrors(), "%v", vs)
	assert.Zero(t, vs.Count(topology.Warning), "%v", vs)
	// The example uses every key of the model.
	out, err := topology.Encode(d.Topology)
	require.NoError(t, err)
	for prefix, keys := range KnownKeys() {
		for _, k := range keys {
			assert.Contains(t, string(out), k+":", "the example uses %s.%s", prefix, k)
		}
	}
}

// TestTopologyDocFields checks that docs/topology.md describes every key of the model.
func TestTopologyDocFields(t *testing.T) {
	doc := readDoc(t, "topology.md")
	for prefix, keys := range KnownKeys() {
		for _, k := range keys {
			assert.True(t, strings.Contains(doc, "`"+k+"`") || strings.Contains(doc, "`"+prefix+"."+k+"`"),
				"topology.md documents %s.%s", prefix, k)
		}
	}
}

// TestValidationDocExample checks the console example in docs/validation.md against real
// output.
func TestValidationDocExample(t *testing.T) {
	doc := readDoc(t, "validation.md")
	const name = "scenarios/topologies/litwareinc.yaml"
	d, fs := DecodeDocument(name, readSample(t, "litwareinc.yaml"))
	require.Empty(t, fs)
	var lines []string
	// The page says its example was made on 2026-12-06: support lifecycles are judged on that day.
	for _, f := range d.Check(topology.Options{AsOf: topology.Date{Year: 2026, Month: 12, Day: 6}}) {
		lines = append(lines, f.String(), "  fix: "+f.Fix)
	}
	all := strings.Join(lines, "\n")
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, name+":") && strings.Contains(l, " FW") {
			assert.Contains(t, all, l)
		}
	}
	assert.Contains(t, doc, "\n"+lines[1]+"\n")
}
