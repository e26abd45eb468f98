// Package workspace is the browser app's document: the topology being edited, the simulation
// inputs (seed and the shell lines run so far, which replay deterministically), and the undo
// and redo stacks. It serialises to a versioned JSON envelope that the app keeps in
// localStorage; restoring reports, rather than hides, a stored text that is corrupt or from
// another version. The package is pure Go with no browser calls, so it is tested natively.
package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// Version is the current storage format version. Version 0 was a bare {"topology", "log"}
// object without an envelope; Restore migrates it.
const Version = 1

// Format names the envelope, so that an unrelated JSON value in storage is not mistaken for a
// workspace.
const Format = "failwright-workspace"

// StorageKey is the localStorage key the app keeps the workspace under.
const StorageKey = "failwright.workspace"

// MaxUndo bounds the undo stack.
const MaxUndo = 100

// Workspace is one document: what the user edits and what the simulation has been told.
type Workspace struct {
	// Topology is the deployment being edited; it may have validation errors.
	Topology *topology.Topology `json:"topology"`
	// Seed drives the simulation's random choices.
	Seed int64 `json:"seed"`
	// Log is every shell line run against the simulation since the topology last changed; the
	// app replays it on a fresh simulation to restore the state exactly.
	Log []string `json:"log,omitempty"`
	// Origin says where the workspace came from ("sample litwareinc.yaml", "import x.yaml").
	Origin string `json:"origin,omitempty"`
}

// Clone returns a deep copy of w.
func (w Workspace) Clone() Workspace {
	b, err := json.Marshal(w)
	if err != nil {
		panic(err) // a Workspace always marshals
	}
	var c Workspace
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return c
}

// CloneTopology returns a deep copy of t (nil for nil).
func CloneTopology(t *topology.Topology) *topology.Topology {
	if t == nil {
		return nil
	}
	return Workspace{Topology: t}.Clone().Topology
}

// Empty returns a workspace with an empty topology.
func Empty() Workspace {
	return Workspace{Topology: &topology.Topology{Name: "New deployment"}, Seed: 1}
}

// Doc is a workspace with its history.
type Doc struct {
	cur  Workspace
	undo []entry
	redo []entry
	// lastKey coalesces consecutive edits of one field into one undo step.
	lastKey string
	// Changes counts edits since the doc was created or loaded, for "unsaved work" questions.
	Changes int
}

// entry is a saved state with the label of the edit that left it, or, for a shell line
// appended to the log, just that line: undoing it removes the line, without copying the
// whole workspace for every command typed.
type entry struct {
	Label string          `json:"label"`
	State json.RawMessage `json:"state,omitempty"`
	Line  *string         `json:"line,omitempty"`
}

// New returns a document holding w with empty history.
func New(w Workspace) *Doc {
	if w.Topology == nil {
		w.Topology = &topology.Topology{}
	}
	return &Doc{cur: w}
}

// Current returns the workspace. Callers must change it only through Edit.
func (d *Doc) Current() *Workspace { return &d.cur }

// Edit applies f to the workspace as one undoable step named label. Consecutive edits with
// the same non-empty key (typing in one field) make one step.
func (d *Doc) Edit(label, key string, f func(w *Workspace)) {
	if key == "" || key != d.lastKey {
		d.push(&d.undo, label)
		if len(d.undo) > MaxUndo {
			d.undo = d.undo[len(d.undo)-MaxUndo:]
		}
	}
	d.lastKey = key
	d.redo = nil
	f(&d.cur)
	d.Changes++
}

// AppendLog adds a shell line to the log as one undoable step.
func (d *Doc) AppendLog(label, line string) {
	d.undo = append(d.undo, entry{Label: label, Line: &line})
	if len(d.undo) > MaxUndo {
		d.undo = d.undo[len(d.undo)-MaxUndo:]
	}
	d.redo = nil
	d.lastKey = ""
	d.cur.Log = append(d.cur.Log, line)
	d.Changes++
}

// Replace swaps in a whole new workspace (a sample, an import, a shared link) as one undoable
// step.
func (d *Doc) Replace(label string, w Workspace) {
	d.Edit(label, "", func(cur *Workspace) { *cur = w.Clone() })
}

