package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/scenarios"
)

func init() {
	register("plan", command{
		summary: "build and validate a failover plan (ps1, md, json), or --check a saved plan",
		run:     runPlan,
	})
}

const planUsage = `usage: failwright plan TOPOLOGY --pool FQDN [--disaster | --planned] [--failback]
                      [--setup LINE]... [--scenario FILE] [--format ps1|md|json] [-o FILE]
                      [--as-of DATE]
       failwright plan TOPOLOGY --migrate OLD_POOL --to NEW_POOL [--format ps1|md|json] [-o FILE]
                      [--as-of DATE]
       failwright plan --check PLAN.json TOPOLOGY
       (and --set NAME=VALUE... --completion FILE for an imported TOPOLOGY)

Builds the runbook that fails pool FQDN over to its backup pool (and back, with --failback),
validates it by simulating it, and writes it as Markdown (default), PowerShell or JSON.
TOPOLOGY "-" reads standard input (docs/plans.md); it may be a file to import (docs/import.md).
  --pool FQDN      the Front End pool to fail over
  --planned        the pool still runs (the default): no data is lost
  --disaster       the pool is lost (-DisasterMode)
  --failback       add the failback steps
  --setup LINE     a simulator line for the failure state (repeatable), e.g.
                   --setup "Stop-SimSite -Site Atlanta"; a disaster without setup loses
                   the pool's whole site
  --scenario FILE  take the failure state from a scenario's leading simulator steps
  --format F       ps1, md or json (default md)
  -o FILE          write the plan to FILE instead of standard output
  --migrate OLD    instead of a failover, the staged plan that moves pool OLD's users,
  --to NEW         services and pairing to pool NEW (TOPOLOGY is the target design, holding
                   NEW already), keeping every user covered by disaster recovery
  --check PLAN     tell whether a saved JSON plan still fits TOPOLOGY
` + importFlagsUsage + `
` + asOfUsage + ` (its findings
                   go beside the plan's, never into it: a plan's ID does not change with the day)
Findings go to standard error.
Exit codes: 0 the plan is valid (or still fits), 1 it cannot be valid (or no longer fits),
2 bad input or usage.`

// planArgs are the parsed arguments of the plan command.
type planArgs struct {
	topology, pool, format, out, check, scenario string
	migrate, to                                  string
	planned, disaster, failback                  bool
	setup                                        []string
	asOf                                         topology.Date
	importFlags
}

// parsePlanArgs reads the plan command's arguments: flags in any order, "--flag value" or
// "--flag=value", and exactly one TOPOLOGY operand.
func parsePlanArgs(args []string) (planArgs, error) {
	a := planArgs{format: "md", asOf: today()}
	var operands []string
	value := func(i *int, name string) (string, error) {
		if *i+1 >= len(args) {
			return "", fmt.Errorf("%s needs a value", name)
		}
		*i++
		return args[*i], nil
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, inline, hasInline := strings.Cut(arg, "=")
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			operands = append(operands, arg)
			continue
		}
		get := func() (string, error) {
			v, err := inline, error(nil)
			if !hasInline {
				v, err = value(&i, name)
			}
			if err == nil && v == "" && name != "--setup" {
				err = fmt.Errorf("%s needs a value", name)
			}
			return v, err
		}
		if ok, err := a.take(args, &i); ok || err != nil {
			if err != nil {
				return a, err
			}
			continue
		}
		var err error
		flag := func(b *bool) {
			*b = true
			if hasInline {
				err = fmt.Errorf("%s takes no value", name)
			}
		}
		switch name {
		case "--pool":
			a.pool, err = get()
		case "--format":
			a.format, err = get()
		case "-o", "--output":
			a.out, err = get()
		case "--check":
			a.check, err = get()
		case "--migrate":
			a.migrate, err = get()
		case "--to":
			a.to, err = get()
		case "--scenario":
			a.scenario, err = get()
		case "--as-of":
			var v string
			if v, err = get(); err == nil {
				a.asOf, err = parseAsOf(v)
			}
		case "--setup":
			var line string
			line, err = get()
			a.setup = append(a.setup, line)
		case "--planned":
			flag(&a.planned)
		case "--disaster":
			flag(&a.disaster)
		case "--failback":
			flag(&a.failback)
		case "--":
			operands = append(operands, args[i+1:]...)
			i = len(args)
		default:
			return a, fmt.Errorf("unknown flag %s", arg)
		}
		if err != nil {
			return a, err
		}
	}
	if err := a.consistent(operands); err != nil {
		return a, err
	}
	a.topology = operands[0]
	return a, nil
}

// consistent reports flags that do not go together, and a missing or extra TOPOLOGY.
func (a planArgs) consistent(operands []string) error {
	switch {
	case len(operands) != 1:
		return fmt.Errorf("give exactly one TOPOLOGY file")
	case a.check != "":
		if a.pool != "" || a.migrate != "" || a.to != "" || a.planned || a.disaster || a.failback || len(a.setup) > 0 || a.scenario != "" || a.out != "" || a.format != "md" {
			return fmt.Errorf("--check takes only PLAN.json and TOPOLOGY")
		}
	case a.migrate != "" || a.to != "":
		if a.migrate == "" || a.to == "" {
			return fmt.Errorf("--migrate OLD_POOL and --to NEW_POOL go together")
		}
		if a.pool != "" || a.planned || a.disaster || a.failback || len(a.setup) > 0 || a.scenario != "" {
			return fmt.Errorf("--migrate takes no --pool, --planned, --disaster, --failback, --setup or --scenario")
		}
		if formatErr(a.format) != nil {
			return fmt.Errorf("--format %v", formatErr(a.format))
		}
	case a.pool == "":
		return fmt.Errorf("--pool FQDN is required")
	case a.planned && a.disaster:
		return fmt.Errorf("--planned and --disaster exclude each other")
	case formatErr(a.format) != nil:
		return fmt.Errorf("--format %v", formatErr(a.format))
	case len(a.setup) > 0 && a.scenario != "":
		return fmt.Errorf("--setup and --scenario exclude each other")
	}
	return nil
}

