package main

import (
	"fmt"
	"time"

	"failwright/engine/topology"
)

// today is the day support lifecycles are judged on when --as-of does not say: the machine's
// date. The engine reads no clock; the CLI does, here only. Tests pin it.
var today = func() topology.Date { return topology.DateOf(time.Now()) }

// asOfUsage is the --as-of line of the usages of the commands that judge support lifecycles.
const asOfUsage = `  --as-of DATE     judge support lifecycles on DATE (YYYY-MM-DD) instead of today`

// parseAsOf reads the value of --as-of.
func parseAsOf(s string) (topology.Date, error) {
	d, err := topology.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("--as-of takes a date written YYYY-MM-DD, such as 2026-12-06, not %q", s)
	}
	return d, nil
}
