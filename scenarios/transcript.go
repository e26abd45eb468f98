package scenarios

import (
	"fmt"

	"failwright/engine/sim"
)

// The bounds on the console output a report keeps (docs/security.md). Expectations see every
// line a command printed; the report, which is kept, printed and sent back by the API, holds
// at most this much, so that a scenario of lines of many failing statements cannot make a
// report of hundreds of megabytes.
const (
	// MaxCommandOutput is the most console output kept for one command (bytes of text).
	MaxCommandOutput = 64 << 10
	// MaxReportOutput is the most console output kept for a whole run.
	MaxReportOutput = 1 << 20
)

// keep returns the lines of one command the report keeps: all of them while within the
// bounds, else the first ones and an info line saying how many were left out.
func (r *runState) keep(lines []sim.Line) []sim.Line {
	budget := min(MaxCommandOutput, MaxReportOutput-r.kept)
	n, size := 0, 0
	for _, l := range lines {
		if size+len(l.Text) > budget {
			break
		}
		size += len(l.Text)
		n++
	}
	r.kept += size
	if n == len(lines) {
		return lines
	}
	out := append([]sim.Line(nil), lines[:n]...)
	return append(out, sim.Line{Kind: sim.LineInfo, Text: fmt.Sprintf(
		"... %d more lines of output are not kept in the report (it keeps %d KiB a command and %d KiB in all).",
		len(lines)-n, MaxCommandOutput>>10, MaxReportOutput>>10)})
}
