package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"failwright/app"
)

// The SQLStore's class store: the tables of worker/migrations/0003_classes.sql.

// insertClass inserts a class only when the client's hourly count and the total allow it.
const insertClass = `INSERT INTO classes (id, code, token_hash, title, drills, created_at, expires_at, client)
SELECT ?, ?, ?, ?, ?, ?, ?, ?
WHERE (SELECT COUNT(*) FROM classes WHERE client = ? AND created_at > ?) < ?
  AND (SELECT COUNT(*) FROM classes WHERE expires_at > ?) < ?`

// CreateClass implements ClassStore.
func (s SQLStore) CreateClass(ctx context.Context, c ClassRecord, q ClassQuota) error {
	drills, err := json.Marshal(c.Drills)
	if err != nil {
		return err
	}
	now := stamp(q.Now)
	res, err := s.DB.ExecContext(ctx, insertClass, c.ID, c.Code, c.TokenHash, c.Title, string(drills), stamp(c.CreatedAt), stamp(c.ExpiresAt), c.Client,
		c.Client, stamp(q.Now.Add(-window)), q.PerClientPerHour, now, q.Total)
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return ErrClassExists
	}
	if err != nil {
		return fmt.Errorf("storing class %s: %w", c.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var hour int
	if err := s.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM classes WHERE client = ? AND created_at > ?", c.Client, stamp(q.Now.Add(-window))).Scan(&hour); err != nil {
		return fmt.Errorf("counting classes: %w", err)
	}
	if hour >= q.PerClientPerHour {
		return &QuotaError{"classes per client per hour", int64(q.PerClientPerHour), window}
	}
	return &QuotaError{"classes alive in total", int64(q.Total), time.Hour}
}

// classWhere reads the class that the condition (with one argument) selects.
func (s SQLStore) classWhere(ctx context.Context, cond, arg string, now time.Time) (ClassRecord, error) {
	var c ClassRecord
	var drills, created, expires string
	err := s.DB.QueryRowContext(ctx, "SELECT id, code, token_hash, title, drills, created_at, expires_at, client FROM classes WHERE "+cond, arg).
		Scan(&c.ID, &c.Code, &c.TokenHash, &c.Title, &drills, &created, &expires, &c.Client)
	if errors.Is(err, sql.ErrNoRows) {
		return ClassRecord{}, ErrClassNotFound
	}
	if err != nil {
		return ClassRecord{}, fmt.Errorf("reading class: %w", err)
	}
	if err := json.Unmarshal([]byte(drills), &c.Drills); err != nil {
		return ClassRecord{}, fmt.Errorf("class %s: drills: %w", c.ID, err)
	}
	if c.CreatedAt, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return ClassRecord{}, fmt.Errorf("class %s: created_at %q: %w", c.ID, created, err)
	}
	if c.ExpiresAt, err = time.Parse(time.RFC3339Nano, expires); err != nil {
		return ClassRecord{}, fmt.Errorf("class %s: expires_at %q: %w", c.ID, expires, err)
	}
	if c.ExpiresAt.After(now) {
		return c, nil
	}
	if err := s.deleteClasses(ctx, "id = ? AND expires_at <= ?", c.ID, stamp(now)); err != nil {
		return ClassRecord{}, err
	}
	return ClassRecord{}, ErrClassExpired
}

// deleteClasses deletes the classes the condition selects, their trainees, commands and
// events first (whether or not the database enforces the foreign keys).
func (s SQLStore) deleteClasses(ctx context.Context, cond string, args ...any) error {
	for _, table := range []string{"class_commands", "class_events", "class_trainees"} {
		q := "DELETE FROM " + table + " WHERE class_id IN (SELECT id FROM classes WHERE " + cond + ")"
		if _, err := s.DB.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("deleting expired classes' %s: %w", table, err)
		}
	}
	if _, err := s.DB.ExecContext(ctx, "DELETE FROM classes WHERE "+cond, args...); err != nil {
		return fmt.Errorf("deleting expired classes: %w", err)
	}
	return nil
}

// Class implements ClassStore.
func (s SQLStore) Class(ctx context.Context, id string, now time.Time) (ClassRecord, error) {
	return s.classWhere(ctx, "id = ?", id, now)
}

