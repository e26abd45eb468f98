package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// hostile are names that try to break out of a command or a script.
var hostile = []string{
	"dfw-cs-001.litwareinc.com",
	"dfw-cs-001'.litwareinc.com",
	"dfw-cs-001.litwareinc.com'; Remove-CsPool -Identity 'x",
	"dfw-cs-001.litwareinc.com; Stop-Computer",
	"$(Stop-Computer).litwareinc.com",
	"dfw-cs-001.litwareinc.com`nStop-Computer",
	"dfw-cs-001.litwareinc.com\nStop-Computer",
	"dfw\u2019cs\u2018001.litwareinc.com",
	"dfw\u201ccs.litwareinc.com",
	"dfw-cs-001.litwareinc.com  # fw:step 1",
	"dfw-cs-001.lіtwareinc.com", // Cyrillic i
	"\u202edfw-cs-001.litwareinc.com",
	"dfw-cs-001.litwareinc.com |  Out-Null",
	"-Force",
	"",
}

// FuzzHostileTopology puts hostile names into the litwareinc topology (a pool FQDN, a back
// end, a site, a sample user, the topology's name) and checks the safety promise: either the
// plan is refused before any script exists, or the rendered script's marked command lines,
// parsed back by the shell's parser, are exactly the planned commands with exactly the
// planned values and nothing else.
func FuzzHostileTopology(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "topologies", "litwareinc.yaml"))
	require.NoError(f, err)
	for i, h := range hostile {
		f.Add(uint8(i%5), h)
	}
	f.Fuzz(func(t *testing.T, where uint8, name string) {
		topo, fs := topofile.Decode("litwareinc.yaml", data)
		require.False(t, fs.HasErrors())
		bk := topo.PoolByFQDN(dfw)
		switch where % 5 {
		case 0:
			for i := range topo.Pools {
				p := &topo.Pools[i]
				if p.FQDN == dfw {
					p.FQDN = name
				}
				if p.BackupPool == dfw {
					p.BackupPool = name
				}
				if p.NextHop == dfw {
					p.NextHop = name
				}
			}
		case 1:
			bk.BackEnd.FQDN = name
		case 2:
			bk.Site = name
			topo.Sites[1].Name = name
		case 3:
			topo.PoolByFQDN(atl).SampleUsers[0] = "sip:" + name
		case 4:
			topo.Name = name
		}
		p, fs := plan.Build(topo, plan.Request{Pool: atl, Mode: plan.Disaster, Failback: true})
		if p == nil {
			require.True(t, fs.HasErrors(), "a refused plan says why")
			return
		}
		for _, r := range name {
			dangerous := strings.ContainsRune("'\"`$;|&\n\r(){}<>#", r) || r > 126
			if where%5 == 4 { // free text: only what breaks a line is refused
				dangerous = unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
			}
			if dangerous {
				t.Fatalf("a name with %q was accepted: %q", r, name)
			}
		}
		ps1, err := PowerShell(p)
		require.NoError(t, err)
		assertScriptRunsExactly(t, p, ps1)
	})
}

// fuzzPlan is a small plan whose every text comes from the fuzzer: a check, a change with a
// verification, a manual step and an alternative, with a quoted value in each command.
func fuzzPlan(value, text string) *plan.Plan {
	c := plan.Call{Cmdlet: "Get-CsPoolBackupRelationship", Params: []plan.Param{{Name: "PoolFqdn", Value: value, Quoted: true}}}
	ch := plan.Call{Cmdlet: "Set-CsEdgeServer", Params: []plan.Param{
		{Name: "Identity", Value: "EdgeServer:" + value, Quoted: true},
		{Name: "Registrar", Value: value, Quoted: true},
	}}
	sync := plan.Call{Cmdlet: "Invoke-CsBackupServiceSync", Params: []plan.Param{
		{Name: "PoolFqdn", Value: value, Quoted: true}, {Name: "BackupModule", Value: "ConfServices.DataConf"}}}
	return &plan.Plan{
		FormatVersion: plan.FormatVersion, ID: text, TopologyName: text, Fingerprint: text,
		Request:     plan.Request{Pool: value, Mode: plan.Disaster, Setup: []string{text}},
		BackupPool:  value,
		Assumptions: []plan.Assumption{{Path: "pools[" + value + "].backupPool", Subject: value, Fact: plan.FactBackupPool, Value: text}},
		Steps: []plan.Step{
			{Number: 1, ID: text, Title: text, Kind: plan.KindCheck, Command: c.Line(), Call: &c, Expect: text, Shows: text, Reason: text},
			{Number: 2, ID: "change", Title: text, Kind: plan.KindChange, Command: ch.Line(), Call: &ch, Expect: text, Reason: text, Verify: []plan.Call{c},
				Alternative: text, When: text},
			{Number: 3, ID: "sync", Title: text, Kind: plan.KindChange, Command: sync.Line(), Call: &sync, Expect: text, Reason: text},
			{Number: 4, ID: "manual", Title: text, Kind: plan.KindManual, Instructions: text, Expect: text, Reason: text},
		},
		Findings: topology.Findings{{Code: "PL009", Severity: topology.Warning, Path: text, Message: text, Fix: text}},
	}
}

