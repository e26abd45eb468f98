//go:build js && wasm

package main

import "syscall/js"

// PageURL implements ui.LinkHost: the page's address without its fragment.
func (h *browserHost) PageURL() string {
	loc := h.win.Get("location")
	return loc.Get("origin").String() + loc.Get("pathname").String() + loc.Get("search").String()
}

// Copy implements ui.LinkHost with the asynchronous clipboard API, falling back to a hidden
// text area and document.execCommand("copy") where the API is missing or refused (a page
// served over plain HTTP from another host than localhost has no navigator.clipboard).
func (h *browserHost) Copy(text string, done func(err error)) {
	finish := func(err error) {
		h.env.Lock()
		done(err)
		h.env.UnlockRender()
	}
	fallback := func() {
		if h.copyByCommand(text) {
			go finish(nil)
			return
		}
		go finish(errString("the browser refused to copy"))
	}
	clip := h.win.Get("navigator").Get("clipboard")
	if !clip.Truthy() || !clip.Get("writeText").Truthy() {
		fallback()
		return
	}
	var onOK, onErr js.Func
	onOK = js.FuncOf(func(js.Value, []js.Value) any {
		onOK.Release()
		onErr.Release()
		go finish(nil)
		return nil
	})
	onErr = js.FuncOf(func(js.Value, []js.Value) any {
		onOK.Release()
		onErr.Release()
		fallback()
		return nil
	})
	clip.Call("writeText", text).Call("then", onOK, onErr)
}

// copyByCommand copies text through a hidden, selected text area.
func (h *browserHost) copyByCommand(text string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	doc := h.win.Get("document")
	ta := doc.Call("createElement", "textarea")
	ta.Set("value", text)
	ta.Call("setAttribute", "readonly", "")
	st := ta.Get("style")
	st.Set("position", "fixed")
	st.Set("top", "-1000px")
	doc.Get("body").Call("appendChild", ta)
	ta.Call("select")
	ok = doc.Call("execCommand", "copy").Truthy()
	ta.Call("remove")
	return ok
}

// OnHashChange implements ui.LinkHost: f runs, with the render lock held, after each change
// of the page's fragment (a link pasted into the address bar of an open tab).
func (h *browserHost) OnHashChange(f func()) {
	h.win.Call("addEventListener", "hashchange", js.FuncOf(func(js.Value, []js.Value) any {
		go func() {
			h.env.Lock()
			f()
			h.env.UnlockRender()
		}()
		return nil
	}))
}

// ClearHash implements ui.LinkHost with history.replaceState: no navigation, no hashchange,
// no new history entry.
func (h *browserHost) ClearHash() {
	loc := h.win.Get("location")
	h.win.Get("history").Call("replaceState", nil, "", loc.Get("pathname").String()+loc.Get("search").String())
}