// ClassByCode implements ClassStore.
func (s SQLStore) ClassByCode(ctx context.Context, code string, now time.Time) (ClassRecord, error) {
	return s.classWhere(ctx, "code = ?", code, now)
}

// insertTrainee inserts a trainee while the class has fewer than max.
const insertTrainee = `INSERT INTO class_trainees (class_id, id, name, name_key, token_hash, joined_at)
SELECT ?, ?, ?, ?, ?, ?
WHERE (SELECT COUNT(*) FROM class_trainees WHERE class_id = ?) < ?`

// AddTrainee implements ClassStore.
func (s SQLStore) AddTrainee(ctx context.Context, class string, t TraineeRecord, max int) error {
	res, err := s.DB.ExecContext(ctx, insertTrainee, class, t.ID, t.Name, strings.ToLower(t.Name), t.TokenHash, stamp(t.JoinedAt), class, max)
	if err != nil && strings.Contains(err.Error(), "name_key") {
		return ErrNameTaken
	}
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return ErrNameTaken
	}
	if err != nil {
		return fmt.Errorf("adding a trainee to class %s: %w", class, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrClassFull
	}
	return nil
}

// Trainee implements ClassStore.
func (s SQLStore) Trainee(ctx context.Context, class, hash string) (TraineeRecord, error) {
	var t TraineeRecord
	var joined string
	err := s.DB.QueryRowContext(ctx, "SELECT id, name, token_hash, joined_at FROM class_trainees WHERE class_id = ? AND token_hash = ?", class, hash).
		Scan(&t.ID, &t.Name, &t.TokenHash, &joined)
	if errors.Is(err, sql.ErrNoRows) {
		return TraineeRecord{}, ErrTraineeNotFound
	}
	if err != nil {
		return TraineeRecord{}, fmt.Errorf("reading a trainee of class %s: %w", class, err)
	}
	t.JoinedAt, _ = time.Parse(time.RFC3339Nano, joined)
	return t, nil
}

// nextSeq is the next sequence number of a class (two arguments: the class, twice).
const nextSeq = `1 + (SELECT COALESCE(MAX(seq), 0) FROM (SELECT seq FROM class_commands WHERE class_id = ?1 UNION ALL SELECT seq FROM class_events WHERE class_id = ?1))`

// AddCommand implements ClassStore.
func (s SQLStore) AddCommand(ctx context.Context, class string, c app.ClassCommand, max int) (int64, error) {
	q := `INSERT INTO class_commands (class_id, seq, trainee_id, drill, at_ms, line)
SELECT ?1, ` + nextSeq + `, ?2, ?3, ?4, ?5
WHERE (SELECT COUNT(*) FROM class_commands WHERE class_id = ?1 AND trainee_id = ?2) < ?6
RETURNING seq`
	var seq int64
	err := s.DB.QueryRowContext(ctx, q, class, c.Trainee, c.Drill, c.At, c.Line, max).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrTooMany
	}
	if err != nil {
		return 0, fmt.Errorf("storing a command of class %s: %w", class, err)
	}
	return seq, nil
}

// AddEvent implements ClassStore.
func (s SQLStore) AddEvent(ctx context.Context, class string, e app.ClassEvent, max int) (int64, error) {
	q := `INSERT INTO class_events (class_id, seq, kind, drill, verb, at_ms)
SELECT ?1, ` + nextSeq + `, ?2, ?3, ?4, ?5
WHERE (SELECT COUNT(*) FROM class_events WHERE class_id = ?1) < ?6
RETURNING seq`
	var seq int64
	err := s.DB.QueryRowContext(ctx, q, class, e.Kind, e.Drill, e.Verb, e.At, max).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrTooMany
	}
	if err != nil {
		return 0, fmt.Errorf("storing an event of class %s: %w", class, err)
	}
	return seq, nil
}

