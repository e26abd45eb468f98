package scenarios

import (
	"fmt"
	"sort"
	"strings"

	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/scenarios/result"
)

// Trainer runs a training drill one input at a time, so that any surface (the CLI reading
// standard input, the browser's console) can drive it. The trainer's events (faults, waits,
// checks) play by themselves; at each trainee step the Trainer waits for the trainee's lines,
// judges each command as it comes, and moves on when the step's goal is reached. Finish ends
// the drill and scores it against the scenario's goals.
type Trainer struct {
	sc    *Scenario
	run   *runState
	next  int // the next step to play
	cur   int // the trainee step waiting for input, -1 when none
	curSR StepReport
	hints int // hints given in the current step

	typed      []typedCommand
	deductions []Deduction
	errors     int    // points taken for failed commands so far
	cmsWarned  bool   // the CMS-first deduction is taken once
	pending    string // a command waiting for its -Confirm answer
	pendingCmd []shell.Command
	finished   bool
	score      *Score
}

// typedCommand is one line the trainee typed, with its outcome.
type typedCommand struct {
	line    string
	cmds    []shell.Command // the line as the simulator understood it
	step    int
	failed  bool
	whatIf  bool
	clock   Duration
	ordinal int
	model   bool // played from the model answer after a skip
}

// Words the trainee can type instead of a command.
const (
	InputHint = "hint" // the next hint of the current step
	InputSkip = "skip" // give up the step: the model answer is played
	InputExit = "exit" // end the drill now; Finish scores it
)

// NewTrainer starts a drill of sc.
func NewTrainer(sc *Scenario, opts Options) (*Trainer, error) {
	eng, err := opts.engine(sc)
	if err != nil {
		return nil, err
	}
	return &Trainer{sc: sc, run: newRunState(sc, eng), cur: -1}, nil
}

// Start plays the trainer's events up to the first trainee step.
func (t *Trainer) Start() Turn {
	var turn Turn
	t.advance(&turn)
	return turn
}

// Prompt returns the trainee step waiting for input, or nil.
func (t *Trainer) Prompt() *Prompt {
	if t.cur < 0 {
		return nil
	}
	st := t.sc.Steps[t.cur].Trainee
	n, of := 0, 0
	for i, s := range t.sc.Steps {
		if s.Trainee != nil {
			of++
			if i <= t.cur {
				n++
			}
		}
	}
	return &Prompt{Step: t.cur, Text: st.Prompt, Goal: st.Goal, Hints: len(st.Hints) - t.hints,
		Clock: Duration(t.run.eng.Now()), Number: n, Of: of}
}

// number is the trainee step's number as the trainee sees it: 1 for the first trainee step.
func (t *Trainer) number(step int) int {
	n := 0
	for i := 0; i <= step && i < len(t.sc.Steps); i++ {
		if t.sc.Steps[i].Trainee != nil {
			n++
		}
	}
	return n
}

// Done reports whether the drill is over.
func (t *Trainer) Done() bool { return t.finished || (t.cur < 0 && t.next >= len(t.sc.Steps)) }

// advance plays steps until a trainee step or the end.
func (t *Trainer) advance(turn *Turn) {
	for t.next < len(t.sc.Steps) {
		i := t.next
		st := &t.sc.Steps[i]
		if st.Trainee != nil {
			t.run.advanceTo(st.At)
			t.cur, t.hints = i, 0
			t.curSR = StepReport{Index: i, Pos: st.Pos, At: Duration(st.At), Clock: Duration(t.run.eng.Now()), Trainee: true, Note: st.Note}
			t.next++
			turn.Prompt = t.Prompt()
			turn.NewStep = true
			return
		}
		sr := t.run.step(i, nil)
		turn.Events = append(turn.Events, *sr)
		t.next++
	}
	t.cur = -1
	turn.Finished = true
}