// formatErr says why a --format value is not a format.
func formatErr(s string) error {
	_, err := app.ParseFormat(s)
	return err
}

// runPlan is "failwright plan": it builds, renders and writes a plan, or checks a saved one.
func runPlan(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprintln(stdout, planUsage)
			return exitOK
		}
	}
	a, err := parsePlanArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "failwright plan: %v\n\n%s\n", err, planUsage)
		return exitUsage
	}
	doc, code := loadPlanTopology(a.topology, a.importFlags, stdin, stderr)
	if doc == nil {
		return code
	}
	if a.check != "" {
		return runPlanCheck(a, doc, stdout, stderr)
	}
	format, _ := app.ParseFormat(a.format) // parsePlanArgs checked it
	req := app.PlanRequest{Request: plan.Request{Pool: a.pool, Mode: plan.Planned, Failback: a.failback, Setup: a.setup}, Format: format, Positions: true, AsOf: a.asOf}
	if a.disaster {
		req.Mode = plan.Disaster
	}
	if a.scenario != "" {
		data, err := readInput(a.scenario, nil, scenarios.MaxInputBytes+1)
		if err != nil {
			fmt.Fprintf(stderr, "failwright plan: %v\n", err)
			return exitUsage
		}
		setup, other, err := app.ScenarioSetup(app.Source{Name: filepath.ToSlash(a.scenario), Data: data}, fileResolver, doc.Topology)
		if err != nil {
			fmt.Fprintf(stderr, "failwright plan: %v\n", err)
			return exitUsage
		}
		if other {
			fmt.Fprintf(stderr, "failwright plan: warning: scenario %s was written for another topology than %s; its failure steps are used as they are\n", a.scenario, a.topology)
		}
		req.Setup = setup
	}
	what := a.pool + " cannot be failed over as asked"
	if a.migrate != "" {
		req = app.MigrateRequest{From: a.migrate, To: a.to, Format: format, Positions: true, AsOf: a.asOf}.PlanRequest()
		what = a.migrate + " cannot be moved to " + a.to + " as asked"
	}
	res := app.Plan(doc, req)
	if res.Plan == nil {
		fmt.Fprintf(stderr, "failwright plan: %s:\n", what)
		topology.PrintFindings(stderr, res.Findings)
		return res.Status.ExitCode()
	}
	out, err := res.Text(format)
	if err != nil {
		fmt.Fprintf(stderr, "failwright plan: %v\n", err)
		return exitFail
	}
	topology.PrintFindings(stderr, res.Findings)
	if a.out != "" {
		if err := os.WriteFile(a.out, out, 0o644); err != nil {
			fmt.Fprintf(stderr, "failwright plan: cannot write %s: %v\n", a.out, unwrapPathError(err))
			return exitUsage
		}
		fmt.Fprintf(stderr, "failwright plan: wrote %s (plan %s, %d steps)\n", a.out, res.Plan.ID, len(res.Plan.Steps))
		return res.Status.ExitCode()
	}
	stdout.Write(out)
	return res.Status.ExitCode()
}

// loadPlanTopology reads and decodes a topology file ("-" for standard input); on failure it
// prints why and returns nil and the exit code.
func loadPlanTopology(name string, f importFlags, stdin io.Reader, stderr io.Writer) (*topofile.Document, int) {
	data, err := readTopology(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "failwright plan: %v\n", err)
		return nil, exitUsage
	}
	display := filepath.ToSlash(name)
	if name == "-" {
		display = "<stdin>"
	}
	doc, fs, st := loadAnyTopology("plan", app.Source{Name: display, Data: data}, f, stderr)
	if doc == nil && (st != app.StatusBadInput || fs == nil) {
		return nil, st.ExitCode()
	}
	if doc == nil {
		topology.PrintFindings(stderr, fs)
		fmt.Fprintf(stderr, "failwright plan: %s cannot be read as a topology (failwright validate shows why)\n", display)
		return nil, st.ExitCode()
	}
	return doc, exitOK
}

// runPlanCheck is plan --check: whether a saved plan still fits the topology.
func runPlanCheck(a planArgs, doc *topofile.Document, stdout, stderr io.Writer) int {
	data, err := readInput(a.check, nil, app.MaxPlanBytes+1)
	if err != nil {
		fmt.Fprintf(stderr, "failwright plan: %v\n", err)
		return exitUsage
	}
	res := app.CheckPlan(doc, app.Source{Name: a.check, Data: data})
	switch res.Status {
	case app.StatusBadInput:
		fmt.Fprintf(stderr, "failwright plan: %s:%v\n", a.check, res.Err)
	case app.StatusFail:
		fmt.Fprintf(stdout, "plan %s no longer fits %s:\n", res.Plan.ID, a.topology)
		topology.PrintFindings(stdout, res.Findings)
	default:
		fmt.Fprintf(stdout, "plan %s still fits %s\n", res.Plan.ID, a.topology)
		topology.PrintFindings(stdout, res.Findings)
	}
	return res.Status.ExitCode()
}
