package topology

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"failwright/engine/digest"
	"failwright/engine/units"
)

// Encode renders t as YAML with the model's field order (the order of docs/topology.md),
// omitting empty optional fields. Decode(Encode(t)) gives t back.
func Encode(t *Topology) ([]byte, error) {
	if t == nil {
		return nil, fmt.Errorf("topology: Encode of a nil topology")
	}
	var b bytes.Buffer
	e := &encoder{b: &b}
	e.mapping(reflect.ValueOf(t).Elem(), 0, false)
	return b.Bytes(), nil
}

// EncodeJSON renders t as indented JSON in the model's field order, omitting empty optional
// fields.
func EncodeJSON(t *Topology) ([]byte, error) {
	if t == nil {
		return nil, fmt.Errorf("topology: EncodeJSON of a nil topology")
	}
	out, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type encoder struct {
	b *bytes.Buffer
}

// field is one key and value to write.
type field struct {
	name string
	v    reflect.Value
}

// fieldsOf lists the fields of struct v that are written, honouring omitempty and omitzero.
func fieldsOf(v reflect.Value) []field {
	var out []field
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitzero") && fv.IsZero() {
			continue
		}
		if strings.Contains(opts, "omitempty") && isEmpty(fv) {
			continue
		}
		out = append(out, field{name, fv})
	}
	return out
}

// isEmpty reports whether v is its type's zero value, which Encode leaves out.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int64:
		return v.Int() == 0
	}
	return false
}

// mapping writes the fields of struct v at the given indentation. When inList is true the
// first line is already started by "- ".
func (e *encoder) mapping(v reflect.Value, indent int, inList bool) {
	fs := fieldsOf(v)
	if len(fs) == 0 {
		e.b.WriteString("{}\n")
		return
	}
	for i, f := range fs {
		if i > 0 || !inList {
			e.b.WriteString(strings.Repeat(" ", indent))
		}
		e.b.WriteString(f.name)
		e.b.WriteString(":")
		e.value(f.v, indent)
	}
}

// value writes the value after "key:".
func (e *encoder) value(v reflect.Value, indent int) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			e.b.WriteString(" null\n")
			return
		}
		e.value(v.Elem(), indent)
	case reflect.Struct:
		if len(fieldsOf(v)) == 0 {
			e.b.WriteString(" {}\n")
			return
		}
		e.b.WriteString("\n")
		e.mapping(v, indent+2, false)
	case reflect.Slice:
		if v.Len() == 0 {
			e.b.WriteString(" []\n")
			return
		}
		e.b.WriteString("\n")
		for i := 0; i < v.Len(); i++ {
			el := v.Index(i)
			e.b.WriteString(strings.Repeat(" ", indent+2))
			e.b.WriteString("-")
			if el.Kind() == reflect.Struct {
				if len(fieldsOf(el)) == 0 {
					e.b.WriteString(" {}\n")
					continue
				}
				e.b.WriteString(" ")
				e.mapping(el, indent+4, true)
				continue
			}
			e.value(el, indent+2)
		}
	case reflect.String:
		e.b.WriteString(" ")
		e.b.WriteString(QuoteYAML(v.String()))
		e.b.WriteString("\n")
	case reflect.Int64:
		if v.Type() != reflect.TypeFor[units.Duration]() {
			panic("topology: encoder cannot handle " + v.Type().String())
		}
		e.b.WriteString(" " + QuoteYAML(units.Duration(v.Int()).String()) + "\n") // a TimeSpan, quoted
	case reflect.Int:
		e.b.WriteString(" " + strconv.FormatInt(v.Int(), 10) + "\n")
	case reflect.Bool:
		e.b.WriteString(" " + strconv.FormatBool(v.Bool()) + "\n")
	default:
		panic("topology: encoder cannot handle " + v.Type().String())
	}
}

// QuoteYAML returns s as a YAML scalar that reads back as the same string: plain when that is
// unambiguous (names, FQDNs, SIP addresses), double-quoted with escapes otherwise.
func QuoteYAML(s string) string {
	if plainSafe(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isBadByte(s, i):
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 || r == 0xfeff || (r >= 0xd800 && r < 0xe000) || r == 0xfffe || r == 0xffff:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// isBadByte reports whether s[i] starts no valid UTF-8 character.
func isBadByte(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size <= 1
}

// plainSafe reports whether s can be written as a YAML plain scalar and read back as the same
// string (and as a string, not a number, boolean or null).
func plainSafe(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '-' || c == '_' || c == '@' || c == '/' || c == ' ' || c == ','
		if !ok {
			return false
		}
	}
	first, last := s[0], s[len(s)-1]
	if first == ' ' || last == ' ' || first == '-' || first == '.' || first == ',' || first == '@' || strings.Contains(s, "  ") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan":
		return false
	}
	// Anything that starts like a number is quoted, so that "2019" stays text.
	if first >= '0' && first <= '9' {
		return false
	}
	return true
}

