package api

import (
	"encoding/json"
	"net/http"

	"failwright/app"
)

// The board reads each trainee's progress from the store, where the Worker keeps what it last
// replayed: a command replays its trainee, and an event that changes everyone's drill (start,
// inject, end) replays the class. A board request replays only trainees whose stored progress
// is older than the last such event, so that a refresh costs a read, not forty replays.

// resetsProgress reports whether an event of the kind changes every trainee's progress.
func resetsProgress(kind string) bool {
	return kind == app.EventStart || kind == app.EventInject || kind == app.EventEnd
}

// lastReset is the sequence number of the last event that changed everyone's progress.
func lastReset(events []app.ClassEvent) int64 {
	var n int64
	for _, e := range events {
		if resetsProgress(e.Kind) && e.Seq > n {
			n = e.Seq
		}
	}
	return n
}

// maxSeq is the last sequence number of what a class log holds.
func maxSeq(log ClassLog) int64 {
	var n int64
	for _, e := range log.Events {
		n = max(n, e.Seq)
	}
	for _, c := range log.Commands {
		n = max(n, c.Seq)
	}
	return n
}

// titles are the names of a class's drills as the board shows them.
func titles(ds []StoredDrill) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Title
		if out[i] == "" {
			out[i] = d.Name
		}
	}
	return out
}

// replayOne replays one trainee from the store and saves their progress.
func (s *server) replayOne(r *http.Request, store ClassStore, rec ClassRecord, t TraineeRecord) (*app.TraineeProgress, error) {
	log, err := store.Log(reqContext(r), rec.ID, t.ID)
	if err != nil {
		return nil, err
	}
	log.Trainees = []TraineeRecord{t}
	c, err := appClass(rec, log)
	if err != nil {
		return nil, err
	}
	b, err := s.refresh(r, store, rec, c, nil)
	if err != nil || len(b.Trainees) == 0 {
		return nil, err
	}
	return &b.Trainees[0], nil
}

// refresh replays the class's trainees (only those in only, when it is not nil) and saves
// their progress at the class log's last sequence number.
func (s *server) refresh(r *http.Request, store ClassStore, rec ClassRecord, c *app.Class, only map[string]bool) (*app.Board, error) {
	if only != nil {
		var ts []app.ClassTrainee
		for _, t := range c.Trainees {
			if only[t.ID] {
				ts = append(ts, t)
			}
		}
		c = &app.Class{Drills: c.Drills, Trainees: ts, Commands: c.Commands, Events: c.Events}
	}
	b, err := s.boardOf(c)
	if err != nil {
		return nil, err
	}
	seq := maxSeq(ClassLog{Commands: c.Commands, Events: c.Events})
	for _, p := range b.Trainees {
		if p.Drill < 0 {
			continue
		}
		raw, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		if err := store.SaveProgress(reqContext(r), rec.ID, p.ID, seq, raw); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// cachedBoard builds the board from the stored progress, replaying only the trainees whose
// progress is missing or older than the last event that changed everyone's.
func (s *server) cachedBoard(r *http.Request, store ClassStore, rec ClassRecord) (*app.Board, error) {
	ctx := reqContext(r)
	log, err := store.Log(ctx, rec.ID, "-") // trainees and events, no commands
	if err != nil {
		return nil, err
	}
	st := (&app.Class{Events: log.Events}).State()
	b := &app.Board{State: st, Drills: titles(rec.Drills), Trainees: make([]app.TraineeProgress, len(log.Trainees))}
	reset := lastReset(log.Events)
	stale := map[string]bool{}
	for i, t := range log.Trainees {
		p := app.TraineeProgress{ID: t.ID, Name: t.Name, Drill: -1, Last: []string{}}
		if st.Drill >= 0 {
			var cached app.TraineeProgress
			if t.ProgressSeq >= reset && len(t.Progress) > 0 && json.Unmarshal(t.Progress, &cached) == nil && cached.Drill == st.Drill {
				p = cached
				p.ID, p.Name = t.ID, t.Name
			} else {
				stale[t.ID] = true
			}
		}
		b.Trainees[i] = p
	}
	if len(stale) == 0 {
		return b, nil
	}
	full, err := store.Log(ctx, rec.ID, "")
	if err != nil {
		return nil, err
	}
	c, err := appClass(rec, full)
	if err != nil {
		return nil, err
	}
	fresh, err := s.refresh(r, store, rec, c, stale)
	if err != nil {
		return nil, err
	}
	byID := map[string]app.TraineeProgress{}
	for _, p := range fresh.Trainees {
		byID[p.ID] = p
	}
	for i, p := range b.Trainees {
		if q, ok := byID[p.ID]; ok {
			b.Trainees[i] = q
		}
	}
	return b, nil
}
