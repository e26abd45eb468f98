package api

import (
	"fmt"
	"net/http"
)

// run runs a scenario and answers its report. A scenario whose expectations do not hold is
// still a 200 answer: the report says what failed. A scenario that cannot run is a 422 problem
// with its findings.
func (s *server) run(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	src, name, topo, p := s.modelSource(w, r, "scenario", "scenario.yaml")
	if p != nil {
		writeProblem(w, p)
		return
	}
	report, _, fs, err := s.cfg.Engine.Run(name, src, topo)
	switch {
	case err != nil:
		s.internal(w, r, err)
		return
	case fs.HasErrors():
		p := newProblem(ProblemInvalidScenario, fieldOf("scenario", fs), fmt.Sprintf("the scenario cannot run: %s", fs.Error()))
		p.Findings = fs
		writeProblem(w, p)
		return
	}
	writeBytes(w, http.StatusOK, "application/json", report)
}
