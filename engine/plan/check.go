package plan

import (
	"slices"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// The codes of Check's findings (docs/plans.md).
const (
	CodeFactChanged    = "PL101" // a fact the plan assumed has another value
	CodeFactGone       = "PL102" // a pool or branch the plan relied on is gone, or a new one depends on the pool
	CodeOtherTopology  = "PL103" // the fingerprint differs, but the plan rebuilds the same (a warning)
	CodeEdited         = "PL104" // the plan's content does not match its ID
	CodeFormatVersion  = "PL105" // the plan was made by another format version
	CodeInvalid        = "PL106" // the topology no longer validates
	CodeNotBuilt       = "PL107" // the plan can no longer be built for the topology
	CodeStepChanged    = "PL108" // a step of the rebuilt plan differs, is gone or is new
	CodePredictChanged = "PL109" // a prediction of the rebuilt plan differs
)

// Check tells whether saved plan p still fits topology t. It returns no errors when it does.
// It looks in layers and reports the first layer that differs, every difference of it:
//
//  1. the plan itself: its format version (PL105, alone), and whether it was edited since it
//     was made (PL104, its ID no longer matches its content);
//  2. the facts the plan assumed (PL101 "plan assumed X, topology now says Y", PL102);
//  3. the topology's validity: a topology with validation errors (a duplicate site, a removed
//     back end) fits no plan (PL106, followed by the validation errors);
//  4. the plan rebuilt from t with the plan's own request (pool, mode, failback, setup): a
//     request that can no longer be planned is PL107 with the reasons; every step that
//     differs, is gone or is new is PL108 naming the step and the field (a changed sample
//     user, a moved federation route); every prediction that differs is PL109 naming it (RTO,
//     data loss, total; a longer sync interval turns 2 minutes of data loss into 3 hours).
//
// The timeline's user counts are not compared: they follow user counts, which a plan does
// not rely on. New warnings and remarks of the rebuilt plan come back as they are. A changed
// fingerprint with nothing else changed is a warning (PL103). Check never changes p or t.
func Check(p *Plan, t *topology.Topology) topology.Findings {
	var fs topology.Findings
	errf := func(code, path, msg, fix string) {
		fs = append(fs, topology.Finding{Code: code, Severity: topology.Error, Path: path, Message: msg, Fix: fix})
	}
	done := func() topology.Findings { fs.Sort(); return fs }
	if p == nil || t == nil {
		errf(CodeNotBuilt, "", "no plan or no topology to check", "Give a plan and a topology.")
		return done()
	}
	if p.FormatVersion != FormatVersion {
		errf(CodeFormatVersion, "formatVersion", VersionMessage(p.FormatVersion), "Make the plan again with this failwright.")
		return done()
	}
	if id := ComputeID(p); id != p.ID {
		errf(CodeEdited, "id", "the plan's content does not match its ID "+p.ID+" (expected "+id+"): it was edited after it was made",
			"Make the plan again instead of editing it.")
	}
	fp := topology.Fingerprint(t)
	if ac := assumptionChanges(p, t); len(ac) > 0 {
		fs = append(fs, ac...)
		return done()
	}
	if vfs := topology.Validate(t); vfs.HasErrors() {
		errf(CodeInvalid, "topology", "the topology has "+units.Plural(vfs.Count(topology.Error), "validation error")+" (they follow): no plan fits it",
			"Fix the topology's errors (failwright validate), then check the plan again.")
		for _, f := range vfs {
			if f.Severity == topology.Error {
				fs = append(fs, f)
			}
		}
		return done()
	}
	q, bfs := Build(t, p.Request)
	if q == nil {
		errf(CodeNotBuilt, "request", "the plan can no longer be built for this topology (the reasons follow)",
			"Fix what the findings below name, or restore the topology the plan was made for.")
		for _, f := range bfs {
			if f.Severity == topology.Error {
				fs = append(fs, f)
			}
		}
		return done()
	}
	fix := "Make the plan again for this topology (failwright plan), or restore the topology the plan was made for."
	if p.EngineVersion != EngineVersion {
		fix = "The plan was made by failwright " + show(p.EngineVersion) + "; this is " + EngineVersion + ": make the plan again (failwright plan)."
	}
	fs = append(fs, stepChanges(p.Steps, q.Steps, fix)...)
	fs = append(fs, predictionChanges(p.Prediction, q.Prediction, fix)...)
	// New warnings and remarks: those the plan does not carry (by code and path; a count in
	// the message may have changed).
	for _, f := range q.Findings {
		if f.Severity != topology.Error && !slices.ContainsFunc(p.Findings, func(g topology.Finding) bool { return g.Code == f.Code && g.Path == f.Path }) {
			fs = append(fs, f)
		}
	}
	if !fs.HasErrors() && fp != p.Fingerprint {
		fs = append(fs, topology.Finding{Code: CodeOtherTopology, Severity: topology.Warning, Path: "fingerprint",
			Message: "the topology differs from the one the plan was made from (fingerprint " + short(p.Fingerprint) + ", now " + short(fp) + "), but the plan rebuilds the same",
			Fix:     "Nothing to do; make the plan again to record the new fingerprint."})
	}
	return done()
}

// assumptionChanges compares the facts p assumed with t: PL101 for a changed value, PL102 for
// a subject that is gone or a new Edge pool or branch that now depends on the plan's pool.
func assumptionChanges(p *Plan, t *topology.Topology) topology.Findings {
	var fs topology.Findings
	fix := "Make the plan again for this topology (failwright plan), or restore the topology the plan was made for."
	errf := func(code, path, msg string) {
		fs = append(fs, topology.Finding{Code: code, Severity: topology.Error, Path: path, Message: msg, Fix: fix})
	}
	had := make(map[string]bool, len(p.Assumptions))
	for _, a := range p.Assumptions {
		had[a.Path] = true
		v, ok := factValue(t, a)
		switch {
		case !ok:
			errf(CodeFactGone, a.Path, "plan assumed "+show(a.Value)+", topology no longer has "+a.Subject)
		case v != a.Value:
			errf(CodeFactChanged, a.Path, "plan assumed "+show(a.Value)+", topology now says "+show(v))
		}
	}
	for _, a := range Assumptions(t, p.Request) {
		if !had[a.Path] && (a.Fact == FactNextHop || a.Fact == FactBackupRegistrar) {
			errf(CodeFactGone, a.Path, "topology now says "+show(a.Value)+", which the plan did not assume")
		}
	}
	return fs
}
