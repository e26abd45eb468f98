package ui

import (
	"fmt"
	"reflect"
	"strings"

	"failwright/engine/topology"
	"failwright/engine/units"
)

// The recovery parts a pool failover does not bring back by itself (engine/topology
// recovery.go, docs/recovery.md) are deployment-wide lists. The editor shows every list with
// one generic editor driven by the PartKinds table: a form per kind would cost the page's
// wasm far more than a table row does.

// PartKind describes one deployment-wide list of recovery parts for the generic list editor.
type PartKind struct {
	// ID prefixes the ids of the list's elements ("lb" gives "lb-0-site"); Title heads its
	// section; Noun names one element; Hint says what the part is for.
	ID, Title, Noun, Hint string
	// key is the list's model key ("loadBalancers").
	key string
	// list points at the Topology's slice of the parts (reflection reads and sets it).
	list func(t *topology.Topology) any
	// Fields are one element's fields, the first naming it.
	Fields []PartField
	// path is the topology's model path of element i (SimpleURLPath and the like).
	path func(t *topology.Topology, i int) string
	// rename, when set, renames element i and makes the references follow.
	rename func(t *topology.Topology, i int, name string) int
	// fresh is a new element for a topology.
	fresh func(t *topology.Topology) any
}

// PartField is one field of a recovery part: Key is its model key below the element's path
// ("url"), field the index of its Go field in the element's struct (a test checks that its
// JSON name is Key; an index spares the page reflection's lookup by name), Type "text", "number" or "list" (a
// comma-separated list, applied when the field is left), Opts the source of a select's
// options (see partOptions; "" for none).
type PartField struct {
	Key                            string
	field                          int
	Label, Type, Placeholder, Opts string
}

