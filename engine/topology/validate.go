package topology

// Options tune Check.
type Options struct {
	// Strict reports the documented-but-unenforced rules (unsupported pairings, sizing) as
	// errors instead of warnings.
	Strict bool
	// Source, when set, gives each finding the position of its path in the file.
	Source Source
}

// Validate checks t against every rule failwright knows and returns all findings at once,
// sorted. Documented-but-unenforced rules are warnings, as Topology Builder would not stop
// them either.
func Validate(t *Topology) Findings { return Check(t, Options{}) }

// ValidateStrict is Validate with the warnings of documented-but-unenforced rules reported as
// errors.
func ValidateStrict(t *Topology) Findings { return Check(t, Options{Strict: true}) }

// Check validates t with the given options.
func Check(t *Topology, opt Options) Findings {
	v := &validator{t: t, opt: opt}
	v.run()
	opt.Source.Anchor(v.fs)
	v.fs.Sort()
	return v.fs
}

type validator struct {
	t   *Topology
	opt Options
	fs  Findings
}

func (v *validator) run() {}
