// Package collector is failwright's read-only collector: the PowerShell script an operator
// runs in the Skype for Business Server Management Shell, and the reader of the one JSON file
// it writes. The script calls only Get-Cs* cmdlets among the Skype for Business cmdlets; the
// file holds the published topology and what the topology does not say (backup pools, users
// per registrar pool, the Central Management store, Edge next hops, mirror and Backup Service
// states, builds). docs/import.md ("Collector") documents both.
//
// The package is pure: no I/O. Callers hand it bytes.
package collector

import _ "embed"

//go:embed collect.ps1
var script string

// FormatName is the value of the file's "format" member.
const FormatName = "failwright-collector"

// FormatVersion is the version of the file format the script writes and Parse reads.
const FormatVersion = 1

// Script returns the collector script, Windows PowerShell 3.0 compatible, with CRLF line
// endings as Windows tools expect.
func Script() string { return crlf(script) }

// crlf turns every line ending into CRLF.
func crlf(s string) string {
	out := make([]byte, 0, len(s)+len(s)/32)
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\r':
			continue
		case s[i] == '\n':
			out = append(out, '\r', '\n')
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

// Read is one Skype for Business cmdlet the script calls, with the parameters it passes: what
// the simulator must answer for the round trip.
type Read struct {
	// Cmdlet is the cmdlet's name, for example "Get-CsService".
	Cmdlet string
	// Args are the parameters, for example "-EdgeServer"; "{pool}" stands for each registrar
	// pool's FQDN.
	Args string
	// PerPool is true when the script calls it once for each registrar pool.
	PerPool bool
}

// Reads lists, in the order the script runs them, the Skype for Business cmdlet calls of the
// script.
var Reads = []Read{
	{Cmdlet: "Get-CsTopology", Args: "-AsXml"},
	{Cmdlet: "Get-CsPool"},
	{Cmdlet: "Get-CsPoolBackupRelationship", Args: "-PoolFqdn {pool}", PerPool: true},
	{Cmdlet: "Get-CsUser", Args: "-ResultSize Unlimited"},
	{Cmdlet: "Get-CsService", Args: "-Registrar"},
	{Cmdlet: "Get-CsService", Args: "-CentralManagement"},
	{Cmdlet: "Get-CsManagementStoreReplicationStatus", Args: "-CentralManagementStoreStatus"},
	{Cmdlet: "Get-CsManagementStoreReplicationStatus"},
	{Cmdlet: "Get-CsService", Args: "-EdgeServer"},
	{Cmdlet: "Get-CsDatabaseMirrorState", Args: "-PoolFqdn {pool} -DatabaseType User", PerPool: true},
	{Cmdlet: "Get-CsBackupServiceStatus", Args: "-PoolFqdn {pool} -Category UserData", PerPool: true},
}
