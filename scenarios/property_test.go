package scenarios

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestRecordProperty drives random drills on the Litware sample through the simulator with
// random (mostly wrong) expectations, and checks what --record promises: after recording, the
// scenario decodes and every expectation holds; recording again changes nothing; and two runs
// of the same file give the same bytes.
func TestRecordProperty(t *testing.T) {
	if testing.Short() {
		t.Skip("property test")
	}
	commands := []string{
		"Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com",
		"Start-SimPool -PoolFqdn atl-cs-001.litwareinc.com",
		"Stop-SimServer -Fqdn atl-fe-01.litwareinc.com",
		"Stop-SimSite -Site Atlanta",
		"Start-SimSite -Site Atlanta",
		"Disconnect-SimSite -Site Atlanta -To Dallas",
		"Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -BackupSqlInstanceName rtc -Force",
		"Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com",
		"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode",
		"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com",
		"Invoke-CsPoolFailBack -PoolFqdn atl-cs-001.litwareinc.com",
		"Get-CsPool",
		"Stop-SimEdgePool -PoolFqdn atl-edge-001.litwareinc.com",
		"Start-SimEdgePool -PoolFqdn atl-edge-001.litwareinc.com",
		"Move-SimFederationRoute -PoolFqdn dfw-edge-001.litwareinc.com",
		"Set-CsRegistrar -Identity Registrar:atl-cs-001.litwareinc.com -EdgeServer EdgeServer:dfw-edge-001.litwareinc.com",
		"Invoke-CsComputerFailOver -ComputerName dfw-fe-04.litwareinc.com",
	}
	edges := []string{"atl-edge-001.litwareinc.com", "dfw-edge-001.litwareinc.com"}
	pools := []string{"atl-cs-001.litwareinc.com", "dfw-cs-001.litwareinc.com"}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString(head)
		at := time.Duration(0)
		n := rapid.IntRange(1, 6).Draw(t, "steps")
		for i := 0; i < n; i++ {
			at += time.Duration(rapid.IntRange(0, 90).Draw(t, "minutes")) * time.Minute
			fmt.Fprintf(&b, "  - at: %s   # step %d\n", at, i)
			fmt.Fprintf(&b, "    run: %s\n", rapid.SampledFrom(commands).Draw(t, "command"))
			b.WriteString("    expect:\n")
			b.WriteString("      error: " + rapid.SampledFrom([]string{"none", "any", "FW-EDGE-NEXT-HOP"}).Draw(t, "error") + "\n")
			b.WriteString("      pools:\n")
			for _, p := range pools {
				fmt.Fprintf(&b, "        %s: {health: %s, poolState: %s, users: %s, mediaEdge: %s, serversDrained: %d}\n", p,
					rapid.SampledFrom(healthNames).Draw(t, "health"),
					rapid.SampledFrom(poolStateNames).Draw(t, "poolState"),
					rapid.SampledFrom([]string{"Home", "Backup", "Resiliency", "SignedOut", "{Home: 5, Backup: 0}"}).Draw(t, "users"),
					rapid.SampledFrom(append([]string{"none"}, edges...)).Draw(t, "mediaEdge"),
					rapid.IntRange(0, 2).Draw(t, "serversDrained"))
			}
			for _, e := range edges {
				fmt.Fprintf(&b, "        %s: {externalAccess: %t, federationRoute: %t}\n", e, rapid.Bool().Draw(t, "externalAccess"), rapid.Bool().Draw(t, "federationRoute"))
			}
			lists := []string{"none", "[]", "[" + edges[0] + "]", "[" + edges[1] + ", " + edges[0] + "]"}
			fmt.Fprintf(&b, "      edge: {remoteAccess: %t, federation: %t, federationPool: %s, working: %s, mediaStopped: %s}\n",
				rapid.Bool().Draw(t, "remoteAccess"), rapid.Bool().Draw(t, "federation"),
				rapid.SampledFrom(append([]string{"none"}, edges...)).Draw(t, "federationPool"),
				rapid.SampledFrom(lists).Draw(t, "working"),
				rapid.SampledFrom([]string{"none", "[]", "[" + pools[0] + "]", "[" + pools[0] + ", " + pools[1] + "]"}).Draw(t, "mediaStopped"))
			fmt.Fprintf(&b, "      cms: {activePool: %s, available: %t}\n", rapid.SampledFrom(pools).Draw(t, "cms"), rapid.Bool().Draw(t, "available"))
		}
		fmt.Fprintf(&b, "  - at: %s\n    expect:\n      rto: %dm\n      dataLoss: %dm\n", at+time.Hour,
			rapid.IntRange(0, 60).Draw(t, "rto"), rapid.IntRange(0, 10).Draw(t, "dataLoss"))
		src := b.String()

		sc, fs := Decode("p.yaml", []byte(src), Resolve)
		if fs.HasErrors() {
			t.Fatalf("generated scenario does not decode: %v\n%s", fs, src)
		}
		rep, err := Run(sc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Run(sc, Options{})
		if string(rep.JSON()) != string(again.JSON()) {
			t.Fatal("two runs of the same scenario differ")
		}
		res := Record(sc, rep)
		unrecorded := map[string]bool{} // a pool never restored has no RTO to write down
		for _, s := range res.Skipped {
			if !strings.Contains(s, "steps[") || !strings.Contains(s, ".expect.rto: rto cannot be recorded") {
				t.Fatalf("could not record: %v", res.Skipped)
			}
			unrecorded[skippedPath(s)] = true
		}
		sc2, fs := Decode("p.yaml", res.Source, Resolve)
		if fs.HasErrors() {
			t.Fatalf("recorded scenario does not decode: %v\n%s", fs, res.Source)
		}
		if strings.Count(string(res.Source), "# step") != n {
			t.Fatal("recording lost comments")
		}
		rep2, err := Run(sc2, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep2.Failed() {
			if !unrecorded[c.Path] {
				t.Fatalf("recorded scenario fails: %v\n%s", c, res.Source)
			}
		}
		if string(Record(sc2, rep2).Source) != string(res.Source) {
			t.Fatal("recording a passing scenario changed it")
		}
	})
}

// skippedPath extracts the model path from a Skipped line ("file:l:c: path: why").
func skippedPath(skipped string) string {
	parts := strings.SplitN(skipped, ": ", 3)
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}
