package importer

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"failwright/engine/decode"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// Completion answers what an imported file does not say: users, pairing, the version where
// 2019 and Subscription Edition cannot be told apart, and whatever else a gap asks. Its YAML
// form is described in docs/import.md:
//
//	name: Contoso
//	version: SfBSE            # every pool the file gives as the 2019 code line
//	cms: pool1.contoso.com
//	pools:
//	  pool1.contoso.com: {users: 20000, backupPool: pool2.contoso.com}
//	  pool2.contoso.com: {users: 18000, backupPool: none, version: SfB2019}
//	branches:
//	  sba1.contoso.com: {users: 150, backupRegistrar: pool1.contoso.com}
type Completion struct {
	// Name is the topology's name; empty keeps the default SIP domain.
	Name string
	// Version answers FW1103 for every pool without its own choice.
	Version topology.Version
	// CMS is the FQDN of the Front End pool whose back end holds the active CMS.
	CMS string
	// Pools and Branches hold the answers per pool and per branch, in file order.
	Pools    []PoolAnswer
	Branches []BranchAnswer
	// Pos maps completion paths ("pools[FQDN].users") to positions in the completion file.
	Pos map[string]topology.Pos
}

// PoolAnswer completes one pool. A nil field leaves the question open.
type PoolAnswer struct {
	FQDN string
	// Users is the number of users homed on the pool.
	Users *int
	// BackupPool is the paired pool's FQDN; "" (written "none") says it is not paired.
	BackupPool *string
	// Version sets the pool's version (2019 or SE, or any version for FW1104).
	Version topology.Version
	// NextHop is an Edge pool's next hop, where the file gives none.
	NextHop string
	// Build is the product build the pool's servers run (the collector's file gives it).
	Build string
	// Registrar holds the registrar's timers where they are not the defaults (the
	// collector's file gives them); zero fields leave the pool's as they are.
	Registrar topology.Registrar
}

// BranchAnswer completes one branch appliance.
type BranchAnswer struct {
	FQDN            string
	Users           *int
	BackupRegistrar string
}

// completionLimits bound a completion file as a topology file is bounded.
var completionLimits = decode.Limits{MaxBytes: topofile.MaxInputBytes, MaxDepth: 8}

// DecodeCompletion reads a completion file (YAML or JSON). Every problem is a CodeCompletion
// or CodeBadValue finding with its position.
func DecodeCompletion(name string, data []byte) (*Completion, topology.Findings) {
	docs, p := decode.Parse(data, completionLimits)
	if p != nil {
		msg := p.Message
		switch p.Kind {
		case decode.TooLarge:
			msg = "the file is larger than 1 MiB"
		case decode.UTF16, decode.NotText:
			msg = "the file is not UTF-8 text"
		case decode.TooDeep:
			msg = "the file nests too deeply"
		case decode.DuplicateKey:
			msg = fmt.Sprintf("the key %q appears twice in one mapping", p.Key)
		case decode.Tab:
			msg = "a tab character where YAML allows only spaces"
		}
		return nil, topology.Findings{{Code: CodeCompletion, Severity: topology.Error, Pos: topology.Pos{File: name, Line: p.Pos.Line, Column: p.Pos.Column},
			Message: "the completion file does not decode: " + msg, Fix: "write the completion as docs/import.md shows"}}
	}
	d := &compDecoder{file: name, c: &Completion{Pos: map[string]topology.Pos{}}}
	if len(docs) != 1 {
		return nil, topology.Findings{{Code: CodeCompletion, Severity: topology.Error, Pos: topology.Pos{File: name, Line: 1, Column: 1},
			Message: "the completion file must hold one YAML document", Fix: "write the completion as docs/import.md shows"}}
	}
	d.top(docs[0])
	return d.c, d.fs
}

type compDecoder struct {
	file string
	c    *Completion
	fs   topology.Findings
}

func (d *compDecoder) pos(n *yaml.Node) topology.Pos {
	p := decode.PosOf(n)
	return topology.Pos{File: d.file, Line: p.Line, Column: p.Column}
}

