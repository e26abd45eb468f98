package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

const topologies = "../../scenarios/topologies/"

var topologyHeader = regexp.MustCompile(`(?m)^# topology: (\S+)$`)

// TestShellTranscripts pipes each testdata/shell/*.ps1 script into "failwright shell" and
// compares the whole console output and the exit code with the .golden file next to it. The
// script names its topology in a "# topology: FILE" comment (a file of scenarios/topologies).
// Run with -update to rewrite the golden files after a deliberate change.
func TestShellTranscripts(t *testing.T) {
	scripts, err := filepath.Glob("testdata/shell/*.ps1")
	require.NoError(t, err)
	require.NotEmpty(t, scripts)
	for _, script := range scripts {
		t.Run(filepath.Base(script), func(t *testing.T) {
			src, err := os.ReadFile(script)
			require.NoError(t, err)
			m := topologyHeader.FindSubmatch(src)
			require.NotNil(t, m, "the script names its topology")
			var out, errOut bytes.Buffer
			code := runMain([]string{"shell", topologies + string(m[1])}, bytes.NewReader(src), &out, &errOut)
			got := out.String() + "[exit " + strconv.Itoa(code) + "]\n"
			assert.Empty(t, errOut.String())
			testkit.Golden(t, strings.TrimSuffix(script, ".ps1")+".golden", got)
		})
	}
}

func TestShellUsage(t *testing.T) {
	for _, args := range [][]string{{"shell"}, {"shell", "a.yaml", "b.yaml"}, {"shell", "--seed", "x", "a.yaml"}, {"shell", "--bogus", "a.yaml"}} {
		var out, errOut bytes.Buffer
		code := runMain(args, strings.NewReader(""), &out, &errOut)
		assert.Equal(t, exitUsage, code, args)
		assert.Contains(t, errOut.String(), "usage: failwright shell TOPOLOGY", args)
	}
}

// TestShellHelp checks that --help prints the usage on standard output and exits 0.
func TestShellHelp(t *testing.T) {
	var out, errs bytes.Buffer
	code := runMain([]string{"shell", "--help"}, strings.NewReader(""), &out, &errs)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out.String(), "usage: failwright shell TOPOLOGY")
	assert.Empty(t, errs.String())
}

func TestShellBadTopology(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("name: x\nsites: [\n"), 0o644))
	var out, errOut bytes.Buffer
	code := runMain([]string{"shell", bad}, strings.NewReader("Get-SimState\n"), &out, &errOut)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut.String(), "bad.yaml:")
	assert.Empty(t, out.String(), "nothing runs on a bad topology")

	code = runMain([]string{"shell", filepath.Join(dir, "missing.yaml")}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut.String(), "missing.yaml")
}

func TestShellExitCodes(t *testing.T) {
	run := func(script string, extra ...string) (string, int) {
		var out, errOut bytes.Buffer
		args := append([]string{"shell", topologies + "lync2013-pair.yaml"}, extra...)
		code := runMain(args, strings.NewReader(script), &out, &errOut)
		return out.String(), code
	}
	out, code := run("Get-CsPoolBackupRelationship -PoolFqdn red-pool-01.contoso.com\n")
	assert.Equal(t, exitOK, code, out)
	_, code = run("Get-CsPoolBackupRelationship -PoolFqdn red-pool-01.contoso.com\nNo-Such-Cmdlet\nGet-SimState\n")
	assert.Equal(t, exitFail, code, "one failed command makes the script fail")
	out, code = run("exit\nNo-Such-Cmdlet\n")
	assert.Equal(t, exitOK, code, "nothing after exit runs")
	assert.Equal(t, "PS failwright> exit\n", out)
	out, code = run("Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -Confirm")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasSuffix(out, "(default is \"Y\"): \n"), "an unanswered question ends the line: %q", out)
	out, _ = run("", "--seed", "7")
	assert.Empty(t, out)
	// CRLF scripts and a continuation at the very end of the input.
	out, code = run("Get-CsPoolBackupRelationship `\r\n  -PoolFqdn red-pool-01.contoso.com\r\nGet-SimState `")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, out, "PS failwright> Get-CsPoolBackupRelationship `\n>>   -PoolFqdn red-pool-01.contoso.com\n")
	assert.Contains(t, out, "IncompleteContinuation")
}

func TestShellColor(t *testing.T) {
	var out, errOut bytes.Buffer
	code := runMain([]string{"shell", "--color", topologies + "lync2013-pair.yaml"}, strings.NewReader("Nope\n"), &out, &errOut)
	assert.Equal(t, exitFail, code)
	assert.Contains(t, out.String(), "\x1b[91mNope : The term 'Nope' is not recognized")
	assert.Contains(t, out.String(), "PS failwright> Nope\n", "the echoed line is not styled")

	out.Reset()
	runMain([]string{"shell", topologies + "lync2013-pair.yaml", "--color", "--no-color"}, strings.NewReader("Nope\n"), &out, &errOut)
	assert.NotContains(t, out.String(), "\x1b[")
}

