package importer

import (
	"strings"
	"testing"

	"failwright/engine/topology"
)

// checkResult holds for every input: no panic, a malformed result has no document and only
// positioned errors, a usable one has a document.
func checkResult(t *testing.T, r Result) {
	if r.Malformed != (r.Document == nil) {
		t.Fatalf("malformed %v with document %v", r.Malformed, r.Document != nil)
	}
	for _, f := range r.Findings {
		if f.Code == "" || f.Message == "" || f.Fix == "" {
			t.Fatalf("incomplete finding %+v", f)
		}
		if r.Malformed && (!f.Pos.IsValid() && f.Pos.File == "") {
			t.Fatalf("malformed input without a position: %v", f)
		}
	}
	if r.Document != nil {
		_ = r.Document.Validate()
		_, _ = topology.Encode(r.Document.Topology)
	}
}

// FuzzPublished fuzzes the published-format reader, seeded with the test files.
func FuzzPublished(f *testing.F) {
	f.Add(readTestdata(f, "litware-published.xml"))
	f.Add(readTestdata(f, "litware-published-utf16.xml"))
	f.Add([]byte(`<Topology xmlns="` + NSTopology + `"><Sites><CentralSite SiteId="1"/></Sites></Topology>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, Import("f.xml", data, Options{}))
	})
}

// FuzzBuilder fuzzes the Topology Builder reader.
func FuzzBuilder(f *testing.F) {
	f.Add(readTestdata(f, "fabrikam.tbxml"))
	f.Add([]byte(`<TopologyBuilder xmlns="` + NSTopologyBuilder + `"><NewTopology><PartialTopology/></NewTopology></TopologyBuilder>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, Import("f.tbxml", data, Options{Completion: &Completion{Version: topology.SfBSE}}))
	})
}

// FuzzHereString fuzzes the here-string extractor and the variable expansion.
func FuzzHereString(f *testing.F) {
	f.Add(string(readTestdata(f, "publish.ps1")), "PoolFqdn", "a.b.com")
	f.Add("$x = @'\n<Topology/>\n'@\n", "", "")
	f.Add("@\"\n`$a ${b} $(c) $d:e\n\"@", "b", "<")
	f.Fuzz(func(t *testing.T, script, name, value string) {
		hs, open := FindHereStrings(script)
		for _, h := range hs {
			if h.Offset < 0 || h.Offset+len(h.Body) > len(script) || script[h.Offset:h.Offset+len(h.Body)] != h.Body {
				t.Fatalf("here-string %+v is not part of the script", h)
			}
		}
		if open > len(script) {
			t.Fatalf("unterminated offset %d past the end", open)
		}
		for _, v := range scanVariables(script) {
			if v.off < 0 || v.end > len(script) || v.off >= v.end {
				t.Fatalf("variable %+v out of range", v)
			}
		}
		set := map[string]string{name: value}
		r := Import("f.ps1", []byte(script), Options{Set: set})
		checkResult(t, r)
		if strings.Contains(script, "\x00") && r.Document != nil && r.Format == "" {
			t.Fatal("a document without a format")
		}
	})
}
