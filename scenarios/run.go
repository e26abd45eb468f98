package scenarios

import (
	"fmt"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// Engine is what the runner drives: the simulator, or a stand-in in tests.
type Engine interface {
	Exec(line string) sim.Result
	Advance(d time.Duration)
	Now() time.Duration
	Snapshot() sim.Snapshot
	Report() sim.Report
}

// Options configure a run or a training session.
type Options struct {
	// NewEngine starts the engine a scenario runs on; nil means the simulator (sim.New).
	NewEngine func(t *topology.Topology, seed int64) (Engine, error)
}

func (o Options) engine(sc *Scenario) (Engine, error) {
	if sc == nil || sc.Topology == nil {
		return nil, fmt.Errorf("the scenario has no usable topology")
	}
	if o.NewEngine != nil {
		return o.NewEngine(sc.Topology, sc.Seed)
	}
	s, err := sim.New(sc.Topology, sim.Options{Seed: sc.Seed})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Run plays a scenario from start to end and checks every expectation. Trainee steps are
// played with their model answer (solution). The run is deterministic: the same scenario
// gives the same report. Run returns an error only when the simulation cannot start; failed
// expectations are in the report.
func Run(sc *Scenario, opts Options) (*Report, error) {
	eng, err := opts.engine(sc)
	if err != nil {
		return nil, err
	}
	r := newRunState(sc, eng)
	for i := range sc.Steps {
		r.step(i, nil)
	}
	return r.finish(), nil
}

// runState is a run in progress, shared by Run and the Trainer.
type runState struct {
	sc   *Scenario
	eng  Engine
	last *sim.Result
	rep  *Report
	end  []Expectation
	m    *matcher
	// kept is the console output the report holds so far (bytes), for keep's bound.
	kept int
}

func newRunState(sc *Scenario, eng Engine) *runState {
	return &runState{sc: sc, eng: eng, rep: &Report{File: sc.File, Name: sc.Name, Seed: sc.Seed, Topology: sc.TopologyFile,
		Fingerprint: topology.Fingerprint(sc.Topology)}, m: newMatcher(sc.Topology)}
}

// bind reads a line as the simulator is about to: its statements bound for the product
// version each names, or that of the pool hosting the CMS now.
func (r *runState) bind(line string) []shell.Command {
	return r.m.b.bind(line, r.eng.Snapshot().CMS.ActivePool)
}

// advanceTo moves the clock to at unless it is already past it.
func (r *runState) advanceTo(at time.Duration) {
	if now := r.eng.Now(); at > now {
		r.eng.Advance(at - now)
	}
}

// exec runs one line and records it.
func (r *runState) exec(sr *StepReport, line string) sim.Result {
	clock := r.eng.Now()
	res := r.eng.Exec(line)
	r.last = &res
	sr.Commands = append(sr.Commands, CommandReport{Line: line, Clock: Duration(clock), Lines: r.keep(res.Lines),
		Failed: res.Failed, ErrorID: res.ErrorID, Prompt: res.Prompt, Changed: res.Changed})
	return res
}

// check evaluates expectations now and appends the results; AtEnd ones are kept for the end.
func (r *runState) check(sr *StepReport, es []Expectation) bool {
	ok := true
	ctx := evalCtx{snap: r.eng.Snapshot(), last: r.last, eng: r.eng}
	for i := range es {
		if es[i].AtEnd {
			r.end = append(r.end, es[i])
			continue
		}
		c := newCheck(&es[i], ctx)
		ok = ok && c.Pass
		sr.Checks = append(sr.Checks, c)
	}
	return ok
}

// step plays step i. For a trainee step, typed holds what the trainee typed (nil: the model
// answer is played).
func (r *runState) step(i int, typed []string) *StepReport {
	st := &r.sc.Steps[i]
	r.advanceTo(st.At)
	sr := StepReport{Index: i, Pos: st.Pos, At: Duration(st.At), Clock: Duration(r.eng.Now()), Note: st.Note}
	if st.Run != "" {
		r.exec(&sr, st.Run)
	}
	if st.Trainee != nil {
		sr.Trainee = true
		lines := typed
		if lines == nil {
			lines = st.Trainee.Solution
		}
		accepted, pending := "", ""
		var pendingCmds []shell.Command
		for _, l := range lines {
			var cmds []shell.Command
			if pending == "" {
				cmds = r.bind(l)
			}
			res := r.exec(&sr, l)
			switch {
			case res.Prompt:
				pending, pendingCmds = l, cmds // the next line answers its -Confirm question
				continue
			case pending != "":
				if accepted == "" && !res.Failed && res.Changed && r.m.matchesAny(pendingCmds, st.Trainee.Accept...) {
					accepted = pending
				}
			case accepted == "" && !res.Failed && r.m.matchesAny(cmds, st.Trainee.Accept...):
				accepted = l
			}
			pending = ""
		}
		if len(st.Trainee.Accept) > 0 {
			c := Check{Kind: "accept", Path: fmt.Sprintf("steps[%d].trainee.accept", i),
				Want: strings.Join(st.Trainee.Accept, " | "), Pos: st.Pos}
			if accepted != "" {
				c.Found, c.Pass = accepted, true
			} else {
				c.Found = "no accepted command succeeded"
			}
			sr.Checks = append(sr.Checks, c)
		}
		r.check(&sr, st.Trainee.Expect)
	}
	r.check(&sr, st.Expect)
	r.rep.Steps = append(r.rep.Steps, sr)
	return &r.rep.Steps[len(r.rep.Steps)-1]
}

// finish checks the run-wide bounds and fills in the run's figures.
func (r *runState) finish() *Report {
	sr := r.eng.Report()
	ctx := evalCtx{snap: r.eng.Snapshot(), last: r.last, report: &sr}
	for i := range r.end {
		r.rep.End = append(r.rep.End, newCheck(&r.end[i], ctx))
	}
	r.rep.Clock = Duration(r.eng.Now())
	r.rep.RTO = durations(sr.RTO)
	r.rep.DataLoss = durations(sr.DataLoss)
	r.rep.Unrestored = append([]string(nil), sr.Unrestored...)
	r.rep.RTOFromDecision = durations(sr.RTOFromDecision)
	r.rep.Policy = sr.Policy
	for f, m := range sr.FeatureRTO {
		if r.rep.FeatureRTO == nil {
			r.rep.FeatureRTO = map[topology.Feature]map[string]Duration{}
		}
		r.rep.FeatureRTO[f] = durations(m)
	}
	for f, pools := range sr.UnrestoredFeatures {
		if r.rep.UnrestoredFeatures == nil {
			r.rep.UnrestoredFeatures = map[topology.Feature][]string{}
		}
		r.rep.UnrestoredFeatures[f] = append([]string(nil), pools...)
	}
	for _, s := range sr.Timeline {
		r.rep.Timeline = append(r.rep.Timeline, Sample{At: Duration(s.At), Users: s.Users})
	}
	tally(r.rep)
	return r.rep
}

func durations(m map[string]time.Duration) map[string]Duration {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]Duration, len(m))
	for k, v := range m {
		out[k] = Duration(v)
	}
	return out
}

func newCheck(e *Expectation, ctx evalCtx) Check {
	found, ok := e.eval(ctx)
	return Check{Kind: e.Kind, Path: e.Path, Want: e.Want, Found: found, Pass: ok, Pos: e.Pos, Span: e.span}
}
