package topology

// Rule describes one finding code: its default severity, whether strict mode turns it into
// an error, and a short title. docs/validation.md documents every rule; a test keeps the two
// in step.
type Rule struct {
	// Code is the stable identifier, FWaaxx where aa is the area (00 decoding, 01 names and
	// references, 02 pairing, 03 server counts and quorum, 04 capacity, 05 CMS, 06 Edge,
	// 07 back end, registrar and Backup Service, 08 branches, 10 support lifecycle; 09 is
	// the scenario files', 11 the importer's: engine/importer and docs/import.md).
	Code string
	// Severity is the severity in normal mode.
	Severity Severity
	// Strict marks documented-but-unenforced rules: warnings that ValidateStrict reports as
	// errors.
	Strict bool
	// Title says in a few words what the rule checks.
	Title string
}

// Validation codes beyond decoding; see Rules for their titles.
const (
	CodeNoName          = "FW0101"
	CodeBadText         = "FW0102"
	CodeEmptyTopology   = "FW0103"
	CodeMissing         = "FW0104"
	CodeBadFQDN         = "FW0105"
	CodeBadSIP          = "FW0106"
	CodeBadName         = "FW0107"
	CodeDuplicate       = "FW0108"
	CodeDangling        = "FW0109"
	CodeBadEnum         = "FW0110"
	CodeNegative        = "FW0111"
	CodeUsersOnNonFE    = "FW0112"
	CodeEmptySite       = "FW0113"
	CodeBadBuild        = "FW0114"
	CodeBuildVersion    = "FW0115"
	CodePairSelf        = "FW0201"
	CodePairOneWay      = "FW0202"
	CodePairNonFE       = "FW0203"
	CodePairEdition     = "FW0204"
	CodePairPlatform    = "FW0205"
	CodePairOS          = "FW0206"
	CodePairVersion     = "FW0207"
	CodePairSameSite    = "FW0208"
	CodePairBackEndHA   = "FW0209"
	CodePairRegion      = "FW0210"
	CodeUnpaired        = "FW0211"
	CodePairSE2019      = "FW0212"
	CodePairBuilds      = "FW0213"
	CodePairSEOld       = "FW0214"
	CodePairRerunUpdate = "FW0215"
	CodeFewFrontEnds    = "FW0301"
	CodeTwoFE2019       = "FW0302"
	CodeTooManyFEs      = "FW0303"
	CodeStandardServers = "FW0304"
	CodeEvenPool        = "FW0305"
	CodeQuorumUnknown   = "FW0306"
	CodeSingleServer    = "FW0307"
	CodeTooManyDirector = "FW0308"
	CodeNoServers       = "FW0309"
	CodeOverCapacity    = "FW0401"
	CodeOverPoolMax     = "FW0402"
	CodeOverPairedMax   = "FW0403"
	CodeFailoverSizing  = "FW0404"
	CodeNPlusOne        = "FW0405"
	CodeNoCMS           = "FW0501"
	CodeCMSNotFE        = "FW0502"
	CodeCMSUnpaired     = "FW0503"
	CodeNoNextHop       = "FW0601"
	CodeNextHopRole     = "FW0602"
	CodeNextHopPaired   = "FW0603"
	CodeEdgeOnlyField   = "FW0604"
	CodeFederation      = "FW0605"
	CodeNoBackEnd       = "FW0701"
	CodeBackEndRole     = "FW0702"
	CodeMirroring2019   = "FW0703"
	CodeNoMirror        = "FW0704"
	CodeMirrorIgnored   = "FW0705"
	CodeNoWitness       = "FW0706"
	CodeMirrorSame      = "FW0707"
	CodeRegistrarRange  = "FW0711"
	CodeRegistrarShort  = "FW0712"
	CodeRegistrarRole   = "FW0713"
	CodeSyncRange       = "FW0714"
	CodeRegistrarUnused = "FW0716"
	CodeSyncChanged     = "FW0715"
	CodeBranchRegistrar = "FW0801"
	CodeBranchNoDR      = "FW0802"
	CodeEndOfSupport    = "FW1001"
	CodeESUOnly         = "FW1002"
	CodeExtendedSupport = "FW1003"
)

