//go:build !(js && wasm)

// Command wasm is failwright's browser app; it only runs as WebAssembly in a page. Build it
// with "make web" and serve it with "failwright serve".
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm: this program runs in the browser; build it with 'make web' and run 'failwright serve'")
	os.Exit(2)
}
