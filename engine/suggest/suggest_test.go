package suggest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosest(t *testing.T) {
	keys := []string{"fqdn", "site", "users", "backupPool", "os"}
	tests := []struct {
		typed, want string
		caseOnly    bool
	}{
		{"Users", "users", true},
		{"bakupPool", "backupPool", false},
		{"zzz", "", false},
		{"sit", "site", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, caseOnly := Closest(tc.typed, keys)
		assert.Equal(t, tc.want, got, tc.typed)
		assert.Equal(t, tc.caseOnly, caseOnly, tc.typed)
	}
	got, _ := Closest("FailedBack", []string{"Active", "FailingOver", "FailedOver", "FailingBack"})
	assert.Equal(t, "FailingBack", got, "three edits in a ten-letter word")
	got, _ = Closest("ab", []string{"xb", "ax"})
	assert.Equal(t, "xb", got, "ties go to the earlier name")
	got, _ = Closest("dfw-fe-5.litwareinc.com", []string{"atl-fe-01.litwareinc.com", "dfw-fe-01.litwareinc.com"})
	assert.Equal(t, "dfw-fe-01.litwareinc.com", got)
}

func TestDistance(t *testing.T) {
	assert.Equal(t, 0, Distance("abc", "abc", 5))
	assert.Equal(t, 1, Distance("abc", "abd", 5))
	assert.Equal(t, 3, Distance("kitten", "sitting", 5))
	assert.Equal(t, 2, Distance("kitten", "sitting", 2), "capped at the limit")
	assert.Equal(t, 2, Distance("a", "abcdef", 2))
}
