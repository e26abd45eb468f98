package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/shell"
)

// Key sequences a terminal sends.
const (
	keyUp       = "\x1b[A"
	keyDown     = "\x1b[B"
	keyRight    = "\x1b[C"
	keyLeft     = "\x1b[D"
	keyHome     = "\x1b[H"
	keyEnd      = "\x1b[F"
	keyDelete   = "\x1b[3~"
	keyShiftTab = "\x1b[Z"
	keyBack     = "\x7f"
	keyCtrlC    = "\x03"
	keyCtrlD    = "\x04"
	keyCtrlU    = "\x15"
	keyCtrlW    = "\x17"
	keyCtrlK    = "\x0b"
	keyCtrlA    = "\x01"
	keyCtrlE    = "\x05"
)

// fakeTerminal drives a lineEditor with typed keys and records what it draws and whether raw
// mode was switched on and off around each read.
func fakeTerminal(keys string) (*lineEditor, *bytes.Buffer, *int) {
	var out bytes.Buffer
	ed := newLineEditor(strings.NewReader(keys), &out)
	depth := new(int)
	ed.raw = func() (func(), error) {
		*depth++
		return func() { *depth-- }, nil
	}
	pools := shell.Names{Pools: []string{"atl-cs-001.litwareinc.com", "dfw-cs-001.litwareinc.com"}, Sites: []string{"Atlanta", "Dallas"}}
	ed.complete = func(line string, cursor int) (int, []string) {
		return shell.Default.CompleteWord(line, cursor, "", pools)
	}
	return ed, &out, depth
}

func readAll(t *testing.T, ed *lineEditor) ([]string, error) {
	t.Helper()
	var lines []string
	for {
		l, err := ed.readLine("PS> ")
		if err != nil {
			return lines, err
		}
		lines = append(lines, l)
		ed.addHistory(l)
	}
}

func TestLineEditorKeys(t *testing.T) {
	tests := []struct {
		name string
		keys string
		want []string
	}{
		{"plain lines", "Get-SimState\rWait-SimTime 1:00\n", []string{"Get-SimState", "Wait-SimTime 1:00"}},
		{"crlf is one enter", "a\r\nb\r\n", []string{"a", "b"}},
		{"backspace", "Get-SimStatX" + keyBack + "e\r", []string{"Get-SimState"}},
		{"left and insert", "Get-State" + keyLeft + keyLeft + keyLeft + keyLeft + keyLeft + "Sim\r", []string{"Get-SimState"}},
		{"home end", "SimState" + keyHome + "Get-" + keyEnd + " -x\r", []string{"Get-SimState -x"}},
		{"ctrl-a ctrl-e", "b" + keyCtrlA + "a" + keyCtrlE + "c\r", []string{"abc"}},
		{"delete", "abXc" + keyLeft + keyLeft + keyDelete + "\r", []string{"abc"}},
		{"right stops at the end", "ab" + keyRight + keyRight + "c\r", []string{"abc"}},
		{"ctrl-u kills to the start", "junk" + keyCtrlU + "ok\r", []string{"ok"}},
		{"ctrl-k kills to the end", "okjunk" + keyLeft + keyLeft + keyLeft + keyLeft + keyCtrlK + "\r", []string{"ok"}},
		{"ctrl-w deletes a word", "Get-SimState -Bad  " + keyCtrlW + "\r", []string{"Get-SimState "}},
		{"history up", "one\rtwo\r" + keyUp + keyUp + "\r", []string{"one", "two", "one"}},
		{"history down back to the typed line", "one\rtyp" + keyUp + keyDown + "ed\r", []string{"one", "typed"}},
		{"history does not repeat", "a\ra\r" + keyUp + keyUp + "\r", []string{"a", "a", "a"}},
		{"unicode", "café" + keyBack + "e\r", []string{"cafe"}},
		{"eof ends a partial line", "partial", []string{"partial"}},
		{"tab completes a cmdlet", "Get-SimS\t\r", []string{"Get-SimState"}},
		{"tab completes a parameter", "Invoke-CsPoolFailOver -Disa\t\r", []string{"Invoke-CsPoolFailOver -DisasterMode"}},
		{"tab inserts the common prefix, then cycles", "Invoke-CsPoolF\t\t\r", []string{"Invoke-CsPoolFailBack"}},
		{"tab cycles", "Invoke-CsPoolF\t\t\t\r", []string{"Invoke-CsPoolFailOver"}},
		{"shift-tab cycles back", "Invoke-CsPoolFailOver -PoolFqdn \t" + keyShiftTab + keyShiftTab + "\r", []string{"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com"}},
		{"tab completes pools", "Stop-SimPool d\t\r", []string{"Stop-SimPool dfw-cs-001.litwareinc.com"}},
		{"tab in the middle keeps the tail", "Stop-SimPool a -Whatif" + strings.Repeat(keyLeft, 8) + "\t\r", []string{"Stop-SimPool atl-cs-001.litwareinc.com -Whatif"}},
		{"typing after tab starts afresh", "Get-Sim\tX\r", []string{"Get-SimStateX"}},
		{"no candidate rings the bell", "Nothing\t\r", []string{"Nothing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, _, depth := fakeTerminal(tt.keys)
			lines, err := readAll(t, ed)
			assert.ErrorIs(t, err, io.EOF)
			assert.Equal(t, tt.want, lines)
			assert.Equal(t, 0, *depth, "raw mode is restored after every read")
		})
	}
}

func TestLineEditorControl(t *testing.T) {
	ed, out, _ := fakeTerminal("typed" + keyCtrlC + "next\r" + keyCtrlD)
	_, err := ed.readLine("PS> ")
	assert.ErrorIs(t, err, errInterrupt)
	assert.Contains(t, out.String(), "^C\r\n")
	l, err := ed.readLine("PS> ")
	require.NoError(t, err)
	assert.Equal(t, "next", l, "Ctrl-C drops the typed line")
	_, err = ed.readLine("PS> ")
	assert.ErrorIs(t, err, io.EOF, "Ctrl-D on an empty line ends the session")

	ed, out, _ = fakeTerminal("ab" + keyLeft + "\r")
	_, _ = ed.readLine("PS> ")
	assert.Contains(t, out.String(), "\rPS> ab\x1b[K\x1b[1D", "the cursor is put back one column")

	ed, out, _ = fakeTerminal("Nothing\t\r")
	_, _ = ed.readLine("PS> ")
	assert.Contains(t, out.String(), "\a")
}

func TestLineEditorHistoryLimit(t *testing.T) {
	ed, _, _ := fakeTerminal("")
	ed.maxHistory = 3
	for _, l := range []string{"a", "b", " ", "c", "d"} {
		ed.addHistory(l)
	}
	assert.Equal(t, []string{"b", "c", "d"}, ed.history)
}

func TestLineEditorScrollsLongLines(t *testing.T) {
	ed, out, _ := fakeTerminal("0123456789abcdefghij" + keyHome + "\r")
	ed.width = func() int { return 4 + 1 + 10 } // "PS> " and 10 columns of text
	l, err := ed.readLine("PS> ")
	require.NoError(t, err)
	assert.Equal(t, "0123456789abcdefghij", l)
	got := out.String()
	assert.Contains(t, got, "\rPS> abcdefghij\x1b[K", "the end of a long line is shown while typing")
	assert.Contains(t, got, "\rPS> 0123456789\x1b[K\x1b[10D", "Home scrolls back to the start")
}
