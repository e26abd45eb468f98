package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/netip"
	"time"
)

// Limits bounds what shares may cost. Every limit of POST /api/shares is here, with its default
// in DefaultLimits; docs/api.md and docs/deploy.md document them. A zero field means its
// default.
type Limits struct {
	// Retention is how long a share lives. An expired share answers 410 and is deleted when it
	// is read and by the Worker's scheduled handler.
	Retention time.Duration
	// PerClientPerHour bounds the shares one client (see ClientID) may create in any hour.
	PerClientPerHour int
	// PerClient bounds the shares of one client that are alive (not expired) at once.
	PerClient int
	// Total bounds the shares alive at once, from all clients.
	Total int
	// TotalBytes bounds the bytes of all shares alive at once (D1's free plan holds 500 MB).
	TotalBytes int64
	// ShareBytes bounds one share's body. It cannot exceed Config.MaxBodyBytes.
	ShareBytes int64
	// LogLines bounds the lines of a shared workspace's shell log.
	LogLines int
	// LogLineBytes bounds one line of the log.
	LogLineBytes int
	// LogBytes bounds the bytes of all lines of the log together.
	LogBytes int
	// OriginBytes bounds the workspace's "origin" note.
	OriginBytes int
}

// DefaultLimits are the limits a deployment gets unless its Config says otherwise.
var DefaultLimits = Limits{
	Retention:        30 * 24 * time.Hour,
	PerClientPerHour: 10,
	PerClient:        100,
	Total:            10_000,
	TotalBytes:       400 << 20,
	ShareBytes:       DefaultMaxBodyBytes,
	LogLines:         1_000,
	LogLineBytes:     1_024,
	LogBytes:         64 << 10,
	OriginBytes:      512,
}

// withDefaults returns l with every zero field set to its default, and ShareBytes at most
// maxBody.
func (l Limits) withDefaults(maxBody int64) Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	if l.Retention <= 0 {
		l.Retention = d.Retention
	}
	pick(&l.PerClientPerHour, d.PerClientPerHour)
	pick(&l.PerClient, d.PerClient)
	pick(&l.Total, d.Total)
	pick(&l.LogLines, d.LogLines)
	pick(&l.LogLineBytes, d.LogLineBytes)
	pick(&l.LogBytes, d.LogBytes)
	pick(&l.OriginBytes, d.OriginBytes)
	if l.TotalBytes <= 0 {
		l.TotalBytes = d.TotalBytes
	}
	if l.ShareBytes <= 0 {
		l.ShareBytes = d.ShareBytes
	}
	l.ShareBytes = min(l.ShareBytes, maxBody)
	return l
}

// ClientHeader is the request header Cloudflare sets to the address of the client that
// connected to its edge. Cloudflare overwrites any value a client sends.
const ClientHeader = "CF-Connecting-IP"

// unknownClient is the client of requests without a usable ClientHeader (wrangler dev, a
// native server): all of them share one quota.
const unknownClient = "unknown"

// ClientID returns the key that shares of the request's client are counted under: a keyed
// hash (HMAC-SHA256, first 128 bits in hex) of the address in ClientHeader, so that the
// database holds no address. An IPv6 address counts by its /64 prefix, which one subscriber
// usually holds whole; a missing or malformed header counts as one shared "unknown" client.
func ClientID(key []byte, r *http.Request) string {
	addr, err := netip.ParseAddr(r.Header.Get(ClientHeader))
	if err != nil {
		return unknownClient
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is6() {
		addr = netip.PrefixFrom(addr, 64).Masked().Addr()
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(addr.String()))
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// defaultClientKey keys ClientID when Config.ClientKey is empty. It is public, so hashes made
// with it can be reversed by trying every IPv4 address: deployments set their own secret.
const defaultClientKey = "failwright share client v1"
