package api

import (
	"errors"
	"fmt"
	"net/http"

	"failwright/app"
)

// traineeView answers a trainee: the class's drills, state and events (the faults to play),
// and the trainee's own commands and progress as the Worker replays them.
func (s *server) traineeView(w http.ResponseWriter, r *http.Request, params map[string]string) {
	store, rec, t, ok := s.traineeClass(w, r, params)
	if !ok {
		return
	}
	log, err := store.Log(reqContext(r), rec.ID, t.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	c, err := appClass(rec, ClassLog{Trainees: []TraineeRecord{t}, Commands: log.Commands, Events: log.Events})
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := traineeViewBody{ClassID: rec.ID, Title: rec.Title, Name: t.Name, State: c.State(), Drills: rec.Drills,
		Events: nonNil(log.Events), Commands: nonNil(log.Commands), ExpiresAt: rec.ExpiresAt}
	if out.State.Drill >= 0 {
		b, err := s.boardOf(c)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		out.Progress = &b.Trainees[0]
	}
	writeJSON(w, http.StatusOK, out)
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// boardOf decodes the class's drills and replays its trainees.
func (s *server) boardOf(c *app.Class) (*app.Board, error) {
	drills, err := c.LoadDrills(libraryResolver)
	if err != nil {
		return nil, err
	}
	return c.Board(drills)
}

// classStateProblem answers a command or event the class does not take now.
func classStateProblem(w http.ResponseWriter, field string, err error) {
	detail := err.Error()
	switch {
	case errors.Is(err, app.ErrClassEnded):
		detail = "the class has ended: no more commands or events are taken; the trainer has the results"
	case errors.Is(err, app.ErrClassPaused):
		detail = "the trainer has paused the drill: wait until it resumes"
	case errors.Is(err, app.ErrClassNotStarted):
		detail = "the trainer has not started the drill yet: wait for the start"
	}
	writeProblem(w, newProblem(ProblemClassState, field, detail))
}

// postCommand stores a line a trainee typed, in the drill running. The Worker judges it only
// by replaying: nothing the browser says about its outcome is taken.
func (s *server) postCommand(w http.ResponseWriter, r *http.Request, params map[string]string) {
	store, rec, t, ok := s.traineeClass(w, r, params)
	if !ok {
		return
	}
	var in commandBody
	if p := readJSON(w, r, s.classes.BodyBytes, commandShape, &in); p != nil {
		writeProblem(w, p)
		return
	}
	line, p := checkLine(in.Line, "line", s.classes.LineBytes)
	if p != nil {
		writeProblem(w, p)
		return
	}
	ctx := reqContext(r)
	log, err := store.Log(ctx, rec.ID, "-")
	if err != nil {
		s.internal(w, r, err)
		return
	}
	st := (&app.Class{Events: log.Events}).State()
	if err := st.CheckCommand(); err != nil {
		classStateProblem(w, "line", err)
		return
	}
	at := s.cfg.Now().UTC().Sub(rec.CreatedAt).Milliseconds()
	seq, err := store.AddCommand(ctx, rec.ID, app.ClassCommand{Trainee: t.ID, Drill: st.Drill, At: at, Line: line}, s.classes.CommandsPerTrainee)
	if errors.Is(err, ErrTooMany) {
		p := newProblem(ProblemLimitExceeded, "line", fmt.Sprintf("you have typed the limit of %d commands in this class", s.classes.CommandsPerTrainee))
		p.Limit = int64(s.classes.CommandsPerTrainee)
		writeProblem(w, p)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	progress, err := s.replayOne(r, store, rec, t)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, accepted{Seq: seq, State: st, Progress: progress})
}

// postEvent stores a trainer's event: start a drill, inject a fault, pause, resume, end.
func (s *server) postEvent(w http.ResponseWriter, r *http.Request, params map[string]string) {
	store, rec, ok := s.trainerClass(w, r, params)
	if !ok {
		return
	}
	var in eventBody
	if p := readJSON(w, r, s.classes.BodyBytes, eventShape, &in); p != nil {
		writeProblem(w, p)
		return
	}
	e := app.ClassEvent{Kind: in.Kind, Drill: in.Drill}
	if in.Kind == app.EventInject {
		verb, p := checkLine(in.Verb, "verb", s.classes.LineBytes)
		if p != nil {
			writeProblem(w, p)
			return
		}
		e.Verb = verb
	} else if in.Verb != "" {
		writeProblem(w, newProblem(ProblemInvalidField, "verb", `only an "inject" event has a "verb"`))
		return
	}
	ctx := reqContext(r)
	log, err := store.Log(ctx, rec.ID, "-")
	if err != nil {
		s.internal(w, r, err)
		return
	}
	st := (&app.Class{Events: log.Events}).State()
	if err := st.CheckEvent(e, len(rec.Drills)); err != nil {
		field := "kind"
		switch {
		case errors.Is(err, app.ErrNotAFault):
			writeProblem(w, newProblem(ProblemInvalidField, "verb", err.Error()))
			return
		case errors.Is(err, app.ErrNoSuchDrill):
			writeProblem(w, newProblem(ProblemInvalidField, "drill", err.Error()))
			return
		case errors.Is(err, app.ErrEventKind):
			writeProblem(w, newProblem(ProblemInvalidField, "kind", err.Error()))
			return
		}
		classStateProblem(w, field, err)
		return
	}
	e.At = s.cfg.Now().UTC().Sub(rec.CreatedAt).Milliseconds()
	seq, err := store.AddEvent(ctx, rec.ID, e, s.classes.Events)
	if errors.Is(err, ErrTooMany) {
		p := newProblem(ProblemLimitExceeded, "kind", fmt.Sprintf("the class has the limit of %d events", s.classes.Events))
		p.Limit = int64(s.classes.Events)
		writeProblem(w, p)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if resetsProgress(e.Kind) {
		// Everyone's progress changes: replay the class now, so that boards stay cheap.
		if c, ok := s.loadClass(w, r, store, rec); !ok {
			return
		} else if _, err := s.refresh(r, store, rec, c, nil); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusCreated, accepted{Seq: seq, State: st.Apply(e)})
}

// loadClass reads the whole class for the trainer.
func (s *server) loadClass(w http.ResponseWriter, r *http.Request, store ClassStore, rec ClassRecord) (*app.Class, bool) {
	log, err := store.Log(reqContext(r), rec.ID, "")
	if err == nil {
		var c *app.Class
		if c, err = appClass(rec, log); err == nil {
			return c, true
		}
	}
	s.internal(w, r, err)
	return nil, false
}

// board answers the trainer's board: every trainee's progress in the drill running.
func (s *server) board(w http.ResponseWriter, r *http.Request, params map[string]string) {
	store, rec, ok := s.trainerClass(w, r, params)
	if !ok {
		return
	}
	b, err := s.cachedBoard(r, store, rec)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, boardBody{Board: b, Title: rec.Title, Code: rec.Code, ExpiresAt: rec.ExpiresAt})
}

// results replays the class for its results.
func (s *server) results(w http.ResponseWriter, r *http.Request, params map[string]string) (*app.ClassResults, bool) {
	store, rec, ok := s.trainerClass(w, r, params)
	if !ok {
		return nil, false
	}
	c, ok := s.loadClass(w, r, store, rec)
	if !ok {
		return nil, false
	}
	drills, err := c.LoadDrills(libraryResolver)
	var res *app.ClassResults
	if err == nil {
		res, err = c.Results(rec.Title, drills)
	}
	if err != nil {
		s.internal(w, r, err)
		return nil, false
	}
	return res, true
}

// ResultsContentSecurityPolicy is the Content-Security-Policy of a class's results page: the
// API's, with the page's inline style sheet allowed.
const ResultsContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// resultsHTML answers the class's results as a printable page.
func (s *server) resultsHTML(w http.ResponseWriter, r *http.Request, params map[string]string) {
	if res, ok := s.results(w, r, params); ok {
		// The page has no script; its one inline style sheet is all the policy lets in.
		w.Header().Set("Content-Security-Policy", ResultsContentSecurityPolicy)
		writeBytes(w, http.StatusOK, "text/html; charset=utf-8", res.HTML())
	}
}

// resultsCSV answers the class's results as CSV, for a spreadsheet.
func (s *server) resultsCSV(w http.ResponseWriter, r *http.Request, params map[string]string) {
	if res, ok := s.results(w, r, params); ok {
		w.Header().Set("Content-Disposition", `attachment; filename="class-results.csv"`)
		writeBytes(w, http.StatusOK, "text/csv; charset=utf-8; header=present", res.CSV())
	}
}
