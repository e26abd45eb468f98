//go:build js && wasm

package main

import "syscall/js"

// OnDrop implements ui.DropHost: a file dropped anywhere on the page is read and given to f.
// The page refuses dragover's default so that the browser lets the file be dropped instead
// of opening it.
func (h *browserHost) OnDrop(f func(name string, data []byte, err error)) {
	h.win.Call("addEventListener", "dragover", js.FuncOf(func(_ js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		return nil
	}))
	h.win.Call("addEventListener", "drop", js.FuncOf(func(_ js.Value, args []js.Value) any {
		ev := args[0]
		ev.Call("preventDefault")
		dt := ev.Get("dataTransfer")
		if !dt.Truthy() {
			return nil
		}
		files := dt.Get("files")
		if !files.Truthy() || files.Get("length").Int() == 0 {
			return nil
		}
		h.readBlob(files.Index(0), f)
		return nil
	}))
}
