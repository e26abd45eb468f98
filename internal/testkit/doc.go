// Package testkit is failwright's one test kit: golden files with one -update flag, a
// transcript runner (commands and their expected output in one file under testdata), and an
// independent PowerShell grammar check of generated scripts.
//
// Every package's tests compare with golden files through [Golden] and replay transcripts
// through [Transcript.Replay]; go test ./... -update rewrites them all at once.
package testkit
