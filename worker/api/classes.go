package api

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"failwright/app"
)

// classCreated is the answer to POST /api/classes. TrainerToken is shown once: the Worker
// keeps only its hash.
type classCreated struct {
	ID           string    `json:"id"`
	Code         string    `json:"code"`
	TrainerToken string    `json:"trainerToken"`
	TrainerURL   string    `json:"trainerUrl"`
	JoinURL      string    `json:"joinUrl"`
	ExpiresAt    time.Time `json:"expiresAt"`
	Drills       []string  `json:"drills"`
}

// joined is the answer to POST /api/classes/join. Token is the trainee's, shown once.
type joined struct {
	ClassID   string `json:"classId"`
	TraineeID string `json:"traineeId"`
	Token     string `json:"token"`
	Name      string `json:"name"`
	Title     string `json:"title"`
}

// traineeView is the answer to GET /api/classes/{id}/me: the class as a trainee sees it (its
// drills and the trainer's events) and the trainee's own work, never anyone else's.
type traineeViewBody struct {
	ClassID   string               `json:"classId"`
	Title     string               `json:"title"`
	Name      string               `json:"name"`
	State     app.ClassState       `json:"state"`
	Drills    []StoredDrill        `json:"drills"`
	Events    []app.ClassEvent     `json:"events"`
	Commands  []app.ClassCommand   `json:"commands"`
	Progress  *app.TraineeProgress `json:"progress,omitempty"`
	ExpiresAt time.Time            `json:"expiresAt"`
}

// accepted is the answer to a posted command or event.
type accepted struct {
	Seq   int64          `json:"seq"`
	State app.ClassState `json:"state"`
	// Progress is the trainee's progress after a command, as the Worker replays it.
	Progress *app.TraineeProgress `json:"progress,omitempty"`
}