func TestOneLine(t *testing.T) {
	assert.Equal(t, "Invoke-CsPoolFailOver -PoolFqdn p -Force", oneLine("Invoke-CsPoolFailOver `\n  -PoolFqdn p `\r\n  -Force"))
	assert.Equal(t, "Get-SimState", oneLine("Get-SimState"))
}

func TestShellInteractive(t *testing.T) {
	s, _ := startShell(shellOptions{file: topologies + "lync2013-pair.yaml", seed: 1}, io.Discard)
	require.NotNil(t, s)
	keys := "Get-CsPoolBack\t -PoolFqdn r\t\r" +
		"Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -Confirm\r" + "n\r" +
		"Get-SimState `\r" + "  -Bogus\r" +
		"history\r" + "Nope\r" + "exit\r" + "Get-SimState\r"
	ed, out, depth := fakeTerminal(keys)
	sh := &shellSession{sim: s, out: out, color: true, names: s.Names}
	code := sh.interactive(ed)
	assert.Equal(t, exitFail, code)
	assert.Equal(t, 0, *depth)
	got := out.String()
	assert.Contains(t, got, "\rPS failwright> Get-CsPoolBackupRelationship -PoolFqdn red-pool-01.contoso.com\x1b[K\r\n", "tab completed the cmdlet and the pool")
	assert.Contains(t, got, "BackupPoolFqdn : chi-pool-01.contoso.com")
	assert.Contains(t, got, "\r[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): n\x1b[K", "the question is the editor's prompt, so redrawing keeps it")
	assert.Contains(t, got, ">> ", "a continuation prompt")
	assert.Contains(t, got, "\x1b[91mGet-SimState : A parameter cannot be found that matches parameter name 'Bogus'.\x1b[0m")
	assert.Contains(t, got, "1  Get-CsPoolBackupRelationship -PoolFqdn red-pool-01.contoso.com\n")
	assert.Contains(t, got, "3  Get-SimState -Bogus\n", "a continued statement is one history entry")
	assert.NotContains(t, got, "Virtual time", "nothing after exit runs")
}

var docExample = regexp.MustCompile("(?s)<!-- example: (\\S+) -->\n```text\n(.*?)```")

// scriptOf rebuilds the piped script from a transcript: the lines after the prompts and the
// answers after a confirmation question.
func scriptOf(transcript string) string {
	var b strings.Builder
	for _, l := range strings.Split(transcript, "\n") {
		switch {
		case strings.HasPrefix(l, shellPrompt):
			b.WriteString(strings.TrimPrefix(l, shellPrompt) + "\n")
		case strings.HasPrefix(l, continuationPrompt):
			b.WriteString(strings.TrimPrefix(l, continuationPrompt) + "\n")
		case strings.Contains(l, `(default is "Y"): `):
			b.WriteString(l[strings.Index(l, `(default is "Y"): `)+len(`(default is "Y"): `):] + "\n")
		}
	}
	return b.String()
}

// TestDocsExamples runs the transcripts of docs/shell.md: the input lines are piped into the
// shell and the output must be the transcript; -update rewrites them.
func TestDocsExamples(t *testing.T) {
	const docs = "../../docs/shell.md"
	data, err := os.ReadFile(docs)
	require.NoError(t, err)
	doc := string(data)
	ms := docExample.FindAllStringSubmatchIndex(doc, -1)
	require.NotEmpty(t, ms)
	var b strings.Builder
	last := 0
	for _, m := range ms {
		topo, body := doc[m[2]:m[3]], doc[m[4]:m[5]]
		var out, errOut bytes.Buffer
		runMain([]string{"shell", topologies + topo}, strings.NewReader(scriptOf(body)), &out, &errOut)
		b.WriteString(doc[last:m[4]] + out.String())
		last = m[5]
	}
	b.WriteString(doc[last:])
	testkit.Golden(t, docs, b.String())
}

// TestShellScriptEchoEscapesFormatCharacters: a piped script's lines are echoed with format
// characters escaped (a right-to-left override would reorder what the operator reads), as
// the errors they cause are.
func TestShellScriptEchoEscapesFormatCharacters(t *testing.T) {
	var out, errb bytes.Buffer
	script := "Get-CsPool -Identity 'x\u202Ey'\n"
	runMain([]string{"shell", topologies + "litwareinc.yaml"}, strings.NewReader(script), &out, &errb)
	assert.NotContains(t, out.String(), "\u202E", "no raw override reaches the terminal")
	assert.Contains(t, out.String(), shellPrompt+`Get-CsPool -Identity 'x\u202Ey'`)
}
