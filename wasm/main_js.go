//go:build js && wasm

// Command wasm is failwright's browser app: the GOOS=js program that index.html loads. It
// mounts the vugu components of package ui on #mount and runs vugu's render loop.
package main

import (
	"fmt"
	"runtime/debug"
	"syscall/js"

	"github.com/vugu/vugu"
	"github.com/vugu/vugu/domrender"

	"failwright/web/ui"
)

func main() {
	// Rendering allocates a whole virtual DOM per event; collecting less often keeps the
	// garbage collector's pauses (single-threaded in wasm) out of most frames, for some memory.
	debug.SetGCPercent(400)
	renderer, err := domrender.New("#mount")
	if err != nil {
		fatal(err)
		return
	}
	defer renderer.Release()
	env, err := vugu.NewBuildEnv(renderer.EventEnv())
	if err != nil {
		fatal(err)
		return
	}
	host := newBrowserHost(renderer.EventEnv())
	app := ui.NewApp(host)
	env.SetWireFunc(app.Wire) // each component gets the stores it asks for
	root := &ui.Root{}
	app.Wire(root)
	first := true
	perf := js.Global().Get("performance")
	for ok := true; ok; ok = renderer.EventWait() {
		t0 := perf.Call("now").Float()
		results := env.RunBuild(root)
		t1 := perf.Call("now").Float()
		if err := renderer.Render(results); err != nil {
			fatal(err)
			return
		}
		// For the performance figures: how long building the virtual DOM and syncing the
		// page took in the last render.
		last := js.ValueOf(map[string]any{"start": t0, "build": t1 - t0, "sync": perf.Call("now").Float() - t1})
		js.Global().Set("failwrightLastRender", last)
		if log := js.Global().Get("failwrightRenders"); log.Type() == js.TypeObject {
			log.Call("push", last) // a browser test is recording the renders
		}
		if first {
			first = false
			ready()
		}
		app.AfterRender()
	}
}

// ready hides the loader and records when the app became interactive, for the browser tests.
func ready() {
	doc := js.Global().Get("document")
	if l := doc.Call("getElementById", "loader"); l.Truthy() {
		l.Call("remove")
	}
	perf := js.Global().Get("performance")
	js.Global().Set("failwrightReadyAt", perf.Call("now"))
	doc.Get("body").Get("dataset").Set("ready", "1")
}

func fatal(err error) {
	msg := fmt.Sprintf("failwright: %v", err)
	js.Global().Get("console").Call("error", msg)
	if box := js.Global().Get("document").Call("getElementById", "load-error"); box.Truthy() {
		box.Set("textContent", msg)
		box.Set("hidden", false)
	}
}
