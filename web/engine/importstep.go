package engine

import (
	"encoding/json"
	"html"
	"path"
	"sort"
	"strconv"
	"strings"

	"failwright/app"
	"failwright/engine/importer"
	"failwright/engine/topology"
	"failwright/web/engine/proto"
	"failwright/web/workspace"
)

// completionName is the name the page's completion has in findings.
const completionName = "the import step"

// importTopology imports a Skype for Business topology file as "failwright import" does,
// with the completion the answers (proto.ImportGaps) make. A complete import is the
// workspace; one with gaps answers the page's "complete the import" step; a file or answers
// that cannot be used are the import's errors (the workspace stays as it was).
func importTopology(name string, data []byte, answers map[string]string) proto.Response {
	req := app.ImportRequest{File: app.Source{Name: path.Base(name), Data: data}}
	if answers != nil {
		c, problems := completion(answers)
		if len(problems) > 0 {
			return proto.Response{ImportErrors: problems}
		}
		req.Completion = &app.Source{Name: completionName, Data: c}
	}
	res := app.Import(req)
	switch res.Status {
	case app.StatusBadInput:
		return proto.Response{ImportErrors: findingLines(res.Findings)}
	case app.StatusFail:
		s := stepOf(res)
		return proto.Response{ImportGaps: &proto.ImportGaps{HTML: s.html(res), Other: s.other}}
	}
	return proto.Response{Workspace: &workspace.Workspace{Topology: res.Document.Topology, Seed: 1, Origin: "import " + path.Base(name)}}
}

// findingLines are the error findings as the CLI prints them, with their fixes.
func findingLines(fs topology.Findings) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == topology.Error {
			out = append(out, f.String()+" (fix: "+f.Fix+")")
		}
	}
	return out
}

// importGap is one pool (or branch) of the step: which of its answers are asked.
type importGap struct {
	FQDN   string
	Branch bool
	Users  bool
	Backup bool
}

// key is the key of the gap's users: the FQDN, or "branch/FQDN".
func (g importGap) key() string {
	if g.Branch {
		return "branch/" + g.FQDN
	}
	return g.FQDN
}

// importStep is the step's questions.
type importStep struct {
	pools []importGap
	// version asks whether the 2019 code line is 2019 or SE.
	version bool
	// other are the gaps the step does not ask.
	other []string
}

// stepOf turns an import's gaps into the step's questions: users and backup pool per pool,
// users per branch, and 2019 or SE; the other gaps are listed for a completion file.
func stepOf(res app.ImportResult) importStep {
	var s importStep
	at := map[string]int{}
	for _, f := range res.Gaps() {
		kind, fqdn, field := gapPath(f.Path)
		switch {
		case f.Code == importer.CodeVersionChoice:
			s.version = true
			continue
		case fqdn == "" || (f.Code != importer.CodeUsers && f.Code != importer.CodeBackupPool):
			s.other = append(s.other, f.String()+" (fix: "+f.Fix+")")
			continue
		}
		key := kind + "/" + fqdn
		i, ok := at[key]
		if !ok {
			i = len(s.pools)
			at[key] = i
			s.pools = append(s.pools, importGap{FQDN: fqdn, Branch: kind == "branches"})
		}
		if field == "users" {
			s.pools[i].Users = true
		} else {
			s.pools[i].Backup = true
		}
	}
	return s
}

// html is the step's form: the page records each field's change by its id ("v", "u/KEY",
// "b/FQDN") and sends the answers back.
func (s importStep) html(res app.ImportResult) string {
	var b strings.Builder
	b.WriteString("<p>The file does not say how many users each pool has, or which pool backs it up.</p>")
	if s.version {
		b.WriteString(`<p><label>The 2019 code line is <select id="v"><option value="">choose…</option>` +
			`<option value="SfB2019">Skype for Business Server 2019</option><option value="SfBSE">Subscription Edition</option></select></label></p>`)
	}
	options := `<option value="">choose…</option><option>none</option>`
	if res.Document != nil {
		for _, p := range res.Document.Topology.Pools {
			if p.Role.IsFrontEnd() {
				options += "<option>" + html.EscapeString(p.FQDN) + "</option>"
			}
		}
	}
	for _, p := range s.pools {
		fqdn := html.EscapeString(p.FQDN)
		b.WriteString("<p><b>" + fqdn + "</b>")
		if p.Users {
			b.WriteString(` <label>users <input inputmode="numeric" id="u/` + html.EscapeString(p.key()) + `"></label>`)
		}
		if p.Backup {
			b.WriteString(` <label>backup pool <select id="b/` + fqdn + `">` + options + `</select></label>`)
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// gapPath splits "pools[FQDN].users" into "pools", FQDN and "users".
func gapPath(p string) (kind, fqdn, field string) {
	kind, rest, ok := strings.Cut(p, "[")
	if !ok {
		return "", "", ""
	}
	fqdn, field, ok = strings.Cut(rest, "].")
	if !ok {
		return "", "", ""
	}
	return kind, fqdn, field
}

// completion makes the completion file (JSON, which the completion's YAML decoder reads) of
// the step's answers, or says which answers are not numbers. An empty answer leaves its
// question open: it is asked again.
func completion(answers map[string]string) ([]byte, []string) {
	type answer struct {
		Users      *int    `json:"users,omitempty"`
		BackupPool *string `json:"backupPool,omitempty"`
	}
	c := struct {
		Version  string             `json:"version,omitempty"`
		Pools    map[string]*answer `json:"pools,omitempty"`
		Branches map[string]*answer `json:"branches,omitempty"`
	}{Pools: map[string]*answer{}, Branches: map[string]*answer{}}
	get := func(key string) *answer {
		m := c.Pools
		if fqdn, ok := strings.CutPrefix(key, "branch/"); ok {
			m, key = c.Branches, fqdn
		}
		if m[key] == nil {
			m[key] = &answer{}
		}
		return m[key]
	}
	var problems []string
	for id, v := range answers {
		v = strings.TrimSpace(v)
		kind, key, _ := strings.Cut(id, "/")
		switch {
		case v == "":
		case kind == "v":
			c.Version = v
		case kind == "b":
			get(key).BackupPool = &v
		case kind == "u":
			n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
			if err != nil || n < 0 {
				problems = append(problems, "The users of "+strings.TrimPrefix(key, "branch/")+" must be a whole number, not "+strconv.Quote(v)+".")
				continue
			}
			get(key).Users = &n
		}
	}
	sort.Strings(problems)
	if len(c.Branches) == 0 {
		c.Branches = nil
	}
	out, err := json.Marshal(c)
	if err != nil {
		problems = append(problems, err.Error())
	}
	return out, problems
}