func (d *Doc) push(stack *[]entry, label string) {
	b, err := json.Marshal(d.cur)
	if err != nil {
		panic(err)
	}
	*stack = append(*stack, entry{Label: label, State: b})
}

// CanUndo reports whether there is a step to undo, and its label.
func (d *Doc) CanUndo() (string, bool) {
	if len(d.undo) == 0 {
		return "", false
	}
	return d.undo[len(d.undo)-1].Label, true
}

// CanRedo reports whether there is a step to redo, and its label.
func (d *Doc) CanRedo() (string, bool) {
	if len(d.redo) == 0 {
		return "", false
	}
	return d.redo[len(d.redo)-1].Label, true
}

// Undo goes back one step; it reports whether there was one.
func (d *Doc) Undo() bool { return d.step(&d.undo, &d.redo, true) }

// Redo goes forward one step; it reports whether there was one.
func (d *Doc) Redo() bool { return d.step(&d.redo, &d.undo, false) }

func (d *Doc) step(from, to *[]entry, back bool) bool {
	if len(*from) == 0 {
		return false
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if e.Line != nil {
		if back {
			if n := len(d.cur.Log); n > 0 {
				d.cur.Log = d.cur.Log[:n-1]
			}
		} else {
			d.cur.Log = append(d.cur.Log, *e.Line)
		}
		*to = append(*to, e)
		d.lastKey = ""
		d.Changes++
		return true
	}
	var w Workspace
	if err := json.Unmarshal(e.State, &w); err != nil {
		return false
	}
	d.push(to, e.Label)
	d.cur = w
	if d.cur.Topology == nil {
		d.cur.Topology = &topology.Topology{}
	}
	d.lastKey = ""
	d.Changes++
	return true
}

// envelope is the stored form.
type envelope struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Current Workspace `json:"workspace"`
	Undo    []entry   `json:"undo,omitempty"`
	Redo    []entry   `json:"redo,omitempty"`
}

