//go:build js && wasm

// Command worker is failwright on Cloudflare Workers: wrangler serves the web app's static
// assets and sends /api/* here, where the API of failwright/worker/api answers, with shared
// workspaces stored in the D1 database bound as DB.
//
// Build it with "make worker" and run it locally with "make worker-dev"; docs/deploy.md tells
// how to deploy it.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/cron"
	"github.com/syumai/workers/cloudflare/d1"

	"failwright/worker/api"
)

// dbBinding is the name of the D1 binding in wrangler.jsonc.
const dbBinding = "DB"

// originsVar names the environment variable that lists, separated by commas or spaces, the
// origins allowed to call the API from other sites. Unset means no CORS.
const originsVar = "CORS_ALLOWED_ORIGINS"

// clientKeySecret names the secret (wrangler secret put) that keys the hash shares are counted
// per client under. Unset means a fixed public key: see docs/deploy.md.
const clientKeySecret = "SHARE_CLIENT_KEY"

func main() {
	// The scheduled handler ("triggers": {"crons"} in wrangler.jsonc) deletes expired shares
	// and expired classes.
	cron.ScheduleTaskNonBlock(deleteExpired)
	workers.Serve(handler())
}

// deleteExpired deletes the shares and the classes (with their results) that have expired.
func deleteExpired(ctx context.Context) error {
	connector, err := d1.OpenConnector(dbBinding)
	if err != nil {
		return fmt.Errorf("failwright worker: D1 binding %s: %w", dbBinding, err)
	}
	store := api.SQLStore{DB: sql.OpenDB(connector)}
	n, err := store.DeleteExpired(ctx, time.Now())
	if err != nil {
		return fmt.Errorf("failwright worker: %w", err)
	}
	c, err := store.DeleteExpiredClasses(ctx, time.Now())
	if err != nil {
		return fmt.Errorf("failwright worker: %w", err)
	}
	log.Printf("failwright worker: deleted %d expired shares and %d expired classes", n, c)
	return nil
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
	store := api.SQLStore{DB: sql.OpenDB(connector)}
	return api.New(api.Config{
		Store:          store,
		Classes:        store,
		AllowedOrigins: strings.Fields(strings.ReplaceAll(cloudflare.Getenv(originsVar), ",", " ")),
		ClientKey:      []byte(cloudflare.Getenv(clientKeySecret)),
		Logf:           logf,
	})
}
