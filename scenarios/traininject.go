package scenarios

import "failwright/engine/sim"

// Inject plays a fault that the trainer of a class injects now, in the middle of the drill
// ("the Dallas WAN link drops now"): the simulator verb runs as one of the trainer's events,
// between the trainee's commands, and the turn shows it. A drill that is over ignores it.
func (t *Trainer) Inject(v sim.Verb) Turn {
	var turn Turn
	if t.Done() {
		turn.Finished = true
		return turn
	}
	sr := StepReport{Index: max(t.cur, t.next-1), Clock: Duration(t.run.eng.Now()), Note: "Injected by the trainer."}
	t.run.exec(&sr, v.Line())
	turn.Events = append(turn.Events, sr)
	turn.Prompt = t.Prompt()
	return turn
}
