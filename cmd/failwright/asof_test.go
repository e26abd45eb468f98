package main

import (
	"os"
	"testing"

	"failwright/engine/topology"
)

// goldenDay is the day the tests judge support lifecycles on, so that goldens do not change
// with the calendar.
var goldenDay = topology.Date{Year: 2026, Month: 12, Day: 6}

func TestMain(m *testing.M) {
	today = func() topology.Date { return goldenDay }
	os.Exit(m.Run())
}
