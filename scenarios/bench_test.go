package scenarios

import (
	"io/fs"
	"testing"
)

// BenchmarkDecode measures decoding a library scenario, topology included.
func BenchmarkDecode(b *testing.B) {
	data, err := fs.ReadFile(library, "official-disaster-procedure.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, fs := Decode("official-disaster-procedure.yaml", data, Resolve); fs.HasErrors() {
			b.Fatal(fs)
		}
	}
}

// BenchmarkRun measures running a library scenario on the simulator and rendering its report.
func BenchmarkRun(b *testing.B) {
	sc, fs := Load("site-loss.yaml")
	if fs.HasErrors() {
		b.Fatal(fs)
	}
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Run(sc, Options{})
		if err != nil {
			b.Fatal(err)
		}
		_ = rep.JSON()
	}
}

// BenchmarkLibrary measures listing the library (the browser lists it on its scenarios tab).
func BenchmarkLibrary(b *testing.B) {
	for b.Loop() {
		if len(Library()) == 0 {
			b.Fatal("empty library")
		}
	}
}
