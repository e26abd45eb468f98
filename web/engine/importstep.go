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
// with the completion the answers make. A complete import is the workspace; one with gaps
// answers the questions of the page's "complete the import" step; a file or answers that
// cannot be used are the import's errors (the workspace stays as it was).
func importTopology(name string, data []byte, answers *proto.ImportAnswers) proto.Response {
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
		return proto.Response{ImportErrors: findingLines(res.Findings, topology.Error)}
	case app.StatusFail:
		return proto.Response{ImportGaps: gapsOf(res)}
	}
	return proto.Response{Workspace: &workspace.Workspace{Topology: res.Document.Topology, Seed: 1, Origin: "import " + path.Base(name)}}
}

// findingLines are the findings of a severity as the CLI prints them, with their fixes.
func findingLines(fs topology.Findings, sev topology.Severity) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == sev {
			line := f.String()
			if f.Fix != "" {
				line += " (fix: " + f.Fix + ")"
			}
			out = append(out, line)
		}
	}
	return out
}

// gapsOf turns an import's gaps into the step's questions: users and backup pool per pool,
// users per branch, and 2019 or SE; the other gaps are listed for a completion file.
func gapsOf(res app.ImportResult) *proto.ImportGaps {
	g := &proto.ImportGaps{}
	at := map[string]int{}
	for _, f := range res.Gaps() {
		kind, fqdn, field := gapPath(f.Path)
		switch {
		case f.Code == importer.CodeVersionChoice:
			g.Version = true
			continue
		case fqdn == "" || (f.Code != importer.CodeUsers && f.Code != importer.CodeBackupPool):
			g.Other = append(g.Other, f.String()+" (fix: "+f.Fix+")")
			continue
		}
		key := kind + "/" + fqdn
		i, ok := at[key]
		if !ok {
			i = len(g.Pools)
			at[key] = i
			gap := proto.ImportGap{FQDN: fqdn, Key: fqdn, Branch: kind == "branches"}
			if gap.Branch {
				gap.Key = "branch/" + fqdn
			}
			g.Pools = append(g.Pools, gap)
		}
		if field == "users" {
			g.Pools[i].Users = true
		} else {
			g.Pools[i].Backup = true
		}
	}
	var b strings.Builder
	b.WriteString(`<option value="">choose…</option><option>none</option>`)
	if res.Document != nil {
		for _, p := range res.Document.Topology.Pools {
			if p.Role.IsFrontEnd() {
				b.WriteString("<option>" + html.EscapeString(p.FQDN) + "</option>")
			}
		}
	}
	g.Backups = b.String()
	return g
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
// the step's answers, or says which answers are not numbers.
func completion(a *proto.ImportAnswers) ([]byte, []string) {
	type answer struct {
		Users      *int    `json:"users,omitempty"`
		BackupPool *string `json:"backupPool,omitempty"`
	}
	c := struct {
		Version  string             `json:"version,omitempty"`
		Pools    map[string]*answer `json:"pools,omitempty"`
		Branches map[string]*answer `json:"branches,omitempty"`
	}{Version: a.Version, Pools: map[string]*answer{}, Branches: map[string]*answer{}}
	get := func(key string) *answer {
		m := c.Pools
		kind, fqdn, _ := strings.Cut(key, "/")
		if kind == "branch" {
			m = c.Branches
		} else if fqdn == "" {
			fqdn = key
		}
		if m[fqdn] == nil {
			m[fqdn] = &answer{}
		}
		return m[fqdn]
	}
	var problems []string
	for key, v := range a.Users {
		if strings.TrimSpace(v) == "" {
			continue // left open: asked again
		}
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(v), ",", ""))
		if err != nil || n < 0 {
			problems = append(problems, "The users of "+strings.TrimPrefix(key, "branch/")+" must be a whole number, not "+strconv.Quote(v)+".")
			continue
		}
		get(key).Users = &n
	}
	for key, v := range a.Backup {
		if v == "" {
			continue // left open: asked again
		}
		b := v
		get(key).BackupPool = &b
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
