package api

import "time"

// ClassLimits bounds classes. docs/classroom.md documents each limit; a zero field means its
// default in DefaultClassLimits.
type ClassLimits struct {
	// Retention is how long a class and its results live after its creation. An expired class
	// answers 410 and is deleted when it is read and by the Worker's scheduled handler.
	Retention time.Duration
	// Trainees bounds the trainees of one class.
	Trainees int
	// CommandsPerTrainee bounds the lines one trainee may post in one class.
	CommandsPerTrainee int
	// Events bounds the trainer's events in one class.
	Events int
	// Drills bounds the drills of one class.
	Drills int
	// DrillBytes bounds the source of one of the trainer's own scenario files.
	DrillBytes int
	// TitleRunes and NameRunes bound a class's title and a trainee's display name.
	TitleRunes, NameRunes int
	// LineBytes bounds one command line and one injected fault.
	LineBytes int
	// BodyBytes bounds the body of every class request but the creation, which
	// Config.MaxBodyBytes bounds.
	BodyBytes int64
	// WrongCodesPerClientPerHour bounds the wrong join codes one client may try in an hour.
	WrongCodesPerClientPerHour int
	// PerClientPerHour bounds the classes one client may create in an hour.
	PerClientPerHour int
	// Total bounds the classes alive at once.
	Total int
}

// DefaultClassLimits are the class limits a deployment gets unless its Config says otherwise.
var DefaultClassLimits = ClassLimits{
	Retention:                  7 * 24 * time.Hour,
	Trainees:                   60,
	CommandsPerTrainee:         400,
	Events:                     200,
	Drills:                     10,
	DrillBytes:                 256 << 10,
	TitleRunes:                 120,
	NameRunes:                  40,
	LineBytes:                  2048,
	BodyBytes:                  8 << 10,
	WrongCodesPerClientPerHour: 20,
	PerClientPerHour:           10,
	Total:                      2_000,
}

// withDefaults returns l with every zero field set to its default.
func (l ClassLimits) withDefaults() ClassLimits {
	d := DefaultClassLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	if l.Retention <= 0 {
		l.Retention = d.Retention
	}
	if l.BodyBytes <= 0 {
		l.BodyBytes = d.BodyBytes
	}
	pick(&l.Trainees, d.Trainees)
	pick(&l.CommandsPerTrainee, d.CommandsPerTrainee)
	pick(&l.Events, d.Events)
	pick(&l.Drills, d.Drills)
	pick(&l.DrillBytes, d.DrillBytes)
	pick(&l.TitleRunes, d.TitleRunes)
	pick(&l.NameRunes, d.NameRunes)
	pick(&l.LineBytes, d.LineBytes)
	pick(&l.WrongCodesPerClientPerHour, d.WrongCodesPerClientPerHour)
	pick(&l.PerClientPerHour, d.PerClientPerHour)
	pick(&l.Total, d.Total)
	return l
}
