package nameid

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
)

// TestSameAsGoogleUUID holds the IDs to google/uuid's, which made every ID in the golden files
// before this package replaced it.
func TestSameAsGoogleUUID(t *testing.T) {
	assert.Equal(t, uuid.NameSpaceURL.String(), URL.String())
	ns := SHA1(URL, []byte("failwright.plan"))
	gns := uuid.NewSHA1(uuid.NameSpaceURL, []byte("failwright.plan"))
	assert.Equal(t, gns.String(), ns.String())
	for _, name := range []string{"", "a", "atl-cs-001.litwareinc.com/routing-group/7", string(make([]byte, 1000))} {
		assert.Equal(t, uuid.NewSHA1(gns, []byte(name)).String(), SHA1(ns, []byte(name)).String(), "name %q", name)
	}
}

func FuzzSHA1(f *testing.F) {
	f.Add([]byte("failwright"))
	f.Fuzz(func(t *testing.T, name []byte) {
		assert.Equal(t, uuid.NewSHA1(uuid.NameSpaceURL, name).String(), SHA1(URL, name).String())
	})
}
