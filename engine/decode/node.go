package decode

import (
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// PosOf is where n starts: a scalar's first character (its quote, or its | or > indicator),
// the first key of a block mapping, the '{' or '[' of a flow collection, the first '-' of a
// block list. It is the zero Pos for nil.
func PosOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{n.Line, max(n.Column, 1)}
}

// Entry is one key and its value in a mapping.
type Entry struct{ Key, Value *yaml.Node }

// Entries returns the entries of a mapping in file order, or false when n is not a mapping.
func Entries(n *yaml.Node) ([]Entry, bool) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, false
	}
	out := make([]Entry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, Entry{n.Content[i], n.Content[i+1]})
	}
	return out, true
}

// Items returns the elements of a list, or false when n is not a list.
func Items(n *yaml.Node) ([]*yaml.Node, bool) {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil, false
	}
	return n.Content, true
}

// IsMapping reports whether n is a mapping; IsFlow whether it is written in flow style
// ({...} or [...]).
func IsMapping(n *yaml.Node) bool { return n != nil && n.Kind == yaml.MappingNode }

// IsFlow reports whether a collection is written in flow style: {a: 1} or [a, b].
func IsFlow(n *yaml.Node) bool { return n != nil && n.Style&yaml.FlowStyle != 0 }

// IsNull reports whether n holds nothing: no node, an empty value, ~ or null (unquoted).
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// Scalar returns a scalar's text as written (unquoted and unescaped), and false for a
// mapping, a list, an alias or a null.
func Scalar(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || IsNull(n) {
		return "", false
	}
	return n.Value, true
}

// Int returns the whole number an unquoted integer scalar holds. ok is false when n is not an
// integer; tooLarge is true when it is one (or an unquoted run of digits) that does not fit
// in 64 bits.
func Int(n *yaml.Node) (v int64, ok, tooLarge bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, false, false
	}
	switch n.ShortTag() {
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		sign := int64(1)
		if rest, neg := strings.CutPrefix(s, "-"); neg {
			s, sign = rest, -1
		} else {
			s = strings.TrimPrefix(s, "+")
		}
		base := 10
		switch {
		case strings.HasPrefix(s, "0x"), strings.HasPrefix(s, "0X"):
			s, base = s[2:], 16
		case strings.HasPrefix(s, "0o"), strings.HasPrefix(s, "0O"):
			s, base = s[2:], 8
		case strings.HasPrefix(s, "0b"), strings.HasPrefix(s, "0B"):
			s, base = s[2:], 2
		case len(s) > 1 && s[0] == '0':
			s, base = s[1:], 8
		}
		u, err := strconv.ParseUint(s, base, 63)
		if err != nil {
			return 0, true, true
		}
		return sign * int64(u), true, false
	case "!!float":
		digits := strings.TrimPrefix(strings.TrimPrefix(n.Value, "-"), "+")
		if n.Style == 0 && digits != "" && strings.Trim(digits, "0123456789") == "" {
			return 0, true, true
		}
	}
	return 0, false, false
}

// Bool returns the value of an unquoted true or false.
func Bool(n *yaml.Node) (v, ok bool) {
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		return false, false
	}
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	return b, err == nil
}

// Describe names the kind of value n holds, for messages: "a mapping", "a list", "text",
// "a whole number", "a decimal number", "true/false", "null", "an alias".
func Describe(n *yaml.Node) string {
	switch {
	case n == nil:
		return "null"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!int":
		return "a whole number"
	case "!!float":
		return "a decimal number"
	case "!!bool":
		return "true/false"
	case "!!null":
		return "null"
	}
	return "text"
}

// Feature is a YAML feature failwright's files do not use.
type Feature int

// The unsupported features.
const (
	NoFeature Feature = iota
	Anchor            // &name before a value
	Alias             // *name
	Tag               // an explicit tag such as !!binary
	MergeKey          // <<
)

// Unsupported returns the unsupported feature n uses, if any. Its Tag is in n.Tag.
func Unsupported(n *yaml.Node) Feature {
	switch {
	case n == nil:
		return NoFeature
	case n.Kind == yaml.AliasNode:
		return Alias
	case n.Anchor != "":
		return Anchor
	case n.Style&yaml.TaggedStyle != 0:
		return Tag
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!merge":
		return MergeKey
	}
	return NoFeature
}

// Join appends a key to a model path: "pools[a.b]" and "users" make "pools[a.b].users".
func Join(path, key string) string {
	switch {
	case path == "":
		return key
	case key == "":
		return path
	}
	return path + "." + key
}

// Index appends a list index to a model path: "steps" and 2 make "steps[2]".
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
