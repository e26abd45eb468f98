package scenarios

import "failwright/scenarios/result"

// The results of runs and drills are plain data in package result, which the page imports
// without the scenario decoder; these aliases keep their names here.
type (
	// Report is the outcome of a run (result.Report).
	Report = result.Report
	// StepReport is what one step did (result.StepReport).
	StepReport = result.StepReport
	// CommandReport is one shell line and what it printed (result.CommandReport).
	CommandReport = result.CommandReport
	// Check is one expectation checked (result.Check).
	Check = result.Check
	// Sample is the count of all users by mode at one moment (result.Sample).
	Sample = result.Sample
	// Duration is a span of virtual time (result.Duration).
	Duration = result.Duration
	// TextOptions choose what a report's text shows (result.TextOptions).
	TextOptions = result.TextOptions
	// Turn is what one input to a drill produced (result.Turn).
	Turn = result.Turn
	// Prompt is a trainee step waiting for input (result.Prompt).
	Prompt = result.Prompt
	// Deduction is points taken off a drill's score (result.Deduction).
	Deduction = result.Deduction
	// Score is the outcome of a drill (result.Score).
	Score = result.Score
	// Entry describes one scenario of the library (result.Entry).
	Entry = result.Entry
	// Audience is who a scenario is written for (result.Audience).
	Audience = result.Audience
	// Level is how much a scenario expects its audience to know (result.Level).
	Level = result.Level
	// ExpectKind says what an Expectation checks (result.ExpectKind).
	ExpectKind = result.ExpectKind

	// span is a byte range of the source.
	span = result.Span
)

// PassMark is the score a drill needs to pass (with every trainee step completed).
const PassMark = result.PassMark
