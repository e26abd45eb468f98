package plan

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

// Seed is the simulation seed Build validates plans with, so that the same topology and
// request always give the same prediction.
const Seed = 1

// Build builds and validates the plan that fails req.Pool over (and back, with
// req.Failback) on topology t. It checks the topology and every value that would end up in a
// command, runs req.Setup in a fresh simulation (for a disaster without Setup it stops the
// pool's whole site), lays out the steps from that failure state, and runs every check and
// change step (and every verification) through the simulator: each must succeed. The
// simulation's report gives the Prediction. A request in Migrate mode is BuildMigration's. A plan that cannot succeed is refused: Build
// returns nil and findings (codes PLxxx, docs/plans.md) that say why and what to change.
// Warnings and remarks come back with the plan, and in its Findings.
func Build(t *topology.Topology, req Request) (*Plan, topology.Findings) {
	if req.Mode == Migrate {
		return BuildMigration(t, req)
	}
	b := &builder{t: t, req: req}
	if !b.resolve() {
		return nil, b.done()
	}
	if !b.validTopology() {
		return nil, b.done()
	}
	s, err := sim.New(t, sim.Options{Seed: Seed})
	if err != nil {
		b.errorf("PL020", "topology", "Fix the topology (failwright validate).", "the simulator cannot run this topology: "+err.Error())
		return nil, b.done()
	}
	setup := EffectiveSetup(t, b.req)
	for i, line := range setup {
		path := "request.setup[" + strconv.Itoa(i) + "]"
		if len(req.Setup) == 0 {
			path = "request.setup"
		}
		if !validText(line, maxSetupLine) || !isSimVerb(line) {
			b.errorf("PL013", path, "Use simulator verbs (Stop-SimSite, Stop-SimPool, Stop-SimServer, Stop-SimBackEnd, Disconnect-SimSite, Wait-SimTime ...) to describe the failure.",
				"setup line "+strconv.Quote(line)+" is not one simulator verb on one line")
			continue
		}
		if r := s.ExecConfirmed(line); r.Failed {
			b.errorf("PL013", path, "Correct the setup line.", "setup line "+strconv.Quote(line)+" failed: "+firstError(r))
		}
	}
	if b.fs.HasErrors() {
		return nil, b.done()
	}
	snap := s.Snapshot()
	b.st = b.mirrorFailover(s, snapshotFailure(snap), snap)
	p, fs := b.compose()
	if p == nil {
		return nil, fs
	}
	if vfs := validate(p, t, s); len(vfs) > 0 {
		fs = append(p.Findings, vfs...)
		fs.Sort()
		if fs.HasErrors() {
			return nil, fs
		}
		p.Findings = fs
	}
	p.Fingerprint = topology.Fingerprint(t)
	p.ID = ComputeID(p)
	return p, slices.Clone(p.Findings)
}

// EffectiveSetup is the setup a plan for req starts from: req.Setup, or for a disaster
// without Setup the loss of the pool's whole site (Stop-SimSite) one second before the
// Backup Service's next sync, the worst case for data loss.
func EffectiveSetup(t *topology.Topology, req Request) []string {
	if len(req.Setup) > 0 || req.Mode != Disaster {
		return req.Setup
	}
	p := t.PoolByFQDN(req.Pool)
	if p == nil {
		return nil
	}
	wait := time.Duration(t.BackupService.EffectiveSyncIntervalSeconds()-1) * time.Second
	return []string{sim.Wait{Duration: wait}.Line(), sim.StopSite{Site: p.Site}.Line()}
}

// isSimVerb reports whether a line is one call of a simulator verb (its noun starts with
// "Sim"), so that nothing else, such as a real cmdlet after a ';', runs in the setup. A line
// that does not parse passes: running it reports the parser's error.
func isSimVerb(line string) bool {
	verb, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	_, noun, ok := strings.Cut(verb, "-")
	if !ok || len(noun) <= 3 || !strings.EqualFold(noun[:3], "sim") {
		return false
	}
	stmts, err := shell.Parse(line)
	return err != nil || len(stmts) == 1
}

// firstError is the message of r's first error, after its error ID: what the operator needs,
// without the record's position and caret lines.
func firstError(r sim.Result) string {
	msg := ""
	if r.Err != nil {
		msg = r.Err.Error()
	}
	switch {
	case msg == "" && r.ErrorID == "":
		return "the command failed"
	case msg == "":
		return r.ErrorID
	case r.ErrorID == "":
		return msg
	}
	return r.ErrorID + ": " + msg
}

