// Package app holds failwright's use cases, each written once: validate, plan (and plan
// check), run, train, analyze and the shell. The surfaces (the CLI in cmd/failwright, the
// Worker's JSON API in worker/api and the page's engine worker in web/engine) are adapters:
// each decodes its input into the typed requests here, calls one function, and encodes the
// answer, mapping its Status the same way (exit code 0/1/2, HTTP status, page message).
//
// Like the engine, app is pure: no os, no net/http, no clock, no syscall/js. Files a use case
// needs besides its input (a scenario's topology) are read through a Resolver the surface
// supplies.
//
// A new use case (import, evidence, migrate, classroom) goes in a file of its own named for
// it, holding its request type, its result type and one function (or one small session type
// for a use case that takes several calls, as train and shell do). docs/architecture.md shows
// which package may import which.
package app