// PartKinds are the deployment-wide recovery parts the editor lists, in the order it shows
// them: the DNS providers and load balancers first, since simple URLs and pools name them.
var PartKinds = []*PartKind{
	{ID: "dns", Title: "DNS providers", Noun: "DNS provider", key: "dnsProviders", list: func(t *topology.Topology) any { return &t.DNSProviders },
		Hint: "A DNS service that publishes simple URLs and SRV records by GeoDNS with health monitoring. No site: an outside provider that no site failure takes down.",
		Fields: []PartField{
			{"name", 0, "Name", "text", "Contoso GeoDNS", ""},
			{"sites", 1, "Sites hosting its DNS load balancers (comma-separated; empty: outside)", "list", "site names", ""},
		},
		path:   (*topology.Topology).DNSProviderPath,
		rename: (*topology.Topology).RenameDNSProvider,
		fresh: func(t *topology.Topology) any {
			return topology.DNSProvider{Name: freshName(len(t.DNSProviders), "DNS provider ", func(n string) bool { return t.DNSProviderByName(n) != nil })}
		}},
	{ID: "lb", Title: "Load balancers", Noun: "load balancer", key: "loadBalancers", list: func(t *topology.Topology) any { return &t.LoadBalancers },
		Hint: "A hardware load balancer in front of pools' web services (a pool's form names it).",
		Fields: []PartField{
			{"name", 0, "Name", "text", "atl-hlb", ""},
			{"site", 1, "Site", "text", "site name", "site"},
		},
		path:   (*topology.Topology).LoadBalancerPath,
		rename: (*topology.Topology).RenameLoadBalancer,
		fresh: func(t *topology.Topology) any {
			return topology.LoadBalancer{Name: freshName(len(t.LoadBalancers), "lb", func(n string) bool { return t.LoadBalancerByName(n) != nil }), Site: firstSite(t)}
		}},
	{ID: "url", Title: "Simple URLs", Noun: "simple URL", key: "simpleUrls", list: func(t *topology.Topology) any { return &t.SimpleURLs },
		Hint: "Meet, Dial-in and Admin URLs: a pool failover does not move their DNS names.",
		Fields: []PartField{
			{"url", 1, "URL", "text", "https://meet.example.com", ""},
			{"kind", 0, "Kind", "", "", "kind"},
			{"publishing", 2, "DNS publishing", "", "", "pub"},
			{"dnsProvider", 3, "DNS provider (GeoDNS)", "text", "provider name", "dns"},
			{"pools", 4, "Resolves to pools (comma-separated FQDNs, current target first)", "list", "pool FQDNs", ""},
			{"ttlSeconds", 5, "Record TTL (seconds)", "number", "3600 (default)", ""},
		},
		path: (*topology.Topology).SimpleURLPath,
		fresh: func(t *topology.Topology) any {
			u := topology.SimpleURL{Kind: topology.SimpleURLMeet, URL: "https://meet." + orDefault(t.SIPDomain, "example.com")}
			if fe := firstPool(t, func(p *topology.Pool) bool { return p.Role.IsFrontEnd() }); fe != "" {
				u.Pools = []string{fe}
			}
			return u
		}},
	{ID: "pchat", Title: "Persistent Chat pools", Noun: "Persistent Chat pool", key: "persistentChat", list: func(t *topology.Topology) any { return &t.PersistentChat },
		Hint: "Lync Server 2013 and Skype for Business Server 2015 only: its disaster recovery is a stretched pool with a log-shipped backup database.",
		Fields: []PartField{
			{"fqdn", 0, "Pool FQDN", "text", "pchat.example.com", ""},
			{"site", 1, "Site (active database)", "text", "site name", "site"},
			{"backupSite", 2, "Backup site (log-shipped database)", "text", "site name", "site"},
			{"version", 3, "Version", "", "", "ver"},
			{"nextHop", 5, "Next hop (Front End pool)", "text", "pool FQDN", "fe"},
			{"users", 6, "Users", "number", "0", ""},
		},
		path: (*topology.Topology).PersistentChatPath,
		fresh: func(t *topology.Topology) any {
			return topology.PersistentChatPool{FQDN: fmt.Sprintf("pchat%02d.%s", len(t.PersistentChat)+1, orDefault(t.SIPDomain, "example.com")),
				Site: firstSite(t), Version: topology.SfB2015, NextHop: firstPool(t, func(p *topology.Pool) bool { return p.Role.IsFrontEnd() })}
		}},
	{ID: "xmpp", Title: "XMPP gateways", Noun: "XMPP gateway", key: "xmppGateways", list: func(t *topology.Topology) any { return &t.XMPPGateways },
		Hint: "Lync Server 2013 and Skype for Business Server 2015 only: the Edge pool that carries XMPP federation and its SRV record.",
		Fields: []PartField{
			{"domain", 0, "SIP domain", "text", "example.com", ""},
			{"edgePool", 1, "Edge pool", "text", "Edge pool FQDN", "edge"},
			{"publishing", 2, "DNS publishing", "", "", "pub"},
			{"dnsProvider", 3, "DNS provider (GeoDNS)", "text", "provider name", "dns"},
			{"ttlSeconds", 4, "Record TTL (seconds)", "number", "3600 (default)", ""},
		},
		path: (*topology.Topology).XMPPGatewayPath,
		fresh: func(t *topology.Topology) any {
			return topology.XMPPGateway{Domain: t.SIPDomain, EdgePool: firstPool(t, func(p *topology.Pool) bool { return p.Role == topology.Edge })}
		}},
	{ID: "pstn", Title: "PSTN gateways", Noun: "PSTN gateway", key: "pstnGateways", list: func(t *topology.Topology) any { return &t.PSTNGateways },
		Hint: "A gateway the pools' collocated Mediation Servers route calls to; a failover route reaches a gateway in another site.",
		Fields: []PartField{
			{"fqdn", 0, "Gateway FQDN", "text", "gw.example.com", ""},
			{"site", 1, "Site", "text", "site name", "site"},
			{"mediation", 2, "Mediation on pools (comma-separated FQDNs)", "list", "pool FQDNs", ""},
			{"failoverGateway", 3, "Failover route to gateway", "text", "gateway FQDN", "pstn"},
		},
		path: (*topology.Topology).PSTNGatewayPath,
		fresh: func(t *topology.Topology) any {
			g := topology.PSTNGateway{FQDN: fmt.Sprintf("gw%02d.%s", len(t.PSTNGateways)+1, orDefault(t.SIPDomain, "example.com")), Site: firstSite(t)}
			if fe := firstPool(t, func(p *topology.Pool) bool { return p.Role.IsFrontEnd() }); fe != "" {
				g.Mediation = []string{fe}
			}
			return g
		}},
}