// Input takes one line from the trainee: a command, "hint", "skip" or "exit".
func (t *Trainer) Input(line string) Turn {
	var turn Turn
	line = strings.TrimSpace(line)
	if t.cur < 0 {
		turn.Finished = t.Done()
		if line != "" {
			turn.Feedback = append(turn.Feedback, "The drill is over.")
		}
		return turn
	}
	st := t.sc.Steps[t.cur].Trainee
	switch strings.ToLower(line) {
	case "":
		turn.Prompt = t.Prompt()
		return turn
	case InputHint:
		if t.hints >= len(st.Hints) {
			turn.Hint = "No more hints for this step. Type skip to see the model answer."
		} else {
			turn.Hint = st.Hints[t.hints]
			t.hints++
			t.deduct(Deduction{Rule: "hint", Points: 3, Reason: "asked for a hint"})
		}
		turn.Prompt = t.Prompt()
		return turn
	case InputExit:
		t.finished = true
		turn.Finished = true
		turn.Feedback = append(turn.Feedback, "Drill ended by the trainee.")
		return turn
	case InputSkip:
		t.deduct(Deduction{Rule: "skipped", Points: 25, Reason: fmt.Sprintf("gave up step %d; the model answer was played", t.number(t.cur))})
		for _, l := range st.Solution {
			cmds := t.run.bind(l)
			res := t.run.exec(&t.curSR, l)
			t.typed = append(t.typed, typedCommand{line: l, cmds: cmds, step: t.cur, failed: res.Failed, model: true,
				clock: t.curSR.Commands[len(t.curSR.Commands)-1].Clock, ordinal: len(t.typed)})
		}
		turn.Feedback = append(turn.Feedback, "Model answer: "+strings.Join(st.Solution, "; "))
		t.complete(&turn, false)
		return turn
	}
	if t.pending == "" {
		for _, name := range cmdletNames(line) {
			if trainerOnly(name) {
				turn.Feedback = append(turn.Feedback, name+" is a simulator verb for the trainer: trainees cannot break or repair the deployment. Wait-SimTime, Get-SimState, Move-SimFederationRoute, Set-SimDnsRecord and Set-SimPersistentChatNextHop are yours to use.")
				turn.Prompt = t.Prompt()
				return turn
			}
		}
	}
	answer, answerCmds := t.pending, t.pendingCmd // this line answers a -Confirm question asked by the previous command
	t.pending, t.pendingCmd = "", nil
	var cmds []shell.Command
	if answer == "" {
		cmds = t.run.bind(line)
		t.judge(line, cmds, &turn)
	}
	res := t.run.exec(&t.curSR, line)
	cr := t.curSR.Commands[len(t.curSR.Commands)-1]
	turn.Command = &cr
	switch {
	case res.Prompt:
		// Asked for confirmation: nothing has happened yet; the next line answers.
		t.pending, t.pendingCmd = line, cmds
	case answer != "":
		// The confirmed command counts as typed; a declined one (nothing changed) as not done.
		whatIf := switchOn(answerCmds, "WhatIf")
		t.typed = append(t.typed, typedCommand{line: answer, cmds: answerCmds, step: t.cur, failed: res.Failed || !res.Changed, whatIf: whatIf && !res.Changed, clock: cr.Clock, ordinal: len(t.typed)})
	default:
		whatIf := switchOn(cmds, "WhatIf") && !res.Changed // -WhatIf that changed something was not a dry run
		t.typed = append(t.typed, typedCommand{line: line, cmds: cmds, step: t.cur, failed: res.Failed, whatIf: whatIf, clock: cr.Clock, ordinal: len(t.typed)})
	}
	if res.Failed && !res.Prompt {
		pts := min(2, 10-t.errors)
		if pts > 0 {
			t.errors += pts
			t.deduct(Deduction{Rule: "error", Points: pts, Reason: "the command failed (" + result.OrNone(res.ErrorID) + ")", Line: line})
		}
	}
	if t.stepDone() {
		t.complete(&turn, true)
		return turn
	}
	turn.Prompt = t.Prompt()
	return turn
}

// trainerOnly reports whether a cmdlet is a simulator verb that injects or repairs faults,
// which only the trainer's steps may run.
func trainerOnly(cmdlet string) bool {
	i := strings.IndexByte(cmdlet, '-')
	if i < 0 || !strings.HasPrefix(strings.ToLower(cmdlet[i+1:]), "sim") {
		return false
	}
	switch strings.ToLower(cmdlet) {
	case "wait-simtime", "get-simstate", "move-simfederationroute", "set-simdnsrecord", "set-simpersistentchatnexthop":
		// Time, the state, and the verbs that stand in for what an administrator does outside
		// the Management Shell (Move-SimFederationRoute and Set-SimPersistentChatNextHop for a
		// Topology Builder change, Set-SimDnsRecord for a DNS record changed by hand) are the
		// trainee's too.
		return false
	}
	return true
}

