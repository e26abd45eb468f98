package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"failwright/web/assets"
)

func TestServeUsage(t *testing.T) {
	var out, errb bytes.Buffer
	code := runMain([]string{"serve", "extra"}, nil, &out, &errb)
	if !assets.Built() {
		// Without the app embedded, serve refuses before looking at its arguments' use.
		assert.Contains(t, []int{exitUsage, exitFail}, code)
		return
	}
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errb.String(), "usage: failwright serve")

	errb.Reset()
	code = runMain([]string{"serve", "--bogus"}, nil, &out, &errb)
	assert.Equal(t, exitUsage, code)
}

func TestServeBadAddr(t *testing.T) {
	if !assets.Built() {
		t.Skip("web app not built into web/assets (make web)")
	}
	var out, errb bytes.Buffer
	code := runMain([]string{"serve", "--addr", "256.0.0.1:99999"}, nil, &out, &errb)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errb.String(), "failwright serve:")
}
