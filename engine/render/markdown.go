package render

import (
	"strconv"
	"strings"
	"unicode"

	"failwright/engine/plan"
	"failwright/engine/topology"
)

// Markdown renders p as a printable runbook: a title, the plan's identity, the assumptions
// table, the predicted timeline (RTO, data loss, users by mode), the findings, then every
// step numbered with a checkbox, its command in a powershell block, the expected result, the
// verification commands, the predicted duration and why it is there.
func Markdown(p *plan.Plan) ([]byte, error) {
	if err := checkPlan(p); err != nil {
		return nil, err
	}
	w := &md{}
	w.identity(p)
	w.assumptions(p)
	w.prediction(p)
	w.findings(p)
	w.stages(p)
	w.ln("## Steps")
	for i, st := range p.Steps {
		w.stageHeading(p, st)
		if st.Group != "" && (i == 0 || p.Steps[i-1].Group != st.Group) {
			w.groupHeading(st.Group)
		}
		w.step(st)
	}
	return []byte(w.b.String()), nil
}

// md writes a Markdown runbook line by line.
type md struct{ b strings.Builder }

// ln writes the parts and a line break.
func (w *md) ln(parts ...string) {
	for _, s := range parts {
		w.b.WriteString(s)
	}
	w.b.WriteByte('\n')
}

// identity writes the title, the table that identifies the plan and how to use the runbook.
func (w *md) identity(p *plan.Plan) {
	mode := string(p.Request.Mode)
	if p.Request.Failback {
		mode += ", then failback"
	}
	if p.Migration != nil {
		w.ln("# Runbook: move ", esc(p.Migration.From), " to ", esc(p.Migration.To), ", stage by stage")
	} else if databaseOnly(p) {
		w.ln("# Runbook: restore ", esc(p.Request.Pool), " by failing its databases over to the mirror")
	} else {
		w.ln("# Runbook: fail ", esc(p.Request.Pool), " over to ", esc(p.BackupPool))
	}
	w.ln()
	w.ln("| Plan | |")
	w.ln("|---|---|")
	w.ln("| Plan ID | ", code(p.ID), " |")
	w.ln("| Topology | ", cell(p.TopologyName), " |")
	w.ln("| Fingerprint | ", code(p.Fingerprint), " |")
	w.ln("| Mode | ", cell(mode), " |")
	if len(p.Request.Setup) > 0 {
		setup := make([]string, len(p.Request.Setup))
		for i, s := range p.Request.Setup {
			setup[i] = code(s)
		}
		w.ln("| Failure state | ", strings.Join(setup, "; "), " |")
	} else if p.Request.Mode == plan.Disaster {
		w.ln("| Failure state | the whole site of ", cell(p.Request.Pool), " is lost, just before the Backup Service's next sync (the worst case for data loss) |")
	}
	w.ln("| Format | failwright plan format ", strconv.Itoa(p.FormatVersion), " |")
	w.ln()
	where := p.BackupPool
	if p.Migration != nil {
		where = p.Migration.To
	}
	w.ln("Run every command in the Skype for Business Server Management Shell on a Front End of ",
		esc(where), ", in order, and tick each box when its step is done. ",
		"Before you start, check that the plan still fits: `failwright plan --check PLAN.json TOPOLOGY`.")
	w.ln()
}

// assumptions writes the table of topology facts the plan relies on.
func (w *md) assumptions(p *plan.Plan) {
	w.ln("## Assumptions")
	w.ln()
	w.ln("The plan relies on these facts of the topology. If any differs in the deployment, stop and make a new plan.")
	w.ln()
	w.ln("| Fact | Assumed value |")
	w.ln("|---|---|")
	for _, a := range p.Assumptions {
		w.ln("| ", code(a.Path), " | ", cell(show(a.Value)), " |")
	}
	w.ln()
}

// prediction writes the predicted RTO, data loss and duration, and users by mode over time.
func (w *md) prediction(p *plan.Plan) {
	w.ln("## Predicted timeline")
	w.ln()
	src := "simulated by failwright"
	if !p.Prediction.Simulated {
		src = "documented targets, not simulated"
	}
	if p.Migration != nil {
		w.ln("- RTO: **", p.Prediction.RTO.String(), "**: users keep service while they move (", src, ")")
	} else if p.Request.Mode == plan.Planned && p.Prediction.RTO == 0 {
		w.ln("- RTO: **", p.Prediction.RTO.String(), "**: the users of ", esc(p.Request.Pool), " never lose service; they move to ", esc(p.BackupPool), " (", src, ")")
	} else {
		w.ln("- RTO: **", p.Prediction.RTO.String(), "** from the failure until the users of ", esc(p.Request.Pool), " have full service again (", src, ")")
	}
	w.ln("- Data loss: up to **", p.Prediction.DataLoss.String(), "** of changes")
	w.ln("- All steps: ", p.Prediction.Total.String())
	w.ln()
	w.features(p)
	if len(p.Prediction.Timeline) == 0 {
		return
	}
	w.ln("| Time | Home | Backup | Resiliency | Signed out |")
	w.ln("|---:|---:|---:|---:|---:|")
	for _, pt := range p.Prediction.Timeline {
		w.ln("| ", pt.At.String(), " | ", topology.Thousands(pt.Home), " | ", topology.Thousands(pt.Backup), " | ",
			topology.Thousands(pt.Resiliency), " | ", topology.Thousands(pt.SignedOut), " |")
	}
	w.ln()
}