// Rules lists every finding code failwright's topology decoder and validator emit.
var Rules = []Rule{
	{CodeSyntax, Error, false, "the file is not valid YAML or JSON"},
	{CodeUnknownKey, Error, false, "unknown key"},
	{CodeWrongType, Error, false, "value of the wrong kind"},
	{CodeTooLarge, Error, false, "file larger than 1 MiB"},
	{CodeTooDeep, Error, false, "nesting deeper than 32 levels"},
	{CodeNotText, Error, false, "binary data or invalid UTF-8"},
	{CodeUnsupported, Error, false, "YAML anchors, aliases, tags or merge keys"},
	{CodeEmpty, Error, false, "empty file"},
	{CodeMultiDocument, Error, false, "more than one YAML document"},
	{CodeDuplicateKey, Error, false, "duplicate key in a mapping"},
	{CodeParserFailure, Error, false, "the YAML parser failed"},
	{CodeTooMany, Error, false, "too many decoding errors"},

	{CodeNoName, Warning, false, "the topology has no name"},
	{CodeBadText, Error, false, "free text with control characters or too long"},
	{CodeEmptyTopology, Error, false, "no site or no Front End pool"},
	{CodeMissing, Error, false, "required value missing"},
	{CodeBadFQDN, Error, false, "not a valid FQDN"},
	{CodeBadSIP, Error, false, "not a valid SIP address"},
	{CodeBadName, Error, false, "not a valid name"},
	{CodeDuplicate, Error, false, "duplicate name"},
	{CodeDangling, Error, false, "reference to something that does not exist"},
	{CodeBadEnum, Error, false, "unknown role, version, platform or HA value"},
	{CodeNegative, Error, false, "negative number"},
	{CodeUsersOnNonFE, Error, false, "users on a pool that homes no users"},
	{CodeEmptySite, Info, false, "site without pools or branches"},
	{CodeBadBuild, Error, false, "build that is not four numbers"},
	{CodeBuildVersion, Warning, false, "build that does not belong to the pool's version"},

	{CodePairSelf, Error, false, "pool paired with itself"},
	{CodePairOneWay, Error, false, "pairing not 1:1 and reciprocal"},
	{CodePairNonFE, Error, false, "pairing of a pool that is not a Front End pool"},
	{CodePairEdition, Warning, true, "Enterprise Edition paired with Standard Edition"},
	{CodePairPlatform, Warning, true, "physical pool paired with virtual pool"},
	{CodePairOS, Warning, true, "paired pools on different operating systems"},
	{CodePairVersion, Warning, true, "paired pools on different product versions"},
	{CodePairSameSite, Warning, true, "paired pools in the same site"},
	{CodePairBackEndHA, Warning, true, "paired pools with different back-end HA"},
	{CodePairRegion, Warning, true, "paired pools in different regions"},
	{CodeUnpaired, Warning, false, "Front End pool without a backup pool"},
	{CodePairSE2019, Info, false, "2019 pool paired with a Subscription Edition pool"},
	{CodePairBuilds, Warning, true, "paired pools on different builds"},
	{CodePairSEOld, Warning, true, "Subscription Edition paired with 2015 or 2013"},
	{CodePairRerunUpdate, Info, false, "pairing needs the cumulative update installer run again"},

	{CodeFewFrontEnds, Warning, true, "Enterprise pool with fewer than 3 Front End Servers"},
	{CodeTwoFE2019, Error, false, "2-server Enterprise pool on Skype for Business Server 2019"},
	{CodeTooManyFEs, Error, false, "more Front End Servers than the version allows"},
	{CodeStandardServers, Error, false, "Standard Edition pool without exactly one server"},
	{CodeEvenPool, Info, false, "even number of Front End Servers"},
	{CodeQuorumUnknown, Info, false, "2019 pool size with an undocumented start quorum"},
	{CodeSingleServer, Warning, true, "Edge or Director pool with one server"},
	{CodeTooManyDirector, Error, false, "Director pool with more than 10 servers"},
	{CodeNoServers, Error, false, "pool without servers"},

	{CodeOverCapacity, Warning, true, "more users than the pool's servers carry"},
	{CodeOverPoolMax, Warning, true, "more users than a pool of this version may home"},
	{CodeOverPairedMax, Warning, true, "paired pool over the paired-pool maximum"},
	{CodeFailoverSizing, Warning, true, "pool cannot carry both pools' users in a failover"},
	{CodeNPlusOne, Info, false, "losing one Front End Server overloads the others"},

	{CodeNoCMS, Error, false, "no Central Management store pool"},
	{CodeCMSNotFE, Error, false, "CMS on a pool that is not a Front End pool"},
	{CodeCMSUnpaired, Warning, false, "CMS pool without a backup pool"},

	{CodeNoNextHop, Error, false, "Edge pool without an internal next hop"},
	{CodeNextHopRole, Error, false, "Edge next hop not a Front End or Director pool"},
	{CodeNextHopPaired, Info, false, "Edge next hop is a paired Front End pool"},
	{CodeEdgeOnlyField, Error, false, "Edge setting on a pool that is not an Edge pool"},
	{CodeFederation, Warning, true, "more than one federation Edge pool"},

	{CodeNoBackEnd, Error, false, "Enterprise pool without a back end"},
	{CodeBackEndRole, Error, false, "back end on a pool that is not an Enterprise pool"},
	{CodeMirroring2019, Error, false, "SQL mirroring on Skype for Business Server 2019 or Subscription Edition"},
	{CodeNoMirror, Error, false, "mirroring without a mirror server"},
	{CodeMirrorIgnored, Warning, false, "mirror or witness given without HA"},
	{CodeNoWitness, Info, false, "mirroring without a witness"},
	{CodeMirrorSame, Error, false, "mirror or witness is the principal server"},
	{CodeRegistrarRange, Error, false, "registrar interval outside 30 s to 86,400 s"},
	{CodeRegistrarShort, Warning, true, "failure detection shorter than 120 s"},
	{CodeRegistrarRole, Error, false, "registrar settings on a pool that is not a Front End pool"},
	{CodeSyncRange, Error, false, "Backup Service interval outside 5 s to 3 h"},
	{CodeSyncChanged, Info, false, "Backup Service interval changed from 2 minutes"},
	{CodeRegistrarUnused, Info, false, "registrar timers on a pool without a backup pool"},

	{CodeBranchRegistrar, Error, false, "branch backup registrar not a Front End pool"},
	{CodeBranchNoDR, Info, false, "branch users get no pool disaster recovery"},

	{CodeEndOfSupport, Warning, false, "version out of support and security updates"},
	{CodeESUOnly, Warning, false, "version out of support, on extended security updates only"},
	{CodeExtendedSupport, Info, false, "version past mainstream support"},
}

// RuleFor returns the rule of a code, and false when the code is unknown.
func RuleFor(code string) (Rule, bool) {
	for _, r := range Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}
