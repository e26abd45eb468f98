package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode feeds the decoder arbitrary bytes: it must never panic, must report a problem
// with a position, and whatever decodes without errors must run on the fake engine.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("*.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(head + "  - at: 0s\n    run: Get-CsPool\n"))
	f.Add([]byte(hostileScenario(3)))
	f.Add([]byte("goals: {maxFeatureRTO: {meetings: 30m}}\n" + head + "  - expect:\n      pools: {atl-cs-001.litwareinc.com: {missing: [meetings], features: none}}\n      features: {meetings: {without: \"<= 5\", rto: 1h}}\n"))
	f.Add([]byte("steps: [{at: 1m, expect: {pools: {x: {users: {Home: all}}}}}]"))
	f.Add([]byte("name: [\n"))
	f.Add([]byte("&a x: *a"))
	f.Add([]byte("---\na: 1\n---\nb: 2\n"))
	f.Add(flatMapping(2000)) // the hostile flat mapping, small
	// The large sample topology takes a tenth of a second to validate: leave it out so that
	// the fuzzer spends its time on the scenario decoder.
	resolve := func(p string) ([]byte, error) {
		if strings.Contains(p, "large") {
			return nil, errors.New("not used when fuzzing")
		}
		return Resolve(p)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, fs := Decode("f.yaml", data, resolve)
		for _, x := range fs {
			if x.Severity == "error" && x.Pos.File == "" {
				t.Fatalf("error without a file: %v", x)
			}
		}
		if sc == nil || fs.HasErrors() {
			return
		}
		rep, err := Run(sc, Options{NewEngine: newFake})
		if err != nil {
			t.Fatalf("a valid scenario does not run: %v", err)
		}
		_ = rep.JSON()
		_ = rep.Text(TextOptions{Output: true})
		_ = Record(sc, rep)
	})
}
