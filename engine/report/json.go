package report

import (
	"bytes"
	"encoding/json"
)

// marshal encodes a report as indented JSON, without HTML escaping, ending in a newline.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("report: encoding a report: " + err.Error()) // every member of a report encodes
	}
	return b.Bytes()
}

// JSON renders the drill report's data as indented JSON.
func (r *DrillReport) JSON() []byte { return marshal(r) }

// JSON renders the review's data as indented JSON.
func (r *ReviewReport) JSON() []byte { return marshal(r) }
