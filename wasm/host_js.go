//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/vugu/vugu"

	"failwright/web/ui"
)

// browserHost implements ui.Host with the page's localStorage, fetch, timers and Blob URLs.
// Every call crosses into JavaScript once; none is made from a loop over model data.
type browserHost struct {
	env vugu.EventEnv
	win js.Value

	worker  js.Value
	pending map[int]func([]byte, error)
}

func newBrowserHost(env vugu.EventEnv) *browserHost {
	return &browserHost{env: env, win: js.Global()}
}

func (h *browserHost) storage() (v js.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	s := h.win.Get("localStorage")
	return s, s.Truthy()
}

func (h *browserHost) Load(key string) (string, bool) {
	s, ok := h.storage()
	if !ok {
		return "", false
	}
	v := s.Call("getItem", key)
	if v.IsNull() || v.IsUndefined() {
		return "", false
	}
	return v.String(), true
}

func (h *browserHost) Store(key, value string) (err error) {
	s, ok := h.storage()
	if !ok {
		return errString("this browser refuses local storage")
	}
	defer func() {
		if r := recover(); r != nil {
			err = errString("local storage refused the workspace (full?)")
		}
	}()
	s.Call("setItem", key, value)
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

func (h *browserHost) Download(name, mimeType string, data []byte) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mimeType})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Call("setTimeout", js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		return nil
	}), 10000)
}

func (h *browserHost) Fetch(method, url string, body []byte, done func(int, []byte, error)) {
	init := map[string]any{"method": method, "credentials": "same-origin"}
	if body != nil {
		init["body"] = string(body)
		init["headers"] = map[string]any{"Content-Type": "application/json"}
	}
	h.fetch(url, init, done)
}

// fetch runs window.fetch(url, init) and calls done with the status and the body's text, or
// with an error when the request fails; done runs with the render lock held.
func (h *browserHost) fetch(url string, init map[string]any, done func(int, []byte, error)) {
	var onOK, onErr, onText js.Func
	status := 0
	finish := func(code int, data []byte, err error) {
		onOK.Release()
		onErr.Release()
		if onText.Truthy() {
			onText.Release()
		}
		h.env.Lock()
		done(code, data, err)
		h.env.UnlockRender()
	}
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "network error"
		if len(args) > 0 {
			msg = args[0].Call("toString").String()
		}
		go finish(0, nil, errString(msg))
		return nil
	})
	onText = js.FuncOf(func(_ js.Value, args []js.Value) any {
		text := args[0].String()
		go finish(status, []byte(text), nil)
		return nil
	})
	onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resp := args[0]
		status = resp.Get("status").Int()
		resp.Call("text").Call("then", onText, onErr)
		return nil
	})
	h.win.Call("fetch", url, init).Call("then", onOK, onErr)
}

func (h *browserHost) Location() (string, string) {
	loc := h.win.Get("location")
	return loc.Get("hash").String(), loc.Get("search").String()
}

func (h *browserHost) Confirm(question string) bool {
	return h.win.Call("confirm", question).Truthy()
}

func (h *browserHost) Every(intervalMs int, f func()) func() {
	cb := js.FuncOf(func(js.Value, []js.Value) any {
		go func() {
			h.env.Lock()
			f()
			h.env.UnlockRender()
		}()
		return nil
	})
	id := h.win.Call("setInterval", cb, intervalMs)
	return func() {
		h.win.Call("clearInterval", id)
		cb.Release()
	}
}

func (h *browserHost) NowMs() float64 {
	return h.win.Get("performance").Call("now").Float()
}

func (h *browserHost) ReadFile(event vugu.DOMEvent, done func(string, []byte, error)) {
	target := js.Value(event.JSEventTarget())
	files := target.Get("files")
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	h.readBlob(files.Index(0), done)
	// Let the same file be chosen again after a failed import.
	target.Set("value", "")
}

// readBlob reads a File's bytes and calls done, with the render lock held.
func (h *browserHost) readBlob(file js.Value, done func(string, []byte, error)) {
	name := file.Get("name").String()
	var onOK, onErr js.Func
	finish := func(data []byte, err error) {
		onOK.Release()
		onErr.Release()
		h.env.Lock()
		done(name, data, err)
		h.env.UnlockRender()
	}
	onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
		arr := js.Global().Get("Uint8Array").New(args[0])
		data := make([]byte, arr.Get("length").Int())
		js.CopyBytesToGo(data, arr)
		go finish(data, nil)
		return nil
	})
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		go finish(nil, errString("the browser could not read "+name))
		return nil
	})
	file.Call("arrayBuffer").Call("then", onOK, onErr)
}

