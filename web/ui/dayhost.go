package ui

import "failwright/engine/topology"

// DayHost is a Host that knows today's date: the page's, from the browser's clock. The
// topology's support lifecycles are judged on it (FW1001 to FW1003); the engine reads no clock.
// A Host without it (as MemHost without Day) judges no lifecycle.
type DayHost interface {
	Today() topology.Date
}

// Today returns MemHost's Day, the zero Date unless a test sets it.
func (h *MemHost) Today() topology.Date { return h.Day }
