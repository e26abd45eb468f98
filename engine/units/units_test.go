package units

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDurationString writes TimeSpan text: hh:mm:ss, "d." from a day on, truncated to the
// second, "-" when negative.
func TestDurationString(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00:00"},
		{999 * time.Millisecond, "00:00:00"},
		{15 * time.Minute, "00:15:00"},
		{3*time.Hour + 2*time.Second, "03:00:02"},
		{23*time.Hour + 59*time.Minute + 59*time.Second, "23:59:59"},
		{24 * time.Hour, "1.00:00:00"},
		{100*time.Hour + time.Second, "4.04:00:01"},
		{-90 * time.Second, "-00:01:30"},
		{-26 * time.Hour, "-1.02:00:00"},
	} {
		assert.Equal(t, c.want, Duration(c.d).String(), "%v", c.d)
	}
}

// TestParseDuration round-trips what String writes and refuses every other spelling.
func TestParseDuration(t *testing.T) {
	for _, s := range []string{"00:00:00", "00:19:10", "23:59:59", "1.00:00:00", "4.04:00:01", "99999.23:59:59"} {
		d, err := ParseDuration(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, d.String())
	}
	for _, s := range []string{"", "0:00:00", "24:00:00", "100:00:01", "00:60:00", "00:00:60", "00:00",
		"-00:00:01", "00:00:0x", "000:00:00", "00:00:00 ", "0.01:00:00", "01.00:00:00", "100000.00:00:00",
		".00:00:00", "1.", "15m0s", "+00:00:01", "1.2.00:00:00"} {
		_, err := ParseDuration(s)
		assert.Error(t, err, "%q", s)
	}
}

// TestDurationJSON writes and reads the TimeSpan text as a JSON string.
func TestDurationJSON(t *testing.T) {
	b, err := json.Marshal(struct{ D Duration }{Duration(26 * time.Hour)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"D":"1.02:00:00"}`, string(b))
	var v struct{ D Duration }
	require.NoError(t, json.Unmarshal(b, &v))
	assert.Equal(t, Duration(26*time.Hour), v.D)
	for _, bad := range []string{`{"D":900}`, `{"D":"15m0s"}`, `{"D":null}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &v), bad)
	}
}

// FuzzParseDuration: whatever parses, String writes back byte for byte.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"00:00:00", "1.02:03:04", "99999.23:59:59", "24:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err == nil {
			require.Equal(t, s, d.String())
		}
	})
}

// TestThousands separates thousands with commas.
func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 38400: "38,400",
		1234567: "1,234,567", -1200: "-1,200", -999: "-999"} {
		assert.Equal(t, want, Thousands(n), "%d", n)
	}
	assert.Equal(t, "2,208,151", Thousands(int64(2208151)), "the analysis progress counts sets as int64")
	assert.Equal(t, "9,223,372,036,854,775,807", Thousands(int64(9223372036854775807)))
}

// TestPlural writes the count with separators and the noun's plural unless it is 1.
func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{1, "user", "1 user"},
		{0, "user", "0 users"},
		{38400, "user", "38,400 users"},
		{2, "branch", "2 branches"},
		{3, "Edge pool", "3 Edge pools"},
		{1, "branch", "1 branch"},
	} {
		assert.Equal(t, c.want, Plural(c.n, c.noun))
	}
}
