package api

import (
	"fmt"
	"time"
)

// Quota is what Store.Create enforces, atomically with the insert, for one new share.
type Quota struct {
	// Now is the time of the request: shares whose expiry is not after it are not counted.
	Now time.Time
	// PerClientPerHour, PerClient, Total and TotalBytes are the limits of Limits.
	PerClientPerHour, PerClient, Total int
	TotalBytes                         int64
}

// Usage is what a client and all clients hold when a share is refused.
type Usage struct {
	// ClientHour counts the client's shares created in the hour before Quota.Now, the oldest
	// of them created at ClientHourOldest.
	ClientHour       int
	ClientHourOldest time.Time
	// ClientLive counts the client's shares alive, the first of them to expire at
	// ClientFirstExpiry.
	ClientLive        int
	ClientFirstExpiry time.Time
	// Total and TotalBytes count all shares alive, the first of them to expire at FirstExpiry.
	Total       int
	TotalBytes  int64
	FirstExpiry time.Time
}

// QuotaError is what Store.Create returns when a limit refuses a share: the API answers 429
// with a Retry-After of RetryAfter.
type QuotaError struct {
	// Limit says which limit ("shares per client per hour", ...).
	Limit string
	// Max is the limit's value.
	Max int64
	// RetryAfter is how long until the limit would let one more share in.
	RetryAfter time.Duration
}

// Error implements error.
func (e *QuotaError) Error() string {
	return fmt.Sprintf("the limit of %d %s is reached", e.Max, e.Limit)
}

// window is the span PerClientPerHour counts shares over.
const window = time.Hour

// check returns the QuotaError that refuses a share of size bytes given usage u, or nil.
func (q Quota) check(u Usage, size int64) *QuotaError {
	wait := func(at time.Time) time.Duration { return max(at.Sub(q.Now), time.Second) }
	switch {
	case u.ClientHour >= q.PerClientPerHour:
		return &QuotaError{"shares per client per hour", int64(q.PerClientPerHour), wait(u.ClientHourOldest.Add(window))}
	case u.ClientLive >= q.PerClient:
		return &QuotaError{"shares alive per client", int64(q.PerClient), wait(u.ClientFirstExpiry)}
	case u.Total >= q.Total:
		return &QuotaError{"shares alive in total", int64(q.Total), wait(u.FirstExpiry)}
	case u.TotalBytes+size > q.TotalBytes:
		return &QuotaError{"bytes of shares alive in total", q.TotalBytes, wait(u.FirstExpiry)}
	}
	return nil
}
