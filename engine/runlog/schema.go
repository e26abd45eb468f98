package runlog

// FieldType is the JSON type of a run-log field, and how an empty value is left out.
type FieldType string

// The field types.
const (
	// TypeInt is a JSON integer, left out when 0.
	TypeInt FieldType = "integer"
	// TypeString is a JSON string, left out when empty.
	TypeString FieldType = "string"
	// TypeBool is a JSON boolean, written only when true.
	TypeBool FieldType = "boolean"
	// TypeKnownBool is a JSON boolean written whenever it is known, false included.
	TypeKnownBool FieldType = "boolean, when known"
	// TypeStrings is a JSON array of strings, left out when empty.
	TypeStrings FieldType = "array of string"
)

// Field is one field of a run-log entry: the one schema from which the runbook's PowerShell
// log writer is generated (engine/render) and against which Entry, the Go writer and reader,
// is tested field for field.
type Field struct {
	// JSON is the field's name in a line.
	JSON string
	// Go is the name of the Entry field that holds it.
	Go string
	// PS is the name of the runbook's Write-FwLog parameter that sets it; empty for the
	// fields the writer fills itself (seq, prev, kind, time). It is not always JSON's name:
	// $Host and $Error are PowerShell's own variables.
	PS string
	// Type is its JSON type.
	Type FieldType
	// Kinds are the entries that may hold it; nil for every entry.
	Kinds []Kind
	// Doc says what it holds.
	Doc string
}

var (
	start     = []Kind{KindStart}
	preflight = []Kind{KindPreflight}
	step      = []Kind{KindStep}
)

// Fields lists every field of a run-log entry, in the order a line holds them.
var Fields = []Field{
	{"seq", "Seq", "", TypeInt, nil, "the line's position, from 1"},
	{"prev", "Prev", "", TypeString, nil, "the SHA-256 (lower-case hex) of the line before, without its line ending; 64 zeros on the first line"},
	{"kind", "Kind", "", TypeString, nil, "`start`, `preflight`, `step` or `end`"},
	{"time", "Time", "", TypeString, nil, "when the entry was written, UTC, `2026-12-06T05:00:00.000Z`"},
	{"schema", "Schema", "Schema", TypeInt, start, "the run-log format version, `1`"},
	{"planId", "PlanID", "PlanId", TypeString, start, "the `id` of the plan the runbook was rendered from"},
	{"fingerprint", "Fingerprint", "Fingerprint", TypeString, start, "the plan's topology `fingerprint`"},
	{"machine", "Machine", "Machine", TypeString, start, "the computer that ran the runbook (`$env:COMPUTERNAME`)"},
	{"account", "Account", "Account", TypeString, start, "the Windows account that ran it, `DOMAIN\\user`"},
	{"host", "Host", "HostVersion", TypeString, start, "the PowerShell version that ran it (`$PSVersionTable.PSVersion`), for example `5.1.17763.1`"},
	{"rehearsal", "Rehearsal", "Rehearsal", TypeBool, start, "`true` when it ran with `-Rehearse`"},
	{"noConfirm", "NoConfirm", "NoConfirm", TypeBool, start, "`true` when it ran with `-NoConfirm`"},
	{"stage", "Stage", "Stage", TypeString, preflight, "in a migration plan, the `id` of the stage whose preflight this is; absent for the preflight before the first step"},
	{"drift", "Drift", "Drift", TypeStrings, preflight, "the model paths of the facts the deployment contradicted"},
	{"unchecked", "Unchecked", "Unchecked", TypeStrings, preflight, "the model paths of the facts that could not be read"},
	{"step", "Step", "Step", TypeInt, step, "the step's `number` in the plan"},
	{"stepId", "StepID", "StepId", TypeString, step, "the step's `id` in the plan"},
	{"start", "Start", "Start", TypeString, step, "when the step began (UTC)"},
	{"end", "End", "End", TypeString, step, "when the step ended (UTC)"},
	{"outcome", "Outcome", "Outcome", TypeString, []Kind{KindStep, KindEnd}, "a step's: `done`, `failed`, `skipped`, `stopped` or `rehearsed`; the run's: `done`, `failed` or `stopped`"},
	{"answers", "Answers", "Answers", TypeStrings, []Kind{KindPreflight, KindStep}, "what the operator typed at the prompts of the step (or of the preflight), in order"},
	{"shows", "Shows", "Shows", TypeString, step, "for a check with `shows`: the text its output had to show"},
	{"shown", "Shown", "Shown", TypeKnownBool, step, "for a check with `shows`: whether the output showed it"},
	{"error", "Error", "Message", TypeString, []Kind{KindStep, KindEnd}, "the message of the error that failed or stopped the step, or the run"},
}

// Belongs reports whether f may be set in an entry of kind k.
func (f Field) Belongs(k Kind) bool {
	if f.Kinds == nil {
		return true
	}
	for _, fk := range f.Kinds {
		if fk == k {
			return true
		}
	}
	return false
}
