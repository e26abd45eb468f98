package scenarios

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	docRun   = regexp.MustCompile("(?s)<!-- example: run -->\n```yaml\n(.*?)```")
	docError = regexp.MustCompile("(?s)<!-- example: error -->\n```yaml\n(.*?)```\n\n```text\n(.*?)```")
)

func readDoc(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../docs/scenarios.md")
	require.NoError(t, err)
	return string(data)
}

// TestDocsExamples decodes and runs every example of docs/scenarios.md: the runnable ones
// pass, and the error example gives exactly the errors the page shows.
func TestDocsExamples(t *testing.T) {
	doc := readDoc(t)
	runs := docRun.FindAllStringSubmatch(doc, -1)
	require.GreaterOrEqual(t, len(runs), 4)
	for i, m := range runs {
		sc, fs := Decode("example.yaml", []byte(m[1]), diskResolver)
		require.False(t, fs.HasErrors(), "example %d: %v", i, fs)
		rep, err := Run(sc, Options{})
		require.NoError(t, err)
		if !assert.True(t, rep.Passed, "example %d", i) {
			for _, c := range rep.Failed() {
				t.Log(c)
			}
		}
	}
	errs := docError.FindAllStringSubmatch(doc, -1)
	require.Len(t, errs, 1)
	_, fs := Decode("example.yaml", []byte(errs[0][1]), diskResolver)
	var got []string
	for _, f := range fs {
		got = append(got, f.String())
	}
	assert.Equal(t, strings.TrimSpace(errs[0][2]), strings.Join(got, "\n"))
}

// TestDocsCoverLibraryAndKeys checks that the page lists every library scenario and documents
// every key the decoder accepts.
func TestDocsCoverLibraryAndKeys(t *testing.T) {
	doc := readDoc(t)
	for _, e := range Library() {
		assert.Contains(t, doc, "| `"+e.File+"` |", "docs/scenarios.md lists %s", e.File)
	}
	keys := []string{"name", "description", "audience", "level", "topology", "seed", "goals", "steps",
		"at", "run", "expect", "trainee", "note",
		"pools", "branches", "sites", "cms", "backup", "error", "output", "changed", "prompt", "rto", "dataLoss",
		"health", "poolState", "users", "servedBy", "nextHop", "serversUp", "backEndUp", "load", "up",
		"edge", "remoteAccess", "federation", "federationPool", "working", "mediaStopped",
		"externalAccess", "federationRoute", "mediaEdge", "serversDrained", "features", "missing", "without", "maxFeatureRTO",
		"activePool", "available", "from", "to", "state", "backlog",
		"goal", "hints", "accept", "solution", "maxRTO", "maxDataLoss", "require", "forbid", "command", "reason", "points"}
	for _, k := range keys {
		assert.Contains(t, doc, "`"+k+"`", "docs/scenarios.md documents %s", k)
	}
	for _, code := range []string{CodeSyntax, CodeUnknownKey, CodeMissing, CodeWrongType, CodeBadDuration, CodeBadValue,
		CodeOrder, CodeUnknownName, CodeImpossible, CodeTopology, CodeDuplicateKey, CodeStep, CodeTooLarge, CodeUnsupported} {
		assert.Contains(t, doc, "| "+code+" |")
	}
}

var docConsole = regexp.MustCompile("(?s)```\n\\$ failwright run (scenarios/\\S+)\n(.*?)```")

// TestDocsConsoleSample checks that the sample output on the page is what failwright prints:
// each line shown appears, in order ("..." alone stands for lines left out, and within a line
// for text left out).
func TestDocsConsoleSample(t *testing.T) {
	m := docConsole.FindStringSubmatch(readDoc(t))
	require.NotNil(t, m)
	data, err := os.ReadFile(strings.TrimPrefix(m[1], "scenarios/"))
	require.NoError(t, err)
	sc, fs := Decode(m[1], data, func(p string) ([]byte, error) { return os.ReadFile(strings.TrimPrefix(p, "scenarios/")) })
	require.False(t, fs.HasErrors(), "%v", fs)
	rep, err := Run(sc, Options{})
	require.NoError(t, err)
	got := strings.Split(string(rep.Text(TextOptions{})), "\n")
	at := 0
	for _, want := range strings.Split(strings.TrimSpace(m[2]), "\n") {
		if want == "..." {
			continue
		}
		re := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(want), `\.\.\.`, ".*") + "$")
		for at < len(got) && !re.MatchString(got[at]) {
			at++
		}
		require.Less(t, at, len(got), "the page shows %q, which failwright does not print (in this order)", want)
	}
}
