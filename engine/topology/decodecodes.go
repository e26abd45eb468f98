package topology

// Decode-stage finding codes, reported by package topofile as it reads a file; they live here
// with the rule table (Rules). docs/validation.md describes each.
const (
	CodeSyntax        = "FW0001" // the file is not valid YAML or JSON
	CodeUnknownKey    = "FW0002" // a key the model does not have
	CodeWrongType     = "FW0003" // a value of the wrong kind (a list where a name belongs, ...)
	CodeTooLarge      = "FW0004" // the file exceeds topofile.MaxInputBytes (1 MiB)
	CodeTooDeep       = "FW0005" // nesting deeper than topofile.MaxDepth (32)
	CodeNotText       = "FW0006" // binary data: NUL bytes or invalid UTF-8
	CodeUnsupported   = "FW0007" // anchors, aliases, tags or merge keys
	CodeEmpty         = "FW0008" // nothing in the file
	CodeMultiDocument = "FW0009" // more than one YAML document
	CodeDuplicateKey  = "FW0010" // the same key twice in one mapping
	CodeParserFailure = "FW0011" // the YAML library failed unexpectedly
	CodeTooMany       = "FW0012" // decoding stopped after topofile.MaxDecodeFindings findings
)
