package api

import (
	"context"
	"strings"
	"sync"
	"time"

	"failwright/app"
)

// MemClasses is a ClassStore in memory, for tests and for running the API natively.
type MemClasses struct {
	mu       sync.Mutex
	classes  map[string]*memClass
	failures map[string][]time.Time
}

type memClass struct {
	rec ClassRecord
	log ClassLog
	seq int64
}

// NewMemClasses returns an empty MemClasses.
func NewMemClasses() *MemClasses {
	return &MemClasses{classes: map[string]*memClass{}, failures: map[string][]time.Time{}}
}

// CreateClass implements ClassStore.
func (m *MemClasses) CreateClass(_ context.Context, c ClassRecord, q ClassQuota) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	hour, live := 0, 0
	for _, x := range m.classes {
		if x.rec.ID == c.ID || x.rec.Code == c.Code {
			return ErrClassExists
		}
		if x.rec.ExpiresAt.After(q.Now) {
			live++
		}
		if x.rec.Client == c.Client && x.rec.CreatedAt.After(q.Now.Add(-window)) {
			hour++
		}
	}
	switch {
	case hour >= q.PerClientPerHour:
		return &QuotaError{"classes per client per hour", int64(q.PerClientPerHour), window}
	case live >= q.Total:
		return &QuotaError{"classes alive in total", int64(q.Total), time.Hour}
	}
	m.classes[c.ID] = &memClass{rec: c}
	return nil
}

// live returns the class with the ID, deleting it when it has expired.
func (m *MemClasses) live(id string, now time.Time) (*memClass, error) {
	c, ok := m.classes[id]
	if !ok {
		return nil, ErrClassNotFound
	}
	if !c.rec.ExpiresAt.After(now) {
		delete(m.classes, id)
		return nil, ErrClassExpired
	}
	return c, nil
}

// Class implements ClassStore.
func (m *MemClasses) Class(_ context.Context, id string, now time.Time) (ClassRecord, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, err := m.live(id, now)
	if err != nil {
		return ClassRecord{}, err
	}
	return c.rec, nil
}

// ClassByCode implements ClassStore.
func (m *MemClasses) ClassByCode(_ context.Context, code string, now time.Time) (ClassRecord, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, c := range m.classes {
		if c.rec.Code == code {
			c, err := m.live(id, now)
			if err != nil {
				return ClassRecord{}, err
			}
			return c.rec, nil
		}
	}
	return ClassRecord{}, ErrClassNotFound
}

// AddTrainee implements ClassStore.
func (m *MemClasses) AddTrainee(_ context.Context, class string, t TraineeRecord, max int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.classes[class]
	if !ok {
		return ErrClassNotFound
	}
	if len(c.log.Trainees) >= max {
		return ErrClassFull
	}
	for _, x := range c.log.Trainees {
		if strings.EqualFold(x.Name, t.Name) {
			return ErrNameTaken
		}
	}
	c.log.Trainees = append(c.log.Trainees, t)
	return nil
}

// Trainee implements ClassStore.
func (m *MemClasses) Trainee(_ context.Context, class, tokenHash string) (TraineeRecord, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c, ok := m.classes[class]; ok {
		for _, t := range c.log.Trainees {
			if t.TokenHash == tokenHash {
				return t, nil
			}
		}
	}
	return TraineeRecord{}, ErrTraineeNotFound
}

// AddCommand implements ClassStore.
func (m *MemClasses) AddCommand(_ context.Context, class string, cmd app.ClassCommand, max int) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.classes[class]
	if !ok {
		return 0, ErrClassNotFound
	}
	n := 0
	for _, x := range c.log.Commands {
		if x.Trainee == cmd.Trainee {
			n++
		}
	}
	if n >= max {
		return 0, ErrTooMany
	}
	c.seq++
	cmd.Seq = c.seq
	c.log.Commands = append(c.log.Commands, cmd)
	return cmd.Seq, nil
}

// AddEvent implements ClassStore.
func (m *MemClasses) AddEvent(_ context.Context, class string, e app.ClassEvent, max int) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.classes[class]
	if !ok {
		return 0, ErrClassNotFound
	}
	if len(c.log.Events) >= max {
		return 0, ErrTooMany
	}
	c.seq++
	e.Seq = c.seq
	c.log.Events = append(c.log.Events, e)
	return e.Seq, nil
}

// Log implements ClassStore.
func (m *MemClasses) Log(_ context.Context, class, trainee string) (ClassLog, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.classes[class]
	if !ok {
		return ClassLog{}, ErrClassNotFound
	}
	out := ClassLog{Trainees: append([]TraineeRecord{}, c.log.Trainees...), Events: append([]app.ClassEvent{}, c.log.Events...)}
	for _, x := range c.log.Commands {
		if trainee == "" || x.Trainee == trainee {
			out.Commands = append(out.Commands, x)
		}
	}
	return out, nil
}

// SaveProgress implements ClassStore.
func (m *MemClasses) SaveProgress(_ context.Context, class, trainee string, seq int64, progress []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.classes[class]
	if !ok {
		return ErrClassNotFound
	}
	for i, t := range c.log.Trainees {
		if t.ID == trainee && t.ProgressSeq <= seq {
			c.log.Trainees[i].Progress, c.log.Trainees[i].ProgressSeq = append([]byte(nil), progress...), seq
		}
	}
	return nil
}

// JoinFailures implements ClassStore.
func (m *MemClasses) JoinFailures(_ context.Context, client string, since time.Time) (int, time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n, oldest := 0, time.Time{}
	for _, at := range m.failures[client] {
		if at.After(since) {
			if n == 0 || at.Before(oldest) {
				oldest = at
			}
			n++
		}
	}
	return n, oldest, nil
}

// AddJoinFailure implements ClassStore.
func (m *MemClasses) AddJoinFailure(_ context.Context, client string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failures[client] = append(m.failures[client], at)
	return nil
}

// DeleteExpiredClasses implements ClassStore.
func (m *MemClasses) DeleteExpiredClasses(_ context.Context, now time.Time) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for id, c := range m.classes {
		if !c.rec.ExpiresAt.After(now) {
			delete(m.classes, id)
			n++
		}
	}
	for client, ts := range m.failures {
		kept := ts[:0]
		for _, at := range ts {
			if at.After(now.Add(-window)) {
				kept = append(kept, at)
			}
		}
		m.failures[client] = kept
	}
	return n, nil
}
