package sim

import (
	"strings"
	"testing"
)

// fuzzTopologies are the topologies FuzzExec picks from.
var fuzzTopologies = []string{
	litware,
	"../samples/unpaired.yaml",
	"../samples/standard-pair.yaml",
	"../samples/sfb2019-16fe.yaml",
	"../samples/mixed-version.yaml",
	"../samples/lync2013-pair.yaml",
	"testdata/topologies/quorum.yaml",
}

// FuzzExec feeds arbitrary lines to Exec after a few valid ones: it must never panic, virtual
// time must never go back, and the users by mode must always add up to every user.
func FuzzExec(f *testing.F) {
	for _, seed := range []string{
		"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode",
		"Stop-SimSite -Site Atlanta",
		"Wait-SimTime 00:05:00",
		"Invoke-CsPoolFailBack -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode -Force",
		"Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -Force",
		"Set-CsRegistrar -Identity Registrar:atl-cs-001.litwareinc.com -PoolState FailedOver",
		"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -cf",
		"Stop-SimServer atl-fe-01.litwareinc.com; Stop-SimServer atl-fe-02.litwareinc.com; Stop-SimServer atl-fe-03.litwareinc.com",
		"Start-CsPool -PoolFqdn atl-cs-001.litwareinc.com -QuorumLossRecovery",
		"Disconnect-SimSite -Site Atlanta -To Dallas",
		"Get-SimState",
		"Get-CsPoolFabricState -PoolFqdn atl-cs-001.litwareinc.com",
		"Invoke-CsPoolFailOver -PoolFqdn \"atl",
		"`\n",
		"Wait-SimTime -Minutes -5",
		"Reset-CsPoolRegistrarState -PoolFqdn dfw-cs-001.litwareinc.com -ResetType FullReset -Force",
		"Invoke-CsComputerFailOver atl-fe-02.litwareinc.com -Force -WhatIf",
		"Invoke-CsComputerFailBack atl-fe-02.litwareinc.com -NoStart",
		"Set-CsBackupServiceConfiguration -SyncInterval 00:00:05",
		"Stop-SimEdgePool atl-edge-001.litwareinc.com; Move-SimFederationRoute dfw-edge-001.litwareinc.com",
		"Get-Command *Pool* -Verb Invoke",
		"Reset-CsPoolRegistrarState -PoolFqdn atl-cs-001.litwareinc.com\nGet-SimState",
		"exit 3",
	} {
		for k := range fuzzTopologies {
			f.Add(seed, "Wait-SimTime 00:02:00", uint8(k))
		}
	}
	for _, seed := range hostileLines {
		f.Add(seed, "Get-SimState", uint8(0))
	}
	f.Add("Get-CsBackupServiceStatus -PoolFqdn sea-se-01.tailspintoys.com -Category RGS", "Get-SimState", uint8(2))
	var bases []*Sim
	for _, file := range fuzzTopologies {
		base, err := New(loadTopology(f, file), Options{Seed: 3})
		if err != nil {
			f.Fatal(err)
		}
		base.ExecAll("Set-CsEdgeServer -Identity EdgeServer:atl-edge-001.litwareinc.com -Registrar Registrar:dfw-cs-001.litwareinc.com")
		bases = append(bases, base)
	}
	f.Fuzz(func(t *testing.T, a, b string, k uint8) {
		s := bases[int(k)%len(bases)].Clone()
		prev := s.Now()
		for _, line := range append(strings.Split(a, "\n"), b) {
			s.Exec(line)
			if s.Now() < prev {
				t.Fatalf("time went back after %q", line)
			}
			prev = s.Now()
			total := 0
			snap := s.Snapshot()
			for _, p := range snap.Pools {
				for _, n := range p.Users {
					total += n
				}
			}
			for _, br := range snap.Branches {
				for _, n := range br.Users {
					total += n
				}
			}
			if total != s.x.totalUsers {
				t.Fatalf("users add up to %d, want %d, after %q", total, s.x.totalUsers, line)
			}
			sum := 0
			for _, n := range s.countsMap() {
				sum += n
			}
			if sum != s.x.totalUsers {
				t.Fatalf("timeline counts add up to %d after %q", sum, line)
			}
		}
	})
}
