package render

import (
	"strconv"
	"strings"

	"failwright/engine/plan"
)

// Markdown renders p as a printable runbook: a title, the plan's identity, the assumptions
// table, the predicted timeline (RTO, data loss, users by mode), the findings, then every
// step numbered with a checkbox, its command in a powershell block, the expected result, the
// verification commands, the predicted duration and why it is there.
func Markdown(p *plan.Plan) ([]byte, error) {
	if err := checkPlan(p); err != nil {
		return nil, err
	}
	var b strings.Builder
	ln := func(parts ...string) {
		for _, s := range parts {
			b.WriteString(s)
		}
		b.WriteByte('\n')
	}
	mode := string(p.Request.Mode)
	if p.Request.Failback {
		mode += ", then failback"
	}
	ln("# Runbook: fail ", esc(p.Request.Pool), " over to ", esc(p.BackupPool))
	ln()
	ln("| Plan | |")
	ln("|---|---|")
	ln("| Plan ID | ", code(p.ID), " |")
	ln("| Topology | ", cell(p.TopologyName), " |")
	ln("| Fingerprint | ", code(p.Fingerprint), " |")
	ln("| Mode | ", cell(mode), " |")
	if len(p.Request.Setup) > 0 {
		setup := make([]string, len(p.Request.Setup))
		for i, s := range p.Request.Setup {
			setup[i] = code(s)
		}
		ln("| Failure state | ", strings.Join(setup, "; "), " |")
	} else if p.Request.Mode == plan.Disaster {
		ln("| Failure state | the whole site of ", cell(p.Request.Pool), " is lost, just before the Backup Service's next sync (the worst case for data loss) |")
	}
	ln("| Format | failwright plan format ", strconv.Itoa(p.FormatVersion), " |")
	ln()
	ln("Run every command in the Skype for Business Server Management Shell on a Front End of ",
		esc(p.BackupPool), ", in order, and tick each box when its step is done. ",
		"Before you start, check that the plan still fits: `failwright plan --check PLAN.json TOPOLOGY`.")
	ln()
	ln("## Assumptions")
	ln()
	ln("The plan relies on these facts of the topology. If any differs in the deployment, stop and make a new plan.")
	ln()
	ln("| Fact | Assumed value |")
	ln("|---|---|")
	for _, a := range p.Assumptions {
		ln("| ", code(a.Path), " | ", cell(show(a.Value)), " |")
	}
	ln()
	ln("## Predicted timeline")
	ln()
	src := "simulated by failwright"
	if !p.Prediction.Simulated {
		src = "documented targets, not simulated"
	}
	if p.Request.Mode == plan.Planned && p.Prediction.RTO == 0 {
		ln("- RTO: **", p.Prediction.RTO.String(), "**: the users of ", esc(p.Request.Pool), " never lose service; they move to ", esc(p.BackupPool), " (", src, ")")
	} else {
		ln("- RTO: **", p.Prediction.RTO.String(), "** from the failure until the users of ", esc(p.Request.Pool), " have full service again (", src, ")")
	}
	ln("- Data loss: up to **", p.Prediction.DataLoss.String(), "** of changes")
	ln("- All steps: ", p.Prediction.Total.String())
	ln()
	if len(p.Prediction.Timeline) > 0 {
		ln("| Time | Home | Backup | Resiliency | Signed out |")
		ln("|---:|---:|---:|---:|---:|")
		for _, pt := range p.Prediction.Timeline {
			ln("| ", pt.At.String(), " | ", strconv.Itoa(pt.Home), " | ", strconv.Itoa(pt.Backup), " | ",
				strconv.Itoa(pt.Resiliency), " | ", strconv.Itoa(pt.SignedOut), " |")
		}
		ln()
	}
	if len(p.Findings) > 0 {
		ln("## Findings")
		ln()
		for _, f := range p.Findings {
			fix := ""
			if f.Fix != "" {
				fix = " Fix: " + esc(f.Fix)
			}
			ln("- ", string(f.Severity), " ", f.Code, " ", code(f.Path), ": ", esc(f.Message), fix)
		}
		ln()
	}
	ln("## Steps")
	for _, st := range p.Steps {
		ln()
		ln("### ", strconv.Itoa(st.Number), ". ", esc(st.Title))
		ln()
		ln("- [ ] Done (", string(st.Kind), ", predicted ", st.Duration.String(), ")")
		if st.When != "" {
			ln("- Only when: ", esc(st.When), " (one of the alternatives ", code(st.Alternative), ")")
		}
		ln()
		if st.Command != "" {
			fence(ln, st.Command)
			ln()
		}
		if st.Instructions != "" {
			ln(esc(st.Instructions))
			ln()
		}
		if st.Shows != "" {
			ln("**Expected:** ", esc(st.Expect), " The output shows ", code(st.Shows), ".")
		} else {
			ln("**Expected:** ", esc(st.Expect))
		}
		if len(st.Verify) > 0 {
			ln()
			ln("**Verify afterwards:**")
			ln()
			lines := make([]string, len(st.Verify))
			for i, v := range st.Verify {
				lines[i] = v.Line()
			}
			fence(ln, strings.Join(lines, "\n"))
		}
		ln()
		ln("**Why:** ", esc(st.Reason))
	}
	return []byte(b.String()), nil
}

// fence writes a powershell code block whose fence is longer than any backtick run inside.
func fence(ln func(...string), body string) {
	n, run := 3, 0
	for i := 0; i < len(body); i++ {
		if body[i] == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	ln(f, "powershell")
	ln(body)
	ln(f)
}

// esc escapes Markdown's inline punctuation so that text reads as written.
func esc(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<>|#&!~") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#&!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cell is esc for a table cell (esc already escapes the pipe).
func cell(s string) string { return esc(s) }

// code writes s as inline code, with a fence longer than any backtick run inside.
func code(s string) string {
	n, run := 1, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return f + pad + strings.ReplaceAll(s, "|", "\\|") + pad + f
}