func firstSite(t *topology.Topology) string {
	if len(t.Sites) > 0 {
		return t.Sites[0].Name
	}
	return ""
}

func firstPool(t *topology.Topology, ok func(p *topology.Pool) bool) string {
	for i := range t.Pools {
		if ok(&t.Pools[i]) && t.Pools[i].FQDN != "" {
			return t.Pools[i].FQDN
		}
	}
	return ""
}

// freshName is prefix followed by the first number from n+1 that taken does not refuse.
func freshName(n int, prefix string, taken func(string) bool) string {
	for {
		n++
		if name := prefix + Itoa(n); !taken(name) {
			return name
		}
	}
}

// maxPartRows is how many elements of each list the editor shows.
const maxPartRows = 10

// partList is the reflected list of kind k in t.
func partList(t *topology.Topology, k *PartKind) reflect.Value {
	return reflect.ValueOf(k.list(t)).Elem()
}

// PartCount returns how many elements kind k's list holds.
func (ed *EditorStore) PartCount(k *PartKind) int { return partList(ed.T(), k).Len() }

// VisibleParts returns the indices of kind k's elements the editor shows (maxPartRows at
// most; HiddenParts says how many more there are).
func (ed *EditorStore) VisibleParts(k *PartKind) []int {
	n := min(ed.PartCount(k), maxPartRows)
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// HiddenParts returns how many of kind k's elements the editor leaves out.
func (ed *EditorStore) HiddenParts(k *PartKind) int { return max(0, ed.PartCount(k)-maxPartRows) }

// PartPaths returns the model paths of element i of kind k's field (field "" for the
// element): by its name and by its index, as PoolPaths does.
func (ed *EditorStore) PartPaths(k *PartKind, i int, field string) []string {
	t := ed.T()
	if i < 0 || i >= partList(t, k).Len() {
		return nil
	}
	byName, byIndex := k.path(t, i), fmt.Sprintf("%s[%d]", k.key, i)
	if field == "" {
		return uniq(byName, byIndex)
	}
	return uniq(byName+"."+field, byIndex+"."+field)
}

// partValue is the text a form shows for a field's value.
func partValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Int:
		return numText(int(v.Int()))
	case reflect.Slice:
		if s, ok := v.Interface().([]string); ok {
			return strings.Join(s, ", ")
		}
		return ""
	}
	return v.String()
}

// PartFields are the form fields of element i of kind k, each with the findings at or below
// its path.
func (ed *EditorStore) PartFields(k *PartKind, i int) []Field {
	l := partList(ed.T(), k)
	if i < 0 || i >= l.Len() {
		return nil
	}
	e := l.Index(i)
	out := make([]Field, 0, len(k.Fields))
	for _, f := range k.Fields {
		out = append(out, Field{Key: f.Key, ID: k.ID + "-" + Itoa(i) + "-" + f.Key, Label: f.Label, Type: orDefault(f.Type, "text"),
			Value: partValue(e.Field(f.field)), Placeholder: f.Placeholder, Options: ed.partOptions(f.Opts),
			Change: f.Type == "list" || f.Opts != "", Findings: ed.Under(ed.PartPaths(k, i, f.Key)...)})
	}
	return out
}

// PartOtherFindings returns the findings about element i of kind k that none of its fields
// shows (a duplicate name, say, or a finding about the element as a whole).
func (ed *EditorStore) PartOtherFindings(k *PartKind, i int) []topology.Finding {
	var out []topology.Finding
	fields := map[string]bool{}
	for _, f := range k.Fields {
		for _, p := range ed.PartPaths(k, i, f.Key) {
			fields[p] = true
		}
	}
	for _, f := range ed.Under(ed.PartPaths(k, i, "")...) {
		p := f.Path
		for q := p; q != ""; q = topology.ParentPath(q) {
			if fields[q] {
				p = ""
				break
			}
		}
		if p != "" {
			out = append(out, f)
		}
	}
	return out
}

