// Package importer reads the topology files Skype for Business Server itself writes and maps
// them to failwright's model: the published topology (Get-CsTopology -AsXml, root Topology in
// urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008, services identified by site, role
// and instance) and Topology Builder's .tbxml (root TopologyBuilder, a PartialTopology in
// urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008, services and clusters
// linked by GUID), as UTF-8 with or without a byte-order mark or UTF-16 with one, or inside a
// PowerShell here-string of a .ps1 file.
//
// What the XML does not say (users per pool, the backup pool, 2019 or Subscription Edition)
// is never invented: each such gap is a finding with its fix, and a Completion supplies the
// answers. Elements failwright does not model become notes. docs/import.md describes both
// formats, the mapping, the completion file and every finding code (FW11xx).
//
// The package is pure: no I/O, no clock. It bounds its cost: MaxInputBytes, MaxElements and
// MaxDepth.
package importer
