package api

import (
	"context"
	"errors"
	"time"

	"failwright/app"
)

// ClassRecord is one class as stored: who may run it (a hash of the trainer's token, never
// the token), how trainees find it (the join code) and its drills.
type ClassRecord struct {
	// ID is a random version 4 UUID.
	ID string
	// Code is the join code trainees type: JoinCodeLen characters of joinAlphabet.
	Code string
	// TokenHash is the lower-case hex SHA-256 of the trainer's token.
	TokenHash string
	Title     string
	// Drills are the class's drills: a library file name, or a scenario's source.
	Drills    []StoredDrill
	CreatedAt time.Time
	// ExpiresAt is when the class and everything in it stop being served and are deleted.
	ExpiresAt time.Time
	// Client is the ClientID of the client that created it.
	Client string
}

// StoredDrill is one drill of a class: Library names a scenario of failwright's library, or
// Source holds the trainer's own scenario file.
type StoredDrill struct {
	Name string `json:"name"`
	// Title is the scenario's name, what the board shows.
	Title   string `json:"title,omitempty"`
	Library bool   `json:"library,omitempty"`
	Source  string `json:"source,omitempty"`
}

// TraineeRecord is one trainee of a class as stored.
type TraineeRecord struct {
	ID        string
	Name      string
	TokenHash string
	JoinedAt  time.Time
	// Progress is the trainee's app.TraineeProgress as JSON, as the Worker last replayed it
	// (a cache, so that the board need not replay everyone), and ProgressSeq the class's
	// sequence number it was computed at; empty and 0 before the first replay.
	Progress    []byte
	ProgressSeq int64
}

// ClassLog is what a class holds: its trainees, the commands they typed and the trainer's
// events.
type ClassLog struct {
	Trainees []TraineeRecord
	Commands []app.ClassCommand
	Events   []app.ClassEvent
}

// ClassQuota is what ClassStore.CreateClass enforces with the insert.
type ClassQuota struct {
	Now                     time.Time
	PerClientPerHour, Total int
}

// The class store's errors.
var (
	ErrClassNotFound   = errors.New("class not found")
	ErrClassExpired    = errors.New("class expired")
	ErrClassExists     = errors.New("class ID or join code taken")
	ErrTraineeNotFound = errors.New("trainee not found")
	ErrClassFull       = errors.New("the class is full")
	ErrNameTaken       = errors.New("the name is taken in this class")
	ErrTooMany         = errors.New("the limit is reached")
)

// ClassStore keeps classes. Each class-scoped call names the class by ID; a class that has
// expired answers ErrClassExpired once and is deleted with everything in it.
type ClassStore interface {
	// CreateClass stores a new class, or ErrClassExists, or a *QuotaError when q refuses it.
	CreateClass(ctx context.Context, c ClassRecord, q ClassQuota) error
	// Class returns the class with the ID, or ErrClassNotFound, or ErrClassExpired.
	Class(ctx context.Context, id string, now time.Time) (ClassRecord, error)
	// ClassByCode returns the class with the join code, or ErrClassNotFound, or ErrClassExpired.
	ClassByCode(ctx context.Context, code string, now time.Time) (ClassRecord, error)
	// AddTrainee adds a trainee, or ErrClassFull when the class has max trainees, or
	// ErrNameTaken when one of them has the same name (case-insensitive).
	AddTrainee(ctx context.Context, class string, t TraineeRecord, max int) error
	// Trainee returns the class's trainee whose token hashes to tokenHash, or
	// ErrTraineeNotFound.
	Trainee(ctx context.Context, class, tokenHash string) (TraineeRecord, error)
	// AddCommand appends a trainee's command with the next sequence number of the class and
	// returns it, or ErrTooMany when the trainee has max commands.
	AddCommand(ctx context.Context, class string, c app.ClassCommand, max int) (int64, error)
	// AddEvent appends a trainer's event with the next sequence number of the class and
	// returns it, or ErrTooMany when the class has max events.
	AddEvent(ctx context.Context, class string, e app.ClassEvent, max int) (int64, error)
	// Log returns the class's trainees, events and commands: every trainee's, or with
	// trainee set only that trainee's commands ("-", which is no trainee's ID, for none).
	Log(ctx context.Context, class, trainee string) (ClassLog, error)
	// SaveProgress stores a trainee's replayed progress computed at seq, unless what is stored
	// was computed at a later seq.
	SaveProgress(ctx context.Context, class, trainee string, seq int64, progress []byte) error
	// JoinFailures counts the client's wrong join codes since since and returns the oldest.
	JoinFailures(ctx context.Context, client string, since time.Time) (int, time.Time, error)
	// AddJoinFailure notes a wrong join code of the client.
	AddJoinFailure(ctx context.Context, client string, at time.Time) error
	// DeleteExpiredClasses deletes every class expired at or before now, with its trainees,
	// commands and events, and wrong join codes older than an hour; it returns how many
	// classes.
	DeleteExpiredClasses(ctx context.Context, now time.Time) (int64, error)
}