// PartTitle names element i of kind k in its list, with its findings counted.
func (ed *EditorStore) PartTitle(k *PartKind, i int) string {
	name := partValue(partList(ed.T(), k).Index(i).Field(k.Fields[0].field))
	if name == "" {
		name = "(unnamed " + k.Noun + ")"
	}
	if n := len(ed.Under(ed.PartPaths(k, i, "")...)); n > 0 {
		return name + " · " + units.Plural(n, "finding")
	}
	return name
}

// SetPart sets field key of element i of kind k from the text of its form control. The value
// is kept as typed (only trimmed, names excepted), so that a bad one shows a finding rather
// than being lost; renaming an element that others name makes the references follow.
func (ed *EditorStore) SetPart(k *PartKind, i int, key, v string) {
	ed.edit("edit "+k.Noun+" "+key, k.ID+Itoa(i)+"."+key, func(t *topology.Topology) {
		l := partList(t, k)
		if i < 0 || i >= l.Len() {
			return
		}
		for _, f := range k.Fields {
			if f.Key != key {
				continue
			}
			if key == "name" && k.rename != nil {
				k.rename(t, i, v)
				return
			}
			setValue(l.Index(i).Field(f.field), v)
		}
	})
}

// setValue sets a string, int or []string field from its text.
func setValue(fv reflect.Value, v string) {
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(strings.TrimSpace(v))
	case reflect.Int:
		fv.SetInt(int64(atoiField(v)))
	case reflect.Slice:
		var xs []string
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				xs = append(xs, x)
			}
		}
		fv.Set(reflect.ValueOf(xs))
	}
}

// AddPart appends a new element of kind k, filled from the topology (its first site, its
// first Front End pool).
func (ed *EditorStore) AddPart(k *PartKind) {
	ed.edit("add "+k.Noun, "", func(t *topology.Topology) {
		l := partList(t, k)
		l.Set(reflect.Append(l, reflect.ValueOf(k.fresh(t))))
	})
}

// RemovePart deletes element i of kind k (what names it then shows a finding).
func (ed *EditorStore) RemovePart(k *PartKind, i int) {
	ed.edit("remove "+k.Noun, "", func(t *topology.Topology) {
		l := partList(t, k)
		if i >= 0 && i < l.Len() {
			// A new slice (nil when empty): the undo history keeps the old one.
			nl := reflect.Zero(l.Type())
			for j := 0; j < l.Len(); j++ {
				if j != i {
					nl = reflect.Append(nl, l.Index(j))
				}
			}
			l.Set(nl)
		}
	})
}

// partOptions are the choices of a select whose options come from src: the topology's
// sites ("site"), load balancers ("lb"), DNS providers ("dns"), Front End pools ("fe"),
// Edge pools ("edge"), PSTN gateways ("pstn"), or a fixed list: simple URL kinds ("kind"),
// DNS publishing ("pub"), versions ("ver"). Nil when src is "" or the topology has more
// choices than maxOptions (the field is typed then).
func (ed *EditorStore) partOptions(src string) []Option {
	t := ed.T()
	var names []string
	switch src {
	case "":
		return nil
	case "kind":
		return enumOptions(topology.SimpleURLKinds)
	case "pub":
		return append([]Option{{"", "Manual (default)"}}, enumOptions(topology.Publishings)...)
	case "ver":
		return enumOptions(topology.Versions)
	case "site":
		for _, s := range t.Sites {
			names = append(names, s.Name)
		}
	case "lb":
		for _, b := range t.LoadBalancers {
			names = append(names, b.Name)
		}
	case "dns":
		for _, d := range t.DNSProviders {
			names = append(names, d.Name)
		}
	case "fe":
		names = ed.FrontEndPools(-1)
	case "edge":
		for _, p := range t.Pools {
			if p.Role == topology.Edge && p.FQDN != "" {
				names = append(names, p.FQDN)
			}
		}
	case "pstn":
		for _, g := range t.PSTNGateways {
			names = append(names, g.FQDN)
		}
	}
	return choices("(none)", names, maxOptions)
}

// enumOptions are the options of a select of a string enumeration.
func enumOptions[T ~string](xs []T) []Option {
	out := make([]Option, len(xs))
	for i, x := range xs {
		out[i] = Option{string(x), string(x)}
	}
	return out
}
