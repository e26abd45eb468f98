// Package api is failwright's JSON API as an ordinary net/http handler: topology validation,
// scenario runs, plan rendering, failure analysis and shared workspaces, each an adapter over
// a use case of package app. The Cloudflare Worker in the parent directory serves it with
// github.com/syumai/workers and stores shares in D1; native tests serve it with
// net/http/httptest and an in-memory store. The package reads no clock and draws no
// randomness of its own: the caller hands it both through Config, so the engine it calls stays
// deterministic.
//
// Every route lives under /api/. Request bodies are bounded, decoded strictly and validated;
// every error is an RFC 9457 problem document (application/problem+json) that names the field
// at fault. docs/api.md describes the routes for people and docs/openapi.yaml for machines.
package api
