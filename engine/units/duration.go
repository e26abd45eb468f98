package units

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Duration is a span of (virtual) time, written as PowerShell writes a TimeSpan: "hh:mm:ss",
// with a leading "d." from a day on ("1.02:03:04") and a "-" when negative. It truncates to
// the second. In JSON it is that text as a string.
type Duration time.Duration

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String formats the duration as a TimeSpan: [-][d.]hh:mm:ss, truncated to the second.
func (d Duration) String() string {
	s := int64(time.Duration(d) / time.Second)
	var b []byte
	if s < 0 {
		b, s = append(b, '-'), -s
	}
	if days := s / 86400; days > 0 {
		b = strconv.AppendInt(b, days, 10)
		b = append(b, '.')
	}
	two := func(n int64) { b = append(b, byte('0'+n/10), byte('0'+n%10)) }
	two(s / 3600 % 24)
	b = append(b, ':')
	two(s / 60 % 60)
	b = append(b, ':')
	two(s % 60)
	return string(b)
}

// MarshalJSON writes the duration as its TimeSpan text, a JSON string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads a JSON string that ParseDuration accepts.
func (d *Duration) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return errors.New("duration must be a string \"hh:mm:ss\", got " + string(b))
	}
	v, err := ParseDuration(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// maxDays bounds the days a duration may have (five digits), so that no text overflows.
const maxDays = 99999

// ParseDuration reads a duration exactly as String writes it, never negative: an optional day
// count and ".", then two digits each of hours (below 24), minutes and seconds (below 60).
// Any other spelling ("1:00:00", "26:00:00", "00:60:00", "01.00:00:00", "-00:00:01", "15m")
// is refused: a written duration (a prediction, a clock reading) is never negative.
func ParseDuration(s string) (Duration, error) {
	bad := errors.New("duration " + strconv.Quote(s) + " is not hh:mm:ss (a TimeSpan, with \"d.\" first from a day on)")
	rest := s
	var days int64
	if ds, clock, ok := strings.Cut(rest, "."); ok {
		n, ok := digits(ds, 1, 5)
		if !ok || n == 0 || n > maxDays || (len(ds) > 1 && ds[0] == '0') {
			return 0, bad
		}
		days, rest = n, clock
	}
	parts := strings.Split(rest, ":")
	if len(parts) != 3 {
		return 0, bad
	}
	var v [3]int64
	for i, p := range parts {
		n, ok := digits(p, 2, 2)
		if !ok {
			return 0, bad
		}
		v[i] = n
	}
	if v[0] > 23 || v[1] > 59 || v[2] > 59 {
		return 0, bad
	}
	secs := days*86400 + v[0]*3600 + v[1]*60 + v[2]
	return Duration(time.Duration(secs) * time.Second), nil
}

// digits reads s as a decimal number of min to max ASCII digits.
func digits(s string, min, max int) (int64, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}
