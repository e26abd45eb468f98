package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCollect(t *testing.T) {
	r := Collect()
	assert.True(t, strings.HasPrefix(string(r.Script), "<#\r\nfailwright collector"), "the script starts with its header")
	assert.Contains(t, string(r.Script), ".\\"+r.FileName, "the header's usage line runs the file under the name it is saved as")
	assert.Equal(t, "failwright-collect.ps1", r.FileName)
}
