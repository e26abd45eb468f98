//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
)

// ReadFiles implements ui.ReportHost: the files dropped on (the drop's dataTransfer) or chosen
// in (the input's files) the element of event, read in order. A drop is the element's own:
// the page's drop handler, which imports topologies, does not see it.
func (h *browserHost) ReadFiles(event vugu.DOMEvent, done func([]proto.File, error)) {
	ev := js.Value(event.JSEvent())
	ev.Call("preventDefault")
	ev.Call("stopPropagation")
	files := ev.Get("target").Get("files")
	if dt := ev.Get("dataTransfer"); dt.Truthy() {
		files = dt.Get("files")
	}
	if !files.Truthy() {
		return
	}
	n := files.Get("length").Int()
	var out []proto.File
	var next func(i int)
	next = func(i int) {
		if i == n {
			done(out, nil)
			return
		}
		h.readBlob(files.Index(i), func(name string, data []byte, err error) {
			if err != nil {
				done(nil, err)
				return
			}
			out = append(out, proto.File{Name: name, Data: data})
			next(i + 1)
		})
	}
	next(0)
	if ev.Get("target").Get("files").Truthy() {
		ev.Get("target").Set("value", "") // the same files may be chosen again
	}
}

// OpenHTML implements ui.ReportHost: the page in a new tab, from a Blob URL; false when the
// browser blocked the tab.
func (h *browserHost) OpenHTML(html string) bool {
	blob := js.Global().Get("Blob").New([]any{html}, map[string]any{"type": "text/html;charset=utf-8"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	w := h.win.Call("open", url, "_blank")
	js.Global().Call("setTimeout", js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		return nil
	}), 60000)
	return w.Truthy()
}
