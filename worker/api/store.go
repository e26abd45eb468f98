package api

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Share is one shared workspace. A share is immutable: once written it is never updated.
type Share struct {
	// ID is a random version 4 UUID in canonical lower-case form.
	ID string
	// CreatedAt is when the Worker stored it, in UTC.
	CreatedAt time.Time
	// Body is the workspace JSON exactly as the client sent it.
	Body []byte
	// SHA256 is the lower-case hex SHA-256 of Body, checked again when the share is read.
	SHA256 string
}

// ErrShareNotFound is what Store.Get returns for an ID it does not hold.
var ErrShareNotFound = errors.New("share not found")

// ErrShareExists is what Store.Create returns when the ID is taken: shares are never replaced.
var ErrShareExists = errors.New("share already exists")

// Store keeps shares. It has no update or delete: a share, once created, stays as it is.
type Store interface {
	// Create stores a new share, or returns ErrShareExists when its ID is taken.
	Create(ctx context.Context, s Share) error
	// Get returns the share with the given ID, or ErrShareNotFound.
	Get(ctx context.Context, id string) (Share, error)
}

// digest returns the lower-case hex SHA-256 of body.
func digest(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// newUUID returns a random version 4 UUID from the platform's cryptographic source.
func newUUID() (string, error) {
	u, err := uuid.NewRandom()
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// ValidShareID reports whether id is a version 4 UUID in canonical form (lower-case hex,
// 8-4-4-4-12). Anything else is refused before storage is touched.
func ValidShareID(id string) bool {
	if len(id) != 36 {
		return false
	}
	u, err := uuid.Parse(id)
	return err == nil && u.String() == id && u.Version() == 4 && u.Variant() == uuid.RFC4122
}

// MemStore is a Store in memory, for tests and for running the API natively.
type MemStore struct {
	mu     sync.Mutex
	shares map[string]Share
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{shares: map[string]Share{}} }

// Create implements Store.
func (m *MemStore) Create(_ context.Context, s Share) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.shares[s.ID]; ok {
		return ErrShareExists
	}
	s.Body = append([]byte(nil), s.Body...)
	m.shares[s.ID] = s
	return nil
}

// Get implements Store.
func (m *MemStore) Get(_ context.Context, id string) (Share, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.shares[id]
	if !ok {
		return Share{}, ErrShareNotFound
	}
	s.Body = append([]byte(nil), s.Body...)
	return s, nil
}

// Len returns how many shares m holds.
func (m *MemStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.shares)
}

// SQLStore is a Store in the SQL table that migrations/0001_shares.sql creates. The Worker
// opens it on D1; any database/sql driver for SQLite works the same way.
type SQLStore struct {
	DB *sql.DB
}

// createdAtLayout is how created_at is written: RFC 3339 in UTC with milliseconds, so that
// the text sorts as time does.
const createdAtLayout = "2006-01-02T15:04:05.000Z07:00"

// Create implements Store with a plain INSERT: the table has no update path, and a trigger
// refuses updates as well.
func (s SQLStore) Create(ctx context.Context, sh Share) error {
	_, err := s.DB.ExecContext(ctx, "INSERT INTO shares (id, created_at, body, sha256) VALUES (?, ?, ?, ?)",
		sh.ID, sh.CreatedAt.UTC().Format(createdAtLayout), string(sh.Body), sh.SHA256)
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return ErrShareExists
	}
	if err != nil {
		return fmt.Errorf("storing share %s: %w", sh.ID, err)
	}
	return nil
}

// Get implements Store.
func (s SQLStore) Get(ctx context.Context, id string) (Share, error) {
	var sh Share
	var created, body string
	err := s.DB.QueryRowContext(ctx, "SELECT id, created_at, body, sha256 FROM shares WHERE id = ?", id).
		Scan(&sh.ID, &created, &body, &sh.SHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return Share{}, ErrShareNotFound
	}
	if err != nil {
		return Share{}, fmt.Errorf("reading share %s: %w", id, err)
	}
	sh.Body = []byte(body)
	if sh.CreatedAt, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return Share{}, fmt.Errorf("share %s: created_at %q: %w", id, created, err)
	}
	return sh, nil
}
