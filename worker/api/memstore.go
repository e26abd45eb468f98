package api

import (
	"context"
	"sync"
	"time"
)

// MemStore is a Store in memory, for tests and for running the API natively.
type MemStore struct {
	mu     sync.Mutex
	shares map[string]Share
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{shares: map[string]Share{}} }

// Create implements Store.
func (m *MemStore) Create(_ context.Context, s Share, q Quota) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.shares[s.ID]; ok {
		return ErrShareExists
	}
	if e := q.check(m.usage(s.Client, q.Now), int64(len(s.Body))); e != nil {
		return e
	}
	s.Body = append([]byte(nil), s.Body...)
	m.shares[s.ID] = s
	return nil
}

// usage counts what client and all clients hold at now.
func (m *MemStore) usage(client string, now time.Time) Usage {
	var u Usage
	earliest := func(t *time.Time, v time.Time) {
		if t.IsZero() || v.Before(*t) {
			*t = v
		}
	}
	for _, s := range m.shares {
		if !s.ExpiresAt.After(now) {
			continue
		}
		u.Total++
		u.TotalBytes += int64(len(s.Body))
		earliest(&u.FirstExpiry, s.ExpiresAt)
		if s.Client != client {
			continue
		}
		u.ClientLive++
		earliest(&u.ClientFirstExpiry, s.ExpiresAt)
		if s.CreatedAt.After(now.Add(-window)) {
			u.ClientHour++
			earliest(&u.ClientHourOldest, s.CreatedAt)
		}
	}
	return u
}

// Get implements Store.
func (m *MemStore) Get(_ context.Context, id string, now time.Time) (Share, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.shares[id]
	if !ok {
		return Share{}, ErrShareNotFound
	}
	if !s.ExpiresAt.After(now) {
		delete(m.shares, id)
		return Share{}, ErrShareExpired
	}
	s.Body = append([]byte(nil), s.Body...)
	return s, nil
}

// DeleteExpired implements Store.
func (m *MemStore) DeleteExpired(_ context.Context, now time.Time) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for id, s := range m.shares {
		if !s.ExpiresAt.After(now) {
			delete(m.shares, id)
			n++
		}
	}
	return n, nil
}

// Len returns how many shares m holds, expired or not.
func (m *MemStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.shares)
}