// Log implements ClassStore.
func (s SQLStore) Log(ctx context.Context, class, trainee string) (ClassLog, error) {
	var out ClassLog
	rows, err := s.DB.QueryContext(ctx, "SELECT id, name, progress, progress_seq FROM class_trainees WHERE class_id = ? ORDER BY joined_at, id", class)
	if err != nil {
		return ClassLog{}, fmt.Errorf("reading class %s: %w", class, err)
	}
	for rows.Next() {
		var t TraineeRecord
		var progress string
		if err := rows.Scan(&t.ID, &t.Name, &progress, &t.ProgressSeq); err != nil {
			rows.Close()
			return ClassLog{}, err
		}
		t.Progress = []byte(progress)
		out.Trainees = append(out.Trainees, t)
	}
	rows.Close()
	if rows, err = s.DB.QueryContext(ctx, "SELECT seq, kind, drill, verb, at_ms FROM class_events WHERE class_id = ? ORDER BY seq", class); err != nil {
		return ClassLog{}, fmt.Errorf("reading class %s: %w", class, err)
	}
	for rows.Next() {
		var e app.ClassEvent
		if err := rows.Scan(&e.Seq, &e.Kind, &e.Drill, &e.Verb, &e.At); err != nil {
			rows.Close()
			return ClassLog{}, err
		}
		out.Events = append(out.Events, e)
	}
	rows.Close()
	q, args := "SELECT seq, trainee_id, drill, at_ms, line FROM class_commands WHERE class_id = ? ORDER BY seq", []any{class}
	if trainee != "" {
		q, args = "SELECT seq, trainee_id, drill, at_ms, line FROM class_commands WHERE class_id = ? AND trainee_id = ? ORDER BY seq", []any{class, trainee}
	}
	if rows, err = s.DB.QueryContext(ctx, q, args...); err != nil {
		return ClassLog{}, fmt.Errorf("reading class %s: %w", class, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c app.ClassCommand
		if err := rows.Scan(&c.Seq, &c.Trainee, &c.Drill, &c.At, &c.Line); err != nil {
			return ClassLog{}, err
		}
		out.Commands = append(out.Commands, c)
	}
	return out, rows.Err()
}

// SaveProgress implements ClassStore.
func (s SQLStore) SaveProgress(ctx context.Context, class, trainee string, seq int64, progress []byte) error {
	_, err := s.DB.ExecContext(ctx, "UPDATE class_trainees SET progress = ?, progress_seq = ? WHERE class_id = ? AND id = ? AND progress_seq <= ?",
		string(progress), seq, class, trainee, seq)
	if err != nil {
		return fmt.Errorf("storing a trainee's progress in class %s: %w", class, err)
	}
	return nil
}

// JoinFailures implements ClassStore.
func (s SQLStore) JoinFailures(ctx context.Context, client string, since time.Time) (int, time.Time, error) {
	var n int
	var oldest string
	err := s.DB.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(MIN(at), '') FROM class_join_failures WHERE client = ? AND at > ?", client, stamp(since)).Scan(&n, &oldest)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("counting wrong join codes: %w", err)
	}
	t, _ := time.Parse(time.RFC3339Nano, oldest)
	return n, t, nil
}

// AddJoinFailure implements ClassStore.
func (s SQLStore) AddJoinFailure(ctx context.Context, client string, at time.Time) error {
	if _, err := s.DB.ExecContext(ctx, "INSERT INTO class_join_failures (client, at) VALUES (?, ?)", client, stamp(at)); err != nil {
		return fmt.Errorf("noting a wrong join code: %w", err)
	}
	return nil
}

// DeleteExpiredClasses implements ClassStore.
func (s SQLStore) DeleteExpiredClasses(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	if err := s.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM classes WHERE expires_at <= ?", stamp(now)).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting expired classes: %w", err)
	}
	if err := s.deleteClasses(ctx, "expires_at <= ?", stamp(now)); err != nil {
		return 0, err
	}
	if _, err := s.DB.ExecContext(ctx, "DELETE FROM class_join_failures WHERE at <= ?", stamp(now.Add(-window))); err != nil {
		return 0, fmt.Errorf("deleting old wrong join codes: %w", err)
	}
	return n, nil
}

// Both stores keep classes.
var (
	_ ClassStore = SQLStore{}
	_ ClassStore = (*MemClasses)(nil)
)
