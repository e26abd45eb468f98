// Package result holds what running a scenario or a training drill produces: the run's
// Report with its steps, commands and checks, a drill's Turns, Prompts and Score, and the
// library's Entry. They are plain data with their text and JSON renderings, apart from the
// scenario decoder (and its YAML library), so that the page can show results without
// carrying the decoder; package scenarios makes them and names them with type aliases.
package result

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/engine/units"
)

// Duration is a span of virtual time. It encodes in JSON as a TimeSpan string, "hh:mm:ss"
// with "d." from a day on, as plans write durations (units.Duration); the text report writes
// figures as Go durations ("15m0s"), the way scenario files write their goals.
type Duration time.Duration

// String formats the duration as a Go duration, the way scenario files write durations.
func (d Duration) String() string { return time.Duration(d).String() }

// Clock formats the duration as a clock reading, a TimeSpan (units.Duration): hh:mm:ss,
// with "d." from a day on.
func (d Duration) Clock() string { return units.Duration(d).String() }

// MarshalJSON encodes the duration as a TimeSpan string ("00:15:00").
func (d Duration) MarshalJSON() ([]byte, error) { return units.Duration(d).MarshalJSON() }

// UnmarshalJSON decodes a TimeSpan string as units.ParseDuration reads it.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var v units.Duration
	if err := v.UnmarshalJSON(b); err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// Report is the outcome of a run: per step what ran, its console output and every check;
// the run-wide bounds; and the run's figures from the simulator.
type Report struct {
	File     string `json:"file"`
	Name     string `json:"name"`
	Topology string `json:"topology,omitempty"`
	// Fingerprint identifies the topology the run used (topology.Fingerprint), so that a
	// report is evidence of a drill on one exact design.
	Fingerprint string `json:"fingerprint"`
	Seed        int64  `json:"seed"`
	// Passed is true when every expectation held.
	Passed bool `json:"passed"`
	// Checks counts the expectations checked; Failures those that did not hold.
	Checks   int `json:"checks"`
	Failures int `json:"failures"`
	// Steps is one entry per step played.
	Steps []StepReport `json:"steps"`
	// End holds the run-wide bounds (rto, dataLoss), checked when the run ended.
	End []Check `json:"end,omitempty"`
	// Clock is the virtual time when the run ended.
	Clock Duration `json:"clock"`
	// RTO, DataLoss and Unrestored are the simulator's figures (sim.Report).
	RTO        map[string]Duration `json:"rto,omitempty"`
	DataLoss   map[string]Duration `json:"dataLoss,omitempty"`
	Unrestored []string            `json:"unrestored,omitempty"`
	// RTOFromDecision is RTO on the decision clock (sim.Report): from the administrator's
	// decision to fail over.
	RTOFromDecision map[string]Duration `json:"rtoFromDecision,omitempty"`
	// Policy is each Front End pool's recovery judged against its recovery policy
	// (sim.Report.Policy; docs/policy.md).
	Policy []topology.Verdict `json:"policy,omitempty"`
	// FeatureRTO and UnrestoredFeatures are the simulator's per-feature figures
	// (sim.Report): for each feature some users lost, the time per pool until they all had it
	// back, and the pools whose users still lack it.
	FeatureRTO         map[topology.Feature]map[string]Duration `json:"featureRto,omitempty"`
	UnrestoredFeatures map[topology.Feature][]string            `json:"unrestoredFeatures,omitempty"`
	// Timeline is users by mode at every change.
	Timeline []Sample `json:"timeline,omitempty"`
}

// StepReport is what one step did.
type StepReport struct {
	Index int          `json:"index"`
	Pos   topology.Pos `json:"pos"`
	// At is the step's time as written; Clock the virtual time when it ran (later than At
	// when an earlier command took longer).
	At       Duration        `json:"at"`
	Clock    Duration        `json:"clock"`
	Trainee  bool            `json:"trainee,omitempty"`
	Note     string          `json:"note,omitempty"`
	Commands []CommandReport `json:"commands,omitempty"`
	Checks   []Check         `json:"checks,omitempty"`
}

// CommandReport is one shell line and what it printed.
type CommandReport struct {
	Line    string     `json:"line"`
	Clock   Duration   `json:"clock"`
	Lines   []sim.Line `json:"lines,omitempty"`
	Failed  bool       `json:"failed,omitempty"`
	ErrorID string     `json:"errorId,omitempty"`
	Prompt  bool       `json:"prompt,omitempty"`
	Changed bool       `json:"changed,omitempty"`
}

// Check is one expectation checked: what was expected, what was found, and where in the file.
type Check struct {
	Kind  ExpectKind   `json:"kind"`
	Path  string       `json:"path"`
	Want  string       `json:"want"`
	Found string       `json:"found"`
	Pass  bool         `json:"pass"`
	Pos   topology.Pos `json:"pos"`

	// Span is where the checked value is in the scenario file's bytes, for scenarios.Record;
	// the report's JSON leaves it out.
	Span Span `json:"-"`
}

// String formats a check as a line: where, what, expected and found.
func (c Check) String() string {
	if c.Pass {
		return fmt.Sprintf("ok    %s: %s", c.Path, c.Want)
	}
	return fmt.Sprintf("FAIL  %s: %s: expected %s, found %s", c.Pos, c.Path, c.Want, c.Found)
}