// ScrollToEnd scrolls in the next animation frame, so that the layout it needs is the one the
// browser does for painting anyway (reading scrollHeight now would force an extra layout).
func (h *browserHost) ScrollToEnd(id string) {
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		cb.Release()
		if el := h.win.Get("document").Call("getElementById", id); el.Truthy() {
			el.Set("scrollTop", el.Get("scrollHeight"))
		}
		return nil
	})
	h.win.Call("requestAnimationFrame", cb)
}

// Engine posts a request to the engine worker, started on first use.
func (h *browserHost) Engine(req []byte, done func([]byte, error)) {
	if !h.worker.Truthy() {
		h.pending = map[int]func([]byte, error){}
		h.worker = js.Global().Get("Worker").New("engine.js")
		h.worker.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
			data := args[0].Get("data").String()
			go h.engineAnswer([]byte(data))
			return nil
		}))
		h.worker.Set("onerror", js.FuncOf(func(_ js.Value, args []js.Value) any {
			msg := "the engine worker failed"
			if len(args) > 0 && args[0].Get("message").Truthy() {
				msg += ": " + args[0].Get("message").String()
			}
			go h.engineFailed(msg)
			return nil
		}))
	}
	h.pending[ui.RequestID(req)] = done
	h.worker.Call("postMessage", string(req))
}

func (h *browserHost) engineAnswer(data []byte) {
	head := ui.AnswerHeadOf(data)
	h.env.Lock()
	defer h.env.UnlockRender()
	if head.ID == -1 {
		h.failPending(head.Error)
		return
	}
	if done, ok := h.pending[head.ID]; ok {
		if !head.More {
			delete(h.pending, head.ID)
		}
		done(data, nil)
	}
}

// SetHTML sets an element's inner HTML once per key (the key is kept on the element as a
// property, which vugu's attribute sync does not touch).
func (h *browserHost) SetHTML(id, key, html string) {
	el := h.win.Get("document").Call("getElementById", id)
	if !el.Truthy() {
		return
	}
	if k := el.Get("failwrightKey"); k.Type() == js.TypeString && k.String() == key {
		return
	}
	el.Set("innerHTML", html)
	el.Set("failwrightKey", key)
}

// Rect returns the element's bounding client rectangle.
func (h *browserHost) Rect(id string) (float64, float64, float64, float64, bool) {
	el := h.win.Get("document").Call("getElementById", id)
	if !el.Truthy() {
		return 0, 0, 0, 0, false
	}
	r := el.Call("getBoundingClientRect")
	return r.Get("left").Float(), r.Get("top").Float(), r.Get("width").Float(), r.Get("height").Float(), true
}

func (h *browserHost) engineFailed(msg string) {
	h.env.Lock()
	defer h.env.UnlockRender()
	h.failPending(msg)
}

func (h *browserHost) failPending(msg string) {
	for id, done := range h.pending {
		delete(h.pending, id)
		done(nil, errString(msg))
	}
}

// AfterFrame runs f in the task that a setTimeout 0 queues from the next animation frame's
// callback, so after that frame's style, layout and paint.
func (h *browserHost) AfterFrame(f func()) {
	var frame, task js.Func
	task = js.FuncOf(func(js.Value, []js.Value) any {
		task.Release()
		go func() {
			h.env.Lock()
			f()
			h.env.UnlockOnly()
		}()
		return nil
	})
	frame = js.FuncOf(func(js.Value, []js.Value) any {
		frame.Release()
		h.win.Call("setTimeout", task, 0)
		return nil
	})
	h.win.Call("requestAnimationFrame", frame)
}

// Defer runs f in a later task (setTimeout 0), after the browser has painted.
func (h *browserHost) Defer(f func(), render bool) {
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		cb.Release()
		go func() {
			h.env.Lock()
			f()
			if render {
				h.env.UnlockRender()
			} else {
				h.env.UnlockOnly()
			}
		}()
		return nil
	})
	h.win.Call("setTimeout", cb, 0)
}

func (h *browserHost) Focus(id string) {
	if el := h.win.Get("document").Call("getElementById", id); el.Truthy() {
		el.Call("focus")
	}
}
