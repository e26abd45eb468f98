package render

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topology"
)

// TestFormatDocCoversEveryField: docs/plan-format.md has a table for each object of the
// format, and its rows are exactly the object's JSON fields, in the order they are written,
// with "always" exactly for the fields that are always written.
func TestFormatDocCoversEveryField(t *testing.T) {
	doc, err := os.ReadFile("../../docs/plan-format.md")
	require.NoError(t, err)
	types := map[string]reflect.Type{
		"Plan (the document)": reflect.TypeOf(plan.Plan{}),
		"Request":             reflect.TypeOf(plan.Request{}),
		"Assumption":          reflect.TypeOf(plan.Assumption{}),
		"Step":                reflect.TypeOf(plan.Step{}),
		"Call":                reflect.TypeOf(plan.Call{}),
		"Param":               reflect.TypeOf(plan.Param{}),
		"Prediction":          reflect.TypeOf(plan.Prediction{}),
		"Point":               reflect.TypeOf(plan.Point{}),
		"Finding":             reflect.TypeOf(topology.Finding{}),
		"Pos":                 reflect.TypeOf(topology.Pos{}),
		"Migration":           reflect.TypeOf(plan.Migration{}),
		"Stage":               reflect.TypeOf(plan.Stage{}),
		"Exposure":            reflect.TypeOf(plan.Exposure{}),
	}
	row := regexp.MustCompile("^\\| `([A-Za-z]+)` \\| [^|]+ \\| ([^|]+) \\|")
	sections := map[string][][2]string{}
	var cur string
	for _, line := range strings.Split(string(doc), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			cur = h
			continue
		}
		if m := row.FindStringSubmatch(line); m != nil && cur != "" {
			sections[cur] = append(sections[cur], [2]string{m[1], strings.TrimSpace(m[2])})
		}
	}
	var names []string
	for name := range types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		typ := types[name]
		var want [][2]string
		for i := 0; i < typ.NumField(); i++ {
			tag, opts, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			always := "yes"
			if strings.Contains(opts, "omit") {
				always = ""
			}
			want = append(want, [2]string{tag, always})
		}
		var got [][2]string
		for _, r := range sections[name] {
			always := ""
			if r[1] == "yes" {
				always = "yes"
			}
			got = append(got, [2]string{r[0], always})
		}
		assert.Equal(t, want, got, "docs/plan-format.md section %q", name)
	}
}

// TestFormatDocExample: the doc's change-step example is exactly the step the golden plan
// holds, and reads strictly as a Step.
func TestFormatDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/plan-format.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	require.Len(t, blocks, 2)
	dec := json.NewDecoder(strings.NewReader(blocks[1][1]))
	dec.DisallowUnknownFields()
	var st plan.Step
	require.NoError(t, dec.Decode(&st))
	golden, err := os.ReadFile("testdata/standard-pair.json")
	require.NoError(t, err)
	p, err := ParseJSON(golden)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(p.Steps), st.Number)
	assert.Equal(t, p.Steps[st.Number-1], st)
	assert.Equal(t, plan.Namespace.String(), "605ead0f-5be9-541c-a996-93e630727e44")
	assert.Contains(t, string(doc), plan.Namespace.String())
}

// TestIDIsOfTheCompactDocument: as docs/plan-format.md says, the ID is the version 5 UUID of
// the written document with its whitespace removed and the id emptied.
func TestIDIsOfTheCompactDocument(t *testing.T) {
	data, err := os.ReadFile("testdata/failback.json")
	require.NoError(t, err)
	p, err := ParseJSON(data)
	require.NoError(t, err)
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, bytes.Replace(data, []byte(`"id": "`+p.ID+`"`), []byte(`"id": ""`), 1)))
	assert.Equal(t, p.ID, uuid.NewSHA1(uuid.UUID(plan.Namespace), compact.Bytes()).String())
}

// TestFormatDocFirstExample: the doc's first example is the beginning of the golden plan it
// names: every value it shows (other than "…") is the golden plan's, and each list it shows
// is the start of the golden list.
func TestFormatDocFirstExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/plan-format.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	require.Len(t, blocks, 2)
	var shown, golden map[string]any
	require.NoError(t, json.Unmarshal([]byte(blocks[0][1]), &shown))
	data, err := os.ReadFile("testdata/standard-pair.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &golden))
	var same func(path string, a, b any)
	same = func(path string, a, b any) {
		switch a := a.(type) {
		case map[string]any:
			bm, ok := b.(map[string]any)
			require.True(t, ok, "%s is an object in the golden plan", path)
			for k, v := range a {
				same(path+"."+k, v, bm[k])
			}
		case []any:
			bl, ok := b.([]any)
			require.True(t, ok, "%s is an array in the golden plan", path)
			require.LessOrEqual(t, len(a), len(bl), "%s shows more elements than the plan has", path)
			for i := range a {
				same(path+"["+strconv.Itoa(i)+"]", a[i], bl[i])
			}
		default:
			if a != "…" {
				assert.Equal(t, b, a, "docs/plan-format.md shows %s", path)
			}
		}
	}
	same("", shown, golden)
}
