//go:build js && wasm

package main

import "syscall/js"

// FetchAuth implements ui.ClassHost: fetch with the class's token in Authorization.
func (h *browserHost) FetchAuth(method, url, token string, body []byte, done func(int, []byte, error)) {
	headers := map[string]any{}
	if token != "" {
		headers["Authorization"] = "Bearer " + token
	}
	init := map[string]any{"method": method, "credentials": "same-origin", "headers": headers}
	if body != nil {
		init["body"] = string(body)
		headers["Content-Type"] = "application/json"
	}
	h.fetch(url, init, done)
}

// PrintHTML implements ui.ClassHost: the page opens in a new window (a Blob URL) that prints
// itself once loaded.
func (h *browserHost) PrintHTML(html []byte) {
	arr := js.Global().Get("Uint8Array").New(len(html))
	js.CopyBytesToJS(arr, html)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": "text/html"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	w := h.win.Call("open", url, "_blank")
	if !w.Truthy() {
		return
	}
	var onLoad js.Func
	onLoad = js.FuncOf(func(js.Value, []js.Value) any {
		onLoad.Release()
		w.Call("print")
		return nil
	})
	w.Call("addEventListener", "load", onLoad)
}
