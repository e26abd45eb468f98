package testkit

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// diffContext is how many unchanged lines a diff shows around a change.
const diffContext = 3

// diffCells bounds the table the line diff fills; past it the differing middle is shown whole.
const diffCells = 16 << 20

// Diff returns a line diff of want and got: each change with the line number in want and a
// few lines around it, removed lines marked "-", added lines "+". Lines with invisible
// differences (trailing blanks, control characters) are shown quoted. Equal texts give "".
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	a, b := splitLines(want), splitLines(got)
	if strings.Join(a, "\n") == strings.Join(b, "\n") {
		return "the texts differ only in their final newline\n"
	}
	ops := lineOps(a, b)
	var out strings.Builder
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-diffContext, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run-end > 2*diffContext || run == len(ops) {
				break
			}
			end = run
		}
		stop := min(end+diffContext, len(ops))
		fmt.Fprintf(&out, "@@ line %d @@\n", ops[start].line)
		for _, op := range ops[start:stop] {
			out.WriteString(string(op.kind) + " " + visible(op.text) + "\n")
		}
		i = stop
	}
	return out.String()
}

// lineOp is one line of a diff: ' ' kept, '-' only in want, '+' only in got; line is its
// number in want (the next line of want for an added line).
type lineOp struct {
	kind rune
	text string
	line int
}

// lineOps aligns a and b on a longest common subsequence of lines, after their common prefix
// and suffix are set aside.
func lineOps(a, b []string) []lineOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []lineOp
	for i := range pre {
		ops = append(ops, lineOp{' ', a[i], i + 1})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ops = append(ops, middleOps(ma, mb, pre)...)
	for i := len(a) - suf; i < len(a); i++ {
		ops = append(ops, lineOp{' ', a[i], i + 1})
	}
	return ops
}

// middleOps diffs the differing middle of two texts, whose first line is line off+1 of want.
func middleOps(a, b []string, off int) []lineOp {
	var ops []lineOp
	if (len(a)+1)*(len(b)+1) > diffCells {
		for i, l := range a {
			ops = append(ops, lineOp{'-', l, off + i + 1})
		}
		for _, l := range b {
			ops = append(ops, lineOp{'+', l, off + len(a) + 1})
		}
		return ops
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, lineOp{' ', a[i], off + i + 1})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			ops = append(ops, lineOp{'-', a[i], off + i + 1})
			i++
		default:
			ops = append(ops, lineOp{'+', b[j], off + i + 1})
			j++
		}
	}
	return ops
}

// splitLines splits a text into its lines, without the final newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// visible quotes a line whose difference could not be seen: trailing blanks or control
// characters.
func visible(l string) string {
	if strings.HasSuffix(l, " ") || strings.HasSuffix(l, "\t") || strings.IndexFunc(l, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' || unicode.Is(unicode.Cf, r)
	}) >= 0 {
		return strconv.Quote(l)
	}
	return l
}
