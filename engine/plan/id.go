package plan

import (
	"bytes"
	"encoding/json"

	"failwright/engine/nameid"
)

// Namespace is the UUID namespace of plan IDs: the name-based (SHA-1, version 5) UUID of
// "failwright.plan" in the URL namespace.
var Namespace = nameid.SHA1(nameid.URL, []byte("failwright.plan"))

// Canonical returns the canonical content of p that its ID is computed from: the plan's
// compact JSON encoding with the ID left empty, without HTML escaping (the rendered document
// with its whitespace removed). Field order is fixed by the Plan type, and a Plan holds no
// maps, so the bytes are stable.
func Canonical(p *Plan) []byte {
	c := *p
	c.ID = ""
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		// A Plan holds only strings, numbers, booleans, slices and structs: Encode cannot fail.
		panic("plan: cannot encode plan: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// ComputeID returns the name-based UUID (version 5, in Namespace) of p's canonical content.
func ComputeID(p *Plan) string {
	return nameid.SHA1(Namespace, Canonical(p)).String()
}
