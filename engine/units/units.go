// Package units is how failwright writes quantities: durations as PowerShell writes a
// TimeSpan ("00:15:00", "1.02:00:00"), counts with thousands separators ("38,400") and nouns
// with their plural ("1 user", "38,400 users"). Every surface (the CLI, the page, the Worker,
// the rendered plans and reports) writes them through this package, so that they read the
// same everywhere. The package is pure and tiny: it imports only the standard library.
package units
