package runlog

import (
	"encoding/hex"
	"encoding/json"

	"failwright/engine/digest"
)

// Writer appends entries to a run log, numbering and chaining them as Read expects. The test
// harness writes logs with it; the runbook's PowerShell does the same work.
type Writer struct {
	seq  int
	prev string
}

// NewWriter returns a Writer for a new log.
func NewWriter() *Writer { return &Writer{prev: GenesisPrev} }

// Line sets e's Seq and Prev and returns its line, without a line ending.
func (w *Writer) Line(e Entry) ([]byte, error) {
	w.seq++
	e.Seq, e.Prev = w.seq, w.prev
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	sum := digest.SHA256(b)
	w.prev = hex.EncodeToString(sum[:])
	return b, nil
}