// Outcome is what simulating a plan gave.
type Outcome struct {
	// OK is true when every step ran without error and the pool's users ended with full
	// service (at home or on the backup pool).
	OK bool
	// Step is the number of the first step that failed; zero when none did.
	Step int
	// ErrorID and Message describe the failure.
	ErrorID string
	Message string
	// RTO is the simulated time from the failure until the pool's users had full service
	// again; DataLoss the window of changes lost.
	RTO, DataLoss time.Duration
	// Restored is whether the pool's users have full service at the end.
	Restored bool
	// Elapsed is the simulated time the plan took.
	Elapsed time.Duration
}

// Simulate runs plan p on simulation s, which must already be in the failure state the plan
// starts from (analysis code clones a failed simulation for each plan): every change step
// (the first alternative that succeeds, for alternative steps) and every wait step's
// simulator lines are executed; check and manual steps only let their predicted duration
// pass. It changes s, and returns the figures. It is the fast path: Build, which also runs
// every check and verification, is what validates a plan.
func Simulate(p *Plan, s *sim.Sim) Outcome {
	return run(p, nil, s, false, nil)
}

// validate runs every step of p on s, checks and verifications included, records each
// step's simulated duration, and fills the plan's Prediction. It returns the findings of
// whatever failed.
func validate(p *Plan, t *topology.Topology, s *sim.Sim) topology.Findings {
	var fs topology.Findings
	start := s.Now() // the failure state is reached: the timeline counts from here
	o := run(p, t, s, true, &fs)
	rep := s.Report()
	p.Prediction = Prediction{Simulated: true, RTO: seconds(o.RTO), DataLoss: seconds(o.DataLoss),
		Total: seconds(o.Elapsed)}
	point := func(at time.Duration, smp sim.Sample) Point {
		return Point{At: seconds(at), Home: smp.Users[sim.ModeHome], Backup: smp.Users[sim.ModeBackup],
			Resiliency: smp.Users[sim.ModeResiliency], SignedOut: smp.Users[sim.ModeSignedOut]}
	}
	for i, smp := range rep.Timeline {
		switch {
		case smp.At > start:
			// A sample the simulator took for a change of features alone repeats the counts.
			pt, tl := point(smp.At-start, smp), p.Prediction.Timeline
			if n := len(tl); n > 0 && tl[n-1].Home == pt.Home && tl[n-1].Backup == pt.Backup &&
				tl[n-1].Resiliency == pt.Resiliency && tl[n-1].SignedOut == pt.SignedOut {
				continue
			}
			p.Prediction.Timeline = append(tl, pt)
		case i+1 == len(rep.Timeline) || rep.Timeline[i+1].At > start:
			p.Prediction.Timeline = append(p.Prediction.Timeline, point(0, smp)) // the state at the start
		}
	}
	p.Prediction.Features = featureRTOs(p, t, rep)
	if o.Step == 0 && !o.Restored {
		fs = append(fs, topology.Finding{Code: "PL015", Severity: topology.Error, Path: "prediction",
			Message: "after the last step the users of " + p.Request.Pool + " still lack full service in the simulation",
			Fix:     "Check the failure state: the backup pool must run and carry the users."})
	}
	return fs
}

// run executes p on s. With all, check steps and verifications run too, step durations are
// recorded in p, and failures are reported in fs, as are (with t) the features the failed
// pool's users still lack after each verification group (PL026).
func run(p *Plan, t *topology.Topology, s *sim.Sim, all bool, fs *topology.Findings) Outcome {
	var o Outcome
	start := s.Now()
	fail := func(st *Step, what string, r sim.Result) {
		if r.ErrorID == "FW-TEST-FAILED" && isVerify(st.Group) {
			return // a synthetic test shows a feature not back: PL026 names it after the run
		}
		if o.Step == 0 {
			o.Step, o.ErrorID, o.Message = st.Number, r.ErrorID, firstError(r)
		}
		if fs != nil {
			*fs = append(*fs, topology.Finding{Code: "PL014", Severity: topology.Error,
				Path:    "steps[" + strconv.Itoa(st.Number-1) + "]",
				Message: "step " + strconv.Itoa(st.Number) + " (" + st.ID + ") " + what + " failed in the simulation: " + firstError(r),
				Fix:     "Fix what the error names in the topology or the failure state, then plan again."})
		}
	}
	exec := func(line string) sim.Result {
		r := s.ExecConfirmed(line)
		if r.ErrorID != "" {
			r.Failed = true // a non-terminating error breaks a precondition too
		}
		return r
	}
	doneAlt := ""
	for i := range p.Steps {
		st := &p.Steps[i]
		before := s.Now()
		switch st.Kind {
		case KindCheck:
			if all {
				if r := exec(st.Command); r.Failed {
					fail(st, "check", r)
				} else if st.Shows != "" && !shows(r, st.Shows) {
					r.Failed, r.ErrorID = true, ""
					r.Err = &sim.Error{Message: "its output does not show " + strconv.Quote(st.Shows)}
					fail(st, "check", r)
				}
			}
		case KindChange:
			if st.Alternative != "" {
				if st.Alternative == doneAlt {
					continue // another alternative of the group already ran
				}
				r := exec(st.Command)
				last := i+1 >= len(p.Steps) || p.Steps[i+1].Alternative != st.Alternative
				if r.Failed && !r.Changed && !last {
					continue // the operator would pick the next alternative
				}
				doneAlt = st.Alternative
				if r.Failed {
					fail(st, "command", r)
				}
			} else if r := exec(st.Command); r.Failed {
				fail(st, "command", r)
			}
			if all {
				for _, v := range st.Verify {
					if r := exec(v.Line()); r.Failed {
						fail(st, "verification "+strconv.Quote(v.Line()), r)
					}
				}
			}
		case KindWait, KindManual:
			for _, line := range st.Simulate {
				if r := exec(line); r.Failed {
					fail(st, "simulation line "+strconv.Quote(line), r)
				}
			}
		}
		if s.Now() == before {
			s.Advance(st.Duration.Std())
		} else if all {
			st.Duration = seconds(s.Now() - before)
		}
		if fs != nil && t != nil && isVerify(st.Group) && (i+1 == len(p.Steps) || p.Steps[i+1].Group != st.Group) {
			*fs = append(*fs, missingFeatures(p, t, s, st.Group)...)
		}
	}
	o.Elapsed = s.Now() - start
	rep := s.Report()
	o.RTO = lookup(rep.RTO, p.Request.Pool)
	o.DataLoss = lookup(rep.DataLoss, p.Request.Pool)
	o.Restored = true
	for _, u := range rep.Unrestored {
		if strings.EqualFold(u, p.Request.Pool) {
			o.Restored = false
		}
	}
	o.OK = o.Step == 0 && o.Restored
	return o
}