func (d *compDecoder) bad(n *yaml.Node, path, fix, format string, args ...any) {
	d.fs = append(d.fs, topology.Finding{Code: CodeBadValue, Severity: topology.Error, Path: path, Pos: d.pos(n),
		Message: fmt.Sprintf(format, args...), Fix: fix})
}

// entries returns a mapping's entries, reporting keys outside known.
func (d *compDecoder) entries(n *yaml.Node, path string, known ...string) []decode.Entry {
	es, ok := decode.Entries(n)
	if !ok {
		d.bad(n, path, "write key: value pairs here", "expected a mapping, found %s", decode.Describe(n))
		return nil
	}
	var out []decode.Entry
	for _, e := range es {
		k, _ := decode.Scalar(e.Key)
		if known != nil && !containsFold(known, k) {
			d.fs = append(d.fs, topology.Finding{Code: CodeCompletion, Severity: topology.Error, Path: decode.Join(path, k), Pos: d.pos(e.Key),
				Message: fmt.Sprintf("unknown key %q", k), Fix: "use one of: " + strings.Join(known, ", ")})
			continue
		}
		out = append(out, e)
	}
	return out
}

func (d *compDecoder) str(n *yaml.Node, path string) string {
	s, ok := decode.Scalar(n)
	if !ok {
		d.bad(n, path, "give a single value", "expected text, found %s", decode.Describe(n))
	}
	return s
}

func (d *compDecoder) users(n *yaml.Node, path string) *int {
	x, ok, big := decode.Int(n)
	if !ok || big || x < 0 || x > 1<<31-1 {
		d.bad(n, path, "give a whole number of users, such as 20000", "expected a number of users, found %s", decode.Describe(n))
		return nil
	}
	v := int(x)
	return &v
}

func (d *compDecoder) version(n *yaml.Node, path string) topology.Version {
	v := topology.Version(d.str(n, path))
	if !v.Known() {
		d.bad(n, path, "use one of: Lync2013, SfB2015, SfB2019, SfBSE", "unknown version %q", v)
		return ""
	}
	return v
}

func (d *compDecoder) top(n *yaml.Node) {
	c := d.c
	for _, e := range d.entries(n, "", "name", "version", "cms", "pools", "branches") {
		k, _ := decode.Scalar(e.Key)
		c.Pos[k] = d.pos(e.Value)
		switch k {
		case "name":
			c.Name = d.str(e.Value, k)
		case "version":
			c.Version = d.version(e.Value, k)
		case "cms":
			c.CMS = d.str(e.Value, k)
		case "pools":
			for _, p := range d.entries(e.Value, k) {
				c.Pools = append(c.Pools, d.pool(p))
			}
		case "branches":
			for _, b := range d.entries(e.Value, k) {
				c.Branches = append(c.Branches, d.branch(b))
			}
		}
	}
}

func (d *compDecoder) pool(e decode.Entry) PoolAnswer {
	a := PoolAnswer{FQDN: d.str(e.Key, "pools")}
	path := "pools[" + a.FQDN + "]"
	d.c.Pos[path] = d.pos(e.Key)
	for _, f := range d.entries(e.Value, path, "users", "backupPool", "version", "nextHop") {
		k, _ := decode.Scalar(f.Key)
		switch k {
		case "users":
			a.Users = d.users(f.Value, path+".users")
		case "backupPool":
			s := d.str(f.Value, path+".backupPool")
			if strings.EqualFold(s, "none") {
				s = ""
			}
			a.BackupPool = &s
		case "version":
			a.Version = d.version(f.Value, path+".version")
		case "nextHop":
			a.NextHop = d.str(f.Value, path+".nextHop")
		}
	}
	return a
}

func (d *compDecoder) branch(e decode.Entry) BranchAnswer {
	a := BranchAnswer{FQDN: d.str(e.Key, "branches")}
	path := "branches[" + a.FQDN + "]"
	d.c.Pos[path] = d.pos(e.Key)
	for _, f := range d.entries(e.Value, path, "users", "backupRegistrar") {
		k, _ := decode.Scalar(f.Key)
		switch k {
		case "users":
			a.Users = d.users(f.Value, path+".users")
		case "backupRegistrar":
			a.BackupRegistrar = d.str(f.Value, path+".backupRegistrar")
		}
	}
	return a
}