// groupHeading writes the heading of a group of the whole recovery before its first step.
func (w *md) groupHeading(id string) {
	w.ln()
	w.ln("## ", esc(plan.GroupTitle(id)), " (", code(id), ")")
}

// features writes the per-feature recovery times of the prediction, if it has them.
func (w *md) features(p *plan.Plan) {
	if len(p.Prediction.Features) == 0 {
		return
	}
	w.ln("| Feature | Back after |")
	w.ln("|---|---:|")
	for _, f := range p.Prediction.Features {
		back := f.RTO.String()
		if !f.Restored {
			back = "not back (PL026)"
		}
		w.ln("| ", cell(f.Feature.Name()), " (", code(string(f.Feature)), ") | ", back, " |")
	}
	w.ln()
}

// findings writes the plan's warnings and remarks, if it has any.
func (w *md) findings(p *plan.Plan) {
	if len(p.Findings) == 0 {
		return
	}
	w.ln("## Findings")
	w.ln()
	for _, f := range p.Findings {
		fix := ""
		if f.Fix != "" {
			fix = " Fix: " + esc(f.Fix)
		}
		w.ln("- ", string(f.Severity), " ", f.Code, " ", code(f.Path), ": ", esc(f.Message), fix)
	}
	w.ln()
}

// step writes one step: its checkbox, command or instructions, expected result, verification
// and reason.
func (w *md) step(st plan.Step) {
	w.ln()
	w.ln("### ", strconv.Itoa(st.Number), ". ", esc(st.Title))
	w.ln()
	w.ln("- [ ] Done (", string(st.Kind), ", predicted ", st.Duration.String(), ")")
	if st.When != "" {
		w.ln("- Only when: ", esc(st.When), " (one of the alternatives ", code(st.Alternative), ")")
	}
	w.ln()
	if st.Command != "" {
		w.fence(st.Command)
		w.ln()
	}
	if st.Instructions != "" {
		w.ln(esc(st.Instructions))
		w.ln()
	}
	if st.Shows != "" {
		w.ln("**Expected:** ", esc(st.Expect), " The output shows ", code(st.Shows), ".")
	} else {
		w.ln("**Expected:** ", esc(st.Expect))
	}
	if len(st.Verify) > 0 {
		w.ln()
		w.ln("**Verify afterwards:**")
		w.ln()
		lines := make([]string, len(st.Verify))
		for i, v := range st.Verify {
			lines[i] = v.Line()
		}
		w.fence(strings.Join(lines, "\n"))
	}
	w.ln()
	w.ln("**Why:** ", esc(st.Reason))
}

// fence writes a powershell code block whose fence is longer than any backtick run inside.
func (w *md) fence(body string) {
	f := strings.Repeat("`", max(3, longestBacktickRun(body)+1))
	w.ln(f, "powershell")
	w.ln(body)
	w.ln(f)
}

// longestBacktickRun is the length of the longest run of backticks in s.
func longestBacktickRun(s string) int {
	n, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			n = max(n, run)
		} else {
			run = 0
		}
	}
	return n
}

// esc escapes Markdown's inline punctuation so that text reads as written: no emphasis, no
// inline link ([a](b)), no <autolink> and no HTML. A word a renderer would turn into a link by
// itself (GitHub's extended autolinks: http://..., www...., an e-mail address) is written as
// inline code, so that a topology's value never renders as a link in the runbook.
func esc(s string) string {
	if !strings.ContainsAny(s, mdSpecial) && !mayAutolink(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		// One run of blank space, then one word.
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			i = len(s)
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexFunc(s, unicode.IsSpace)
		if j < 0 {
			j = len(s)
		}
		word := s[:j]
		s = s[j:]
		if mayAutolink(word) {
			b.WriteString(code(word))
			continue
		}
		for _, r := range word {
			if strings.ContainsRune(mdSpecial, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdSpecial is the punctuation esc escapes.
const mdSpecial = "\\`*_[]<>|#&!~"

// mayAutolink reports whether s holds something a Markdown renderer may link by itself: a
// scheme (http://, mailto:, xmpp:), www. or an @.
func mayAutolink(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "://") || strings.Contains(l, "www.") || strings.Contains(l, "@") ||
		strings.Contains(l, "mailto:") || strings.Contains(l, "xmpp:")
}

// cell is esc for a table cell (esc already escapes the pipe).
func cell(s string) string { return esc(s) }

// code writes s as inline code, with a fence longer than any backtick run inside.
func code(s string) string {
	f := strings.Repeat("`", longestBacktickRun(s)+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return f + pad + strings.ReplaceAll(s, "|", "\\|") + pad + f
}
