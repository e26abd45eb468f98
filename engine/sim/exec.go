package sim

// pending is a -Confirm question waiting for the next input line.
type pending struct {
	line string
}

// Exec runs one shell line: a cmdlet, a simulator verb, or the answer to a pending prompt.
func (s *Sim) Exec(line string) Result { return Result{} }