// shows reports whether a command's output contains text, compared case-insensitively.
func shows(r sim.Result, text string) bool {
	text = strings.ToLower(text)
	for _, l := range r.Lines {
		if strings.Contains(strings.ToLower(l.Text), text) {
			return true
		}
	}
	return false
}

// seconds rounds a simulated duration to the second, the precision of the plan format.
func seconds(d time.Duration) Duration { return Duration(d.Round(time.Second)) }

// lookup finds a pool's figure in a report keyed by FQDN, comparing FQDNs case-insensitively.
func lookup(m map[string]time.Duration, fqdn string) time.Duration {
	if d, ok := m[fqdn]; ok {
		return d
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if strings.EqualFold(k, fqdn) {
			return m[k]
		}
	}
	return 0
}

// TimedLine is a shell line to run at a moment of the virtual clock, as a scenario's steps
// are.
type TimedLine struct {
	At   time.Duration
	Line string
}

// SetupFromSteps turns the leading simulator steps of a timeline (a scenario's failure
// injection) into setup lines: every simulator verb up to the first real cmdlet, with a
// Wait-SimTime line for the time that passes between them.
func SetupFromSteps(steps []TimedLine) []string {
	var out []string
	var now time.Duration
	for _, st := range steps {
		if !isSimVerb(st.Line) {
			break
		}
		if st.At > now {
			out = append(out, sim.Wait{Duration: st.At - now}.Line())
			now = st.At
		}
		out = append(out, strings.TrimSpace(st.Line))
	}
	return out
}

// ComposeSnapshot is ComposeFor with the failure state read from a simulation snapshot: the
// pools whose health is Down, and where the CMS's active master is and whether it answers.
// Analysis code holding a failed simulation calls it, then Simulate on a clone.
func ComposeSnapshot(t *topology.Topology, req Request, snap sim.Snapshot) (*Plan, topology.Findings) {
	f := snapshotFailure(snap)
	return ComposeFor(t, req, f.down, f.cmsPool, !f.cmsDown)
}

// snapshotFailure reads the failure state the plan starts from out of a simulation snapshot.
func snapshotFailure(snap sim.Snapshot) failure {
	var down []string
	for _, ps := range snap.Pools {
		if ps.Health == sim.HealthDown {
			down = append(down, ps.FQDN)
		}
	}
	return failure{down: down, cmsDown: !snap.CMS.Available, cmsPool: snap.CMS.ActivePool, backup: snap.Backup}
}

// validTopology reports whether the topology validates; when it does not, it adds PL020 and the
// validation errors, since a plan needs a valid topology.
func (b *builder) validTopology() bool {
	vfs := topology.Validate(b.t)
	if !vfs.HasErrors() {
		return true
	}
	b.errorf("PL020", "topology", "Fix the topology's errors first (failwright validate).",
		"the topology has "+strconv.Itoa(vfs.Count(topology.Error))+" validation errors; a plan needs a valid topology")
	for _, f := range vfs {
		if f.Severity == topology.Error {
			b.add(f)
		}
	}
	return false
}
