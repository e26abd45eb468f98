// Package testkit is failwright's one test kit: golden files with one -update flag, a
// transcript runner, and an independent PowerShell grammar check of generated scripts.
//
// Golden files: [Golden] compares what a test got with a file and shows a line diff when they
// differ; go test -update rewrites the file instead. The flag is registered here, once, so
// every package that uses the kit reads the same -update (a package must not register its
// own). go test ./... -update needs every package with tests to know the flag: a package
// without goldens can import the kit for its side effect (import _ "failwright/internal/testkit").
//
// Transcripts: a transcript is a session in one file under testdata, the way a person saw it:
// a header, then each command on a line after the prompt ("PS> ", "PS trainee> "), followed by
// what it printed. [ReadTranscript] reads one; [Transcript.Replay] runs its commands through a
// [Session] (one line in, its output out) and compares the session it makes with the file as
// [Golden] does. The files double as training material.
//
// PowerShell: [CheckPowerShell] parses scripts with tree-sitter-powershell under node (npm
// packages pinned in pwsh/package-lock.json, installed by make deps-npm; the check fails,
// never skips, without them) and reports every syntax error and every topology value found in
// code outside a single-quoted string literal. Comments may hold values: a comment ends only
// at a line break (or #>), which values cannot hold; pwsh/check.mjs says how. It runs natively
// only (os/exec): its files are built with !js.
package testkit