// Marshal returns the stored form of the document (current state and history). The history's
// states are already JSON and are copied as they are, which keeps saving after each keystroke
// cheap on a large topology.
func (d *Doc) Marshal() []byte {
	cur, err := json.Marshal(d.cur)
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	b.Grow(len(cur) + 256)
	fmt.Fprintf(&b, `{"format":%q,"version":%d,"workspace":`, Format, Version)
	b.Write(cur)
	for _, list := range []struct {
		name string
		es   []entry
	}{{"undo", d.undo}, {"redo", d.redo}} {
		if len(list.es) == 0 {
			continue
		}
		fmt.Fprintf(&b, `,%q:[`, list.name)
		for i, e := range list.es {
			if i > 0 {
				b.WriteByte(',')
			}
			label, _ := json.Marshal(e.Label)
			b.WriteString(`{"label":`)
			b.Write(label)
			if e.Line != nil {
				line, _ := json.Marshal(*e.Line)
				b.WriteString(`,"line":`)
				b.Write(line)
			} else {
				b.WriteString(`,"state":`)
				b.Write(e.State)
			}
			b.WriteByte('}')
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes()
}

// ExportJSON returns the workspace alone (no history) as indented JSON, the form shared
// links and downloads use.
func (d *Doc) ExportJSON() []byte {
	b, err := json.MarshalIndent(envelope{Format: Format, Version: Version, Current: d.cur}, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// ProblemKind classifies what was wrong with a stored workspace.
type ProblemKind string

// The problem kinds.
const (
	// Corrupt means the stored text is not a workspace this app can read.
	Corrupt ProblemKind = "corrupt"
	// Migrated means the stored workspace was from an older version and was converted.
	Migrated ProblemKind = "migrated"
	// Newer means the stored workspace is from a newer failwright; it is left alone.
	Newer ProblemKind = "newer"
	// OverLimit means the workspace's shell log (or its undo history) is over the bounds
	// CheckLog checks: it is neither opened nor replayed, and stays where it was.
	OverLimit ProblemKind = "over-limit"
)

// Problem reports a stored workspace that could not be restored as it was. Raw is the stored
// text, for the user to download: nothing is lost silently.
type Problem struct {
	Kind    ProblemKind
	Message string
	Raw     string
}

// Restore reads a stored document. A nil Doc with a Problem means start clean (and offer
// Raw for download); a Doc with a Problem of kind Migrated means the old workspace was
// converted, and the user should be told.
func Restore(stored string) (*Doc, *Problem) {
	raw := stored
	dec := json.NewDecoder(strings.NewReader(stored))
	dec.UseNumber()
	var probe map[string]json.RawMessage
	if err := dec.Decode(&probe); err != nil {
		return nil, &Problem{Kind: Corrupt, Message: "The saved workspace is damaged (" + jsonErr(stored, err) + ").", Raw: raw}
	}
	var version int
	if v, ok := probe["version"]; ok {
		if err := json.Unmarshal(v, &version); err != nil {
			return nil, &Problem{Kind: Corrupt, Message: "The saved workspace has an unreadable version number.", Raw: raw}
		}
	}
	switch {
	case version > Version:
		return nil, &Problem{Kind: Newer, Message: fmt.Sprintf("The saved workspace is from a newer failwright (format %d; this app reads up to %d).", version, Version), Raw: raw}
	case version == Version:
		var env envelope
		if err := strictUnmarshal([]byte(stored), &env); err != nil {
			return nil, &Problem{Kind: Corrupt, Message: "The saved workspace is damaged (" + err.Error() + ").", Raw: raw}
		}
		if env.Format != Format {
			return nil, &Problem{Kind: Corrupt, Message: fmt.Sprintf("The saved value is not a failwright workspace (format %q).", env.Format), Raw: raw}
		}
		if env.Current.Topology == nil {
			return nil, &Problem{Kind: Corrupt, Message: "The saved workspace has no topology.", Raw: raw}
		}
		if err := checkHistory(env.Current.Log, env.Undo, env.Redo); err != nil {
			return nil, &Problem{Kind: OverLimit, Message: err.Message + " The workspace was not opened.", Raw: raw}
		}
		d := New(env.Current)
		d.undo, d.redo = env.Undo, env.Redo
		return d, nil
	default:
		// Version 0: {"topology": ..., "log": [...]} with no envelope.
		var v0 struct {
			Topology *topology.Topology `json:"topology"`
			Seed     int64              `json:"seed"`
			Log      []string           `json:"log"`
		}
		if err := json.Unmarshal([]byte(stored), &v0); err != nil || v0.Topology == nil {
			return nil, &Problem{Kind: Corrupt, Message: "The saved value is not a failwright workspace.", Raw: raw}
		}
		if err := CheckLog(v0.Log); err != nil {
			return nil, &Problem{Kind: OverLimit, Message: err.Message + " The workspace was not opened.", Raw: raw}
		}
		if v0.Seed == 0 {
			v0.Seed = 1
		}
		d := New(Workspace{Topology: v0.Topology, Seed: v0.Seed, Log: v0.Log, Origin: "migrated from format 0"})
		return d, &Problem{Kind: Migrated, Message: "The saved workspace was from an older failwright (format 0) and has been converted; its undo history was not kept.", Raw: raw}
	}
}

// ParseShared reads a workspace exported with ExportJSON (or stored with Marshal), for
// shared links and imports of .json workspaces.
func ParseShared(data []byte) (Workspace, error) {
	d, p := Restore(string(data))
	if d == nil {
		return Workspace{}, errors.New(p.Message)
	}
	return d.cur, nil
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New(jsonErr(string(b), err))
	}
	return nil
}

// jsonErr describes a JSON error with its line and column when it has an offset.
func jsonErr(src string, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err.Error()
	}
	line, col := LineCol(src, int(off))
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// LineCol converts a byte offset in src to a 1-based line and column.
func LineCol(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + strings.Count(src[:off], "\n")
	col = off - strings.LastIndexByte(src[:off], '\n')
	return line, col
}

// MarshalLimit is Marshal with the oldest undo and redo steps dropped until the stored form
// fits in max bytes (the current state is always kept).
func (d *Doc) MarshalLimit(max int) []byte {
	b := d.Marshal()
	for len(b) > max && (len(d.undo) > 0 || len(d.redo) > 0) {
		excess := len(b) - max
		for excess > 0 && len(d.undo) > 0 {
			excess -= len(d.undo[0].State)
			d.undo = d.undo[1:]
		}
		for excess > 0 && len(d.redo) > 0 {
			excess -= len(d.redo[0].State)
			d.redo = d.redo[1:]
		}
		b = d.Marshal()
	}
	return b
}
