package api

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// SQLStore is a Store in the SQL table that worker/migrations create. The Worker opens it on
// D1; any database/sql driver for SQLite works the same way.
type SQLStore struct {
	DB *sql.DB
}

// createdAtLayout is how created_at and expires_at are written: RFC 3339 in UTC with
// milliseconds, so that the text sorts as time does, and matches SQLite's
// strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), which the expiry trigger compares with.
const createdAtLayout = "2006-01-02T15:04:05.000Z07:00"

// sqlNow is the database's clock in createdAtLayout. Deletes take the earlier of it and the
// Worker's clock, so that a skew between the two never trips the expiry trigger.
const sqlNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

func stamp(t time.Time) string { return t.UTC().Format(createdAtLayout) }

// insertShare inserts a share only when the quota allows it, in one statement, so that
// concurrent requests cannot all pass a check made before their inserts.
const insertShare = `INSERT INTO shares (id, created_at, expires_at, client, size, body, sha256)
SELECT ?, ?, ?, ?, ?, ?, ?
WHERE (SELECT COUNT(*) FROM shares WHERE client = ? AND created_at > ?) < ?
  AND (SELECT COUNT(*) FROM shares WHERE client = ? AND expires_at > ?) < ?
  AND (SELECT COUNT(*) FROM shares WHERE expires_at > ?) < ?
  AND (SELECT COALESCE(SUM(size), 0) FROM shares WHERE expires_at > ?) + ? <= ?`

// usageQuery reads a Usage: its arguments are client, hour ago, client, hour ago, client,
// now, client, now, now, now, now.
const usageQuery = `SELECT
 (SELECT COUNT(*) FROM shares WHERE client = ? AND created_at > ?),
 (SELECT COALESCE(MIN(created_at), '') FROM shares WHERE client = ? AND created_at > ?),
 (SELECT COUNT(*) FROM shares WHERE client = ? AND expires_at > ?),
 (SELECT COALESCE(MIN(expires_at), '') FROM shares WHERE client = ? AND expires_at > ?),
 (SELECT COUNT(*) FROM shares WHERE expires_at > ?),
 (SELECT COALESCE(SUM(size), 0) FROM shares WHERE expires_at > ?),
 (SELECT COALESCE(MIN(expires_at), '') FROM shares WHERE expires_at > ?)`

// Create implements Store with one conditional INSERT: the table has no update path, and
// triggers refuse updates, replacing inserts and deletes of shares that have not expired.
func (s SQLStore) Create(ctx context.Context, sh Share, q Quota) error {
	now, hourAgo := stamp(q.Now), stamp(q.Now.Add(-window))
	size := int64(len(sh.Body))
	res, err := s.DB.ExecContext(ctx, insertShare,
		sh.ID, stamp(sh.CreatedAt), stamp(sh.ExpiresAt), sh.Client, size, string(sh.Body), sh.SHA256,
		sh.Client, hourAgo, q.PerClientPerHour,
		sh.Client, now, q.PerClient,
		now, q.Total,
		now, size, q.TotalBytes)
	if err != nil && (strings.Contains(err.Error(), "UNIQUE constraint failed") || strings.Contains(err.Error(), "shares are immutable")) {
		return ErrShareExists
	}
	if err != nil {
		return fmt.Errorf("storing share %s: %w", sh.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("storing share %s: %w", sh.ID, err)
	}
	if n == 1 {
		return nil
	}
	u, err := s.usage(ctx, sh.Client, q.Now)
	if err != nil {
		return err
	}
	if e := q.check(u, size); e != nil {
		return e
	}
	// The quota refused the share a moment ago but admits it now: shares expired in between.
	return &QuotaError{Limit: "shares", Max: int64(q.Total), RetryAfter: time.Second}
}

// usage reads what client and all clients hold at now.
func (s SQLStore) usage(ctx context.Context, client string, now time.Time) (Usage, error) {
	n, hourAgo := stamp(now), stamp(now.Add(-window))
	var u Usage
	var oldest, clientFirst, first string
	err := s.DB.QueryRowContext(ctx, usageQuery, client, hourAgo, client, hourAgo, client, n, client, n, n, n, n).
		Scan(&u.ClientHour, &oldest, &u.ClientLive, &clientFirst, &u.Total, &u.TotalBytes, &first)
	if err != nil {
		return Usage{}, fmt.Errorf("reading share usage: %w", err)
	}
	for _, f := range []struct {
		text string
		t    *time.Time
	}{{oldest, &u.ClientHourOldest}, {clientFirst, &u.ClientFirstExpiry}, {first, &u.FirstExpiry}} {
		if f.text == "" {
			continue
		}
		if *f.t, err = time.Parse(time.RFC3339Nano, f.text); err != nil {
			return Usage{}, fmt.Errorf("reading share usage: %q: %w", f.text, err)
		}
	}
	return u, nil
}

// Get implements Store.
func (s SQLStore) Get(ctx context.Context, id string, now time.Time) (Share, error) {
	var sh Share
	var created, expires, body string
	err := s.DB.QueryRowContext(ctx, "SELECT id, created_at, expires_at, client, body, sha256 FROM shares WHERE id = ?", id).
		Scan(&sh.ID, &created, &expires, &sh.Client, &body, &sh.SHA256)
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
	if sh.ExpiresAt, err = time.Parse(time.RFC3339Nano, expires); err != nil {
		return Share{}, fmt.Errorf("share %s: expires_at %q: %w", id, expires, err)
	}
	if sh.ExpiresAt.After(now) {
		return sh, nil
	}
	_, err = s.DB.ExecContext(ctx, "DELETE FROM shares WHERE id = ? AND expires_at <= min(?, "+sqlNow+")", id, stamp(now))
	if err != nil {
		return Share{}, fmt.Errorf("deleting expired share %s: %w", id, err)
	}
	return Share{}, ErrShareExpired
}

// DeleteExpired implements Store.
func (s SQLStore) DeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.DB.ExecContext(ctx, "DELETE FROM shares WHERE expires_at <= min(?, "+sqlNow+")", stamp(now))
	if err != nil {
		return 0, fmt.Errorf("deleting expired shares: %w", err)
	}
	return res.RowsAffected()
}
