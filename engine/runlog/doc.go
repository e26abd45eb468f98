// Package runlog reads and writes the run log a failwright PowerShell runbook writes beside its
// transcript: one JSON object per line, hash-chained, saying which plan ran, on which machine
// and under which account, and for every step when it started and ended (UTC), its outcome,
// what the operator answered and what the checks saw.
//
// Each line carries "prev", the SHA-256 (lower-case hex) of the bytes of the line before it
// (without its line ending); the first line's prev is GenesisPrev. An edited, reordered or
// truncated log breaks the chain or lacks its end entry, and Read names the line. The chain
// catches edits, not forgery: whoever rewrites every line after the one they change can make
// a chain that verifies. Keep the log with the transcript where operators cannot write.
//
// The package is pure: no I/O, no clock. Times are read from the log, never made.
package runlog
