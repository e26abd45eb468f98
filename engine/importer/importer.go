package importer

import (
	"strings"

	"failwright/engine/collector"

	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// Format is the kind of file imported.
type Format string

// The formats Import reads.
const (
	Published       Format = "published"        // Get-CsTopology -AsXml, Publish-CsTopology -FileName
	TopologyBuilder Format = "topology-builder" // a .tbxml file
)

// Options are what Import takes besides the file.
type Options struct {
	// Set gives the values of a .ps1 here-string's $variables, by name (case-insensitive).
	Set map[string]string
	// Completion answers the gaps; nil leaves them open.
	Completion *Completion
}

// Result is an import: the topology with the positions of its parts in the file, and the
// findings (malformed input, gaps, notes), sorted.
type Result struct {
	// Document is the imported topology; nil when the input is malformed.
	Document *topofile.Document
	// Format is the kind of file read.
	Format Format
	// Findings are errors of malformed input (IsBadInput), gaps (errors a completion
	// answers) and notes (info).
	Findings topology.Findings
	// Malformed is true when the input cannot be used at all.
	Malformed bool
}

// Gaps reports whether gaps are left open: the topology is usable but incomplete.
func (r Result) Gaps() bool { return !r.Malformed && r.Findings.HasErrors() }

// IsImport reports whether a file is one Import reads rather than a YAML or JSON topology:
// the collector's file (collector.Detect), XML (after a byte-order mark and white space, in UTF-8 or UTF-16), or a PowerShell script
// (by its .ps1 name, or by a here-string holding a Topology element). A UTF-16 file that is
// not XML is left to the YAML decoder, which says how to save it as UTF-8.
func IsImport(name string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(name), ".ps1") || collector.Detect(data) {
		return true
	}
	head := data[:min(len(data), 4096)]
	if len(head) >= 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff) {
		s, f := utf16Text("", head[2:len(head)-len(head)%2], head[0] == 0xfe)
		return f == nil && looksLikeXML(s)
	}
	if looksLikeXML(strings.TrimPrefix(string(head), "\ufeff")) {
		return true
	}
	if !strings.Contains(string(data), "<Topology") {
		return false
	}
	hs, _ := FindHereStrings(string(data))
	_, ok := topologyHereString(hs)
	return ok
}

// Import reads a published topology or a Topology Builder file, bare or in a .ps1
// here-string, or the collector's file (failwright collect), maps it to the model and
// applies the completion.
func Import(name string, data []byte, opt Options) Result {
	if collector.Detect(data) {
		return importCollected(name, data, opt)
	}
	bad := func(fs ...topology.Finding) Result {
		fs2 := topology.Findings(fs)
		fs2.Sort()
		return Result{Findings: fs2, Malformed: true}
	}
	s, f := decodeText(name, data)
	if f != nil {
		return bad(*f)
	}
	t := newText(name, s)
	xmlText, base := s, 0
	if !looksLikeXML(s) {
		hs, open := FindHereStrings(s)
		h, ok := topologyHereString(hs)
		if !ok {
			f := topology.Finding{Code: CodeNoHereString, Severity: topology.Error, Pos: topology.Pos{File: name, Line: 1, Column: 1},
				Message: "the file is neither XML nor a PowerShell script with a here-string (@\" ... \"@) holding a Topology",
				Fix:     "give the output of Get-CsTopology -AsXml, a .tbxml file, or the script that holds one"}
			if open >= 0 {
				f.Pos, f.Message = t.pos(open), "a here-string starts here and has no closing line (\"@ or '@ at the start of a line)"
				f.Fix = "close the here-string"
			}
			return bad(f)
		}
		body := h.Body
		if h.Expandable {
			var fs topology.Findings
			if body, fs = expand(t, h, opt.Set); len(fs) > 0 {
				return bad(fs...)
			}
			t = newText(name, s[:h.Offset]+body+s[h.Offset+len(h.Body):])
		}
		xmlText, base = body, h.Offset
	}
	r := &xmlReader{t: t, base: base}
	root := r.parse(xmlText)
	if r.failed != nil {
		return bad(*r.failed)
	}
	m := newModel()
	m.root = root
	var format Format
	switch {
	case root.local == "Topology" && root.space == NSTopology:
		format = Published
		readPublished(m, root)
	case root.local == "TopologyBuilder" && root.space == NSTopologyBuilder:
		format = TopologyBuilder
		readBuilder(m, root)
	default:
		return bad(topology.Finding{Code: CodeUnknownFormat, Severity: topology.Error, Pos: root.pos,
			Message: "the root element is " + qualified(root) + "; the importer reads Topology in " + NSTopology + " (Get-CsTopology -AsXml) and TopologyBuilder in " + NSTopologyBuilder + " (.tbxml)",
			Fix:     "export the topology with Get-CsTopology -AsXml, or save it from Topology Builder"})
	}
	if len(m.errs) == 0 {
		m.check()
	}
	if len(m.errs) > 0 {
		return bad(m.errs...)
	}
	b := m.build()
	fs := m.noteFindings()
	fs = append(fs, complete(b, opt.Completion)...)
	doc := &topofile.Document{Name: name, Topology: b.t, Source: b.src}
	if bi := badInput(fs); len(bi) > 0 {
		return bad(bi...)
	}
	fs.Sort()
	return Result{Document: doc, Format: format, Findings: fs}
}

// badInput is the findings of malformed input among fs.
func badInput(fs topology.Findings) topology.Findings {
	var out topology.Findings
	for _, f := range fs {
		if IsBadInput(f.Code) {
			out = append(out, f)
		}
	}
	return out
}

// qualified names an element with its namespace.
func qualified(n *node) string {
	if n.space == "" {
		return n.local + " (no namespace)"
	}
	return n.local + " in " + n.space
}
