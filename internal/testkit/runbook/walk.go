package runbook

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"failwright/engine/runlog"
	"failwright/engine/units"
)

// line carries out one line of the script, as far as the run log is concerned.
func (w *walker) line(raw string) error {
	line := strings.TrimSpace(raw)
	if m := reAssign.FindStringSubmatch(line); m != nil {
		if m[1] == "FwPlanId" {
			w.planID = unquote(m[2])
		} else {
			w.fingerprint = unquote(m[2])
		}
		return nil
	}
	cmd, _, _ := strings.Cut(line, " ")
	switch {
	case line == "Write-FwLogStart":
		return w.start()
	case rePath.MatchString(line):
		w.facts = append(w.facts, unquote(rePath.FindStringSubmatch(line)[1]))
	case cmd == "Complete-FwPreflight":
		return w.preflight(line)
	case cmd == "Write-FwStep":
		return w.openStep(line)
	case cmd == "Confirm-FwStep", cmd == "Confirm-FwCheck":
		return w.confirm(line, cmd == "Confirm-FwCheck")
	case cmd == "Test-FwShows":
		return w.shows(line)
	case cmd == "Wait-FwAcknowledge":
		return w.acknowledge(line)
	case cmd == "Complete-FwStep":
		if _, err := w.number(line); err != nil {
			return err
		}
		return w.closeStep()
	case strings.HasPrefix(line, "if (Select-FwAlternative "):
		return w.alternative(line)
	case strings.HasPrefix(line, "if ($Rehearse) { Write-FwRehearsal "):
		if w.op.Rehearse {
			return w.skipBlock()
		}
	case reMarked.MatchString(line):
		return w.command(line)
	case strings.HasPrefix(line, "$FwAlt_") && strings.HasSuffix(line, " = 'done'"):
		w.done[reAltVar.FindStringSubmatch(line)[1]] = true
	case line == "} catch {":
		return w.skipBlock() // an alternative's catch: its failure is handled in command
	case strings.HasPrefix(line, "if ($FwAlt_") && strings.HasSuffix(line, " -eq 'done') {"):
		if !w.done[reAltVar.FindStringSubmatch(line)[1]] {
			return w.skipBlock()
		}
	case strings.HasPrefix(line, "if ($FwAlt_") && strings.Contains(line, " -ne 'done') { throw "):
		if !w.done[reAltVar.FindStringSubmatch(line)[1]] {
			_, msg, _ := strings.Cut(line, "{ throw ")
			w.end = &stop{msg: unquote(strings.TrimSuffix(msg, " }"))}
		}
	}
	return nil
}

// start writes the start entry.
func (w *walker) start() error {
	m := reSchema.FindStringSubmatch(strings.Join(w.lines, "\n"))
	if m == nil || w.planID == "" || w.fingerprint == "" {
		return w.errorf("the runbook does not say its plan ID, fingerprint and run-log schema")
	}
	w.schema, _ = strconv.Atoi(m[1])
	w.started = true
	return w.write(runlog.Entry{Kind: runlog.KindStart, Schema: w.schema, PlanID: w.planID, Fingerprint: w.fingerprint,
		Machine: w.op.Machine, Account: w.op.Account, Host: w.op.Host, Rehearsal: w.op.Rehearse, NoConfirm: w.op.NoConfirm})
}

// preflight writes a preflight entry (Complete-FwPreflight); with Operator.Drift its first
// fact drifted and the run stops.
func (w *walker) preflight(line string) error {
	e := runlog.Entry{Kind: runlog.KindPreflight}
	if m := reStage.FindStringSubmatch(line); m != nil {
		e.Stage = unquote(m[1])
	}
	w.tick(time.Duration(len(w.facts)) * 700 * time.Millisecond)
	if w.op.Drift && len(w.facts) > 0 {
		e.Drift = w.facts[:1]
		w.end = &stop{stopped: true, msg: "Preflight found drift in 1 fact(s): " + w.facts[0] + ". The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology."}
	}
	w.facts = nil
	return w.write(e)
}