// FuzzPowerShell renders plans holding arbitrary values and text: the renderer either
// refuses them or writes a script whose marked lines parse back to exactly the planned
// commands.
func FuzzPowerShell(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h)
	}
	f.Add("a", "'; Remove-CsPool #")
	f.Fuzz(func(t *testing.T, value, text string) {
		p := fuzzPlan(value, text)
		ps1, err := PowerShell(p)
		if err != nil {
			require.Error(t, checkPlan(p))
			return
		}
		assertScriptRunsExactly(t, p, ps1)
		again, err := PowerShell(p)
		require.NoError(t, err)
		require.Equal(t, ps1, again, "rendering is deterministic")
	})
}

// FuzzMarkdown renders plans holding arbitrary text: it never panics, and when it renders,
// every step has its checkbox and every command sits whole inside its code block.
func FuzzMarkdown(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h)
	}
	f.Add("a```b", "*[x](javascript:alert(1))*")
	f.Fuzz(func(t *testing.T, value, text string) {
		p := fuzzPlan(value, text)
		md, err := Markdown(p)
		if err != nil {
			require.Error(t, checkPlan(p))
			return
		}
		s := string(md)
		require.Equal(t, len(p.Steps), strings.Count(s, "- [ ] Done ("))
		for _, st := range p.Steps {
			if st.Command != "" {
				require.Contains(t, s, "powershell\n"+st.Command+"\n`")
			}
		}
	})
}

// FuzzParseJSON reads arbitrary documents: it never panics, and whatever it accepts renders
// back to a document that parses to the same plan and renders to the same bytes.
func FuzzParseJSON(f *testing.F) {
	for _, v := range []string{"planned", "failback", "standard-pair"} {
		data, err := os.ReadFile(filepath.Join("testdata", v+".json"))
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"formatVersion":1}`))
	f.Add([]byte(`{"steps":[{"number":1,"duration":"00:00:01"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseJSON(data)
		if err != nil {
			return
		}
		out, err := JSON(p)
		require.NoError(t, err)
		q, err := ParseJSON(out)
		require.NoError(t, err)
		require.Equal(t, p, q)
		again, err := JSON(q)
		require.NoError(t, err)
		require.Equal(t, string(out), string(again))
	})
}

// FuzzJSON renders plans holding arbitrary values and text as JSON: the renderer either
// refuses them or writes a document that reads back to the same plan and renders to the same
// bytes.
func FuzzJSON(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h)
	}
	f.Add("a", "\u2028")
	f.Fuzz(func(t *testing.T, value, text string) {
		p := fuzzPlan(value, text)
		js, err := JSON(p)
		if err != nil {
			require.Error(t, checkPlan(p))
			return
		}
		q, err := ParseJSON(js)
		if err != nil {
			// The only plans JSON writes but ParseJSON refuses are those that break a rule the
			// renderer does not police (here: a bare value that is not a word).
			require.Contains(t, err.Error(), "must be quoted")
			return
		}
		require.Equal(t, p, q)
		again, err := JSON(q)
		require.NoError(t, err)
		require.Equal(t, string(js), string(again))
	})
}