// stepDone reports whether the current trainee step's goal is reached.
func (t *Trainer) stepDone() bool {
	st := t.sc.Steps[t.cur].Trainee
	if len(st.Accept) > 0 {
		ok := false
		for _, c := range t.typed {
			if c.step == t.cur && !c.failed && !c.whatIf && t.run.m.matchesAny(c.cmds, st.Accept...) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	ctx := evalCtx{snap: t.run.eng.Snapshot(), last: t.run.last, eng: t.run.eng}
	for i := range st.Expect {
		if _, ok := st.Expect[i].eval(ctx); !ok {
			return false
		}
	}
	return true
}

// complete closes the current trainee step and plays on.
func (t *Trainer) complete(turn *Turn, byTrainee bool) {
	st := t.sc.Steps[t.cur].Trainee
	t.run.check(&t.curSR, st.Expect)
	t.run.rep.Steps = append(t.run.rep.Steps, t.curSR)
	if byTrainee {
		turn.Feedback = append(turn.Feedback, "Step done.")
	}
	t.cur = -1
	t.advance(turn)
}

// judge looks at a line's commands, as the simulator understood them, before they run and
// takes points for a wrong or dangerous one.
func (t *Trainer) judge(line string, cmds []shell.Command, turn *Turn) {
	for _, c := range cmds {
		t.judgeCommand(line, c, turn)
	}
}

func (t *Trainer) judgeCommand(line string, c shell.Command, turn *Turn) {
	force := c.Switch("Force")
	if c.Switch("WhatIf") {
		if force && c.Cmdlet == "Invoke-CsComputerFailOver" {
			d := Deduction{Rule: "force", Points: 10, Line: line,
				Reason: "-Force makes Invoke-CsComputerFailOver ignore -WhatIf: this is not a dry run, the server really is drained"}
			t.deduct(d)
			turn.Feedback = append(turn.Feedback, fmt.Sprintf("-%d %s", d.Points, d.Reason))
		}
		return
	}
	snap := t.run.eng.Snapshot()
	disaster := c.Switch("DisasterMode")
	poolName := c.Str("PoolFqdn")
	ps := findPool(snap, poolName)
	var downPools []string
	for _, p := range snap.Pools {
		if p.Health == sim.HealthDown && len(p.Users) > 0 {
			downPools = append(downPools, p.FQDN)
		}
	}
	add := func(d Deduction) {
		d.Line = line
		t.deduct(d)
		turn.Feedback = append(turn.Feedback, fmt.Sprintf("-%d %s", d.Points, d.Reason))
	}
	switch c.Cmdlet {
	case "Invoke-CsPoolFailOver":
		if ps != nil && ps.Health != sim.HealthDown && len(downPools) > 0 {
			add(Deduction{Rule: "wrong-pool", Points: 20, Reason: fmt.Sprintf("failed over %s, which is running, while %s is down; -PoolFqdn names the pool that failed",
				ps.FQDN, strings.Join(downPools, ", "))})
			break
		} else if ps != nil && ps.Health == sim.HealthUp && disaster {
			add(Deduction{Rule: "disaster-on-healthy", Points: 10, Reason: "used -DisasterMode on a running pool: it skips the final sync and loses the changes not yet copied; a planned failover loses nothing"})
		}
		if !snap.CMS.Available && !t.cmsWarned {
			t.cmsWarned = true
			add(Deduction{Rule: "cms-first", Points: 15, Reason: fmt.Sprintf("ran the pool failover while the Central Management store on %s was unavailable; fail the CMS over first (Invoke-CsManagementServerFailover)", result.OrNone(snap.CMS.ActivePool))})
		}
		if force {
			add(Deduction{Rule: "force", Points: 5, Reason: "-Force hides errors you need to read; this failover did not need it"})
		}
	case "Invoke-CsPoolFailBack":
		if ps != nil && ps.Health == sim.HealthDown {
			add(Deduction{Rule: "failback-early", Points: 15, Reason: fmt.Sprintf("failed back to %s while it is still down; bring the home pool back first", ps.FQDN)})
		}
		if force {
			add(Deduction{Rule: "force", Points: 5, Reason: "-Force hides errors you need to read; this failback did not need it"})
		}
	case "Invoke-CsManagementServerFailover":
		if force && snap.CMS.Available {
			add(Deduction{Rule: "force", Points: 5, Reason: "-Force belongs to the disaster-recovery form for a CMS that is down; with the CMS running it skips the replication check"})
		}
	}
}

func (t *Trainer) deduct(d Deduction) {
	d.Clock = Duration(t.run.eng.Now())
	t.deductions = append(t.deductions, d)
}

// Finish ends the drill, even in the middle of a trainee step, and scores it. Calling it
// again returns the same score.
func (t *Trainer) Finish() *Score {
	if t.score != nil {
		return t.score
	}
	t.finished = true
	total := 0
	for _, s := range t.sc.Steps {
		if s.Trainee != nil {
			total++
		}
	}
	done := 0
	for _, s := range t.run.rep.Steps {
		if s.Trainee {
			done++
		}
	}
	if t.cur >= 0 {
		t.run.rep.Steps = append(t.run.rep.Steps, t.curSR)
	}
	for i := range t.sc.Steps {
		if t.sc.Steps[i].Trainee == nil || (i != t.cur && i < t.next) {
			continue
		}
		t.deduct(Deduction{Rule: "unfinished", Points: 30, Reason: fmt.Sprintf("step %d was not completed: %s", t.number(i), t.sc.Steps[i].Trainee.Goalish())})
	}
	rep := t.run.finish()
	if g := t.sc.Goals; g != nil {
		t.scoreGoals(g, rep)
	}
	points := 100
	for _, d := range t.deductions {
		points -= d.Points
	}
	hints := 0
	for _, d := range t.deductions {
		if d.Rule == "hint" {
			hints++
		}
	}
	typed := 0
	for _, c := range t.typed {
		if !c.model {
			typed++
		}
	}
	if t.pending != "" {
		typed++ // asked for confirmation and never answered
	}
	t.score = &Score{Name: t.sc.Name, File: t.sc.File, Points: max(points, 0), Max: 100, Deductions: t.deductions,
		Commands: typed, Hints: hints, StepsDone: done, Steps: total, Report: rep}
	t.score.Passed = t.score.Points >= PassMark && done == total
	return t.score
}

// Goalish is the step's goal, or its prompt when it has no goal.
func (s *TraineeStep) Goalish() string {
	if s.Goal != "" {
		return s.Goal
	}
	return s.Prompt
}

func (t *Trainer) scoreGoals(g *Goals, rep *Report) {
	now := Duration(t.run.eng.Now())
	add := func(d Deduction) {
		d.Clock = now
		t.deductions = append(t.deductions, d)
	}
	frontEnd := func(p string) bool {
		fe := t.sc.Topology.PoolByFQDN(p)
		return fe != nil && fe.Role.IsFrontEnd()
	}
	unrestored := map[string]bool{}
	for _, p := range rep.Unrestored {
		unrestored[p] = true
	}
	if g.MaxRTO > 0 {
		for _, p := range sortedKeys(rep.RTO) {
			if v := rep.RTO[p]; v > Duration(g.MaxRTO) && frontEnd(p) && !unrestored[p] {
				add(Deduction{Rule: "rto", Points: 15, Reason: fmt.Sprintf("%s's users got full service back after %s; the goal was %s", p, v.Clock(), Duration(g.MaxRTO).Clock())})
			}
		}
		for _, p := range rep.Unrestored {
			if !frontEnd(p) {
				continue // branch users get no pool failover; no trainee can restore them
			}
			add(Deduction{Rule: "rto", Points: 15, Reason: fmt.Sprintf("%s's users never got full service back; the goal was %s", p, Duration(g.MaxRTO).Clock())})
		}
	}
	if g.MaxDataLoss != nil {
		for _, p := range sortedKeys(rep.DataLoss) {
			if v := rep.DataLoss[p]; v > Duration(*g.MaxDataLoss) {
				add(Deduction{Rule: "data-loss", Points: 15, Reason: fmt.Sprintf("the last %s of %s's changes were lost; the goal was at most %s", v.Clock(), p, Duration(*g.MaxDataLoss).Clock())})
			}
		}
	}
	t.scoreFeatures(g, rep, add)
	last, lastRule := -1, ""
	for _, r := range g.Require {
		idx := -1
		for _, c := range t.typed {
			if !c.failed && !c.whatIf && t.run.m.matchesAny(c.cmds, r.Command) {
				idx = c.ordinal
				break
			}
		}
		switch {
		case idx < 0:
			add(Deduction{Rule: "required", Points: r.Points, Reason: withReason("never ran "+r.Command+" successfully", r.Reason)})
		case idx < last:
			add(Deduction{Rule: "order", Points: r.Points, Reason: withReason(r.Command+" ran before "+lastRule, r.Reason)})
		default:
			last, lastRule = idx, r.Command
		}
	}
	for _, r := range g.Forbid {
		for _, c := range t.typed {
			if !c.whatIf && !c.model && t.run.m.matchesAny(c.cmds, r.Command) {
				add(Deduction{Rule: "forbidden", Points: r.Points, Line: c.line, Reason: withReason("ran "+c.line, r.Reason)})
				break
			}
		}
	}
}

func withReason(what, why string) string {
	if why == "" {
		return what
	}
	return what + ": " + why
}

func sortedKeys(m map[string]Duration) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Replay starts a drill of sc and feeds it the inputs, in order, as a trainee typed them. A
// drill is deterministic, so a stateless server (the Worker) can keep a drill going by
// replaying everything typed so far with each request. It returns the trainer, ready for more
// input, and the turns: Start's first, then one per input.
func Replay(sc *Scenario, inputs []string, opts Options) (*Trainer, []Turn, error) {
	t, err := NewTrainer(sc, opts)
	if err != nil {
		return nil, nil, err
	}
	turns := []Turn{t.Start()}
	for _, in := range inputs {
		turns = append(turns, t.Input(in))
	}
	return t, turns, nil
}
