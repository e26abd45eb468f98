package testkit

import (
	"os"
	"strings"
	"testing"
)

// Transcript is a session file under testdata: a header (every line before the first
// command: comments, or what the session printed before it read anything), then commands,
// each on a line that starts with the prompt, each followed by the output it printed, up to
// the next command line. The file reads as the session did, so it doubles as training
// material.
type Transcript struct {
	Path   string // the file it was read from
	Prompt string // what starts a command line, such as "PS> "
	Header string // the text before the first command line, newlines included
	Steps  []Step
}

// Step is one command of a transcript and the output recorded after it.
type Step struct {
	Line    int    // the command's line in the file, from 1
	Command string // the command, without the prompt
	Output  string // the lines up to the next command, each ending in a newline
}

// Session is what a transcript replays against. Run returns what one command printed, each
// line ending in a newline (or ""); Start, when set, returns what the session prints before
// its first command (it replaces the file's header); End, when set, returns what it prints
// after the last.
type Session struct {
	Start func() string
	Run   func(command string) string
	End   func() string
}

// ReadTranscript reads and parses the transcript at path whose command lines start with
// prompt.
func ReadTranscript(t testing.TB, path, prompt string) *Transcript {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	tr := ParseTranscript(string(data), prompt)
	tr.Path = path
	return tr
}

// ParseTranscript parses a transcript's text.
func ParseTranscript(text, prompt string) *Transcript {
	tr := &Transcript{Prompt: prompt}
	var header, out strings.Builder
	for i, l := range strings.SplitAfter(text, "\n") {
		if l == "" {
			continue
		}
		if cmd, ok := strings.CutPrefix(l, prompt); ok {
			if len(tr.Steps) > 0 {
				tr.Steps[len(tr.Steps)-1].Output = out.String()
				out.Reset()
			}
			tr.Steps = append(tr.Steps, Step{Line: i + 1, Command: strings.TrimSuffix(cmd, "\n")})
			continue
		}
		if len(tr.Steps) == 0 {
			header.WriteString(l)
		} else {
			out.WriteString(l)
		}
	}
	if len(tr.Steps) > 0 {
		tr.Steps[len(tr.Steps)-1].Output = out.String()
	}
	tr.Header = header.String()
	return tr
}

// HeaderValue returns the value of a "# key: value" line of the header, or "".
func (tr *Transcript) HeaderValue(key string) string {
	for _, l := range strings.Split(tr.Header, "\n") {
		if v, ok := strings.CutPrefix(l, "# "+key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Commands returns the transcript's commands in order.
func (tr *Transcript) Commands() []string {
	out := make([]string, len(tr.Steps))
	for i, s := range tr.Steps {
		out[i] = s.Command
	}
	return out
}

// Replay runs every command of the transcript through the session and compares the session
// it makes (header, each prompt and command with what it printed, then the end) with the file,
// as [Golden] does: a diff on a mismatch, the file rewritten with -update.
func (tr *Transcript) Replay(t testing.TB, s Session) {
	t.Helper()
	var b strings.Builder
	if s.Start != nil {
		b.WriteString(s.Start())
	} else {
		b.WriteString(tr.Header)
	}
	for _, st := range tr.Steps {
		b.WriteString(tr.Prompt + st.Command + "\n")
		b.WriteString(s.Run(st.Command))
	}
	if s.End != nil {
		b.WriteString(s.End())
	}
	Golden(t, tr.Path, b.String())
}
