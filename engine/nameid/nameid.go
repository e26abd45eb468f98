// Package nameid makes name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name),
// the stable IDs failwright gives plans and routing groups. It replaces google/uuid in the
// engine: that package's init reaches crypto/rand, and the page's wasm (2.0 MB gzip budget)
// would carry it for IDs that never need randomness.
package nameid

import (
	"encoding/hex"

	"failwright/engine/digest"
)

// UUID is a 16-byte UUID.
type UUID [16]byte

// URL is the RFC 9562 namespace for URLs (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
var URL = UUID{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// SHA1 returns the version 5 UUID of name in namespace ns.
func SHA1(ns UUID, name []byte) UUID {
	sum := digest.SHA1(append(ns[:len(ns):len(ns)], name...))
	var u UUID
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return u
}

// String writes u in the canonical lower-case form, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func (u UUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
