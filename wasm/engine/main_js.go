//go:build js && wasm

// Command engine is the browser app's engine worker: engine.js runs it in a Web Worker and
// hands it proto requests (scenario runs, training drills, plans, failure analyses) as JSON
// strings; it answers each with a JSON string. Keeping this code out of app.wasm keeps the
// page's download small and its thread free while plans are simulated and analyses run.
package main

import (
	"syscall/js"

	"failwright/web/engine"
)

func main() {
	var s engine.Server
	s.Memory = func() int64 {
		f := js.Global().Get("failwrightEngineMemory")
		if f.Type() != js.TypeFunction {
			return 0
		}
		return int64(f.Invoke().Float())
	}
	js.Global().Set("failwrightEngine", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 {
			return `{"error":"one request expected"}`
		}
		return string(s.Handle([]byte(args[0].String())))
	}))
	select {}
}
