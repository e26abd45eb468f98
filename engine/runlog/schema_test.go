package runlog

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFieldsAgreeWithEntry proves the schema table and Entry (the Go writer and reader) agree
// field for field: the same fields in the same order, each with its JSON name, its type and
// its omission rule, so that what the runbook's generated writer writes, Read reads.
func TestFieldsAgreeWithEntry(t *testing.T) {
	typ := reflect.TypeOf(Entry{})
	require.Equal(t, typ.NumField(), len(Fields), "one row of Fields per Entry field")
	for i, f := range Fields {
		sf := typ.Field(i)
		assert.Equal(t, f.Go, sf.Name, "row %d", i)
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		assert.Equal(t, f.JSON, name, f.Go)
		assert.Equal(t, f.Kinds != nil, opts == "omitempty", "%s: the fields of every entry are always written, the others only when set", f.Go)
		assert.Equal(t, f.Kinds == nil, f.PS == "", "%s: the writer fills the fields of every entry; the others are Write-FwLog parameters", f.Go)
		want := map[FieldType]reflect.Kind{TypeInt: reflect.Int, TypeString: reflect.String, TypeBool: reflect.Bool,
			TypeKnownBool: reflect.Pointer, TypeStrings: reflect.Slice}[f.Type]
		assert.Equal(t, want, sf.Type.Kind(), f.Go)
	}
}

// TestReadRefusesAFieldOfAnotherKind: a step's field on the start entry is refused, naming it.
func TestReadRefusesAFieldOfAnotherKind(t *testing.T) {
	p := samplePlan(t)
	lines := sampleLog(t, p)
	w := NewWriter()
	var out [][]byte
	for i, l := range lines {
		var e Entry
		require.NoError(t, json.Unmarshal(l, &e))
		if i == 0 {
			e.StepID = "pool-failover"
		}
		b, err := w.Line(e)
		require.NoError(t, err)
		out = append(out, b)
	}
	_, err := Read("run.log", join(out, "\n"), p)
	require.Error(t, err)
	assert.Equal(t, `run.log:1: field "stepId" does not belong in a start entry`, err.Error())
}

// docRow is the row of docs/plan-format.md's run-log table for f.
func docRow(f Field) string {
	kinds := "every entry"
	if f.Kinds != nil {
		var ks []string
		for _, k := range f.Kinds {
			ks = append(ks, string(k))
		}
		kinds = strings.Join(ks, ", ")
	}
	return "| `" + f.JSON + "` | " + string(f.Type) + " | " + kinds + " | " + f.Doc + " |"
}

// TestFieldsDocumented: docs/plan-format.md lists every field as the table says.
func TestFieldsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "plan-format.md"))
	require.NoError(t, err)
	for _, f := range Fields {
		assert.Contains(t, string(doc), docRow(f)+"\n", f.JSON)
	}
}
