package main

import (
	"time"

	"failwright/engine/topology"
)

// Today is the browser's date (its clock, its time zone): the day the page judges support
// lifecycles on (ui.DayHost).
func (h *browserHost) Today() topology.Date { return topology.DateOf(time.Now()) }
