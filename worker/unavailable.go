//go:build js && wasm

package main

import (
	"context"
	"errors"
	"time"

	"failwright/worker/api"
)

// unavailable is the Store of a Worker deployed without its D1 binding: every share request
// fails with a logged internal error, while validate, run and plan still work.
type unavailable struct{}

var errNoDB = errors.New("the D1 binding " + dbBinding + " is missing: see docs/deploy.md")

// Create implements api.Store.
func (unavailable) Create(context.Context, api.Share, api.Quota) error { return errNoDB }

// Get implements api.Store.
func (unavailable) Get(context.Context, string, time.Time) (api.Share, error) {
	return api.Share{}, errNoDB
}

// DeleteExpired implements api.Store.
func (unavailable) DeleteExpired(context.Context, time.Time) (int64, error) { return 0, errNoDB }
