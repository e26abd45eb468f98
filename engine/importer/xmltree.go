package importer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"failwright/engine/topology"
)

// Namespaces of the two formats.
const (
	NSTopology        = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"
	NSWritable        = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008"
	NSTopologyBuilder = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"
)

// node is one XML element: its name, attributes, children and text, and where it starts.
type node struct {
	space, local string
	attrs        []xml.Attr
	kids         []*node
	text         string
	pos          topology.Pos
}

// attr is the value of the attribute named local (in no namespace), or "".
func (n *node) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child is the first child element named local, or nil.
func (n *node) child(local string) *node {
	for _, k := range n.kids {
		if k.local == local {
			return k
		}
	}
	return nil
}

// xmlReader builds the element tree of a document with a streaming decoder, within limits.
type xmlReader struct {
	t      *text
	base   int // offset of the XML in t.s
	elems  int
	failed *topology.Finding
}

// parse reads the XML document src (found at offset base of r.t) into a tree.
func (r *xmlReader) parse(src string) *node {
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = true
	// The text is UTF-8 already; a declaration naming UTF-16 said what the bytes were.
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "utf-16", "utf16", "unicode", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	var root *node
	var stack []*node
	var sb strings.Builder
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.syntax(d, src, err)
			return nil
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			r.elems++
			if r.elems > MaxElements || len(stack) >= MaxDepth {
				r.fail(CodeTooLarge, off, fmt.Sprintf("the file has more than %s elements or nests them more than %d deep, beyond what the importer reads",
					topology.Thousands(MaxElements), MaxDepth), "import the published topology alone, as Get-CsTopology -AsXml writes it")
				return nil
			}
			n := &node{space: tk.Name.Space, local: tk.Name.Local, attrs: tk.Attr, pos: r.t.pos(r.base + off)}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
			sb.Reset()
		case xml.CharData:
			if len(stack) > 0 && len(stack[len(stack)-1].kids) == 0 {
				sb.Write(tk)
			}
		case xml.EndElement:
			n := stack[len(stack)-1]
			if len(n.kids) == 0 {
				n.text = strings.TrimSpace(sb.String())
			}
			sb.Reset()
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		r.fail(CodeXMLSyntax, 0, "the file holds no XML element", "give the output of Get-CsTopology -AsXml or a .tbxml file")
	}
	return root
}

// syntax records an XML syntax error at the decoder's position.
func (r *xmlReader) syntax(d *xml.Decoder, src string, err error) {
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
	}
	off := int(d.InputOffset())
	r.fail(CodeXMLSyntax, min(off, len(src)), "invalid XML: "+msg, "correct the XML at this position (or export the topology again)")
}

func (r *xmlReader) fail(code string, off int, msg, fix string) {
	r.failed = &topology.Finding{Code: code, Severity: topology.Error, Pos: r.t.pos(r.base + off), Message: msg, Fix: fix}
}
