package analysis

import (
	"os"
	"testing"

	"failwright/engine/topology"
)

func TestQuickLitware(t *testing.T) {
	data, err := os.ReadFile("../../scenarios/topologies/litwareinc.yaml")
	if err != nil {
		t.Skip(err)
	}
	topo, fs := topology.Decode("litwareinc.yaml", data)
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	r, err := Analyze(topo, Options{Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Reference(topo, Options{Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.Write(r.Text())
	if string(r.JSON()) != string(ref.JSON()) {
		os.WriteFile("/tmp/an/fast.json", r.JSON(), 0o644)
		os.WriteFile("/tmp/an/ref.json", ref.JSON(), 0o644)
		t.Fatal("differ")
	}
}
