package plan

import "failwright/engine/topology"

// maxSetupLine is the longest setup line a plan accepts.
const maxSetupLine = 128

// validText reports whether s is non-empty text the plan may print (the topology's name, a
// setup line): topology.ValidText, so that it stays on one line with nothing invisible in it.
// Quotes and other punctuation are allowed: the renderers write the text only inside
// single-quoted literals (shell.QuoteArg), and in comments only when it is plain (render's
// safeComment).
func validText(s string, limit int) bool { return s != "" && topology.ValidText(s, limit) }
