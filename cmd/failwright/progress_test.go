package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestElapsed(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0:00:00"}, {5*time.Second + 900*time.Millisecond, "0:00:05"}, {61 * time.Second, "0:01:01"}, {3*time.Hour + 7*time.Second, "3:00:07"},
	} {
		assert.Equal(t, tc.want, elapsed(tc.d), "%v", tc.d)
	}
}

// fakeStderrTerminal makes standard error a terminal and the progress clock advance by step at
// every reading, for one test.
func fakeStderrTerminal(t *testing.T, terminal bool, step time.Duration) {
	oldTerm, oldClock := isTerminal, progressClock
	t.Cleanup(func() { isTerminal, progressClock = oldTerm, oldClock })
	isTerminal = func(io.Writer) bool { return terminal }
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	progressClock = func() time.Time { now = now.Add(step); return now }
}

// progressLine is one progress line as analyze writes it.
var progressLine = regexp.MustCompile(`^analyze: [0-9,]+ of [0-9,]+ failure sets \([0-9]+:[0-9]{2}:[0-9]{2}\)\x1b\[K$`)

// TestAnalyzeProgress checks that analyze shows its progress on standard error when that is a
// terminal, at most every progressInterval, and clears it before the report; and that it
// writes nothing there otherwise. The report is the same either way.
func TestAnalyzeProgress(t *testing.T) {
	want, err := os.ReadFile("testdata/analyze/litwareinc-depth2.txt")
	require.NoError(t, err)
	for _, tc := range []struct {
		name     string
		terminal bool
		step     time.Duration
		lines    bool
	}{
		{"terminal, slow clock", true, 100 * time.Millisecond, true},
		{"terminal, quick analysis", true, time.Nanosecond, false},
		{"not a terminal", false, 100 * time.Millisecond, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fakeStderrTerminal(t, tc.terminal, tc.step)
			var out, errb bytes.Buffer
			code := runMain([]string{"analyze", "../../scenarios/topologies/litwareinc.yaml"}, strings.NewReader(""), &out, &errb)
			assert.Equal(t, exitFail, code)
			assert.Equal(t, string(want), out.String())
			if !tc.lines {
				assert.Empty(t, errb.String())
				return
			}
			got := errb.String()
			require.True(t, strings.HasSuffix(got, "\r\x1b[K"), "the line is cleared at the end: %q", got)
			lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(got, "\r"), "\r\x1b[K"), "\r")
			require.NotEmpty(t, lines)
			var last int64
			for _, l := range lines {
				require.Regexp(t, progressLine, l)
				done, err := strconv.ParseInt(strings.ReplaceAll(strings.Fields(l)[1], ",", ""), 10, 64)
				require.NoError(t, err)
				assert.GreaterOrEqual(t, done, last, "the count never goes back")
				last = done
			}
		})
	}
}
