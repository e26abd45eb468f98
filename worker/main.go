//go:build js && wasm

// Command worker is failwright on Cloudflare Workers: wrangler serves the web app's static
// assets and sends /api/* here, where the API of failwright/worker/api answers, with shared
// workspaces stored in the D1 database bound as DB.
//
// Build it with "make worker" and run it locally with "make worker-dev"; docs/deploy.md tells
// how to deploy it.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"strings"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/d1"

	"failwright/worker/api"
)

// dbBinding is the name of the D1 binding in wrangler.jsonc.
const dbBinding = "DB"

// originsVar names the environment variable that lists, separated by commas or spaces, the
// origins allowed to call the API from other sites. Unset means no CORS.
const originsVar = "CORS_ALLOWED_ORIGINS"

func main() {
	workers.Serve(handler())
}

// handler builds the API for this request's runtime (each request starts a fresh one).
func handler() http.Handler {
	logf := log.Printf
	connector, err := d1.OpenConnector(dbBinding)
	if err != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			logf("failwright worker: D1 binding %s: %v", dbBinding, err)
			api.New(api.Config{Store: unavailable{}, Logf: logf}).ServeHTTP(w, r)
		})
	}
	return api.New(api.Config{
		Store:          api.SQLStore{DB: sql.OpenDB(connector)},
		AllowedOrigins: strings.Fields(strings.ReplaceAll(cloudflare.Getenv(originsVar), ",", " ")),
		Logf:           logf,
	})
}
