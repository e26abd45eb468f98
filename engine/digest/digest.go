// Package digest computes SHA-256 and SHA-1 digests for failwright's fingerprints and
// name-based IDs. They are plain FIPS 180-4 implementations: the standard library's
// crypto/sha256 and crypto/sha1 bring the FIPS 140 module with them (its DRBG, AES-GCM, SHA-3
// and self-test machinery), about 52 KB gzip of the page's wasm, whose budget is 2.0 MB. The
// digests here identify content and never protect a secret; tests hold them to the standard
// library's, byte for byte.
package digest

import "math/bits"

// sha256K are the SHA-256 round constants (FIPS 180-4 §4.2.2).
var sha256K = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// pad returns the message blocks' tail: data's last partial block, 0x80, zeros and the bit
// length, big-endian, as both digests pad (FIPS 180-4 §5.1.1).
func pad(data []byte) []byte {
	n := len(data)
	tail := append([]byte(nil), data[n-n%64:]...)
	tail = append(tail, 0x80)
	for len(tail)%64 != 56 {
		tail = append(tail, 0)
	}
	l := uint64(n) * 8
	for i := 7; i >= 0; i-- {
		tail = append(tail, byte(l>>(8*i)))
	}
	return tail
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// SHA256 returns the SHA-256 digest of data.
func SHA256(data []byte) [32]byte {
	h := [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
	full := len(data) - len(data)%64
	for p := 0; p < full; p += 64 {
		sha256Block(&h, data[p:p+64])
	}
	tail := pad(data)
	for p := 0; p < len(tail); p += 64 {
		sha256Block(&h, tail[p:p+64])
	}
	var out [32]byte
	for i, v := range h {
		out[4*i], out[4*i+1], out[4*i+2], out[4*i+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	return out
}

func sha256Block(h *[8]uint32, b []byte) {
	var w [64]uint32
	for i := range 16 {
		w[i] = be32(b[4*i:])
	}
	for i := 16; i < 64; i++ {
		s0 := bits.RotateLeft32(w[i-15], -7) ^ bits.RotateLeft32(w[i-15], -18) ^ w[i-15]>>3
		s1 := bits.RotateLeft32(w[i-2], -17) ^ bits.RotateLeft32(w[i-2], -19) ^ w[i-2]>>10
		w[i] = w[i-16] + s0 + w[i-7] + s1
	}
	a, bb, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for i := range 64 {
		t1 := hh + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) + (e&f ^ ^e&g) + sha256K[i] + w[i]
		t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) + (a&bb ^ a&c ^ bb&c)
		hh, g, f, e, d, c, bb, a = g, f, e, d+t1, c, bb, a, t1+t2
	}
	h[0] += a
	h[1] += bb
	h[2] += c
	h[3] += d
	h[4] += e
	h[5] += f
	h[6] += g
	h[7] += hh
}

// SHA1 returns the SHA-1 digest of data.
func SHA1(data []byte) [20]byte {
	h := [5]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}
	full := len(data) - len(data)%64
	for p := 0; p < full; p += 64 {
		sha1Block(&h, data[p:p+64])
	}
	tail := pad(data)
	for p := 0; p < len(tail); p += 64 {
		sha1Block(&h, tail[p:p+64])
	}
	var out [20]byte
	for i, v := range h {
		out[4*i], out[4*i+1], out[4*i+2], out[4*i+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	return out
}

func sha1Block(h *[5]uint32, b []byte) {
	var w [80]uint32
	for i := range 16 {
		w[i] = be32(b[4*i:])
	}
	for i := 16; i < 80; i++ {
		w[i] = bits.RotateLeft32(w[i-3]^w[i-8]^w[i-14]^w[i-16], 1)
	}
	a, bb, c, d, e := h[0], h[1], h[2], h[3], h[4]
	for i := range 80 {
		var f, k uint32
		switch {
		case i < 20:
			f, k = bb&c|^bb&d, 0x5a827999
		case i < 40:
			f, k = bb^c^d, 0x6ed9eba1
		case i < 60:
			f, k = bb&c|bb&d|c&d, 0x8f1bbcdc
		default:
			f, k = bb^c^d, 0xca62c1d6
		}
		t := bits.RotateLeft32(a, 5) + f + e + k + w[i]
		e, d, c, bb, a = d, c, bits.RotateLeft32(bb, 30), a, t
	}
	h[0] += a
	h[1] += bb
	h[2] += c
	h[3] += d
	h[4] += e
}
