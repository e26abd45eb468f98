package result

// Entry describes one scenario of the library.
type Entry struct {
	// File is the scenario's file name in the library, for example "planned-failover.yaml".
	File        string   `json:"file"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Audience    Audience `json:"audience"`
	Level       Level    `json:"level"`
	Training    bool     `json:"training"`
}

// Audience is who a scenario is written for.
type Audience string

// Level is how much a scenario expects its audience to know.
type Level string

// ExpectKind says what an expectation checks (package scenarios lists the kinds).
type ExpectKind string

// Span is a byte range of a scenario file's source: [Start, End).
type Span struct{ Start, End int }
