// Command vugumin generates web/ui's component code with vugugen from a copy of the .vugu
// templates without the indentation between sibling elements.
//
// vugugen turns every text node of a template into Go code, the indentation between
// elements included (474 of the 896 nodes of web/ui's templates; dropping the sibling
// indentation took about 28 KB off app.wasm gzip). The templates stay indented for people;
// this tool drops the whitespace (with a line break) that separates a closing tag from the
// next tag, keeps the whitespace right after an opening tag and right before a closing tag
// as one space (vugu v0.4.0 needs a static child in a container whose other children may
// all disappear), then runs vugugen on the copy and writes 0_components_gen.go back.
//
// Between block elements the dropped whitespace never rendered anything; between two inline
// siblings written on separate lines it rendered as a space, so the templates put such
// siblings on one line when the space matters.
//
//	go run ./web/internal/vugumin [-check] DIR
//
// With -check it writes nothing and fails when DIR's generated file is not what it would
// write (make web-check).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const genFile = "0_components_gen.go"

func main() {
	check := flag.Bool("check", false, "fail when the generated file is stale instead of writing it")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: vugumin [-check] DIR")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *check); err != nil {
		fmt.Fprintln(os.Stderr, "vugumin:", err)
		os.Exit(1)
	}
}

func run(dir string, check bool) error {
	tmp, err := os.MkdirTemp("", "vugumin-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == genFile || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if !strings.HasSuffix(name, ".vugu") && !strings.HasSuffix(name, ".go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if strings.HasSuffix(name, ".vugu") {
			data = Minify(data)
		}
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
	}
	cmd := exec.Command("go", "tool", "vugugen", "-s", "-skip-go-mod", "-skip-main", tmp)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("vugugen: %v\n%s", err, out)
	}
	gen, err := os.ReadFile(filepath.Join(tmp, genFile))
	if err != nil {
		return err
	}
	if gen, err = format.Source(gen); err != nil {
		return err
	}
	target := filepath.Join(dir, genFile)
	if check {
		old, _ := os.ReadFile(target)
		if !bytes.Equal(old, gen) {
			return fmt.Errorf("%s is stale: run 'make web-generate' and commit it", target)
		}
		return nil
	}
	return os.WriteFile(target, gen, 0o644)
}

// Minify drops the whitespace (with a line break) between a closing tag and the next tag,
// and shortens the whitespace after an opening tag or before a closing tag to one space. The
// Go code in the template's <script> is left alone.
func Minify(src []byte) []byte {
	s := string(src)
	script := ""
	if i := strings.Index(s, `<script type="application/x-go">`); i >= 0 {
		s, script = s[:i], s[i:]
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '>' {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteByte('>')
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
		run := s[i+1 : j]
		if j == len(s) || s[j] != '<' || !strings.Contains(run, "\n") {
			b.WriteString(run)
			i = j
			continue
		}
		tag := s[:i+1]
		if k := strings.LastIndexByte(tag, '<'); k >= 0 {
			tag = tag[k:]
		}
		closing := strings.HasPrefix(tag, "</") || strings.HasSuffix(tag, "/>")
		if !(closing && !strings.HasPrefix(s[j:], "</")) {
			b.WriteByte(' ')
		}
		i = j
	}
	out := strings.TrimRight(b.String(), " \n") + "\n"
	if script != "" {
		out += "\n" + script
	}
	return []byte(out)
}
