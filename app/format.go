package app

import (
	"fmt"

	"failwright/engine/plan"
	"failwright/engine/render"
)

// Format is a plan's rendering: PowerShell, Markdown or JSON.
type Format string

// The formats, in the order the page shows them.
const (
	FormatPS1      Format = "ps1"
	FormatMarkdown Format = "md"
	FormatJSON     Format = "json"
)

// Formats are every format, in the order of the constants.
var Formats = []Format{FormatPS1, FormatMarkdown, FormatJSON}

// ParseFormat reads a format's name. Its error says which names there are: "must be ps1, md
// or json, not "x"", for the surface to prefix with where the name came from.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("must be ps1, md or json, not %q", s)
}

// MediaType is the media type of a plan rendered in f, as the Worker answers it.
func (f Format) MediaType() string {
	switch f {
	case FormatPS1:
		return "text/plain; charset=utf-8"
	case FormatMarkdown:
		return "text/markdown; charset=utf-8"
	case FormatJSON:
		return "application/json"
	}
	return ""
}

// Render renders a plan in format f.
func Render(p *plan.Plan, f Format) ([]byte, error) {
	switch f {
	case FormatPS1:
		return render.PowerShell(p)
	case FormatMarkdown:
		return render.Markdown(p)
	case FormatJSON:
		return render.JSON(p)
	}
	return nil, fmt.Errorf("unknown plan format %q", f)
}
