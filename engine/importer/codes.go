package importer

import "failwright/engine/topology"

// Finding codes of the importer. docs/import.md documents each; a test keeps the two in step.
const (
	// Gaps: what the file does not say. Errors, so that an import with open gaps fails
	// (exit 1) until a completion answers them.
	CodeUsers           = "FW1101" // users per Front End pool or branch
	CodeBackupPool      = "FW1102" // a Front End pool's backup pool (pairing)
	CodeVersionChoice   = "FW1103" // 2019 or Subscription Edition
	CodeVersionUnknown  = "FW1104" // a service version failwright does not know
	CodeBackupRegistrar = "FW1105" // a branch appliance's backup registrar
	CodeCMS             = "FW1107" // no active Central Management store found
	CodeNextHop         = "FW1108" // an Edge pool without a dependency on a registrar

	// Malformed input: the file cannot be used (exit 2).
	CodeXMLSyntax     = "FW1120" // not well-formed XML
	CodeUnknownFormat = "FW1121" // an unknown root element or namespace
	CodeDangling      = "FW1122" // a GUID, service or cluster reference that names nothing
	CodeUnresolved    = "FW1123" // a $Variable of a here-string with no value
	CodeTooLarge      = "FW1124" // over MaxInputBytes, MaxElements or MaxDepth
	CodeNotText       = "FW1125" // not UTF-8 or UTF-16 text
	CodeNoHereString  = "FW1126" // a .ps1 without a here-string holding a topology
	CodeUnknownName   = "FW1127" // a completion names a pool or branch the import does not have
	CodeCompletion    = "FW1128" // a completion file that does not decode
	CodeBadValue      = "FW1129" // a completion value of the wrong kind
	CodeMissingPart   = "FW1130" // a required element or attribute is missing
	CodeCollector     = "FW1131" // a collector file that does not decode

	// Notes: elements read but not modelled.
	CodeNotModelled = "FW1150" // elements failwright does not model
	CodeDomains     = "FW1151" // fault and upgrade domains of a pool's servers
	CodeCollocated  = "FW1152" // roles collocated on a pool that failwright does not model
)

// Rule describes one importer finding code for the documentation test.
type Rule struct {
	Code     string
	Severity topology.Severity
	// Gap marks the codes a Completion answers; BadInput the codes of malformed input.
	Gap, BadInput bool
	Title         string
}

// Rules lists every importer code.
var Rules = []Rule{
	{CodeUsers, topology.Error, true, false, "users per Front End pool or branch are not in the file"},
	{CodeBackupPool, topology.Error, true, false, "a Front End pool's backup pool is not in the file"},
	{CodeVersionChoice, topology.Error, true, false, "the file cannot tell 2019 from Subscription Edition"},
	{CodeVersionUnknown, topology.Error, true, false, "a service version failwright does not know"},
	{CodeBackupRegistrar, topology.Error, true, false, "a branch appliance has no backup registrar"},
	{CodeCMS, topology.Error, true, false, "no active Central Management store"},
	{CodeNextHop, topology.Error, true, false, "an Edge pool without a next hop"},
	{CodeXMLSyntax, topology.Error, false, true, "not well-formed XML"},
	{CodeUnknownFormat, topology.Error, false, true, "unknown root element or namespace"},
	{CodeDangling, topology.Error, false, true, "a reference that names nothing"},
	{CodeUnresolved, topology.Error, false, true, "a here-string variable without a value"},
	{CodeTooLarge, topology.Error, false, true, "too large, too many elements or too deep"},
	{CodeNotText, topology.Error, false, true, "not UTF-8 or UTF-16 text"},
	{CodeNoHereString, topology.Error, false, true, "no here-string holding a topology"},
	{CodeUnknownName, topology.Error, false, true, "a completion names something the import does not have"},
	{CodeCompletion, topology.Error, false, true, "a completion file that does not decode"},
	{CodeBadValue, topology.Error, false, true, "a completion value of the wrong kind"},
	{CodeMissingPart, topology.Error, false, true, "a required element or attribute is missing"},
	{CodeCollector, topology.Error, false, true, "a collector file that does not decode"},
	{CodeNotModelled, topology.Info, false, false, "elements failwright does not model"},
	{CodeDomains, topology.Info, false, false, "fault and upgrade domains, kept as a note"},
	{CodeCollocated, topology.Info, false, false, "collocated roles failwright does not model"},
}

// IsBadInput reports whether code is one of malformed input.
func IsBadInput(code string) bool {
	for _, r := range Rules {
		if r.Code == code {
			return r.BadInput
		}
	}
	return false
}
