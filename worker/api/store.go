package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/google/uuid"
)

// Share is one shared workspace. A share is immutable: once written it is never updated, and
// it is deleted only once it has expired.
type Share struct {
	// ID is a random version 4 UUID in canonical lower-case form.
	ID string
	// CreatedAt is when the Worker stored it, in UTC.
	CreatedAt time.Time
	// ExpiresAt is when it stops being served and may be deleted, in UTC.
	ExpiresAt time.Time
	// Client is the ClientID of the client that created it: a keyed hash, not an address.
	Client string
	// Body is the workspace JSON exactly as the client sent it.
	Body []byte
	// SHA256 is the lower-case hex SHA-256 of Body, checked again when the share is read.
	SHA256 string
}

// ErrShareNotFound is what Store.Get returns for an ID it does not hold.
var ErrShareNotFound = errors.New("share not found")

// ErrShareExpired is what Store.Get returns for a share that has expired; the store deletes it.
var ErrShareExpired = errors.New("share expired")

// ErrShareExists is what Store.Create returns when the ID is taken: shares are never replaced.
var ErrShareExists = errors.New("share already exists")

// Store keeps shares. It has no update: a share, once created, stays as it is until it expires.
type Store interface {
	// Create stores a new share, or returns ErrShareExists when its ID is taken, or a
	// *QuotaError when q refuses it. The check and the insert are one atomic step.
	Create(ctx context.Context, s Share, q Quota) error
	// Get returns the share with the given ID, or ErrShareNotFound, or ErrShareExpired (and
	// deletes the share) when it expired at or before now.
	Get(ctx context.Context, id string, now time.Time) (Share, error)
	// DeleteExpired deletes every share expired at or before now and returns how many.
	DeleteExpired(ctx context.Context, now time.Time) (int64, error)
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