// Canonical returns the canonical JSON form of t: object keys sorted, no insignificant
// whitespace, defaults applied (platform Physical, back-end HA None, registrar 120/240 s,
// Backup Service 120 s, the routing-group count), FQDNs and SIP addresses lower-cased, sites,
// pools, branches and sample users sorted. Server order is kept: it is meaningful (the quorum
// "first N servers" rule). Descriptions are left out: they do not change behaviour. Two
// topologies with the same Canonical form behave identically in failwright.
func Canonical(t *Topology) []byte {
	c := canonicalCopy(t)
	raw, err := json.Marshal(c)
	if err != nil {
		panic("topology: canonical marshal: " + err.Error()) // plain data: cannot fail
	}
	var generic any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		panic("topology: canonical re-read: " + err.Error())
	}
	out, err := json.Marshal(generic) // maps marshal with sorted keys
	if err != nil {
		panic("topology: canonical marshal: " + err.Error())
	}
	return out
}

// Fingerprint is the SHA-256 of Canonical(t) in lower-case hex. Plans embed it and refuse to
// run against a topology whose fingerprint differs.
func Fingerprint(t *Topology) string {
	sum := digest.SHA256(Canonical(t))
	return hex.EncodeToString(sum[:])
}

// canonicalCopy is a deep copy of t normalised as Canonical describes.
func canonicalCopy(t *Topology) *Topology {
	if t == nil {
		t = &Topology{}
	}
	lc := strings.ToLower
	c := &Topology{
		Name:          t.Name,
		SIPDomain:     lc(t.SIPDomain),
		CMS:           CMS{Pool: lc(t.CMS.Pool)},
		BackupService: BackupService{SyncIntervalSeconds: t.BackupService.EffectiveSyncIntervalSeconds()},
	}
	for _, s := range t.Sites {
		c.Sites = append(c.Sites, Site{Name: s.Name, Region: s.Region})
	}
	sortByJSON(c.Sites, func(s Site) string { return s.Name })
	for i := range t.Pools {
		p := t.Pools[i]
		q := Pool{
			FQDN: lc(p.FQDN), Site: p.Site, Role: p.Role, Version: p.Version, Platform: p.Platform,
			OS: p.OS, Users: p.Users, BackupPool: lc(p.BackupPool), NextHop: lc(p.NextHop),
			FederationRoute: p.FederationRoute,
		}
		if q.Platform == "" {
			q.Platform = Physical
		}
		for _, s := range p.Servers {
			q.Servers = append(q.Servers, Server{FQDN: lc(s.FQDN)})
		}
		for _, u := range p.SampleUsers {
			q.SampleUsers = append(q.SampleUsers, lc(u))
		}
		sort.Strings(q.SampleUsers)
		if p.Role.IsFrontEnd() {
			q.RoutingGroups = RoutingGroupCount(&p)
			q.Registrar = Registrar{
				FailureDetectionSeconds:  p.EffectiveFailureDetectionSeconds(),
				FailbackDetectionSeconds: p.EffectiveFailbackDetectionSeconds(),
			}
		}
		if p.BackEnd != nil {
			be := &BackEnd{FQDN: lc(p.BackEnd.FQDN), Instance: p.BackEnd.Instance, HA: p.BackEnd.HA, Witness: lc(p.BackEnd.Witness)}
			if be.HA == "" {
				be.HA = HANone
			}
			if p.BackEnd.Mirror != nil {
				be.Mirror = &SQLStore{FQDN: lc(p.BackEnd.Mirror.FQDN), Instance: p.BackEnd.Mirror.Instance}
			}
			q.BackEnd = be
		}
		canonicalPoolRecovery(&p, &q)
		c.Pools = append(c.Pools, q)
	}
	sortByJSON(c.Pools, func(p Pool) string { return p.FQDN })
	for _, b := range t.Branches {
		c.Branches = append(c.Branches, Branch{FQDN: lc(b.FQDN), Site: b.Site, Users: b.Users, BackupRegistrar: lc(b.BackupRegistrar)})
	}
	sortByJSON(c.Branches, func(b Branch) string { return b.FQDN })
	canonicalRecovery(t, c)
	return c
}

// sortByJSON sorts elements by key, then by their JSON form, so that the order is total even
// when two elements share a key (an invalid topology can have duplicates).
func sortByJSON[T any](xs []T, key func(T) string) {
	type keyed struct {
		k, j string
		x    T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		j, _ := json.Marshal(x)
		ks[i] = keyed{key(x), string(j), x}
	}
	sort.Slice(ks, func(a, b int) bool {
		if ks[a].k != ks[b].k {
			return ks[a].k < ks[b].k
		}
		return ks[a].j < ks[b].j
	})
	for i := range ks {
		xs[i] = ks[i].x
	}
}
