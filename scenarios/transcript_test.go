package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
)

// hostileScenario is a scenario of steps that each run a line of a thousand failing
// statements: once a 46 KB scenario made a 140 MB report. It is a FuzzDecode seed too.
func hostileScenario(steps int) string {
	var b strings.Builder
	b.WriteString(head)
	for i := range steps {
		fmt.Fprintf(&b, "  - at: %ds\n    run: %s\n", i, strings.Repeat("Foo-Bar;", shell.MaxStatements))
	}
	return b.String()
}

// TestReportTranscriptIsBounded: a report keeps at most MaxCommandOutput of one command's
// output and MaxReportOutput in all, and says what it left out; the checks still see it all.
func TestReportTranscriptIsBounded(t *testing.T) {
	for _, steps := range []int{1, 5, 40} {
		t.Run(fmt.Sprint(steps), func(t *testing.T) {
			sc, fs := Decode("hostile.yaml", []byte(hostileScenario(steps)), diskResolver)
			require.False(t, fs.HasErrors(), "%v", fs)
			rep, err := Run(sc, Options{})
			require.NoError(t, err)
			total := 0
			for _, st := range rep.Steps {
				for _, c := range st.Commands {
					size := 0
					for _, l := range c.Lines {
						size += len(l.Text)
					}
					assert.LessOrEqual(t, size, MaxCommandOutput+200)
					total += size
					require.NotEmpty(t, c.Lines)
					assert.Contains(t, c.Lines[len(c.Lines)-1].Text, "not kept in the report")
					assert.Equal(t, "CommandNotFoundException", c.ErrorID)
				}
			}
			assert.LessOrEqual(t, total, MaxReportOutput+200*steps)
			assert.Less(t, len(rep.JSON()), 2*MaxReportOutput+steps*(20<<10))
		})
	}
}
