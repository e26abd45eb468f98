package digest

import (
	"crypto/sha1"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSameAsStandardLibrary holds both digests to crypto/sha256 and crypto/sha1 on every length
// around the block and padding boundaries, and on a large input.
func TestSameAsStandardLibrary(t *testing.T) {
	for n := 0; n < 200; n++ {
		b := []byte(strings.Repeat("failwright", 20))[:n]
		assert.Equal(t, sha256.Sum256(b), SHA256(b), "SHA-256 of %d bytes", n)
		assert.Equal(t, sha1.Sum(b), SHA1(b), "SHA-1 of %d bytes", n)
	}
	big := []byte(strings.Repeat("atl-cs-001.litwareinc.com\n", 40000))
	assert.Equal(t, sha256.Sum256(big), SHA256(big))
	assert.Equal(t, sha1.Sum(big), SHA1(big))
}

func FuzzDigests(f *testing.F) {
	f.Add([]byte("abc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		assert.Equal(t, sha256.Sum256(b), SHA256(b))
		assert.Equal(t, sha1.Sum(b), SHA1(b))
	})
}

func BenchmarkSHA256(b *testing.B) {
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		SHA256(data)
	}
}
