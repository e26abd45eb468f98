package engine

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/web/engine/proto"
)

// TestClassDrill checks what a class's trainee page needs of the engine worker: a drill
// started from a scenario's source (the trainer's own file) and a fault injected between
// commands, as the Worker's replay plays it.
func TestClassDrill(t *testing.T) {
	src, err := os.ReadFile("../../scenarios/training-expert-site-loss.yaml")
	require.NoError(t, err)
	var s Server
	r := call(t, &s, proto.Request{ID: 1, Op: proto.OpTrainInject, Line: "Stop-SimSite -Site Dallas"})
	assert.Equal(t, "no drill is running", r.Error)
	r = call(t, &s, proto.Request{ID: 2, Op: proto.OpTrainStart, File: "mine.yaml", Text: string(src)})
	require.Empty(t, r.Error)
	require.NotNil(t, r.Turn.Prompt)
	tests := []struct {
		line, err string
	}{
		{"Wait-SimTime -Minutes 5", "simulator verb"},
		{"Get-CsPool", "not a simulator verb"},
		{"Stop-SimSite -Site Dallas", ""},
	}
	for i, tc := range tests {
		r = call(t, &s, proto.Request{ID: 3 + i, Op: proto.OpTrainInject, Line: tc.line})
		if tc.err != "" {
			assert.Contains(t, r.Error, tc.err, tc.line)
			continue
		}
		require.Empty(t, r.Error)
		require.Len(t, r.Turn.Events, 1)
		assert.Equal(t, "Stop-SimSite -Site 'Dallas'", r.Turn.Events[0].Commands[0].Line)
	}
	r = call(t, &s, proto.Request{ID: 9, Op: proto.OpTrainInput, Line: "Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force"})
	require.NotNil(t, r.Turn.Command)
	assert.True(t, r.Turn.Command.Failed, "with Dallas down too, the CMS cannot move there")
}
