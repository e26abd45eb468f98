package render

import (
	"strconv"

	"failwright/engine/plan"
)

// stagesSemantics checks a migration plan's stages: a plan in migrate mode has them and
// others do not, and the stages cover the steps in order, each step tagged with its stage.
func stagesSemantics(p *plan.Plan) error {
	mg := p.Migration
	switch {
	case p.Request.Mode == plan.Migrate && mg == nil:
		return fieldErrorf("migration", "a plan in migrate mode needs its stages")
	case p.Request.Mode != plan.Migrate && mg != nil:
		return fieldErrorf("migration", "only a plan in migrate mode has stages")
	case mg == nil:
		return nil
	}
	next := 1
	for i, sg := range mg.Stages {
		path := "migration.stages[" + strconv.Itoa(i) + "]"
		if sg.First != next || sg.Last < sg.First || sg.Last > len(p.Steps) {
			return fieldErrorf(path, "stage %q holds steps %d-%d; it should start at step %d and end by step %d", sg.ID, sg.First, sg.Last, next, len(p.Steps))
		}
		for n := sg.First; n <= sg.Last; n++ {
			if p.Steps[n-1].Stage != sg.ID {
				return fieldErrorf("steps["+strconv.Itoa(n-1)+"].stage", "%q is not its stage %q", p.Steps[n-1].Stage, sg.ID)
			}
		}
		if err := checkText(path+".title", sg.Title); err != nil {
			return err
		}
		next = sg.Last + 1
	}
	if next != len(p.Steps)+1 {
		return fieldErrorf("migration.stages", "the stages cover %d of %d steps", next-1, len(p.Steps))
	}
	return nil
}