// openStep opens a step (Write-FwStep).
func (w *walker) openStep(line string) error {
	m, id, d := reNumber.FindStringSubmatch(line), reID.FindStringSubmatch(line), reDuration.FindStringSubmatch(line)
	if m == nil || id == nil || d == nil {
		return w.errorf("Write-FwStep without -Number, -Id or -Duration")
	}
	if w.open != nil {
		return w.errorf("step %d begins before step %d is complete", atoi(m[1]), w.open.Step)
	}
	dur, err := units.ParseDuration(d[1])
	if err != nil {
		return w.errorf("%v", err)
	}
	w.duration = dur.Std()
	w.open = &runlog.Entry{Kind: runlog.KindStep, Step: atoi(m[1]), StepID: unquote(id[1]), Start: w.tick(time.Second)}
	return nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// confirm answers Confirm-FwStep (or Confirm-FwCheck, which rehearsals do not ask).
func (w *walker) confirm(line string, check bool) error {
	n, err := w.number(line)
	if err != nil || w.op.NoConfirm || check && w.op.Rehearse {
		return err
	}
	if w.op.StopAt == n {
		w.answer("N")
		msg := "Stopped by the operator before step " + strconv.Itoa(n) + "."
		if check {
			msg = "Stopped by the operator at step " + strconv.Itoa(n) + ": the output did not match."
		}
		w.end = &stop{stopped: true, msg: msg}
		return nil
	}
	w.answer("Y")
	return nil
}

// shows records what a check had to show and whether it did (Test-FwShows).
func (w *walker) shows(line string) error {
	n, err := w.number(line)
	m := reShows.FindStringSubmatch(line)
	if err != nil || m == nil {
		return w.errorf("Test-FwShows without -Number or -Shows")
	}
	shown := w.op.NotShown != n
	w.open.Shows, w.open.Shown = unquote(m[1]), &shown
	switch {
	case shown || w.op.Rehearse:
	case w.op.NoConfirm:
		w.end = &stop{stopped: true, msg: "Stopped at step " + strconv.Itoa(n) + ": the output does not show " + w.open.Shows + "."}
	default:
		w.answer("GO")
	}
	return nil
}

// acknowledge answers DONE to a manual or wait step (Wait-FwAcknowledge); at Operator.StopAt
// the operator presses Ctrl+C instead.
func (w *walker) acknowledge(line string) error {
	n, err := w.number(line)
	if err != nil || w.op.Rehearse {
		return err
	}
	if w.op.StopAt == n {
		w.end = &stop{stopped: true, msg: "Interrupted before the plan completed (Ctrl+C, or the session closed)."}
		return nil
	}
	w.answer("DONE")
	return nil
}

// alternative decides whether an alternative step runs (Select-FwAlternative), and skips its
// block when it does not.
func (w *walker) alternative(line string) error {
	n, err := w.number(line)
	m := reAltVar.FindStringSubmatch(line)
	if err != nil || m == nil {
		return w.errorf("Select-FwAlternative without -Number or its group's -Done")
	}
	switch {
	case w.done[m[1]]:
	case w.op.NoConfirm:
		return nil
	case slices.Contains(w.op.Decline, n):
		w.answer("N")
	default:
		w.answer("Y")
		return nil
	}
	w.open.Outcome = runlog.OutcomeSkipped
	return w.skipBlock()
}

// command runs a marked command line: it succeeds, or at Operator.FailAt throws. In an
// alternative with -NoConfirm the failure is caught and the next alternative tried.
func (w *walker) command(line string) error {
	n := atoi(reMarked.FindStringSubmatch(line)[1])
	if w.open == nil || w.open.Step != n {
		return w.errorf("step %d's command outside its step", n)
	}
	w.tick(2 * time.Second)
	if w.op.FailAt != n {
		return nil
	}
	msg := "The harness failed step " + strconv.Itoa(n) + "."
	if strings.HasPrefix(w.lines[w.i], "        ") && w.op.NoConfirm {
		// Inside an alternative's try (indented twice): its catch logs the failure and goes on.
		w.open.Outcome, w.open.Error = runlog.OutcomeFailed, msg
		for !strings.HasPrefix(strings.TrimSpace(w.lines[w.i]), "} catch {") {
			w.i++
		}
		return w.skipBlock()
	}
	w.end = &stop{msg: msg}
	return nil
}