// boardBody is the answer to GET /api/classes/{id}/board.
type boardBody struct {
	*app.Board
	Title     string    `json:"title"`
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// classStore returns the class store, or answers 503 when the deployment has none.
func (s *server) classStore(w http.ResponseWriter) ClassStore {
	if s.cfg.Classes == nil {
		writeProblem(w, newProblem(ProblemClassesUnavailable, "", "classes need the Worker's D1 database (run it locally with make worker-dev; docs/classroom.md)"))
	}
	return s.cfg.Classes
}

// readJSON reads a class request's JSON body of at most limit bytes and decodes it strictly:
// member names case-exact as shape has them, none twice, none unknown.
func readJSON(w http.ResponseWriter, r *http.Request, limit int64, shape *members, v any) *Problem {
	if p := requireJSON(r); p != nil {
		return p
	}
	body, p := readBody(w, r, limit)
	if p != nil {
		return p
	}
	if p := checkMembers(body, shape); p != nil {
		return p
	}
	return decodeStrict(body, v)
}

// The shapes of the class requests' bodies.
var (
	createClassShape = &members{"title": nil, "drills": nil}
	joinShape        = &members{"code": nil, "name": nil}
	commandShape     = &members{"line": nil}
	eventShape       = &members{"kind": nil, "drill": nil, "verb": nil}
)

// createClass opens a class: its drills checked, a join code and a trainer token drawn, the
// token's hash stored.
func (s *server) createClass(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	store := s.classStore(w)
	if store == nil {
		return
	}
	var in createClassBody
	if p := readJSON(w, r, s.limits.ShareBytes, createClassShape, &in); p != nil {
		writeProblem(w, p)
		return
	}
	if strings.TrimSpace(in.Title) == "" {
		in.Title = "Class"
	}
	title, p := cleanText(in.Title, "title", s.classes.TitleRunes)
	if p != nil {
		writeProblem(w, p)
		return
	}
	stored, srcs, p := s.drills(in.Drills)
	if p != nil {
		writeProblem(w, p)
		return
	}
	now := s.cfg.Now().UTC()
	token, err := newToken()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	rec := ClassRecord{Title: title, Drills: stored, TokenHash: tokenHash(token), CreatedAt: now,
		ExpiresAt: now.Add(s.classes.Retention), Client: ClientID(s.cfg.ClientKey, r)}
	q := ClassQuota{Now: now, PerClientPerHour: s.classes.PerClientPerHour, Total: s.classes.Total}
	for attempt := 0; ; attempt++ {
		if rec.ID, err = s.cfg.NewID(); err == nil {
			rec.Code, err = newJoinCode()
		}
		if err == nil {
			err = store.CreateClass(reqContext(r), rec, q)
		}
		var qe *QuotaError
		if errors.As(err, &qe) {
			tooManyOf(w, ProblemTooManyClasses, qe)
			return
		}
		if err == nil {
			break
		}
		if !errors.Is(err, ErrClassExists) || attempt == 4 {
			s.internal(w, r, err)
			return
		}
	}
	names := make([]string, len(srcs))
	for i, src := range srcs {
		names[i] = src.Name
	}
	w.Header().Set("Location", "/api/classes/"+rec.ID+"/board")
	writeJSON(w, http.StatusCreated, classCreated{ID: rec.ID, Code: rec.Code, TrainerToken: token,
		TrainerURL: "/#class=" + rec.ID + "&trainer=" + token, JoinURL: "/#join=" + rec.Code, ExpiresAt: rec.ExpiresAt, Drills: names})
}

// tooManyOf answers a refused quota with a problem of the given type and Retry-After.
func tooManyOf(w http.ResponseWriter, name string, e *QuotaError) {
	secs := int64((e.RetryAfter + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", fmt.Sprint(secs))
	p := newProblem(name, "", fmt.Sprintf("%s; try again in %d seconds", e.Error(), secs))
	p.Limit = e.Max
	writeProblem(w, p)
}

// classProblem answers a store error about a class.
func (s *server) classProblem(w http.ResponseWriter, r *http.Request, id string, err error) {
	switch {
	case errors.Is(err, ErrClassNotFound):
		writeProblem(w, newProblem(ProblemClassNotFound, "id", fmt.Sprintf("there is no class %s", id)))
	case errors.Is(err, ErrClassExpired):
		writeProblem(w, newProblem(ProblemClassExpired, "id", fmt.Sprintf("the class %s has expired and is deleted with its results", id)))
	default:
		s.internal(w, r, err)
	}
}

// joinClass adds a trainee to the class with the join code. Wrong codes count against the
// client (ClientID), so that codes cannot be guessed.
func (s *server) joinClass(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	store := s.classStore(w)
	if store == nil {
		return
	}
	var in joinBody
	if p := readJSON(w, r, s.classes.BodyBytes, joinShape, &in); p != nil {
		writeProblem(w, p)
		return
	}
	name, p := cleanText(in.Name, "name", s.classes.NameRunes)
	if p != nil {
		writeProblem(w, p)
		return
	}
	ctx, now, client := reqContext(r), s.cfg.Now().UTC(), ClientID(s.cfg.ClientKey, r)
	n, oldest, err := store.JoinFailures(ctx, client, now.Add(-window))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if limit := s.classes.WrongCodesPerClientPerHour; n >= limit {
		tooManyOf(w, ProblemTooManyJoinCodes, &QuotaError{"wrong join codes per client per hour", int64(limit), max(oldest.Add(window).Sub(now), time.Second)})
		return
	}
	code, ok := normalCode(in.Code)
	var rec ClassRecord
	if ok {
		rec, err = store.ClassByCode(ctx, code, now)
	}
	if !ok || errors.Is(err, ErrClassNotFound) || errors.Is(err, ErrClassExpired) {
		if err := store.AddJoinFailure(ctx, client, now); err != nil {
			s.internal(w, r, err)
			return
		}
		writeProblem(w, newProblem(ProblemWrongJoinCode, "code", fmt.Sprintf("no class has the join code %q: check it with your trainer (codes are %d letters and digits, and a class is kept %s)",
			truncate(in.Code, 20), JoinCodeLen, s.classes.Retention)))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	log, err := store.Log(ctx, rec.ID, "-")
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if st := (&app.Class{Events: log.Events}).State(); st.Status == app.ClassEnded {
		writeProblem(w, newProblem(ProblemClassState, "code", "the class has ended: ask your trainer for the code of a new one"))
		return
	}
	token, err := newToken()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	id, err := s.cfg.NewID()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	err = store.AddTrainee(ctx, rec.ID, TraineeRecord{ID: id, Name: name, TokenHash: tokenHash(token), JoinedAt: now}, s.classes.Trainees)
	switch {
	case errors.Is(err, ErrClassFull):
		p := newProblem(ProblemLimitExceeded, "code", fmt.Sprintf("the class is full: it has the limit of %d trainees", s.classes.Trainees))
		p.Limit = int64(s.classes.Trainees)
		writeProblem(w, p)
		return
	case errors.Is(err, ErrNameTaken):
		writeProblem(w, newProblem(ProblemInvalidField, "name", fmt.Sprintf("%q is taken in this class: choose another name", name)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, joined{ClassID: rec.ID, TraineeID: id, Token: token, Name: name, Title: rec.Title})
}

// trainerClass returns the class whose trainer token the request carries, or answers.
func (s *server) trainerClass(w http.ResponseWriter, r *http.Request, params map[string]string) (ClassStore, ClassRecord, bool) {
	store := s.classStore(w)
	if store == nil {
		return nil, ClassRecord{}, false
	}
	id := params["id"]
	if !ValidShareID(id) {
		writeProblem(w, newProblem(ProblemInvalidField, "id", fmt.Sprintf("%q is not a class ID", truncate(id, 80))))
		return nil, ClassRecord{}, false
	}
	tok, p := bearer(r, "trainer")
	if p != nil {
		writeProblem(w, p)
		return nil, ClassRecord{}, false
	}
	rec, err := store.Class(reqContext(r), id, s.cfg.Now().UTC())
	if err != nil {
		s.classProblem(w, r, id, err)
		return nil, ClassRecord{}, false
	}
	if subtle.ConstantTimeCompare([]byte(tokenHash(tok)), []byte(rec.TokenHash)) != 1 {
		writeProblem(w, newProblem(ProblemUnauthorized, "", "this is not the class's trainer token: open the class with its trainer link"))
		return nil, ClassRecord{}, false
	}
	return store, rec, true
}

// traineeClass returns the class and the trainee whose token the request carries, or answers.
func (s *server) traineeClass(w http.ResponseWriter, r *http.Request, params map[string]string) (ClassStore, ClassRecord, TraineeRecord, bool) {
	store := s.classStore(w)
	if store == nil {
		return nil, ClassRecord{}, TraineeRecord{}, false
	}
	id := params["id"]
	if !ValidShareID(id) {
		writeProblem(w, newProblem(ProblemInvalidField, "id", fmt.Sprintf("%q is not a class ID", truncate(id, 80))))
		return nil, ClassRecord{}, TraineeRecord{}, false
	}
	tok, p := bearer(r, "trainee")
	if p != nil {
		writeProblem(w, p)
		return nil, ClassRecord{}, TraineeRecord{}, false
	}
	rec, err := store.Class(reqContext(r), id, s.cfg.Now().UTC())
	if err != nil {
		s.classProblem(w, r, id, err)
		return nil, ClassRecord{}, TraineeRecord{}, false
	}
	t, err := store.Trainee(reqContext(r), id, tokenHash(tok))
	if errors.Is(err, ErrTraineeNotFound) {
		writeProblem(w, newProblem(ProblemUnauthorized, "", "this is not the token of a trainee of this class: join it again with its code"))
		return nil, ClassRecord{}, TraineeRecord{}, false
	}
	if err != nil {
		s.internal(w, r, err)
		return nil, ClassRecord{}, TraineeRecord{}, false
	}
	return store, rec, t, true
}

// appClass builds the use case's class from what the store holds.
func appClass(rec ClassRecord, log ClassLog) (*app.Class, error) {
	srcs, err := sources(rec.Drills)
	if err != nil {
		return nil, err
	}
	c := &app.Class{Drills: srcs, Commands: log.Commands, Events: log.Events}
	for _, t := range log.Trainees {
		c.Trainees = append(c.Trainees, app.ClassTrainee{ID: t.ID, Name: t.Name})
	}
	return c, nil
}
