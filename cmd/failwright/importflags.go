package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"failwright/app"
	"failwright/engine/importer"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// importFlagsUsage is the usage of --set and --completion, which every command that takes a
// topology accepts for an imported one (docs/import.md).
const importFlagsUsage = `  --set NAME=VALUE the value of a $NAME of a .ps1's here-string (repeatable)
  --completion F   the completion file answering what an imported topology does not say
                   (users, backup pools; docs/import.md)`

// importFlags are the --set and --completion arguments of a command that takes a topology.
type importFlags struct {
	set        []string
	completion string
}

// take reads --set and --completion (as "--flag value" or "--flag=value") at args[*i]; it
// reports whether the argument was one of them, and an error for a missing value.
func (f *importFlags) take(args []string, i *int) (bool, error) {
	name, value, inline := cutFlag(args[*i])
	switch name {
	case "-set", "-completion":
		name = "-" + name
	case "--set", "--completion":
	default:
		return false, nil
	}
	if !inline {
		if *i+1 >= len(args) {
			return true, fmt.Errorf("%s needs a value", name)
		}
		*i++
		value = args[*i]
	}
	if name == "--set" {
		f.set = append(f.set, value)
	} else {
		f.completion = value
	}
	return true, nil
}

// register adds --set and --completion to a flag set.
func (f *importFlags) register(fs *flag.FlagSet) {
	fs.Func("set", "the value of a here-string's $NAME (NAME=VALUE, repeatable)", func(v string) error {
		f.set = append(f.set, v)
		return nil
	})
	fs.StringVar(&f.completion, "completion", "", "the completion file of an imported topology")
}

// cutFlag splits "--flag=value" into its name and value.
func cutFlag(a string) (name, value string, inline bool) {
	for i := 0; i < len(a); i++ {
		if a[i] == '=' {
			name, value, inline = a[:i], a[i+1:], true
			break
		}
	}
	if !inline {
		name = a
	}
	return name, value, inline
}

// inputs parses the --set values and reads the completion file.
func (f importFlags) inputs() (app.ImportInputs, error) {
	var in app.ImportInputs
	if len(f.set) > 0 {
		set, err := app.ParseSet(f.set)
		if err != nil {
			return in, fmt.Errorf("--set %v", err)
		}
		in.Set = set
	}
	if f.completion != "" {
		data, err := readInput(f.completion, nil, importer.MaxInputBytes+1)
		if err != nil {
			return in, err
		}
		in.Completion = &app.Source{Name: filepath.ToSlash(f.completion), Data: data}
	}
	return in, nil
}

// readTopology reads a topology file ("-" for standard input): up to the importer's limit
// for an import file, and the topology decoder's limit (plus the byte that tells it the file
// is too large) for any other.
func readTopology(name string, stdin io.Reader) ([]byte, error) {
	data, err := readInput(name, stdin, importer.MaxInputBytes+1)
	if err != nil {
		return nil, err
	}
	if !app.IsImportFile(app.Source{Name: name, Data: data}) && len(data) > topofile.MaxInputBytes+1 {
		data = data[:topofile.MaxInputBytes+1]
	}
	return data, nil
}

// loadAnyTopology decodes a topology file, or imports one with the flags' inputs. A YAML or
// JSON file loads exactly as app.LoadTopology loads it. An import's notes go to stderr; an
// import with open gaps prints them and how to answer them, and returns no document with
// StatusFail. When the flags cannot be used it says why and returns StatusBadInput. A file
// that cannot be read returns no document and its findings, for the caller to print.
func loadAnyTopology(cmd string, src app.Source, f importFlags, stderr io.Writer) (*topofile.Document, topology.Findings, app.Status) {
	in, err := f.inputs()
	if err != nil {
		fmt.Fprintf(stderr, "failwright %s: %v\n", cmd, err)
		return nil, nil, app.StatusBadInput
	}
	doc, fs, st := app.LoadTopologyWith(src, in)
	if doc == nil || !app.IsImportFile(src) {
		return doc, fs, st
	}
	topology.PrintFindings(stderr, fs)
	if st == app.StatusFail {
		fmt.Fprintf(stderr, "failwright %s: the import of %s has gaps: answer them with --completion FILE (failwright import %s shows them; docs/import.md)\n", cmd, src.Name, src.Name)
		return nil, nil, app.StatusFail
	}
	return doc, fs, st
}
