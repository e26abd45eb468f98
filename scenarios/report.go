package scenarios

// tally counts the report's checks and failures and sets Passed.
func tally(r *Report) {
	r.Checks, r.Failures = 0, 0
	count := func(cs []Check) {
		for _, c := range cs {
			r.Checks++
			if !c.Pass {
				r.Failures++
			}
		}
	}
	for _, s := range r.Steps {
		count(s.Checks)
	}
	count(r.End)
	r.Passed = r.Failures == 0
}