// Sample is the count of all users by mode at one moment.
type Sample struct {
	At    Duration         `json:"at"`
	Users map[sim.Mode]int `json:"users"`
}

// Failed returns every check that did not hold, in file order.
func (r *Report) Failed() []Check {
	var out []Check
	for _, s := range r.Steps {
		for _, c := range s.Checks {
			if !c.Pass {
				out = append(out, c)
			}
		}
	}
	for _, c := range r.End {
		if !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// JSON renders the report as indented JSON. The bytes are stable: the same report gives the
// same bytes.
func (r *Report) JSON() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		// Every field is plain data; encoding cannot fail.
		panic("result: encoding a report: " + err.Error())
	}
	return b.Bytes()
}

// TextOptions choose what the human rendering shows.
type TextOptions struct {
	// Output shows every command's console output; without it only the output of steps with
	// a failed check is shown.
	Output bool
}

// Text renders the report for people: the timeline of steps with their checks, failures with
// file:line:column, then RTO, data loss and users by mode.
func (r *Report) Text(opts TextOptions) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s (%s)\n", r.Name, r.File)
	fp := r.Fingerprint
	if len(fp) > 12 {
		fp = fp[:12]
	}
	if r.Topology != "" {
		fmt.Fprintf(&b, "   topology %s (fingerprint %s), seed %d\n", r.Topology, fp, r.Seed)
	} else {
		fmt.Fprintf(&b, "   inline topology (fingerprint %s), seed %d\n", fp, r.Seed)
	}
	for _, s := range r.Steps {
		failed := false
		for _, c := range s.Checks {
			failed = failed || !c.Pass
		}
		if s.Note != "" {
			fmt.Fprintf(&b, "%s  # %s\n", s.Clock.Clock(), oneLine(s.Note))
		}
		who := "PS>"
		if s.Trainee {
			who = "trainee>"
		}
		for _, c := range s.Commands {
			status := ""
			if c.Failed {
				status = "   [error " + OrNone(c.ErrorID) + "]"
			}
			fmt.Fprintf(&b, "%s  %s %s%s\n", c.Clock.Clock(), who, c.Line, status)
			if opts.Output || failed {
				for _, l := range c.Lines {
					fmt.Fprintf(&b, "            %s\n", l.Text)
				}
			}
		}
		if len(s.Commands) == 0 && len(s.Checks) > 0 {
			fmt.Fprintf(&b, "%s  expect\n", s.Clock.Clock())
		}
		for _, c := range s.Checks {
			fmt.Fprintf(&b, "            %s\n", c)
		}
	}
	if len(r.End) > 0 {
		fmt.Fprintf(&b, "%s  end of run\n", r.Clock.Clock())
		for _, c := range r.End {
			fmt.Fprintf(&b, "            %s\n", c)
		}
	}
	b.WriteString(figure("RTO", r.RTO, r.Unrestored))
	b.WriteString(figure("Data loss", r.DataLoss, nil))
	for _, f := range topology.Features {
		if len(r.FeatureRTO[f]) > 0 || len(r.UnrestoredFeatures[f]) > 0 {
			b.WriteString(figure("RTO "+f.Name(), r.FeatureRTO[f], r.UnrestoredFeatures[f]))
		}
	}
	b.WriteString(PolicyText(r.Policy))
	if len(r.Timeline) > 0 {
		b.WriteString("Users by mode:\n")
		for _, s := range r.Timeline {
			fmt.Fprintf(&b, "  %s  %s\n", s.At.Clock(), Distribution(s.Users))
		}
	}
	if r.Passed {
		fmt.Fprintf(&b, "PASS  %d expectations hold\n", r.Checks)
	} else {
		fmt.Fprintf(&b, "FAIL  %d of %d expectations do not hold\n", r.Failures, r.Checks)
	}
	return []byte(b.String())
}

func figure(title string, m map[string]Duration, unrestored []string) string {
	if len(m) == 0 && len(unrestored) == 0 {
		return title + ": none\n"
	}
	var b strings.Builder
	b.WriteString(title + ":\n")
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	skip := map[string]bool{}
	for _, k := range unrestored {
		skip[k] = true
	}
	for _, k := range keys {
		if !skip[k] {
			fmt.Fprintf(&b, "  %-40s %s\n", k, m[k])
		}
	}
	for _, k := range unrestored {
		fmt.Fprintf(&b, "  %-40s not restored\n", k)
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// OrNone is s, or "none" when s is empty: how reports write a value that is missing.
func OrNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Distribution formats users by mode, best mode first, leaving out empty modes.
func Distribution(users map[sim.Mode]int) string {
	var parts []string
	for _, m := range sim.Modes {
		if users[m] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", m, users[m]))
		}
	}
	if len(parts) == 0 {
		return "no users"
	}
	return strings.Join(parts, ", ")
}

// PolicyText writes the recovery-policy verdicts, one line per pool, or nothing when there
// are none: "Recovery policy:" then "  POOL  met: RTO ... on the decision clock, ...".
func PolicyText(vs []topology.Verdict) string {
	if len(vs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("Recovery policy:\n")
	for _, v := range vs {
		fmt.Fprintf(&b, "  %-40s %s\n", v.Pool, v)
	}
	return b.String()
}
