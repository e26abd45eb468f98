package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
)

func TestCollectCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "c.ps1")
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		wantFile bool
	}{
		{"prints the script", []string{"collect"}, exitOK, "Get-CsTopology -AsXml", "", false},
		{"help", []string{"collect", "--help"}, exitOK, "usage: failwright collect", "", false},
		{"to a file", []string{"collect", "-o", out}, exitOK, "", "wrote " + out, true},
		{"bad argument", []string{"collect", "x"}, exitUsage, "", `unexpected argument "x"`, false},
		{"-o without a file", []string{"collect", "-o"}, exitUsage, "", "unexpected argument", false},
		{"unwritable", []string{"collect", "-o", filepath.Join(dir, "no", "c.ps1")}, exitUsage, "", "cannot write", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runMain(tc.args, nil, &stdout, &stderr)
			assert.Equal(t, tc.code, code, stderr.String())
			assert.Contains(t, stdout.String(), tc.stdout)
			assert.Contains(t, stderr.String(), tc.stderr)
			if tc.wantFile {
				b, err := os.ReadFile(out)
				require.NoError(t, err)
				assert.Equal(t, app.Collect().Script, b)
			}
		})
	}
}
