package plan

import (
	"slices"
	"strconv"
	"strings"

	"failwright/engine/topology"
)

// stepField is one field of a step that Check compares, with how to read it as text.
type stepField struct {
	name string
	get  func(*Step) string
}

// stepFields are the fields of a step that Check compares, in the order of the format.
var stepFields = []stepField{
	{"title", func(s *Step) string { return s.Title }},
	{"kind", func(s *Step) string { return string(s.Kind) }},
	{"when", func(s *Step) string { return s.When }},
	{"alternative", func(s *Step) string { return s.Alternative }},
	{"command", func(s *Step) string { return s.Command }},
	{"instructions", func(s *Step) string { return s.Instructions }},
	{"expect", func(s *Step) string { return s.Expect }},
	{"shows", func(s *Step) string { return s.Shows }},
	{"verify", func(s *Step) string {
		lines := make([]string, len(s.Verify))
		for i, c := range s.Verify {
			lines[i] = c.Line()
		}
		return strings.Join(lines, "; ")
	}},
	{"duration", func(s *Step) string { return s.Duration.String() }},
	{"reason", func(s *Step) string { return s.Reason }},
	{"simulate", func(s *Step) string { return strings.Join(s.Simulate, "; ") }},
}

// stepKeys names each step by its ID and, for an ID that repeats, its occurrence, so that
// steps are matched by what they are rather than by their number (a step added early moves
// every number after it).
func stepKeys(steps []Step) []string {
	seen := map[string]int{}
	keys := make([]string, len(steps))
	for i := range steps {
		id := steps[i].ID
		keys[i] = id
		if n := seen[id]; n > 0 {
			keys[i] = id + "#" + strconv.Itoa(n+1)
		}
		seen[id]++
	}
	return keys
}

// stepChanges compares the saved plan's steps with the rebuilt plan's: one PL108 for every
// field of a step that differs, every step that is gone or new, and the order when the steps
// both have are in another order.
func stepChanges(saved, rebuilt []Step, fix string) topology.Findings {
	var fs topology.Findings
	errf := func(path, msg string) {
		fs = append(fs, topology.Finding{Code: CodeStepChanged, Severity: topology.Error, Path: path, Message: msg, Fix: fix})
	}
	sk, rk := stepKeys(saved), stepKeys(rebuilt)
	at := make(map[string]int, len(rk))
	for j, k := range rk {
		at[k] = j
	}
	var common []string
	for i, k := range sk {
		s := &saved[i]
		path := "steps[" + strconv.Itoa(i) + "]"
		j, ok := at[k]
		if !ok {
			errf(path, "step "+strconv.Itoa(s.Number)+" "+strconv.Quote(s.ID)+" ("+s.Title+") is no longer part of the plan for this topology")
			continue
		}
		common = append(common, k)
		r := &rebuilt[j]
		for _, f := range stepFields {
			if was, now := f.get(s), f.get(r); was != now {
				errf(path+"."+f.name, "step "+strconv.Itoa(s.Number)+" "+strconv.Quote(s.ID)+": "+f.name+" was "+quote(was)+", the topology now gives "+quote(now))
			}
		}
	}
	had := make(map[string]bool, len(sk))
	for _, k := range sk {
		had[k] = true
	}
	for j, k := range rk {
		if !had[k] {
			r := &rebuilt[j]
			errf("steps", "the plan for this topology has a new step "+strconv.Itoa(r.Number)+" "+strconv.Quote(r.ID)+" ("+r.Title+")")
		}
	}
	var order []string
	for _, k := range rk {
		if slices.Contains(common, k) {
			order = append(order, k)
		}
	}
	if !slices.Equal(common, order) {
		errf("steps", "the plan for this topology runs the steps in another order: "+strings.Join(order, ", "))
	}
	return fs
}

// predictionChanges compares the saved plan's predictions with the rebuilt plan's: one PL109
// for each figure that differs. The timeline is not compared (its user counts follow the
// topology's user counts, which the plan does not rely on).
func predictionChanges(saved, rebuilt Prediction, fix string) topology.Findings {
	var fs topology.Findings
	figure := func(field, name string, was, now Duration) {
		if was != now {
			fs = append(fs, topology.Finding{Code: CodePredictChanged, Severity: topology.Error, Path: "prediction." + field,
				Message: "the plan predicts " + name + " of " + was.String() + "; for this topology it is " + now.String(), Fix: fix})
		}
	}
	if saved.Simulated != rebuilt.Simulated {
		fs = append(fs, topology.Finding{Code: CodePredictChanged, Severity: topology.Error, Path: "prediction.simulated",
			Message: "the plan's predictions were " + simulated(saved.Simulated) + "; for this topology they are " + simulated(rebuilt.Simulated), Fix: fix})
	}
	figure("rto", "an RTO", saved.RTO, rebuilt.RTO)
	figure("dataLoss", "a data loss", saved.DataLoss, rebuilt.DataLoss)
	figure("total", "a total time", saved.Total, rebuilt.Total)
	return fs
}

// simulated words Prediction.Simulated.
func simulated(v bool) string {
	if v {
		return "simulated"
	}
	return "the documented targets"
}

// quote writes a step's value in a message: quoted, "(none)" when empty.
func quote(v string) string {
	if v == "" {
		return "(none)"
	}
	return strconv.Quote(v)
}
